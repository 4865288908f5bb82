"""A chapter's catalogue on top of the global one: includes, overrides, hiding, origins."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

import otsmaterials as om
from otsmaterials.errors import CatalogueError

from clirun import Run
from demo_fixture import Corpus, lesson_md, numbered_lessons
from gitrepos import git_environment

CHAPTER = """\
name = "OTS Zürich"
include = ["opentechschool"]

[[topics]]
id = "python"
name = "Python (Zürich)"

[[materials]]
id = "zurich-python"
title = "Python in Zürich"
source = "https://github.com/opentechschool-zurich/py-co-learning"
topics = ["python"]

[[overrides]]
id = "python-beginners"
title = "Python für Anfänger"
status = "archived"
topics = ["python", "tools"]
branches = { de = "german" }
site_url = "https://zurich.example.org/python-beginners/"

[[overrides]]
id = "social-coding"
hidden = true
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        om.load_catalogue(path)
    return [str(problem) for problem in caught.value.problems]


def test_a_chapter_on_top_of_the_bundled_catalogue(tmp_path: Path) -> None:
    bundled = om.load_catalogue(Path(om.__file__).parent / "catalogues" / "opentechschool.toml")
    chapter = om.load_catalogue(write(tmp_path, "chapter.toml", CHAPTER))
    ids = [m.id for m in chapter.materials]
    assert ids == [m.id for m in bundled.materials if m.id != "social-coding"] + ["zurich-python"]
    assert chapter.name == "OTS Zürich"
    changed = chapter.material("python-beginners")
    original = bundled.material("python-beginners")
    assert (changed.title, changed.status, changed.topics) == (
        "Python für Anfänger",
        "retired",
        ("python", "tools"),
    )
    assert dict(changed.branches) == {"de": "german"}
    assert changed.site_url == "https://zurich.example.org/python-beginners/"
    assert (changed.source, changed.description) == (original.source, original.description)
    assert chapter.material("python-flask") == bundled.material("python-flask")
    assert chapter.topics[0].name == "Python (Zürich)"
    assert [t.id for t in chapter.topics] == [t.id for t in bundled.topics]

    origin = chapter.origin("python-beginners")
    assert origin is not None
    assert (origin.file, origin.line) == ("opentechschool", 25)
    assert origin.overridden == (
        f"{tmp_path / 'chapter.toml'}:14 (title, topics, status, branches, site_url)",
    )
    own = chapter.origin("zurich-python")
    assert own is not None
    assert (own.file, own.line, own.overridden) == (str(tmp_path / "chapter.toml"), 8, ())
    assert list(chapter.hidden) == ["social-coding"]
    assert chapter.hidden["social-coding"].overridden[-1].endswith(":22 (hidden)")


def test_includes_of_includes_by_path_with_local_sources(tmp_path: Path) -> None:
    base = tmp_path / "shared"
    (base / "repos" / "one.git").mkdir(parents=True)
    write(
        base,
        "global.toml",
        """\
        name = "Global"
        [[materials]]
        id = "one"
        title = "One"
        source = "repos/one.git"
        """,
    )
    write(base, "region.toml", 'name = "Region"\ninclude = ["global.toml"]\n')
    chapter = write(
        tmp_path / "city",
        "chapter.toml",
        """\
        name = "City"
        include = ["../shared/region.toml"]
        [settings]
        allow_local_sources = true
        [[overrides]]
        id = "one"
        title = "Eins"
        """,
    )
    loaded = om.load_catalogue(chapter)
    (one,) = loaded.materials
    assert one.title == "Eins"
    assert one.source == (base / "repos" / "one.git").resolve().as_uri()
    origin = loaded.origin("one")
    assert origin is not None
    assert (origin.file, origin.line) == ("../shared/global.toml", 2)  # from the chapter


