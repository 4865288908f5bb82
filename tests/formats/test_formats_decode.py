"""Bytes → text: UTF-8, the Latin-1 fallback, and the encodings that are refused."""

from __future__ import annotations

import codecs

import pytest

from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import check_size, decode_text


def test_utf8_is_read_and_line_endings_become_lf():
    decoded = decode_text("Grüße\r\nzwei\rdrei\n".encode(), "a.md")
    assert decoded.text == "Grüße\nzwei\ndrei\n"
    assert decoded.warnings == ()


def test_a_utf8_byte_order_mark_is_dropped():
    assert decode_text(codecs.BOM_UTF8 + b"# Title\n", "a.md").text == "# Title\n"


def test_latin1_text_is_read_with_a_warning():
    decoded = decode_text("Title\n\nCafé au lait\n".encode("latin-1"), "cafe.md")
    assert decoded.text == "Title\n\nCafé au lait\n"
    assert decoded.warnings == ("not UTF-8 (byte offset 10): read as Latin-1",)


def test_the_latin1_offset_counts_a_byte_order_mark():
    decoded = decode_text(codecs.BOM_UTF8 + b"Caf\xe9", "cafe.md")
    assert decoded.text == "Café"
    assert decoded.warnings == ("not UTF-8 (byte offset 6): read as Latin-1",)


@pytest.mark.parametrize(
    ("data", "offset", "line"),
    [
        (b"ok\nCaf\x85\n", 6, 2),  # a C1 control: Windows-1252, not Latin-1
        (b"one\r\ntwo\r\n\x93quoted\x94", 10, 3),
        (b"a\xed\xa0\x80b", 1, 1),  # a UTF-8-encoded surrogate
        (b"\xc3\xa9\xff\x80", 2, 1),  # broken UTF-8 carrying a continuation byte
    ],
)
def test_invalid_utf8_that_is_not_latin1_names_path_offset_and_line(data, offset, line):
    with pytest.raises(ParseError) as caught:
        decode_text(data, "core/bad.md")
    error = caught.value
    assert error.message == f"not valid UTF-8 (byte offset {offset})"
    assert error.path == "core/bad.md"
    assert error.line == line
    assert str(error).startswith(f"core/bad.md:{line}: ")


@pytest.mark.parametrize(
    ("bom", "name"),
    [
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
    ],
)
def test_utf16_and_utf32_are_refused(bom, name):
    data = bom + "# Titel\n".encode(name.lower() + ("-le" if bom[0] == 0xFF else "-be"))
    with pytest.raises(ParseError, match=f"{name} text is not supported") as caught:
        decode_text(data, "de/index.md")
    assert caught.value.path == "de/index.md"
    assert caught.value.line == 1


def test_a_nul_byte_is_refused_with_its_offset_and_line():
    with pytest.raises(ParseError, match=r"NUL byte \(byte offset 9\)") as caught:
        decode_text(b"line one\n\x00two", "x.md")
    assert (caught.value.path, caught.value.line) == ("x.md", 2)


def test_check_size_refuses_a_file_over_the_limit():
    check_size(b"x" * 10, "a.md", 10)
    with pytest.raises(ParseError, match=r"file over limit \(11 bytes, limit 10\)") as caught:
        check_size(b"x" * 11, "a.md", 10)
    assert caught.value.path == "a.md"
