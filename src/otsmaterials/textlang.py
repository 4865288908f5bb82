"""The language a text is written in, told by a language-identification model.

A folder, a suffix or a branch name can lie: a region folder holding an untouched English copy,
a stale branch named after a language whose pages are still English, a folder code that is no
language at all. The text says which language it is in. :func:`identify` asks py3langid (a naive
Bayes model over byte n-grams, shipped inside its package; see ``docs/architecture.md`` for why
this one) and answers only for texts long enough to tell.

>>> identify("Die Schleife läuft, bis die Liste leer ist; dann gibt die Funktion einen Wert.")
TextLanguage(language='de', confidence=1.0)
>>> same_language("nb", "no"), same_language("hr", "sr-Latn"), same_language("de", "en")
(True, True, False)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

__all__ = ["MIN_WORDS", "TextLanguage", "identify", "same_language"]

MIN_WORDS = 8
"""Texts with fewer words are not identified (the answer would be a guess)."""
_SAMPLE = 1200
"""Characters of a text looked at: a page's first paragraphs tell its language."""
_GROUPS = (
    frozenset({"nb", "nn", "no", "da"}),
    frozenset({"sr", "hr", "bs", "cnr", "sh"}),
    frozenset({"ms", "id"}),
)
"""Languages close enough that a model confuses them on short texts: one language here."""


@dataclass(frozen=True, slots=True)
class TextLanguage:
    """What a text was identified as."""

    language: str
    """The language subtag (ISO 639: ``de``, ``pt``, ``zh``)."""
    confidence: float
    """The model's probability for it, 0.0–1.0 (rounded to 4 places)."""


@functools.cache
def _model() -> Any:  # noqa: ANN401 - py3langid ships no type information
    from py3langid.langid import (  # noqa: PLC0415 - the model loads only when a text is asked
        MODEL_FILE,
        LanguageIdentifier,
    )

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> TextLanguage | None:
    """The language of ``text``, or ``None`` when it has fewer than :data:`MIN_WORDS` words."""
    sample = text[:_SAMPLE]
    words = sum(1 for token in sample.split() if any(char.isalpha() for char in token))
    if words < MIN_WORDS and not _ideographic(sample):
        return None
    language, confidence = _model().classify(sample)
    return TextLanguage(str(language), round(float(confidence), 4))


def _ideographic(sample: str) -> bool:
    """Chinese and Japanese write words without spaces: 40 ideographs are enough text."""
    return sum(1 for char in sample if "\u3040" <= char <= "\u9fff") >= 40


def same_language(a: str, b: str) -> bool:
    """Whether two tags name one language as identification can tell (``pt-BR`` and ``pt``)."""
    first = a.split("-", 1)[0].lower()
    second = b.split("-", 1)[0].lower()
    return first == second or any(first in group and second in group for group in _GROUPS)
