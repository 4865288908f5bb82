"""Soft line breaks become spaces and hard ones stay, whatever whitespace ends a line.

A paragraph without a hard break is joined in one step; these cases sit on the edge between
that and the line-by-line path: trailing tabs, one trailing space, two or more, a backslash,
a blank-looking line of spaces, indentation of continuation lines, and where each message
starts and ends in the source (its span) after the joining.
"""

from __future__ import annotations

import pytest

import otsmaterials.translate as ot
from otsmaterials.translate.segments import normalize_soft_breaks


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("one line", "one line"),
        ("  padded line \t", "padded line"),
        ("one\ntwo\nthree", "one two three"),
        ("one \ntwo\t\nthree \t", "one two three"),
        ("one \t\ntwo", "one two"),
        ("  indented\n    continuation\n\tlast", "indented continuation last"),
        ("hard  \nbreak", "hard  \nbreak"),
        ("three spaces   \nbreak", "three spaces  \nbreak"),
        ("back\\\nslash", "back\\\nslash"),
        ("  back\\\n  slash", "back\\\nslash"),
        ("soft\nhard  \nsoft\nlast  ", "soft hard  \nsoft last"),
        ("ends with a backslash\\", "ends with a backslash\\"),
        ("a\n  \nb", "a   \nb"),
        ("a\n \nb", "a  b"),
    ],
)
def test_soft_breaks_become_spaces_and_hard_ones_stay(text: str, message: str) -> None:
    assert normalize_soft_breaks(text) == message


def test_a_lesson_s_paragraphs_become_these_messages_with_their_spans() -> None:
    text = (
        "---\ntitle: Breaks\n---\n\n"
        "Soft \nbreaks\t\njoin.\n\n"
        "A hard  \nbreak stays.\n\n"
        "> Quoted\n> soft break.\n"
    )
    found = [
        (s.msgid, s.line, (s.span.start_line, s.span.end_line, s.span.start_col, s.span.end_col))
        for s in ot.document_segments(text, "lesson.md")
    ]
    assert found == [
        ("Breaks", 2, (1, 2, 7, 13)),
        ("Soft breaks join.", 5, (4, 7, 0, 5)),
        ("A hard  \nbreak stays.", 9, (8, 10, 0, 12)),
        ("Quoted soft break.", 12, (11, 13, 2, 13)),
    ]
