"""The quicker paragraph and setext heading rules give markdown-it-py's tokens, whatever the
text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_block import StateBlock

from mdtokens import commonmark, token_fields
from otsmaterials.formats import parse_document
from otsmaterials.formats.quickblocks import quick_blocks

STOCK, QUICK = commonmark(), quick_blocks(commonmark())


CASES = [
    "Title\n=====\n\nText.\n",
    "Sub\n---\n",
    "A paragraph\nover lines\n-\n",
    "Not\n- a heading: a list\n",
    "> quoted\n> ===\n",
    "> lazy\ncontinuation\n---\n",
    "- item\n  under\n  ---\n",
    "    code\n===\n",
    "text\n    ===\n",
    "text\n   ===   \n",
    "text\n= = =\n",
    "text\n\n===\n",
    "| a | b |\n|---|---|\n| c | d |\n",
    "text\n<div>\n---\n",
    "1. one\n2. two\n---\n",
    "para\n```\ncode\n```\n---\n",
    "para\n# heading\n",
    "para\n> quote\n",
    "para\n<div>\nhtml\n",
    "para\n***\n",
    "para\n+ item\n",
    "para\n1. item\n",
    "a | b\n--|--\nc | d\n",
    "para\nhead | er\n---|---\n",
    "para\n| a | b |\n|---|---|\n| c | d |\n",
    "para\na | b\n:-|:-\n",
    "> para\nlazy line\n> more\n",
    "- item\n  para\n  more\nlazy\n",
    "para\n        indented\nmore\n",
    "para\r\nnext\r\n",
    "para\n\u00a0\nnext\n",
    "[a]: /x\n",
    "[a]: /x\n'title'\n",
    "text\n[a]: /x\n",
    "    code\n",
    "\tcode after a tab\n",
    "   three spaces: a paragraph\n",
    "plain\ntext | pipe\n",
    "text | with pipe\n---|---\n",
    "plain\n=\n",
    "plain\nmore\n==\n",
    "plain\n  indented continuation\n        deep\nlast\n",
    "- item\n\n  plain para in item\n  more\n",
    "- item\n\n  plain para in item\n  ===\n",
    "> quote\n>\n> plain\n> more\n",
    "> plain\nlazy\n",
    "1) one\n",
    "plain\n+++\n",
    "\u00e9 plain, not ASCII\n",
    "plain\n<!-- comment -->\n",
    "plain\n\n\n  next\n",
    "=== at the start\n",
    "p\n",
    "# heading\ntext\n",
    "#hashtag, not a heading\n",
    "# heading | with a pipe\n",
    "#\n",
    "####### seven: a paragraph\n",
    "   ### indented heading ###\n",
    "    # code\n",
    "para\n# heading\n",
    "nul\0byte\n",
    "cr\ronly\rlines\r",
]


@pytest.mark.parametrize("text", CASES)
def test_the_same_tokens_as_markdown_it(text: str) -> None:
    assert token_fields(QUICK, text) == token_fields(STOCK, text)


def _percent_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block of a plugin: a line starting ``%%`` (no rule of CommonMark starts there)."""
    first = state.bMarks[start] + state.tShift[start]
    if not state.src.startswith("%%", first):
        return False
    if not silent:
        state.push("percent", "", 0).map = [start, start + 1]
        state.line = start + 1
    return True


def test_a_rule_it_does_not_know_is_still_asked() -> None:
    parser = commonmark()
    parser.block.ruler.before("table", "percent", _percent_block)
    quick_blocks(parser)
    assert [t.type for t in parser.parse("%% a plugin's block\n\nText.\n")] == [
        "percent",
        "paragraph_open",
        "inline",
        "paragraph_close",
    ]


def test_a_setext_heading_is_still_one() -> None:
    doc = parse_document(b"Loops\n=====\n\nSome text.\n\nMore\n----\n", "lesson.md")
    assert (doc.title, doc.title_source) == ("Loops", "heading")
    assert doc.headings == ("More",)


_PIECE = st.sampled_from(
    [
        *("text", "=", "===", "-", "---", "- ", "* ", "1. ", "> ", "  ", "    ", "\t", "```"),
        *("#", "# ", "|", "<div>", "</div>", "[a]: /x", "\n", "\n", "\n\n", " ", "\r"),
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PIECE, max_size=40).map("".join))
def test_any_text_gives_the_sametoken_fields(text: str) -> None:
    assert token_fields(QUICK, text) == token_fields(STOCK, text)
