"""Pair the blocks of two versions of a lesson on evidence, keeping their order.

Used by ``import-translation`` (an original and its translation) and by the index's list of what
changed in an original since a translation last followed it (two versions of the original).

Two blocks can pair only if they are of the same kind (a heading with a heading, an HTML ``<p>``
with a ``<p>``). A pair's weight adds what translation keeps — inline code, link targets,
numbers, the punctuation that marks a list or a question, words both languages spell alike
(*Browser*, *Firefox*) — and how well the lengths agree, measured as Gale and Church measure
sentence lengths: a translation is about ``c`` times as long as its original, with a spread that
grows with the square root of the length, ``c`` taken from the pairs themselves. The order-keeping
heaviest alignment (:mod:`otsmaterials._support.alignment`) then chooses the pairs, so a paragraph
dropped from a run of plain paragraphs is the one left without a partner (the lengths around it
no longer fit when the run is shifted), not the last one.

A pair is *sure* when the evidence decides it: the pair itself must have some (it weighs at least
:data:`MARGIN` above two blocks of one kind: a paragraph replaced by another of a different length
is paired, but not sure); next to a block without a partner, the best alignment without that pair
must weigh clearly less; and a pair whose inline code or link targets differ is never sure (the
translator changed what should stay).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from statistics import median

from otsmaterials._support.alignment import align
from otsmaterials.gettext.stats import normalize_message
from otsmaterials.translate.markup import Syntax, code_spans, link_targets, without_code
from otsmaterials.translate.segments import Segment

__all__ = ["MARGIN", "BlockPair", "align_blocks", "align_versions"]

MARGIN = 0.3
"""How much heavier the best alignment with a pair must be than the best one without it for the
pair to be sure. A translation pair weighs 0.1 to 4.0: :data:`_BASE`, up to 1.0 for the lengths,
1.5 for the inline code, links and numbers, 0.6 for words spelt alike, ±0.4 for punctuation."""
_BASE = 0.5
"""What two blocks of the same kind weigh before any evidence."""
_SPREAD = 20.0
"""Variance of a translation's length per character of the original (Gale and Church measured
6.8 for sentences translated closely; lessons are translated more freely)."""
_WINDOW = 6
"""Blocks on each side of a pair looked at when deciding whether it is sure."""
_BAND = 15
"""Blocks off the diagonal considered as partners (plus the difference of the two lengths)."""
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?!\w)")
_WORD = re.compile(r"[^\W\d_]{4,}")
_MARKS = "?!:;()\"'*_"


@dataclass(frozen=True)
class BlockPair:
    """Two blocks found to be one: ``source`` and ``target`` index the two sequences."""

    source: int
    target: int
    sure: bool
    """Whether the evidence decides the pair (else a translator should check it)."""


@dataclass(frozen=True)
class _Features:
    kind: tuple[str, str | None]
    length: int
    invariant: frozenset[str]
    """Inline code, link targets and numbers: what translation keeps."""
    words: frozenset[str]
    marks: tuple[int, ...]
    text: str


def _features(segment: Segment) -> _Features:
    syntax: Syntax = "html" if segment.kind in {"html", "attribute"} else "markdown"
    text = segment.msgid
    prose = without_code(text, syntax)
    invariant = {f"c:{c}" for c in code_spans(text, syntax)}
    invariant |= {f"u:{u}" for u in link_targets(text, syntax)}
    invariant |= {f"n:{n}" for n in _NUMBER.findall(prose)}
    return _Features(
        kind=(segment.kind, segment.key),
        length=max(1, len(normalize_message(prose))),
        invariant=frozenset(invariant),
        words=frozenset(w.casefold() for w in _WORD.findall(prose)),
        marks=tuple(min(prose.count(mark), 3) for mark in _MARKS),
        text=normalize_message(text),
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _length_fit(source: int, target: int, ratio: float) -> float:
    """Gale and Church: the chance of a length difference at least this large, 0.0–1.0."""
    delta = (target - ratio * source) / math.sqrt(source * _SPREAD)
    return math.erfc(abs(delta) / math.sqrt(2))


def _translation_weight(a: _Features, b: _Features, ratio: float) -> float:
    weight = _BASE + _length_fit(a.length, b.length, ratio)
    if a.invariant or b.invariant:
        weight += 1.5 * _jaccard(a.invariant, b.invariant)
    weight += 0.3 * min(2, len(a.words & b.words))  # words spelt alike: names, loanwords
    marks = sum(min(x, y) for x, y in zip(a.marks, b.marks, strict=True))
    total = max(sum(a.marks), sum(b.marks))
    if total:  # the punctuation that shapes a text (a question, a list after a colon) agrees
        agreement = 2 * marks / total - 1  # -1 (nothing shared) to 1 (the same marks)
        # a mark missing on one side counts in full; one shared mark is weak evidence
        weight += 0.4 * (agreement if agreement < 1 else min(1.0, total / 2))
    return weight


def _revision_weight() -> _Weight:
    """The weight of two versions of one text: mostly how much of the text they share.

    The blocks are weighed twice (see :func:`_pair_blocks`); what they share is worked out once.
    """
    known: dict[tuple[int, int], float | None] = {}

    def weigh(a: _Features, b: _Features, ratio: float) -> float:
        if a.text == b.text:
            return 4.0
        key = (id(a), id(b))
        if key not in known:
            known[key] = _shared(a, b, close=_jaccard(a.invariant, b.invariant) >= 0.5)
        shared = known[key]
        if shared is None:
            return 0.0  # too different: one was removed and the other added
        return _translation_weight(a, b, ratio) + 2.0 * shared

    return weigh


_SHARED_ENOUGH = 0.3
"""Less of the text shared, and few of the same code and links: two different blocks."""


def _shared(a: _Features, b: _Features, *, close: bool) -> float | None:
    """How much of the text two blocks share, 0.0–1.0 (``difflib``'s ratio); ``None`` if different.

    Different: less than :data:`_SHARED_ENOUGH` shared, unless they are ``close`` (much of
    the same code or links). ``difflib``'s upper bounds, cheaper than the ratio, tell most
    different blocks apart.
    """
    short = len(a.text) < 200 and len(b.text) < 200  # a heading, a short item: by characters
    matcher = SequenceMatcher(
        None, a.text if short else a.text.split(), b.text if short else b.text.split()
    )
    if not close and (
        matcher.real_quick_ratio() < _SHARED_ENOUGH or matcher.quick_ratio() < _SHARED_ENOUGH
    ):
        return None
    shared = matcher.ratio()
    return None if shared < _SHARED_ENOUGH and not close else shared


_Weight = Callable[[_Features, _Features, float], float]


def _candidates(
    source: Sequence[_Features], target: Sequence[_Features], ratio: float, weight: _Weight
) -> dict[tuple[int, int], float]:
    if not source or not target:
        return {}
    slope = len(target) / len(source)
    band = _BAND + abs(len(target) - len(source))
    by_kind: dict[tuple[str, str | None], list[int]] = {}
    for j, block in enumerate(target):
        by_kind.setdefault(block.kind, []).append(j)
    found: dict[tuple[int, int], float] = {}
    for i, block in enumerate(source):
        centre = i * slope
        for j in by_kind.get(block.kind, ()):
            if abs(j - centre) <= band:
                found[(i, j)] = weight(block, target[j], ratio)
    return found


def _ratio(
    source: Sequence[_Features], target: Sequence[_Features], pairs: Sequence[tuple[int, int]]
) -> float:
    """How much longer a target block is than its source block (median over ``pairs``)."""
    ratios = [target[j].length / source[i].length for i, j in pairs if source[i].length >= 20]
    if ratios:
        return median(ratios)
    total = sum(block.length for block in source)
    return sum(block.length for block in target) / total if total else 1.0


def _chain(weights: dict[tuple[int, int], float]) -> list[tuple[int, int, float]]:
    return align((i, j, w) for (i, j), w in weights.items())


def _loss(by_source: dict[int, list[tuple[int, float]]], i: int, j: int) -> float:
    """How much the best alignment near ``(i, j)`` loses without that pair."""
    local = {
        (a, b): w
        for a in range(i - _WINDOW, i + _WINDOW + 1)
        for b, w in by_source.get(a, ())
        if abs(b - j) <= _WINDOW
    }
    with_pair = sum(w for _, _, w in _chain(local))
    del local[(i, j)]
    return with_pair - sum(w for _, _, w in _chain(local))


def _pair_blocks(
    source: Sequence[Segment], target: Sequence[Segment], weight: _Weight
) -> list[BlockPair]:
    a = [_features(s) for s in source]
    b = [_features(t) for t in target]
    weights = _candidates(a, b, _ratio(a, b, ()), weight)
    chain = _chain(weights)
    ratio = _ratio(a, b, [(i, j) for i, j, _ in chain])
    weights = _candidates(a, b, ratio, weight)
    chain = _chain(weights)
    unpaired_source = set(range(len(a))) - {i for i, _, _ in chain}
    unpaired_target = set(range(len(b))) - {j for _, j, _ in chain}
    near_source = {i + d for i in unpaired_source for d in range(-_WINDOW, _WINDOW + 1)}
    near_target = {j + d for j in unpaired_target for d in range(-_WINDOW, _WINDOW + 1)}
    by_source: dict[int, list[tuple[int, float]]] = {}
    for (i, j), w in weights.items():
        by_source.setdefault(i, []).append((j, w))
    pairs = []
    for i, j, mass in chain:
        near_gap = i in near_source or j in near_target
        sure = a[i].invariant - _numbers(a[i]) == b[j].invariant - _numbers(b[j])
        sure = sure and mass >= _BASE + MARGIN  # some evidence for the pair itself
        if sure and near_gap:
            sure = _loss(by_source, i, j) >= MARGIN
        pairs.append(BlockPair(i, j, sure))
    return pairs


def _numbers(block: _Features) -> frozenset[str]:
    return frozenset(token for token in block.invariant if token.startswith("n:"))


def align_blocks(source: Sequence[Segment], target: Sequence[Segment]) -> list[BlockPair]:
    """Pair the blocks of an original (``source``) with those of its translation (``target``).

    Pairs keep the order of both sequences; a block without a good partner stays unpaired. A pair
    is not sure when a neighbouring block could as well be the partner, or when the two differ in
    inline code or link targets (numbers may be spelt out in a translation).
    """
    return _pair_blocks(source, target, _translation_weight)


def align_versions(old: Sequence[Segment], new: Sequence[Segment]) -> list[BlockPair]:
    """Pair the blocks of two versions of one text: the same block, unchanged or edited.

    Runs of unchanged blocks are found first (``difflib`` on the texts); only the blocks between
    them are weighed and aligned, so the cost follows the edits, not the text's length.
    """
    texts = ([normalize_message(s.msgid) for s in old], [normalize_message(s.msgid) for s in new])
    pairs: list[BlockPair] = []
    for operation, a0, a1, b0, b1 in SequenceMatcher(None, *texts, autojunk=False).get_opcodes():
        if operation == "equal":
            pairs.extend(BlockPair(a0 + k, b0 + k, True) for k in range(a1 - a0))
        elif operation == "replace":
            found = _pair_blocks(old[a0:a1], new[b0:b1], _revision_weight())
            pairs.extend(BlockPair(p.source + a0, p.target + b0, p.sure) for p in found)
    return pairs
