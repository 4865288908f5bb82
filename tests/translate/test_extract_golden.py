"""Golden tests of ``extract``: each Markdown case under ``cases/`` and the ``.pot`` it gives.

Every case is a lesson ``cases/<name>.md`` next to the template it must give,
``cases/<name>.md[.<variant>].expect.pot`` (mdpo's layout; a variant is the same lesson extracted
with other options, e.g. ``code-blocks.md.include-code.expect.pot``). The templates are made with
``template_for(..., path="<name>.md", created=CREATED)``, so they are deterministic.

To regenerate the expected files after an intended change of output, run

    OTSMATERIALS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/translate/test_extract_golden.py

and review the diff: a golden file is a claim about the right output, not a snapshot of whatever
the code does. Cases whose expected files were written by hand when they exposed extractor bugs
(since fixed) stay hand-written: update mode never rewrites a file that is already correct.

The second half drives the real command line (``otsmaterials extract``) on a tiny Jekyll working
copy made in ``tmp_path``, and checks every written file with GNU ``msgfmt --check``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from otsmaterials._version import __version__
from otsmaterials.cli import main
from otsmaterials.formats.decode import decode_text
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.writer import format_po
from otsmaterials.translate.templates import lesson_segments, split_front, template_for

from golden import assert_golden, stable
from golden_cases import CASES, Case

CREATED = "2026-01-01 00:00+0000"
PROJECT = "Golden Material"
MSGFMT = shutil.which("msgfmt")
EPOCH_2026 = "1767225600"  # 2026-01-01 00:00 UTC


CASE_LIST = [
    Case("headings"),
    Case("paragraphs"),
    Case("lists"),
    Case("blockquotes"),
    Case("tables"),
    Case("images"),
    Case("links"),
    Case("code-blocks"),
    Case("code-blocks", ".include-code", include_code=True),
    Case("html"),
    Case("front-matter"),
    Case("front-matter", ".keys", keys=("title", "summary")),
    Case("directives"),
    Case("duplicates"),
    Case("unicode"),
    Case("crlf"),
    # Known extractor bugs: hand-written expected files (see the module docstring).
    Case(
        "links-definition-in-code",
    ),
    Case(
        "links-definition-skipped",
    ),
    Case(
        "links-definition-title-next-line",
    ),
    Case(
        "directives-skip-block",
    ),
    Case(
        "tables-in-blockquote",
    ),
    Case(
        "front-matter-yaml-comment",
    ),
    Case(
        "images-title-escaped",
    ),
]


def case_params() -> list[object]:
    params = []
    for case in CASE_LIST:
        marks = [pytest.mark.xfail(reason=case.bug, strict=True)] if case.bug else []
        params.append(pytest.param(case, marks=marks, id=case.id))
    return params


def read_case(path: Path) -> str:
    """The lesson's text as the CLI reads it (UTF-8, LF line endings)."""
    return decode_text(path.read_bytes(), path.name).text


def template_text(case: Case, *, width: int | None = 79) -> str:
    """The case's template; the version in X-Generator is a placeholder (no churn on releases)."""
    segments = lesson_segments(
        read_case(case.source), keys=case.keys, include_code=case.include_code
    )
    template = template_for(segments, path=case.source.name, project=PROJECT, created=CREATED)
    return stable(format_po(template, width=width))


# --- golden templates --------------------------------------------------------------------------


@pytest.mark.parametrize("case", case_params())
def test_extract_golden(case: Case) -> None:
    assert_golden(template_text(case), case.expected("pot"), hand_written=case.bug is not None)


@pytest.mark.parametrize("case", CASE_LIST, ids=[c.id for c in CASE_LIST])
def test_expected_template_reads_back_and_writes_the_same_bytes(case: Case) -> None:
    """Every golden file (hand-written ones too) is a valid catalog in the writer's layout."""
    data = case.expected("pot").read_bytes()
    catalog = parse_po(data, case.expected("pot").name)
    assert catalog.header_flags == ["fuzzy"]
    assert all(entry.msgstr == "" and not entry.obsolete for entry in catalog.entries)
    assert format_po(catalog) == data.decode("utf-8")


@pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")
def test_msgfmt_accepts_every_expected_template(tmp_path: Path) -> None:
    for case in CASE_LIST:
        result = subprocess.run(
            [str(MSGFMT), "--check", "-o", str(tmp_path / "out.mo"), str(case.expected("pot"))],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, (case.id, result.stderr)


def test_every_golden_template_belongs_to_a_listed_case() -> None:
    """An expected file without a row in CASE_LIST would silently go unchecked."""
    listed = {case.expected("pot").name for case in CASE_LIST}
    assert {p.name for p in CASES.glob("*.expect.pot")} == listed


# --- what the templates say, spelled out -------------------------------------------------------


def entries_of(case: Case) -> dict[str, list[str]]:
    catalog = parse_po(template_text(case).encode("utf-8"), case.id)
    return {entry.msgid: entry.locations for entry in catalog.entries}


def test_header_fields_in_the_documented_order() -> None:
    catalog = parse_po(template_text(Case("paragraphs")).encode("utf-8"), "paragraphs.pot")
    assert [key for key, _ in catalog.header] == [
        "Project-Id-Version",
        "Report-Msgid-Bugs-To",
        "POT-Creation-Date",
        "PO-Revision-Date",
        "Last-Translator",
        "Language-Team",
        "Language",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "X-Generator",
    ]
    assert catalog.header_value("Project-Id-Version") == PROJECT
    assert catalog.header_value("POT-Creation-Date") == CREATED
    assert catalog.header_value("Content-Type") == "text/plain; charset=UTF-8"


def test_front_matter_keys_readers_see_and_no_others() -> None:
    default = entries_of(Case("front-matter"))
    assert list(default) == [
        "A quoted: title",
        "An unquoted description",
        "Body heading",
        "Body paragraph.",
    ]
    custom = entries_of(Case("front-matter", ".keys", keys=("title", "summary")))
    assert "A single-quoted summary, it's here" in custom  # '' unescaped
    assert "An unquoted description" not in custom


def test_code_blocks_left_out_unless_asked_for() -> None:
    default = entries_of(Case("code-blocks"))
    assert not any("print" in m or "tilde fence" in m or "make install" in m for m in default)
    with_code = entries_of(Case("code-blocks", ".include-code", include_code=True))
    assert '# a comment, not a heading\nprint("Hello")' in with_code
    assert "indented code block\nsecond line" in with_code
    assert "make install" in with_code


def test_duplicates_are_merged_with_all_their_locations() -> None:
    entries = entries_of(Case("duplicates"))
    assert list(entries) == ["Setup", "Run the command."]
    assert entries["Setup"] == ["duplicates.md:2", "duplicates.md:5", "duplicates.md:9"]
    assert entries["Run the command."] == [
        "duplicates.md:7",
        "duplicates.md:11",
        "duplicates.md:13",
    ]


def test_directives_skip_and_comment() -> None:
    text = template_text(Case("directives"))
    assert list(entries_of(Case("directives"))) == [
        "Kept paragraph.",
        "Use OpenTechSchool Materials to sync.",
        "Commented heading",
        "Kept after the region.",
    ]
    assert "#. Keep the product name in English.\n#: directives.md:10\n" in text
    assert "#. A comment over two lines\n#: directives.md:14\n" in text


def test_soft_breaks_become_spaces_and_hard_breaks_stay() -> None:
    entries = entries_of(Case("paragraphs"))
    assert (
        "A paragraph whose lines are joined by soft breaks, so re-wrapping it keeps its message."
        in entries
    )
    assert "Two trailing spaces make a hard break  \nand this is the next line." in entries
    assert "A backslash makes a hard break\\\nas well." in entries


def test_crlf_input_gives_the_same_template_as_lf() -> None:
    raw = (CASES / "crlf.md").read_bytes()
    assert b"\r\n" in raw, "crlf.md lost its CRLF line endings (check .gitattributes/editor)"
    lf_text = raw.decode("utf-8").replace("\r\n", "\n")
    segments = lesson_segments(lf_text)
    lf_template = template_for(segments, path="crlf.md", project=PROJECT, created=CREATED)
    assert template_text(Case("crlf")) == stable(format_po(lf_template))
    assert "\r" not in template_text(Case("crlf"))


REWRAPPED = (
    "# Title\n\nA paragraph whose lines\nare joined by soft breaks,\nso re-wrapping keeps it.\n",
    "# Title\n\nA paragraph whose lines are joined by soft breaks, so re-wrapping keeps it.\n",
    "# Title\n\nA paragraph\nwhose lines are joined\n by soft breaks, so\nre-wrapping keeps it. \n",
    "# Title\n\n  A paragraph whose lines are\n  joined by soft breaks, so re-wrapping keeps it.\n",
)


@pytest.mark.parametrize("text", REWRAPPED[1:])
def test_rewrapping_a_paragraph_keeps_its_msgid(text: str) -> None:
    original = [segment.msgid for segment in lesson_segments(REWRAPPED[0])]
    assert original == [
        "Title",
        "A paragraph whose lines are joined by soft breaks, so re-wrapping keeps it.",
    ]
    assert [segment.msgid for segment in lesson_segments(text)] == original


@pytest.mark.parametrize("case", [c for c in CASE_LIST if not c.bug], ids=lambda c: c.id)
def test_spans_point_at_the_message_text(case: Case) -> None:
    """Each message's span covers its text in the source (what render replaces)."""
    text = read_case(case.source)
    lines = text.split("\n")
    first, end = split_front(lines)
    for segment in lesson_segments(text, keys=case.keys, include_code=case.include_code):
        span = segment.span
        assert segment.line == span.start_line + 1
        if span.end_line == span.start_line + 1:
            covered = lines[span.start_line][span.start_col : span.end_col]
        else:
            inner = [lines[span.start_line][span.start_col :]]
            inner += [
                line.removeprefix(span.continuation)
                for line in lines[span.start_line + 1 : span.end_line - 1]
            ]
            inner.append(lines[span.end_line - 1][: span.end_col].removeprefix(span.continuation))
            covered = "\n".join(inner)
        if segment.kind == "front-matter":
            assert first <= span.start_line < end
            assert covered.replace("''", "'") == segment.msgid
        elif segment.kind == "code":
            assert covered.endswith(segment.msgid.split("\n")[-1])
        else:
            assert " ".join(covered.split()) == " ".join(segment.msgid.split()), segment


def test_output_is_deterministic_and_honours_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    segments = lesson_segments(read_case(CASES / "lists.md"))
    once = format_po(template_for(segments, path="lists.md", project=PROJECT))
    twice = format_po(template_for(segments, path="lists.md", project=PROJECT))
    assert once == twice
    assert '"POT-Creation-Date: 2026-01-01 00:00+0000\\n"' in once
    assert stable(once) == template_text(Case("lists"))
    assert f'"X-Generator: otsmaterials {__version__}\\n"' in once


def test_location_modes() -> None:
    segments = lesson_segments(read_case(CASES / "duplicates.md"))

    def text(mode: str) -> str:
        return format_po(
            template_for(segments, path="a.md", project=PROJECT, location=mode, created=CREATED)  # type: ignore[arg-type]
        )

    assert re.findall(r"^#: .*$", text("full"), re.MULTILINE) == [
        "#: a.md:2 a.md:5 a.md:9",
        "#: a.md:7 a.md:11 a.md:13",
    ]
    assert re.findall(r"^#: .*$", text("file"), re.MULTILINE) == ["#: a.md", "#: a.md"]
    assert "#:" not in text("never")
    assert parse_po(text("never").encode(), "n").entries[0].extracted == ["front matter: title"]


def longest(po_text: str) -> int:
    """The longest line that wrapping applies to (not the header's translator comments)."""
    return max(len(line) for line in po_text.splitlines() if not line.startswith("# "))


def test_width_and_no_wrap() -> None:
    case = Case("paragraphs")
    default = template_text(case)
    narrow = template_text(case, width=40)
    unwrapped = template_text(case, width=None)
    assert longest(default) <= 79
    assert longest(narrow) <= 40
    assert longest(unwrapped) > 79
    assert (
        'msgid "A paragraph whose lines are joined by soft breaks, so re-wrapping it keeps its '
        'message."\n' in unwrapped
    )
    assert (
        'msgid ""\n"A paragraph whose lines are joined by soft breaks, so re-wrapping it keeps "\n'
        '"its message."\n' in default
    )
    for text in (narrow, unwrapped):  # the same catalog whatever the width
        assert parse_po(text.encode(), "w").entries == parse_po(default.encode(), "d").entries


# --- the command line on a working copy --------------------------------------------------------

INTRO = """---
layout: lesson
title: Introduction
---

# Welcome

This lesson is the first one. It has a paragraph long enough to be wrapped at the default
width of seventy-nine columns, and wrapped much more at forty.

- one item
- another item
"""

LOOPS = """---
title: "Loops: for and while"
description: Doing things again
---

## Loops

Repeat yourself with `for`.

```python
for i in range(3):
    print(i)
```
"""


@pytest.fixture
def working_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny Jekyll site with two lessons; SOURCE_DATE_EPOCH fixes the creation date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    monkeypatch.delenv("OTSMATERIALS_LOCALE_DIR", raising=False)
    root = tmp_path / "material"
    (root / "core").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Tiny Material\n", encoding="utf-8")
    (root / "core" / "intro.md").write_text(INTRO, encoding="utf-8")
    (root / "core" / "loops.md").write_text(LOOPS, encoding="utf-8")
    return root


def templates(root: Path) -> dict[str, str]:
    folder = root / "locale" / "templates"
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*.pot"))
    }


