"""Counting words: tokens between whitespace that hold a letter or a digit."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from otsmaterials._support.text import count_words


def by_definition(text: str) -> int:
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hello, world — again!", 3),
        ("", 0),
        ("— – ... _ __", 0),
        ("a_b _a_ _1", 3),
        ("x\u2028y\x1cz\u3000w", 4),
        ("¹²³ ½ Ⅷ ٣", 4),
        ("e\u0301 \u0301", 1),
    ],
)
def test_examples(text: str, words: int) -> None:
    assert count_words(text) == words == by_definition(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_the_count_is_the_definitions(text: str) -> None:
    assert count_words(text) == by_definition(text)


def test_a_long_token_without_words_is_counted_in_one_pass() -> None:
    text = "—" * 200_000 + "a " + "— " * 100_000
    assert count_words(text) == by_definition(text) == 1
