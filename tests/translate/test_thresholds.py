"""Thresholds are decided on exact fractions of words: ``render --min-complete`` (a percentage),
``render(min_completeness=…)``, ``Index.lessons``/``best_version``/``Lesson.languages`` (fractions).

One Markdown material with German catalogs at shares a rounded figure gets wrong: 3,100 of 3,101
words (99.97 %: one decimal shows 100.0), 20,000 of 20,001 (four decimals show 1.0), exactly
17/32 (53.125 %), exactly 1/10 (the float 0.1 is a little more than a tenth) and all words.
"""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials import translate
from otsmaterials.cli import main
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.writer import format_po

from clirun import Run
from gitrepos import git, git_environment
from gitrepos import material as material_entry
from indexing import Workspace

ENGLISH = "the lesson shows how we write small programs with loops and functions".split()


def _words(count: int, first: str) -> str:
    """``count`` words of English, the first one ``first`` (language detection reads them)."""
    return " ".join([first, *(ENGLISH[n % len(ENGLISH)] for n in range(count - 1))]) + "."


NEARLY_BODY = _words(3100, "Nearly")
LARGE_BODY = _words(20000, "Large")
EXACT_ONE, EXACT_TWO = _words(15, "First"), _words(15, "Second")
TENTH_BODY = _words(9, "Tenth")
LESSONS = {
    "nearly": (f"# Nearly\n\n{NEARLY_BODY}\n", {NEARLY_BODY}),  # 3100/3101
    "large": (f"# Large\n\n{LARGE_BODY}\n", {LARGE_BODY}),  # 20000/20001
    "exact": (f"# Two words\n\n{EXACT_ONE}\n\n{EXACT_TWO}\n", {"Two words", EXACT_ONE}),  # 17/32
    "tenth": (f"# Tenth\n\n{TENTH_BODY}\n", {"Tenth"}),  # 1/10
    "whole": ("# Whole\n\nEvery word here.\n", {"Whole", "Every word here."}),  # 4/4
}
SHARES = {
    "nearly": Fraction(3100, 3101),
    "large": Fraction(20000, 20001),
    "exact": Fraction(17, 32),
    "tenth": Fraction(1, 10),
    "whole": Fraction(1),
}


def _translate_catalog(path: Path, msgids: set[str]) -> None:
    catalog = parse_po(path.read_bytes(), str(path))
    catalog.entries[:] = [
        dataclasses.replace(entry, msgstr=f"DE {entry.msgid}") if entry.msgid in msgids else entry
        for entry in catalog.entries
    ]
    path.write_text(format_po(catalog), encoding="utf-8")


@dataclasses.dataclass(frozen=True)
class Material:
    root: Path
    index: Path


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> Material:
    with git_environment(tmp_path_factory.mktemp("home")):
        workspace = Workspace(tmp_path_factory.mktemp("thresholds"))
        repo = workspace.repo("shares")
        repo.write({f"{name}.md": text for name, (text, _) in LESSONS.items()})
        assert main(["init", "-l", "de", "--root", str(repo.path)]) == 0
        for name, (_, translated) in LESSONS.items():
            _translate_catalog(repo.path / "locale/de/LC_MESSAGES" / f"{name}.po", translated)
        git("add", "locale", cwd=repo.path)
        repo.commit("Lessons and German catalogs")
        with workspace.build("shares", [material_entry("shares", repo)]) as index:
            return Material(repo.path, index.path)


def test_the_fixture_has_the_shares_it_claims(material: Material) -> None:
    stats = {s.lesson: s.counts for s in translate.lesson_stats(*_workspace(material))}
    assert {key: counts.fraction for key, counts in stats.items()} == SHARES


def _workspace(
    material: Material,
) -> tuple[translate.Workspace, list[str], translate.ExtractOptions]:
    return translate.Workspace.open(material.root), ["de"], translate.ExtractOptions()


