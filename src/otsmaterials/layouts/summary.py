"""A book's table of contents: GitBook/Honkit and mdBook ``SUMMARY.md``.

Both write the navigation as Markdown links, nested in lists; mdBook adds prefix and suffix
chapters (links outside a list), parts (``# Day 1``), separators (``---``) and draft chapters
(``- [Later]()``, no file yet). The first heading before any chapter is the file's own title
("Summary"), later headings are parts. Anchors into a page (``installation/README.md#python``)
are sections of that page, not chapters of their own.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from otsmaterials.layouts.base import Site

__all__ = ["Chapter", "navigate", "read_summary"]

_MAX_CHAPTERS = 10_000


@dataclass(frozen=True)
class Chapter:
    """One chapter of the table of contents."""

    title: str
    """The label in the table of contents."""
    path: str
    """The chapter's file, relative to the book's root (``python_introduction/README.md``)."""
    depth: int
    """0 for a top-level chapter (and prefix or suffix chapters), 1 for its sub-chapters …"""
    part: str | None = None
    """The part it belongs to (``# Day 1: Morning``), if the book has parts."""


def read_summary(text: str, folder: str = "") -> list[Chapter]:
    """The chapters of a ``SUMMARY.md`` in order, each file once; drafts and anchors left out.

    ``folder`` is where the ``SUMMARY.md`` lies; chapter paths are resolved from there, and a
    link leaving it (``../x.md``, an absolute URL) is not a chapter.
    """
    parser = MarkdownIt("commonmark", {"maxNesting": 40})
    chapters: list[Chapter] = []
    seen: set[str] = set()
    part: str | None = None
    depth = -1
    heading = False
    for token in parser.parse(text):
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            depth += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            depth -= 1
        elif token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and heading:
            if chapters:
                part = token.content.strip() or part
        elif token.type == "inline":
            link = _first_link(token.children or [])
            if link is None:
                continue
            title, target = link
            path = _resolve(folder, target)
            if path is None or path in seen:
                continue
            seen.add(path)
            # Prefix and suffix chapters (links outside a list) belong to no part.
            chapters.append(Chapter(title, path, max(depth, 0), part if depth >= 0 else None))
            if len(chapters) >= _MAX_CHAPTERS:
                break
    return chapters


def _first_link(children: Sequence[Token]) -> tuple[str, str] | None:
    """The label and target of the first link among inline tokens."""
    target: str | None = None
    label: list[str] = []
    for child in children:
        if child.type == "link_open" and target is None:
            href = child.attrGet("href")
            target = str(href) if href is not None else ""
        elif child.type == "link_close" and target is not None:
            return "".join(label).strip(), target
        elif target is not None and child.type in ("text", "code_inline"):
            label.append(child.content)
    return None


def _resolve(folder: str, target: str) -> str | None:
    """The file a chapter link names, relative to the book's root; ``None`` if none."""
    target = unquote(target.strip())
    if not target or "#" in target or "?" in target or "://" in target:
        return None  # a draft chapter, a section of a page, a query, another site
    if target.startswith(("/", "mailto:")):
        return None
    path = posixpath.normpath(posixpath.join(folder, target)) if folder else target
    path = posixpath.normpath(path)
    if path.startswith("../") or path in {"..", "."}:
        return None
    return path


def navigate(site: Site, chapters: Sequence[Chapter]) -> None:
    """Set the site's order, titles and sections (parts) from its chapters."""
    for position, chapter in enumerate(chapters):
        key = site.key(chapter.path)
        site.order.setdefault(key, position)
        if chapter.title:
            site.titles.setdefault(key, chapter.title)
        if chapter.part:
            site.sections.setdefault(key, chapter.part)
