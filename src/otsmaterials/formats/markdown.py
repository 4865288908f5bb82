"""Markdown lessons (Jekyll pages and posts, READMEs) read with markdown-it-py.

Nothing is rendered: the tokens give the title, the headings and the plain text. Raw HTML is
recognised (``html`` on in the tokenizer) only so that it can be dropped whole, tags and contents;
link targets are never kept, so a ``javascript:`` URL cannot reach the text. A size limit is
checked before anything is parsed and ``maxNesting`` bounds the depth (``docs/threat-model.md``,
text-only and budgets). OpenTechSchool pages written with ``##a) Title`` (no space after the
hashes, which kramdown accepts and CommonMark does not) give headings too.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import check_size, decode_text
from otsmaterials.formats.document import (
    DEFAULT_MAX_BYTES,
    ParsedDocument,
    TitleSource,
    count_words,
    join_text,
)
from otsmaterials.formats.evidence import EvidenceBuilder
from otsmaterials.formats.frontmatter import FrontMatter, split_front_matter
from otsmaterials.formats.html import plain_text
from otsmaterials.formats.quickblocks import quick_blocks
from otsmaterials.formats.quickinline import quick_inline

__all__ = ["MarkdownParse", "parse_markdown", "read_markdown"]

_MAX_NESTING = 20
_NO_SPACE_HEADING = re.compile(r"(#{1,6})([^\s#].*?)(?:\s+#+)?")


class _TextMarkdown(MarkdownIt):
    """CommonMark with tables, for text extraction: every link is a link, its target dropped.

    ``refused`` tells whether markdown-it-py's own check would have refused a target of the last
    parse: only then do its block tokens differ from those of a parser that refuses them.
    """

    refused = False

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it-py's name
        """Accept every target: targets never reach the text, and a refused one would."""
        if not self.refused and not super().validateLink(url):
            self.refused = True
        return True


@dataclass(frozen=True, slots=True)
class _Block:
    """One block of readable text; a heading if ``level`` is set."""

    text: str
    level: int = 0
    no_space: bool = False


@dataclass(frozen=True)
class MarkdownParse:
    """A Markdown file read once: its summary, and the tokens it was made from.

    The tokens let another reader of the same body (the translator's cutter) skip parsing it
    again; ``plain_links`` says whether they are what a parser that refuses markdown-it-py's
    unsafe link targets would make (a refused reference definition is a paragraph there).
    """

    doc: ParsedDocument
    """The summary."""
    text: str
    """The decoded file (LF line breaks)."""
    body: str
    """The text below the front matter."""
    body_line: int
    """The 1-based line where ``body`` starts."""
    tokens: Sequence[Token]
    """``body``'s tokens (never to be changed: they are shared)."""
    env: dict[str, Any] = field(default_factory=dict)
    """The parse's environment (link reference definitions)."""
    plain_links: bool = True
    """Whether no link target was one markdown-it-py refuses by default."""


def parse_markdown(data: bytes, path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Read one Markdown file (with optional front matter) into a :class:`ParsedDocument`.

    Raises :class:`~otsmaterials.errors.ParseError` (with ``path``, and the line where known) for
    a file over ``max_bytes``, bytes that are not text, or invalid front matter.
    """
    return read_markdown(data, path, max_bytes=max_bytes).doc


def read_markdown(data: bytes, path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> MarkdownParse:
    """:func:`parse_markdown`, with the decoded text and the tokens (one parse for every use)."""
    check_size(data, path, max_bytes)
    decoded = decode_text(data, path)
    front_matter, body, body_line = split_front_matter(decoded.text, path)
    evidence = EvidenceBuilder()
    parser = _parser()
    env: dict[str, Any] = {}
    parser.refused = False
    try:
        tokens = parser.parse(body, env)
        blocks = _blocks(tokens, evidence)
    except RecursionError:
        raise ParseError("Markdown nested too deeply", path=path) from None
    title, source = _title(blocks, front_matter)
    text = join_text(block.text for block in blocks)
    doc = ParsedDocument(
        format="markdown",
        title=title,
        title_source=source,
        headings=tuple(block.text for block in blocks if block.level >= 2),
        words=count_words(text),
        text=text,
        front_matter=front_matter,
        evidence=evidence.build(text),
        warnings=decoded.warnings,
    )
    return MarkdownParse(doc, decoded.text, body, body_line, tokens, env, not parser.refused)


_PER_THREAD = threading.local()


def _parser() -> _TextMarkdown:
    """The current thread's parser: made once per thread (0.2 ms), never shared between threads."""
    parser: _TextMarkdown | None = getattr(_PER_THREAD, "parser", None)
    if parser is None:
        options = {"html": True, "maxNesting": _MAX_NESTING}
        parser = _TextMarkdown("commonmark", options)
        parser.enable("table")
        quick_inline(quick_blocks(parser))
        _PER_THREAD.parser = parser
    return parser


def _blocks(tokens: Sequence[Token], evidence: EvidenceBuilder) -> list[_Block]:
    """The text blocks in document order; code and HTML blocks have no inline token: skipped.

    Code, inline code, link targets, images and heading levels go to ``evidence``.
    """
    blocks: list[_Block] = []
    level = 0
    for token in tokens:
        if token.type == "heading_open":
            level = int(token.tag[1:])
            evidence.heading(level)
        elif token.type in ("fence", "code_block"):
            evidence.code(token.content, token.info)
        elif token.type == "inline":
            _collect(token.children or [], evidence)
            if level:
                blocks.append(_Block(_plain(token.children or []).strip(), level=level))
                level = 0
            else:
                blocks.extend(_paragraph_blocks(token.children or [], evidence))
    return [block for block in blocks if block.text]


def _collect(children: Sequence[Token], evidence: EvidenceBuilder) -> None:
    """Inline code, link targets and images of one inline token."""
    for child in children:
        if child.type == "code_inline":
            evidence.inline(child.content)
        elif child.type == "link_open":
            evidence.link(str(child.attrGet("href") or ""))
        elif child.type == "image":
            evidence.image(str(child.attrGet("src") or ""))


def _paragraph_blocks(children: Sequence[Token], evidence: EvidenceBuilder) -> list[_Block]:
    """A paragraph, split where one of its lines is a ``##a) Title`` heading."""
    blocks: list[_Block] = []
    current: list[str] = []
    for line in _lines(children):
        text = _plain(line).strip()
        match = _NO_SPACE_HEADING.fullmatch(text) if line[0].type == "text" else None
        if match is None:
            current.append(text)
            continue
        blocks.append(_Block(" ".join(current)))
        current = []
        blocks.append(_Block(match[2].strip(), level=len(match[1]), no_space=True))
        evidence.heading(len(match[1]))
    blocks.append(_Block(" ".join(current)))
    return blocks


def _lines(children: Sequence[Token]) -> list[list[Token]]:
    """The inline tokens cut at line breaks (each line non-empty)."""
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    return [line for line in lines if line]


def _plain(children: Sequence[Token]) -> str:
    """The text of inline tokens: no HTML, no images, no link targets (autolinks are targets)."""
    parts: list[str] = []
    in_autolink = False
    for child in children:
        if child.type == "link_open":
            in_autolink = child.markup == "autolink"
        elif child.type == "link_close":
            in_autolink = False
        elif child.type in ("text", "code_inline") and not in_autolink:
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _title(
    blocks: list[_Block], front_matter: FrontMatter | None
) -> tuple[str | None, TitleSource | None]:
    """Front matter title, else the first top-level heading, else a ``#a) Title`` line.

    A sub-heading (``## HINTS``) is never the page's title: the navigation or the file name
    names such a page (see :mod:`otsmaterials.layouts`).
    """
    title = plain_text(front_matter.title) if front_matter and front_matter.title else ""
    if title:
        return title, "front-matter"
    top = [block for block in blocks if block.level == 1]
    heading = next((block.text for block in top if not block.no_space), None)
    if heading is not None:
        return heading, "heading"
    fallback = next((block.text for block in top if block.no_space), None)
    if fallback is not None:
        return fallback, "no-space-heading"
    return None, None