def test_a_file_included_twice_counts_once_unless_changed_on_the_way(tmp_path: Path) -> None:
    write(tmp_path, "region.toml", 'include = ["opentechschool"]\n')
    city = write(tmp_path, "city.toml", 'include = ["opentechschool", "region.toml"]\n')
    bundled = om.load_catalogue(Path(om.__file__).parent / "catalogues" / "opentechschool.toml")
    assert om.load_catalogue(city).materials == bundled.materials
    write(
        tmp_path,
        "region.toml",
        'include = ["opentechschool"]\n[[overrides]]\nid = "python-flask"\ntitle = "Flask"\n',
    )
    found = problems(city)
    assert found == [
        (
            "line 1: include: region.toml and opentechschool:33 both have material "
            "'python-flask'; hide one of them with [[overrides]] (hidden = true)"
        )
    ]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.toml": 'include = ["a.toml"]\n'}, "include[0]: 'a.toml' is a cycle"),
        (
            {
                "a.toml": 'include = ["b.toml"]\n',
                "b.toml": 'include = ["c.toml"]\n',
                "c.toml": 'include = ["a.toml"]\n',
            },
            "a.toml → b.toml → c.toml → a.toml",
        ),
    ],
)
def test_cycles_are_refused_with_the_line(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    for name, text in files.items():
        write(tmp_path, name, text)
    found = problems(tmp_path / "a.toml")
    assert any(expected in problem for problem in found), found
    assert all("line 1:" in problem for problem in found), found


BROKEN_CHAPTER = """\
name = "Broken"
include = ["opentechschool", "missing.toml", "nonesuch", "bad.toml"]

[[materials]]
id = "python-flask"
title = "Our own Flask"
source = "https://github.com/example/flask"

[[overrides]]
id = "no-such-material"
title = "X"

[[overrides]]
id = "cssclasses"

[[overrides]]
id = "python-flask"
title = "Again"

[[overrides]]
id = "sql-tutorial"
hidden = true

[[overrides]]
id = "sql-tutorial"
title = "Twice"
"""

INVALID_OVERRIDES = """\
include = ["opentechschool"]

[[overrides]]
id = "python-beginners"
source = "https://github.com/example/elsewhere"

[[overrides]]
id = "html-css-beginners"
site_url = "not a url"
status = "bogus"
"""

BAD_INCLUDED = """\
name = "Bad"

[[materials]]
id = "Bad Id"
title = "Bad"
source = "https://github.com/example/bad"

[[materials]]
id = "local"
title = "Local"
source = "/srv/repos/local.git"
"""


def test_every_problem_names_its_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "bad.toml", BAD_INCLUDED)
    found = problems(write(tmp_path, "chapter.toml", BROKEN_CHAPTER))
    expected = [
        "line 2: include[1]: 'missing.toml': no such file",
        "line 2: include[2]: no bundled catalogue 'nonesuch' (bundled: opentechschool)",
        "line 5: materials[0].id: duplicate id 'python-flask': opentechschool:33 has it",
        "line 10: overrides[0].id: no included material 'no-such-material' to override",
        "line 13: overrides[1]: an override that changes nothing",
        "line 17: overrides[2].id: 'python-flask' is this file's own material",
        "line 25: overrides[4].id: 'sql-tutorial' is already overridden by overrides[3]",
        "bad.toml: line 4: materials[0] (Bad Id).id: invalid slug 'Bad Id'",
        "bad.toml: line 11: materials[1] (local).source: ",
    ]
    assert len(found) == len(expected), found
    for start in expected:
        assert any(problem.startswith(start) for problem in found), (start, found)


def test_an_override_may_change_only_the_listed_keys_to_valid_values(tmp_path: Path) -> None:
    found = problems(write(tmp_path, "chapter.toml", INVALID_OVERRIDES))
    assert found == [
        (
            "line 5: overrides[0].source: unknown key: an override may change title, titles,"
            " topics, status, branches, site_url or set hidden = true"
        ),
        "line 9: overrides[1].site_url: invalid web address 'not a url': expected http:// or https://",
        f"line 10: overrides[1].status: {found[2].split(': ', 2)[2]}",
    ]
    assert found[2].startswith("line 10: overrides[1].status: unknown status 'bogus': use one of")


