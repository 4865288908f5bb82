r"""Binary ``.mo`` catalogs: a checked reader and a writer (GNU format, no hash table).

The reader checks the header and every offset before reading a string, so a truncated or corrupt
file is one :class:`MoFileError`, never a ``struct.error`` or a silent partial read (which is what
gettext, Babel and polib do). The writer refuses messages that the format cannot
carry (a NUL in a msgid, the ``\x04`` context separator) before anything is written.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from otsmaterials.errors import ParseError
from otsmaterials.gettext.reader import text_codec

__all__ = ["MoFileError", "MoMessage", "read_mo", "write_mo"]

_MAGIC_LE = 0x950412DE
_MAGIC_BE = 0xDE120495
_HEADER = 28
_MAX_MESSAGES = 1_000_000


class MoFileError(ParseError):
    """A ``.mo`` file that is truncated, corrupt or not a catalog at all."""


@dataclass(frozen=True)
class MoMessage:
    """One message of a compiled catalog."""

    msgid: str
    """The source text (singular)."""
    msgstr: tuple[str, ...]
    """The translation; one string per plural form for plural messages."""
    msgctxt: str | None = None
    """The context, if any."""
    msgid_plural: str | None = None
    """The plural source text, if any."""


def check_encodable(message: MoMessage) -> None:
    """Refuse what a ``.mo`` file cannot carry: NUL or ``U+0004`` in keys, NUL in translations."""
    for field_name, text in (
        ("msgid", message.msgid),
        ("msgctxt", message.msgctxt or ""),
        ("msgid_plural", message.msgid_plural or ""),
    ):
        if "\x00" in text or "\x04" in text:
            raise ParseError(
                f"{field_name} {text[:40]!r} contains a NUL or \\x04 character, which .mo files "
                "cannot carry"
            )
    for text in message.msgstr:
        if "\x00" in text:
            raise ParseError(
                f"a translation of {message.msgid[:40]!r} contains a NUL character, which .mo "
                "files cannot carry"
            )


def _key(message: MoMessage) -> bytes:
    key = message.msgid
    if message.msgid_plural is not None:
        key = f"{key}\x00{message.msgid_plural}"
    if message.msgctxt is not None:
        key = f"{message.msgctxt}\x04{key}"
    return key.encode("utf-8")


def write_mo(messages: Iterable[MoMessage]) -> bytes:
    """The ``.mo`` bytes for ``messages`` (the header is the message with an empty msgid)."""
    pairs = []
    for message in messages:
        check_encodable(message)
        pairs.append((_key(message), "\x00".join(message.msgstr).encode("utf-8")))
    pairs.sort(key=lambda pair: pair[0])
    count = len(pairs)
    originals_at = _HEADER
    translations_at = originals_at + 8 * count
    data_at = translations_at + 8 * count
    tables: list[bytes] = [b"", b""]
    blob = bytearray()
    for column, index in ((0, 0), (1, 1)):
        entries = []
        for pair in pairs:
            text = pair[index]
            entries.append(struct.pack("<2I", len(text), data_at + len(blob)))
            blob += text + b"\x00"
        tables[column] = b"".join(entries)
    header = struct.pack("<7I", _MAGIC_LE, 0, count, originals_at, translations_at, 0, data_at)
    return header + tables[0] + tables[1] + bytes(blob)


def _corrupt(path: str | None, detail: str) -> MoFileError:
    return MoFileError(f"corrupt .mo file: {detail}", path=path)


def _string(data: bytes, table: int, index: int, order: str, path: str | None) -> bytes:
    length, offset = struct.unpack_from(f"{order}2I", data, table + 8 * index)
    if offset + length >= len(data) or data[offset + length] != 0:
        raise _corrupt(path, f"string {index} lies outside the file or is not terminated")
    return data[offset : offset + length]


def read_mo(data: bytes, path: str | None = None) -> list[MoMessage]:
    """The messages of a ``.mo`` file, checked; :class:`MoFileError` if it is corrupt."""
    if len(data) < _HEADER:
        raise _corrupt(path, f"{len(data)} bytes is shorter than the header")
    magic = struct.unpack_from("<I", data)[0]
    if magic not in (_MAGIC_LE, _MAGIC_BE):
        raise _corrupt(path, "not a .mo file (bad magic number)")
    order = "<" if magic == _MAGIC_LE else ">"
    revision, count, originals, translations = struct.unpack_from(f"{order}4I", data, 4)
    if revision >> 16 > 1:
        raise _corrupt(path, f"unknown revision {revision >> 16}")
    if count > _MAX_MESSAGES or count * 16 > len(data):
        raise _corrupt(path, f"claims {count} messages")
    for table in (originals, translations):
        if table + 8 * count > len(data):
            raise _corrupt(path, "a string table lies outside the file")
    raw = [
        (_string(data, originals, i, order, path), _string(data, translations, i, order, path))
        for i in range(count)
    ]
    if any(key == b"" and b"\x00" in value for key, value in raw):
        raise _corrupt(path, "the header holds a NUL character")
    charset = _charset(raw)
    try:
        name = text_codec(charset).name
    except LookupError as error:
        raise _corrupt(path, str(error)) from None
    try:
        return [_message(key.decode(name), value.decode(name)) for key, value in raw]
    except (LookupError, ValueError) as error:
        raise _corrupt(path, f"text is not valid {charset!r}") from error


def _charset(raw: list[tuple[bytes, bytes]]) -> str:
    for key, value in raw:
        if key == b"":
            for line in value.decode("ascii", "replace").splitlines():
                if line.lower().startswith("content-type:") and "charset=" in line:
                    name = re.split(r"[;\s\x00]", line.split("charset=", 1)[1].strip())[0]
                    return name or "utf-8"
    return "utf-8"


def _message(key: str, value: str) -> MoMessage:
    context = None
    if "\x04" in key:
        context, key = key.split("\x04", 1)
    msgid, _, plural = key.partition("\x00")
    return MoMessage(
        msgid=msgid,
        msgstr=tuple(value.split("\x00")),
        msgctxt=context,
        msgid_plural=plural if "\x00" in key else None,
    )
