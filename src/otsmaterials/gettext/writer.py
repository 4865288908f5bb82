r"""Write ``.po``/``.pot`` files: GNU layout, width 79 (or no wrapping), deterministic.

Strings are wrapped the way GNU gettext does it: a string that does not fit on its keyword's line
becomes ``""`` followed by continuation lines, broken after spaces and after ``\\n``. Comments
keep their order: translator comments (``#``), extracted comments (``#.``), references (``#:``),
flags (``#,``), previous strings (``#|``). Obsolete entries are written with ``#~``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from otsmaterials.gettext.catalog import PoEntry, PoFile

__all__ = ["DEFAULT_WIDTH", "escape", "format_po"]

DEFAULT_WIDTH = 79
"""GNU gettext's default line width."""

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_TABLE = {
    **{code: f"\\{code:03o}" for code in [*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F]},
    **{ord(char): replacement for char, replacement in _ESCAPES.items()},
}
"""One ``str.translate`` table: the C escapes, other control characters in octal."""
_PIECE = re.compile(r"(?:[^ \\]|\\[^n])*(?:\\n| +|$)")
"""A piece GNU gettext may break after: text up to a run of spaces or an escaped newline."""


def escape(text: str) -> str:
    """C-escape a string for a PO file."""
    return text.translate(_TABLE)


def _chunks(escaped: str) -> list[str]:
    r"""Split an escaped string after every ``\\n`` and after runs of spaces (GNU's breaks)."""
    return [piece for piece in _PIECE.findall(escaped) if piece]


def _string_lines(keyword: str, text: str, width: int | None, prefix: str = "") -> list[str]:
    escaped = escape(text)
    single = f'{prefix}{keyword} "{escaped}"'
    inner_newline = "\\n" in escaped[:-2] if escaped.endswith("\\n") else "\\n" in escaped
    if (width is None or len(single) <= width) and not inner_newline:
        return [single]
    lines = [f'{prefix}{keyword} ""']
    current = ""
    limit = None if width is None else width - len(prefix) - 2
    for piece in _chunks(escaped):
        if current and limit is not None and len(current) + len(piece) > limit:
            lines.append(f'{prefix}"{current}"')
            current = ""
        current += piece
        if piece.endswith("\\n") and re.search(r"(?<!\\)(?:\\\\)*\\n$", piece):
            lines.append(f'{prefix}"{current}"')
            current = ""
    if current:
        lines.append(f'{prefix}"{current}"')
    return lines


def _wrap_words(prefix: str, words: Iterable[str], width: int | None) -> list[str]:
    lines: list[str] = []
    current = prefix
    for word in words:
        if current != prefix and width is not None and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = prefix
        current = f"{current} {word}" if current != prefix else f"{prefix} {word}"
    if current != prefix:
        lines.append(current)
    return lines


def _entry_lines(entry: PoEntry, width: int | None) -> list[str]:
    lines = [f"# {line}".rstrip() if line else "#" for line in entry.comments]
    lines += [f"#. {line}".rstrip() for line in entry.extracted]
    lines += _wrap_words("#:", entry.locations, width)
    if entry.flags:
        lines.append("#, " + ", ".join(dict.fromkeys(entry.flags)))
    prefix = "#~ " if entry.obsolete else ""
    previous = "#~| " if entry.obsolete else "#| "  # GNU's spelling; "#~ #|" is not read by msgfmt
    if entry.previous_msgctxt is not None:
        lines += _string_lines("msgctxt", entry.previous_msgctxt, width, previous)
    if entry.previous_msgid is not None:
        lines += _string_lines("msgid", entry.previous_msgid, width, previous)
    if entry.msgctxt is not None:
        lines += _string_lines("msgctxt", entry.msgctxt, width, prefix)
    lines += _string_lines("msgid", entry.msgid, width, prefix)
    if entry.msgid_plural is not None:
        lines += _string_lines("msgid_plural", entry.msgid_plural, width, prefix)
        for index, form in enumerate(entry.msgstr_plural or [""]):
            lines += _string_lines(f"msgstr[{index}]", form, width, prefix)
    else:
        lines += _string_lines("msgstr", entry.msgstr, width, prefix)
    return lines


def _utf8(key: str, value: str) -> str:
    """A header value as written: the text is UTF-8, so ``Content-Type`` must say so."""
    if key.lower() != "content-type":
        return value
    return re.sub(r"charset=[^;\s]*", "charset=UTF-8", value, flags=re.IGNORECASE)


def format_po(catalog: PoFile, *, width: int | None = DEFAULT_WIDTH) -> str:
    """The text of ``catalog`` (``width=None``: no wrapping), to be written as UTF-8.

    A catalog read in another charset says ``charset=UTF-8`` once written.
    """
    blocks: list[list[str]] = []
    header = "".join(f"{key}: {_utf8(key, value)}\n" for key, value in catalog.header)
    head = PoEntry(
        msgid="",
        msgstr=header,
        comments=list(catalog.header_comments),
        flags=list(catalog.header_flags),
    )
    blocks.append(_entry_lines(head, width))
    blocks.extend(_entry_lines(e, width) for e in catalog.entries if not e.obsolete)
    blocks.extend(_entry_lines(e, width) for e in catalog.entries if e.obsolete)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