# --- render: the CLI takes a percentage -----------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "written"),
    [
        ("100", ["whole"]),  # 3,100 of 3,101 words showed as 100.0 % and passed
        ("99.99", ["large", "whole"]),  # 99.995 %
        ("99.996", ["whole"]),
        ("99.9677", ["nearly", "large", "whole"]),  # 3100/3101 = 99.96775… %
        ("99.9678", ["large", "whole"]),
        ("53.125", ["exact", "large", "nearly", "whole"]),  # exactly 17/32: was left out
        ("53.1251", ["large", "nearly", "whole"]),
        ("10", ["exact", "large", "nearly", "tenth", "whole"]),  # exactly one tenth
        ("10.000001", ["exact", "large", "nearly", "whole"]),
        ("0", ["exact", "large", "nearly", "tenth", "whole"]),
    ],
)
def test_cli_min_complete_compares_the_exact_share(
    material: Material, tmp_path: Path, run: Run, percent: str, written: list[str]
) -> None:
    out = tmp_path / "out"
    code, _, err = run(
        "render", "-l", "de", "-o", out, "--min-complete", percent, "--root", material.root
    )
    assert code == 0
    assert sorted(p.stem for p in out.glob("*.md")) == sorted(written)
    left_out = {line.split()[2] for line in err.splitlines() if line.startswith("left out")}
    assert left_out == set(SHARES) - set(written)


@pytest.mark.parametrize(
    ("percent", "passing"),
    [
        ("100", ["whole"]),
        ("99.9677", ["large", "nearly", "whole"]),
        ("99.9678", ["large", "whole"]),
        ("53.125", ["exact", "large", "nearly", "whole"]),
        ("10", ["exact", "large", "nearly", "tenth", "whole"]),
    ],
)
def test_cli_check_min_complete_compares_the_exact_share(
    material: Material, run: Run, percent: str, passing: list[str]
) -> None:
    code, out, _ = run(
        "check",
        "translations",
        "-l",
        "de",
        "-t",
        "incomplete",
        "--min-complete",
        percent,
        "--json",
        "--root",
        material.root,
    )
    findings = json.loads(out)["findings"]
    assert {Path(f["path"]).stem for f in findings} == set(SHARES) - set(passing)
    assert code == (1 if findings else 0)


def test_cli_left_out_message_never_shows_the_threshold_it_missed(
    material: Material, tmp_path: Path, run: Run
) -> None:
    code, _, err = run(
        "render", "-l", "de", "-o", tmp_path, "--min-complete", "100", "--root", material.root
    )
    assert code == 0
    assert "left out nearly (99% translated)" in err.splitlines()
    assert "left out large (99% translated)" in err.splitlines()


def test_cli_stat_shows_a_nearly_complete_lesson_below_100(material: Material, run: Run) -> None:
    code, out, _ = run("stat", "-l", "de", "--root", material.root)
    assert code == 0
    done = {line.split()[0]: line.split()[-1] for line in out.splitlines()[1:]}
    assert done == {
        "exact": "53%",
        "large": "99%",  # 99.995 % rounds to 100
        "nearly": "99%",  # 99.97 % rounds to 100
        "tenth": "10%",
        "whole": "100%",
    }


@pytest.mark.parametrize("percent", ["101", "-1", "abc", "1/0", "nan"])
def test_cli_min_complete_must_be_a_percentage(
    material: Material, tmp_path: Path, run: Run, percent: str
) -> None:
    code, _, err = run(
        "render", "-l", "de", "-o", tmp_path, "--min-complete", percent, "--root", material.root
    )
    assert code == 2
    assert "--min-complete" in err
    assert not any(tmp_path.iterdir())


def test_cli_help_says_percentage(run: Run) -> None:
    code, out, _ = run("render", "--help")
    assert code == 0
    assert "percentage" in " ".join(out.split())


