"""parse_document: the parser chosen by extension, the shared model, word counts."""

from __future__ import annotations

import pydantic
import pytest

from otsmaterials.errors import ParseError
from otsmaterials.formats import (
    EXTENSIONS,
    FORMAT_VERSION,
    ParsedDocument,
    count_words,
    parse_document,
)


@pytest.mark.parametrize(
    ("path", "data", "fmt", "title"),
    [
        ("core/setup.md", b"# Setup\n", "markdown", "Setup"),
        ("_posts/2012-01-01-intro.markdown", b"# Intro\n", "markdown", "Intro"),
        ("README.MDOWN", b"# Readme\n", "markdown", "Readme"),
        ("source/loops.rst", b"Loops\n=====\n", "rst", "Loops"),
        ("index_de.html", b"<title>Start</title>", "html", "Start"),
        ("old/page.HTM", b"<h1>Old</h1>", "html", "Old"),
    ],
)
def test_the_parser_is_chosen_by_extension(path, data, fmt, title):
    document = parse_document(data, path)
    assert (document.format, document.title) == (fmt, title)


@pytest.mark.parametrize("path", ["notes.txt", "Makefile", "conf.py", "core/setup.md.orig"])
def test_other_files_are_not_lessons(path):
    with pytest.raises(ParseError, match="not a lesson format") as caught:
        parse_document(b"# x\n", path)
    assert caught.value.path == path


def test_the_extensions_and_the_format_version():
    assert set(EXTENSIONS) == {".md", ".markdown", ".mdown", ".rmd", ".rst", ".html", ".htm"}
    assert isinstance(FORMAT_VERSION, int)
    assert FORMAT_VERSION >= 1


def test_max_bytes_is_passed_to_every_parser():
    for path in ("a.md", "a.rst", "a.html"):
        with pytest.raises(ParseError, match="file over limit"):
            parse_document(b"x" * 20, path, max_bytes=10)


@pytest.mark.parametrize("path", ["a.md", "a.rst", "a.html"])
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ok \x81\x82", "not valid UTF-8 (byte offset 3)"),
        (b"\xff\xfeT\x00", "UTF-16 text is not supported"),
        (b"a\x00", "NUL byte (byte offset 1)"),
        (b"x\xed\xb0\x80", "not valid UTF-8 (byte offset 1)"),  # a lone surrogate
    ],
)
def test_undecodable_files_are_one_error_naming_path_and_offset(path, data, message):
    with pytest.raises(ParseError) as caught:
        parse_document(data, path)
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}:1: ")


def test_parsed_documents_are_frozen():
    document = parse_document(b"# x\n", "a.md")
    assert isinstance(document, ParsedDocument)
    with pytest.raises(pydantic.ValidationError):
        document.title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Hello, world — again!", 3),
        ("don't e-mail 3.14 x", 4),
        ("-- * ... —", 0),
        ("Grüße\naus\tKöln", 3),
        ("日本語 テキスト", 2),
    ],
)
def test_count_words(text, words):
    assert count_words(text) == words
