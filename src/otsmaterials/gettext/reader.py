"""Read gettext ``.po``/``.pot`` files strictly, keeping everything a writer needs to give back.

Babel and polib are lenient where it hurts: Babel prints warnings to stdout and
carries on, allocates whatever ``nplurals`` says; polib drops text before U+2028 when given a
string. This reader is strict instead: a syntax error, an unknown charset or a hostile
``Plural-Forms`` header is a :class:`~otsmaterials.errors.ParseError` with the file and line, and
nothing is ever evaluated.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from contextlib import contextmanager

from otsmaterials._support.collector import collector_paused
from otsmaterials.errors import ParseError
from otsmaterials.gettext.catalog import PoEntry, PoFile, peek
from otsmaterials.gettext.plurals import check_plural_forms

__all__ = ["MAX_PO_BYTES", "PoEntry", "PoFile", "parse_po", "unescape"]
# PoEntry and PoFile are the model (:mod:`.catalog`), named here for the reader's callers.

MAX_PO_BYTES = 16 * 1024 * 1024
"""Largest catalog read."""

_BODY = r'[^"\\\n]*+(?:\\[^\n][^"\\\n]*+)*+'
"""The inside of a quoted PO string on one line (possessive: no backtracking)."""
_SPACE = r"[^\S\n]*+"
_STATEMENT_PATTERN = (
    rf'"(?P<string>{_BODY})"'
    rf"|(?:(?P<keyword>msgctxt|msgid_plural|msgid)|msgstr(?:\[(?P<index>[0-9]++)\])?)[^\S\n]++"
    rf'"(?P<value>{_BODY})"'
)
_LINE = re.compile(rf"{_SPACE}(?:{_STATEMENT_PATTERN}|(?P<comment>#[^\n]*+)|){_SPACE}(?:\n|\Z)")
"""One line of a catalog: a continuation string, a keyword and its string, a comment, or blank."""
_STRINGS = re.compile(rf'(?:{_SPACE}"{_BODY}"{_SPACE}(?:\n|\Z)){{1,4096}}+')
"""Up to 4,096 continuation lines at once (a long message is read a block at a time)."""
_QUOTED = re.compile(rf'"({_BODY})"')
_STATEMENT = re.compile(rf"(?:{_STATEMENT_PATTERN}){_SPACE}")
"""The statement of an obsolete line (after ``#~``)."""
_SIMPLE = re.compile(
    rf'(?:msgctxt "(?P<context>{_BODY})"{_SPACE}\n{_SPACE})?'
    rf'msgid "(?P<msgid>{_BODY})"{_SPACE}\n{_SPACE}'
    rf'msgstr "(?P<msgstr>{_BODY})"{_SPACE}(?:\n\s*+|\Z)'
    r"(?=msgctxt|msgid[^\S\n]|#(?!~)|\Z)"
)
"""The common entry, matched at once: one-line strings, no plural, followed by the next entry
(a comment, ``msgctxt``, ``msgid``) or the end, so that nothing else can still belong to it."""
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*)$")
_STRING = re.compile(rf'"({_BODY})"')
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
_VALID = re.compile(r'[^\\]*+(?:\\(?:[ntrabfv"\\0-7]|x[0-9A-Fa-f])[^\\]*+)*+', re.DOTALL)
"""An escaped string whose escapes PO files know: C's, octal and hexadecimal."""
_ESCAPE_OR_BAD = re.compile(r'\\(?:[ntrabfv"\\0-7]|x[0-9A-Fa-f])|(\\.?)', re.DOTALL)
_ESCAPE = re.compile(r'\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|[ntrabfv"\\])')
_NUMERIC = re.compile(r"\\[x0-7]")
_SIMPLE_ESCAPES = tuple((f"\\{code}", char) for code, char in _ESCAPES.items() if code != "\\")
_PLACEHOLDERS = "\x00\x01\x02\x03\ufffe\uffff"
_CHUNK = 4096
_PAUSE_GC_ABOVE = 1024 * 1024
_STARTS = frozenset({"msgctxt", "msgid"})
_CHARSET = re.compile(rb"Content-Type:[^\"\n]*?charset=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HEADER_ENTRY = re.compile(
    rb'(?:\xef\xbb\xbf)?(?:[ \t\r]*+(?:#[^\n]*+)?\n)*+[ \t]*+msgid[ \t]++""[ \t\r]*+\n'
    rb'[ \t]*+msgstr[ \t]++((?:"(?:[^"\\\n]|\\.)*+"[ \t\r]*+(?:\n[ \t]*+(?=")|\n|\Z))++)'
)
"""The header entry, when it comes first (after comments): its msgstr lines are group 1."""
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"})
"""Codecs that decode bytes to text but are no character set (escapes, host names)."""


