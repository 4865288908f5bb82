"""A build parses a Markdown lesson once, for its text and its messages, and finds the messages
the translator's commands find.

The index's reader and the cutter of messages parse with different link checks (the reader
accepts every target, so that a refused one never reaches the text as written; the cutter keeps
markdown-it-py's, under which a reference definition to ``javascript:`` is a paragraph), and find
the front matter each their own way. Where the two would differ the cutter parses the body
itself; everywhere else it takes the reader's tokens. Either way its messages are those of
``otsmaterials init``/``extract``: every catalog below, translated in full, makes its lesson
complete, and an entry left out makes it incomplete.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import otsmaterials.translate.segments as segments
from otsmaterials.cli import main
from otsmaterials.errors import ParseError
from otsmaterials.formats.markdown import read_markdown
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.writer import format_po
from otsmaterials.translate import document_segments

from gitrepos import git, git_environment
from gitrepos import material as material_entry
from indexing import Workspace

LESSONS = {
    # A reference definition markdown-it-py refuses: a paragraph for the cutter.
    "refused-reference": (
        "# Links\n\nSee [the page][home] first.\n\n"
        '[home]: javascript:alert(1) "Home page"\n\nThe end of it.\n'
    ),
    # The same refusal hidden behind an entity.
    "entity-reference": (
        "# Entity\n\nSee [the page][home].\n\n[home]: &#106;avascript:alert(1)\n\nLast words.\n"
    ),
    # A lone image whose target is refused: the cutter sees text, the reader an image.
    "refused-image": "# Pictures\n\n![a drawing](javascript:alert(1))\n\nAfter the picture.\n",
    "images": (
        "# Pictures\n\n"
        '![A cat on a mat](cat.png "The cat")\n\n'
        "![dog][dog]\n\nText with ![an inline image](x.png) inside.\n\n"
        "[dog]: dog.png 'A dog'\n"
    ),
    # A front matter line both readers accept, and one only the cutter takes for front matter.
    "front-matter": "---   \ntitle: The front\ndescription: Its words\n---\n\n# Body\n\nText.\n",
    "odd-front-matter": "---\u00a0\ntitle: Not front matter for the reader\n---\n\nA paragraph.\n",
    "blocks": (
        "# Blocks\n\nA paragraph\nover two lines.\n\n"
        "- an item\n- another item\n  continued\n\n"
        "> quoted text\n> more of it\n\n"
        "| head | other |\n|---|---|\n| cell one | cell two |\n\n"
        "```python\nprint('code')\n```\n\n"
        "<!-- i18n:skip -->\nSkipped paragraph.\n\n"
        "<!-- i18n:comment: for the team -->\nCommented paragraph.\n\n"
        "<div>\nraw html\n</div>\n\n"
        '[ref]: https://example.org "A reference title"\n'
    ),
}


def _translate(path: Path, *, leave_out: str | None = None) -> None:
    catalog = parse_po(path.read_bytes(), str(path))
    catalog.entries[:] = [
        entry
        if entry.msgid == leave_out
        else dataclasses.replace(entry, msgstr=f"DE {entry.msgid}")
        for entry in catalog.entries
    ]
    path.write_text(format_po(catalog), encoding="utf-8")


@pytest.fixture(scope="module")
def completeness(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Fraction]:
    """Each lesson's German completeness: catalogs made by ``init``, translated in full, and a
    copy of each lesson whose catalog leaves its last message out."""
    with git_environment(tmp_path_factory.mktemp("home")):
        workspace = Workspace(tmp_path_factory.mktemp("one-parse"))
        repo = workspace.repo("shapes")
        files = {f"{name}.md": text for name, text in LESSONS.items()}
        files |= {f"{name}-partial.md": text for name, text in LESSONS.items()}
        repo.write(files)
        assert main(["init", "-l", "de", "--root", str(repo.path)]) == 0
        for name in LESSONS:
            folder = repo.path / "locale/de/LC_MESSAGES"
            _translate(folder / f"{name}.po")
            last = document_segments(LESSONS[name], f"{name}.md")[-1].msgid
            _translate(folder / f"{name}-partial.po", leave_out=last)
        git("add", "locale", cwd=repo.path)
        repo.commit("Lessons and German catalogs")
        with workspace.build("shapes", [material_entry("shapes", repo)]) as index:
            return {
                lesson.path.removesuffix(".md"): lesson.versions["de"].exact_completeness()
                for lesson in index.lessons(material="shapes")
                if "de" in lesson.versions
            }


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_a_catalog_translated_in_full_makes_the_lesson_complete(
    completeness: dict[str, Fraction], name: str
) -> None:
    assert completeness[name] == 1


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_a_catalog_missing_a_message_leaves_it_incomplete(
    completeness: dict[str, Fraction], name: str
) -> None:
    assert 0 < completeness[f"{name}-partial"] < 1


def _messages_both_ways(text: str, path: str = "lesson.md") -> None:
    try:
        parsed = read_markdown(text.encode(), path)
    except ParseError:
        return  # the build keeps no messages of a file it cannot read
    alone = document_segments(text, path)
    shared = document_segments(parsed.text, path, parsed=parsed)
    assert shared == alone


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_the_shared_tokens_give_the_cutters_messages(name: str) -> None:
    _messages_both_ways(LESSONS[name])


def test_a_plain_lesson_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    text = LESSONS["blocks"]
    parsed = read_markdown(text.encode(), "lesson.md")
    expected = document_segments(text, "lesson.md")

    def refuse() -> None:
        raise AssertionError("parsed a second time")

    monkeypatch.setattr(segments, "_parser", refuse)
    assert document_segments(text, "lesson.md", parsed=parsed) == expected


@pytest.mark.parametrize("name", ["refused-reference", "odd-front-matter"])
def test_where_the_readers_differ_the_cutter_parses_again(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    text = LESSONS[name]
    parsed = read_markdown(text.encode(), "lesson.md")
    calls: list[int] = []
    real = segments._parser

    def counting() -> object:
        calls.append(1)
        return real()

    monkeypatch.setattr(segments, "_parser", counting)
    document_segments(text, "lesson.md", parsed=parsed)
    assert calls


_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "\n===\n",
        "- ",
        "1. ",
        "> ",
        "    ",
        "```\n",
        "`",
        "**",
        "[",
        "]",
        "](",
        ")",
        "![",
        "[a]: ",
        "[a]",
        ' "T"',
        "javascript:x",
        "&#106;avascript:x",
        "data:image/png;x",
        "http://x",
        "<div>",
        "<!-- i18n:skip -->",
        "|",
        "|---|",
        "---\n",
        "title: ",
        "\u00a0",
        "\\",
        "words",
        "Lists",
        " ",
        "\n",
        "\n\n",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_markdown_gives_the_same_messages_parsed_once(text: str) -> None:
    _messages_both_ways(text)
