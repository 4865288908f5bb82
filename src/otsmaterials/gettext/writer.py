r"""Write ``.po``/``.pot`` files: GNU layout, width 79 (or no wrapping), deterministic.

The bytes are those GNU ``msgcat`` and ``msgmerge`` write at the same width, so a team that also
uses GNU tools sees no diff: strings are cut where GNU cuts them (:mod:`.linebreak`), references
are wrapped as GNU wraps them, a ``fuzzy`` flag on an untranslated message is left out, and so is
an obsolete entry without a translation. Comments keep their order: translator comments (``#``),
extracted comments (``#.``), references (``#:``), flags (``#,``), previous strings (``#|``).
Obsolete entries are written with ``#~``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from otsmaterials.gettext.catalog import PoEntry, PoFile, peek
from otsmaterials.gettext.linebreak import escape, string_lines

__all__ = ["DEFAULT_WIDTH", "escape", "format_po"]

DEFAULT_WIDTH = 79
"""GNU gettext's default line width."""


def _wrap_words(prefix: str, words: Iterable[str], width: int | None) -> list[str]:
    """References as GNU wraps them: by bytes, at the width even when strings are not wrapped."""
    limit = width or DEFAULT_WIDTH
    lines: list[str] = []
    current, column = prefix, len(prefix)
    for word in words:
        size = len(word.encode("utf-8")) + 1
        if current != prefix and column + size > limit:
            lines.append(current)
            current, column = prefix, len(prefix)
        current, column = f"{current} {word}", column + size
    if current != prefix:
        lines.append(current)
    return lines


def _first_form(entry: PoEntry) -> str:
    """``msgstr``, or ``msgstr[0]``: what GNU looks at to tell whether a message is translated."""
    if entry.msgid_plural is not None:
        return entry.msgstr_plural[0] if entry.msgstr_plural else ""
    return entry.msgstr


def _entry_lines(entry: PoEntry, width: int | None) -> list[str]:
    # the comment lists as made (peek): an entry without comments gets no empty lists
    comments, extracted = peek(entry, "comments"), peek(entry, "extracted")
    lines = [f"# {line}".rstrip() if line else "#" for line in comments] if comments else []
    if extracted:
        lines += [f"#. {line}".rstrip() for line in extracted]
    locations = peek(entry, "locations")
    if locations:
        lines += _wrap_words("#:", dict.fromkeys(locations), width)  # GNU writes each once
    flags = list(dict.fromkeys(peek(entry, "flags") or ()))
    if "fuzzy" in flags:  # first, and only on a translation (as GNU writes it)
        flags.remove("fuzzy")
        if _first_form(entry):
            flags.insert(0, "fuzzy")
    if flags:
        lines.append("#, " + ", ".join(flags))
    prefix = "#~ " if entry.obsolete else ""
    previous = "#~| " if entry.obsolete else "#| "  # GNU's spelling; "#~ #|" is not read by msgfmt
    if entry.previous_msgctxt is not None:
        lines += string_lines("msgctxt", entry.previous_msgctxt, width, previous)
    if entry.previous_msgid is not None:
        lines += string_lines("msgid", entry.previous_msgid, width, previous)
    if entry.msgctxt is not None:
        lines += string_lines("msgctxt", entry.msgctxt, width, prefix)
    lines += string_lines("msgid", entry.msgid, width, prefix)
    if entry.msgid_plural is not None:
        lines += string_lines("msgid_plural", entry.msgid_plural, width, prefix)
        for index, form in enumerate(entry.msgstr_plural or [""]):
            lines += string_lines(f"msgstr[{index}]", form, width, prefix)
    else:
        lines += string_lines("msgstr", entry.msgstr, width, prefix)
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
    blocks.extend(
        _entry_lines(e, width)
        for e in catalog.entries
        if e.obsolete and (e.msgstr or any(e.msgstr_plural))  # GNU drops untranslated ones
    )
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
