"""Plain HTML pages: title, headings, visible text and chapter links; linear on hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest

from otsmaterials.errors import ParseError
from otsmaterials.formats.html import html_links, parse_html

from workload import assert_scales_linearly, finishes_in_child

DATA = Path(__file__).parent / "data"


def parse(text: str):
    return parse_html(text.encode(), "page1_de.html")


def test_an_index_page_with_entities_and_a_chapter_list():
    data = (DATA / "index.html").read_bytes()
    document = parse_html(data, "index.html")
    assert document.format == "html"
    assert (document.title, document.title_source) == ("HTML & CSS Curriculum", "html-title")
    assert document.headings == ("Chapters", "Solutions")
    assert document.text == (
        "Welcome to HTML & CSS\n"
        "Work through the chapters in order.\n"
        "Chapters\n"
        "Structure\n"
        "Styling\n"
        "Layout\n"
        "Solutions\n"
        "See the solutions."
    )
    assert document.words == 18
    assert html_links(data.decode()) == [
        "chapter1.html",
        "chapter2.html?lang=de&x=1",
        "chapter3.html",
        "chapter1_solutions.html",
    ]


@pytest.mark.parametrize(
    ("text", "title", "source"),
    [
        ("<title> Kapitel &#49; </title><h1>Other</h1>", "Kapitel 1", "html-title"),
        ("<title></title><h1>Fish &amp; Chips</h1><h1>Second</h1>", "Fish & Chips", "h1"),
        ("<H1 class='x'>Upper <em>case</em></H1>", "Upper case", "h1"),
        ("<p>No title at all</p>", None, None),
    ],
)
def test_the_title_is_the_title_element_else_the_first_h1(text, title, source):
    document = parse(text)
    assert (document.title, document.title_source) == (title, source)


def test_headings_are_h2_and_h3_only():
    text = "<h1>T</h1><h2>Two</h2><h3>Three <b>bold</b></h3><h4>Four</h4><h2>Again"
    assert parse(text).headings == ("Two", "Three bold", "Again")


def test_scripts_styles_code_and_comments_are_not_text():
    text = (
        "<p>Before</p><script>var x = '<p>not text</p>';</script><STYLE>p {}</STYLE>"
        "<!-- a comment --><pre>code\nblock</pre><textarea>typed</textarea><p>After</p>"
    )
    document = parse(text)
    assert document.text == "Before\nAfter"
    assert document.words == 2


def test_links_without_href_are_skipped():
    text = '<a name="top">x</a><a href=one.html>1</a><a class="c" href="two.html#s">2</a>'
    assert html_links(text) == ["one.html", "two.html#s"]


@pytest.mark.parametrize("unit", ["<!--", "</", "<a ", "<![", "<a href='", "<b>", "<?", "&#"])
def test_hostile_markup_is_read_in_linear_time(unit):
    # html.parser on Python 3.11.7 needs minutes for some of these (and raises on "<![").
    def read(size: int) -> None:
        parse_html((unit * (size // len(unit))).encode(), "big.html")

    # The steps taken grow like the input (a quadratic reader: 16-fold for 4 times the input).
    assert_scales_linearly(read, 16 * 1024)
    # Work no step count sees (one C call scanning on): 512 KiB, the size limit, takes under a
    # second here; html.parser's quadratic rescans of an unclosed construct need minutes.
    finishes_in_child(lambda: read(512 * 1024))


def test_errors_name_the_file():
    with pytest.raises(ParseError, match="file over limit") as caught:
        parse_html(b"<p>x</p>", "big.html", max_bytes=4)
    assert caught.value.path == "big.html"
    with pytest.raises(ParseError, match="NUL byte") as caught:
        parse_html(b"<p>\x00</p>", "nul.html")
    assert caught.value.path == "nul.html"
