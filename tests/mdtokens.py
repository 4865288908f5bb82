"""markdown-it-py's tokens compared field by field: the quicker rules must make the same."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token


def commonmark() -> MarkdownIt:
    """The parser the readers start from: CommonMark with raw HTML and tables."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def token_fields(parser: MarkdownIt, text: str) -> list[tuple[object, ...]]:
    """Every field of every token ``parser`` makes of ``text``, children included."""
    return [_fields(token) for token in parser.parse(text)]


def _fields(token: Token) -> tuple[object, ...]:
    return (
        *(token.type, token.tag, token.map, token.content, token.markup, token.level),
        *(token.nesting, token.info, token.hidden, token.block, token.attrs, token.meta),
        tuple(_fields(child) for child in token.children or ()),
        token.children is None,
    )
