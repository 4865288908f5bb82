"""The numbers of a page's evidence: ``-?\\d+(?:[.,]\\d+)*`` standing alone.

A number is a run of digits (with an optional minus sign and ``.`` or ``,`` between groups of
digits) after no word character or ``.`` and before no word character: ``-5``, ``1,000.5`` and
``٣٤`` are numbers; ``x5``, ``5x``, ``.5`` and ``a-5``'s sign are not.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otsmaterials.formats.evidence import EvidenceBuilder

_DEFINITION = re.compile(r"(?<![\w.])-?\d+(?:[.,]\d+)*(?!\w)")
"""The definition, written plainly (the evidence's own expression is written to be fast)."""


def numbers(text: str) -> list[str]:
    tokens = EvidenceBuilder().build(text).tokens
    return [token[2:] for token in tokens if token.startswith("n:")]


def by_definition(text: str) -> list[str]:
    return sorted(set(_DEFINITION.findall(text)))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("-5 and 1,000.5 and ٣٤", ["-5", "1,000.5", "٣٤"]),
        ("x5 5x .5 a.5 _5 5_", []),
        ("a-5 --7 (-3) 3.14.15 5-6", ["-3", "-7", "3.14.15", "5", "6"]),
        ("-", []),
        ("12,", ["12"]),
    ],
)
def test_examples(text: str, found: list[str]) -> None:
    assert numbers(text) == found == by_definition(text)


@given(st.text(alphabet="ab5_-.,٣ \n", max_size=40))
@settings(max_examples=400, deadline=None, derandomize=True)
def test_the_numbers_are_the_definitions(text: str) -> None:
    assert numbers(text) == by_definition(text)
