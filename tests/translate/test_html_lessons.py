"""HTML lessons in the translator workflow: extract, render, update, check, import, index.

Commit 9473df1 made HTML lessons (plain HTML materials, ``.html`` pages of Jekyll sites) first
class: a message is a run of inline content inside a block element, ``<title>``, the meta
description and the ``alt`` of a standalone image are messages, script/style/pre/textarea/svg
are not. These tests drive the command line (``otsmaterials.cli.main`` on a working copy made in
``tmp_path``) and the public functions of :mod:`otsmaterials.translate`.

Golden files live in ``html_cases/``: each page ``<name>.html`` has the template ``extract``
writes for it, ``<name>.html.expect.pot`` (the version in ``X-Generator`` replaced by
``VERSION``), and the page ``render -l de`` writes when every entry is translated by
:func:`marker`, ``<name>.html.expect.render.html``. ``html-css-beginners_de.html`` is the German
translation of ``html-css-beginners.html`` (input of ``import-translation``, not a case). The two
OpenTechSchool-style pages were written for this test suite and are licensed CC BY-SA 4.0.

To regenerate the expected files after an intended change of output, run

    OTSMATERIALS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/translate/test_html_lessons.py

and review the diff: a golden file is a claim about the right output, not a snapshot of whatever
the code does.

Bugs found while writing these tests are strict ``xfail`` tests; their reasons say what is wrong
and where.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials import translate
from otsmaterials._version import __version__
from otsmaterials.cli import main

from gitrepos import RepoBuilder, git, write_catalogue

CASES = Path(__file__).parent / "html_cases"
UPDATE = os.environ.get("OTSMATERIALS_UPDATE_GOLDEN") == "1"
EPOCH_2026 = "1767225600"  # 2026-01-01 00:00 UTC
PROJECT = "html-material"  # the working copy's folder: a plain HTML site has no title of its own
MSGFMT = shutil.which("msgfmt")
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "OTSMATERIALS_LANG")

# Each golden page and the <html> start tag that render -l de must write instead of its own.
PAGES = {
    "kitchen-sink": ('<html lang="en">', '<html lang="de">'),
    "html-css-beginners": ('<html lang="en">', '<html lang="de">'),
    "attributes": ("<HTML LANG='en-GB'>", "<HTML LANG='de'>"),
    "lists-and-more": ("<html lang=en>", "<html lang=de>"),
}
# What must never become a message of kitchen-sink.html (skipped elements and directives).
NEVER = (
    "Style text",
    "Preformatted text",
    "Script text",
    "Textarea text",
    "Vector text",
    "color",
    "insertAdjacentHTML",
    "This paragraph is skipped",
    "Skipped region",
    "an author's note",
    "i18n",
    "DOCTYPE",
    "utf-8",
)


@pytest.fixture(autouse=True)
def english_and_fixed_dates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """English messages, the default locale folder, 2026-01-01 as the creation date."""
    for name in (*LANGUAGE_VARIABLES, "OTSMATERIALS_LOCALE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    monkeypatch.chdir(tmp_path)


class Run:
    """``main(argv)`` in this process: exit code, stdout, stderr (never a traceback)."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *argv: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main([str(arg) for arg in argv])
        out, err = self.capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(capsys)


# --- helpers -----------------------------------------------------------------------------------


def marker(msgid: str) -> str:
    """The test's translation of a message: recognisable, with a double and a single quote."""
    return f"DE‹\"{msgid}'›"


def page(name: str) -> str:
    return (CASES / f"{name}.html").read_text(encoding="utf-8")


def working_copy(tmp_path: Path, files: dict[str, str], *, name: str = PROJECT) -> Path:
    """A working copy in ``tmp_path/name`` holding ``files``."""
    root = tmp_path / name
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    root.mkdir(exist_ok=True)
    return root


def fill(path: Path, translate_entry: Callable[[str], str | None]) -> None:
    """Give every entry of the catalog at ``path`` the translation ``translate_entry(msgid)``."""
    catalog = translate.parse_po(path.read_bytes(), str(path))
    for number, entry in enumerate(catalog.entries):
        text = translate_entry(entry.msgid)
        if text is not None:
            catalog.entries[number] = dataclasses.replace(entry, msgstr=text)
    path.write_text(translate.format_po(catalog), encoding="utf-8")


