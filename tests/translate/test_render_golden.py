"""Golden tests of ``render``: extract → translate every entry → render.

Each lesson ``cases/<name>.md`` (the cases of ``test_extract_golden.py``) is extracted, every entry
of its template is translated by :func:`shout` (``"Ü "`` plus the text in capitals, with code
spans, link targets, reference labels, HTML tags, entities and escapes left as they are), the
catalog is written and read back as a ``.po`` file, and the lesson is rendered with it. The result
must equal ``cases/<name>.md[.<variant>].expect.render.md``.

To regenerate the expected files after an intended change of output, run

    OTSMATERIALS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/translate/test_render_golden.py

and review the diff. Cases with a known bug have hand-written expected files that are never
rewritten; their tests are strict xfails.

"Byte for byte outside the translated text" is checked with a *skeleton*: the document with each
message's region replaced by a NUL. A region runs from the message's first character to its last,
so the line breaks and continuation markers (``> ``, list indentation) inside a multi-line
paragraph belong to it: render re-emits such a paragraph on one line, which is allowed. In the
rendered text the regions are found without trusting the extractor: every translation is wrapped
in two private-use sentinels before rendering. Continuation markers that render has to write
itself (hard breaks in quotes and list items) are checked by the golden files and by extracting
the rendered lesson again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from otsmaterials.cli import main
from otsmaterials.formats.decode import decode_text
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.stats import normalize_message
from otsmaterials.gettext.writer import format_po
from otsmaterials.translate.rendering import render_lesson, translations_of
from otsmaterials.translate.segments import Span
from otsmaterials.translate.templates import lesson_segments, split_front, template_for

from golden import assert_golden
from golden_cases import CASES, Case

CREATED = "2026-01-01 00:00+0000"
OPEN, CLOSE = "\ue000", "\ue001"

_PROTECTED = re.compile(
    r"`+[^`]*`+"  # code spans
    r"|\]\([^)]*\)"  # link and image destinations (with their titles)
    r"|\]\[[^\]]*\]"  # reference labels
    r"|<[^>]*>"  # autolinks and inline HTML
    r"|&#?\w+;"  # entities
    r"|\\."  # backslash escapes
)


def shout(message: str) -> str:
    """A deterministic "translation" that keeps the markup: ``Ü `` and capitals outside it."""
    pieces, position = [], 0
    for match in _PROTECTED.finditer(message):
        pieces += [message[position : match.start()].upper(), match.group()]
        position = match.end()
    pieces.append(message[position:].upper())
    return "Ü " + "".join(pieces)


GOOD_CASES = [
    Case("headings"),
    Case("paragraphs"),
    Case("lists"),
    Case("blockquotes"),
    Case("tables"),
    Case("images"),
    Case("links"),
    Case("code-blocks"),
    Case("html"),
    Case("front-matter"),
    Case("front-matter", ".keys", keys=("title", "summary")),
    Case("directives"),
    Case("duplicates"),
    Case("unicode"),
    Case("crlf"),
]
INCLUDE_CODE = Case(
    "code-blocks",
    ".include-code",
    include_code=True,
)
BUG_CASES = [
    INCLUDE_CODE,
    Case("links-definition-in-code"),
    Case(
        "links-definition-skipped",
    ),
    Case("links-definition-title-next-line"),
    Case("directives-skip-block"),
    Case("tables-in-blockquote"),
    Case(
        "front-matter-yaml-comment",
    ),
    Case("images-title-escaped"),
]


def read_case(path: Path) -> str:
    """The lesson's text as the CLI reads it (UTF-8, LF line endings)."""
    return decode_text(path.read_bytes(), path.name).text


def catalog_for(
    text: str, case: Case, translate: Callable[[int, str], tuple[str, bool] | None]
) -> PoFile:
    """The lesson's template with ``translate(index, msgid)`` → ``(msgstr, fuzzy)`` filled in.

    The catalog goes through ``format_po`` and ``parse_po``, as a translator's ``.po`` would.
    """
    segments = lesson_segments(text, keys=case.keys, include_code=case.include_code)
    catalog = template_for(segments, path=case.source.name, project="Golden", created=CREATED)
    catalog.header_flags = []
    for index, entry in enumerate(catalog.entries):
        result = translate(index, entry.msgid)
        if result is not None:
            entry.msgstr, fuzzy = result
            entry.flags = ["fuzzy"] if fuzzy else []
    return parse_po(format_po(catalog).encode("utf-8"), f"{case.id}.po")


def render_case(case: Case) -> str:
    """The case rendered with every entry translated by :func:`shout`."""
    text = read_case(case.source)
    catalog = catalog_for(text, case, lambda _index, msgid: (shout(msgid), False))
    return render_lesson(
        text, translations_of(catalog), keys=case.keys, include_code=case.include_code
    ).text


