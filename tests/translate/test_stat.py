"""``stat``: messages and words per lesson and language, measured against the current lesson.

A tiny working copy: one lesson of three messages of 2, 3 and 5 words; the German catalog
translates the first, has the second fuzzy and leaves the third. ``compile`` writes the ``.mo``.
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest

from otsmaterials.cli import main
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.stats import Completeness, catalog_stats

LESSON = "# Two words\n\nThree words here.\n\nFive words are in this.\n"
CATALOG = "locale/de/LC_MESSAGES/lesson.po"


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def po(language: str, entries: list[tuple[str, str, bool]]) -> str:
    lines = [
        'msgid ""',
        'msgstr ""',
        f'"Language: {language}\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    ]
    for msgid, msgstr, fuzzy in entries:
        lines.append("")
        if fuzzy:
            lines.append("#, fuzzy")
        lines += [f"msgid {q(msgid)}", f"msgstr {q(msgstr)}"]
    return "\n".join(lines) + "\n"


GERMAN = [
    ("Two words", "Zwei Wörter", False),
    ("Three words here.", "Drei Wörter hier.", True),
    ("Five words are in this.", "", False),
]


@pytest.fixture
def material(tmp_path: Path) -> Path:
    root = tmp_path / "material"
    root.mkdir()
    (root / "lesson.md").write_text(LESSON, encoding="utf-8")
    path = root / CATALOG
    path.parent.mkdir(parents=True)
    path.write_text(po("de", GERMAN), encoding="utf-8")
    return root


def stat_json(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["stat", "--json", "--root", str(root), *extra]) == 0
    return json.loads(capsys.readouterr().out)


def stat_rows(root: Path, capsys: pytest.CaptureFixture[str]) -> list[list[str]]:
    capsys.readouterr()
    assert main(["stat", "--root", str(root)]) == 0
    return [line.split() for line in capsys.readouterr().out.splitlines()]


HEADERS = ["LESSON", "LANG", "MESSAGES", "FUZZY", "UNTRANSLATED", "WORDS", "DONE"]


def test_json_numbers_are_exact(material: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = stat_json(material, capsys)
    assert data == {
        "schema_version": 1,
        "lessons": [
            {
                "lesson": "lesson",
                "language": "de",
                "path": CATALOG,
                "counts": {
                    "messages": 3,
                    "translated": 1,
                    "fuzzy": 1,
                    "untranslated": 1,
                    "words": 10,
                    "translated_words": 2,
                    "fuzzy_words": 3,
                    "missing": 0,
                },
                "percent": 20.0,
                "state": "present",
            }
        ],
    }


def test_table(material: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert stat_rows(material, capsys) == [
        HEADERS,
        ["lesson", "de", "1/3", "1", "1", "2/10", "20%"],
    ]


def test_measured_against_the_current_lesson(
    material: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lesson = material / "lesson.md"
    lesson.write_text(LESSON + "\nFour more words here.\n", encoding="utf-8")
    counts = stat_json(material, capsys)["lessons"][0]
    assert counts["counts"] == {
        "messages": 4,
        "translated": 1,
        "fuzzy": 1,
        "untranslated": 2,
        "words": 14,
        "translated_words": 2,
        "fuzzy_words": 3,
        "missing": 1,
    }
    assert counts["percent"] == 14.3
    assert stat_rows(material, capsys)[1] == ["lesson", "de", "1/4", "1", "2", "2/14", "14%"]


def test_a_message_gone_from_the_lesson_no_longer_counts(
    material: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (material / "lesson.md").write_text(
        "Three words here.\n\nFive words are in this.\n", encoding="utf-8"
    )
    entry = stat_json(material, capsys)["lessons"][0]
    assert entry["counts"]["messages"] == 2
    assert entry["counts"]["words"] == 8
    assert entry["counts"]["translated_words"] == 0
    assert entry["counts"]["translated"] == 0
    assert entry["percent"] == 0.0


def test_rewrapped_lesson_still_matches(material: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (material / "lesson.md").write_text(
        "# Two words\n\nThree words\nhere.\n\nFive words\nare in this.\n", encoding="utf-8"
    )
    counts = stat_json(material, capsys)["lessons"][0]["counts"]
    assert (counts["messages"], counts["translated_words"], counts["missing"]) == (3, 2, 0)


def test_languages_and_filter(material: Path, capsys: pytest.CaptureFixture[str]) -> None:
    french = material / "locale/fr/LC_MESSAGES/lesson.po"
    french.parent.mkdir(parents=True)
    french.write_text(
        po(
            "fr",
            [
                ("Two words", "Deux mots", False),
                ("Three words here.", "Trois mots ici.", False),
                ("Five words are in this.", "Cinq mots sont ici.", False),
            ],
        ),
        encoding="utf-8",
    )
    both = stat_json(material, capsys)["lessons"]
    assert [(e["language"], e["percent"]) for e in both] == [("de", 20.0), ("fr", 100.0)]
    only = stat_json(material, capsys, "-l", "fr")["lessons"]
    assert [(e["language"], e["path"], e["counts"]["translated"]) for e in only] == [
        ("fr", "locale/fr/LC_MESSAGES/lesson.po", 3)
    ]
    assert stat_rows(material, capsys)[1:] == [
        ["lesson", "de", "1/3", "1", "1", "2/10", "20%"],
        ["lesson", "fr", "3/3", "0", "0", "10/10", "100%"],
    ]


def test_fuzzy_without_text_counts_as_untranslated() -> None:
    text = po("de", [("Two words", "", True), ("Three words here.", "Drei Wörter hier.", False)])
    counts = catalog_stats(parse_po(text.encode(), "x.po"))
    assert counts == Completeness(
        messages=2, translated=1, fuzzy=0, untranslated=1, words=5, translated_words=3
    )
    assert counts.ratio == 0.6


def test_no_catalogs_no_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "bare"
    root.mkdir()
    (root / "lesson.md").write_text(LESSON, encoding="utf-8")
    assert stat_json(root, capsys) == {"schema_version": 1, "lessons": []}


def test_compile_writes_mo_files_without_fuzzy(
    material: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compile", "--root", str(material)]) == 0
    assert "locale/de/LC_MESSAGES/lesson.mo" in capsys.readouterr().out
    mo = material / "locale/de/LC_MESSAGES/lesson.mo"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.gettext("Two words") == "Zwei Wörter"
    assert catalog.gettext("Three words here.") == "Three words here."  # fuzzy: left out
    assert catalog.gettext("Five words are in this.") == "Five words are in this."
    assert main(["compile", "--root", str(material), "--use-fuzzy"]) == 0
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    assert catalog.gettext("Three words here.") == "Drei Wörter hier."
