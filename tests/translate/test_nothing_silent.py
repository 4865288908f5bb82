"""Translator commands say what they did and what they could not do, and never guess the folder.

Several languages at once for ``init``; lessons new since ``init`` (``update`` starts their
catalogs, ``stat`` and ``check translations`` name them); commands run before ``init``; a catalog
emptied by accident; the working copy found from any folder inside it, and translations refused
as sources when run from the wrong folder; the team's ``Plural-Forms`` and header kept.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.writer import format_po
from otsmaterials.translate.rootfind import translations_among

from clirun import Run
from translator_site import LOOPS_PO, SETUP_PO, english_here, fill, make_site, tree

NEW_LESSON = "---\ntitle: Functions\n---\n\n# Functions\n\nA function has a name.\n"
FRENCH_TEAM_FORMS = "nplurals=2; plural=(n > 1);"
CLDR_GERMAN = "nplurals=2; plural=(n != 1);"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    english_here(tmp_path, monkeypatch)
    return make_site(tmp_path / "site")


def header(path: Path, name: str) -> str | None:
    return parse_po(path.read_bytes(), str(path)).header_value(name)


def set_header(path: Path, name: str, value: str) -> None:
    """A team sets a header field of a catalog."""
    catalog = parse_po(path.read_bytes(), str(path))
    catalog.header = [(k, value if k == name else v) for k, v in catalog.header]
    path.write_text(format_po(catalog), encoding="utf-8")


# --- init: several languages, Plural-Forms said ------------------------------------------------


def test_init_takes_several_languages_and_says_whose_plural_forms(site: Path, run: Run) -> None:
    code, out, err = run("init", "-l", "de", "--locale", "pt_br", "--root", site)
    assert code == 0
    assert out.splitlines() == [
        f"created       {SETUP_PO}",
        f"created       {LOOPS_PO}",
        "created       locale/pt_BR/LC_MESSAGES/core/setup.po",
        "created       locale/pt_BR/LC_MESSAGES/loops.po",
    ]
    assert err.splitlines() == [
        f"de: Plural-Forms from CLDR: {CLDR_GERMAN}",
        (
            "pt-BR: Plural-Forms from CLDR: nplurals=3; plural=(n == 0 || n == 1) ? 0 : "
            "n != 0 && n % 1000000 == 0 ? 1 : 2;"
        ),
    ]


def test_init_takes_the_teams_plural_forms(site: Path, run: Run) -> None:
    assert run("init", "-l", "fr", "--root", site, "loops")[0] == 0
    team = site / "locale/fr/LC_MESSAGES/loops.po"
    assert "nplurals=3" in (header(team, "Plural-Forms") or "")  # CLDR's current rule
    set_header(team, "Plural-Forms", FRENCH_TEAM_FORMS)

    code, out, err = run("init", "-l", "fr", "--root", site)

    assert code == 0
    assert out.splitlines() == [
        "created       locale/fr/LC_MESSAGES/core/setup.po",
        "unchanged     locale/fr/LC_MESSAGES/loops.po",
    ]
    assert err == (
        "fr: Plural-Forms as the team's catalogs have them (locale/fr/LC_MESSAGES/loops.po): "
        f"{FRENCH_TEAM_FORMS}\n"
    )
    assert header(site / "locale/fr/LC_MESSAGES/core/setup.po", "Plural-Forms") == (
        FRENCH_TEAM_FORMS
    )


def test_update_keeps_the_teams_header_and_translator_block(site: Path, run: Run) -> None:
    assert run("init", "-l", "fr", "--root", site)[0] == 0
    catalog = site / "locale/fr/LC_MESSAGES/loops.po"
    set_header(catalog, "Plural-Forms", FRENCH_TEAM_FORMS)
    set_header(catalog, "Language-Team", "Équipe <fr@example.org>")
    text = catalog.read_text(encoding="utf-8")
    text = text.replace("# Translators:\n", "# Translators:\n# Ana <ana@example.org>, 2024.\n")
    catalog.write_text(text, encoding="utf-8")
    (site / "loops.md").write_text(
        (site / "loops.md").read_text(encoding="utf-8") + "\nOne more paragraph.\n",
        encoding="utf-8",
    )

    code, out, _err = run("update", "--root", site, "loops")

    assert code == 0
    assert out.startswith("updated       locale/fr/LC_MESSAGES/loops.po")
    assert header(catalog, "Plural-Forms") == FRENCH_TEAM_FORMS
    assert header(catalog, "Language-Team") == "Équipe <fr@example.org>"
    assert "# Translators:\n# Ana <ana@example.org>, 2024.\n" in catalog.read_text(encoding="utf-8")


# --- lessons new since init ----------------------------------------------------------------------


def test_update_starts_the_catalogs_of_new_lessons_in_every_language(site: Path, run: Run) -> None:
    assert run("init", "-l", "de", "-l", "fr", "--root", site)[0] == 0
    (site / "functions.md").write_text(NEW_LESSON, encoding="utf-8")

    code, out, err = run("update", "--root", site)

    assert (code, err) == (0, "")
    assert "created       locale/de/LC_MESSAGES/functions.po" in out.splitlines()
    assert "created       locale/fr/LC_MESSAGES/functions.po" in out.splitlines()
    french = site / "locale/fr/LC_MESSAGES/functions.po"
    assert header(french, "Plural-Forms") == header(
        site / "locale/fr/LC_MESSAGES/loops.po", "Plural-Forms"
    )
    assert [e.msgid for e in parse_po(french.read_bytes(), "f").entries] == [
        "Functions",
        "A function has a name.",
    ]


def test_update_without_init_missing_names_them_and_fails(site: Path, run: Run) -> None:
    assert run("init", "-l", "de", "--root", site, "loops")[0] == 0
    before = tree(site)

    for flags in (["--no-init-missing"], ["--check"]):
        code, out, err = run("update", "--root", site, *flags)
        assert code == 1
        assert tree(site) == before
        if flags == ["--check"]:
            assert f"would change  {SETUP_PO}" in out
            continue
        assert f"missing       {SETUP_PO}" in out
        assert err == "core/setup has no de catalog: `otsmaterials update` starts it\n"


def test_stat_and_check_name_the_lessons_without_a_catalog(site: Path, run: Run) -> None:
    assert run("init", "-l", "de", "--root", site, "loops")[0] == 0

    code, out, err = run("stat", "--root", site)
    assert code == 0
    assert out.splitlines()[1].split() == [
        "core/setup",
        "de",
        "0/2",
        "0",
        "2",
        "0/5",
        "no",
        "catalog",
    ]
    assert err == "core/setup has no de catalog: `otsmaterials update` starts it\n"

    # progress, not a finding: the check passes, and says what is not complete
    code, out, err = run("check", "translations", "--root", site)
    assert (code, out) == (0, "")
    assert err == (
        "no findings\n2 catalogs not complete yet (progress, not findings: `otsmaterials stat` "
        "shows them; --require-complete counts them)\n"
    )
    code, out, err = run("check", "translations", "--root", site, "--require-complete")
    assert code == 1
    assert f"{SETUP_PO}: missing: no catalog yet: `otsmaterials update` starts it" in out


# --- before init, and languages without catalogs ---------------------------------------------


@pytest.mark.parametrize(
    "argv", [["stat"], ["check", "translations"], ["update"], ["compile"]], ids=" ".join
)
def test_commands_before_init_say_how_to_start(site: Path, run: Run, argv: list[str]) -> None:
    before = tree(site)
    code, out, err = run(*argv, "--root", site)
    assert code == 0
    assert "no catalogs in locale yet: start a language with `otsmaterials init -l LANG`\n" in err
    assert tree(site) == before

    code, out, err = run(*argv, "--root", site, "-l", "de_DE")
    assert (code, out) == (2, "")
    assert err == (
        f"otsmaterials: error: {site}: no catalogs for de-DE in locale; languages with catalogs: "
        "none; start one with `otsmaterials init -l de-DE`\n"
    )
    assert tree(site) == before


# --- an emptied catalog ------------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", 'msgid ""\nmsgstr "Language: de\\n"\n'], ids=["0", "hdr"])
def test_an_emptied_catalog_is_a_finding_and_update_says_so(
    site: Path, run: Run, content: str
) -> None:
    assert run("init", "-l", "de", "--root", site)[0] == 0
    fill(site / SETUP_PO, {"Setup": "Einrichtung", "Install the editor first.": "Erst Editor."})
    (site / LOOPS_PO).write_text(content, encoding="utf-8")

    code, out, err = run("check", "translations", "--root", site)
    assert code == 1
    assert out == (
        f"{LOOPS_PO}: empty: the catalog has no messages; `otsmaterials update` fills it\n"
    )
    code, out, err = run("stat", "--root", site)
    assert err == f"warning: {LOOPS_PO} has no messages: `otsmaterials update` fills it\n"

    code, out, err = run("update", "--root", site)
    assert code == 0
    assert err == (
        f"warning: {LOOPS_PO} had no messages (emptied?): every message is untranslated\n"
    )
    assert len(parse_po((site / LOOPS_PO).read_bytes(), "x").entries) == 3


# --- the working copy found from inside, translations refused as sources --------------------


def test_commands_find_the_working_copy_from_a_folder_inside(
    site: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site / "core")
    code, out, _err = run("init", "-l", "de")
    assert code == 0
    assert out == f"created       {SETUP_PO}\ncreated       {LOOPS_PO}\n"
    assert not (site / "core" / "locale").exists()
    monkeypatch.chdir(site / "locale" / "de" / "LC_MESSAGES")
    code, out, _err = run("stat", "--json")
    assert code == 0
    assert [row["lesson"] for row in json.loads(out)["lessons"]] == ["core/setup", "loops"]


def test_a_git_work_tree_is_the_working_copy(tmp_path: Path, run: Run, monkeypatch) -> None:
    english_here(tmp_path, monkeypatch)
    root = tmp_path / "repo"
    (root / "docs" / "guide").mkdir(parents=True)
    (root / "docs" / "guide" / "intro.md").write_text("# Intro\n\nHello there.\n", "utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    monkeypatch.chdir(root / "docs" / "guide")
    code, out, _err = run("extract")
    assert code == 0
    assert out == "created       locale/templates/docs/guide/intro.pot\n"
    assert (root / "locale/templates/docs/guide/intro.pot").is_file()


def test_translations_are_refused_as_sources(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    english_here(tmp_path, monkeypatch)
    site = make_site(tmp_path / "web")
    (site / "de" / "core").mkdir(parents=True)
    (site / "de" / "core" / "setup.md").write_text("# Einrichtung\n", encoding="utf-8")
    (site / "_config.yml").unlink()  # no marker anywhere: the current folder is taken
    before = tree(tmp_path)
    for argv in (["extract"], ["init", "-l", "de"], ["update"], ["stat"]):
        code, out, err = run(*argv)
        assert (code, out) == (2, "")
        assert err == (
            f"otsmaterials: error: {tmp_path}: translations taken as lessons to translate: "
            "web/de/core/setup.md (of web/core/setup.md); the working copy seems to start at "
            "web: run there or pass --root web\n"
        )
    assert tree(tmp_path) == before
    monkeypatch.chdir(site)
    assert run("extract")[0] == 0  # from the right folder, the German lesson is a translation
    assert sorted(p.name for p in (site / "locale" / "templates").rglob("*.pot")) == [
        "loops.pot",
        "setup.pot",
    ]


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (["a/core/x.md", "a/de/core/x.md"], [("a/de/core/x.md", "a/core/x.md", "a")]),
        (["x.md", "x.pt-BR.md", "y.md"], [("x.pt-BR.md", "x.md", "")]),
        (["x.md", "fr/x.rst", "y/x.md"], [("fr/x.rst", "x.md", "")]),
        (["x.md", "notes/x.md", "x.old.md", "draft/x.md"], []),
    ],
)
def test_translations_among(paths: list[str], expected: list[tuple[str, str, str]]) -> None:
    assert translations_among(paths) == expected
