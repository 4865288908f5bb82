"""What the index keeps of one lesson file: title, headings, plain text and word count."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from otsmaterials._support.model import FrozenModel
from otsmaterials._support.text import count_words
from otsmaterials.formats.decode import DEFAULT_MAX_BYTES
from otsmaterials.formats.evidence import Evidence
from otsmaterials.formats.frontmatter import FrontMatter

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DocumentFormat",
    "ParsedDocument",
    "TitleSource",
    "count_words",
    "join_text",
]

DocumentFormat = Literal["markdown", "rst", "html"]
TitleSource = Literal[
    "front-matter", "heading", "no-space-heading", "rst-title", "html-title", "h1"
]


class ParsedDocument(FrozenModel):
    """The summary of one lesson file, as the index stores it."""

    format: DocumentFormat
    """Which parser read the file."""
    title: str | None
    """The lesson title, or ``None`` if the file has none."""
    title_source: TitleSource | None
    """Where the title came from (``front-matter``, ``heading``, ``no-space-heading`` for
    ``##a) Title`` lines, ``rst-title``, ``html-title`` for ``<title>``, ``h1``)."""
    headings: tuple[str, ...] = ()
    """The section headings below the title, in order, as plain text."""
    words: int = 0
    """The number of words of :attr:`text` (see :func:`count_words`)."""
    text: str = ""
    """The readable plain text, one block per line: no markup, no HTML, no code blocks, no front
    matter, no link targets."""
    front_matter: FrontMatter | None = None
    """The checked front matter (Markdown only), or ``None`` if there was none."""
    evidence: Evidence = Evidence()
    """What survives translation (code, link targets, numbers, heading shape), to pair a page
    with its translations."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the parsing (Latin-1 fallback, ignored reST directives)."""


def join_text(blocks: Iterable[str]) -> str:
    """The blocks with their whitespace collapsed, one per line, empty blocks left out."""
    lines = (" ".join(block.split()) for block in blocks)
    return "\n".join(line for line in lines if line)