# --- render: the API takes a fraction ---------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "written"),
    [
        (1, ["whole"]),
        (1.0, ["whole"]),
        (Fraction(17, 32), ["exact", "large", "nearly", "whole"]),
        (0.53125, ["exact", "large", "nearly", "whole"]),
        ("0.53125", ["exact", "large", "nearly", "whole"]),
        (0.1, ["exact", "large", "nearly", "tenth", "whole"]),  # the float 0.1 means one tenth
        (Fraction(3100, 3101), ["large", "nearly", "whole"]),
    ],
)
def test_api_render_min_completeness_is_an_exact_fraction(
    material: Material, tmp_path: Path, threshold: object, written: list[str]
) -> None:
    workspace, _, options = _workspace(material)
    result = translate.render(
        workspace, workspace.lessons, "de", tmp_path, options, min_completeness=threshold
    )
    assert sorted(p.stem for p in result.written) == sorted(written)
    assert sorted(key for key, _ in result.left_out) == sorted(set(SHARES) - set(written))


@pytest.mark.parametrize("threshold", [50, 1.5, -0.1])
def test_api_render_refuses_a_percentage(material: Material, tmp_path: Path, threshold: float):
    workspace, _, options = _workspace(material)
    with pytest.raises(ValueError, match="fraction from 0 to 1"):
        translate.render(
            workspace, workspace.lessons, "de", tmp_path, options, min_completeness=threshold
        )
    assert not any(tmp_path.iterdir())


# --- the index: fractions, exact ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "found"),
    [
        (1, ["whole"]),
        (0.9996, ["large", "nearly", "whole"]),  # 3100/3101 = 0.99967…
        (0.99995, ["large", "whole"]),  # 20000/20001 = 0.9999500…
        (Fraction(17, 32), ["exact", "large", "nearly", "whole"]),
        (0.53125, ["exact", "large", "nearly", "whole"]),
        (0.5313, ["large", "nearly", "whole"]),
        (0.1, ["exact", "large", "nearly", "tenth", "whole"]),
    ],
)
def test_index_lessons_min_completeness_is_exact(
    material: Material, threshold: float | Fraction, found: list[str]
) -> None:
    with om.Index.open(material.index) as index:
        lessons = index.lessons(language="de", min_completeness=threshold)
        assert sorted(lesson.path for lesson in lessons) == sorted(found)
        for lesson in index.lessons(material="shares"):
            expected = ["de", "en"] if lesson.path in found else ["en"]
            assert lesson.languages(min_completeness=threshold) == expected


def test_index_completeness_is_never_rounded_up(material: Material) -> None:
    with om.Index.open(material.index) as index:
        versions = {x.path: x.versions["de"] for x in index.lessons(material="shares")}
    assert {path: v.exact_completeness() for path, v in versions.items()} == SHARES
    assert versions["large"].completeness < 1.0  # four decimals made it 1.0
    assert versions["whole"].completeness == 1.0
    assert versions["exact"].completeness == 0.53125
    assert not versions["nearly"].reaches(1)
    assert versions["tenth"].reaches(0.1)
    assert versions["tenth"].reaches("0.1")
    assert not versions["tenth"].reaches(0.10000001)


def test_best_version_min_completeness_is_exact(material: Material) -> None:
    with om.Index.open(material.index) as index:
        assert index.best_version("shares/nearly", "de", min_completeness=1).language == "en"
        assert index.best_version("shares/whole", "de", min_completeness=1).language == "de"
        assert index.best_version("shares/exact", "de", min_completeness=0.53125).language == "de"
        assert index.best_version("shares/tenth", "de", min_completeness=0.1).language == "de"


def test_cli_show_never_says_100_percent_of_an_incomplete_lesson(
    material: Material, run: Run
) -> None:
    code, out, _ = run("show", "shares/large", "--index", material.index)
    assert code == 0
    assert "[de] Large  (gettext translation, 99%)" in out.splitlines()
    assert "  banner: 99% translated" in out.splitlines()
