"""Pairing decides on the similarity itself, never on a rounded one (as every threshold does)."""

from __future__ import annotations

import pytest

from otsmaterials.formats.evidence import Evidence, similarity
from otsmaterials.index.pairing import THRESHOLD


@pytest.mark.parametrize("below", [4e-6, 1e-5, 4.9e-5])
def test_a_similarity_just_below_the_threshold_stays_below_it(below: float) -> None:
    # 0.7 × weighted Dice + 0.3 × structure (headings differ, one block each: 0.5)
    target = THRESHOLD - below
    dice = (target - 0.15) / 0.7
    shared = 2 * dice / (1 - dice)  # Dice = shared / (shared + 2) with two tokens of weight 2
    a = Evidence(tokens=("i:shared", "i:mine"), headings="1", blocks=1)
    b = Evidence(tokens=("i:shared", "i:yours"), headings="2", blocks=1)
    weights = {"i:shared": shared, "i:mine": 2.0, "i:yours": 2.0}
    score = similarity(a, b, weights)
    assert score == pytest.approx(target, abs=1e-12)
    assert score < THRESHOLD
    assert round(score, 4) >= THRESHOLD  # what the rounded similarity decided before


def test_structure_alone_is_not_rounded() -> None:
    a = Evidence(headings="12", blocks=3)
    b = Evidence(headings="12", blocks=7)
    assert similarity(a, b) == pytest.approx(0.45 * (1 + 3 / 7) / 2, abs=1e-15)
    assert similarity(a, b) != round(similarity(a, b), 4)