def params(cases: Iterable[Case]) -> list[object]:
    return [
        pytest.param(
            case,
            marks=[pytest.mark.xfail(reason=case.bug, strict=True)] if case.bug else [],
            id=case.id,
        )
        for case in cases
    ]


# --- golden renders ----------------------------------------------------------------------------


@pytest.mark.parametrize("case", params(GOOD_CASES + BUG_CASES))
def test_render_golden(case: Case) -> None:
    actual = render_case(case)
    assert_golden(actual, case.expected("render.md"), hand_written=case.bug is not None)


def test_every_golden_render_belongs_to_a_listed_case() -> None:
    listed = {case.expected("render.md").name for case in GOOD_CASES + BUG_CASES}
    assert {p.name for p in CASES.glob("*.expect.render.md")} == listed


# --- structure byte for byte outside the translated text --------------------------------------


def skeleton(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each span's region (first to last character of the message) as a NUL."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    pieces, position = [], 0
    for span in sorted(spans, key=lambda s: (s.start_line, s.start_col)):
        begin = starts[span.start_line] + span.start_col
        end = starts[span.end_line - 1] + span.end_col
        assert begin >= position, f"overlapping spans at line {span.start_line + 1}"
        pieces += [text[position:begin], "\0"]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def rendered_skeleton(rendered: str) -> str:
    """The rendered text with each sentinel-wrapped translation as a NUL."""
    return re.sub(f"{OPEN}.*?{CLOSE}", "\0", rendered, flags=re.DOTALL)


def wrapped(translations: Mapping[str, str]) -> dict[str, str]:
    return {key: f"{OPEN}{value}{CLOSE}" for key, value in translations.items()}


@pytest.mark.parametrize("case", params([*GOOD_CASES, replace(INCLUDE_CODE, bug=None)]))
def test_everything_outside_the_translations_is_kept_byte_for_byte(case: Case) -> None:
    text = read_case(case.source)
    segments = lesson_segments(text, keys=case.keys, include_code=case.include_code)
    catalog = catalog_for(text, case, lambda _index, msgid: (shout(msgid), False))
    translations = translations_of(catalog)
    result = render_lesson(
        text, wrapped(translations), keys=case.keys, include_code=case.include_code
    )
    assert result.translated == result.messages == len(segments)
    assert rendered_skeleton(result.text) == skeleton(text, [s.span for s in segments])
    assert result.text.replace(OPEN, "").replace(CLOSE, "") == render_case(case)


def structure(text: str, *, code: bool = True) -> list[tuple[str, ...]]:
    """The Markdown token stream without its text, soft breaks and line numbers.

    With ``code=False`` the content of code blocks is left out too (it is translated when a
    lesson is extracted with ``include_code``).
    """
    lines = text.split("\n")
    _first, end = split_front(lines)
    body = "\n".join(lines[end + 1 :] if end else lines)
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    shape: list[tuple[str, ...]] = []
    for token in parser.parse(body):
        blocks = {"html_block", "fence", "code_block"} if code else {"html_block"}
        kept = token.content if token.type in blocks else ""
        shape.append((token.type, token.tag, token.markup, token.info, kept, str(token.attrs)))
        for child in token.children or []:
            if child.type in {"text", "softbreak"}:  # soft breaks become spaces in a translation
                continue
            kept = child.content if child.type in {"code_inline", "html_inline"} else ""
            href = str(child.attrs.get("href", child.attrs.get("src", "")))
            shape.append(("  " + child.type, child.tag, child.markup, kept, href))
    return shape


@pytest.mark.parametrize("case", params([*GOOD_CASES, INCLUDE_CODE]))
def test_rendered_lesson_has_the_same_structure_and_reextracts_to_the_translations(
    case: Case,
) -> None:
    text = read_case(case.source)
    rendered = render_case(case)
    code = not case.include_code
    assert structure(rendered, code=code) == structure(text, code=code)
    before = lesson_segments(text, keys=case.keys, include_code=case.include_code)
    after = lesson_segments(rendered, keys=case.keys, include_code=case.include_code)
    assert [(s.kind, s.key) for s in after] == [(s.kind, s.key) for s in before]
    assert [normalize_message(s.msgid) for s in after] == [
        normalize_message(shout(s.msgid)) for s in before
    ]
    front = split_front(text.split("\n"))
    if front[1]:
        lines, new_lines = text.split("\n"), rendered.split("\n")
        old = yaml.safe_load("\n".join(lines[front[0] : front[1]]))
        new = yaml.safe_load("\n".join(new_lines[front[0] : front[1]]))
        assert new == {k: shout(v) if k in case.keys else v for k, v in old.items()}


# --- untranslated and fuzzy entries ------------------------------------------------------------


def every_third(index: int, msgid: str) -> tuple[str, bool] | None:
    """Translated, fuzzy, untranslated, translated, fuzzy …"""
    if index % 3 == 0:
        return shout(msgid), False
    if index % 3 == 1:
        return f"FUZZY {msgid}", True
    return None


@pytest.mark.parametrize("case", params(GOOD_CASES))
def test_untranslated_and_fuzzy_entries_fall_back_to_the_original(case: Case) -> None:
    text = read_case(case.source)
    segments = lesson_segments(text, keys=case.keys, include_code=case.include_code)
    catalog = catalog_for(text, case, every_third)
    assert sum(entry.fuzzy for entry in catalog.entries) == len(catalog.entries[1::3])
    translations = translations_of(catalog)
    assert set(translations) == {normalize_message(e.msgid) for e in catalog.entries[::3]}
    result = render_lesson(
        text, wrapped(translations), keys=case.keys, include_code=case.include_code
    )
    done = [s for s in segments if normalize_message(s.msgid) in translations]
    assert result.messages == len(segments)
    assert result.translated == len(done)
    assert rendered_skeleton(result.text) == skeleton(text, [s.span for s in done])
    assert "FUZZY" not in result.text


def test_a_catalog_without_translations_renders_the_original_unchanged() -> None:
    for case in GOOD_CASES:
        text = read_case(case.source)
        result = render_lesson(text, translations_of(catalog_for(text, case, lambda *_: None)))
        assert (result.text, result.translated) == (text, 0), case.id


def test_a_fuzzy_entry_with_a_translation_is_not_used() -> None:
    text = "# Title\n\nBody text.\n"
    case = Case("inline")
    catalog = catalog_for(text, case, lambda index, msgid: ("Titel", True) if index == 0 else None)
    assert catalog.entries[0].msgstr == "Titel"
    assert catalog.entries[0].fuzzy
    assert render_lesson(text, translations_of(catalog)).text == text


# --- re-wrapping and whitespace ----------------------------------------------------------------

ORIGINAL = (
    "# Title\n\nA paragraph whose lines\nare joined by soft breaks,\nso re-wrapping keeps it.\n"
)
GERMAN = {
    "Title": "Titel",
    "A paragraph whose lines are joined by soft breaks, so re-wrapping keeps it.": (
        "Ein Absatz, dessen Zeilen durch weiche Umbrüche verbunden sind."
    ),
}


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param(
            "# Title\n\nA paragraph whose lines are joined by soft breaks, so re-wrapping keeps "
            "it.\n",
            id="joined",
        ),
        pytest.param(
            "# Title\n\nA paragraph\nwhose lines are joined by\nsoft breaks,\nso re-wrapping "
            "keeps it.\n",
            id="rewrapped",
        ),
        pytest.param(
            "#   Title   \n\n  A paragraph whose lines\n  are joined by soft breaks,\n  so "
            "re-wrapping keeps it.\n",
            id="indented",
        ),
        pytest.param(
            "# Title\n\nA paragraph whose  lines\nare joined by soft breaks,\nso re-wrapping "
            "keeps it. \n",
            id="double-space-and-trailing-space",
        ),
    ],
)
def test_whitespace_only_changes_keep_the_translation(changed: str) -> None:
    case = Case("inline")

    def german(_index: int, msgid: str) -> tuple[str, bool]:
        return GERMAN[msgid], False

    catalog = catalog_for(ORIGINAL, case, german)
    result = render_lesson(changed, translations_of(catalog))
    assert result.translated == result.messages == 2
    assert "Titel" in result.text
    assert "Ein Absatz, dessen Zeilen durch weiche Umbrüche verbunden sind." in result.text
    assert "paragraph" not in result.text