def _bad_escape(raw: str) -> str:
    """The first escape of ``raw`` that PO files do not know (``raw`` failed :data:`_VALID`)."""
    return next((m.group(1) for m in _ESCAPE_OR_BAD.finditer(raw) if m.group(1)), "\\")


def _decode_escapes(raw: str) -> str:
    """The text of an escaped string whose escapes are all valid (checked by :data:`_VALID`)."""
    if "\\" not in raw:
        return raw
    if _NUMERIC.search(raw) is None:
        # Only one-character escapes: escaped backslashes become a character absent from the
        # text, the other escapes are replaced one code at a time, all at C speed.
        placeholder = next((c for c in _PLACEHOLDERS if c not in raw), None)
        if placeholder is not None:
            text = raw.replace("\\\\", placeholder)
            for code, char in _SIMPLE_ESCAPES:
                if code in text:
                    text = text.replace(code, char)
            return text.replace(placeholder, "\\")
    return _ESCAPE.sub(_escape_value, raw)


def _escape_value(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] == "x":
        return chr(int(code[1:], 16))
    if code[0] in "01234567":
        return chr(int(code, 8))
    return _ESCAPES[code]


def _full_width(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] == "x":
        return f"\\x{int(code[1:], 16):02x}"
    if code[0] in "01234567":
        return f"\\{int(code, 8):03o}"
    return match.group(0)


def unescape(text: str, *, path: str, line: int) -> str:
    """Decode the C escapes of one PO string (a :class:`ParseError` for an unknown escape)."""
    if "\\" in text and _VALID.fullmatch(text) is None:
        raise ParseError(f"invalid escape sequence '{_bad_escape(text)}'", path=path, line=line)
    return _decode_escapes(text)


def text_codec(charset: str) -> codecs.CodecInfo:
    """The codec of a catalog's ``charset``; ``LookupError`` if it is none, or no text encoding.

    ``rot13``, ``hex`` or ``zlib`` are codecs but no character sets; ``unicode_escape`` or
    ``idna`` decode bytes to text by rules of their own (and may print warnings).
    """
    try:
        codec = codecs.lookup(charset)
    except (LookupError, ValueError, TypeError):
        raise LookupError(f"unknown charset {charset!r}") from None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in _NOT_CHARSETS:
        raise LookupError(f"charset {charset!r} is not a text encoding")
    return codec


