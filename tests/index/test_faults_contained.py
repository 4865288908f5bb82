"""One bad file is that file's problem; one failing material is that material's failure.

A material whose lessons hold front matter YAML cannot make and whose catalogs hold escapes,
charsets and numbers the reader refuses is built next to a good material: every bad file is a
problem naming its line, every good lesson of both materials is indexed. Parsers and whole
materials that fail as they never should (injected here) are contained the same way, and the
command line never shows a traceback for them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.index import build as build_module
from otsmaterials.index import material as material_module
from otsmaterials.index import parsing

from demo_fixture import table_contents
from gitrepos import RepoBuilder, git_wrapper, write_catalogue

HUGE = "9" * 5000
LESSONS = {
    "good.md": "# A good lesson\n\nLoops repeat things.\n",
    "other.md": "# Another lesson\n\nLists hold things.\n",
    "dated.md": "---\ntitle: Dated\ndate: 2024-13-01\n---\n\nA date that is none.\n",
    "tagged.md": "---\ntitle: Tagged\n\nstamp: !!int x\n---\n\nA tag that does not fit.\n",
    "numbered.md": f"---\ntitle: Numbered\nnum: {HUGE}\n---\n\nA number too long.\n",
}
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: de\\n"\n'
    '"Content-Type: text/plain; charset={charset}\\n"\n'
    '"Plural-Forms: {plural}\\n"\n\n'
)
GOOD_PLURAL = "nplurals=2; plural=(n != 1);"


def catalog(
    msgstr: str, *, charset: str = "UTF-8", plural: str = GOOD_PLURAL, msgid: str = "A good lesson"
) -> str:
    head = HEADER.format(charset=charset, plural=plural)
    return f'{head}msgid "{msgid}"\nmsgstr "{msgstr}"\n'


CATALOGS = {
    "locale/de/LC_MESSAGES/good.po": catalog("Eine gute Lektion"),
    "locale/de/LC_MESSAGES/other.po": catalog("Noch eine", msgid="Another lesson"),
    "locale/fr/LC_MESSAGES/good.po": catalog("Une le\\9on"),
    "locale/es/LC_MESSAGES/good.po": catalog("Una", charset="rot13"),
    "locale/it/LC_MESSAGES/good.po": catalog("Una", plural=f"nplurals={HUGE}; plural=0;"),
}
EXPECTED_PROBLEMS = {
    "tagged.md": (4, "cannot read 'x' as !!int"),
    "numbered.md": (3, "num: expected a whole number"),
    "locale/fr/LC_MESSAGES/good.po": (8, "invalid escape sequence '\\9'"),
    "locale/es/LC_MESSAGES/good.po": (4, "'rot13' is not a text encoding"),
    "locale/it/LC_MESSAGES/good.po": (5, "nplurals must be 1 to 6"),
}


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    bad = RepoBuilder(tmp_path / "repos" / "bad")
    bad.write({**LESSONS, **CATALOGS}).commit("lessons YAML and gettext cannot all read")
    good = RepoBuilder(tmp_path / "repos" / "good")
    good.write({"intro.md": "# Introduction\n\nWelcome.\n"}).commit("one lesson")
    materials = [
        {"id": "bad", "title": "Bad", "source": str(bad.path)},
        {"id": "good", "title": "Good", "source": str(good.path)},
    ]
    return write_catalogue(
        tmp_path / "catalogue.toml", materials, settings={"allow_local_sources": True}
    )


def build(catalogue: Path) -> om.BuildReport:
    folder = catalogue.parent
    return om.build(
        om.load_catalogue(catalogue), cache=folder / "cache", index=folder / "index.sqlite"
    )


def lesson_ids(catalogue: Path) -> set[str]:
    with om.Index.open(catalogue.parent / "index.sqlite") as index:
        return {lesson.id for lesson in index.lessons()}


def test_each_bad_file_is_a_problem_with_its_line_and_the_rest_is_indexed(catalogue: Path) -> None:
    report = build(catalogue)
    assert [m.status for m in report.index.materials] == ["indexed", "indexed"]
    errors = {p.path: (p.line, p.message) for p in report.index.problems if p.severity == "error"}
    assert set(errors) == set(EXPECTED_PROBLEMS)
    for path, (line, message) in EXPECTED_PROBLEMS.items():
        assert errors[path][0] == line, path
        assert message in errors[path][1], path
    assert lesson_ids(catalogue) == {"bad/good", "bad/other", "bad/dated", "good/intro"}
    with om.Index.open(catalogue.parent / "index.sqlite") as index:
        assert set(index.lesson("bad/good").versions) == {"en", "de"}


def test_the_command_line_reports_them_without_a_traceback(catalogue: Path, run) -> None:
    code, _out, err = run("build", "-c", catalogue, "--cache", catalogue.parent / "cache")
    assert code == 0
    for path, (line, _message) in EXPECTED_PROBLEMS.items():
        assert f"{path}:{line}:" in err


def failing_for(name: str, real):
    def parse(data: bytes, path: str, **options: object) -> object:
        if path.endswith(name):
            raise RuntimeError(f"injected failure for {path}")
        return real(data, path, **options)

    return parse


def test_a_parser_failing_unexpectedly_costs_only_that_file_and_is_not_cached(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(parsing, "parse_document", failing_for("good.md", parsing.parse_document))
        patch.setattr(parsing, "read_markdown", failing_for("good.md", parsing.read_markdown))
        patch.setattr(parsing, "parse_po", failing_for("de/LC_MESSAGES/other.po", parsing.parse_po))
        report = build(catalogue)
    assert [m.status for m in report.index.materials] == ["indexed", "indexed"]
    unexpected = {p.path: p.message for p in report.index.problems if "injected" in p.message}
    assert set(unexpected) == {"good.md", "locale/de/LC_MESSAGES/other.po"}
    assert all(
        m.startswith("unexpected RuntimeError: injected failure") for m in unexpected.values()
    )
    assert all(
        "parsing.py" not in m and "test_faults_contained.py:" in m for m in unexpected.values()
    )
    assert lesson_ids(catalogue) == {"bad/other", "bad/dated", "good/intro"}
    with om.Index.open(catalogue.parent / "index.sqlite") as index:
        assert set(index.lesson("bad/other").versions) == {"en"}
    again = build(catalogue)  # the parser works again: the file is read, not taken from a cache
    assert [m.status for m in again.index.materials] == ["indexed", "unchanged"]
    assert lesson_ids(catalogue) == {"bad/good", "bad/other", "bad/dated", "good/intro"}
    with om.Index.open(catalogue.parent / "index.sqlite") as index:
        assert set(index.lesson("bad/other").versions) == {"en", "de"}


@pytest.mark.parametrize("failure", [RuntimeError("boom"), MemoryError()])
def test_a_material_failing_unexpectedly_keeps_its_previous_entry_and_the_others_are_indexed(
    failure: Exception, catalogue: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    assert build(catalogue).ok
    before = lesson_ids(catalogue)
    real = material_module.index_material

    def index_material(spec, mirror, **options):
        if spec.id == "bad":
            raise failure
        return real(spec, mirror, **options)

    monkeypatch.setattr(material_module, "index_material", index_material)
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('"Bad"', '"Worse"').replace('"Good"', '"Better"'), "utf-8")
    index_path = catalogue.parent / "index.sqlite"
    report = build_module.build_index(
        om.load_catalogue(catalogue), cache=catalogue.parent / "cache", index=index_path
    )
    bad, good = report.materials
    assert (bad.status, good.status) == ("failed", "indexed")
    assert bad.error.startswith(f"unexpected {type(failure).__name__}")
    assert "previous entry is kept" in bad.error
    with om.Index.open(index_path) as index:
        assert [index.material("bad").title, index.material("good").title] == ["Bad", "Better"]
    assert lesson_ids(catalogue) == before
    code, out, _err = run("index", "-c", catalogue, "--cache", catalogue.parent / "cache")
    assert code == 1
    row = next(line for line in out.splitlines() if line.startswith("bad "))
    assert row.split()[1] == "failed"
    assert f"unexpected {type(failure).__name__}" in row


@pytest.mark.parametrize("error", [RuntimeError, ImportError, MemoryError])
def test_code_that_fails_to_load_is_no_materials_failure(
    error: type[Exception], catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A module the build loads as it reads a material (the parsers load lazily) that fails as
    it loads (a broken installation; pydantic reporting an interrupt as a ``SchemaError`` while
    it builds a model) is the build's failure, not one recorded against each material."""
    assert build(catalogue).ok
    (tmp_path / "loaded_late.py").write_text(
        f"class Model:\n    raise {error.__name__}('cannot build the validator')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(tmp_path)

    def index_material(spec, mirror, **options):
        import loaded_late  # noqa: F401 - loaded as the material is read

    monkeypatch.setattr(material_module, "index_material", index_material)
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('"Bad"', '"Worse"'), "utf-8")
    index_path = catalogue.parent / "index.sqlite"
    with pytest.raises(error, match="cannot build"):
        build_module.build_index(
            om.load_catalogue(catalogue), cache=catalogue.parent / "cache", index=index_path
        )
    with om.Index.open(index_path) as index:
        assert index.material("bad").title == "Bad"


