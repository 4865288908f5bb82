"""Strings of one column per character are cut on their escaped text (the writer's quick path):
the lines are GNU's.

The quick path's edges are where it could differ from the general search: a string exactly as
long as the line or one column longer, a word longer than the line (with and without a hyphen
or a slash to cut at), cuts falling next to or inside an escape (``\\"``, ``\\\\``, ``\\n``,
``\\t``), runs of spaces, a final ``\\n``. Every case is written at every width from 20 to 31
(so each cut lands on each character around it) and compared with ``msgcat`` at that width, and
generated strings (ASCII, Latin, Cyrillic, typographic punctuation, no-break spaces; and the wide
characters, combining marks and NUL that keep to the general search) are compared with the
general search.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otsmaterials.gettext.catalog import PoEntry, PoFile
from otsmaterials.gettext.linebreak import _general_lines, string_lines
from otsmaterials.gettext.writer import escape, format_po

MSGCAT = shutil.which("msgcat")
WIDTHS = range(20, 32)

CASES = [
    "a" * 11,  # msgid "…" is exactly 20 columns
    "a" * 12,  # one column more
    "word " * 3 + "a",
    "exactly fits here",
    "one two three four five six seven eight nine ten eleven twelve",
    "a" * 60,
    "a" * 40 + " " + "b" * 40,
    "x" * 30 + "-" + "y" * 30,
    "x" * 30 + "/" + "y" * 30,
    "well-known well-known well-known well-known-words",
    "see https://example.org/guide/first-steps.html for more",
    "e.g. this and i.e. that, 3.5% or 10-20 (aside) [link](target)",
    'say "hi" to "them" and "everyone else" who is "here"',
    '"quoted" "quoted" "quoted" "quoted" "quoted"',
    "back\\slash and a\\\\b and \\\\\\\\ runs \\ of \\\\ them",
    "\\" * 40,
    '\\"' * 15,
    "tab\there tab\there\ttab\tthere and tabs\t\tdouble",
    "line one\nline two is longer than the line width ever is\nthree",
    "ends with a line break, and is longer than one line\n",
    "\n",
    "a\n\nb\n",
    "carriage\rreturn and\abell and\bback and\fform and\vvertical",
    "many     spaces     between     these     words     here",
    "   leading spaces and a long enough text to cut somewhere",
    "trailing spaces and a long enough text to cut somewhere   ",
    " " * 50,
    "`code()` and **bold** and `more_code(x, y)` and __dunder__",
    "C++ and C# and $5 and 50% and #tag and @user and ~home and ^caret",
    "a,b;c:d.e!f?g)h]i}j|k",
    "ünïcödé text, “quoted” and «quoted», l’apostrophe — dashes – and … and more words",
    "non\u00a0breaking\u00a0spaces\u00a0join\u00a0words and\u202fnarrow\u202fones too",
    "Привет, мир! Это текст на русском языке, который длиннее строки",
    "€5, §3, ©2024, ¡Hola! ¿Qué tal? „Anführung“ und ‚einfache‘ Zeichen",
    "wide 中文字 characters and e\u0301 combining marks take the general path",
]


def _catalog(texts: list[str]) -> PoFile:
    entries = [PoEntry(msgid=f"{n} {text}", msgstr=text) for n, text in enumerate(texts)]
    header = [("Content-Type", "text/plain; charset=UTF-8")]
    return PoFile(header, [], [], entries)


@pytest.mark.skipif(MSGCAT is None, reason="GNU gettext (msgcat) is not installed")
@pytest.mark.parametrize("width", WIDTHS)
def test_msgcat_leaves_the_cuts_as_they_are(tmp_path: Path, width: int) -> None:
    catalog = _catalog(list(CASES) + [text[5:] for text in CASES])
    text = format_po(catalog, width=width)
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [MSGCAT or "msgcat", "-w", str(width), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == text


def test_a_string_that_fits_exactly_is_one_line_and_one_more_column_is_cut() -> None:
    fits = "word " * 2 + "abcde"  # msgid "word word abcde" is 23 columns
    assert string_lines("msgid", fits, 23) == [f'msgid "{fits}"']
    assert string_lines("msgid", fits, 22) == ['msgid ""', '"word word abcde"']
    assert string_lines("msgid", "a" * 30, 20) == [f'msgid "{"a" * 30}"']  # nowhere to cut


@pytest.mark.parametrize(
    "text", ['x/"' * 20, "a/\\" * 20, "\\" * 40, "a/\n" * 9 + "b", "t/\t" * 20]
)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_ends_inside_an_escape(text: str, width: int) -> None:
    lines = string_lines("msgid", text, width)
    bodies = [line.removeprefix("msgid ")[1:-1] for line in lines]
    for body in bodies:
        assert (len(body) - len(body.rstrip("\\"))) % 2 == 0, lines  # an even run: escapes whole
    assert "".join(bodies) == escape(text)
    assert len(lines) > 2  # it was cut


ALPHABET = st.sampled_from(
    [
        *("a", "b", "z", "0", "9", " ", "  ", "-", "/", ".", ",", ";", ":", "!", "?"),
        *("(", ")", "[", "]", "{", "}", "|", "%", "$", "+", "#", "'", "`", "*", "_"),
        *('"', "\\", "\n", "\t", "\r", "word", "well-known", "http://x.org/a-b"),
        *("é", "ß", "ж", "“", "”", "«", "»", "’", "—", "–", "…", "\u00a0", "\u202f", "€"),
        *("中", "e\u0301", "\x00", "\x01", "\u200b"),
    ]
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    text=st.lists(ALPHABET, max_size=60).map("".join),
    width=st.sampled_from([None, 6, 10, 15, 20, 33, 79]),
    keyword=st.sampled_from(["msgid", "msgstr[0]", "msgid_plural"]),
    prefix=st.sampled_from(["", "#~ ", "#| "]),
)
def test_strings_are_cut_as_the_general_search_cuts_them(
    text: str, width: int | None, keyword: str, prefix: str
) -> None:
    limit = (width if width is not None else 2**31 - 1) - 2 - len(prefix)
    assert string_lines(keyword, text, width, prefix) == _general_lines(
        keyword, text, limit, prefix
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("plain", "plain"),
        ('a "quote"', 'a \\"quote\\"'),
        ("back\\slash", "back\\\\slash"),
        ('\\"', '\\\\\\"'),  # a backslash before a quote: each escaped once
        ("\\n is not a line break", "\\\\n is not a line break"),
        ("line\nbreak\ttab\rcr\a\b\f\v", "line\\nbreak\\ttab\\rcr\\a\\b\\f\\v"),
        ("nul\x00byte", "nul\\000byte"),
        ("other \x01 control", "other \x01 control"),
        ('ünï “cödé” \\ "', 'ünï “cödé” \\\\ \\"'),
    ],
)
def test_each_character_is_escaped_once(text: str, written: str) -> None:
    assert escape(text) == written
