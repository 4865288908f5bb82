"""Licence statements as plain text: markup and link syntax removed, wrapped lines joined.

A statement is looked for in one paragraph at a time, whatever its markup: Markdown and reST
links keep their text (``[CC BY-SA 4.0](https://…)`` → ``CC BY-SA 4.0``), emphasis, code marks,
HTML tags, entities, list bullets and comment markers (``#``, ``//``, ``*``, ``<!--``, ``..``)
go, whitespace is collapsed. Line breaks are kept as spaces that still count as line breaks, so
every statement found can be traced back to the line where it starts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Paragraph", "paragraphs"]

_SUBSTITUTIONS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"<!--|-->"), " "),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # Markdown link or image: its text
    (re.compile(r"!?\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference-style link
    (re.compile(r"`([^`<]*?)\s*<[^>]*>`_{1,2}"), r"\1"),  # reST hyperlink
    (re.compile(r"<[A-Za-z/!][^<>]*>"), " "),  # HTML tags
    (re.compile(r"\|[^|\n]{1,40}\|"), " "),  # reST substitutions (|cc-by-sa|)
    (re.compile(r"(\*{1,3}|_{1,3}|`{1,3}|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis, code
)
_LINE_MARKERS = re.compile(
    r"^[ \t]*(?:(?:#+|//+|/\*+|\*+/?|;+|--|>+|\.\.)[ \t]+|[-*+][ \t]+|\d+[.)][ \t]+)+"
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a text, normalised."""

    line: int
    """The 1-based line where it starts."""
    text: str
    """Its words, one space apart, with its line breaks kept as ``\\n``."""

    def line_of(self, offset: int) -> int:
        """The line of the character at ``offset``."""
        return self.line + self.text.count("\n", 0, offset)


def _keep_breaks(
    replacement: str | Callable[[re.Match[str]], str],
) -> Callable[[re.Match[str]], str]:
    def apply(match: re.Match[str]) -> str:
        new = match.expand(replacement) if isinstance(replacement, str) else replacement(match)
        return new + "\n" * (match.group(0).count("\n") - new.count("\n"))

    return apply


def normalise(block: str) -> str:
    """One block of text with markup removed and spaces collapsed (line breaks kept)."""
    lines = [_LINE_MARKERS.sub("", line) for line in block.split("\n")]
    text = "\n".join(lines)
    for pattern, replacement in _SUBSTITUTIONS:
        text = pattern.sub(_keep_breaks(replacement), text)
    text = html.unescape(text).replace("\u00a0", " ")
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def paragraphs(text: str, *, first_line: int = 1) -> list[Paragraph]:
    """The paragraphs of ``text`` (separated by blank lines), normalised."""
    found: list[Paragraph] = []
    start: int | None = None
    lines = text.splitlines()
    for index, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = index
        elif not line.strip() and start is not None:
            block = "\n".join(lines[start:index])
            found.append(Paragraph(start + first_line, normalise(block)))
            start = None
    return found
