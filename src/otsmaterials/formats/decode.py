"""Bytes of one lesson file → text: UTF-8 (or Latin-1 as a fallback), LF line endings.

Real OpenTechSchool repositories hold some Latin-1 Markdown, so bytes that are not UTF-8 are read
as Latin-1 when nothing suggests another encoding: no C1 control bytes (0x80–0x9F, which Latin-1
text never contains but Windows-1252 and broken UTF-8 do) and no UTF-8-encoded surrogates. Every
other problem is a :class:`~otsmaterials.errors.ParseError` naming the file, the line and the byte
offset (``docs/threat-model.md``, strict-decoding).
"""

from __future__ import annotations

import codecs
import re

from otsmaterials._support.model import FrozenModel
from otsmaterials.errors import ParseError

__all__ = ["DEFAULT_MAX_BYTES", "DecodedText", "check_size", "decode_text"]

DEFAULT_MAX_BYTES = 512 * 1024
"""The largest lesson file parsed, in bytes. markdown-it-py needs up to ~14 µs per byte on
pathological input (512 KiB of ``[``: about 7 s), ~1 µs per byte on ordinary prose."""

_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_NOT_LATIN1 = re.compile(rb"[\x80-\x9f]|\xed[\xa0-\xbf]")


class DecodedText(FrozenModel):
    """The text of a file, with what was unusual about reading it."""

    text: str
    """The text, without a byte order mark, with ``\\n`` line endings only."""
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the reading (``not UTF-8 (byte offset 4): read as Latin-1``)."""


def check_size(data: bytes, path: str, max_bytes: int) -> None:
    """Raise ParseError ``file over limit`` if ``data`` is longer than ``max_bytes``."""
    if len(data) > max_bytes:
        raise ParseError(f"file over limit ({len(data)} bytes, limit {max_bytes})", path=path)


def decode_text(data: bytes, path: str) -> DecodedText:
    """Decode the bytes of a text file read from git; ``path`` names it in errors."""
    _reject_wide_encodings(data, path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ParseError(
            f"NUL byte (byte offset {nul}): not a text file", path=path, line=_line_of(data, nul)
        )
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    warnings: tuple[str, ...] = ()
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = bom + error.start
        text = _latin1_or_raise(data, path, offset)[bom:]  # Latin-1: one character per byte
        warnings = (f"not UTF-8 (byte offset {offset}): read as Latin-1",)
    return DecodedText(text=_normalise_newlines(text), warnings=warnings)


def _reject_wide_encodings(data: bytes, path: str) -> None:
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise ParseError(
                f"{name} text is not supported (byte order mark at byte offset 0); "
                "save the file as UTF-8",
                path=path,
                line=1,
            )


def _latin1_or_raise(data: bytes, path: str, offset: int) -> str:
    suspicious = _NOT_LATIN1.search(data)
    if suspicious is not None:
        raise ParseError(
            f"not valid UTF-8 (byte offset {offset})", path=path, line=_line_of(data, offset)
        )
    return data.decode("latin-1")


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line holding byte ``offset`` (CR, LF and CRLF each end a line)."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