# --- values that need escaping where they are written ------------------------------------------


def test_front_matter_translations_stay_valid_yaml() -> None:
    text = (
        "---\ntitle: Plain\ndescription: 'It''s quoted'\nsummary: \"Double\"\nlayout: x\n---\n\n"
        "Body.\n"
    )
    translations = {
        "Plain": "Schleifen: for und while # nicht kommentiert",
        "It's quoted": 'Es ist\'s, "wirklich"',
        "Double": 'Ein "Zitat" mit \\ Backslash',
    }
    rendered = render_lesson(text, translations, keys=("title", "description", "summary")).text
    front = yaml.safe_load(rendered.split("---\n")[1])
    assert front == {
        "title": "Schleifen: for und while # nicht kommentiert",
        "description": 'Es ist\'s, "wirklich"',
        "summary": 'Ein "Zitat" mit \\ Backslash',
        "layout": "x",
    }
    assert rendered.endswith("---\n\nBody.\n")


def test_a_translated_table_cell_with_a_pipe_keeps_the_columns() -> None:
    text = "| Name | Value |\n|------|-------|\n| a    | b     |\n"
    rendered = render_lesson(text, {"a": "x | y", "Value": "Wert"}).text
    assert rendered == "| Name | Wert |\n|------|-------|\n| x \\| y    | b     |\n"
    assert structure(rendered) == structure(text)


