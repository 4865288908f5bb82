r"""Cut a Markdown lesson into translatable messages, remembering where each one sits.

One message per block — paragraph, heading, list item paragraph, table cell, block-quote
paragraph — with inline markup kept as written; the alt text and title of a standalone image; the
titles of reference link definitions; the front matter keys readers see (``title``,
``description``). Template tags standing alone (Liquid's ``{% raw %}``, ``{{ page.title }}``) are
no messages. Soft line breaks become spaces, so re-wrapping a paragraph does not change its
message; hard breaks stay (``"  \\n"``). Code blocks, HTML blocks and other front matter keys are
left out (code blocks on request). HTML comments steer extraction: ``<!-- i18n:skip -->`` skips the
next block, ``<!-- i18n:skip-start -->`` … ``<!-- i18n:skip-end -->`` a region, and
``<!-- i18n:comment: text -->`` becomes a comment for translators on the next message.

Every message carries a :class:`Span`, so :mod:`otsmaterials.translate.rendering` can put a
translation back exactly where the original text was.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from otsmaterials.formats.quickblocks import quick_blocks

__all__ = [
    "DEFAULT_KEYS",
    "DIRECTIVE",
    "Segment",
    "SegmentKind",
    "Span",
    "extract_segments",
    "normalize_soft_breaks",
    "template_only",
]

DEFAULT_KEYS = ("title", "description")
"""Front matter keys whose values are translated."""

DIRECTIVE = re.compile(r"<!--\s*i18n:(skip-start|skip-end|skip|comment:(.*?))\s*-->", re.DOTALL)
"""An extraction directive: ``skip``, ``skip-start``, ``skip-end`` or ``comment: …`` (group 2)."""

COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
"""HTML comments: a block of nothing else is no block a skip is for."""
_TEMPLATE_ONLY = re.compile(r"\s*(?:(?:\{%.*?%\}|\{\{.*?\}\})\s*)+", re.DOTALL)
"""Liquid/Jinja tags and outputs standing alone (``{% raw %}``, ``{{ page.title }}``)."""


def template_only(text: str) -> bool:
    """Whether ``text`` is nothing but template tags (``{% … %}``, ``{{ … }}``): no message."""
    return "{" in text and _TEMPLATE_ONLY.fullmatch(text) is not None


_REFERENCE = re.compile(
    r"""^ {0,3}\[[^\]]+\]:\s*\S+\s+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|\((?P<pq>[^)]*)\))\s*$"""
)
_BARE_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+\s*$")
_NEXT_LINE_TITLE = re.compile(r"""^\s+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|\((?P<pq>[^)]*)\))\s*$""")
_IMAGE_TITLE = re.compile(
    r"""\]\(\s*<?[^\s>)]*>?\s+(?:"(?P<dq>(?:[^"\\]|\\.)*)"|'(?P<sq>(?:[^'\\]|\\.)*)'"""
    r"""|\((?P<pq>(?:[^)\\]|\\.)*)\))\s*\)"""
)
_CONTAINER = re.compile(r"^(?:\s*>)*\s*")
"""The block quote markers and indentation before a table row."""
_CELL_BOUND = re.compile(r"(?<!\\)\|")
"""A pipe between cells (an escaped one stays in its cell)."""
_PER_THREAD = threading.local()


@dataclass(frozen=True)
class Span:
    """Where a message's text is in the source (0-based lines, columns within a line).

    ``end_line > start_line + 1`` means the text runs over several lines (a paragraph); then
    ``prefix`` (the first line's text before the message) and ``continuation`` (the indentation
    or ``> `` of the other lines) are kept around the translation.
    """

    start_line: int
    end_line: int
    start_col: int
    end_col: int
    prefix: str = ""
    continuation: str = ""


SegmentKind = Literal[
    "heading",
    "paragraph",
    "table-cell",
    "alt",
    "title",
    "front-matter",
    "code",
    "html",
    "attribute",
]
"""What a message of a lesson is: a Markdown heading, paragraph (list items and quotes too),
table cell, image ``alt`` text or link ``title``, a front matter value, a code block (only when
code is extracted), an HTML lesson's run of inline content, or one of its translatable
attributes (``alt``, ``title``, ``<meta content>``)."""