def test_an_included_source_is_judged_by_the_including_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        "permissive.toml",
        """\
        [settings]
        allow_local_sources = true
        [[materials]]
        id = "local"
        title = "Local"
        source = "/srv/repos/local.git"
        """,
    )
    found = problems(write(tmp_path, "chapter.toml", 'include = ["permissive.toml"]\n'))
    assert len(found) == 1
    assert found[0].startswith("permissive.toml: line 6: materials[0] (local).source: ")
    assert "local" in found[0]


def test_catalogue_show_prints_the_merged_catalogue_with_origins(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "chapter.toml", CHAPTER)
    code, out, _ = run("catalogue", "show", "-c", path)
    assert code == 0
    assert f"# hidden: social-coding (from opentechschool:98; overridden by {path}:22" in out
    block = out[out.index("# from opentechschool:25") :]
    assert block.startswith(
        f"# from opentechschool:25; overridden by {path}:14 "
        "(title, topics, status, branches, site_url)\n[[materials]]\n"
        'id = "python-beginners"\ntitle = "Python für Anfänger"\n'
    )
    assert f'# from {path}:8\n[[materials]]\nid = "zurich-python"' in out
    assert "include" not in out.split("\n\n", 2)[1]
    shown = tmp_path / "shown.toml"
    shown.write_text(out, encoding="utf-8")
    again = om.load_catalogue(shown)  # what show prints is a catalogue of its own
    assert again.materials == om.load_catalogue(path).materials

    code, out, _ = run("catalogue", "show", "--json", "-c", path)
    assert code == 0
    data = json.loads(out)
    first = data["materials"][0]
    assert (first["id"], first["title"], first["origin"]["file"]) == (
        "python-beginners",
        "Python für Anfänger",
        "opentechschool",
    )
    assert [h["id"] for h in data["hidden"]] == ["social-coding"]


def test_catalogue_check_reports_problems_of_included_files(run: Run, tmp_path: Path) -> None:
    write(tmp_path, "bad.toml", BAD_INCLUDED)
    path = write(tmp_path, "chapter.toml", 'include = ["bad.toml"]\n')
    code, out, _ = run("catalogue", "check", "-c", path)
    assert code == 1
    assert "bad.toml: line 4: materials[0] (Bad Id).id: invalid slug" in out
    code, out, _ = run("catalogue", "check", "--json", "-c", path)
    assert code == 1
    problem = json.loads(out)["problems"][0]
    assert (problem["file"], problem["line"]) == ("bad.toml", 4)


def test_a_chapter_builds_an_index_of_its_own(tmp_path: Path) -> None:
    with git_environment(tmp_path / "home"):
        corpus = Corpus(tmp_path / "global")
        corpus.add("kept", numbered_lessons("kept", 2), topics=["web"])
        corpus.add("gone", {"only.md": lesson_md("Gone", 1, "Words of a lesson. " * 20)})
        corpus.write_catalogue()
        chapter = write(
            tmp_path / "chapter",
            "catalogue.toml",
            """\
            name = "Chapter"
            include = ["../global/catalogue.toml"]
            [settings]
            allow_local_sources = true
            cache_dir = "cache"
            index = "index.sqlite"
            [[overrides]]
            id = "kept"
            title = "Behalten"
            titles = { en = "Kept" }
            [[overrides]]
            id = "gone"
            hidden = true
            """,
        )
        report = om.build(om.load_catalogue(chapter))
        assert report.ok, report
    with om.Index.open(tmp_path / "chapter" / "index.sqlite") as index:
        assert [m.id for m in index.materials()] == ["kept"]
        assert index.material("kept").title == "Behalten"
        data = yaml.safe_load(index.export_jekyll())
        assert data["sections"][0]["workshops"][0]["title"] == "Behalten"
        assert index.catalogue_name == "Chapter"
