"""What survives translation: the evidence that two pages in two languages are one lesson.

A translator rewrites the prose and keeps the rest: code (a Scratch ``blocks3`` block keeps its
numbers and its shape even when its words are translated), inline code, link targets, image
paths, numbers and the shape of the headings. The parsers collect that evidence while they read a
page (:class:`EvidenceBuilder`); :func:`similarity` compares two pages on it.

>>> a = EvidenceBuilder(); a.code("print(range(10))", ""); a.heading(1); a.heading(2)
>>> b = EvidenceBuilder(); b.code("print(range(10))", ""); b.heading(1); b.heading(2)
>>> round(similarity(a.build("Ten numbers"), b.build("Zehn Zahlen")), 2)
1.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher

from otsmaterials._support.model import FrozenModel

__all__ = ["Evidence", "EvidenceBuilder", "similarity", "token_weights"]

_MAX_TOKENS = 400
"""Tokens kept per page: enough to tell pages apart, bounded whatever the page's size."""
_NUMBER = re.compile(r"[-\d](?:(?<=-)(?<![\w.]-)\d|(?<=\d)(?<![\w.]\d))\d*(?:[.,]\d+)*(?!\w)")
r"""A number: ``-?\d+(?:[.,]\d+)*`` after no word character or ``.`` and before no word
character. Written to start with its first character (a ``-`` or a digit), each branch then
looking behind it: the regular expression engine skips to such a character at once, where a
pattern that starts by looking behind is tried at every position of the text (half the time)."""
_SCRATCH = frozenset({"blocks", "blocks3", "scratch", "scratchblocks"})
_SHAPE = re.compile(r"[()\[\]<>{}]")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//(?:www\.)?", re.IGNORECASE)
_MIN_MASS = 1.5
"""Evidence weight below which a page's evidence is too thin to pair it on."""


class Evidence(FrozenModel):
    """A page's translation-invariant features (see the module docstring)."""

    tokens: tuple[str, ...] = ()
    """Sorted distinct tokens, each prefixed by its kind: ``c:`` code line, ``i:`` inline code,
    ``u:`` link target, ``m:`` image, ``n:`` number, ``s:`` the shape of a Scratch block."""
    headings: str = ""
    """The levels of the page's headings in order (``"1223"``)."""
    blocks: int = 0
    """Blocks of readable text (paragraphs, items, headings)."""


class EvidenceBuilder:
    """Collects a page's evidence while a parser reads it."""

    def __init__(self) -> None:
        self._tokens: dict[str, None] = {}
        self._levels: list[str] = []

    def _add(self, token: str) -> None:
        if len(self._tokens) < _MAX_TOKENS:
            self._tokens.setdefault(token)

    def code(self, text: str, info: str) -> None:
        """A code block (``info``: its language, ``blocks3`` for Scratch)."""
        scratch = info.strip().lower().split(" ")[0] in _SCRATCH
        for line in text.splitlines():
            if scratch:
                for number in _NUMBER.findall(line):
                    self._add(f"n:{number}")
                shape = "".join(_SHAPE.findall(line))
                if shape:
                    self._add(f"s:{shape}")
                continue
            normal = " ".join(line.split()).lower()
            if len(normal) >= 4 and any(char.isalnum() for char in normal):
                self._add(f"c:{normal[:120]}")

    def inline(self, text: str) -> None:
        """Inline code."""
        normal = " ".join(text.split()).lower()
        if normal and len(normal) <= 80:
            self._add(f"i:{normal}")

    def link(self, target: str) -> None:
        """A link target (a URL or a relative path)."""
        normal = _URL.sub("", target.strip()).split("#", 1)[0].rstrip("/").lower()
        if normal and not normal.startswith(("mailto:", "javascript:")):
            self._add(f"u:{normal[:200]}")

    def image(self, source: str) -> None:
        """An image's source: its file name (folders differ between languages)."""
        name = source.strip().split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()
        if name:
            self._add(f"m:{name[:120]}")

    def heading(self, level: int) -> None:
        """A heading of ``level`` (1–6)."""
        self._levels.append(str(min(max(level, 1), 6)))

    def build(self, text: str) -> Evidence:
        """The evidence, with the numbers of the readable ``text`` added."""
        for number in _NUMBER.findall(text):
            self._add(f"n:{number}")
        blocks = text.count("\n") + 1 if text else 0
        return Evidence(
            tokens=tuple(sorted(self._tokens)), headings="".join(self._levels), blocks=blocks
        )


def token_weights(pages: Iterable[Evidence]) -> dict[str, float]:
    """Inverse document frequency of each token over ``pages``: rare evidence weighs more."""
    counts: dict[str, int] = {}
    total = 0
    for page in pages:
        total += 1
        for token in page.tokens:
            counts[token] = counts.get(token, 0) + 1
    return {token: math.log((total + 1) / (count + 0.5)) for token, count in counts.items()}


def similarity(a: Evidence, b: Evidence, weights: Mapping[str, float] | None = None) -> float:
    """How likely ``a`` and ``b`` are one page in two languages, 0.0–1.0.

    Shared evidence (weighted Dice coefficient, rare tokens counting more) decides when either
    page has enough of it (one page rich in code and the other without is a mismatch); when
    neither has, the shape of the headings and the number of text blocks decide, and then at
    most 0.45: structure alone never pairs pages with confidence. Not rounded: thresholds
    compare this value itself (a rounded 0.34996 would pass 0.35).
    """
    structure = (_shape(a.headings, b.headings) + _ratio(a.blocks, b.blocks)) / 2
    mass_a = _mass(a.tokens, weights)
    mass_b = _mass(b.tokens, weights)
    if max(mass_a, mass_b) < _MIN_MASS:
        return 0.45 * structure
    shared = _mass(set(a.tokens).intersection(b.tokens), weights) if mass_a and mass_b else 0.0
    return 0.7 * (2 * shared / (mass_a + mass_b)) + 0.3 * structure


def _mass(tokens: Iterable[str], weights: Mapping[str, float] | None) -> float:
    if weights is None:
        return float(sum(1 for _ in tokens))
    return sum(weights.get(token, 0.0) for token in tokens)


def _shape(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _ratio(a: int, b: int) -> float:
    if not a and not b:
        return 1.0
    return min(a, b) / max(a, b)
