"""The quicker inline pass gives markdown-it-py's tokens, whatever the text."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from mdtokens import commonmark, token_fields
from otsmaterials.formats import parse_document
from otsmaterials.formats.frontmatter import split_front_matter
from otsmaterials.formats.quickblocks import quick_blocks
from otsmaterials.formats.quickinline import quick_inline

STOCK, QUICK = commonmark(), quick_inline(quick_blocks(commonmark()))


CASES = [
    "Plain text.\n",
    "Two\nlines\n",
    "Soft break after a space \nnext\n",
    "Hard break after two spaces  \nnext\n",
    "Hard break after many     \nnext\n",
    "Tab before the break\t\nnext\n",
    "Tab and spaces \t  \nnext\n",
    "a\n   \t leading spaces and tabs skipped\n",
    "# Heading with *emphasis*\n",
    "# Plain heading #\n",
    "Heading\n=======\n",
    "| a | b |\n|---|---|\n| plain | cell `code` |\n",
    "- item one\n- item *two*\n  continued  \n  line\n",
    "> quoted\n> text\n",
    "A [link](http://x) and text\n",
    "An ![image](i.png)\n",
    "Escaped \\* star\n",
    "Backslash at the end\\\nnext\n",
    "Entity &amp; text\n",
    "Autolink <http://example.org>\n",
    "Raw <b>html</b>\n",
    "under_score and *star*\n",
    "Strike ~~through~~ (not CommonMark)\n",
    "Brackets ] alone and ( parens )\n",
    "Punctuation: # $ % + - = @ ^ { } > all plain\n",
    "Non-ASCII: é, 中文, emoji 🎉\n",
    "Not a break: two spaces at the very end  ",
    "nul\0byte\n",
    "cr\r\nlines\r\n",
    "[ref]: /target\n\nA [ref] use\n",
]


@pytest.mark.parametrize("text", CASES)
def test_the_same_tokens_as_markdown_it(text: str) -> None:
    assert token_fields(QUICK, text) == token_fields(STOCK, text)


def _lesson_bodies() -> list[tuple[str, str]]:
    """The Markdown files of the bundled demo materials and of the test data, front matter cut."""
    demo = Path(str(resources.files("otsmaterials") / "demo" / "materials"))
    files = sorted([*demo.rglob("*.md"), *Path(__file__).parent.joinpath("data").rglob("*.md")])
    bodies = []
    for path in files:
        _, body, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        bodies.append((path.name, body))
    return bodies


def test_lesson_files_give_the_sametoken_fields() -> None:
    bodies = _lesson_bodies()
    assert len(bodies) >= 20
    for name, body in bodies:
        assert token_fields(QUICK, body) == token_fields(STOCK, body), name


_PIECE = st.sampled_from(
    [
        *("text", "wörd", " ", "  ", "   ", "\t", "\n", "\n", "\n\n", "\r", "\0"),
        *("*", "_", "`", "[", "]", "(", ")", "!", "<", ">", "&", "\\", "~", "#", "|"),
        *("- ", "1. ", "> ", "    ", "---", "===", "http://x", "&amp;", "<b>"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECE, max_size=40).map("".join))
def test_any_text_gives_the_sametoken_fields(text: str) -> None:
    assert token_fields(QUICK, text) == token_fields(STOCK, text)


def _percent(state: StateInline, silent: bool) -> bool:
    """An inline rule of a plugin: ``%%`` becomes a token of its own."""
    if not state.src.startswith("%%", state.pos):
        return False
    if not silent:
        state.push("percent", "", 0)
    state.pos += 2
    return True


def test_a_parser_with_a_rule_it_does_not_know_keeps_its_own_pass() -> None:
    parser = commonmark()
    parser.inline.ruler.before("text", "percent", _percent)
    quick_inline(parser)
    children = parser.parse("a %% b\n")[1].children or []
    assert [child.type for child in children] == ["text", "percent", "text"]


def test_linkify_keeps_its_own_pass() -> None:
    """linkify starts at ``:`` and needs linkify-it-py: the parser's own pass stays."""
    parser = MarkdownIt("commonmark", {"linkify": True}).enable("linkify")
    before = [(rule.name, rule.fn) for rule in parser.core.ruler.__rules__]
    quick_inline(parser)
    assert [(rule.name, rule.fn) for rule in parser.core.ruler.__rules__] == before


def test_no_nesting_allowed_gives_markdown_it_s_text() -> None:
    stock = MarkdownIt("commonmark", {"maxNesting": 0})
    quick = quick_inline(MarkdownIt("commonmark", {"maxNesting": 0}))
    assert token_fields(quick, "one  \ntwo\n") == token_fields(stock, "one  \ntwo\n")


def test_a_page_reads_the_same() -> None:
    page = b"# Loops\n\nA loop  \nrepeats *code*.\n\n## Why\n\nIt saves typing.\n"
    doc = parse_document(page, "loops.md")
    assert (doc.title, doc.headings) == ("Loops", ("Why",))
    assert doc.text.split() == "Loops A loop repeats code. Why It saves typing.".split()
