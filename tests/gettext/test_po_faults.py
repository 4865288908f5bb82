"""Malformed catalogs are refused with the file and line, never a traceback; reading is linear.

Each class of bad input (an escape PO files do not know, a charset that is no text encoding, a
number too big to be one) is tried through the reader and through the translator commands that
read catalogs (``stat``, ``compile``). A string's lines are joined once, so a long message of
short lines costs memory near its own size.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from otsmaterials.errors import ParseError
from otsmaterials.gettext.mo import MoFileError, MoMessage, read_mo, write_mo
from otsmaterials.gettext.reader import parse_po

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Language: de\\n"\n'
    '"Content-Type: text/plain; charset={charset}\\n"\n'
    '"Plural-Forms: {plural}\\n"\n'
)


def catalog(body: str, *, charset: str = "UTF-8", plural: str = "nplurals=2; plural=(n != 1);"):
    return HEADER.format(charset=charset, plural=plural) + "\n" + body


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


BAD_ESCAPES = ["\\9", "\\8", "\\q", "\\x", "\\xg", "\\u00e9", "\\\u00e9", "\\ "]
NOT_TEXT = ["rot13", "hex", "base64", "zlib", "bz2", "uu", "unicode_escape", "idna", "undefined"]
HUGE = "9" * 5000


def bad_catalogs() -> dict[str, tuple[str, str, str]]:
    """name → (catalog text, the text on the line the error must name, part of the message)."""
    cases: dict[str, tuple[str, str, str]] = {}
    for escape in BAD_ESCAPES:
        body = f'msgid "Loops"\nmsgstr "Schleifen {escape} hier"\n'
        cases[f"escape {escape!r}"] = (catalog(body), "Schleifen", "invalid escape")
        body = f'msgid ""\n"Loops "\n"and {escape} more"\nmsgstr "Schleifen"\n'
        cases[f"escape {escape!r} on a continuation line"] = (catalog(body), "more", "escape")
    for charset in NOT_TEXT:
        body = 'msgid "Loops"\nmsgstr "Schleifen"\n'
        cases[f"charset {charset}"] = (catalog(body, charset=charset), "charset=", charset)
    body = 'msgid "Loops"\nmsgstr "Schleifen"\n'
    cases["5,000-digit nplurals"] = (
        catalog(body, plural=f"nplurals={HUGE}; plural=0;"),
        "Plural-Forms",
        "nplurals",
    )
    cases["superscript nplurals"] = (
        catalog(body, plural="nplurals=²; plural=0;"),
        "Plural-Forms",
        "nplurals",
    )
    cases["5,000-digit plural index"] = (
        catalog(f'msgid "a"\nmsgid_plural "b"\nmsgstr[{HUGE}] "c"\n'),
        "msgstr[",
        "out of order",
    )
    cases["5,000-digit number in the plural formula"] = (
        catalog(body, plural=f"nplurals=2; plural=n > {HUGE};"),
        "Plural-Forms",
        "Plural-Forms",
    )
    # An entry half obsolete: msgfmt says "inconsistent use of #~"; reading it as one entry or
    # the other loses a message or brings one back.
    for name, body, needle in [
        ("a live msgid, an obsolete msgstr", 'msgid "Loops"\n#~ msgstr "Schleifen"\n', "#~ msgstr"),
        (
            "an obsolete msgid, a live msgstr",
            '#~ msgid "Loops"\nmsgstr "Schleifen"\n',
            'msgstr "Schleifen"',
        ),
        (
            "a live msgctxt, an obsolete msgid",
            'msgctxt "x"\n#~ msgid "Loops"\n#~ msgstr ""\n',
            "#~ msgid",
        ),
        ("an obsolete string after a live one", 'msgid "Lo"\n#~ "ops"\nmsgstr "S"\n', '#~ "ops"'),
        ("a live string after an obsolete one", '#~ msgid "Lo"\n"ops"\n#~ msgstr "S"\n', '"ops"'),
        (
            "a live plural form after obsolete ones",
            '#~ msgid "a"\n#~ msgid_plural "b"\n#~ msgstr[0] "c"\nmsgstr[1] "d"\n',
            "msgstr[1]",
        ),
        ("the header's msgstr obsolete", "", ""),
    ]:
        if not body:
            text = 'msgid ""\n#~ msgstr ""\n"Language: de\\n"\n'
            cases[name] = (text, "#~ msgstr", "inconsistent use of #~")
            continue
        cases[name] = (catalog(body), needle, "inconsistent use of #~")
    return cases


BAD = bad_catalogs()


@pytest.mark.parametrize("name", BAD)
def test_every_malformed_catalog_is_a_parse_error_naming_its_line(name: str) -> None:
    text, needle, message = BAD[name]
    with pytest.raises(ParseError, match=message) as caught:
        parse_po(text.encode("utf-8"), "de/LC_MESSAGES/loops.po")
    assert caught.value.path == "de/LC_MESSAGES/loops.po"
    assert caught.value.line == line_of(text, needle)
    assert len(str(caught.value)) < 300  # a 5,000-digit number is not copied into the message


@pytest.fixture
def working_copy(tmp_path: Path) -> Path:
    root = tmp_path / "material"
    root.mkdir()
    (root / "_config.yml").write_text("title: Loops\n", encoding="utf-8")
    (root / "loops.md").write_text("# Loops\n\nComputers repeat things.\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("command", ["stat", "compile", "update"])
@pytest.mark.parametrize(
    "name", ["escape '\\\\9'", "charset rot13", "charset hex", "5,000-digit nplurals"]
)
def test_translator_commands_report_a_malformed_catalog_in_one_line(
    command: str, name: str, working_copy: Path, run
) -> None:
    text, needle, message = BAD[name]
    po = working_copy / "locale" / "de" / "LC_MESSAGES" / "loops.po"
    po.parent.mkdir(parents=True)
    po.write_text(text, encoding="utf-8")
    code, out, err = run(
        command, "--root", working_copy, *(["-l", "de"] if command == "update" else [])
    )
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert f"loops.po:{line_of(text, needle)}: " in err
    assert message in err
    assert po.read_text(encoding="utf-8") == text
    assert not po.with_suffix(".mo").exists()


def test_numeric_escapes_end_with_their_line() -> None:
    # "\x4" then "c" on the next line is U+0004 then "c", not "\x4c" ("L"); the same for octal.
    text = catalog('msgid "a"\nmsgstr ""\n"\\x4"\n"c"\n"\\1"\n"23"\n"\\x4"\n"\\\\x"\n')
    assert parse_po(text.encode(), "x.po").entries[0].msgstr == "\x04c\x0123\x04\\x"


def test_escaped_backslashes_before_escape_letters() -> None:
    text = catalog('msgid "a"\nmsgstr "\\\\n \\\\\\n \\\\\\\\t \\"\\\\\\""\n')
    assert parse_po(text.encode(), "x.po").entries[0].msgstr == '\\n \\\n \\\\t "\\"'


def peak_memory(data: bytes) -> int:
    tracemalloc.start()
    try:
        parse_po(data, "x.po")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_long_message_of_short_lines_takes_memory_near_its_size() -> None:
    # Each line used to be appended to the message read so far: a 15 MB msgid took 2 GB.
    lines = [f'"Line {n:06d}\\n"' for n in range(150_000)]
    data = catalog('msgid ""\n' + "\n".join(lines) + '\nmsgstr ""\n').encode()
    parsed = parse_po(data, "x.po").entries[0]
    assert parsed.msgid.count("\n") == 150_000
    assert parsed.msgid.endswith("Line 149999\n")
    assert peak_memory(data) < 10 * len(data)


def test_many_messages_take_memory_within_ten_times_their_size() -> None:
    entries = "".join(
        f"#: ../../source/loops.rst:{n}\n"
        f'msgid "Loops repeat a block, message {n}."\n'
        f'msgstr "Schleifen wiederholen einen Block, Nachricht {n}."\n\n'
        for n in range(30_000)
    )
    data = catalog(entries).encode()
    read = parse_po(data, "x.po").entries
    assert (len(read), read[-1].locations, read[-1].line) == (
        30_000,
        ["../../source/loops.rst:29999"],
        8 + 4 * 29_999,
    )
    assert peak_memory(data) < 10 * len(data)


@pytest.mark.parametrize("charset", [*NOT_TEXT, "no-such-charset"])
def test_mo_with_a_charset_that_is_no_text_encoding_is_refused(charset: str) -> None:
    header = f"Content-Type: text/plain; charset={charset}\n"
    data = write_mo([MoMessage("", (header,)), MoMessage("Loops", ("Schleifen",))])
    with pytest.raises(MoFileError, match=r"charset|not valid") as caught:
        read_mo(data, "de.mo")
    assert caught.value.path == "de.mo"


LATIN1 = (
    '# "charset=UTF-8" in a comment says nothing\n'
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n"Language: de\\n"\n\n'
    'msgid "Loops"\nmsgstr "Schleifen \xfcben"\n\n'
    'msgid "charset=UTF-8 in a message says nothing either"\nmsgstr ""\n'
)


def test_the_charset_is_the_header_entrys_only() -> None:
    entries = parse_po(LATIN1.encode("latin-1"), "de.po").entries
    assert entries[0].msgstr == "Schleifen üben"
    text = (
        'msgid "a"\nmsgstr "b"\n\nmsgid "Content-Type: text/plain; charset=latin-1"\nmsgstr "é"\n'
    )
    assert parse_po(text.encode(), "x.po").entries[1].msgstr == "é"  # UTF-8: no header says else


def test_a_catalog_read_in_another_charset_is_written_back_as_utf8(working_copy: Path, run) -> None:
    assert run("init", "-l", "de", "--root", working_copy)[0] == 0
    catalog = working_copy / "locale" / "de" / "LC_MESSAGES" / "loops.po"
    text = catalog.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1")
    text = text.replace('msgid "Loops"\nmsgstr ""', 'msgid "Loops"\nmsgstr "Schleifen üben"')
    catalog.write_bytes(text.encode("latin-1"))
    (working_copy / "loops.md").write_text("# Loops\n\nComputers repeat things again.\n", "utf-8")
    assert run("update", "-l", "de", "--root", working_copy)[0] == 0
    written = catalog.read_bytes()
    assert b"charset=UTF-8" in written
    assert "Schleifen üben" in written.decode("utf-8")
    assert parse_po(written, str(catalog)).entries[0].msgstr == "Schleifen üben"