def expected_template(
    root: Path, relative: str, *, width: int | None = 79, location: str = "full"
) -> str:
    """What the CLI must write, made with the library (project name from _config.yml)."""
    text = (root / relative).read_text(encoding="utf-8")
    template = template_for(
        lesson_segments(text),
        path=relative,
        project="Tiny Material",
        created=CREATED,
        location=location,  # type: ignore[arg-type]
    )
    return format_po(template, width=width)


def test_cli_extract_writes_a_template_per_lesson(
    working_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "--root", str(working_copy)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "created       locale/templates/core/intro.pot",
        "created       locale/templates/core/loops.pot",
    ]
    written = templates(working_copy)
    assert set(written) == {"core/intro.pot", "core/loops.pot"}
    assert written["core/intro.pot"] == expected_template(working_copy, "core/intro.md")
    assert written["core/loops.pot"] == expected_template(working_copy, "core/loops.md")
    loops = written["core/loops.pot"]
    assert '#. front matter: title\n#: core/loops.md:2\nmsgid "Loops: for and while"' in loops
    assert "print(i)" not in loops
    assert '"Project-Id-Version: Tiny Material\\n"' in loops


def test_cli_second_run_reports_unchanged_and_touches_nothing(
    working_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["extract", "--root", str(working_copy)]) == 0
    pot = working_copy / "locale" / "templates" / "core" / "intro.pot"
    os.utime(pot, ns=(1_000_000_000, 1_000_000_000))
    before = pot.read_bytes()
    capsys.readouterr()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH_2026) + 86_400))  # a later day
    assert main(["extract", "--root", str(working_copy)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "unchanged     locale/templates/core/intro.pot",
        "unchanged     locale/templates/core/loops.pot",
    ]
    assert pot.stat().st_mtime_ns == 1_000_000_000
    assert pot.read_bytes() == before


def test_cli_check_exits_1_on_drift_and_writes_nothing(
    working_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "--root", str(working_copy)]) == 0
    assert main(["extract", "--root", str(working_copy), "--check"]) == 0
    capsys.readouterr()
    before = templates(working_copy)
    lesson = working_copy / "core" / "intro.md"
    lesson.write_text(INTRO.replace("# Welcome", "# Welcome aboard"), encoding="utf-8")
    (working_copy / "core" / "new.md").write_text("# A new lesson\n", encoding="utf-8")
    assert main(["extract", "--root", str(working_copy), "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "would change  locale/templates/core/intro.pot",
        "unchanged     locale/templates/core/loops.pot",
        "would change  locale/templates/core/new.pot",
    ]
    assert templates(working_copy) == before


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("file", ["#: core/intro.md"] * 5),
        ("never", []),
    ],
)
def test_cli_location_option(working_copy: Path, mode: str, expected: list[str]) -> None:
    assert main(["extract", "--root", str(working_copy), "--location", mode]) == 0
    intro = templates(working_copy)["core/intro.pot"]
    assert re.findall(r"^#: .*$", intro, re.MULTILINE) == expected
    assert intro == expected_template(working_copy, "core/intro.md", location=mode)