@dataclass(frozen=True)
class Segment:
    """A translatable message of a lesson."""

    msgid: str
    """The text to translate (soft breaks as spaces, inline markup as written)."""
    line: int
    """1-based line where it starts."""
    kind: SegmentKind
    """What the message is (:data:`SegmentKind`)."""
    span: Span
    """Where it sits in the source."""
    comment: str | None = None
    """A comment for translators (from ``<!-- i18n:comment: … -->``)."""
    key: str | None = None
    """The front matter key, for ``front-matter`` messages; for a message of an HTML lesson, the
    element around it (``p``, ``h2``, ``li``, ``title``, ``img`` …)."""


def normalize_soft_breaks(text: str) -> str:
    r"""Join lines with spaces, keeping hard breaks (two trailing spaces or ``\\``) as breaks."""
    if "\n" not in text:
        return text.strip()
    if "  \n" not in text and "\\\n" not in text:  # no hard break: every line ends softly
        return " ".join([line.strip() for line in text.split("\n")]).strip(" ")
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if index == len(lines) - 1:
            out.append(line.strip())
        elif line.endswith("\\"):
            out.append(line.lstrip() + "\n")
        elif line.endswith("  "):
            out.append(line.strip() + "  \n")
        else:
            out.append(line.strip() + " ")
    return "".join(out).strip(" ")


def _parser() -> MarkdownIt:
    """The current thread's parser, blocks only: a message is its block's source lines.

    Only a paragraph that may be a lone image needs its inline tokens; :func:`_children` parses
    those (the inline pass over every paragraph was two fifths of an extraction).
    """
    parser: MarkdownIt | None = getattr(_PER_THREAD, "parser", None)
    if parser is None:
        parser = MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")
        quick_blocks(parser)
        _PER_THREAD.parser = parser
    return parser


def _children(state: _State, token: Token) -> list[Token]:
    """The inline tokens of a paragraph that may be a lone image (``![`` in it), else none.

    They are parsed here, with this module's parser, even when ``token`` came with children
    (tokens shared with another reader, whose link check may differ), and never stored on it.
    """
    if "![" not in token.content:
        return []
    children = state.children.get(id(token))
    if children is None:
        children = state.children[id(token)] = []
        parser = _parser()
        parser.inline.parse(token.content, parser, state.env, children)
    return children


@dataclass
class _State:
    lines: list[str]
    offset: int
    include_code: bool
    segments: list[Segment] = field(default_factory=list)
    skip_next: bool = False
    skip_from: int | None = None
    skipped: list[tuple[int, int]] = field(default_factory=list)
    comment: str | None = None
    row: int = -1
    cell: int = -1
    cells: list[tuple[int, int]] | None = None
    """The current row's cells (:func:`_cells`), found at its first cell."""
    env: dict[str, Any] = field(default_factory=dict)
    """The parse's environment (link reference definitions, for images written ``![a][b]``)."""
    children: dict[int, list[Token]] = field(default_factory=dict)
    """The inline tokens parsed so far (:func:`_children`), by the inline token's ``id``."""

    def skipping(self, line: int) -> bool:
        if self.skip_from is not None and line >= self.skip_from:
            return True
        return any(start <= line < end for start, end in self.skipped) if self.skipped else False

    def add(
        self,
        msgid: str,
        kind: SegmentKind,
        lines: tuple[int, int],
        columns: tuple[int, int],
        *,
        prefix: str = "",
        continuation: str = "",
    ) -> None:
        """A message unless skipped, empty or only template tags.

        Its text runs from line ``lines[0]``, column ``columns[0]`` of the body to line
        ``lines[1] - 1``, column ``columns[1]`` (see :class:`Span`).
        """
        line = lines[0]
        if not msgid.strip() or template_only(msgid) or self.skipping(line):
            return
        offset = self.offset
        span = Span(line + offset, lines[1] + offset, *columns, prefix, continuation)
        self.segments.append(Segment(msgid, line + 1 + offset, kind, span, self.comment))
        self.comment = None


