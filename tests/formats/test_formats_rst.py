"""reStructuredText read as text: titles, messages, toctrees; directives never run."""

from __future__ import annotations

import builtins
import socket
import textwrap
from pathlib import Path

import pytest

from otsmaterials.errors import ParseError
from otsmaterials.formats.rst import parse_rst, rst_messages, rst_plain_text, toctree_entries

from workload import assert_scales_linearly, finishes_in_child

DATA = Path(__file__).parent / "data"


def parse(text: str):
    return parse_rst(textwrap.dedent(text).encode(), "source/lesson.rst")


def test_a_sphinx_lesson():
    document = parse_rst((DATA / "lesson.rst").read_bytes(), "source/loops.rst")
    assert document.format == "rst"
    assert (document.title, document.title_source) == ("Loops", "rst-title")
    assert document.headings == ("Introduction", "Exercise", "Solution")
    assert document.text == (
        "Loops\n"
        "Introduction\n"
        "Programs often repeat themselves. Python has a concept called looping. Try this:\n"
        "The range function counts for you. See the manual and Functions.\n"
        "Indentation matters in Python.\n"
        "Exercise\n"
        "Draw a square.\n"
        "Draw a dashed line.\n"
        "Use turtle.penup().\n"
        "Count the sides.\n"
        "Solution"
    )
    assert document.words == 43
    assert document.front_matter is None
    assert document.warnings == ()


def test_the_messages_of_a_lesson_are_cut_like_sphinx_gettext():
    assert rst_messages((DATA / "lesson.rst").read_text(encoding="utf-8")) == [
        "Loops",
        "Introduction",
        "Programs often *repeat* themselves. Python has a concept called **looping**. Try this::",
        (
            "The :func:`range` function counts for ``you``. See `the manual "
            "<https://docs.python.org/>`_ and :doc:`Functions <functions>`."
        ),
        "Indentation matters in Python.",
        "Exercise",
        "Draw a square.",
        "Draw a dashed line.",
        "Use ``turtle.penup()``.",
        "Count the sides.",
        "Solution",
    ]


def test_messages_of_lists_definitions_quotes_and_admonitions():
    text = """\
        Title
        #####

        - first item
          on two lines
        - second item

          with a second paragraph

        Term
           Its definition.

           A quoted paragraph.

        .. warning:: Argument text
           continues here.

        .. admonition:: Custom title

           Body of it.

        ====  =====
        A     table
        ====  =====

        Double  spaces  stay.
    """
    assert rst_messages(textwrap.dedent(text)) == [
        "Title",
        "first item on two lines",
        "second item",
        "with a second paragraph",
        "Term",
        "Its definition.",
        "A quoted paragraph.",
        "Argument text continues here.",
        "Custom title",
        "Body of it.",
        "Double  spaces  stay.",
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Loops\n*****\n\ntext\n", "Loops"),
        ("=======\n Loops\n=======\n\nSub\n---\n", "Loops"),
        ("The ``print`` function\n======================\n", "The print function"),
        ("Loops\n***\n\ntext\n", None),  # an underline shorter than the title
        ("Just a paragraph.\n\n----\n\nAnother.\n", None),  # a transition is not a title
        ("", None),
    ],
)
def test_the_title_is_the_first_section_title(text, title):
    document = parse_rst(text.encode(), "a.rst")
    assert document.title == title
    assert document.title_source == ("rst-title" if title else None)


def test_literal_blocks_code_and_comments_are_not_text():
    document = parse(
        """\
        Example::

            print("no")

        Expanded form:

        ::

            print("no")

        .. code-block:: python

           print("no")

        .. comment that is not text

        >>> print("doctest")
        no

        +------+
        | grid |
        +------+

        End ::

            print("no")

        Tight::
            print("no")
        """
    )
    assert document.text == "Example:\nExpanded form:\nEnd\nTight:"
    assert document.words == 5


def test_inline_markup_is_removed_from_the_text():
    assert rst_plain_text(
        "*emph* **strong** ``code`` :kbd:`q` :ref:`Label <target>` `Link <https://x>`_ "
        "`ref`_ word_ |sub| note [#]_ and [1]_ \\*star\\* snake_case __init__"
    ) == ("emph strong code q Label Link ref word sub note  and  *star* snake_case __init__")


def test_toctree_entries_in_order_with_titles_options_and_globs():
    text = """\
        Index
        =====

        .. toctree::
           :maxdepth: 2
           :hidden:

           getting_started
           Loops and more <loops>
           core/*
           self
           Python <https://www.python.org/>

        .. code-block:: rst

           .. toctree::

              not_an_entry

        .. toctree::
           :caption: Extras

           extras/index
    """
    assert toctree_entries(textwrap.dedent(text)) == [
        "getting_started",
        "loops",
        "core/*",
        "self",
        "extras/index",
    ]


# --- hostile input ------------------------------------------------------------------------------


def test_file_and_url_directives_are_warned_about_and_never_read(monkeypatch):
    with open("/etc/passwd", encoding="utf-8") as handle:
        first_line = handle.readline().strip()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the reST reader must not open files or connect")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    document = parse(
        """\
        Title
        =====

        .. include:: /etc/passwd

        .. raw:: html
           :file: /etc/passwd

        .. csv-table:: Data
           :url: http://127.0.0.1:9/

        .. literalinclude:: /etc/hostname

        .. csv-table:: Inline data is fine

           a, b
        """
    )
    monkeypatch.undo()
    assert document.warnings == (
        "directive include ignored (line 4)",
        "directive raw ignored (line 6)",
        "directive csv-table ignored (line 9)",
        "directive literalinclude ignored (line 12)",
    )
    assert first_line not in document.text
    assert document.text == "Title"


def test_deep_nesting_is_bounded():
    document = finishes_in_child(lambda: parse("- " * 100_000 + "deep\n"))
    assert document.words == 1
    assert_scales_linearly(lambda depth: parse("- " * depth + "deep\n"), 5_000)


@pytest.mark.parametrize("unit", ["*a ", "``a ", "`a <", ":r:`a <", "a_ ", "x::\n\n  y\n"])
def test_pathological_markup_is_read_in_linear_time(unit):
    def read(size: int) -> None:
        parse_rst((unit * (size // len(unit))).encode(), "big.rst")

    # The steps taken grow like the input (a quadratic reader: 16-fold, not 4).
    assert_scales_linearly(read, 16 * 1024)
    # Work no step count sees: a backtracking pattern inside one C call. Here 512 KiB (the size
    # limit) takes under a second; a pattern scanning to the end from each position makes
    # 512K * 512K / 2 = 1.4e11 steps, minutes even at 1e9 steps a second.
    finishes_in_child(lambda: read(512 * 1024))


def test_the_size_limit_and_encoding_errors_name_the_file():
    with pytest.raises(ParseError, match="file over limit") as caught:
        parse_rst(b"x" * 11, "source/big.rst", max_bytes=10)
    assert caught.value.path == "source/big.rst"
    with pytest.raises(ParseError, match=r"not valid UTF-8 \(byte offset 7\)") as caught:
        parse_rst(b"Title\n=\x85", "source/bad.rst")
    assert (caught.value.path, caught.value.line) == ("source/bad.rst", 2)


def test_a_latin1_file_is_read_with_a_warning():
    document = parse_rst("Café\n====\n".encode("latin-1"), "a.rst")
    assert document.title == "Café"
    assert document.warnings == ("not UTF-8 (byte offset 3): read as Latin-1",)
