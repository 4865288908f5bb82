"""YAML values YAML cannot make: plain ones stay text, tagged ones are a problem with the line.

``date: 2024-13-01`` looks like a date and is none; a 5,000-digit number is too long for Python
to read; ``!!int x`` asks for what cannot be. None of them may escape as a ``ValueError`` from
PyYAML's constructors: through a lesson's front matter, and through ``catalogue import-learn``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from otsmaterials.errors import ParseError
from otsmaterials.formats import parse_document

HUGE = "9" * 5000

PLAIN = {
    "month 13": ("2024-13-01", "2024-13-01"),
    "30 February": ("2024-02-30", "2024-02-30"),
    "5,000 digits": (HUGE, HUGE),
    "a hexadecimal number of 5,000 digits": ("0x" + "f" * 5000, "0x" + "f" * 5000),
    "an equals sign": ("=", "="),
    "a real date": ("2024-01-31", "2024-01-31"),
}

TAGGED = {
    "!!int": "!!int x",
    "!!float": "!!float x",
    "!!bool": "!!bool maybe",
    "!!timestamp": "!!timestamp 2024-13-01",
    "!!int, too large": "!!int " + HUGE,
}


def lesson(front_matter: str) -> bytes:
    return f"---\n{front_matter}\n---\n# Body title\n\nSome words.\n".encode()


@pytest.mark.parametrize("name", PLAIN)
def test_a_plain_value_yaml_cannot_make_stays_text(name: str) -> None:
    written, _expected = PLAIN[name]
    doc = parse_document(lesson(f"title: Loops\ndate: {written}\nlayout: page"), "loops.md")
    assert (doc.title, doc.front_matter.layout) == ("Loops", "page")


@pytest.mark.parametrize("name", ["month 13", "5,000 digits", "an equals sign"])
def test_a_plain_value_in_a_checked_key_is_text_or_a_problem_naming_the_key(name: str) -> None:
    written, expected = PLAIN[name]
    assert parse_document(lesson(f"title: {written}"), "a.md").title == expected
    with pytest.raises(ParseError, match="order: expected a whole number") as caught:
        parse_document(lesson(f"title: Loops\norder: {written}"), "a.md")
    assert caught.value.line == 3
    assert len(str(caught.value)) < 300


@pytest.mark.parametrize("name", TAGGED)
def test_a_tag_that_does_not_fit_its_value_is_a_problem_with_the_line(name: str) -> None:
    with pytest.raises(ParseError, match="cannot read") as caught:
        parse_document(lesson(f"title: Loops\n\nstamp: {TAGGED[name]}"), "loops.md")
    assert caught.value.path == "loops.md"
    assert caught.value.line == 4
    assert len(str(caught.value)) < 300


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "_config.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


LEARN = """\
    name: OpenTechSchool
    updated: {value}
    sections:
      - name: Python
        workshops:
          - title: Python for Beginners
            source: https://github.com/OpenTechSchool/python-beginners/
            desc: {value}
"""


@pytest.mark.parametrize("value", ["2024-13-01", HUGE, "="])
def test_import_learn_reads_values_yaml_cannot_make_as_text(
    value: str, tmp_path: Path, run
) -> None:
    code, out, err = run("catalogue", "import-learn", write(tmp_path, LEARN.format(value=value)))
    assert (code, err) == (0, "")
    assert 'id = "python-beginners"' in out
    assert value[:40] in out


@pytest.mark.parametrize("tagged", ["!!int x", "!!timestamp 2024-13-01", "!!bool maybe"])
def test_import_learn_reports_a_tag_that_does_not_fit_in_one_line(
    tagged: str, tmp_path: Path, run
) -> None:
    config = write(tmp_path, LEARN.format(value=tagged))
    code, out, err = run("catalogue", "import-learn", config)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert f"{config}:2: " in err
    assert "cannot read" in err