def stable(text: str) -> str:
    """``text`` with the library's version in ``X-Generator`` replaced by ``VERSION``."""
    return text.replace(f"X-Generator: otsmaterials {__version__}\\n", "X-Generator: otsmaterials VERSION\\n")


def assert_golden(actual: str, expected: Path) -> None:
    if UPDATE:
        expected.write_bytes(actual.encode("utf-8"))
    if not expected.exists():
        pytest.fail(f"{expected.name} is missing: run with OTSMATERIALS_UPDATE_GOLDEN=1, review it")
    assert actual == expected.read_bytes().decode("utf-8")


def offsets(text: str, segment: translate.Segment) -> tuple[int, int]:
    """Where a message's span starts and ends in ``text`` (character offsets)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    span = segment.span
    return starts[span.start_line] + span.start_col, starts[span.end_line - 1] + span.end_col


def escaped(segment: translate.Segment, before: str, translation: str) -> str:
    """How render must write ``translation`` for ``segment`` (``before``: the character before it)."""
    flat = " ".join(translation.split())
    if segment.kind != "attribute":
        return flat
    if before == '"':
        return flat.replace('"', "&quot;")
    if before == "'":
        return flat.replace("'", "&#39;")
    raise AssertionError("the golden pages have no unquoted attribute messages")


def expected_render(text: str, translations: dict[str, str], lang: tuple[str, str]) -> str:
    """``text`` with each message span replaced, built without render's code: the golden rule."""
    pieces: list[str] = []
    position = 0
    segments = translate.document_segments(text, "page.html")
    for segment in sorted(segments, key=lambda s: offsets(text, s)):
        start, end = offsets(text, segment)
        assert start >= position, "message spans overlap"
        assert " ".join(text[start:end].split()) == segment.msgid
        pieces.append(text[position:start])
        pieces.append(escaped(segment, text[start - 1], translations[segment.msgid]))
        position = end
    pieces.append(text[position:])
    old, new = lang
    outside = [(i, piece) for i, piece in enumerate(pieces) if i % 2 == 0 and old in piece]
    index, piece = outside[0]
    pieces[index] = piece.replace(old, new, 1)
    return "".join(pieces)


