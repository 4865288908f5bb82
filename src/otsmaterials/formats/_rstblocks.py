"""A line-based reader of reStructuredText blocks, for text: never docutils, never a directive run.

The reader knows enough of the block syntax to find what a reader sees and what Sphinx's gettext
builder translates: section titles, paragraphs (also inside lists, block quotes, definition lists,
footnotes and admonitions) and ``toctree`` entries. Literal blocks, code directives, comments,
targets and tables are skipped. Directives that would read a file or a URL (``include``,
``literalinclude``, ``raw``, ``csv-table :file:``/``:url:``) are reported and never followed
(``docs/threat-model.md``, text-only): this module opens nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from otsmaterials.formats._rstdirectives import (
    OPTION,
    DirectiveKind,
    Line,
    directive_kind,
    split_options,
    toctree_entry,
)

__all__ = ["RstBlock", "RstScan", "scan_rst"]

_MAX_DEPTH = 30
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1+[ \t]*")
_EXPLICIT = re.compile(r"\.\.(?:[ \t]|$)")
_DIRECTIVE = re.compile(r"\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?(\w[\w.:+-]*?)[ \t]?::(?:[ \t]+(.*))?")
_FOOTNOTE = re.compile(r"\.\.[ \t]+\[[^\]\s]+\](?:[ \t]+|$)")
_GRID_TABLE = re.compile(r"\+[-=+]+\+[ \t]*")
_SIMPLE_TABLE = re.compile(r"=+(?:[ \t]+=+)+[ \t]*")
_ENUMERATOR = r"(?:\d+|#|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)"
_ITEM = re.compile(
    rf"(?:[-*+•‣⁃]|{_ENUMERATOR}[.)]|\({_ENUMERATOR}\)|:[^:\s`][^:`]*:|\|)(?:[ \t]+|$)"
)


@dataclass(frozen=True, slots=True)
class RstBlock:
    """One translatable block: a section title, or a paragraph-like text."""

    kind: Literal["title", "text"]
    source: str
    """The source text, lines stripped and joined by one space, inline markup as written."""
    line: int
    """The 1-based line where the block starts."""


@dataclass(slots=True)
class RstScan:
    """Everything read from one document."""

    blocks: list[RstBlock] = field(default_factory=list)
    toctree: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def scan_rst(text: str) -> RstScan:
    """Read the blocks of a reStructuredText document (tabs count as 8 columns)."""
    scan = RstScan()
    lines = list(enumerate(text.expandtabs(8).split("\n"), start=1))
    _Reader(scan).read(lines, depth=0)
    return scan


def _blank(line: Line) -> bool:
    return not line[1].strip()


def _indented(line: Line) -> bool:
    return line[1][:1] in (" ", "\t")


def _indented_end(lines: list[Line], start: int) -> int:
    """The index after the indented (or blank) lines from ``start``, trailing blanks excluded."""
    end = start
    while end < len(lines) and (_blank(lines[end]) or _indented(lines[end])):
        end += 1
    while end > start and _blank(lines[end - 1]):
        end -= 1
    return end


def _dedent(lines: list[Line]) -> list[Line]:
    margins = [len(text) - len(text.lstrip()) for _, text in lines if text.strip()]
    margin = min(margins, default=0)
    return [(number, text[margin:]) for number, text in lines]


def _joined(lines: list[Line]) -> str:
    return " ".join(text.strip() for _, text in lines if text.strip())


class _Reader:
    """Reads one (sub-)document of lines whose base indentation is zero."""

    def __init__(self, scan: RstScan) -> None:
        self.scan = scan

    def read(self, lines: list[Line], depth: int) -> None:
        if depth > _MAX_DEPTH:  # deeper than any real document: keep the words, not the structure
            self._text(lines)
            return
        index = 0
        while index < len(lines):
            index = self._block(lines, index, depth)

    def _text(self, lines: list[Line]) -> None:
        source = _joined(lines)
        if source and source != "::":
            self.scan.blocks.append(RstBlock("text", source, lines[0][0]))

    def _block(self, lines: list[Line], index: int, depth: int) -> int:
        """Read the block starting at ``index``; the index after it."""
        handlers = (
            self._blank_line,
            self._quote,
            self._explicit,
            self._title,
            self._skipped,
            self._item,
        )
        for handler in handlers:
            end = handler(lines, index, depth)
            if end:
                return end
        return self._paragraph(lines, index, depth)

    def _blank_line(self, lines: list[Line], index: int, _depth: int) -> int:
        return index + 1 if _blank(lines[index]) else 0

    def _quote(self, lines: list[Line], index: int, depth: int) -> int:
        """An indented block at this level: a block quote, read as text."""
        if not _indented(lines[index]):
            return 0
        end = _indented_end(lines, index)
        self.read(_dedent(lines[index:end]), depth + 1)
        return end

    def _skipped(self, lines: list[Line], index: int, _depth: int) -> int:
        """Transitions (4 or more punctuation characters), doctest blocks and tables: not text."""
        text = lines[index][1]
        if _ADORNMENT.fullmatch(text) and len(text.strip()) >= 4:
            return index + 1
        if text.startswith(">>>"):
            return _paragraph_end(lines, index)
        if _GRID_TABLE.fullmatch(text) or _SIMPLE_TABLE.fullmatch(text):
            return _table_end(lines, index)
        return 0

    def _title(self, lines: list[Line], index: int, _depth: int) -> int:
        """Read a section title at ``index`` (underlined, or over- and underlined); 0 if none."""
        number, text = lines[index]
        following = [line[1] for line in lines[index + 1 : index + 3]]
        if _ADORNMENT.fullmatch(text):
            title, under = [*following, "", ""][:2]
            if (
                title.strip()
                and under.rstrip() == text.rstrip()
                and len(under) >= len(title.rstrip())
            ):
                self.scan.blocks.append(RstBlock("title", title.strip(), number + 1))
                return index + 3
            return 0
        underlined = following and _ADORNMENT.fullmatch(following[0])
        if underlined and len(following[0].rstrip()) >= len(text.rstrip()):
            self.scan.blocks.append(RstBlock("title", text.strip(), number))
            return index + 2
        return 0

    def _paragraph(self, lines: list[Line], index: int, depth: int) -> int:
        """A paragraph; a one-line paragraph over an indented block is a definition list item."""
        end = _paragraph_end(lines, index)
        self._text(lines[index:end])
        if _joined(lines[index:end]).endswith("::"):
            return _literal_end(lines, end)
        if end == index + 1 and end < len(lines) and _indented(lines[end]):
            body_end = _indented_end(lines, end)
            self.read(_dedent(lines[end:body_end]), depth + 1)
            return body_end
        return end

    def _item(self, lines: list[Line], index: int, depth: int) -> int:
        """A list item, field or line-block line: the marker is dropped, the body read."""
        number, text = lines[index]
        marker = _ITEM.match(text)
        if marker is None:
            return 0
        column = marker.end()
        end = _indented_end(lines, index + 1)
        body = [(number, text[column:]), *_dedent(lines[index + 1 : end])]
        self.read(body, depth + 1)
        return end

    def _explicit(self, lines: list[Line], index: int, depth: int) -> int:
        """A directive, footnote, citation, target, substitution definition or comment."""
        number, text = lines[index]
        if not _EXPLICIT.match(text):
            return 0
        end = _indented_end(lines, index + 1)
        body = _dedent(lines[index + 1 : end])
        directive = _DIRECTIVE.match(text)
        if directive:
            self._directive(directive[1].lower(), (number, directive[2] or ""), body, depth)
        elif footnote := _FOOTNOTE.match(text):
            self.read([(number, text[footnote.end() :]), *body], depth + 1)
        return end

    def _directive(self, name: str, argument: Line, body: list[Line], depth: int) -> None:
        options, content = split_options(body)
        kind: DirectiveKind = directive_kind(name, options)
        if kind == "unsafe":
            self.scan.warnings.append(f"directive {name} ignored (line {argument[0]})")
        elif kind == "toctree":
            entries = (toctree_entry(text) for _, text in content if not OPTION.match(text))
            self.scan.toctree.extend(entry for entry in entries if entry)
        elif kind == "prose":
            self.read([argument, *content] if argument[1].strip() else content, depth + 1)
        elif kind == "titled":
            self._text([argument])
            self.read(content, depth + 1)
        elif kind == "container":
            self.read(content, depth + 1)


def _paragraph_end(lines: list[Line], index: int) -> int:
    end = index + 1
    while end < len(lines) and not _blank(lines[end]) and not _indented(lines[end]):
        end += 1
    return end


def _literal_end(lines: list[Line], start: int) -> int:
    """Skip the literal block that follows a paragraph ending with ``::``, if there is one."""
    index = start
    while index < len(lines) and _blank(lines[index]):
        index += 1
    return _indented_end(lines, index) if index < len(lines) and _indented(lines[index]) else start


def _table_end(lines: list[Line], index: int) -> int:
    """Skip a table: to the next blank line (a blank line inside a simple table ends it early)."""
    end = index + 1
    while end < len(lines) and not _blank(lines[end]):
        end += 1
    return end