def test_cli_width_and_no_wrap(working_copy: Path) -> None:
    assert main(["extract", "--root", str(working_copy), "-w", "40", "core/intro.md"]) == 0
    narrow = templates(working_copy)["core/intro.pot"]
    assert narrow == expected_template(working_copy, "core/intro.md", width=40)
    assert longest(narrow) <= 40
    assert narrow != expected_template(working_copy, "core/intro.md")
    (working_copy / "locale" / "templates" / "core" / "intro.pot").unlink()
    assert main(["extract", "--root", str(working_copy), "--no-wrap", "core/intro.md"]) == 0
    unwrapped = templates(working_copy)["core/intro.pot"]
    assert unwrapped == expected_template(working_copy, "core/intro.md", width=None)
    assert (
        'msgid "This lesson is the first one. It has a paragraph long enough to be wrapped at the '
        'default width of seventy-nine columns, and wrapped much more at forty."\n' in unwrapped
    )


def test_cli_crlf_lesson_gives_the_lf_template(working_copy: Path) -> None:
    lesson = working_copy / "core" / "intro.md"
    assert main(["extract", "--root", str(working_copy)]) == 0
    lf = templates(working_copy)["core/intro.pot"]
    lesson.write_bytes(INTRO.replace("\n", "\r\n").encode("utf-8"))
    assert main(["extract", "--root", str(working_copy), "--check"]) == 0  # same entries
    (working_copy / "locale" / "templates" / "core" / "intro.pot").unlink()
    assert main(["extract", "--root", str(working_copy)]) == 0
    assert templates(working_copy)["core/intro.pot"] == lf


@pytest.mark.skipif(MSGFMT is None, reason="GNU msgfmt is not installed")
@pytest.mark.parametrize(
    "options", [[], ["--location", "file"], ["--location", "never"], ["-w", "40"], ["--no-wrap"]]
)
def test_msgfmt_accepts_every_written_file(working_copy: Path, options: list[str]) -> None:
    assert main(["extract", "--root", str(working_copy), *options]) == 0
    written = sorted((working_copy / "locale" / "templates").rglob("*.pot"))
    assert len(written) == 2
    for path in written:
        result = subprocess.run(
            [str(MSGFMT), "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, (path, result.stderr)
