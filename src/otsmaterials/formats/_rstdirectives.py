"""What the reST text reader does with each directive: read its text, skip it, or warn."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

__all__ = ["OPTION", "DirectiveKind", "Line", "directive_kind", "split_options", "toctree_entry"]

Line = tuple[int, str]
"""A 1-based line number and the line's text (indentation relative to its block)."""
OPTION = re.compile(r"[ \t]*:([\w-]+):(?:[ \t]+(.*)|$)")
"""A directive option line, ``:maxdepth: 2``."""

DirectiveKind = Literal["prose", "titled", "container", "toctree", "unsafe", "skip"]
"""``prose``: argument and content are text (``.. note:: Text``); ``titled``: the argument is a
title, the content text; ``container``: only the content is text; ``toctree``: the content lists
documents; ``unsafe``: the directive would read a file or a URL, or run code: warned about and
skipped; ``skip``: anything else (code, images, math, unknown directives)."""

_PROSE = frozenset(
    {
        "attention",
        "caution",
        "centered",
        "danger",
        "error",
        "hint",
        "important",
        "note",
        "seealso",
        "tip",
        "todo",
        "warning",
    }
)
_TITLED = frozenset({"admonition", "list-table", "rubric", "sidebar", "tab", "topic"})
_CONTAINER = frozenset(
    {
        "class",
        "compound",
        "container",
        "cssclass",
        "epigraph",
        "figure",
        "glossary",
        "highlights",
        "hlist",
        "only",
        "pull-quote",
        "tabs",
    }
)
_UNSAFE = frozenset(
    {
        "command-output",
        "exec",
        "include",
        "jupyter-execute",
        "literalinclude",
        "plot",
        "program-output",
        "raw",
    }
)
_TABLES_FROM_FILES = frozenset({"csv-table", "table"})
_FILE_OPTIONS = frozenset({"file", "url"})
_EXPLICIT_TITLE = re.compile(r"(?:.*\S)?\s*<([^<>]+)>")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://|mailto:")


def directive_kind(name: str, options: Mapping[str, str]) -> DirectiveKind:
    """How to treat the directive ``name`` (lower case) with these ``:key: value`` options."""
    kinds: tuple[tuple[frozenset[str], DirectiveKind], ...] = (
        (_PROSE, "prose"),
        (_TITLED, "titled"),
        (_CONTAINER, "container"),
        (_UNSAFE, "unsafe"),
    )
    if name == "toctree":
        return "toctree"
    if name in _TABLES_FROM_FILES and _FILE_OPTIONS & options.keys():
        return "unsafe"
    return next((kind for names, kind in kinds if name in names), "skip")


def toctree_entry(line: str) -> str | None:
    """The document named by one toctree line (``Title <docname>`` → ``docname``), as written.

    Globs and ``self`` are returned as written; external links (``Python <https://…>``) and blank
    lines give ``None``.
    """
    entry = line.strip()
    explicit = _EXPLICIT_TITLE.fullmatch(entry)
    if explicit is not None:
        entry = explicit[1].strip()
    if not entry or _URL.match(entry):
        return None
    return entry


def split_options(body: list[Line]) -> tuple[dict[str, str], list[Line]]:
    """A directive's ``:key: value`` options (its first block, if it starts with one), content."""
    options: dict[str, str] = {}
    index = 0
    if body and OPTION.match(body[0][1]):
        while index < len(body) and body[index][1].strip():
            option = OPTION.match(body[index][1])
            if option:
                options[option[1].lower()] = (option[2] or "").strip()
            index += 1
    return options, body[index:]
