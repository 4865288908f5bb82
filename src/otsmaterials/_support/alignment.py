"""Order-keeping alignment of two sequences from scored candidate pairs.

Two sequences (the pages of an original and of its translation; the blocks of two versions of a
page) are aligned by choosing, among candidate pairs ``(i, j, weight)``, the heaviest set in which
both ``i`` and ``j`` strictly increase: nothing crosses, each item is used once, and an item
without a good partner stays unpaired. With ``P`` candidate pairs this takes ``O(P log P)``
(a heaviest increasing chain, with a Fenwick tree of prefix maxima), so the cost grows with the
candidates considered, never with the product of the two lengths.

>>> align([(0, 0, 0.9), (1, 1, 0.2), (1, 2, 0.8), (2, 1, 0.7)])
[(0, 0, 0.9), (1, 2, 0.8)]
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

__all__ = ["align"]

Pair = tuple[int, int, float]


def align(candidates: Iterable[Pair]) -> list[Pair]:
    """The heaviest set of candidate pairs in which ``i`` and ``j`` both strictly increase.

    Pairs of weight 0 or less are never chosen. Ties go to the pairs met first in ``(j, i)``
    order, so the result does not depend on the order of ``candidates``.
    """
    pairs = sorted(
        {(i, j): (i, j, w) for i, j, w in candidates if w > 0}.values(), key=lambda p: (p[1], p[0])
    )
    if not pairs:
        return []
    size = max(i for i, _, _ in pairs) + 1
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    best: list[tuple[float, int]] = []  # per pair: (chain weight ending here, previous pair)
    index = 0
    for _, group in groupby(pairs, key=lambda p: p[1]):
        members = list(group)
        found = [(_query(tree, i), i, w) for i, _, w in members]  # before this column's updates
        for (before, i, weight), offset in zip(found, range(len(members)), strict=True):
            best.append((before[0] + weight, before[1]))
            _update(tree, i + 1, (best[-1][0], index + offset))
        index += len(members)
    end = max(range(len(best)), key=lambda k: (best[k][0], -k))
    chain = []
    while end != -1:
        chain.append(pairs[end])
        end = best[end][1]
    return chain[::-1]


def _query(tree: list[tuple[float, int]], i: int) -> tuple[float, int]:
    """The heaviest chain ending at a pair whose first index is below ``i``."""
    result = (0.0, -1)
    while i > 0:
        if tree[i][0] > result[0]:
            result = tree[i]
        i -= i & -i
    return result


def _update(tree: list[tuple[float, int]], i: int, value: tuple[float, int]) -> None:
    while i < len(tree):
        if value[0] > tree[i][0]:
            tree[i] = value
        i += i & -i
