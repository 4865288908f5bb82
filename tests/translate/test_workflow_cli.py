"""``init``, ``update`` and ``compile`` through the command line, on a tiny Jekyll working copy.

The working copy is made in ``tmp_path``: a ``_config.yml`` and a few Markdown lessons. Catalogs
land in ``locale/<lang>/LC_MESSAGES/<lesson>.po``. Translators are simulated by editing those
files between commands (with otsmaterials' own writer, or with polib as another tool would).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import polib
import pytest
from babel import Locale
from babel.messages.plurals import get_plural

import otsmaterials as om
from otsmaterials._version import __version__
from otsmaterials.cli import main
from otsmaterials.gettext.catalog import PoFile, timestamp
from otsmaterials.gettext.mo import read_mo
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.writer import format_po
from otsmaterials.translate import commands

from gitrepos import RepoBuilder, write_catalogue

EPOCH_INIT = 1_700_000_000  # 2023-11-14 22:13 UTC
EPOCH_UPDATE = 1_710_000_000  # 2024-03-09 16:00 UTC
PAST = 1_600_000_000  # mtimes are set back to this, so that a rewrite is visible

CONFIG = "title: Python Basics\nlang: en\n"

AGAIN = "Computers are good at doing the same thing again and again."
AGAIN_DE = "Computer sind gut darin, immer wieder dasselbe zu tun."
SPACED = "Computers are  good at doing the same thing again and again."
LOOP = "Use a loop to print the numbers from one to ten."
LOOP_DE = "Benutze eine Schleife, um die Zahlen von eins bis zehn auszugeben."
GONE = "Turtles draw lines on the screen when they move around."
GONE_DE = "Schildkröten zeichnen Linien auf den Bildschirm, wenn sie sich bewegen."
NEW = "A dictionary maps each key to exactly one value."
FUNCTION = "A function is a name for a piece of code that you can use many times."
FUNCTION_DE = "Eine Funktion ist ein Name für ein Stück Code, das du oft benutzen kannst."

LESSON_A = f"""---
title: Loops
layout: default
---

# Loops

{AGAIN}

{LOOP}

{GONE}
"""

LESSON_B = f"""---
title: Functions
layout: default
---

# Functions

{AGAIN}

{FUNCTION}
"""

MSGFMT = shutil.which("msgfmt")
MSGUNFMT = shutil.which("msgunfmt")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Jekyll working copy with two lessons; dates frozen at ``EPOCH_INIT``."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text(CONFIG, encoding="utf-8")
    (root / "loops.md").write_text(LESSON_A, encoding="utf-8")
    (root / "functions.md").write_text(LESSON_B, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH_INIT))
    monkeypatch.delenv("OTSMATERIALS_LOCALE_DIR", raising=False)
    return root


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``otsmaterials ARGS``; give (exit code, stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def po_path(root: Path, language: str, lesson: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / f"{lesson}.po"


def read(path: Path) -> PoFile:
    return parse_po(path.read_bytes(), str(path))


def translate(path: Path, pairs: dict[str, str], *, fuzzy: tuple[str, ...] = ()) -> None:
    """A translator fills in ``pairs`` and saves (otsmaterials' writer, as the CLI writes)."""
    catalog = read(path)
    for entry in catalog.entries:
        if entry.msgid in pairs:
            entry.msgstr = pairs[entry.msgid]
        if entry.msgid in fuzzy:
            entry.flags.append("fuzzy")
    path.write_text(format_po(catalog), encoding="utf-8")


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``locale/``: bytes and mtime."""
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted((root / "locale").rglob("*"))
        if path.is_file()
    }


def age(root: Path) -> None:
    """Set every catalog's mtime back, so that any rewrite shows."""
    for path in (root / "locale").rglob("*"):
        if path.is_file():
            os.utime(path, (PAST, PAST))


def at(monkeypatch: pytest.MonkeyPatch, epoch: int) -> str:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    return timestamp()


def edit_lessons(root: Path) -> None:
    """The source changes: whitespace only, one word, one paragraph gone, one added."""
    text = LESSON_A.replace(AGAIN, SPACED.replace("the same thing", "the same\nthing"))
    text = text.replace(LOOP, LOOP.replace("ten", "twenty")).replace(f"{GONE}\n", f"{NEW}\n")
    (root / "loops.md").write_text(text, encoding="utf-8")


@pytest.fixture
def german(site: Path, cli: Cli) -> Path:
    """``init -l de`` done and lesson ``loops`` fully translated by Ana."""
    code, _out, _err = cli("init", "-l", "de", "--root", site)
    assert code == 0
    path = po_path(site, "de", "loops")
    translate(path, {"Loops": "Schleifen", AGAIN: AGAIN_DE, LOOP: LOOP_DE, GONE: GONE_DE})
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "# Translators:\n", "# Translators:\n# Ana Example <ana@example.org>, 2024.\n"
    )
    text = text.replace(
        f'msgid "{LOOP}"', f'# Ana: "ausgeben" reads better than "drucken"\nmsgid "{LOOP}"'
    )
    path.write_text(text, encoding="utf-8")
    return site