class _Reader(HTMLParser):
    """What a browser reads from a rendered page: alt and meta description values, the title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: list[str] = []
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "img" and found.get("alt"):
            self.values.append(found["alt"] or "")
        if tag == "meta" and (found.get("name") or "").lower() == "description":
            self.values.append(found.get("content") or "")
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


# --- 1. extract: the golden templates ----------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES))
def test_cli_extract_writes_the_golden_template(name: str, tmp_path: Path, run: Run) -> None:
    root = working_copy(tmp_path, {f"{name}.html": page(name)})
    assert run("extract", "--root", root) == (0, f"created       locale/templates/{name}.pot\n", "")
    written = (root / "locale" / "templates" / f"{name}.pot").read_text(encoding="utf-8")
    assert_golden(stable(written), CASES / f"{name}.html.expect.pot")
    # the template and the public function agree on the messages, in document order
    catalog = translate.parse_po(written.encode("utf-8"), "t.pot")
    msgids = [s.msgid for s in translate.document_segments(page(name), f"{name}.html")]
    assert [e.msgid for e in catalog.entries] == list(dict.fromkeys(msgids))


def test_kitchen_sink_messages_spelled_out() -> None:
    segments = translate.document_segments(page("kitchen-sink"), "kitchen-sink.html")
    assert [(s.line, s.kind, s.msgid) for s in segments] == [
        (5, "html", "Every kind of block &amp; markup"),
        (6, "attribute", "A page that uses every construct the extractor knows about."),
        (12, "html", "The <em>kitchen</em> sink"),
        (13, "html", "Getting <strong>started</strong> &amp; going on"),
        (
            16,
            "html",
            'Type <code>ls -l</code> into the terminal, then read the <a href="https://'
            'developer.mozilla.org/" title="Mozilla Developer Network">MDN pages</a> about '
            "&lt;tags&gt; &amp; attributes.",
        ),
        (23, "html", "Fruit"),
        (25, "html", "Apples are <b>crunchy</b>"),
        (26, "html", "Pears"),
        (29, "html", "Vegetables"),
        (32, "html", "<a href=setup.html>Set up</a> your editor"),
        (36, "html", "Common tags"),
        (37, "html", "Tag"),
        (37, "html", "Meaning"),
        (38, "html", "<code>p</code>"),
        (38, "html", "A paragraph of text"),
        (41, "attribute", "A cat sleeping on a warm keyboard"),
        (43, "html", "Loose text in a box<br> and a second line after the break"),
        (61, "html", "Made with love by OpenTechSchool."),
        # a comment ends a run (html_segments' docstring), so it cuts its paragraph in two
        (63, "html", "A comment"),
        (63, "html", "sits in this paragraph."),
        (64, "html", "Uppercase tags <EM>still</EM> count."),
        (65, "html", "Unquoted and 'single-quoted' attributes."),
        (66, "html", "This paragraph is never closed"),
        (67, "html", "The heading after it"),
    ]
    comments = {s.msgid: s.comment for s in segments if s.comment}
    assert comments == {
        "Made with love by OpenTechSchool.": "OpenTechSchool is a name, keep it in English."
    }


def test_kitchen_sink_template_comments_and_locations(tmp_path: Path, run: Run) -> None:
    root = working_copy(tmp_path, {"kitchen-sink.html": page("kitchen-sink")})
    assert run("extract", "--root", root)[0] == 0
    pot = (root / "locale" / "templates" / "kitchen-sink.pot").read_text(encoding="utf-8")
    assert re.findall(r"^#\. .*$", pot, re.MULTILINE) == [
        "#. OpenTechSchool is a name, keep it in English."
    ]
    assert (
        "#. OpenTechSchool is a name, keep it in English.\n#: kitchen-sink.html:61\n"
        'msgid "Made with love by OpenTechSchool."\n' in pot
    )
    # two messages on line 37 and 38 (table cells), one #: line each
    assert re.findall(r"^#: .*$", pot, re.MULTILINE) == [
        f"#: kitchen-sink.html:{line}"
        for line in (5, 6, 12, 13, 16, 23, 25, 26, 29, 32, 36, 37, 37, 38, 38, 41, 43, 61)
        + (63, 63, 64, 65, 66, 67)
    ]
    body = pot.split("\n\n", 1)[1]  # the header names the project, not the page
    for text in NEVER:
        assert text not in body, text


@pytest.mark.parametrize("name", list(PAGES))
def test_golden_templates_read_back_and_pass_msgfmt(name: str, tmp_path: Path) -> None:
    expected = CASES / f"{name}.html.expect.pot"
    data = expected.read_bytes()
    catalog = translate.parse_po(data, expected.name)
    assert catalog.header_flags == ["fuzzy"]
    assert catalog.header_value("Project-Id-Version") == PROJECT
    assert catalog.header_value("POT-Creation-Date") == "2026-01-01 00:00+0000"
    assert all(e.msgstr == "" and not e.obsolete for e in catalog.entries)
    assert translate.format_po(catalog) == data.decode("utf-8")
    if MSGFMT is not None:
        result = subprocess.run(
            [MSGFMT, "--check", "-o", str(tmp_path / "out.mo"), str(expected)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr


def test_every_file_in_html_cases_belongs_to_a_case() -> None:
    listed = {"html-css-beginners_de.html"}
    for name in PAGES:
        listed |= {f"{name}.html", f"{name}.html.expect.pot", f"{name}.html.expect.render.html"}
    assert {p.name for p in CASES.iterdir()} == listed


def test_attribute_messages_and_what_is_left_out() -> None:
    segments = translate.document_segments(page("attributes"), "attributes.html")
    assert [(s.line, s.kind, s.msgid) for s in segments] == [
        (4, "attribute", "Quotes: &quot;double&quot;, 'single' and none."),
        (5, "html", "It's \"all\" about quoting"),
        (8, "html", "Attribute values"),
        (9, "attribute", "Double-quoted alt text"),
        (10, "attribute", "Single-quoted alt text"),
        (11, "attribute", "An uppercase image tag"),
        (13, "attribute", "An alt text that runs over two lines"),
        # alt="" is no message, nor are two images in one block; an inline image is markup
        (17, "html", 'An <img src="i.png" alt="inline image"> inside text stays markup.'),
        (18, "html", "She said \"hello\" and he said 'bye' &amp; left."),
    ]


# --- 2. render: the golden rule ----------------------------------------------------------------


def rendered_site(tmp_path: Path, run: Run, name: str, *, translated: bool) -> str:
    """extract, init -l de, (fill every entry with the marker), render -l de: the page written."""
    root = working_copy(tmp_path, {f"{name}.html": page(name)})
    assert run("extract", "--root", root)[0] == 0
    assert run("init", "-l", "de", "--root", root) == (
        0,
        f"created       locale/de/LC_MESSAGES/{name}.po\n",
        "",
    )
    if translated:
        fill(root / "locale" / "de" / "LC_MESSAGES" / f"{name}.po", marker)
    target = root / "_build" / "de" / f"{name}.html"
    assert run("render", "-l", "de", "--root", root) == (0, f"wrote {target}\n", "")
    return target.read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", list(PAGES))
def test_cli_render_replaces_every_message_and_nothing_else(
    name: str, tmp_path: Path, run: Run
) -> None:
    text = page(name)
    rendered = rendered_site(tmp_path, run, name, translated=True)
    assert_golden(rendered, CASES / f"{name}.html.expect.render.html")
    segments = translate.document_segments(text, f"{name}.html")
    translations = {s.msgid: marker(s.msgid) for s in segments}
    assert rendered == expected_render(text, translations, PAGES[name])
    assert PAGES[name][1] in rendered and PAGES[name][0] not in rendered
    # every message was replaced: the rendered page re-extracts to the translations
    again = translate.document_segments(rendered, f"{name}.html")
    assert [html.unescape(s.msgid) for s in again] == [
        html.unescape(marker(s.msgid)) for s in segments
    ]
    assert [s.kind for s in again] == [s.kind for s in segments]


@pytest.mark.parametrize("name", list(PAGES))
def test_rendered_attribute_values_read_back_as_the_translation(
    name: str, tmp_path: Path, run: Run
) -> None:
    """A browser reads each alt/description as translated: its quotes were escaped."""
    rendered = rendered_site(tmp_path, run, name, translated=True)
    segments = translate.document_segments(page(name), f"{name}.html")
    reader = _Reader()
    reader.feed(rendered)
    reader.close()
    wanted = [html.unescape(marker(s.msgid)) for s in segments if s.kind == "attribute"]
    assert [value for value in reader.values if value.startswith("DE‹")] == wanted
    assert reader.values == wanted  # no alt or description was left untranslated
    title = next(s.msgid for s in segments if s.kind == "html")  # <title> comes first
    assert reader.title.strip() == html.unescape(marker(title))


@pytest.mark.parametrize("name", list(PAGES))
def test_cli_render_with_an_empty_catalog_gives_the_original_bytes(
    name: str, tmp_path: Path, run: Run
) -> None:
    rendered = rendered_site(tmp_path, run, name, translated=False)
    old, new = PAGES[name]
    assert rendered == page(name).replace(old, new, 1)


def test_render_lesson_result_counts_and_escapes() -> None:
    text = page("attributes")
    segments = translate.document_segments(text, "attributes.html")
    result = translate.render_lesson(
        text, {s.msgid: marker(s.msgid) for s in segments}, path="attributes.html", language="de"
    )
    assert (result.messages, result.translated) == (9, 9)
    assert '<META NAME="Description" CONTENT="DE‹&quot;Quotes: &quot;double&quot;, \'single\' ' in (
        result.text
    )
    assert "alt='DE‹\"Single-quoted alt text&#39;›'" in result.text
    # an attribute over two lines is written on one line, between its quotes
    assert '<figure><img src="e.png"\n     alt="DE‹&quot;An alt text that runs over two lines\'›">' in (
        result.text
    )
    assert "<TITLE>DE‹\"It's \"all\" about quoting'›</TITLE>" in result.text
