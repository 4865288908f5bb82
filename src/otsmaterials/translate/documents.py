"""Which cutter a lesson file needs: Markdown (:mod:`.segments`) or HTML (:mod:`.html_segments`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from otsmaterials.translate.html_segments import html_segments
from otsmaterials.translate.segments import DEFAULT_KEYS, Segment
from otsmaterials.translate.templates import front_segments, lesson_segments, split_front

if TYPE_CHECKING:
    from otsmaterials.formats.markdown import MarkdownParse

__all__ = ["HTML_SUFFIXES", "MARKDOWN_SUFFIXES", "document_segments", "is_html", "translatable"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".rmd")
"""Lesson files cut as Markdown."""
HTML_SUFFIXES = (".html", ".htm")
"""Lesson files cut as HTML."""


def is_html(path: str) -> bool:
    """Whether ``path`` is an HTML lesson."""
    return path.lower().endswith(HTML_SUFFIXES)


def translatable(path: str) -> bool:
    """Whether the translator commands can make a template of ``path``."""
    return path.lower().endswith(MARKDOWN_SUFFIXES + HTML_SUFFIXES)


def normalize_newlines(text: str) -> str:
    """``text`` with CR LF and lone CR line breaks written as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def document_segments(
    text: str,
    path: str,
    *,
    keys: Sequence[str] = DEFAULT_KEYS,
    include_code: bool = False,
    parsed: MarkdownParse | None = None,
) -> list[Segment]:
    """The messages of the lesson file ``path`` with contents ``text``, in document order.

    ``parsed``: a Markdown lesson's text as the index read it (:func:`~otsmaterials.formats.
    markdown.read_markdown`), whose tokens are used where they are this cutter's, so that the
    file is parsed once (the messages are the same either way).

    An HTML page may start with Jekyll front matter: its keys are messages as in Markdown, and
    the page below it is cut as HTML. Line breaks are read as Markdown reads them: CR LF and a
    lone CR end a line as LF does (the positions are those of the text with LF line breaks).
    """
    text = normalize_newlines(text)
    if not is_html(path):
        return lesson_segments(text, keys=keys, include_code=include_code, parsed=parsed)
    lines = text.split("\n")
    first, end = split_front(lines)
    if not end:
        return html_segments(text)
    front = front_segments(lines, first, end, keys)
    # The front matter blanked out (same line and column numbers), so the scanner skips it.
    blank = ["" for _ in lines[: end + 1]] + lines[end + 1 :]
    return front + html_segments("\n".join(blank))
