"""Fuzz targets: generated lesson files and catalogs fed to every reader through the public API.

Each target pairs a hypothesis strategy (random bytes and text, and grammars that reach deep:
Markdown, front matter, reStructuredText, HTML, ``.po`` lines, mutated ``.mo`` files) with a
function that runs every public reader of that kind of input. A reader may refuse its input only
with the library's own error (:class:`~otsmaterials.errors.OtsMaterialsError`); anything else is
a bug. ``tests/test_fuzz.py`` runs each target for a bounded number of examples;
``tools/fuzz.py`` runs the same targets for as long as asked.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from otsmaterials.errors import OtsMaterialsError
from otsmaterials.formats import (
    html_links,
    parse_document,
    rst_messages,
    split_front_matter,
    toctree_entries,
)
from otsmaterials.translate import (
    MoMessage,
    check_catalog,
    document_segments,
    format_po,
    parse_po,
    read_mo,
    render_lesson,
    write_mo,
)

__all__ = ["TARGETS", "Target", "run_target"]

MAX_BYTES = 64 * 1024
"""The per-file limit the targets read with (the index uses 256 KiB)."""

_ODD = ["\x00", "\x04", "\x1b", "\x7f", "\x85", "\u00a0", "\u2028", "\ufeff", "\ud800", "é", "日本"]
_WORD = st.sampled_from(["loops", "Lists", "café", "x", "1", "_", "*", "`", "\\", "&amp;", *_ODD])


def _fragments(pieces: list[str], *, size: int = 60) -> st.SearchStrategy[str]:
    """Text made of grammar pieces, words, spaces and line breaks."""
    piece = st.one_of(st.sampled_from(pieces), _WORD, st.sampled_from([" ", "\n", "\n\n", "\t"]))
    return st.lists(piece, max_size=size).map("".join)


_MARKDOWN = _fragments(
    [
        "# ",
        "## ",
        "###### ",
        "#",
        "\n===\n",
        "\n---\n",
        "* ",
        "- ",
        "+ ",
        "1. ",
        "1) ",
        "> ",
        "    ",
        "```",
        "```python\n",
        "~~~",
        "`",
        "**",
        "__",
        "*",
        "_",
        "[",
        "]",
        "](",
        ")",
        "![",
        "<",
        ">",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "<script>",
        "|",
        " | ",
        "|---|",
        "\\",
        "&",
        "&#x41;",
        "&#9999999999;",
        "{",
        "}",
        "[^1]",
        "[^1]: ",
        "<http://x>",
        "    - ",
        "\t- ",
        "{% include x %}",
        "{{ page.title }}",
        "---\n",
    ]
)
_YAML_VALUE = st.sampled_from(
    [
        "Loops",
        '"Caf\\xe9"',
        '"\\q"',
        "'it''s'",
        "2024-13-01",
        "2024-01-31",
        "9" * 400,
        "0x" + "f" * 400,
        "!!int x",
        "!!timestamp x",
        "!!binary ~",
        "[a, b]",
        "{a: 1}",
        "&a x",
        "*a",
        "|\n  block",
        ">\n  folded",
        "no",
        "yes",
        "~",
        "null",
        "1.10",
        "-1",
        "=",
        "<<",
        "!!python/object:os.system x",
        "[[[[[[",
        "@x",
        "`x`",
        "%YAML",
        '"unterminated',
    ]
)
_YAML_KEY = st.sampled_from(
    [
        "title",
        "lang",
        "language",
        "num",
        "order",
        "tags",
        "topics",
        "category",
        "categories",
        "chapter",
        "layout",
        "permalink",
        "id",
        "author",
        "authors",
        "license",
        "version",
        "date",
        "title",
        "- ",
        "<<",
        "? ",
        '"quoted"',
    ]
)
_FRONT_MATTER = st.lists(
    st.tuples(_YAML_KEY, _YAML_VALUE).map(lambda kv: f"{kv[0]}: {kv[1]}"), max_size=8
).map(lambda lines: "---\n" + "\n".join(lines) + "\n---\n")
_RST = _fragments(
    [
        "Title\n=====\n",
        "=====\nTitle\n=====\n",
        "----\n",
        "~~~~\n",
        ".. toctree::\n",
        "   :maxdepth: 2\n",
        "   :hidden:\n",
        "   intro\n",
        "   Title <doc>\n",
        ".. code-block:: python\n",
        "::\n",
        "\n   code\n",
        ".. include:: /etc/passwd\n",
        ".. raw:: html\n",
        ".. image:: x.png\n",
        ".. note::\n",
        ".. |sub| replace:: x\n",
        ".. _label:\n",
        "`link <http://x>`_",
        "``code``",
        ":ref:`x`",
        "* item\n",
        "#. item\n",
        "term\n   definition\n",
        "| line\n",
        "+--+\n| |\n+--+\n",
        "   ",
        ".. ",
        "..\n",
        "[1]_",
        ".. [1] note\n",
    ]
)
_HTML = _fragments(
    [
        "<html>",
        "<head>",
        "<title>",
        "</title>",
        "<body>",
        "<h1>",
        "</h1>",
        "<h2 id=x>",
        "</h2>",
        "<p>",
        "</p>",
        '<a href="',
        '">',
        "</a>",
        "<a href='x'>",
        '<img alt="',
        '"/>',
        "<br>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<!DOCTYPE html>",
        "&nbsp;",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "&unknown;",
        "<",
        ">",
        "=",
        '"',
        "'",
        "<div lang=de>",
        "</div>",
        "<li>",
        "<table><tr><td>",
    ]
)
_PO_STRING = st.lists(
    st.sampled_from(
        [
            "a",
            "é",
            "\\n",
            "\\t",
            '\\"',
            "\\\\",
            "\\x41",
            "\\x4",
            "\\101",
            "\\1",
            "\\9",
            "\\q",
            "\\",
            '"',
            "%s",
            "{0}",
            " ",
            "\\u00e9",
            *_ODD,
        ]
    ),
    max_size=6,
).map(lambda parts: '"' + "".join(parts) + '"')
_PO_LINE = st.one_of(
    st.tuples(
        st.sampled_from(
            [
                "msgid",
                "msgstr",
                "msgctxt",
                "msgid_plural",
                "msgstr[0]",
                "msgstr[1]",
                "msgstr[7]",
                "msgstr[" + "9" * 50 + "]",
                "#~ msgid",
                "#~ msgstr",
                "#| msgid",
                "#~| msgid",
                "",
            ]
        ),
        _PO_STRING,
    ).map(" ".join),
    st.sampled_from(
        [
            "",
            "#, fuzzy",
            "#, fuzzy, python-format",
            "#: lesson.md:3",
            "#. extracted",
            "# comment",
            "#",
            "#~",
            "junk",
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
            '"Plural-Forms: nplurals=' + "9" * 50 + '; plural=0;\\n"',
            '"Plural-Forms: nplurals=3; plural=n%10==1 ? 0 : n/0;\\n"',
            '"Plural-Forms: nplurals=2; plural=' + "(" * 30 + "n" + ")" * 30 + ';\\n"',
            '"Content-Type: text/plain; charset=UTF-8\\n"',
            '"Content-Type: text/plain; charset=rot13\\n"',
            '"Content-Type: text/plain; charset=latin-1\\n"',
            '"Content-Type: text/plain; charset=hex\\n"',
            '"Language: de\\n"',
        ]
    ),
)
_PO = st.lists(_PO_LINE, max_size=25).map(lambda lines: 'msgid ""\nmsgstr ""\n' + "\n".join(lines))


def _mo_messages() -> st.SearchStrategy[list[MoMessage]]:
    text = st.text(st.characters(blacklist_characters="\x00\x04", blacklist_categories=("Cs",)))
    message = st.builds(
        MoMessage,
        msgid=text,
        msgstr=st.lists(text, min_size=1, max_size=3).map(tuple),
        msgctxt=st.none() | text,
    )
    header = st.sampled_from(["UTF-8", "latin-1", "rot13", "hex", "utf-16", "nope", ""]).map(
        lambda charset: MoMessage("", (f"Content-Type: text/plain; charset={charset}\n",))
    )
    return st.tuples(header, st.lists(message, max_size=5)).map(lambda hm: [hm[0], *hm[1]])


@st.composite
def _mo_bytes(draw: st.DrawFn) -> bytes:
    """A valid ``.mo`` file, then damaged: bytes changed, header fields rewritten, truncated."""
    data = bytearray(write_mo(draw(_mo_messages())))
    for _ in range(draw(st.integers(0, 4))):
        where = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.sampled_from(["byte", "word", "cut"]))
        if kind == "byte" and data:
            data[where] = draw(st.integers(0, 255))
        elif kind == "word" and len(data) >= 28:
            field = draw(st.integers(0, 6)) * 4
            value = draw(st.sampled_from([0, 1, 7, 0x7FFFFFFF, 0xFFFFFFFF, len(data), 1 << 28]))
            struct.pack_into("<I", data, field, value)
        elif kind == "cut":
            del data[where:]
    return bytes(data)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _lesson_readers(extension: str) -> Callable[[bytes], None]:
    path = f"lessons/lesson{extension}"

    def read(data: bytes) -> None:
        with contextlib.suppress(OtsMaterialsError):
            parse_document(data, path, max_bytes=MAX_BYTES)
        text = _text(data)
        if extension in {".md", ".html"}:
            segments = document_segments(text, path)
            translations = {s.msgid: s.msgid[::-1] for s in segments[:5]}
            render_lesson(text, translations, path=path)
        if extension == ".md":
            with contextlib.suppress(OtsMaterialsError):
                split_front_matter(text, path)
        if extension == ".rst":
            rst_messages(text)
            toctree_entries(text)
        if extension == ".html":
            html_links(text)

    return read


def _read_po(data: bytes) -> None:
    try:
        catalog = parse_po(data, "de/LC_MESSAGES/lesson.po")
    except OtsMaterialsError:
        return
    check_catalog(catalog, "de/LC_MESSAGES/lesson.po")
    written = format_po(catalog)
    again = parse_po(written.encode("utf-8"), "written.po")  # what we write, we read back
    live = [e.msgid for e in catalog.entries if not e.obsolete]
    # obsolete entries go last, and those without a translation are dropped, as GNU's do
    kept = [e.msgid for e in catalog.entries if e.obsolete and (e.msgstr or any(e.msgstr_plural))]
    assert [e.msgid for e in again.entries] == live + kept


def _read_mo(data: bytes) -> None:
    read_mo(data, "de/LC_MESSAGES/lesson.mo")


@dataclass(frozen=True)
class Target:
    """One kind of input and the readers it goes to."""

    name: str
    inputs: st.SearchStrategy[bytes]
    read: Callable[[bytes], None]


def _encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return text.map(lambda value: value.encode("utf-8", "surrogatepass"))


_BYTES = st.binary(max_size=400)
TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Target(
            "markdown",
            _encoded(st.tuples(_FRONT_MATTER | st.just(""), _MARKDOWN).map("".join)) | _BYTES,
            _lesson_readers(".md"),
        ),
        Target(
            "front-matter",
            _encoded(st.tuples(_FRONT_MATTER, _MARKDOWN).map("".join)),
            _lesson_readers(".md"),
        ),
        Target("rest", _encoded(_RST) | _BYTES, _lesson_readers(".rst")),
        Target("html", _encoded(_HTML) | _BYTES, _lesson_readers(".html")),
        Target("po", _encoded(_PO) | _BYTES, _read_po),
        Target("mo", _mo_bytes() | _BYTES, _read_mo),
    )
}
"""Every target, by name."""


def run_target(target: Target, data: bytes) -> None:
    """Feed ``data`` to the target's readers: the library's own errors are fine, nothing else."""
    with contextlib.suppress(OtsMaterialsError):
        target.read(data)