def extract_segments(
    body: str,
    *,
    first_line: int = 1,
    include_code: bool = False,
    parsed: tuple[Sequence[Token], dict[str, Any]] | None = None,
) -> list[Segment]:
    """The messages of a Markdown body (without front matter) that starts at ``first_line``.

    ``parsed`` is ``body`` already parsed by CommonMark with tables and raw HTML (its tokens and
    environment), so that a reader of the text and of the messages parses a file once; its block
    tokens must be this module's parser's (the same link check), which the caller makes sure of.
    """
    state = _State(body.split("\n"), first_line - 1, include_code)
    if parsed is None:
        tokens: Sequence[Token] = _parser().parse(body, state.env)
    else:
        tokens, state.env = parsed
    references = []
    if "]:" in body:  # a link reference definition's title may be a message
        covered = {line for t in tokens if t.map and t.level == 0 for line in range(*t.map)}
        references = _reference_lines(state.lines, covered)
    for index, token in enumerate(tokens):
        while references and token.map and references[0][0] < token.map[0]:
            _reference(state, *references.pop(0))
        if token.type in _ACTIVE or state.skip_next:
            _token(state, tokens, index, token)
    for reference in references:
        _reference(state, *reference)
    state.segments.sort(key=lambda s: (s.span.start_line, s.span.start_col))
    return state.segments


_ACTIVE = frozenset(
    {"html_block", "tr_open", "th_open", "td_open", "inline", "fence", "code_block"}
)
"""The tokens :func:`_token` reads (any other only ends a skip asked for the next block)."""


def _token(state: _State, tokens: Sequence[Token], index: int, token: Token) -> None:
    if token.type == "html_block":
        start, end = token.map or (0, 0)
        if state.skip_next and token.level == 0 and COMMENTS.sub("", token.content).strip():
            state.skipped.append((start, end))  # raw HTML is the next block (no message in it)
            state.skip_next = False
        _directive(state, token.content, (start, end))
        return
    if state.skip_next and token.map and token.level == 0 and token.nesting >= 0:
        state.skipped.append((token.map[0], token.map[1]))  # the whole next block
        state.skip_next = False
    if token.type == "tr_open":
        state.row, state.cell, state.cells = (token.map or (-1, 0))[0], -1, None
    elif token.type in {"th_open", "td_open"}:
        state.cell += 1
    elif token.type == "inline" and token.map is not None:
        _inline(state, tokens, index, token)
    elif token.type in {"fence", "code_block"} and state.include_code and token.map:
        _code(state, token)


def _directive(state: _State, content: str, where: tuple[int, int]) -> None:
    for match in DIRECTIVE.finditer(content):
        name = match.group(1)
        if name == "skip":
            state.skip_next = True
        elif name == "skip-start":
            state.skip_from = where[1]
        elif name == "skip-end":
            if state.skip_from is not None:
                state.skipped.append((state.skip_from, where[0]))
            state.skip_from = None
        else:
            state.comment = " ".join((match.group(2) or "").split()) or None


def _inline(state: _State, tokens: Sequence[Token], index: int, token: Token) -> None:
    parent = tokens[index - 1].type if index else ""
    start, end = token.map or (0, 0)
    if parent in {"th_open", "td_open"}:
        _cell(state)
    elif parent == "heading_open" and tokens[index - 1].markup.startswith("#"):
        _one_line(state, start, token.content, "heading")
    elif _standalone_image(_children(state, token)):
        _image(state, start, _children(state, token))
    else:
        kind: SegmentKind = "heading" if parent == "heading_open" else "paragraph"
        if end - start == 1:
            _one_line(state, start, token.content, kind)
        else:
            _lines(state, start, end, token.content, kind)


def _one_line(state: _State, line: int, content: str, kind: SegmentKind) -> None:
    raw = state.lines[line]
    text = content.strip()
    column = raw.find(text)
    if column < 0:
        return
    state.add(normalize_soft_breaks(text), kind, (line, line + 1), (column, column + len(text)))


