"""A lesson's messages, front matter included, and the ``.pot`` template made from them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from otsmaterials._support.safeyaml import load_yaml
from otsmaterials._version import __version__
from otsmaterials.errors import ParseError
from otsmaterials.gettext.catalog import PoEntry, PoFile, timestamp
from otsmaterials.translate.segments import (
    DEFAULT_KEYS,
    Segment,
    Span,
    extract_segments,
    template_only,
)

if TYPE_CHECKING:
    from otsmaterials.formats.markdown import MarkdownParse

__all__ = [
    "LocationMode",
    "front_segments",
    "lesson_segments",
    "split_front",
    "template_for",
]

LocationMode = Literal["full", "file", "never"]


def split_front(lines: list[str]) -> tuple[int, int]:
    """``(first, end)``: the front matter's content lines ``lines[first:end]``; (0, 0) if none.

    The body starts after line ``end`` (the closing ``---``) when there is front matter.
    """
    if not lines or lines[0].rstrip() != "---":
        return 0, 0
    for number in range(1, len(lines)):
        if lines[number].rstrip() in {"---", "..."}:
            return 1, number
    return 0, 0


_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_SINGLE_QUOTED = re.compile(r"'(?:[^']|'')*'")


def _quoted_value(value: str) -> tuple[str, int] | None:
    r"""A one-line quoted YAML scalar at the start of ``value``: ``(its text, its length)``.

    Double-quoted escapes are YAML's (``\xe9``, ``\N``, ``\_``), not JSON's, so the scalar
    is read by the safe YAML reader; one it refuses (``"\q"``), or anything after the closing
    quote but a comment, makes the value no one-line scalar (``None``).
    """
    found = (_DOUBLE_QUOTED if value[0] == '"' else _SINGLE_QUOTED).match(value)
    if found is None:
        return None
    rest = value[found.end() :].strip()
    if rest and not rest.startswith("#"):
        return None
    quoted = found.group(0)
    if value[0] == "'":
        return quoted[1:-1].replace("''", "'"), len(quoted)
    if "\\" not in quoted:
        return quoted[1:-1], len(quoted)
    try:
        text = load_yaml(quoted)
    except ParseError:
        return None
    return (text, len(quoted)) if isinstance(text, str) else None


def _front_value(line: str, key: str) -> tuple[str, int, int] | None:
    match = re.match(rf"^{re.escape(key)}\s*:\s*(.*?)\s*$", line)
    if match is None or not match.group(1):
        return None
    value, start = match.group(1), match.start(1)
    if value[0] in "\"'" and len(value) >= 2:
        quoted = _quoted_value(value)
        if quoted is not None:
            text, length = quoted
            return text, start + 1, start + length - 1
        if value[0] == value[-1]:
            return None  # quoted, but not as YAML reads it: not a value to translate
    if value[0] in "|>&*!{[#@`%" or value.startswith("- "):
        return None  # block scalars, aliases, flow collections: not a one-line value
    comment = re.search(r"\s#", value)
    if comment:
        value = value[: comment.start()].rstrip()  # a YAML comment is not part of the value
    return value, start, start + len(value)


def front_segments(lines: list[str], first: int, end: int, keys: Sequence[str]) -> list[Segment]:
    found = []
    for number in range(first, end):
        for key in keys:
            value = _front_value(lines[number], key)
            if value is not None and value[0].strip() and not template_only(value[0]):
                text, start, stop = value
                span = Span(number, number + 1, start, stop)
                found.append(Segment(text, number + 1, "front-matter", span, None, key))
    return found


def lesson_segments(
    text: str,
    *,
    keys: Sequence[str] = DEFAULT_KEYS,
    include_code: bool = False,
    parsed: MarkdownParse | None = None,
) -> list[Segment]:
    """Every message of a Markdown lesson (``text`` with LF line endings), in document order.

    ``parsed`` is the same text as the index's reader parsed it: its tokens are used when they
    are what this cutter would make (the same body, no link target markdown-it-py refuses), so
    that a build parses each lesson once; otherwise the body is parsed here.
    """
    lines = text.split("\n")
    first, end = split_front(lines)
    front = front_segments(lines, first, end, keys) if end else []
    body_start = end + 1 if end else 0
    body = "\n".join(lines[body_start:])
    shared = None
    if (
        parsed is not None
        and parsed.plain_links
        and parsed.body_line == body_start + 1
        and parsed.body == body
    ):
        shared = (parsed.tokens, parsed.env)
    return front + extract_segments(
        body, first_line=body_start + 1, include_code=include_code, parsed=shared
    )


def _location(path: str, line: int, mode: LocationMode) -> list[str]:
    if mode == "never":
        return []
    return [path if mode == "file" else f"{path}:{line}"]


def template_for(
    segments: Sequence[Segment],
    *,
    path: str,
    project: str,
    location: LocationMode = "full",
    created: str | None = None,
) -> PoFile:
    """The ``.pot`` of one lesson: one entry per distinct message, in first-seen order."""
    entries: dict[str, PoEntry] = {}
    for segment in segments:
        entry = entries.get(segment.msgid)
        if entry is None:
            entry = PoEntry(msgid=segment.msgid)
            entries[segment.msgid] = entry
        for reference in _location(path, segment.line, location):
            if reference not in entry.locations:
                entry.locations.append(reference)
        if segment.comment and segment.comment not in entry.extracted:
            entry.extracted.append(segment.comment)
        front = segment.kind == "front-matter" and segment.key
        if front and f"front matter: {segment.key}" not in entry.extracted:
            entry.extracted.append(f"front matter: {segment.key}")
    header = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", created or timestamp()),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", f"otsmaterials {__version__}"),
    ]
    comments = [
        f"Translations of {path} ({project}).",
        f"This file is distributed under the same license as the {project} material.",
        "",
    ]
    return PoFile(header, comments, ["fuzzy"], list(entries.values()))
