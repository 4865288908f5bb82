"""The index commands: demo, index, build, list, show, search, topics, languages, export, schema."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

import otsmaterials as om

from clirun import Run
from demo_fixture import DEMO_LESSONS, Corpus, Demo, copy_demo


@pytest.fixture(scope="module")
def demo(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """This module's copy of the shared demo: its commands sync and index it again."""
    return copy_demo(demo, tmp_path_factory.mktemp("cli") / "demo")


@pytest.fixture(scope="module")
def stale_index(stale_corpus: Corpus) -> Path:
    return stale_corpus.index_path


def table(out: str) -> list[list[str]]:
    """Rows of an aligned table, cells split on two or more spaces."""
    return [re.split(r"\s{2,}", line.strip()) for line in out.splitlines() if line.strip()]


def json_out(out: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(out)
    return loaded


def listing(directory: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(directory)): p.read_bytes() if p.is_file() else b"<dir>"
        for p in sorted(directory.rglob("*"))
    }


# --- demo ---------------------------------------------------------------------------------------


def test_demo_prints_lessons_by_languages_and_can_run_again(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "demo"
    code, out, err = run("demo", target)
    assert code == 0
    rows = table(out)
    assert rows[0] == ["LESSON", "de", "en", "es-CL", "fr", "nl", "pt-BR"]
    assert [row[0] for row in rows[1:]] == DEMO_LESSONS
    functions = dict(zip(rows[0], rows[4], strict=True))
    assert functions == {
        "LESSON": "python-sphinx/functions",
        "de": "44%",
        "en": "100%*",
        "es-CL": "·",
        "fr": "0%",
        "nl": "·",
        "pt-BR": "·",
    }
    assert "11 lessons in 6 languages" in err
    catalogue = target / "catalogue.toml"
    assert f"otsmaterials list -c {catalogue.resolve()}" in err
    assert [m.id for m in om.load_catalogue(catalogue).materials] == [
        "python-sphinx",
        "web-markdown",
        "js-branches",
    ]

    code, again, _ = run("demo", target)
    assert code == 0
    assert again == out

    code, out, _ = run("list", "-c", catalogue)
    assert code == 0
    assert [row[0] for row in table(out)[1:]] == DEMO_LESSONS


def test_demo_refuses_a_foreign_directory(run: Run, tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    (foreign / "sub").mkdir(parents=True)
    (foreign / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (foreign / "sub" / "data.bin").write_bytes(b"\x00\x01")
    before = listing(foreign)
    code, out, err = run("demo", foreign)
    assert code == 2
    assert out == ""
    assert "not empty" in err
    assert err.startswith("otsmaterials: error:")
    assert listing(foreign) == before


# --- index and build ----------------------------------------------------------------------------


def test_index_reports_every_material(run: Run, demo: Demo) -> None:
    code, out, err = run("index", "-c", demo.catalogue)
    assert code == 0
    rows = table(out)
    assert rows[0] == ["MATERIAL", "STATUS", "COMMIT", "LESSONS", "DETAIL"]
    assert [(row[0], row[1]) for row in rows[1:]] == [
        ("python-sphinx", "unchanged"),
        ("web-markdown", "unchanged"),
        ("js-branches", "unchanged"),
    ]
    assert f"index unchanged: {demo.index}" in err

    code, out, _ = run("index", "-c", demo.catalogue, "--json", "-q")
    assert code == 0
    report = json_out(out)
    assert report["schema_version"] == 1
    assert report["changed"] is False
    assert report["index"] == str(demo.index)
    assert [m["status"] for m in report["materials"]] == ["unchanged"] * 3


def test_index_builds_a_fresh_index_where_asked(run: Run, demo: Demo, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"
    code, out, _ = run("index", "-c", demo.catalogue, "--index", fresh, "--json", "-q")
    assert code == 0
    report = json_out(out)
    assert report["changed"] is True
    assert [(m["id"], m["status"], m["lessons"]) for m in report["materials"]] == [
        ("python-sphinx", "indexed", 4),
        ("web-markdown", "indexed", 4),
        ("js-branches", "indexed", 3),
    ]
    with om.Index.open(fresh) as index:
        assert [lesson.id for lesson in index.lessons()] == DEMO_LESSONS


def test_build_json_report(run: Run, demo: Demo) -> None:
    code, out, err = run("build", "-c", demo.catalogue, "--json")
    assert code == 0
    report = json_out(out)
    assert report["schema_version"] == 1
    assert [m["status"] for m in report["sync"]["materials"]] == ["unchanged"] * 3
    assert report["index"]["changed"] is False
    assert [m["id"] for m in report["index"]["materials"]] == [
        "python-sphinx",
        "web-markdown",
        "js-branches",
    ]
    assert "js-branches" in err  # progress goes to stderr

    code, out, _ = run("build", "-c", demo.catalogue, "-q")
    assert code == 0
    assert "MATERIAL" in out


# --- list, show, search, topics, languages ------------------------------------------------------


def test_list_table_and_json(run: Run, demo: Demo) -> None:
    code, out, _ = run("list", "-c", demo.catalogue)
    assert code == 0
    rows = table(out)
    assert rows[0] == ["LESSON", "TITLE", "LANGUAGES"]
    assert [row[0] for row in rows[1:]] == DEMO_LESSONS
    assert rows[3] == ["python-sphinx/loops", "Loops", "de 100%, en* 100%, es-CL 58%, fr 0%"]

    code, out, _ = run("list", "-c", demo.catalogue, "--json")
    assert code == 0
    document = json_out(out)
    assert document["schema_version"] == 1
    assert [lesson["id"] for lesson in document["lessons"]] == DEMO_LESSONS
    assert document["lessons"][2]["versions"]["de"]["title"] == "Schleifen"


def test_list_in_a_language_shows_the_titles_in_it(run: Run, demo: Demo) -> None:
    code, out, _ = run("list", "-c", demo.catalogue, "--language", "de")
    assert code == 0
    titles = {row[0]: row[1] for row in table(out)[1:]}
    assert titles["python-sphinx/loops"] == "Schleifen"
    assert titles["python-sphinx/functions"] == "Funktionen"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            ["--language", "de"],
            [
                i
                for i in DEMO_LESSONS
                if i not in {"web-markdown/extras/forms", "js-branches/03-functions"}
            ],
        ),
        (["--language", "pt-BR"], DEMO_LESSONS[4:6]),
        (["--topic", "javascript"], DEMO_LESSONS[8:]),
        (["--material", "python-sphinx", "--language", "es-CL"], DEMO_LESSONS[:3]),
        (["--topic", "nothing"], []),
    ],
)
def test_list_filters(run: Run, demo: Demo, options: list[str], expected: list[str]) -> None:
    code, out, _ = run("list", "-c", demo.catalogue, *options)
    assert code == 0
    assert [row[0] for row in table(out)[1:]] == expected


def test_show_prints_versions_and_banners(run: Run, demo: Demo) -> None:
    code, out, _ = run("show", "python-sphinx/functions", "-c", demo.catalogue)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "python-sphinx/functions  (lesson 4 of python-sphinx)"
    assert "topics: python" in lines
    assert "[de] Funktionen  (gettext translation, 44%)" in lines
    assert "  file: source/locale/de/LC_MESSAGES/functions.po" in lines
    assert "[en] Functions  (original, 100%)" in lines
    banners = [line.strip() for line in lines if line.strip().startswith("banner:")]
    assert banners == ["banner: 44% translated", "banner: 0% translated"]
    english = out[out.index("[en]") : out.index("[fr]")]
    assert "banner" not in english

    code, out, _ = run("show", "js-branches/01-hello", "-c", demo.catalogue)
    assert code == 0
    assert "  file: 01-hello.md on branch german" in out.splitlines()
    assert "banner" not in out


def test_show_banner_of_outdated_translations(run: Run, stale_index: Path) -> None:
    code, out, _ = run("show", "stale/01-intro", "--index", stale_index)
    assert code == 0
    assert "[es] Introducción  (file translation, 100%)" in out
    assert "  banner: translation older than the original since 2024-03-05" in out.splitlines()
    code, out, _ = run("show", "stale/02-next", "--index", stale_index)
    assert code == 0
    assert "  file: 02-next.md on branch german" in out.splitlines()
    assert "  banner: translation older than the original since 2024-04-07" in out.splitlines()
    code, out, _ = run("show", "stale/03-last", "--index", stale_index)
    assert code == 0
    assert "banner" not in out


def test_show_json(run: Run, demo: Demo) -> None:
    code, out, _ = run("show", "python-sphinx/loops", "-c", demo.catalogue, "--json")
    assert code == 0
    document = json_out(out)
    assert document["schema_version"] == 1
    lesson = document["lesson"]
    assert lesson["id"] == "python-sphinx/loops"
    assert sorted(lesson["versions"]) == ["de", "en", "es-CL", "fr"]
    assert lesson["versions"]["es-CL"]["completeness"] == pytest.approx(0.58, abs=0.01)


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_show_unknown_lesson_is_a_usage_error(run: Run, demo: Demo, extra: list[str]) -> None:
    code, out, err = run("show", "nope", "-c", demo.catalogue, *extra)
    assert code == 2
    assert out == ""
    assert err.strip() == "otsmaterials: error: no lesson 'nope' in the index"


def test_search(run: Run, demo: Demo) -> None:
    code, out, _ = run("search", "SCHLEIFE", "-c", demo.catalogue)
    assert code == 0
    rows = table(out)
    assert rows[0] == ["LESSON", "LANG", "TITLE", "MATCH"]
    assert [row[:3] for row in rows[1:]] == [["python-sphinx/loops", "de", "Schleifen"]]
    assert "[Schleife" in rows[1][3]

    code, out, _ = run("search", "introduccion", "-c", demo.catalogue, "--json")
    assert code == 0
    document = json_out(out)
    assert document["schema_version"] == 1
    assert ("python-sphinx/introduction", "es-CL") in [
        (hit["lesson"], hit["language"]) for hit in document["hits"]
    ]

    code, out, _ = run("search", "schleife", "--language", "en", "-c", demo.catalogue)
    assert code == 0
    assert table(out) == [["LESSON", "LANG", "TITLE", "MATCH"]]


def test_topics(run: Run, demo: Demo) -> None:
    code, out, _ = run("topics", "-c", demo.catalogue)
    assert code == 0
    assert table(out)[:4] == [
        ["TOPIC", "NAME", "LESSONS"],
        ["python", "Python", "4"],
        ["web-development", "Web Development", "4"],
        ["javascript", "JavaScript", "3"],
    ]
    code, out, _ = run("topics", "-c", demo.catalogue, "--json")
    assert code == 0
    document = json_out(out)
    assert document["schema_version"] == 1
    assert {t["id"]: t["lessons"] for t in document["topics"]}["html"] == 3


def test_languages_in_french(run: Run, demo: Demo) -> None:
    code, out, _ = run("languages", "--display-locale", "fr", "-c", demo.catalogue)
    assert code == 0
    rows = table(out)
    assert rows[0] == ["TAG", "NAME", "NATIVE NAME", "LESSONS"]
    assert rows[1:4] == [
        ["de", "allemand", "Deutsch", "9"],
        ["en", "anglais", "English", "11"],
        ["es-CL", "espagnol (Chili)", "español (Chile)", "3"],
    ]
    code, out, _ = run("languages", "-c", demo.catalogue, "--json")
    assert code == 0
    assert [i["tag"] for i in json_out(out)["languages"]] == ["de", "en", "es-CL", "nl", "pt-BR"]


# --- export and schema --------------------------------------------------------------------------


def test_export_json_to_a_file_is_atomic_and_equals_stdout(
    run: Run, demo: Demo, tmp_path: Path
) -> None:
    code, out, _ = run("export", "--format", "json", "-c", demo.catalogue)
    assert code == 0
    target = tmp_path / "out" / "catalogue.json"
    target.parent.mkdir()
    target.write_text("old content\n", encoding="utf-8")
    code, printed, err = run("export", "--format", "json", "-o", target, "-c", demo.catalogue)
    assert code == 0
    assert printed == ""
    assert f"wrote {target}" in err
    assert target.read_bytes() == out.encode("utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["catalogue.json"]
    with om.Index.open(demo.index) as index:
        assert target.read_text(encoding="utf-8") == index.export_json()
    assert json.loads(out)["schema_version"] == om.SCHEMA_VERSION


def test_export_filters_and_jekyll(run: Run, demo: Demo) -> None:
    code, out, _ = run("export", "--topic", "javascript", "-c", demo.catalogue)
    assert code == 0
    assert [m["id"] for m in json_out(out)["materials"]] == ["js-branches"]

    code, out, _ = run("export", "--format", "jekyll", "--language", "pt-BR", "-c", demo.catalogue)
    assert code == 0
    data = yaml.safe_load(out)
    assert [s["name"] for s in data["sections"]] == ["Web Development"]
    assert data["sections"][0]["workshops"][0]["title"] == "Your First Web Page"

    code, out, _ = run("export", "--format", "jekyll", "-c", demo.catalogue)
    assert code == 0
    data = yaml.safe_load(out)
    assert [s["name"] for s in data["sections"]] == ["Python", "Web Development", "JavaScript"]


def test_export_rejects_an_unknown_format(run: Run, demo: Demo) -> None:
    code, out, err = run("export", "--format", "xml", "-c", demo.catalogue)
    assert code == 2
    assert out == ""
    assert "xml" in err


def test_schema_command(run: Run) -> None:
    code, out, _ = run("schema")
    assert code == 0
    document = json_out(out)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert out == om.export_schema()


# --- finding the index --------------------------------------------------------------------------


def _lesson_ids(out: str) -> list[str]:
    return [row[0] for row in table(out)[1:]]


@pytest.mark.parametrize(
    "command",
    [["list"], ["topics"], ["search", "schleife"], ["show", "python-sphinx/loops"], ["export"]],
)
def test_index_option_and_environment_replace_the_catalogue(
    run: Run,
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: Sequence[str],
) -> None:
    code, expected, _ = run(*command, "-c", demo.catalogue)
    assert code == 0
    monkeypatch.chdir(tmp_path)  # no catalogue.toml here

    code, out, err = run(*command)
    assert code == 2
    assert "no catalogue" in err

    code, out, _ = run(*command, "--index", demo.index)
    assert code == 0
    assert out == expected

    monkeypatch.setenv("OTSMATERIALS_INDEX", str(demo.index))
    code, out, _ = run(*command)
    assert code == 0
    assert out == expected


def test_query_without_an_index_says_how_to_build_one(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    code, out, err = run("list", "--index", missing)
    assert code == 2
    assert out == ""
    assert str(missing) in err
    assert "not built yet: run `otsmaterials build`" in err
    assert not missing.exists()
