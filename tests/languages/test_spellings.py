"""Customary spellings: the index's side and the query's side always meet (property tests)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from otsmaterials.languages.spellings import CUSTOMARY, customary_spellings, query_spellings, spell

LETTERS = "abcdefghijklmnopqrstuvwxyzäöüßœæøåĳÄÖÜẞŒÆØÅ"
words = st.text(alphabet=LETTERS, min_size=1, max_size=12)
languages = st.sampled_from([*CUSTOMARY, "es", "en", "de-CH", "fr-CA"])


@settings(database=None, deadline=None, max_examples=150)
@given(word=words, language=languages, before=st.lists(words, max_size=5))
def test_a_query_word_meets_the_spelling_the_index_keeps(
    word: str, language: str, before: list[str]
) -> None:
    text = " ".join([*before, word, "."])
    kept = customary_spellings(text, language).split()
    spelled = spell(word, language)
    if spelled != word.lower():  # the word has letters the language writes otherwise
        assert spelled in kept
        assert spelled in query_spellings(word, language)
    assert len(kept) == len(set(kept))
    letters = set(CUSTOMARY.get(language.partition("-")[0], {}))
    assert not any(letter in spelling for spelling in kept for letter in letters)


@settings(database=None, deadline=None, max_examples=150)
@given(text=st.text(alphabet=LETTERS + " _-.,1²٣\u0301ǅ\n", max_size=60), language=languages)
def test_the_index_keeps_the_words_holding_a_letter_in_order_of_first_occurrence(
    text: str, language: str
) -> None:
    table = CUSTOMARY.get(language.partition("-")[0], {})
    words = re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())
    holding = [spell(word, language) for word in words if set(word) & set(table)]
    assert customary_spellings(text, language) == " ".join(dict.fromkeys(holding))


@settings(database=None, deadline=None, max_examples=100)
@given(word=words)
def test_without_a_language_every_table_is_asked(word: str) -> None:
    found = set(query_spellings(word))
    assert word.lower() in found
    assert {spell(word, language) for language in CUSTOMARY} <= found


def test_a_language_without_a_table_keeps_nothing() -> None:
    assert customary_spellings("España, año, pingüino, Übung", "es") == ""
    assert query_spellings("Übung", "es") == ("übung",)
