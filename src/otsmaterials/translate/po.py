"""Read gettext ``.po``/``.pot`` files strictly, keeping everything a writer needs to give back.

Babel and polib are lenient where it hurts (``pitfalls.md``): Babel prints warnings to stdout and
carries on, allocates whatever ``nplurals`` says; polib drops text before U+2028 when given a
string. This reader is strict instead: a syntax error, an unknown charset or a hostile
``Plural-Forms`` header is a :class:`~otsmaterials.errors.ParseError` with the file and line, and
nothing is ever evaluated.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace

from otsmaterials.errors import ParseError
from otsmaterials.translate.plurals import check_plural_forms

__all__ = ["MAX_PO_BYTES", "PoEntry", "PoFile", "parse_po", "unescape"]

MAX_PO_BYTES = 16 * 1024 * 1024
"""Largest catalog read."""

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*)$")
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


@dataclass
class PoEntry:
    """One message of a catalog, with its comments (mutable while a catalog is being merged)."""

    msgid: str
    """The source text."""
    msgstr: str = ""
    """The translation (``msgstr[0]`` for a plural message)."""
    msgctxt: str | None = None
    """The message context, if any."""
    msgid_plural: str | None = None
    """The plural source text, if any."""
    msgstr_plural: list[str] = field(default_factory=list)
    """Translations per plural form (plural messages only)."""
    comments: list[str] = field(default_factory=list)
    """Translator comments (``# …``), without the ``# `` prefix."""
    extracted: list[str] = field(default_factory=list)
    """Comments for translators from the source (``#. …``)."""
    locations: list[str] = field(default_factory=list)
    """Source references (``#: path:line``), one per item."""
    flags: list[str] = field(default_factory=list)
    """Flags (``#, fuzzy, python-format``)."""
    previous_msgid: str | None = None
    """The msgid this translation was made for (``#| msgid``), kept on fuzzy entries."""
    previous_msgctxt: str | None = None
    """The previous context (``#| msgctxt``)."""
    obsolete: bool = False
    """Whether the entry is obsolete (``#~``): kept for reuse, not shown."""
    line: int = field(default=0, compare=False)
    """The line of the ``msgid`` in the file it was read from (not compared)."""

    @property
    def fuzzy(self) -> bool:
        """Whether the translation needs review."""
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Translated and not fuzzy."""
        if self.fuzzy or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    def key(self) -> tuple[str | None, str]:
        """What identifies a message in a catalog: ``(msgctxt, msgid)``."""
        return (self.msgctxt, self.msgid)


@dataclass
class PoFile:
    """A parsed catalog: the header, its comment block and the entries, in file order."""

    header: list[tuple[str, str]]
    """Header fields in file order (``Language``, ``Plural-Forms`` …)."""
    header_comments: list[str]
    """The comment lines above the header, ``# Translators:`` block included (without ``#``)."""
    header_flags: list[str]
    """Flags on the header entry (``fuzzy`` on a fresh template)."""
    entries: list[PoEntry]
    """Messages, obsolete ones included (``entry.obsolete``)."""

    def header_value(self, name: str) -> str | None:
        """A header field's value (case-insensitive name)."""
        for key, value in self.header:
            if key.lower() == name.lower():
                return value
        return None

    def active(self) -> list[PoEntry]:
        """The entries that are not obsolete."""
        return [entry for entry in self.entries if not entry.obsolete]

    def copy(self) -> PoFile:
        """A deep enough copy to merge into."""
        return PoFile(
            list(self.header),
            list(self.header_comments),
            list(self.header_flags),
            [
                replace(
                    entry,
                    comments=list(entry.comments),
                    flags=list(entry.flags),
                    locations=list(entry.locations),
                    extracted=list(entry.extracted),
                    msgstr_plural=list(entry.msgstr_plural),
                )
                for entry in self.entries
            ],
        )


def unescape(text: str, *, path: str, line: int) -> str:
    """Decode the C escapes of one PO string."""
    if "\\" not in text:
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char != "\\":
            out.append(char)
            index += 1
            continue
        escape = text[index + 1 : index + 2]
        if escape in _ESCAPES:
            out.append(_ESCAPES[escape])
            index += 2
        elif escape == "x" and re.match(r"[0-9A-Fa-f]{1,2}", text[index + 2 :]):
            digits = re.match(r"[0-9A-Fa-f]{1,2}", text[index + 2 :])
            assert digits is not None  # noqa: S101 - matched just above
            out.append(chr(int(digits.group(0), 16)))
            index += 2 + len(digits.group(0))
        elif escape.isdigit():
            digits = re.match(r"[0-7]{1,3}", text[index + 1 :])
            assert digits is not None  # noqa: S101 - a digit is there
            out.append(chr(int(digits.group(0), 8)))
            index += 1 + len(digits.group(0))
        else:
            raise ParseError(f"invalid escape sequence '\\{escape}'", path=path, line=line)
    return "".join(out)


def _decode(data: bytes, path: str) -> str:
    if len(data) > MAX_PO_BYTES:
        raise ParseError(f"catalog larger than {MAX_PO_BYTES} bytes", path=path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ParseError("UTF-16 catalogs are not supported (save as UTF-8)", path=path, line=1)
    found = _CHARSET.search(data[:8192])
    charset = found.group(1).decode("ascii") if found else "utf-8"
    if charset.upper() == "CHARSET":
        charset = "utf-8"
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        line = data[: found.start()].count(b"\n") + 1 if found else 1
        raise ParseError(f"unknown charset {charset!r}", path=path, line=line) from None
    try:
        return data.decode(codec.name).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"not valid {charset} (byte offset {error.start})"
        raise ParseError(message, path=path, line=line) from None


class _Parser:
    """A line-by-line state machine over one catalog's text."""

    def __init__(self, text: str, path: str) -> None:
        self.lines = text.split("\n")
        self.path = path
        self.entries: list[PoEntry] = []
        self.pending = PoEntry("")
        self.started = False
        self.has_msgstr = False
        self.field: str | None = None
        self.previous_field: str | None = None
        self.plural_index = 0

    def error(self, message: str, number: int) -> ParseError:
        return ParseError(message, path=self.path, line=number)

    def run(self) -> list[PoEntry]:
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            if not line:
                continue
            obsolete = line.startswith("#~")
            if obsolete:
                line = line[2:].strip()
                if not line:
                    continue
                if line.startswith(("|", "#|")):  # "#~| msgid" (GNU), "#~ #| msgid" (others)
                    self.previous(line.removeprefix("#")[1:].strip(), number)
                    continue
            if line.startswith("#") and not obsolete:
                self.comment(line, number)
            else:
                self.statement(line, number, obsolete=obsolete)
        self.flush()
        return self.entries

    def flush(self) -> None:
        if self.started:
            if not self.has_msgstr:
                raise self.error("missing 'msgstr' section", self.pending.line)
            self.entries.append(self.pending)
        self.pending = PoEntry("")
        self.started = False
        self.has_msgstr = False
        self.field = None

    def comment(self, line: str, number: int) -> None:
        if self.started and self.field is not None:
            self.flush()
        kind, text = line[:2], line[2:].strip() if len(line) > 1 else ""
        if kind == "#,":
            self.pending.flags.extend(flag.strip() for flag in text.split(",") if flag.strip())
        elif kind == "#:":
            self.pending.locations.extend(text.split())
        elif kind == "#.":
            self.pending.extracted.append(text)
        elif kind == "#|":
            self.previous(text, number)
        else:
            self.pending.comments.append(line[2:] if line.startswith("# ") else line[1:])

    def previous(self, text: str, number: int) -> None:
        if text.startswith('"') and self.previous_field is not None:
            value = self.string(text, number)
            if self.previous_field == "msgid":
                self.pending.previous_msgid = (self.pending.previous_msgid or "") + value
            else:
                self.pending.previous_msgctxt = (self.pending.previous_msgctxt or "") + value
            return
        match = _KEYWORD.match(text)
        self.previous_field = match.group(1) if match else None
        if match is None:
            return  # an unknown "#|" line is kept out, as msgmerge would rebuild it
        value = self.string(match.group(3), number)
        if match.group(1) == "msgid":
            self.pending.previous_msgid = value
        elif match.group(1) == "msgctxt":
            self.pending.previous_msgctxt = value

    def string(self, token: str, number: int) -> str:
        match = _STRING.match(token)
        if match is None:
            raise self.error("broken string: a quote is missing", number)
        return unescape(match.group(1), path=self.path, line=number)

    def statement(self, line: str, number: int, *, obsolete: bool) -> None:
        if line.startswith('"'):
            self.continuation(line, number)
            return
        match = _KEYWORD.match(line)
        if match is None:
            raise self.error(f"syntax error: {line[:40]!r}", number)
        keyword, index, token = match.groups()
        if keyword in {"msgctxt", "msgid"} and self.field not in {None, "msgctxt"}:
            self.flush()
        if obsolete:
            self.pending.obsolete = True
        self.started = True
        self.set_field(keyword, index, self.string(token, number), number)

    def set_field(self, keyword: str, index: str | None, value: str, number: int) -> None:
        entry = self.pending
        if keyword == "msgctxt":
            entry.msgctxt = value
        elif keyword == "msgid":
            entry.msgid, entry.line = value, number
        elif keyword == "msgid_plural":
            entry.msgid_plural = value
        elif self.has_msgstr and (index is None or index == "0"):
            raise self.error("a second 'msgstr' for the same message", number)
        elif index is None:
            entry.msgstr, self.has_msgstr = value, True
        else:
            self.has_msgstr = True
            position = int(index)
            if position != len(entry.msgstr_plural) or position > 6:
                raise self.error(f"msgstr[{position}] out of order", number)
            entry.msgstr_plural.append(value)
        self.field = keyword if index is None else f"msgstr[{index}]"
        self.plural_index = int(index) if index is not None else 0

    def continuation(self, line: str, number: int) -> None:
        if self.field is None:
            raise self.error("a string outside of any keyword", number)
        value = self.string(line, number)
        entry = self.pending
        if self.field == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif self.field == "msgid":
            entry.msgid += value
        elif self.field == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif self.field == "msgstr":
            entry.msgstr += value
        else:
            entry.msgstr_plural[self.plural_index] += value


def _split_header(entries: list[PoEntry]) -> tuple[PoEntry | None, list[PoEntry]]:
    first = entries[0] if entries else None
    if first is not None and first.msgid == "" and first.msgctxt is None and not first.obsolete:
        return first, entries[1:]
    return None, entries


def _header_fields(text: str) -> list[tuple[str, str]]:
    fields = []
    for line in text.split("\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip():
            fields.append((name.strip(), value.strip()))
    return fields


def parse_po(data: bytes, path: str) -> PoFile:
    """Parse a catalog's bytes; ``path`` names the file in errors."""
    text = _decode(data, path)
    parser = _Parser(text, path)
    header_entry, entries = _split_header(parser.run())
    for entry in entries:
        if entry.msgid == "" and not entry.obsolete:
            raise ParseError("a message with an empty msgid", path=path, line=entry.line)
        if entry.msgid_plural is None and entry.msgstr_plural:
            raise ParseError("msgstr[N] without msgid_plural", path=path, line=entry.line)
    header = _header_fields(header_entry.msgstr) if header_entry else []
    plural = next((value for key, value in header if key.lower() == "plural-forms"), None)
    if plural:
        start = header_entry.line if header_entry else 1
        found = (
            n for n, raw in enumerate(parser.lines[start - 1 :], start) if "Plural-Forms" in raw
        )
        check_plural_forms(plural, path=path, line=next(found, start))
    return PoFile(
        header=header,
        header_comments=header_entry.comments if header_entry else [],
        header_flags=header_entry.flags if header_entry else [],
        entries=entries,
    )
