"""Hostile and broken catalogs, lossless round trips, and writes that cannot half-happen.

Hostile ``Plural-Forms`` headers, broken ``.po`` files, round trips (po → po and po → mo → read
keep everything, or refuse before writing), a failed write that leaves the old file, and an
unencodable write that fails before the target is opened: the defences checked-plural-forms,
strict-po, lossless-round-trips and atomic-writes of ``docs/threat-model.md``. Corrupt ``.mo``
files are tested in ``test_mo.py``; ``compile`` on a corrupt plural header is in
``test_workflow_cli.py``.
"""

from __future__ import annotations

import os
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from otsmaterials._support import atomic
from otsmaterials.cli import main
from otsmaterials.errors import ParseError, StorageError
from otsmaterials.gettext.catalog import PoEntry, PoFile
from otsmaterials.gettext.compile import compile_po
from otsmaterials.gettext.mo import MoMessage, read_mo, write_mo
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.writer import format_po

from workload import count_steps, finishes_in_child

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: Python Basics\\n"\n'
    '"Language: de\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: {plural}\\n"\n'
)
BODY = '\n#: loops.md:3\nmsgid "Loops"\nmsgstr "Schleifen"\n'
GOOD_PLURAL = "nplurals=2; plural=(n != 1);"


def catalog_text(plural: str = GOOD_PLURAL, body: str = BODY) -> str:
    return "# German translations.\n#\n# Translators:\n" + HEADER.format(plural=plural) + body


def plural_forms_line(text: str) -> int:
    """The line of the ``Plural-Forms`` field, where errors in it are reported."""
    return next(n for n, raw in enumerate(text.split("\n"), 1) if '"Plural-Forms:' in raw)


# --- hostile Plural-Forms (threat-model.md, checked-plural-forms) ---------------------------------

