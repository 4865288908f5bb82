"""Thresholds decided exactly: shares as fractions of whole numbers, thresholds as written.

A share such as "3,100 of 3,101 words" is the fraction ``3100/3101``, never a rounded float, and a
threshold is the decimal the caller wrote (``0.1`` is one tenth, not the binary float just above
it), so ``at_least(1, 10, 0.1)`` holds and ``at_least(3100, 3101, 1)`` does not. What is shown to
a reader may round; what is decided never does.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction

__all__ = ["Threshold", "as_fraction", "at_least", "percent_shown", "percent_text", "share"]

Threshold = float | int | str | Decimal | Fraction
"""A threshold as a caller gives it: a number, or its decimal text (``"53.125"``)."""


def as_fraction(value: Threshold) -> Fraction:
    """``value`` as the exact fraction its decimal form says (``0.1`` → ``1/10``).

    A float is read through its shortest decimal representation (``repr``), which is what the
    caller wrote; an ``int``, ``Decimal``, ``Fraction`` or decimal text is exact already.
    """
    if isinstance(value, bool):
        raise TypeError("a threshold is a number, not a bool")
    return _as_fraction(value)


@functools.lru_cache(maxsize=1024)
def _as_fraction(value: Threshold) -> Fraction:
    """:func:`as_fraction`, remembered: thresholds and stored shares repeat."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def share(part: int, whole: int) -> Fraction:
    """``part`` of ``whole`` as a fraction (0 when ``whole`` is 0: nothing to translate)."""
    return Fraction(part, whole) if whole else Fraction(0)


def at_least(part: int, whole: int, threshold: Threshold) -> bool:
    """Whether ``part / whole`` (0 when ``whole`` is 0) reaches ``threshold``, compared exactly.

    Compared in whole numbers (``part × d ≥ n × whole`` for ``threshold = n/d``): no fraction is
    made, so a filter over many lessons stays cheap.
    """
    limit = as_fraction(threshold)
    if not whole:
        return limit <= 0
    return part * limit.denominator >= limit.numerator * whole


def percent_shown(value: Threshold, *, decimals: int = 0) -> float:
    """``value`` (a fraction, 0–1) as a percentage rounded to ``decimals`` places, for display.

    Only a complete share shows 100: 3,100 of 3,101 words show 99 (or 99.9), never the 100 that
    rounding gives and a reader takes for "complete".
    """
    if type(value) is float and value in {0.0, 1.0}:  # most shares: no fraction to make
        return 100 * value
    exact = as_fraction(value)
    shown = round(100 * float(exact), decimals)
    if shown >= 100 and exact < 1:
        return 100 - 10.0**-decimals if decimals else 99.0
    return shown


def percent_text(value: Threshold) -> str:
    """``0.934`` → ``93%``: what a table or page shows (never ``100%`` for an incomplete share)."""
    return f"{percent_shown(value):.0f}%"