@pytest.mark.parametrize("command", ["cat-file", "rev-list", "ls-tree"])
def test_a_git_killed_while_a_material_is_read_is_that_materials_failure(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A git process killed from outside (the out-of-memory killer, ``kill -9``) says so, and
    only the material it was reading fails; the next build reads it again."""
    folder = catalogue.parent
    assert om.sync(om.load_catalogue(catalogue), cache=folder / "cache").ok
    bindir = git_wrapper(
        tmp_path,
        f"""\
        case " $* " in
          *"/bad.git"*" {command} "*) kill -9 $$ ;;
        esac
        """,
    )
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    index = folder / "index.sqlite"
    report = om.build_index(om.load_catalogue(catalogue), cache=folder / "cache", index=index)
    bad, good = report.materials
    assert (bad.status, good.status) == ("failed", "indexed")
    assert bad.error is not None
    assert f"git {command} failed: killed by signal 9 (SIGKILL)" in bad.error
    monkeypatch.undo()
    again = om.build_index(om.load_catalogue(catalogue), cache=folder / "cache", index=index)
    assert [m.status for m in again.materials] == ["indexed", "unchanged"]


def test_catalogs_parsed_by_worker_processes_give_the_same_index_and_problems(
    catalogue: Path,
) -> None:
    """Two catalogs or more are parsed in the worker processes: the same catalogs, the same
    problems with their lines, the same parse cache."""
    folder = catalogue.parent
    assert om.sync(om.load_catalogue(catalogue), cache=folder / "cache").ok
    reports = {}
    for workers in (1, 2):
        index = folder / f"index-{workers}.sqlite"
        reports[workers] = om.build_index(
            om.load_catalogue(catalogue), cache=folder / "cache", index=index, workers=workers
        )
    one, two = reports[1], reports[2]
    assert [m.status for m in two.materials] == ["indexed", "indexed"]
    assert [(p.path, p.line, p.message) for p in two.problems] == [
        (p.path, p.line, p.message) for p in one.problems
    ]
    assert {p.path for p in two.problems if p.path.endswith(".po")} == {
        path for path in EXPECTED_PROBLEMS if path.endswith(".po")
    }
    with (
        om.Index.open(folder / "index-1.sqlite") as first,
        om.Index.open(folder / "index-2.sqlite") as second,
    ):
        assert second.export_json() == first.export_json()
        assert set(second.lesson("bad/good").versions) == {"en", "de"}
    assert (
        table_contents(folder / "index-2.sqlite")["parsed"]
        == (table_contents(folder / "index-1.sqlite")["parsed"])
    )