def _decode(data: bytes, path: str) -> str:
    if len(data) > MAX_PO_BYTES:
        raise ParseError(f"catalog larger than {MAX_PO_BYTES} bytes", path=path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ParseError("UTF-16 catalogs are not supported (save as UTF-8)", path=path, line=1)
    header = _HEADER_ENTRY.match(data)
    found = _CHARSET.search(data, header.start(1), header.end(1)) if header else None
    charset = found.group(1).decode("ascii") if found else "utf-8"
    if charset.upper() == "CHARSET":
        charset = "utf-8"
    line = data[: found.start()].count(b"\n") + 1 if found else 1
    try:
        codec = text_codec(charset)
    except LookupError as error:
        raise ParseError(str(error), path=path, line=line) from None
    try:
        return data.decode(codec.name).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"not valid {charset} (byte offset {error.start})"
        raise ParseError(message, path=path, line=line) from None
    except (LookupError, ValueError) as error:  # a codec that refuses to decode at all
        raise ParseError(f"cannot decode as {charset!r}: {error}", path=path, line=line) from None


def _number(digits: str) -> str:
    """A number as written in a file, for a message: without leading zeros, at most 12 digits."""
    digits = digits.lstrip("0") or "0"
    return digits if len(digits) <= 12 else f"{digits[:12]}…"


def _new_entry() -> PoEntry:
    """An empty entry, made without running ``__init__`` (every field at its class default)."""
    entry = PoEntry.__new__(PoEntry)
    entry.msgid = ""
    return entry


class _Pieces:
    """The continuation lines of one string, joined as they come (memory stays near the text's)."""

    __slots__ = ("chunks", "pieces")

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pieces: list[str] = []

    def add(self, raw: str) -> None:
        pieces = self.pieces
        pieces.append(raw)
        if len(pieces) >= _CHUNK:
            self.chunks.append("".join(pieces))
            self.pieces = []

    def joined(self) -> str:
        return "".join(self.chunks) + "".join(self.pieces)


class _Parser:
    """A state machine over one catalog's lines, matched one at a time by :data:`_LINE`.

    Each line costs one regular-expression match; a string's lines are joined once, when the
    string ends, and its escapes decoded once, so reading is linear in the file's size.
    """

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.entries: list[PoEntry] = []
        self.pending = _new_entry()
        self.started = False
        self.has_msgstr = False
        self.name: str | None = None
        """The keyword of the string being read (``msgstr[]`` for a plural form), if any."""
        self.first = ""
        self.pieces: _Pieces | None = None
        self.previous_field: str | None = None

    def error(self, message: str, number: int) -> ParseError:
        return ParseError(message, path=self.path, line=number)

    def run(self) -> list[PoEntry]:
        text, match, position, number = self.text, _LINE.match, 0, 0
        end = len(text)
        while position < end:
            if self.name != "msgctxt" and _SIMPLE.match(text, position) is not None:
                self.flush()  # as the msgctxt or msgid that starts the entry would
                position, number = self.simple(position, number)
                continue
            found = match(text, position)
            number += 1
            if found is None:
                raise self.syntax_error(position, number)
            position = found.end()
            kind = found.lastgroup
            if kind == "value":
                keyword, index, raw = found.group("keyword", "index", "value")
                self.statement(keyword or "msgstr", index, raw, number, obsolete=False)
                position, number = self.strings(position, number)
            elif kind == "string":
                self.continuation(found.group("string"), number, obsolete=False)
            elif kind == "comment":
                self.comment(found.group("comment").rstrip(), number)
        self.flush()
        return self.entries

    def simple(self, position: int, number: int) -> tuple[int, int]:
        """Take the entries :data:`_SIMPLE` matches at ``position``; return where they end."""
        text, match, append, count = self.text, _SIMPLE.match, self.entries.append, self.text.count
        entry = self.pending
        while (found := match(text, position)) is not None:
            context, msgid, msgstr = found.group("context", "msgid", "msgstr")
            line = number + 1 if context is None else number + 2
            if context is not None:
                entry.msgctxt = self.decoded(context, line - 1)
            entry.msgid = self.decoded(msgid, line) if "\\" in msgid else msgid
            entry.msgstr = self.decoded(msgstr, line + 1) if "\\" in msgstr else msgstr
            entry.line = line
            append(entry)
            entry = _new_entry()
            number += count("\n", position, found.end())
            position = found.end()
        self.pending = entry
        return position, number

    def decoded(self, raw: str, number: int) -> str:
        """``raw`` with its escapes decoded (a :class:`ParseError` for an unknown escape)."""
        return _decode_escapes(self.checked(raw, number))

    def strings(self, position: int, number: int) -> tuple[int, int]:
        """Read the continuation lines at ``position`` in blocks; return where they end."""
        text = self.text
        while (found := _STRINGS.match(text, position)) is not None:
            pieces = _QUOTED.findall(text, position, found.end())
            raw = "".join(pieces)
            if "\\" in raw and (_VALID.fullmatch(raw) is None or _NUMERIC.search(raw)):
                raw = "".join(self.checked(piece, number + n) for n, piece in enumerate(pieces, 1))
            if self.pieces is None:
                self.pieces = _Pieces()
            self.pieces.add(raw)
            position, number = found.end(), number + len(pieces)
        return position, number

    def checked(self, raw: str, number: int) -> str:
        r"""``raw``, its escapes checked, ready to be joined to the string's next line.

        Strings are decoded once all their lines are joined, so a numeric escape at the end of
        a line is written out in full (``\x4`` → ``\x04``): the next line's first characters
        cannot become part of it.
        """
        if "\\" not in raw:
            return raw
        if _VALID.fullmatch(raw) is None:
            raise self.error(f"invalid escape sequence '{_bad_escape(raw)}'", number)
        return raw if _NUMERIC.search(raw) is None else _ESCAPE.sub(_full_width, raw)

    def syntax_error(self, position: int, number: int) -> ParseError:
        stop = self.text.find("\n", position)
        line = self.text[position : stop if stop >= 0 else len(self.text)].strip()
        return self.bad_line(line, number)

    def bad_line(self, line: str, number: int) -> ParseError:
        keyword = _KEYWORD.match(line)
        if line.startswith('"') or (keyword and not _STRING.fullmatch(keyword.group(3))):
            return self.error("broken string: a quote is missing", number)
        if keyword and keyword.group(2) is not None:
            return self.error(f"msgstr[{_number(keyword.group(2))}] out of order", number)
        return self.error(f"syntax error: {line[:40]!r}", number)

    def flush(self) -> None:
        if self.name is not None:
            self.close_field()
        if self.started:
            if not self.has_msgstr:
                raise self.error("missing 'msgstr' section", self.pending.line)
            self.entries.append(self.pending)
            self.pending = _new_entry()
            self.started = False
            self.has_msgstr = False

    def comment(self, line: str, number: int) -> None:
        if line.startswith("#~"):
            self.obsolete(line[2:].strip(), number)
            return
        if self.started and self.name is not None:
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

    def obsolete(self, line: str, number: int) -> None:
        if not line:
            return
        if line.startswith(("|", "#|")):  # "#~| msgid" (GNU), "#~ #| msgid" (others)
            self.previous(line.removeprefix("#")[1:].strip(), number)
            return
        found = _STATEMENT.fullmatch(line)
        if found is None:
            raise self.bad_line(line, number)
        if found.lastgroup == "string":
            self.continuation(found.group("string"), number, obsolete=True)
        else:
            keyword, index, raw = found.group("keyword", "index", "value")
            self.statement(keyword or "msgstr", index, raw, number, obsolete=True)

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
        match = _STRING.fullmatch(token.rstrip())
        if match is None:
            raise self.error("broken string: a quote is missing", number)
        return unescape(match.group(1), path=self.path, line=number)

    def statement(
        self, keyword: str, index: str | None, raw: str, number: int, *, obsolete: bool
    ) -> None:
        raw = self.checked(raw, number)
        if self.name is not None:
            if keyword in _STARTS and self.name != "msgctxt":
                self.flush()
            else:
                self.close_field()
        entry = self.pending
        self.consistent(obsolete=obsolete, number=number)
        if obsolete:
            entry.obsolete = True
        self.started = True
        if keyword == "msgid":
            entry.line = number
        elif keyword == "msgstr":
            if self.has_msgstr and (index is None or index == "0"):
                raise self.error("a second 'msgstr' for the same message", number)
            self.has_msgstr = True
            if index is not None:
                if len(index) > 2 or int(index) != len(entry.msgstr_plural) or int(index) > 6:
                    raise self.error(f"msgstr[{_number(index)}] out of order", number)
                keyword = "msgstr[]"
        self.name, self.first, self.pieces = keyword, raw, None

    def consistent(self, *, obsolete: bool, number: int) -> None:
        """Refuse a line of an entry begun with (or without) ``#~`` that is without (or with) it.

        ``msgfmt`` says the same; read as one entry or the other, a message would be lost or
        brought back.
        """
        if self.started and self.pending.obsolete != obsolete:
            raise self.error("inconsistent use of #~", number)

    def close_field(self) -> None:
        raw = self.first if self.pieces is None else self.first + self.pieces.joined()
        value = _decode_escapes(raw) if "\\" in raw else raw
        entry, name = self.pending, self.name
        self.name, self.first, self.pieces = None, "", None
        if name == "msgid":
            entry.msgid = value
        elif name == "msgstr":
            entry.msgstr = value
        elif name == "msgstr[]":
            entry.msgstr_plural.append(value)
        elif name == "msgctxt":
            entry.msgctxt = value
        else:
            entry.msgid_plural = value

    def continuation(self, raw: str, number: int, *, obsolete: bool) -> None:
        if self.name is None:
            raise self.error("a string outside of any keyword", number)
        self.consistent(obsolete=obsolete, number=number)
        raw = self.checked(raw, number)
        if self.pieces is None:
            self.pieces = _Pieces()
        self.pieces.add(raw)


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


def _line_of(text: str, needle: str, start: int) -> int:
    """The line of the first ``needle`` at or after line ``start`` (``start`` if none)."""
    offset = 0
    for _ in range(start - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return start
    found = text.find(needle, offset)
    return start if found < 0 else start + text.count("\n", offset, found)


@contextmanager
def _collector_paused(size: int) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large catalog is read.

    Reading makes one object per message and no reference cycles, yet each full pass of the
    collector visits every message read so far: on a catalog of 480,000 messages (Python 3.11)
    the passes took a third of the time. Small catalogs leave the collector alone; the state is
    given back as it was found.
    """
    with collector_paused(size >= _PAUSE_GC_ABOVE):
        yield


def _check_unique(entries: list[PoEntry], path: str) -> None:
    """Refuse a message defined twice (same msgctxt and msgid), as ``msgfmt`` does.

    A merge leftover: whichever definition a tool kept, the other translation would be lost.
    Obsolete entries (``#~``) count too, as they do for ``msgfmt`` and ``msgcat``.
    """
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        first = seen.setdefault(entry.key(), entry.line)
        if first != entry.line:
            raise ParseError(
                f"duplicate message definition (the first is at line {first}); keep one",
                path=path,
                line=entry.line,
            )


def parse_po(data: bytes, path: str) -> PoFile:
    """Parse a catalog's bytes; ``path`` names the file in errors."""
    text = _decode(data, path)
    parser = _Parser(text, path)
    with _collector_paused(len(data)):
        read = parser.run()
    header_entry, entries = _split_header(read)
    for entry in entries:
        if entry.msgid == "" and not entry.obsolete:
            raise ParseError("a message with an empty msgid", path=path, line=entry.line)
        if entry.msgid_plural is None and peek(entry, "msgstr_plural"):
            raise ParseError("msgstr[N] without msgid_plural", path=path, line=entry.line)
    _check_unique(entries, path)
    header = _header_fields(header_entry.msgstr) if header_entry else []
    plural = next((value for key, value in header if key.lower() == "plural-forms"), None)
    if plural:
        start = header_entry.line if header_entry else 1
        check_plural_forms(plural, path=path, line=_line_of(text, "Plural-Forms", start))
    return PoFile(
        header=header,
        header_comments=header_entry.comments if header_entry else [],
        header_flags=header_entry.flags if header_entry else [],
        entries=entries,
    )