# --- the command line ---------------------------------------------------------------------------

FULL = (
    "---\ntitle: Full lesson\nlayout: lesson\n---\n\n# Welcome\n\nEverything here is translated.\n"
)
EXACT = "# Exactly\n\nOne two three four.\n"  # 5 words, 4 translated: 80 %
HALF = "# Half\n\nOne two three four.\n\nFive six seven eight.\n"  # 9 words, 5 translated
NONE = "# No catalog\n\nNobody translated this lesson.\n"


@pytest.fixture
def working_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    """A Jekyll site with four lessons and German catalogs for three of them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.delenv("OTSMATERIALS_LOCALE_DIR", raising=False)
    root = tmp_path / "material"
    (root / "core").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Tiny Material\n", encoding="utf-8")
    for name, text in {"full": FULL, "exact": EXACT, "half": HALF, "none": NONE}.items():
        (root / "core" / f"{name}.md").write_text(text, encoding="utf-8")
    paths = ["core/full.md", "core/exact.md", "core/half.md"]
    assert main(["init", "-l", "de", "--root", str(root), *paths]) == 0
    german = {
        "full": {m: (shout(m), False) for m in ("Full lesson", "Welcome")}
        | {"Everything here is translated.": (shout("Everything here is translated."), False)},
        "exact": {"One two three four.": ("Eins zwei drei vier.", False)},
        "half": {
            "Half": ("Halb", False),
            "One two three four.": ("Eins zwei drei vier.", False),
            "Five six seven eight.": ("Fünf sechs sieben acht.", True),
        },
    }
    for name, entries in german.items():
        path = root / "locale" / "de" / "LC_MESSAGES" / "core" / f"{name}.po"
        catalog = parse_po(path.read_bytes(), str(path))
        for entry in catalog.entries:
            if entry.msgid in entries:
                entry.msgstr, fuzzy = entries[entry.msgid]
                entry.flags = ["fuzzy"] if fuzzy else []
        path.write_text(format_po(catalog), encoding="utf-8")
    capsys.readouterr()
    return root


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_cli_render_min_complete_writes_only_complete_lessons(
    working_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        ["render", "-l", "de", "-o", str(out), "--min-complete", "80", "--root", str(working_copy)]
    )
    assert code == 0
    captured = capsys.readouterr()
    assert files_under(out) == ["core/exact.md", "core/full.md"]
    assert sorted(captured.out.splitlines()) == [
        f"wrote {out.resolve() / 'core' / 'exact.md'}",
        f"wrote {out.resolve() / 'core' / 'full.md'}",
    ]
    assert sorted(captured.err.splitlines()) == [
        "left out core/half (56% translated)",
        "left out core/none (no catalog)",
    ]
    assert (out / "core" / "full.md").read_text(encoding="utf-8") == (
        "---\ntitle: Ü FULL LESSON\nlayout: lesson\n---\n\n# Ü WELCOME\n\n"
        "Ü EVERYTHING HERE IS TRANSLATED.\n"
    )
    assert (out / "core" / "exact.md").read_text(encoding="utf-8") == (
        "# Exactly\n\nEins zwei drei vier.\n"
    )


def test_cli_render_defaults_to_build_lang_and_falls_back_per_message(
    working_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", "-l", "de", "--root", str(working_copy)]) == 0
    captured = capsys.readouterr()
    build = working_copy / "_build" / "de"
    assert files_under(build) == ["core/exact.md", "core/full.md", "core/half.md"]
    assert captured.err.splitlines() == ["left out core/none (no catalog)"]
    assert (build / "core" / "half.md").read_text(encoding="utf-8") == (
        "# Halb\n\nEins zwei drei vier.\n\nFive six seven eight.\n"  # the fuzzy one falls back
    )
    assert (working_copy / "core" / "half.md").read_text(encoding="utf-8") == HALF
    # the rendered copies do not become lessons of the working copy
    assert main(["extract", "--root", str(working_copy), "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"would change  locale/templates/core/{name}.pot"
        for name in ("exact", "full", "half", "none")
    ]
