"""The translator commands through the CLI: what they say when the input is not what they expect.

Input errors instead of tracebacks, lesson paths relative to the current directory, a note instead
of silence on Sphinx projects and folders without Markdown lessons, ``render``'s reports and
default folder, ``update``'s counts, ``stat`` counting a repeated message once, the summary of
``check translations``, and messages in the user's language with paths relative to the working
copy.

Every test runs in ``tmp_path`` (the current directory) with the language variables unset, so the
messages are English unless a test chooses another language.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from clirun import Run
from translator_site import (
    AGAIN,
    GONE,
    INSTALL,
    LOOPS,
    LOOPS_PO,
    NEW,
    SETUP_PO,
    english_here,
    fill,
    make_site,
    tree,
)


@pytest.fixture(autouse=True)
def english_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No language from the environment, no locale folder override, and cwd in ``tmp_path``."""
    english_here(tmp_path, monkeypatch)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A Jekyll working copy: ``loops.md`` and ``core/setup.md``."""
    return make_site(tmp_path / "site")


@pytest.fixture
def sphinx(tmp_path: Path) -> Path:
    """A Sphinx project: ``conf.py`` with ``locale_dirs``, an index with a toctree, one page."""
    root = tmp_path / "sphinx"
    root.mkdir()
    (root / "conf.py").write_text('project = "P"\nlocale_dirs = ["locale/"]\n', encoding="utf-8")
    (root / "index.rst").write_text(
        "Welcome\n=======\n\n.. toctree::\n   :maxdepth: 1\n\n   page\n", encoding="utf-8"
    )
    (root / "page.rst").write_text("Page\n====\n\nSome text about the page.\n", encoding="utf-8")
    return root


# --- import-translation: an original outside --root ------------------------------------------


def test_import_original_outside_root_is_an_input_error(
    tmp_path: Path, site: Path, run: Run
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    original = outside / "loops.md"
    translated = outside / "loops.de.md"
    original.write_text("# Loops\n\nComputers repeat things.\n", encoding="utf-8")
    translated.write_text("# Schleifen\n\nComputer wiederholen Dinge.\n", encoding="utf-8")
    before = tree(tmp_path)

    code, out, err = run("import-translation", original, translated, "-l", "de", "--root", site)

    assert code == 2
    assert out == ""
    assert err == (
        f"otsmaterials: error: {original}: the original is not in the working copy (--root); "
        "pass -o FILE to choose the catalog\n"
    )
    assert tree(tmp_path) == before

    # The suggested way out works.
    code, out, err = run(
        "import-translation", original, translated, "-l", "de", "--root", site, "-o", "out.po"
    )
    assert (code, err) == (0, "")
    assert out == "wrote out.po: 2 aligned, 0 fuzzy (check them), 0 untranslated\n"
    catalog = polib.pofile(str(tmp_path / "out.po"))
    assert [(e.msgid, e.msgstr) for e in catalog] == [
        ("Loops", "Schleifen"),
        ("Computers repeat things.", "Computer wiederholen Dinge."),
    ]


# --- lessons given relative to the current directory ----------------------------------------


def test_lessons_relative_to_the_current_directory(
    site: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site / "core")

    code, out, err = run("extract", "setup.md", "--root", "..")
    assert (code, err) == (0, "")
    assert out == "created       locale/templates/core/setup.pot\n"
    assert not (site / "locale" / "templates" / "loops.pot").exists()

    code, out, err = run("extract", "../core/../loops.md", "--root", "..")
    assert (code, err) == (0, "")
    assert out == "created       locale/templates/loops.pot\n"

    # A lesson key relative to the working copy still names it.
    code, out, err = run("extract", "--check", "loops", "--root", "..")
    assert (code, err) == (0, "")
    assert out == "unchanged     locale/templates/loops.pot\n"


def test_unknown_lesson_is_named_as_typed(
    site: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site / "core")
    before = tree(site)
    code, out, err = run("extract", "nope.md", "--root", "..")
    assert code == 2
    assert out == ""
    assert err == f"otsmaterials: error: {site}: not a lesson of this working copy: nope.md\n"
    assert tree(site) == before


# --- a Sphinx project: a note, and nothing written -------------------------------------------


def test_sphinx_extract_json_prints_its_document_and_a_note(sphinx: Path, run: Run) -> None:
    before = tree(sphinx)
    code, out, err = run("extract", "--json", "--root", sphinx)
    assert code == 0
    assert json.loads(out) == {"files": [], "schema_version": 1}
    assert err == (
        "a Sphinx project: make its templates with `sphinx-build -b gettext`; otsmaterials "
        "reads its catalogs as they are\n"
    )
    assert tree(sphinx) == before


@pytest.mark.parametrize(
    ("argv", "note"),
    [
        (
            ["init", "-l", "it"],
            (
                "a Sphinx project: start a language with `sphinx-intl update -l it`; `stat` and "
                "`check translations` read its catalogs"
            ),
        ),
        (
            ["update"],
            (
                "a Sphinx project: update its catalogs with `sphinx-build -b gettext` and "
                "`sphinx-intl update`"
            ),
        ),
        (
            ["render", "-l", "de"],
            "a Sphinx project: build it in a language with `sphinx-build -D language=de`",
        ),
    ],
)
def test_sphinx_translator_commands_note_sphinx_tools(
    sphinx: Path, run: Run, argv: list[str], note: str
) -> None:
    before = tree(sphinx)
    code, out, err = run(*argv, "--root", sphinx)
    assert code == 0
    assert out == ""
    assert err == note + "\n"
    assert tree(sphinx) == before


# --- a folder without Markdown lessons ------------------------------------------------------


@pytest.mark.parametrize(
    "argv", [["extract"], ["init", "-l", "de"], ["update"], ["render", "-l", "de"]]
)
@pytest.mark.parametrize(
    ("where", "root", "shown"), [("inside", ".", "."), ("parent", "empty", "empty")]
)
def test_folder_without_lessons_says_so(
    tmp_path: Path,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    where: str,
    root: str,
    shown: str,
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    if where == "inside":
        monkeypatch.chdir(empty)
    code, out, err = run(*argv, "--root", root)
    assert code == 0
    assert out == ""
    assert err == f"no Markdown or HTML lessons found in {shown}\n"
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["extract", "nope.md"],
        ["init", "-l", "de", "nope.md"],
        ["update", "nope.md"],
        ["render", "-l", "de", "nope.md"],
    ],
)
@pytest.mark.parametrize("kind", ["sphinx", "empty"])
def test_unknown_lessons_are_input_errors_even_with_nothing_to_do(
    sphinx: Path, tmp_path: Path, run: Run, argv: list[str], kind: str
) -> None:
    root = sphinx if kind == "sphinx" else tmp_path / "empty"
    root.mkdir(exist_ok=True)
    before = tree(root)
    code, out, err = run(*argv, "--root", root)
    assert code == 2
    assert out == ""
    assert err.startswith("otsmaterials: error: ")
    wanted = "no such file: nope.md" if kind == "sphinx" else "not a lesson of this working copy"
    assert wanted in err
    assert tree(root) == before


@pytest.mark.parametrize("argv", [["extract"], ["update"], ["render", "-l", "de"]])
def test_a_sphinx_page_named_gets_the_sphinx_note(sphinx: Path, run: Run, argv: list[str]) -> None:
    code, out, err = run(*argv, "page.rst", "--root", sphinx)
    assert (code, out) == (0, "")
    assert "a Sphinx project" in err


@pytest.mark.parametrize("command", ["update", "init", "render"])
def test_bad_language_codes_are_input_errors_even_with_nothing_to_do(
    sphinx: Path, run: Run, command: str
) -> None:
    code, _out, err = run(command, "-l", "../../x", "--root", sphinx)
    assert code == 2
    assert "../../x" in err


# --- render: a language without catalogs, lessons without one ---------------------------------


def test_render_language_without_catalogs_suggests_init(site: Path, run: Run) -> None:
    assert run("init", "-l", "de", "--root", site)[0] == 0
    before = tree(site)
    code, out, err = run("render", "-l", "fr", "--root", site)
    assert (code, out) == (2, "")
    assert err == (
        f"otsmaterials: error: {site}: no catalogs for fr in locale; languages with catalogs: de; "
        "start one with `otsmaterials init -l fr`\n"
    )
    assert tree(site) == before
    assert not (site / "_build").exists()


def test_render_names_the_lessons_without_a_catalog(site: Path, run: Run) -> None:
    assert run("init", "-l", "de", "--root", site, "loops")[0] == 0
    code, out, err = run("render", "-l", "de", "--root", site)
    assert code == 0
    assert out == "wrote _build/de/loops.md\n"
    assert err == "left out core/setup (no catalog)\n"
    assert sorted(p.relative_to(site).as_posix() for p in (site / "_build").rglob("*.md")) == [
        "_build/de/loops.md"
    ]


# --- render's default folder uses the normalised tag -----------------------------------------


@pytest.mark.parametrize("language", ["pt_BR", "pt-br"])
def test_render_default_folder_is_the_normalised_tag(site: Path, run: Run, language: str) -> None:
    assert run("init", "-l", "pt-BR", "--root", site)[0] == 0
    code, out, err = run("render", "-l", language, "--root", site)
    assert (code, err) == (0, "")
    assert out == "wrote _build/pt-BR/core/setup.md\nwrote _build/pt-BR/loops.md\n"
    assert [p.name for p in (site / "_build").iterdir()] == ["pt-BR"]
    assert (site / "_build" / "pt-BR" / "loops.md").is_file()


# --- update: untranslated, obsolete and dropped ---------------------------------------------


@pytest.fixture
def vanished(site: Path, run: Run) -> Path:
    """A German catalog of ``loops`` with GONE translated, then GONE replaced by NEW."""
    assert run("init", "-l", "de", "--root", site, "loops")[0] == 0
    fill(site / LOOPS_PO, {GONE: "Schildkröten zeichnen Linien auf den Bildschirm."})
    (site / "loops.md").write_text(LOOPS.replace(GONE, NEW), encoding="utf-8")
    return site


@pytest.mark.parametrize(
    ("flags", "last", "kept_as_obsolete"),
    [(["--no-obsolete"], "1 dropped", False), ([], "1 obsolete", True)],
)
def test_update_reports_untranslated_and_dropped_or_obsolete(
    vanished: Path, run: Run, flags: list[str], last: str, kept_as_obsolete: bool
) -> None:
    code, out, err = run("update", "--root", vanished, *flags, "loops")
    assert (code, err) == (0, "")
    # Loops and AGAIN were untranslated before, NEW is new: all three count as untranslated.
    assert out == (
        f"updated       {LOOPS_PO}  (0 kept, 0 fuzzy, 0 suggested, 3 untranslated, {last})\n"
    )
    text = (vanished / LOOPS_PO).read_text(encoding="utf-8")
    assert (f'#~ msgid "{GONE}"' in text) is kept_as_obsolete
    assert (GONE in text) is kept_as_obsolete


def test_update_json_merge_has_untranslated_not_added(vanished: Path, run: Run) -> None:
    code, out, err = run("update", "--root", vanished, "--json", "loops")
    assert (code, err) == (0, "")
    (report,) = json.loads(out)["files"]
    assert report["path"] == LOOPS_PO
    assert report["action"] == "updated"
    assert report["merge"] == {
        "kept": 0,
        "fuzzy": 0,
        "suggested": 0,
        "untranslated": 3,
        "obsolete": 1,
    }
    assert "added" not in report["merge"]


# --- stat: a title repeated as the first heading counts once ---------------------------------


def test_stat_counts_a_title_repeated_as_heading_once(site: Path, run: Run) -> None:
    assert run("init", "-l", "de", "--root", site, "loops")[0] == 0
    catalog = polib.pofile(str(site / LOOPS_PO))
    assert [e.msgid for e in catalog] == ["Loops", AGAIN, GONE]  # one entry for both
    fill(site / LOOPS_PO, {"Loops": "Schleifen"})

    code, out, err = run("stat", "--json", "--root", site, "-l", "de", "loops")
    assert (code, err) == (0, "")
    (lesson,) = json.loads(out)["lessons"]
    assert lesson["lesson"] == "loops"
    counts = lesson["counts"]
    assert counts["messages"] == len(catalog) == 3
    words = 1 + len(AGAIN.split()) + len(GONE.split())
    assert counts == {
        "messages": 3,
        "translated": 1,
        "fuzzy": 0,
        "untranslated": 2,
        "missing": 0,
        "words": words,
        "translated_words": 1,
        "fuzzy_words": 0,
    }
    assert lesson["percent"] == round(100 / words, 1)


# --- check translations: the summary --------------------------------------------------------


def test_check_translations_summary_counts_findings(site: Path, run: Run) -> None:
    assert run("init", "-l", "de", "--root", site)[0] == 0

    code, out, err = run("check", "translations", "--root", site, "--require-complete")
    assert code == 1
    assert out == (
        f"{SETUP_PO}: untranslated: 2 untranslated messages\n"
        f"{LOOPS_PO}: untranslated: 3 untranslated messages\n"
    )
    assert err == "2 findings\n"

    fill(site / LOOPS_PO, {"Loops": "Schleifen", AGAIN: "Computer wiederholen gern.", GONE: "Weg."})
    code, out, err = run("check", "translations", "--root", site, "--require-complete")
    assert code == 1
    assert out == f"{SETUP_PO}: untranslated: 2 untranslated messages\n"
    assert err == "1 finding\n"

    fill(site / SETUP_PO, {"Setup": "Vorbereitung", INSTALL: "Installiere zuerst den Editor."})
    code, out, err = run("check", "translations", "--root", site, "--require-complete")
    assert code == 0
    assert out == ""
    assert err == "no findings\n"


# --- messages in the user's language, paths relative to the working copy -------------------


@pytest.mark.parametrize("chosen", ["--lang", "LANGUAGE", "OTSMATERIALS_LANG"])
def test_german_action_labels_and_relative_paths(
    site: Path, run: Run, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    lang: list[str] = []
    if chosen == "--lang":
        lang = ["--lang", "de"]
    else:
        monkeypatch.setenv(chosen, "de")
    # The current directory is tmp_path, outside the working copy: paths are still relative to it.
    code, out, err = run(*lang, "init", "-l", "de", "--root", site)
    assert (code, err) == (0, "de: Plural-Forms aus CLDR: nplurals=2; plural=(n != 1);\n")
    assert out == (
        f"erstellt           {SETUP_PO}\n"  # padded to the longest label, "würde sich ändern"
        f"erstellt           {LOOPS_PO}\n"
    )
    code, out, err = run(*lang, "init", "-l", "de", "--root", site)
    assert (code, err) == (0, "")
    assert out == f"unverändert        {SETUP_PO}\nunverändert        {LOOPS_PO}\n"

    code, out, err = run(*lang, "update", "--root", site)
    assert (code, err) == (0, "")
    assert out == f"unverändert        {SETUP_PO}\nunverändert        {LOOPS_PO}\n"

    fill(site / LOOPS_PO, {GONE: "Schildkröten zeichnen Linien auf den Bildschirm."})
    (site / "loops.md").write_text(LOOPS.replace(GONE, NEW), encoding="utf-8")
    code, out, err = run(*lang, "update", "--root", site, "loops")
    assert (code, err) == (0, "")
    assert out == (
        f"aktualisiert       {LOOPS_PO}  "
        "(0 behalten, 0 unscharf, 0 vorgeschlagen, 3 unübersetzt, 1 veraltet)\n"
    )


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        (["stat", "-l", "es"], "`sphinx-intl update -l es`"),
        (["stat", "-l", "pt-BR"], "`sphinx-intl update -l pt_BR`"),
        (["check", "translations", "-l", "es"], "`sphinx-intl update -l es`"),
    ],
)
def test_a_sphinx_project_without_the_language_names_sphinx_intl(
    sphinx: Path, run: Run, argv: list[str], start: str
) -> None:
    before = tree(sphinx)
    code, out, err = run(*argv, "--root", sphinx)
    assert (code, out) == (2, "")
    assert err.rstrip("\n").endswith(f"start one with {start}")
    assert "otsmaterials init" not in err
    assert tree(sphinx) == before


def test_a_sphinx_project_without_catalogs_names_sphinx_intl(sphinx: Path, run: Run) -> None:
    code, _out, err = run("stat", "--root", sphinx)
    assert code == 0
    assert "start a language with `sphinx-intl update -l LANG`" in err
    assert "otsmaterials init" not in err
