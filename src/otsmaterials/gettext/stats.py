"""How much of a document a catalog translates: messages and words, fuzzy not counted.

One function serves ``otsmaterials stat`` and the index, so both always agree. The original's
messages are taken from the current source when it is known, so a catalog that lags behind its
document counts the new messages as untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

from otsmaterials._support.constrained import Count
from otsmaterials._support.exact import percent_shown, share
from otsmaterials._support.model import FrozenModel
from otsmaterials._support.text import count_words
from otsmaterials.gettext.catalog import PoEntry, PoFile

__all__ = ["Completeness", "catalog_stats", "count_words", "normalize_message"]

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
"""An HTML tag inside a message: markup, not words a translator translates."""


class Completeness(FrozenModel):
    """How much of the original a translation covers, in messages and words."""

    messages: Count = 0
    """Messages (paragraphs, headings, list items …) in the original."""
    translated: Count = 0
    """Messages translated (fuzzy ones not counted)."""
    fuzzy: Count = 0
    """Messages whose translation is marked fuzzy (needs review)."""
    untranslated: Count = 0
    """Messages without a translation (missing from the catalog included)."""
    words: Count = 0
    """Words in the original."""
    translated_words: Count = 0
    """Words of the original whose messages are translated."""
    fuzzy_words: Count = 0
    """Words of the original whose translations are fuzzy."""
    missing: Count = 0
    """Messages of the current original that the catalog does not know at all (it lags behind)."""

    @property
    def fraction(self) -> Fraction:
        """Translated share of the original's words, exactly (``3100/3101``): what is decided."""
        return share(self.translated_words, self.words)

    @property
    def ratio(self) -> float:
        """Translated share of the original's words, 0.0–1.0 (the float nearest ``fraction``)."""
        return float(self.fraction)

    @property
    def percent(self) -> float:
        """The share as a percentage rounded down to one decimal: what is displayed.

        3,100 of 3,101 words show 99.9: only a complete translation shows 100.
        """
        return percent_shown(self.fraction, decimals=1)


def normalize_message(text: str) -> str:
    """The form messages are compared in: runs of whitespace become one space, ends trimmed."""
    return " ".join(text.split())


def catalog_stats(catalog: PoFile, source: Sequence[str] | None = None) -> Completeness:
    """Count ``catalog``'s coverage of ``source`` (the original's messages; default: its own)."""
    lookup: dict[str, PoEntry] = {}
    for known in catalog.active():
        lookup.setdefault(normalize_message(known.msgid), known)
    given = [entry.msgid for entry in catalog.active()] if source is None else source
    # A message that occurs twice (a title repeated as a heading) is one entry of the catalog, and
    # counts once, as msgfmt --statistics counts it.
    messages = list({normalize_message(message): message for message in given}.values())
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0, "missing": 0}
    words = {"all": 0, "translated": 0, "fuzzy": 0}
    for message in messages:
        size = count_words(_TAG.sub(" ", message))
        words["all"] += size
        entry = lookup.get(normalize_message(message))
        if entry is None:
            counts["missing"] += 1
            counts["untranslated"] += 1
        elif entry.translated:
            counts["translated"] += 1
            words["translated"] += size
        elif entry.fuzzy and (entry.msgstr or any(entry.msgstr_plural)):
            counts["fuzzy"] += 1
            words["fuzzy"] += size
        else:
            counts["untranslated"] += 1
    return Completeness(
        messages=len(messages),
        words=words["all"],
        translated_words=words["translated"],
        fuzzy_words=words["fuzzy"],
        **counts,
    )
