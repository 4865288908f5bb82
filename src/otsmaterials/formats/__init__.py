r"""Reading one lesson file (bytes from git, never from disk) into the summary the index stores.

>>> doc = parse_document(b"---\ntitle: Setup\n---\nInstall *Python* first.\n", "core/setup.md")
>>> doc.title, doc.title_source, doc.words
('Setup', 'front-matter', 3)

The parser is chosen by the file extension; every problem is a
:class:`~otsmaterials.errors.ParseError` naming the file (and the line where there is one), and
problems that did not stop the parsing are in :attr:`ParsedDocument.warnings`.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from otsmaterials._support.lazy import lazy_getattr
from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import DEFAULT_MAX_BYTES, DecodedText, decode_text

if TYPE_CHECKING:
    from otsmaterials.formats.document import ParsedDocument, count_words
    from otsmaterials.formats.frontmatter import FrontMatter, split_front_matter
    from otsmaterials.formats.html import html_links, parse_html
    from otsmaterials.formats.markdown import parse_markdown
    from otsmaterials.formats.rst import parse_rst, rst_messages, toctree_entries

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "FORMAT_VERSION",
    "DecodedText",
    "FrontMatter",
    "ParsedDocument",
    "count_words",
    "decode_text",
    "html_links",
    "parse_document",
    "parse_html",
    "parse_markdown",
    "parse_rst",
    "rst_messages",
    "split_front_matter",
    "toctree_entries",
]

FORMAT_VERSION: int = 2
"""The version of what the parsers produce; raise it whenever a parser changes its output, so
that an index built by an older version is parsed again."""

_LOCATIONS = {
    "ParsedDocument": "otsmaterials.formats.document",
    "count_words": "otsmaterials.formats.document",
    "FrontMatter": "otsmaterials.formats.frontmatter",
    "split_front_matter": "otsmaterials.formats.frontmatter",
    "html_links": "otsmaterials.formats.html",
    "parse_html": "otsmaterials.formats.html",
    "parse_markdown": "otsmaterials.formats.markdown",
    "parse_rst": "otsmaterials.formats.rst",
    "rst_messages": "otsmaterials.formats.rst",
    "toctree_entries": "otsmaterials.formats.rst",
}
"""The parsers (and the summary they make) load on first use: a reader of the index, or a build
that finds nothing changed, needs none of them."""
_PARSERS: dict[str, str] = {
    ".md": "parse_markdown",
    ".markdown": "parse_markdown",
    ".mdown": "parse_markdown",
    ".rmd": "parse_markdown",
    ".rst": "parse_rst",
    ".html": "parse_html",
    ".htm": "parse_html",
}
"""File extension → the parser's name (loaded on first use, see :data:`_LOCATIONS`)."""
EXTENSIONS: frozenset[str] = frozenset(_PARSERS)
"""The file extensions :func:`parse_document` reads (lower case, with the dot)."""


__getattr__ = lazy_getattr(__name__, _LOCATIONS, globals())


def parse_document(data: bytes, path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Parse the content of the lesson file ``path`` with the parser its extension names.

    The extension is matched without regard to case (``README.MD``); any other extension is a
    :class:`~otsmaterials.errors.ParseError`.
    """
    suffix = PurePosixPath(path).suffix.lower()
    name = _PARSERS.get(suffix)
    if name is None:
        raise ParseError(f"not a lesson format: {suffix or 'no extension'!r}", path=path)
    result: ParsedDocument = __getattr__(name)(data, path, max_bytes=max_bytes)
    return result
