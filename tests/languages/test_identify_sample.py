"""What of a page the language model is asked about: its start, without lesson markup.

RPF fence lines (``--- task ---``), RPF ingredients (``[[[x]]]``), kramdown attributes
(``{:class="x"}``), Liquid and mdBook tags (``{% … %}``, ``{{ … }}``) and URLs are no language:
each is one space in the sample, and runs of spaces are one.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otsmaterials.languages.identify import identify, language_sample

_DEFINITION = re.compile(
    r"^[ \t]*-{3}.*-{3}[ \t]*$|\{:[^}\n]{0,200}\}|\[\[\[[^\]\n]{0,200}\]\]\]"
    r"|https?://\S+|\{%.{0,200}?%\}|\{\{.{0,200}?\}\}",
    re.MULTILINE,
)
"""The markup, as one expression (the identifier's own is written to be fast)."""


def by_definition(text: str) -> str:
    return " ".join(_DEFINITION.sub(" ", text[:1600]).split())[:400]


@pytest.mark.parametrize(
    ("text", "sample"),
    [
        ("--- task ---\nDie Schleife läuft.\n--- /task ---", "Die Schleife läuft."),
        ('Lies https://example.org/x?y {:class="a"} [[[ingredient]]] {% raw %}', "Lies"),
        ("a ---b--- c\n  --- x ---  \n{{ '---' }} d", "a ---b--- c d"),
        ("x" * 2000, "x" * 400),
    ],
)
def test_examples(text: str, sample: str) -> None:
    assert language_sample(text) == sample == by_definition(text)


_PIECES = st.sampled_from(
    ["---", "-", " ", "\t", "\n", "{:", "}", "[[[", "]]]", "http://", "https://", "{%", "%}", "{{"]
)
_WORDS = st.sampled_from(["}}", "Wort", "b c", "é"])


@given(st.lists(_PIECES | _WORDS, max_size=30).map("".join))
@settings(max_examples=400, deadline=None, derandomize=True)
def test_the_sample_is_the_definitions(text: str) -> None:
    assert language_sample(text) == by_definition(text)


def test_a_page_in_markup_is_identified_by_its_words() -> None:
    page = (
        '--- task ---\nOpen https://projects.raspberrypi.org/en/projects/x {:target="_blank"}\n'
        "--- /task ---\nDie Schleife läuft, bis die Liste leer ist; dann gibt die Funktion einen "
        "Wert zurück, und das Programm endet."
    )
    found = identify(page)
    assert found is not None
    assert found.language == "de"
