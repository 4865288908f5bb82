"""The cutter reads only the tokens that can give or steer a message, and looks for reference
definitions' titles only in a body with ``]:`` in it: a skip still takes whatever block comes
next, and a title is found wherever a definition stands outside other blocks."""

from __future__ import annotations

import pytest

import otsmaterials.translate as ot


def _messages(text: str, *, include_code: bool = False) -> list[str]:
    return [s.msgid for s in ot.document_segments(text, "lesson.md", include_code=include_code)]


@pytest.mark.parametrize(
    "block",
    [
        "> A quoted\n> paragraph.",
        "## A heading",
        "A heading\n---------",
        "- an item\n- another item",
        "1. first\n2. second",
        "```\ncode()\n```",
        "    indented()",
        "***",
        "| a | b |\n|---|---|\n| c | d |",
    ],
)
def test_a_skip_takes_the_next_block_whatever_it_is(block: str) -> None:
    text = f"Before.\n\n<!-- i18n:skip -->\n{block}\n\nAfter.\n"
    assert _messages(text, include_code=True) == ["Before.", "After."]


@pytest.mark.parametrize(
    "html",
    [
        "<div>\n<p>Raw HTML.</p>\n</div>",
        '<img src="a.png" alt="raw">',
        "<table><tr><td>cell</td></tr></table>",
        "<script>\nrun();\n</script>",
        "<details>\n<summary>More</summary>\n</details>",
    ],
)
def test_a_skip_before_a_raw_html_block_takes_that_block_and_nothing_after(html: str) -> None:
    text = f"Before.\n\n<!-- i18n:skip -->\n{html}\n\nAfter.\n"
    assert _messages(text) == ["Before.", "After."]


def test_a_plain_comment_between_a_skip_and_its_block_is_not_the_block() -> None:
    text = "<!-- i18n:skip -->\n<!-- a note for authors -->\n\nSkipped.\n\nKept.\n"
    assert _messages(text) == ["Kept."]


def test_a_skip_before_a_block_that_gives_no_message_does_not_reach_further() -> None:
    text = "<!-- i18n:skip -->\n***\n\nKept.\n"
    assert _messages(text) == ["Kept."]


def test_reference_titles_are_found_and_text_with_brackets_is_no_definition() -> None:
    text = (
        "Text with [a] and [b]: not a definition.\n\n"
        '[a]: https://example.org "Title A"\n'
        "[b]: https://example.org/b\n"
        "    'Title B on the next line'\n\n"
        "> [c]: https://example.org/c 'In a quote'\n"
    )
    assert _messages(text) == [
        "Text with [a] and [b]: not a definition.",
        "Title A",
        "Title B on the next line",
    ]


def test_a_body_without_definitions_has_only_its_blocks() -> None:
    text = '# Title\n\nA [link](https://example.org "a title") in text.\n'
    assert _messages(text) == ["Title", 'A [link](https://example.org "a title") in text.']