def _lines(state: _State, start: int, end: int, content: str, kind: SegmentKind) -> None:
    first = state.lines[start]
    column = first.find(content.partition("\n")[0].strip())
    if column < 0:
        return
    last_raw = state.lines[end - 1]
    last_text = content[content.rfind("\n") + 1 :].rstrip()
    continuation = (
        last_raw[: len(last_raw) - len(last_raw.lstrip(" >\t"))] if end - start > 1 else ""
    )
    end_col = last_raw.rfind(last_text) + len(last_text) if last_text else len(last_raw)
    state.add(
        normalize_soft_breaks(content),
        kind,
        (start, end),
        (column, end_col),
        prefix=first[:column],
        continuation=continuation,
    )


def _standalone_image(tokens: Sequence[Token]) -> bool:
    children = [c for c in tokens if c.type != "softbreak"]
    return len(children) == 1 and children[0].type == "image"


def _image(state: _State, line: int, children: Sequence[Token]) -> None:
    image = next(c for c in children if c.type == "image")
    raw = state.lines[line]
    alt_at = raw.find("![")
    if alt_at >= 0 and image.content:
        column = alt_at + 2
        state.add(image.content, "alt", (line, line + 1), (column, column + len(image.content)))
    title = _IMAGE_TITLE.search(raw, max(alt_at, 0))
    if image.attrs.get("title") and title is not None:
        group = next(name for name in ("dq", "sq", "pq") if title.group(name) is not None)
        text = title.group(group)  # as written, escapes included
        state.add(text, "title", (line, line + 1), (title.start(group), title.end(group)))


def _cells(raw: str) -> Iterator[tuple[int, int]]:
    """Start and end columns of each cell's text in a table row (escaped pipes stay in cells)."""
    container = _CONTAINER.match(raw)
    offset = container.end() if container else 0
    row = raw[offset:].rstrip()
    bounds = [m.start() for m in _CELL_BOUND.finditer(row)]
    if not row.startswith("|"):
        bounds.insert(0, -1)
    if not row.endswith("|") or len(bounds) < 2:
        bounds.append(len(row))
    for left, right in itertools.pairwise(bounds):
        cell = row[left + 1 : right]
        text = cell.strip()
        start = offset + left + 1 + (len(cell) - len(cell.lstrip()))
        yield start, start + len(text)


def _cell(state: _State) -> None:
    if state.cells is None:  # once per row, not once per cell
        state.cells = list(_cells(state.lines[state.row]))
    cells = state.cells
    if 0 <= state.cell < len(cells):
        start, end = cells[state.cell]
        text = state.lines[state.row][start:end]
        state.add(text, "table-cell", (state.row, state.row + 1), (start, end))


def _code(state: _State, token: Token) -> None:
    start, end = token.map or (0, 0)
    if token.type == "fence":
        start, end = start + 1, end - 1
    text = token.content.rstrip("\n")
    if end <= start or not text:
        return
    first_raw, first_text = state.lines[start], text.split("\n", 1)[0]
    prefix = first_raw[: len(first_raw) - len(first_text)] if first_raw.endswith(first_text) else ""
    state.add(
        text,
        "code",
        (start, end),
        (len(prefix), len(state.lines[end - 1])),
        prefix=prefix,
        continuation=prefix,
    )


def _reference_lines(lines: list[str], covered: set[int]) -> list[tuple[int, int, int, str]]:
    """Reference definitions' titles outside blocks: ``(line, start, end, title)``."""
    found = []
    for number, raw in enumerate(lines):
        if number in covered:
            continue
        match = _REFERENCE.match(raw)
        line = number
        if match is None and _BARE_REFERENCE.match(raw) and number + 1 < len(lines):
            match = _NEXT_LINE_TITLE.match(lines[number + 1])  # the title on the next line
            line = number + 1
        if match is None:
            continue
        name = next(n for n in ("dq", "sq", "pq") if match.group(n) is not None)
        if match.group(name):
            found.append((line, match.start(name), match.end(name), match.group(name)))
    return found


def _reference(state: _State, line: int, start: int, end: int, title: str) -> None:
    if state.skip_next:
        state.skip_next = False
        state.skipped.append((line, line + 1))
    state.add(title, "title", (line, line + 1), (start, end))
