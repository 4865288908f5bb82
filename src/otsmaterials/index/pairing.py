"""Which page of a translation translates which page of the original.

Pages of one lesson usually share a path (``core/setup.md``, ``de/core/setup.md``): such a pair
stays unless the content contradicts it. Where paths do not relate the languages (trees with
translated file names) or a translation follows an older structure of the lesson (steps
renumbered, one removed), each translation page is paired on evidence that survives translation
(:mod:`otsmaterials.formats.evidence`) with an order-keeping alignment
(:mod:`otsmaterials._support.alignment`).

Candidates for a translation page are the original of the same path, the originals within
:data:`WINDOW` places of where its position says it should be, and up to :data:`RARE_CANDIDATES`
originals sharing its rarest evidence: the work grows with pages × candidates, never with the
product of the two sequences' lengths. A pair is made when its similarity reaches
:data:`THRESHOLD`; a same-path pair is kept below it unless another original fits clearly better
(by more than :data:`PATH_BONUS`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from otsmaterials._support.alignment import align
from otsmaterials.formats.evidence import Evidence, similarity, token_weights
from otsmaterials.index.drafts import Draft
from otsmaterials.index.models import PairingMethod
from otsmaterials.layouts.base import natural_key

__all__ = ["PATH_BONUS", "THRESHOLD", "WINDOW", "LanguagePairing", "pair_language"]

THRESHOLD = 0.35
"""The similarity from which two pages with different paths are paired."""
PATH_BONUS = 0.3
"""What sharing a path adds to a pair's weight in the alignment."""
WINDOW = 6
"""Originals considered on either side of a translation page's expected place."""
RARE_CANDIDATES = 8
"""Originals considered for sharing a translation page's rarest evidence."""
_RARE = 3
"""Evidence shared by at most this many originals is rare."""


@dataclass
class LanguagePairing:
    """The outcome of pairing one language's pages with the originals."""

    pairs: list[tuple[Draft, Draft, PairingMethod, float]] = field(default_factory=list)
    """``(original, translation, method, confidence)``."""
    unpaired: list[tuple[Draft, Draft | None, float]] = field(default_factory=list)
    """Translation pages without an original: the page, its best candidate and that score."""
    overruled: list[tuple[Draft, Draft]] = field(default_factory=list)
    """``(translation, same-path original)`` where the content chose another original."""


def pair_language(originals: Sequence[Draft], translations: Sequence[Draft]) -> LanguagePairing:
    """Pair one language's pages with the originals (both lists of parsed drafts)."""
    by_key = {draft.key: index for index, draft in enumerate(originals)}
    pages = sorted(translations, key=lambda d: _order(d, by_key))
    evidence = [_evidence(d) for d in originals]
    theirs = [_evidence(d) for d in pages]
    weights = token_weights([*evidence, *theirs])
    same = [by_key.get(page.key) for page in pages]
    scores = {
        (i, j): similarity(evidence[i], theirs[j], weights)
        for j, i in enumerate(same)
        if i is not None
    }
    if all(i is not None for i in same) and all(value >= THRESHOLD for value in scores.values()):
        return _result(originals, pages, [(i, j, scores[i, j]) for (i, j) in scores], same)
    for j, candidates in enumerate(_candidates(evidence, theirs, weights, same)):
        for i in candidates:
            if (i, j) not in scores:
                scores[i, j] = similarity(evidence[i], theirs[j], weights)
    chosen = align(
        (i, j, score + (PATH_BONUS if same[j] == i else 0.0))
        for (i, j), score in scores.items()
        if score >= THRESHOLD or same[j] == i
    )
    kept = [(i, j, scores[i, j]) for i, j, _ in chosen]
    result = _result(originals, pages, kept, same)
    paired = {j for _, j, _ in kept}
    best: dict[int, tuple[float, int]] = {}
    for (i, j), score in scores.items():
        if j not in paired and score > best.get(j, (-1.0, -1))[0]:
            best[j] = (score, i)
    for j, page in enumerate(pages):
        if j in paired:
            continue
        score, i = best.get(j, (0.0, -1))
        result.unpaired.append((page, originals[i] if i >= 0 else None, score))
        same_path = same[j]
        if same_path is not None:
            result.overruled.append((page, originals[same_path]))
    return result


def _result(
    originals: Sequence[Draft],
    pages: Sequence[Draft],
    kept: list[tuple[int, int, float]],
    same: list[int | None],
) -> LanguagePairing:
    result = LanguagePairing()
    for i, j, score in kept:
        original, page = originals[i], pages[j]
        result.pairs.append((original, page, _method(original, page, same[j] == i), score))
    return result


def _method(original: Draft, page: Draft, same_path: bool) -> PairingMethod:
    if same_path:
        return "path"
    if original.position is not None and original.position == page.position:
        return "navigation"
    return "content"


def _order(draft: Draft, by_key: Mapping[str, int]) -> tuple[int, float, tuple[object, ...]]:
    """A translation's place: its own site's order, else its original's, else its path's."""
    if draft.position is not None:
        return (0, float(draft.position), ())
    if draft.key in by_key:
        return (1, float(by_key[draft.key]), ())
    return (2, 0.0, natural_key(draft.key))


def _evidence(draft: Draft) -> Evidence:
    return draft.doc.evidence if draft.doc is not None else Evidence()


def _candidates(
    evidence: Sequence[Evidence],
    theirs: Sequence[Evidence],
    weights: Mapping[str, float],
    same: Sequence[int | None],
) -> list[set[int]]:
    """For each translation page, the originals worth comparing it with."""
    holders: dict[str, list[int]] = {}
    for i, page in enumerate(evidence):
        for token in page.tokens:
            holders.setdefault(token, []).append(i)
    n, m = len(evidence), len(theirs)
    found = []
    for j, page in enumerate(theirs):
        expected = round(j * n / m) if m else 0
        chosen = set(range(max(0, expected - WINDOW), min(n, expected + WINDOW + 1)))
        same_path = same[j]
        if same_path is not None:
            chosen.update(range(max(0, same_path - 1), min(n, same_path + 2)))
        rare = sorted(
            (token for token in page.tokens if 0 < len(holders.get(token, ())) <= _RARE),
            key=lambda token: -weights.get(token, 0.0),
        )
        for token in rare:
            if len(chosen) >= 2 * WINDOW + 1 + RARE_CANDIDATES:
                break
            chosen.update(holders[token])
        found.append(chosen)
    return found
