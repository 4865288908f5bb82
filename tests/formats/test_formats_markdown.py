"""Markdown lessons: titles, headings, text and words; hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from otsmaterials.errors import ParseError
from otsmaterials.formats import markdown
from otsmaterials.formats.frontmatter import FrontMatter
from otsmaterials.formats.markdown import parse_markdown

from workload import assert_scales_linearly, assert_work_bounded, finishes_in_child

DATA = Path(__file__).parent / "data"


def parse(text: str, **options: int):
    return parse_markdown(text.encode(), "core/lesson.md", **options)


def test_a_jekyll_page_with_an_english_title_over_a_german_body():
    document = parse_markdown((DATA / "jekyll_page.md").read_bytes(), "core/data.md")
    assert document.format == "markdown"
    assert (document.title, document.title_source) == ("Data structures", "front-matter")
    assert document.headings == ("a) Listen", "b) Wörterbücher", "Aufgaben")
    assert document.text == (
        "Python kennt einige eingebaute Datenstrukturen.\n"
        "a) Listen\n"
        "Eine Liste hält mehrere Werte:\n"
        "b) Wörterbücher\n"
        "Ein Wörterbuch ordnet Schlüssel zu.\n"
        "Aufgaben\n"
        "Erstelle eine Liste.\n"
        "Gib sie mit print aus."
    )
    assert document.words == 28
    assert document.front_matter == FrontMatter(
        title="Data structures", layout="ots", order=2, language="de", tags=("python", "beginners")
    )
    assert document.warnings == ()


@pytest.mark.parametrize(
    ("text", "title", "source"),
    [
        ("# Setup\n\nText\n", "Setup", "heading"),
        ("Intro text\n\nSetup *now*\n========\n", "Setup now", "heading"),
        # a sub-heading is never the page's title (the navigation or the file name is)
        ("## Only a section\n\ntext\n", None, None),
        ("## HINTS\n\nUse a loop.\n", None, None),
        ("##a) Basic data structures\n\n## Real heading\n", None, None),
        ("Text.\n\n##a) Basic data structures\nmore\n", None, None),
        ("## Part\n\n# The title\n", "The title", "heading"),
        (
            "Text.\n\n#a) Basic data structures\nmore\n",
            "a) Basic data structures",
            "no-space-heading",
        ),
        ("#Lesson ##\n\ntext\n", "Lesson", "no-space-heading"),
        ("---\ntitle: ''\n---\n# Heading\n", "Heading", "heading"),
        ("---\ntitle:\n---\n# Heading\n", "Heading", "heading"),
        ("Just text, #not a heading.\n", None, None),
        ("```\n# comment in code\n```\n", None, None),
        ("", None, None),
    ],
)
def test_the_title_falls_back_in_order(text, title, source):
    document = parse(text)
    assert (document.title, document.title_source) == (title, source)


def test_headings_are_plain_text_of_level_two_and_below_in_order():
    text = (
        "# Title\n\n## The `print` *function*\n\ntext\n\n### [Links](https://x.org) &amp; more\n"
        "\n##b) No space\n\nSetext two\n----------\n\n> ## Quoted\n"
    )
    assert parse(text).headings == (
        "The print function",
        "Links & more",
        "b) No space",
        "Setext two",
        "Quoted",
    )


def test_words_and_text_leave_out_code_link_targets_and_images():
    text = (
        "Hello, world — again!\n\n"
        "```python\nprint('not counted')\n```\n\n"
        "    indented code is not counted either\n\n"
        "See [the docs](https://docs.python.org/3/) or <https://example.org/x>.\n\n"
        "![a picture](img.png) Use `len()` here.\n"
    )
    document = parse(text)
    assert document.text == "Hello, world — again!\nSee the docs or .\nUse len() here."
    assert document.words == 3 + 4 + 3


def test_tables_lists_and_quotes_are_text():
    text = "| Name | Value |\n|------|-------|\n| a | 1 |\n\n- one\n- two\n\n> quoted\n"
    assert parse(text).text == "Name\nValue\na\n1\none\ntwo\nquoted"


def test_crlf_line_endings():
    document = parse_markdown(b"---\r\ntitle: Setup\r\n---\r\n## One\r\n\r\nText\r\n", "a.md")
    assert document.title == "Setup"
    assert document.headings == ("One",)
    assert document.text == "One\nText"


def test_a_latin1_file_is_read_with_a_warning():
    data = "# Café\n\nÜber Straße\n".encode("latin-1")
    document = parse_markdown(data, "de/cafe.md")
    assert document.title == "Café"
    assert document.text == "Café\nÜber Straße"
    assert document.warnings == ("not UTF-8 (byte offset 5): read as Latin-1",)


def test_front_matter_errors_name_the_file():
    with pytest.raises(ParseError, match="version: expected a string") as caught:
        parse("---\nversion: 1.10\n---\n# x\n")
    assert str(caught.value).startswith("core/lesson.md:2: ")


# --- hostile input ------------------------------------------------------------------------------


def test_raw_html_scripts_and_javascript_links_never_reach_the_text():
    text = (
        "<script>alert('block')</script>\n\n"
        "Hello <img src=x onerror=alert(1)> and [x](javascript:alert(1)),\n"
        '<javascript:alert(2)> <span onclick="evil()">kept</span>.\n\n'
        "<div>\nhtml block text is dropped\n</div>\n"
    )
    document = parse(text)
    for forbidden in ("<script", "onerror", "javascript:", "alert", "onclick", "<", "dropped"):
        assert forbidden not in document.text
    assert document.text == "Hello and x, kept."


def test_a_huge_file_is_refused_before_parsing():
    with pytest.raises(ParseError, match=r"file over limit \(1048576 bytes") as caught:
        parse_markdown(b"[" * 1024 * 1024, "big.md")
    assert caught.value.path == "big.md"

    def refuse(size: int) -> None:
        with pytest.raises(ParseError, match="file over limit"):
            parse_markdown(b"[" * size, "big.md")

    # Parsed first, 4 MiB would cost about four times the steps of 1 MiB.
    assert_work_bounded(refuse, 1024 * 1024)


def test_the_limit_can_be_lowered():
    with pytest.raises(ParseError, match="file over limit"):
        parse("x" * 101, max_bytes=100)
    assert parse("x" * 100, max_bytes=100).words == 1


def test_deeply_nested_quotes_are_bounded():
    # Under a second here; without maxNesting each level re-reads the rest (5e9 steps).
    document = finishes_in_child(lambda: parse(">" * 100_000 + " deep\n\nshallow\n"))
    assert document.text == "shallow"  # past maxNesting the content is dropped
    assert_scales_linearly(lambda depth: parse(">" * depth + " deep\n\nshallow\n"), 5_000)


def test_a_recursion_error_becomes_a_parse_error(monkeypatch):
    class Exploding:
        def parse(self, _text: str, _env: object = None) -> list[object]:
            raise RecursionError

    monkeypatch.setattr(markdown, "_parser", Exploding)
    with pytest.raises(ParseError, match="nested too deeply") as caught:
        parse("# x\n")
    assert caught.value.path == "core/lesson.md"
