"""``check translations`` and ``stat`` fit for CI, and the flags translators bring from pybabel,
sphinx-intl and msgfmt.

A partly translated but correct language passes; a broken translation fails; rules are chosen
(``-t/--rule``) and skipped (``-x/--skip-rule``) as pofilter does; untranslated and fuzzy messages
count only with ``--require-complete`` (or under ``--min-complete``); both commands take lesson
paths, ``stat`` takes ``--incomplete``. Then ``-d``, ``--no-location``, ``--locale``,
``compile -f/--use-fuzzy`` and ``--statistics``, ``--json`` on ``init``, ``compile`` and
``render``.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from clirun import Run
from translator_site import AGAIN, GONE, INSTALL, LOOPS_PO, SETUP_PO, english_here, fill, make_site

BROKEN = "Computer **wiederholen** gern."  # emphasis the source does not have


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> Path:
    """German started; loops half translated (correctly), setup untranslated."""
    english_here(tmp_path, monkeypatch)
    root = make_site(tmp_path / "site")
    assert run("init", "-l", "de", "--root", root)[0] == 0
    fill(root / LOOPS_PO, {"Loops": "Schleifen", AGAIN: "Computer wiederholen gern."})
    return root


def break_loops(site: Path) -> None:
    text = (site / LOOPS_PO).read_text(encoding="utf-8")
    (site / LOOPS_PO).write_text(text.replace("Computer wiederholen gern.", BROKEN), "utf-8")


def test_a_partly_translated_correct_language_passes(site: Path, run: Run) -> None:
    code, out, err = run("check", "translations", "--root", site)
    assert (code, out) == (0, "")
    assert err.startswith("no findings\n2 catalogs not complete yet")


def test_a_broken_translation_fails_and_rules_choose(site: Path, run: Run) -> None:
    break_loops(site)
    code, out, _err = run("check", "translations", "--root", site)
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["markup"]

    for skip in (["--skip-rule", "markup"], ["-x", "markup"]):
        code, out, _err = run("check", "translations", "--root", site, *skip)
        assert (code, out) == (0, "")

    code, out, _err = run("check", "translations", "--root", site, "-t", "untranslated")
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["untranslated", "untranslated"]

    code, out, err = run("check", "translations", "--root", site, "--rule", "nonsense")
    assert (code, out) == (2, "")
    assert "nonsense" in err


def test_require_complete_and_min_complete(site: Path, run: Run) -> None:
    code, out, _err = run("check", "translations", "--root", site, "--require-complete")
    assert code == 1
    assert f"{SETUP_PO}: untranslated: 2 untranslated messages" in out
    assert f"{LOOPS_PO}: untranslated: 1 untranslated message" in out

    code, out, _err = run("check", "translations", "--root", site, "--min-complete", "40")
    assert code == 1
    assert out == f"{SETUP_PO}: incomplete: 0% translated, less than 40%\n"
    code, out, _err = run("check", "translations", "--root", site, "loops", "--min-complete", "40")
    assert (code, out) == (0, "")  # loops alone: about half translated

    fill(site / LOOPS_PO, {GONE: "Schildkröten zeichnen."})
    fill(site / SETUP_PO, {"Setup": "Einrichtung", INSTALL: "Erst den Editor."})
    code, out, _err = run("check", "translations", "--root", site, "--require-complete")
    assert (code, out) == (0, "")


def test_check_json_names_findings_and_progress(site: Path, run: Run) -> None:
    break_loops(site)
    code, out, _err = run("check", "translations", "--root", site, "--json", "loops")
    assert code == 1
    document = json.loads(out)
    assert [f["rule"] for f in document["findings"]] == ["markup"]
    assert [(f["path"], f["rule"]) for f in document["progress"]] == [(LOOPS_PO, "untranslated")]


def test_stat_takes_lessons_and_incomplete(site: Path, run: Run) -> None:
    code, out, _err = run("stat", "--root", site, "loops", "--json")
    assert code == 0
    assert [row["lesson"] for row in json.loads(out)["lessons"]] == ["loops"]

    code, out, _err = run("stat", "--root", site, "--incomplete")
    assert code == 1
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["core/setup", "loops"]

    fill(site / LOOPS_PO, {GONE: "Schildkröten zeichnen."})
    code, out, _err = run("stat", "--root", site, "--incomplete", "loops")
    assert code == 0
    assert out.splitlines()[1:] == []


# --- the flags translators bring -----------------------------------------------------------------


def test_locale_dir_short_option_no_location_and_locale_alias(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    english_here(tmp_path, monkeypatch)
    root = make_site(tmp_path / "site")
    code, out, _err = run("init", "--locale", "pt_BR", "-d", "po", "--no-location", "--root", root)
    assert code == 0
    assert out.splitlines()[-1] == "created       po/pt_BR/LC_MESSAGES/loops.po"
    catalog = polib.pofile(str(root / "po/pt_BR/LC_MESSAGES/loops.po"))
    assert [entry.occurrences for entry in catalog] == [[], [], []]
    assert "#:" not in (root / "po/pt_BR/LC_MESSAGES/loops.po").read_text(encoding="utf-8")
    code, out, _err = run(
        "update", "--locale", "pt-br", "-d", "po", "--no-location", "--root", root
    )
    assert code == 0
    assert "unchanged     po/pt_BR/LC_MESSAGES/loops.po" in out


def test_compile_use_fuzzy_statistics_and_json(site: Path, run: Run) -> None:
    text = (site / LOOPS_PO).read_text(encoding="utf-8")
    fuzzy = f'#, fuzzy\nmsgid "{GONE}"\nmsgstr "Schildkröten."\n'
    (site / LOOPS_PO).write_text(text.replace(f'msgid "{GONE}"\nmsgstr ""\n', fuzzy), "utf-8")

    code, out, err = run("compile", "--root", site, "--statistics")
    assert code == 0
    assert out == (
        "skipped       locale/de/LC_MESSAGES/core/setup.mo\n"
        "created       locale/de/LC_MESSAGES/loops.mo\n"
    )
    assert err.splitlines() == [
        f"{SETUP_PO}: nothing translated, no .mo written (--allow-empty writes it)",
        f"{SETUP_PO}: 0 translated messages, 2 untranslated messages.",
        f"{LOOPS_PO}: 2 translated messages, 1 fuzzy translation.",
    ]
    code, out, _err = run("compile", "--root", site, "-f", "--json")
    assert code == 0
    assert [(f["path"], f["action"]) for f in json.loads(out)["files"]] == [
        ("locale/de/LC_MESSAGES/core/setup.mo", "skipped"),
        ("locale/de/LC_MESSAGES/loops.mo", "updated"),  # the fuzzy translation is in it now
    ]


def test_init_and_render_print_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    english_here(tmp_path, monkeypatch)
    root = make_site(tmp_path / "site")
    code, out, _err = run("init", "-l", "de", "--root", root, "--json")
    assert code == 0
    assert [f["action"] for f in json.loads(out)["files"]] == ["created", "created"]
    code, out, err = run("render", "-l", "de", "--root", root, "--json", "--min-complete", "50")
    assert (code, err.count("left out")) == (0, 2)
    assert json.loads(out) == {
        "schema_version": 1,
        "written": [],
        "left_out": [{"lesson": "core/setup", "percent": 0.0}, {"lesson": "loops", "percent": 0.0}],
        "missing": [],
    }


def test_import_translation_prints_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    english_here(tmp_path, monkeypatch)
    root = make_site(tmp_path / "site")
    german = tmp_path / "loops.de.md"
    german.write_text(
        "---\ntitle: Schleifen\nlayout: default\n---\n\n# Schleifen\n\n"
        "Computer wiederholen gern.\n\nSchildkröten zeichnen.\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "import-translation", root / "loops.md", german, "-l", "de", "--root", root, "--json"
    )
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "schema_version": 1,
        "path": LOOPS_PO,
        "aligned": 3,
        "fuzzy": 0,
        "untranslated": 0,
    }


def test_a_sphinx_projects_pages_are_named_by_file_or_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    english_here(tmp_path, monkeypatch)
    root = tmp_path / "sphinx"
    (root / "source").mkdir(parents=True)
    (root / "source" / "conf.py").write_text('locale_dirs = ["locale/"]\n', encoding="utf-8")
    for page, text in (("index", "Welcome"), ("loops", "Loops")):
        (root / "source" / f"{page}.rst").write_text(f"{text}\n=====\n", encoding="utf-8")
        catalog = root / "source" / "locale" / "de" / "LC_MESSAGES" / f"{page}.po"
        catalog.parent.mkdir(parents=True, exist_ok=True)
        catalog.write_text(
            'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'#: ../../source/{page}.rst:1\nmsgid "{text}"\nmsgstr ""\n',
            encoding="utf-8",
        )
    for named in ("source/loops.rst", "loops"):
        code, out, _err = run("stat", named, "--root", root, "--json")
        assert code == 0
        assert [row["lesson"] for row in json.loads(out)["lessons"]] == ["loops"]
    code, out, _err = run("check", "translations", "loops", "--root", root, "--require-complete")
    assert code == 1
    assert out == "source/locale/de/LC_MESSAGES/loops.po: untranslated: 1 untranslated message\n"
    code, out, err = run("stat", "nothing.rst", "--root", root)
    assert (code, out) == (2, "")
    assert (
        err == f"otsmaterials: error: {root}: no catalog of this Sphinx project for nothing.rst\n"
    )