HOSTILE = {
    "huge nplurals": "nplurals=500000000; plural=n;",
    "negative nplurals": "nplurals=-1; plural=0;",
    "division by zero": "nplurals=2; plural=n/0;",
    "25 nested parentheses": "nplurals=2; plural=" + "(" * 25 + "n != 1" + ")" * 25 + ";",
    "a Python name": "nplurals=2; plural=__import__('os').system('touch {marker}');",
    "an attribute": "nplurals=2; plural=n.__class__;",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_plural_forms_are_rejected_quickly_and_small(name: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = catalog_text(HOSTILE[name].format(marker=marker))

    def refuse() -> ParseError:
        with pytest.raises(ParseError, match="Plural-Forms") as caught:
            parse_po(text.encode("utf-8"), "de/LC_MESSAGES/loops.po")
        return caught.value

    def read_good() -> None:
        parse_po(catalog_text().encode("utf-8"), "de/LC_MESSAGES/loops.po")

    # Quickly: refused within a few times the steps of reading the catalog with a good header
    # (hundreds; 500,000,000 forms made, or an exponential parse of the parentheses, would cost
    # millions).
    hostile, good = finishes_in_child(lambda: (count_steps(refuse), count_steps(read_good)))
    assert hostile <= 4 * good, (hostile, good)
    tracemalloc.start()
    try:
        error = refuse()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024
    assert error.path == "de/LC_MESSAGES/loops.po"
    assert error.line == plural_forms_line(text)
    assert str(error).startswith(f"de/LC_MESSAGES/loops.po:{plural_forms_line(text)}: ")
    assert not marker.exists()


def test_sane_plural_forms_are_accepted() -> None:
    russian = (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    )
    for plural in (GOOD_PLURAL, "nplurals=1; plural=0;", russian):
        parsed = parse_po(catalog_text(plural).encode("utf-8"), "x.po")
        assert parsed.header_value("Plural-Forms") == plural


def make_site(root: Path) -> Path:
    root.mkdir()
    (root / "_config.yml").write_text("title: Python Basics\n", encoding="utf-8")
    (root / "intro.md").write_text("# Introduction\n\nWelcome to the workshop.\n", "utf-8")
    (root / "loops.md").write_text("# Loops\n\nComputers repeat things.\n", "utf-8")
    assert main(["init", "-l", "de", "--root", str(root)]) == 0
    return root


def locale_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted((root / "locale").rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("name", HOSTILE)
def test_update_meeting_a_hostile_catalog_changes_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path / "site")
    hostile = (root / "locale/de/LC_MESSAGES/intro.po").resolve()
    text = hostile.read_text(encoding="utf-8")
    plural = HOSTILE[name].format(marker=tmp_path / "pwned")
    text = text.replace(
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', f'"Plural-Forms: {plural}\\n"'
    )
    assert plural in text
    hostile.write_text(text, encoding="utf-8")
    (root / "intro.md").write_text("# Introduction\n\nWelcome, everybody.\n", encoding="utf-8")
    (root / "loops.md").write_text("# Loops\n\nComputers repeat things a lot.\n", "utf-8")
    capsys.readouterr()
    before = locale_bytes(root)
    code = main(["update", "--root", str(root)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert f"{hostile}:{plural_forms_line(text)}: Plural-Forms" in err
    assert "Traceback" not in err
    assert locale_bytes(root) == before
    assert not (tmp_path / "pwned").exists()


# --- broken catalogs (threat-model.md, strict-po) -------------------------------------------------


def assert_parse_error(
    data: bytes, line: int, capsys: pytest.CaptureFixture[str], match: str | None = None
) -> ParseError:
    with pytest.raises(ParseError, match=match) as caught:
        parse_po(data, "fr/LC_MESSAGES/loops.po")
    assert caught.value.path == "fr/LC_MESSAGES/loops.po"
    assert caught.value.line == line
    assert str(caught.value).startswith(f"fr/LC_MESSAGES/loops.po:{line}: ")
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")
    return caught.value


def test_broken_quote(capsys: pytest.CaptureFixture[str]) -> None:
    text = catalog_text(body='\nmsgid "Loops"\nmsgstr "Boucles\n')
    assert_parse_error(text.encode(), len(text.split("\n")) - 1, capsys, "quote")


def test_unknown_charset(capsys: pytest.CaptureFixture[str]) -> None:
    text = catalog_text().replace("charset=UTF-8", "charset=NOPE")
    line = next(n for n, raw in enumerate(text.split("\n"), 1) if "charset=NOPE" in raw)
    assert_parse_error(text.encode(), line, capsys, "NOPE")


def test_utf16_with_bom(capsys: pytest.CaptureFixture[str]) -> None:
    assert_parse_error(catalog_text().encode("utf-16"), 1, capsys, "UTF-16")


def test_invalid_utf8_names_the_line(capsys: pytest.CaptureFixture[str]) -> None:
    data = catalog_text(body='\nmsgid "Loops"\nmsgstr "Boucles \xff"\n').encode("latin-1")
    error = assert_parse_error(data, len(data.split(b"\n")) - 1, capsys, "byte offset")
    assert str(data.index(b"\xff")) in str(error)


def test_invalid_escape(capsys: pytest.CaptureFixture[str]) -> None:
    text = catalog_text(body='\nmsgid "Loops"\nmsgstr "Boucles \\q"\n')
    assert_parse_error(text.encode(), len(text.split("\n")) - 1, capsys, "escape")


@pytest.mark.parametrize("where", ["before another message", "at the end"])
def test_missing_msgstr(where: str, capsys: pytest.CaptureFixture[str]) -> None:
    body = '\nmsgid "Loops"\n'
    if where == "before another message":
        body += '\nmsgid "Lists"\nmsgstr "Listen"\n'
    text = catalog_text(body=body)
    line = text.split("\n").index('msgid "Loops"') + 1
    assert_parse_error(text.encode(), line, capsys, "msgstr")


def test_a_second_msgstr_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    text = catalog_text(body='\nmsgid "Loops"\nmsgstr "Schleifen"\nmsgstr "Kreise"\n')
    assert_parse_error(text.encode(), len(text.split("\n")) - 1, capsys)


def test_update_on_a_broken_catalog_prints_nothing_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path / "site")
    broken = (root / "locale/de/LC_MESSAGES/loops.po").resolve()
    text = broken.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=NOPE")
    broken.write_text(text, encoding="utf-8")
    line = next(n for n, raw in enumerate(text.split("\n"), 1) if "charset=NOPE" in raw)
    capsys.readouterr()
    before = locale_bytes(root)
    code = main(["update", "--root", str(root), "-l", "de"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert f"{broken}:{line}: unknown charset 'NOPE'" in err
    assert locale_bytes(root) == before


# --- round trips (threat-model.md, lossless-round-trips) ------------------------------------------

SPECIAL = ["\x1e", "\x85", "\u2028", "\u2029", "\t", "\r", "\n", '"', "\\", "\\n", " ", "\x04"]
SPECIAL += ["\x0b", "\x0c", "\x7f", "é", "ß", "日本", "#~ ", 'msgid "', "\\\\n", "\x1c", "  "]


def texts(*, no_nul: bool = True) -> st.SearchStrategy[str]:
    """Text with the characters that broke other readers and writers, mixed with anything."""
    alphabet = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
    pieces = st.one_of(
        st.text(alphabet if no_nul else st.characters(blacklist_categories=("Cs",)), max_size=25),
        st.sampled_from(SPECIAL if no_nul else [*SPECIAL, "\x00"]),
    )
    return st.lists(pieces, max_size=8).map("".join)


def nonempty(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(["a", "\x85", "\u2028", " ", "\\", '"']), strategy).map(
        "".join
    )


COMMENTS = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\n"), max_size=30
).map(str.strip)  # one line each; the writer trims line ends, as GNU gettext does
FLAGS = st.lists(st.from_regex(r"[a-z][a-z-]{0,15}", fullmatch=True), max_size=3, unique=True)


@st.composite
def entries(draw: st.DrawFn) -> PoEntry:
    plural = draw(st.booleans())
    return PoEntry(
        msgid=draw(nonempty(texts())),
        msgstr="" if plural else draw(texts()),
        msgctxt=draw(st.none() | texts()),
        msgid_plural=draw(texts()) if plural else None,
        msgstr_plural=draw(st.lists(texts(), min_size=1, max_size=6)) if plural else [],
        comments=draw(st.lists(COMMENTS, max_size=3)),
        extracted=draw(st.lists(COMMENTS, max_size=2)),
        flags=draw(FLAGS),
        obsolete=draw(st.booleans()),
    )


def translated(entry: PoEntry) -> bool:
    return bool(entry.msgstr or any(entry.msgstr_plural))


def essentials(entry: PoEntry) -> tuple[object, ...]:
    """What a round trip keeps: all but a fuzzy flag on nothing (GNU writes none either)."""
    flags = list(dict.fromkeys(entry.flags))
    if "fuzzy" in flags:
        flags.remove("fuzzy")
        flags[:0] = ["fuzzy"] if translated(entry) else []
    return (
        entry.msgid,
        entry.msgstr,
        entry.msgctxt,
        entry.msgid_plural,
        entry.msgstr_plural,
        entry.comments,
        entry.extracted,
        flags,
        entry.obsolete,
    )


ROUND_TRIP = settings(
    max_examples=250, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@ROUND_TRIP
@given(st.lists(entries(), max_size=6, unique_by=PoEntry.key), st.sampled_from([79, 20, None]))
def test_po_round_trip_loses_nothing(items: list[PoEntry], width: int | None) -> None:
    header = [("Language", "de"), ("Content-Type", "text/plain; charset=UTF-8")]
    catalog = PoFile(header, ["Translators:", "Ana <ana@example.org>"], [], items)
    text = format_po(catalog, width=width)
    back = parse_po(text.encode("utf-8"), "roundtrip.po")
    # obsolete entries without a translation are not written, as GNU does not write them
    expected = [e for e in items if not e.obsolete] + [
        e for e in items if e.obsolete and translated(e)
    ]
    assert [essentials(e) for e in back.entries] == [essentials(e) for e in expected]
    assert back.header == header
    assert back.header_comments == catalog.header_comments
    assert format_po(back, width=width) == text  # and writing again is stable


@ROUND_TRIP
@given(st.lists(entries(), max_size=6, unique_by=PoEntry.key))
def test_po_to_mo_round_trip_keeps_every_usable_translation(items: list[PoEntry]) -> None:
    header = [("Language", "de"), ("Content-Type", "text/plain; charset=UTF-8")]
    catalog = parse_po(format_po(PoFile(header, [], [], items)).encode("utf-8"), "x.po")
    cannot = any(
        "\x04" in text
        for entry in catalog.active()
        if entry.translated
        for text in (entry.msgid, entry.msgctxt or "", entry.msgid_plural or "")
    )
    if cannot:
        with pytest.raises(ParseError, match="cannot carry"):
            compile_po(catalog)
        return
    messages = read_mo(compile_po(catalog), "x.mo")
    expected = {
        (e.msgctxt, e.msgid, e.msgid_plural): tuple(e.msgstr_plural)
        if e.msgid_plural is not None
        else (e.msgstr,)
        for e in catalog.active()
        if e.translated
    }
    expected[(None, "", None)] = ("Language: de\nContent-Type: text/plain; charset=UTF-8\n",)
    got = {(m.msgctxt, m.msgid, m.msgid_plural): m.msgstr for m in messages}
    assert got == expected


def mo_messages() -> st.SearchStrategy[MoMessage]:
    singular = st.builds(
        lambda msgid, msgstr, ctx: MoMessage(msgid, (msgstr,), ctx),
        nonempty(texts(no_nul=False)),
        texts(no_nul=False),
        st.none() | texts(no_nul=False),
    )
    plural = st.builds(
        lambda msgid, forms, ctx, other: MoMessage(msgid, tuple(forms), ctx, other),
        nonempty(texts(no_nul=False)),
        st.lists(texts(no_nul=False), min_size=1, max_size=6),
        st.none() | texts(no_nul=False),
        texts(no_nul=False),
    )
    return singular | plural


@ROUND_TRIP
@given(st.lists(mo_messages(), max_size=6))
def test_mo_round_trip_or_refusal(messages: list[MoMessage]) -> None:
    header = MoMessage("", ("Content-Type: text/plain; charset=UTF-8\n",))
    keys = [t for m in messages for t in (m.msgid, m.msgctxt or "", m.msgid_plural or "")]
    refused = any("\x00" in t or "\x04" in t for t in keys) or any(
        "\x00" in form for m in messages for form in m.msgstr
    )
    if refused:
        with pytest.raises(ParseError):
            write_mo([header, *messages])
        return
    back = read_mo(write_mo([header, *messages]), "x.mo")
    assert Counter(back) == Counter([header, *messages])


@pytest.mark.parametrize("msgid", ["a\\000b", "a\\004b"])
def test_compile_refuses_nul_and_context_separator_before_writing(
    msgid: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path / "site")
    path = root / "locale/de/LC_MESSAGES/intro.po"
    text = path.read_text(encoding="utf-8") + f'\nmsgid "{msgid}"\nmsgstr "x"\n'
    path.write_text(text, encoding="utf-8")
    assert parse_po(text.encode(), "intro.po").entries[-1].msgid == msgid.replace(
        "\\000", "\x00"
    ).replace("\\004", "\x04")
    capsys.readouterr()
    code = main(["compile", "--root", str(root)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "NUL or \\x04" in err
    assert out == ""
    assert not list((root / "locale").rglob("*.mo"))
    assert not list((root / "locale").rglob(f"{atomic.TEMP_PREFIX}*"))


def test_obsolete_entry_with_previous_msgid_round_trips() -> None:
    entry = PoEntry("Loops", "Schleifen", flags=["fuzzy"], previous_msgid="Loop", obsolete=True)
    text = format_po(PoFile([("Language", "de")], [], [], [entry]))
    (back,) = parse_po(text.encode("utf-8"), "x.po").entries
    assert (back.previous_msgid, back.obsolete, back.msgstr) == ("Loop", True, "Schleifen")


# --- writes (threat-model.md, atomic-writes) ------------------------------------------------------


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{atomic.TEMP_PREFIX}*"))


def test_failed_replace_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "de.po"
    target.write_bytes(b"old catalog\n")

    def interrupted(*_args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(StorageError, match="cannot write") as caught:
        atomic.write_bytes_atomic(target, b"new catalog\n")
    assert caught.value.path == str(target)
    assert target.read_bytes() == b"old catalog\n"
    assert leftovers(tmp_path) == []
    monkeypatch.undo()
    atomic.write_bytes_atomic(target, b"new catalog\n")
    assert target.read_bytes() == b"new catalog\n"
    assert leftovers(tmp_path) == []


def test_update_whose_write_fails_keeps_every_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_site(tmp_path / "site")
    (root / "loops.md").write_text("# Loops\n\nComputers repeat things a lot.\n", "utf-8")
    before = locale_bytes(root)

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    capsys.readouterr()
    code = main(["update", "--root", str(root)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert "No space left on device" in err
    assert locale_bytes(root) == before
    assert leftovers(root / "locale/de/LC_MESSAGES") == []


def test_next_run_removes_a_killed_writers_temporary(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    folder = root / "locale/de/LC_MESSAGES"
    stale = folder / f"{atomic.TEMP_PREFIX}abc123.tmp"
    stale.write_bytes(b'# half a catalog\nmsgid "Lo')
    os.utime(stale, (1_600_000_000, 1_600_000_000))
    (root / "loops.md").write_text("# Loops\n\nComputers repeat things a lot.\n", "utf-8")
    assert main(["update", "--root", str(root)]) == 0
    assert leftovers(folder) == []


def test_unencodable_text_fails_before_the_target_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "de.po"
    target.write_bytes(b"old catalog\n")
    opened: list[object] = []
    real_mkstemp = atomic.tempfile.mkstemp

    def spy(*args: object, **kwargs: object) -> tuple[int, str]:
        opened.append(args)
        return real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(atomic.tempfile, "mkstemp", spy)
    with pytest.raises(StorageError, match="cannot encode as ascii") as caught:
        atomic.write_text_atomic(target, 'msgid "Grüße"\nmsgstr ""\n', encoding="ascii")
    assert "nothing was written" in str(caught.value)
    assert opened == []
    assert target.read_bytes() == b"old catalog\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de.po"]
    with pytest.raises(StorageError):
        atomic.write_text_atomic(tmp_path / "new.po", "\udcff", encoding="utf-8")
    assert not (tmp_path / "new.po").exists()
    assert opened == []
