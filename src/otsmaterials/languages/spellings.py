"""Customary spellings: how a reader writes a language's letters without them on the keyboard.

A German reader without umlauts types ``uebung`` for ``Übung`` and ``strasse`` for ``Straße``; a
French one ``coeur`` for ``cœur``; a Danish one ``soe`` for ``sø``. The search index folds case
and accents itself (``ubung`` finds ``Übung``: the plain accent fold, kept for every language);
these are the spellings it cannot derive, per language (the primary subtag of the text's
language), applied in both directions:

* to the text of a version, :func:`customary_spellings` lists the words that have such a
  spelling, spelled that way (``Übung`` → ``uebung``), for the index to keep beside the text;
* to a query, :func:`query_spellings` gives each word's spellings (``Übung`` → ``übung``,
  ``uebung``), so that a word written with the letter also finds a text written without it.

Spanish has none: ``ñ`` folds to ``n`` with the accents (``espana`` finds ``España``), as readers
and web addresses without the key write it; ``ny``/``nn`` are not customary. A language not in
the table has only the accent fold.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping

__all__ = ["CUSTOMARY", "customary_spellings", "query_spellings", "spell"]

_NORDIC = {"æ": "ae", "ø": "oe", "å": "aa"}

CUSTOMARY: Mapping[str, Mapping[str, str]] = {
    "de": {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"},  # DIN 5007-2, and the Swiss ß
    "fr": {"œ": "oe", "æ": "ae"},  # the ligatures, which no accent fold takes apart
    "da": _NORDIC,
    "nb": _NORDIC,
    "nn": _NORDIC,
    "no": _NORDIC,
    "nl": {"ĳ": "ij"},
}
"""Primary language subtag → letter (case-folded, composed) → how it is written without it."""

_WORD = re.compile(r"\w+")
_MAX_SPELLINGS = 10_000
"""At most this many distinct spellings per text (a bound for hostile input)."""


def _fold(word: str) -> str:
    """Lower case, composed; not ``casefold``, which already writes ``ß`` as ``ss``."""
    return unicodedata.normalize("NFC", word).lower()


def _table(language: str) -> Mapping[str, str]:
    return CUSTOMARY.get(language.split("-", 1)[0].lower(), {})


def spell(word: str, language: str) -> str:
    """``word`` in lower case, written with ``language``'s customary spellings.

    ``Übung`` → ``uebung`` in German; only lower-cased where the language has none.
    """
    table = _table(language)
    folded = _fold(word)
    return "".join(table.get(char, char) for char in folded) if table else folded


def customary_spellings(text: str, language: str) -> str:
    """The words of ``text`` that ``language`` spells otherwise without its letters, so spelled.

    Distinct, space-separated, in order of first occurrence; ``""`` when there are none.
    """
    table = _table(language)
    if not table:
        return ""
    folded = _fold(text)
    letters = frozenset(table)
    if letters.isdisjoint(folded):  # most French texts: no word to look at
        return ""
    found: dict[str, None] = {}
    for word in dict.fromkeys(_words_holding(folded, letters)):
        found.setdefault("".join(table.get(char, char) for char in word))
        if len(found) >= _MAX_SPELLINGS:
            break
    return " ".join(found)


def _words_holding(text: str, letters: frozenset[str]) -> Iterator[str]:
    r"""The words of ``text`` (as :data:`_WORD` cuts them) that hold one of ``letters``.

    Found from the letters (a scan in C for any of them), each word then taken from its start
    to its end: a build asks this of every version's text, and an expression of the whole word
    (``\b\w*[äöüß]\w*``) was tried at every position of it (four times the time).
    """
    end = 0
    for match in _letters(letters).finditer(text):
        start = match.start()
        if start < end:  # a letter of the word before
            continue
        while start > 0 and _is_word_character(text[start - 1]):
            start -= 1
        rest = _WORD_REST.match(text, match.start())
        end = rest.end() if rest is not None else match.end()  # \w* always matches
        yield text[start:end]


_WORD_REST = re.compile(r"\w*")


def _is_word_character(char: str) -> bool:
    r"""What ``\w`` matches in a ``str`` pattern: letters, digits, numbers and ``_``."""
    return char.isalnum() or char == "_"


@functools.cache
def _letters(letters: frozenset[str]) -> re.Pattern[str]:
    """Any of ``letters``."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "]")


@functools.lru_cache(maxsize=1024)
def query_spellings(word: str, language: str | None = None) -> tuple[str, ...]:
    """``word`` (lower case) and its customary spellings, without repeats.

    In ``language``, or in every language of the table when ``None``: ``Übung`` →
    ``("übung", "uebung")``.
    """
    languages = [language] if language else list(CUSTOMARY)
    spellings = {_fold(word): None}
    for tag in languages:
        spellings.setdefault(spell(word, tag))
    return tuple(spellings)