# --- init ---------------------------------------------------------------------------------------


def test_init_writes_a_catalog_per_lesson_with_the_header(site: Path, cli: Cli) -> None:
    code, out, err = cli("init", "-l", "pt-BR", "--root", site)
    assert code == 0, err
    for lesson in ("loops", "functions"):
        path = po_path(site, "pt_BR", lesson)
        assert path.is_file()
        assert f"created       locale/pt_BR/LC_MESSAGES/{lesson}.po" in out
    catalog = read(po_path(site, "pt_BR", "loops"))
    assert catalog.header_value("Language") == "pt_BR"
    assert catalog.header_value("Plural-Forms") == get_plural(Locale.parse("pt_BR")).plural_forms
    assert catalog.header_value("Language-Team") == "Portuguese (Brazil) <LL@li.org>"
    assert catalog.header_value("X-Generator") == f"otsmaterials {__version__}"
    assert catalog.header_value("Project-Id-Version") == "Python Basics"
    assert catalog.header_value("POT-Creation-Date") == "2023-11-14 22:13+0000"
    assert catalog.header_value("PO-Revision-Date") == "2023-11-14 22:13+0000"
    assert "Translators:" in catalog.header_comments
    assert "# Translators:\n" in po_path(site, "pt_BR", "loops").read_text(encoding="utf-8")
    assert [e.msgid for e in catalog.entries] == ["Loops", AGAIN, LOOP, GONE]
    assert all(e.msgstr == "" and not e.fuzzy for e in catalog.entries)
    assert catalog.entries[0].extracted == ["front matter: title"]
    assert catalog.entries[1].locations == ["loops.md:8"]


@pytest.mark.parametrize("language", ["de", "fr", "ru", "ar", "ja"])
def test_init_takes_plural_forms_from_cldr(site: Path, cli: Cli, language: str) -> None:
    code, _out, err = cli("init", "-l", language, "--root", site, "loops.md")
    assert code == 0, err
    catalog = read(po_path(site, language, "loops"))
    assert catalog.header_value("Plural-Forms") == get_plural(Locale.parse(language)).plural_forms
    assert catalog.header_value("Language") == language
    assert not po_path(site, language, "functions").exists()  # only the lesson asked for


def test_init_leaves_existing_catalogs_alone(german: Path, cli: Cli) -> None:
    (german / "strings.md").write_text("# Strings\n\nA string is text.\n", encoding="utf-8")
    age(german)
    before = snapshot(german)
    code, out, err = cli("init", "-l", "de", "--root", german)
    assert code == 0, err
    after = snapshot(german)
    new = "locale/de/LC_MESSAGES/strings.po"
    assert set(after) - set(before) == {new}
    assert {name: after[name] for name in before} == before
    assert "unchanged     locale/de/LC_MESSAGES/loops.po" in out
    assert f"created       {new}" in out


# --- update -------------------------------------------------------------------------------------


