"""What changed in an original since a translation last followed it.

The translations of ``outdated_repos`` are behind their originals. The index names the blocks
(``staleness.changes``, with the original's commit the translation follows), the export and its
schema carry them, and ``otsmaterials outdated`` prints the original's changes as a unified diff.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import otsmaterials as om
from otsmaterials.index import revisions
from otsmaterials.translate import blocks

from clirun import Run
from outdated_repos import ADDED, INTRO, NEW_INTRO, WEB, build_outdated


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, om.Index]:
    return build_outdated(tmp_path_factory.mktemp("outdated"))


def test_changed_added_and_removed_blocks(built: tuple[Path, om.Index]) -> None:
    _, index = built
    lesson = index.lesson("web/core/setup")
    german = lesson.versions["de"]
    stale = german.staleness
    assert german.outdated
    assert stale is not None
    assert stale.commits == 2
    assert stale.since == "2024-03-01"
    assert stale.days == 70  # 2024-01-01 to 2024-03-11
    assert stale.base is not None
    assert len(stale.base) == 40
    assert [(c.change, c.kind) for c in stale.changes] == [
        ("changed", "paragraph"),
        ("added", "paragraph"),
        ("changed", "heading"),
        ("removed", "heading"),
        ("removed", "paragraph"),
    ]
    changed, added, heading, removed_heading, removed = stale.changes
    assert changed.before == " ".join(INTRO.split())
    assert changed.after == " ".join(NEW_INTRO.split())
    assert added.after == ADDED.strip()
    assert added.before is None
    assert (heading.before, heading.after) == ("A text editor", "An editor")
    assert removed_heading.before == "A web browser"
    assert removed.before is not None
    assert removed.before.startswith("You will look at your pages in a web browser")
    assert removed.after is None
    new_text = (index.lesson("web/core/setup").original().path, changed.line)
    assert new_text == ("core/setup.md", 7)
    # every translation of the lesson follows the same base: the same blocks
    assert lesson.versions["pt-BR"].staleness == stale
    # a translation of another lesson, not changed since, has none
    other = index.lesson("web/core/html-basics").versions["de"]
    assert not other.outdated
    assert other.staleness is not None
    assert other.staleness.changes == ()


def test_branch_translation(built: tuple[Path, om.Index]) -> None:
    _, index = built
    german = index.lesson("js/01-hello").versions["de"]
    assert german.kind == "branch"
    assert german.staleness is not None
    assert [(c.change, c.before, c.after) for c in german.staleness.changes] == [
        ("changed", "Exercise", "Exercises")
    ]
    assert german.staleness.days == 30
    untouched = index.lesson("js/02-values").versions["de"]
    assert untouched.staleness is not None
    assert not untouched.staleness.changes


def test_export_and_schema_carry_the_changes(built: tuple[Path, om.Index]) -> None:
    _, index = built
    exported = json.loads(index.export_json())
    web = next(m for m in exported["materials"] if m["id"] == "web")
    setup = next(lesson for lesson in web["lessons"] if lesson["id"] == "web/core/setup")
    stale = setup["versions"]["de"]["staleness"]
    assert stale["changes"][0] == {
        "change": "changed",
        "kind": "paragraph",
        "line": 7,
        "before": " ".join(INTRO.split()),
        "after": " ".join(NEW_INTRO.split()),
    }
    schema = json.loads(om.export_schema())
    change = schema["$defs"]["ParagraphChange"]
    assert change["properties"]["change"]["enum"] == ["changed", "added", "removed"]
    staleness = schema["$defs"]["Staleness"]["properties"]
    assert {"base", "days", "changes"} <= set(staleness)


def test_outdated_prints_the_originals_diff(
    built: tuple[Path, om.Index], run: Run, tmp_path: Path
) -> None:
    catalogue, _ = built
    code, out, err = run("outdated", "web/core/setup", "-l", "de", "-c", catalogue)
    assert code == 1, err
    assert "2 commits to the original since 2024-03-01, 70 days behind" in err
    assert out.startswith("--- a/core/setup.md (")
    assert f"-{INTRO.splitlines()[1]}" in out.splitlines()
    assert f"+{ADDED.strip()}" in out.splitlines()
    assert "-## A text editor" in out.splitlines()
    assert "+## An editor" in out.splitlines()
    # the diff applies to the original the translation follows and gives the original now
    old = tmp_path / "setup.md"
    shutil.copyfile(WEB / "core/setup.md", old)
    if shutil.which("patch"):
        patch = subprocess.run(
            ["patch", "-s", str(old)], input=out, text=True, capture_output=True, check=False
        )
        assert patch.returncode == 0, patch.stderr
        now = old.read_text(encoding="utf-8")
        assert "## An editor" in now
        assert ADDED in now
    code, out, err = run("outdated", "web/core/setup", "-l", "de", "-c", catalogue, "--json")
    assert code == 1
    report = json.loads(out)
    assert report["schema_version"] == 1
    assert report["staleness"]["commits"] == 2
    assert report["diff"].startswith("--- a/core/setup.md")


def test_outdated_when_current_and_on_bad_input(built: tuple[Path, om.Index], run: Run) -> None:
    catalogue, _ = built
    code, out, err = run("outdated", "web/core/html-basics", "-l", "de", "-c", catalogue)
    assert (code, out) == (0, "")
    assert "up to date" in err
    code, _out, err = run("outdated", "web/core/setup", "-l", "fr", "-c", catalogue)
    assert code == 2
    assert "no version in 'fr'" in err
    code, _out, err = run("outdated", "web/core/setup", "-l", "en", "-c", catalogue)
    assert code == 2
    assert "original language" in err
    code, _out, err = run("outdated", "web/nothing", "-l", "de", "-c", catalogue)
    assert code == 2
    code, _out, err = run(
        "outdated", "web/core/setup", "-l", "de", "-c", catalogue, "--cache", "/nonexistent"
    )
    assert code == 2
    assert "no mirror of web" in err


_WORDS = st.sampled_from(
    "loop list item value print the a of to in for while code `x` [link](u.md) 42 2024".split()
)
_PARAGRAPH = st.lists(_WORDS, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=8), st.data())
def test_paragraph_changes_take_difflibs_bounds_without_changing(
    paragraphs: list[str], data: st.DataObject
) -> None:
    """Blocks whose cheap bound on shared text says they differ are not compared in full: the
    changes are those of comparing every pair in full."""
    edited = list(paragraphs)
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.integers(0, len(edited)))
        action = data.draw(st.sampled_from(["insert", "replace", "delete"]))
        if action == "insert" or not edited:
            edited.insert(where, data.draw(_PARAGRAPH))
        elif action == "replace":
            edited[min(where, len(edited) - 1)] = data.draw(_PARAGRAPH)
        else:
            del edited[min(where, len(edited) - 1)]
    old, new = "\n\n".join(paragraphs) + "\n", "\n\n".join(edited) + "\n"
    quick = revisions.block_changes(old, new, "lesson.md")
    full = blocks._shared
    try:
        blocks._shared = _compared_in_full
        assert revisions.block_changes(old, new, "lesson.md") == quick
    finally:
        blocks._shared = full


def _compared_in_full(a: blocks._Features, b: blocks._Features, *, close: bool) -> float | None:
    """Every pair's ratio, then the threshold: what the bounds stand in for."""
    short = len(a.text) < 200 and len(b.text) < 200
    x, y = (a.text, b.text) if short else (a.text.split(), b.text.split())
    shared = SequenceMatcher(None, x, y).ratio()
    return None if shared < 0.3 and not close else shared
