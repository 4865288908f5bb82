"""Words, as everything in the project counts them: the index, completeness and statistics."""

from __future__ import annotations

__all__ = ["count_words"]


def count_words(text: str) -> int:
    """The number of whitespace-separated tokens of ``text`` holding a letter or a digit.

    ``"Hello, world — again!"`` has three words: the dash alone is not a word.
    """
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))