def test_update_merges_like_msgmerge(
    german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_lessons(german)
    refreshed = at(monkeypatch, EPOCH_UPDATE)
    code, out, err = cli("update", "-l", "de", "--root", german, "--json")
    assert code == 0, err
    report = {item["lesson"]: item for item in json.loads(out)["files"]}
    assert report["loops"]["action"] == "updated"
    assert report["loops"]["merge"] == {
        "kept": 2,
        "fuzzy": 1,
        "suggested": 0,
        "untranslated": 1,
        "obsolete": 1,
    }
    assert report["loops"]["path"] == "locale/de/LC_MESSAGES/loops.po"

    path = po_path(german, "de", "loops")
    catalog = read(path)
    found = {e.msgid: e for e in catalog.entries}
    spaced = found[SPACED]  # only whitespace changed
    assert (spaced.msgstr, spaced.fuzzy, spaced.previous_msgid) == (AGAIN_DE, False, None)
    changed = found[LOOP.replace("ten", "twenty")]
    assert changed.fuzzy
    assert changed.previous_msgid == LOOP
    assert changed.msgstr == LOOP_DE
    assert changed.comments == ['Ana: "ausgeben" reads better than "drucken"']
    assert (found[NEW].msgstr, found[NEW].fuzzy) == ("", False)
    gone = found[GONE]
    assert gone.obsolete
    assert gone.msgstr == GONE_DE
    assert found["Loops"].msgstr == "Schleifen"

    text = path.read_text(encoding="utf-8")
    assert f'#| msgid "{LOOP}"' in text
    assert f'#~ msgid "{GONE}"' in text
    assert "# Translators:\n# Ana Example <ana@example.org>, 2024.\n" in text
    assert catalog.header_value("POT-Creation-Date") == refreshed
    assert catalog.header_value("PO-Revision-Date") == "2023-11-14 22:13+0000"
    assert catalog.header_value("Language") == "de"


def test_update_no_obsolete_drops_vanished_messages(
    german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_lessons(german)
    code, _out, err = cli("update", "--root", german, "--no-obsolete")
    assert code == 0, err
    path = po_path(german, "de", "loops")
    assert GONE not in path.read_text(encoding="utf-8")
    assert "#~" not in path.read_text(encoding="utf-8")
    assert LOOP_DE in path.read_text(encoding="utf-8")  # the rest is merged as usual


def test_second_update_is_a_no_op(german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_lessons(german)
    assert cli("update", "--root", german)[0] == 0
    age(german)
    before = snapshot(german)
    at(monkeypatch, EPOCH_UPDATE + 86_400)  # a day later: the header date alone is no change
    code, out, err = cli("update", "--root", german)
    assert code == 0, err
    assert snapshot(german) == before
    assert out.count("unchanged") == 2
    assert cli("update", "--root", german, "--check")[0] == 0


def test_unchanged_catalog_is_not_rewritten(
    german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    translate(po_path(german, "de", "functions"), {AGAIN: AGAIN_DE, FUNCTION: FUNCTION_DE})
    age(german)
    before = snapshot(german)
    at(monkeypatch, EPOCH_UPDATE)  # a later POT-Creation-Date alone is no change
    code, out, err = cli("update", "--root", german, "--json")
    assert code == 0, err
    assert [item["action"] for item in json.loads(out)["files"]] == ["unchanged", "unchanged"]
    assert snapshot(german) == before


def test_catalog_saved_by_another_tool_is_not_reformatted(
    german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = po_path(german, "de", "loops")
    saved = polib.pofile(str(path), wrapwidth=60)  # another editor, another line width
    saved.save(str(path))
    assert b'msgid ""\n"' in path.read_bytes()  # polib wrapped something ours did not
    age(german)
    before = snapshot(german)
    at(monkeypatch, EPOCH_UPDATE)
    code, out, err = cli("update", "--root", german, "loops.md")
    assert code == 0, err
    assert "unchanged     locale/de/LC_MESSAGES/loops.po" in out
    assert snapshot(german) == before


def test_check_writes_nothing_and_exits_1(
    german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_lessons(german)
    age(german)
    before = snapshot(german)
    code, out, err = cli("update", "--root", german, "--check")
    assert code == 1, err
    assert "would change  locale/de/LC_MESSAGES/loops.po" in out
    assert snapshot(german) == before
    code, out, _err = cli("update", "--root", german, "--check", "--json")
    assert code == 1
    assert {i["lesson"]: i["action"] for i in json.loads(out)["files"]}["loops"] == "would change"
    assert snapshot(german) == before


# --- translation memory -------------------------------------------------------------------------


def test_memory_suggests_a_translation_from_another_lesson(german: Path, cli: Cli) -> None:
    code, out, err = cli("update", "-l", "de", "--root", german, "--json")
    assert code == 0, err
    report = {item["lesson"]: item for item in json.loads(out)["files"]}
    assert report["functions"]["merge"]["suggested"] == 1
    suggested = {e.msgid: e for e in read(po_path(german, "de", "functions")).entries}[AGAIN]
    assert suggested.msgstr == AGAIN_DE  # translated once, in the loops lesson
    assert suggested.fuzzy
    assert suggested.previous_msgid is None
    untouched = {e.msgid: e for e in read(po_path(german, "de", "functions")).entries}[FUNCTION]
    assert (untouched.msgstr, untouched.fuzzy) == ("", False)


def test_memory_exact_match_before_close_one(site: Path, cli: Cli) -> None:
    close = AGAIN.replace("again and again", "over and over again")
    (site / "loops.md").write_text(LESSON_A.replace(AGAIN, close), encoding="utf-8")
    (site / "while.md").write_text(f"# While\n\n{AGAIN}\n", encoding="utf-8")
    assert cli("init", "-l", "de", "--root", site)[0] == 0
    translate(po_path(site, "de", "loops"), {close: "nahe Übersetzung"})
    translate(po_path(site, "de", "while"), {AGAIN: AGAIN_DE})
    code, _out, err = cli("update", "-l", "de", "--root", site, "functions.md")
    assert code == 0, err
    found = {e.msgid: e for e in read(po_path(site, "de", "functions")).entries}[AGAIN]
    assert (found.msgstr, found.fuzzy) == (AGAIN_DE, True)
    # with only the close match known, the close match is offered
    (site / "strings.md").write_text(f"# Strings\n\n{AGAIN}\n", encoding="utf-8")
    translate(po_path(site, "de", "while"), {AGAIN: ""})
    assert cli("init", "-l", "de", "--root", site, "strings.md")[0] == 0
    assert cli("update", "-l", "de", "--root", site, "strings.md")[0] == 0
    found = {e.msgid: e for e in read(po_path(site, "de", "strings")).entries}[AGAIN]
    assert (found.msgstr, found.fuzzy) == ("nahe Übersetzung", True)


def test_memory_never_overrides_an_existing_translation(german: Path, cli: Cli) -> None:
    own = "Rechner können dieselbe Sache immer wieder tun."
    translate(po_path(german, "de", "functions"), {AGAIN: own, FUNCTION: FUNCTION_DE})
    code, _out, err = cli("update", "--root", german)
    assert code == 0, err
    found = {e.msgid: e for e in read(po_path(german, "de", "functions")).entries}
    assert (found[AGAIN].msgstr, found[AGAIN].fuzzy) == (own, False)
    assert found[FUNCTION].msgstr == FUNCTION_DE


@pytest.fixture
def other_material_index(tmp_path: Path, cli: Cli) -> Path:
    """An index built with ``om.build`` from another material whose German catalog knows
    ``FUNCTION``."""
    repo = RepoBuilder(tmp_path / "repos" / "other")
    repo.write(
        {
            "_config.yml": "title: Other Material\n",
            "basics.md": f"---\ntitle: Basics\n---\n\n# Basics\n\n{FUNCTION}\n",
        }
    )
    assert cli("init", "-l", "de", "--root", repo.path)[0] == 0
    catalog = po_path(repo.path, "de", "basics")
    translate(catalog, {FUNCTION: FUNCTION_DE, "Basics": "Grundlagen"})
    repo.write({"locale/de/LC_MESSAGES/basics.po": catalog.read_text(encoding="utf-8")})
    repo.commit("German")
    folder = tmp_path / "build"
    folder.mkdir()
    material = {"id": "other", "title": "Other", "source": str(repo.path)}
    path = write_catalogue(
        folder / "catalogue.toml", [material], settings={"allow_local_sources": True}
    )
    report = om.build(om.load_catalogue(path), cache=folder / "cache", index=folder / "index.db")
    assert report.ok, report
    with om.Index.open(folder / "index.db") as index:
        assert index.translation_memory("de").get(FUNCTION) == FUNCTION_DE
    return folder / "index.db"


def test_memory_from_an_index_across_materials(
    german: Path, cli: Cli, other_material_index: Path
) -> None:
    path = po_path(german, "de", "functions")
    assert cli("update", "--root", german, "functions.md")[0] == 0  # this material's memory only
    found = {e.msgid: e for e in read(path).entries}
    assert (found[AGAIN].msgstr, found[AGAIN].fuzzy) == (AGAIN_DE, True)
    assert found[FUNCTION].msgstr == ""
    code, out, err = cli(
        "update", "--root", german, "--memory", other_material_index, "--json", "functions.md"
    )
    assert code == 0, err
    assert json.loads(out)["files"][0]["merge"]["suggested"] == 1
    found = {e.msgid: e for e in read(path).entries}
    assert (found[FUNCTION].msgstr, found[FUNCTION].fuzzy) == (FUNCTION_DE, True)
    assert (found[AGAIN].msgstr, found[AGAIN].fuzzy) == (AGAIN_DE, True)  # kept as it was


# --- a translator saves while update runs (threat-model.md, translator-edits-kept) ----------------


def _saves(path: Path, msgid: str, texts: Iterator[str]) -> Callable[[Path], str | None]:
    """A ``_digest`` that lets the translator save ``path`` (a new msgstr) just before."""
    real = commands._digest

    def digest(target: Path) -> str | None:
        if target == path:
            text = next(texts, None)
            if text is not None:
                translate(path, {msgid: text})
        return real(target)

    return digest


def test_edit_between_read_and_write_is_merged(
    german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_lessons(german)
    path = po_path(german, "de", "loops")
    monkeypatch.setattr(commands, "_digest", _saves(path, AGAIN, iter(["Rechner wiederholen …"])))
    code, out, err = cli("update", "-l", "de", "--root", german, "--json")
    assert code == 0, err
    actions = {item["lesson"]: item["action"] for item in json.loads(out)["files"]}
    assert actions["loops"] == "merged edits"
    found = {e.msgid: e for e in read(path).entries}
    assert found[SPACED].msgstr == "Rechner wiederholen …"  # the translator's save survived
    assert found[LOOP.replace("ten", "twenty")].previous_msgid == LOOP  # and so did the merge
    assert found[GONE].obsolete
    assert not path.with_name("loops.po.new").exists()


def test_file_that_keeps_changing_goes_to_po_new(
    german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_lessons(german)
    path = po_path(german, "de", "loops")
    saves = iter([f"Fassung {n}" for n in range(1, 10)])
    monkeypatch.setattr(commands, "_digest", _saves(path, "Loops", saves))
    code, out, err = cli("update", "-l", "de", "--root", german)
    assert code == 1
    new = path.with_name("loops.po.new")
    assert "warning: loops.po kept changing" in err
    assert "the merge is in locale/de/LC_MESSAGES/loops.po.new" in err
    assert "wrote .new    locale/de/LC_MESSAGES/loops.po.new" in out
    assert next(saves) == "Fassung 4"  # three attempts, each overtaken by a save
    saved = path.read_bytes()
    original = {e.msgid: e for e in read(path).entries}
    assert original["Loops"].msgstr == "Fassung 3"  # the translator's last save …
    assert LOOP in original  # … untouched by the merge
    assert NEW not in original
    merged = {e.msgid: e for e in read(new).entries}
    assert merged["Loops"].msgstr == "Fassung 2"  # the merge of the last version read
    assert NEW in merged
    assert merged[LOOP.replace("ten", "twenty")].previous_msgid == LOOP
    monkeypatch.undo()
    assert path.read_bytes() == saved


# --- compile ------------------------------------------------------------------------------------


def _mo_messages(path: Path) -> dict[str, tuple[str, ...]]:
    return {m.msgid: m.msgstr for m in read_mo(path.read_bytes(), str(path))}


def test_compile_writes_mo_next_to_each_po(german: Path, cli: Cli) -> None:
    translate(po_path(german, "de", "loops"), {}, fuzzy=(LOOP,))
    code, out, err = cli("compile", "--root", german)
    assert code == 0, err
    mo = po_path(german, "de", "loops").with_suffix(".mo")
    assert not po_path(german, "de", "functions").with_suffix(".mo").exists()  # nothing there
    assert "created       locale/de/LC_MESSAGES/loops.mo" in out
    assert "skipped       locale/de/LC_MESSAGES/functions.mo" in out
    assert err == (
        "locale/de/LC_MESSAGES/functions.po: nothing translated, no .mo written (--allow-empty "
        "writes it)\n"
    )
    messages = _mo_messages(mo)
    assert messages["Loops"] == ("Schleifen",)
    assert messages[AGAIN] == (AGAIN_DE,)
    assert LOOP not in messages  # fuzzy
    assert GONE in messages
    assert "Language: de" in messages[""][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in messages[""][0]
    assert cli("compile", "--root", german, "--allow-empty")[0] == 0
    functions = _mo_messages(po_path(german, "de", "functions").with_suffix(".mo"))
    assert set(functions) == {""}  # nothing translated there: the header only

    code, _out, err = cli("compile", "--root", german, "--use-fuzzy")
    assert code == 0, err
    assert _mo_messages(mo)[LOOP] == (LOOP_DE,)


def test_compile_does_not_rewrite_an_unchanged_mo(german: Path, cli: Cli) -> None:
    assert cli("compile", "--root", german)[0] == 0
    age(german)
    before = snapshot(german)
    code, out, _err = cli("compile", "--root", german)
    assert code == 0
    assert snapshot(german) == before
    assert out.count("unchanged") == 1
    assert out.count("skipped") == 1  # functions: nothing translated


@pytest.mark.skipif(MSGUNFMT is None, reason="GNU msgunfmt is not installed")
def test_compiled_mo_reads_back_with_gnu_msgunfmt(german: Path, cli: Cli) -> None:
    assert cli("compile", "--root", german, "-l", "de")[0] == 0
    mo = po_path(german, "de", "loops").with_suffix(".mo")
    done = subprocess.run(
        [str(MSGUNFMT), "--no-wrap", str(mo)], capture_output=True, text=True, check=True
    )
    assert f'msgid "{AGAIN}"\nmsgstr "{AGAIN_DE}"' in done.stdout
    assert f'msgid "{GONE}"\nmsgstr "{GONE_DE}"' in done.stdout
    assert '"Language: de\\n"' in done.stdout


def test_compile_fails_cleanly_on_a_corrupt_plural_header(german: Path, cli: Cli) -> None:
    path = po_path(german, "de", "functions")
    text = path.read_text(encoding="utf-8").replace("plural=(n != 1);", "plural=n/0;")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, raw in enumerate(text.split("\n"), 1) if '"Plural-Forms:' in raw)
    code, out, err = cli("compile", "--root", german, "-l", "de")
    assert code == 2
    assert out == ""
    assert f"{path.resolve()}:{line}: Plural-Forms: division by zero" in err
    assert "Traceback" not in err
    assert not list((german / "locale").rglob("*.mo"))


# --- GNU msgfmt accepts what the commands write -------------------------------------------------


@pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")
def test_gnu_msgfmt_accepts_every_catalog_written(
    german: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for language in ("pt-BR", "fr", "ar"):
        assert cli("init", "-l", language, "--root", german)[0] == 0
    assert cli("init", "-l", "ja", "--root", german, "--no-wrap")[0] == 0
    assert cli("init", "-l", "ru", "--root", german, "-w", "20")[0] == 0
    assert cli("extract", "--root", german)[0] == 0
    edit_lessons(german)
    at(monkeypatch, EPOCH_UPDATE)
    assert cli("extract", "--root", german)[0] == 0
    assert cli("update", "--root", german, "-l", "de", "-l", "pt-BR", "-l", "fr")[0] == 0
    assert cli("update", "--root", german, "-l", "ar", "--no-wrap")[0] == 0
    assert cli("update", "--root", german, "-l", "ru", "-l", "ja", "-w", "20")[0] == 0
    written = sorted((german / "locale").rglob("*.po")) + sorted((german / "locale").rglob("*.pot"))
    assert len(written) == 2 * 6 + 2
    assert any(b"#~ msgid" in path.read_bytes() for path in written)
    assert any(b"#| msgid" in path.read_bytes() for path in written)
    for path in written:
        done = subprocess.run(
            [str(MSGFMT), "--check", "-o", os.devnull, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (path, done.stderr)


def test_memory_from_a_catalogue_uses_its_index(
    german: Path, cli: Cli, other_material_index: Path
) -> None:
    catalogue = other_material_index.parent / "memory.toml"
    write_catalogue(
        catalogue,
        [{"id": "other", "title": "Other", "source": str(other_material_index.parent)}],
        settings={"allow_local_sources": True, "index": other_material_index.name},
    )
    code, out, err = cli(
        "update", "--root", german, "--memory", catalogue, "--json", "functions.md"
    )
    assert code == 0, err
    assert json.loads(out)["files"][0]["merge"]["suggested"] >= 1
    found = {e.msgid: e for e in read(po_path(german, "de", "functions")).entries}
    assert (found[FUNCTION].msgstr, found[FUNCTION].fuzzy) == (FUNCTION_DE, True)


def test_compile_writes_nothing_when_one_catalog_cannot_be_compiled(german: Path, cli: Cli) -> None:
    broken = po_path(german, "de", "loops")
    text = broken.read_text(encoding="utf-8")
    translated = re.search(r'msgstr "([^"]+)"', text.split("\n\n", 1)[1])
    assert translated is not None
    broken.write_text(text.replace(translated.group(0), 'msgstr "A\\x00B"', 1), encoding="utf-8")
    code, out, err = cli("compile", "--root", german, "-l", "de")
    assert code == 2
    assert out == ""
    assert f"{broken.resolve()}:" in err
    assert "contains a NUL character" in err
    assert not list((german / "locale").rglob("*.mo"))
