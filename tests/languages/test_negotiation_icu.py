"""``negotiate`` against ICU's LocaleMatcher, case by case, on answers recorded from ICU.

``data/icu_negotiation.json`` holds what ICU 72 (CLDR 42) chose for each case, recorded by
``data/record_icu_negotiation.py`` (PyICU is not needed here). Every case must agree, except the
ones listed in ``WE_DIFFER`` with our answer and the reason (docs/api.md, "Languages").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import otsmaterials as om

RECORDED = json.loads(
    (Path(__file__).parent / "data" / "icu_negotiation.json").read_text(encoding="utf-8")
)
CASES = [(case["accept"], tuple(case["available"]), case["icu"]) for case in RECORDED["cases"]]

WE_DIFFER: dict[tuple[str, tuple[str, ...]], tuple[str | None, str]] = {
    ("en-IN", ("en-US", "en-001")): (
        "en-001",
        "CLDR's parent locale of en-IN is en-001: the English written for it",
    ),
    ("zh-Hant-TW", ("zh-TW", "zh-Hant")): (
        "zh-TW",
        "two equivalent tags: the one naming the requested region",
    ),
    ("cy", ("en", "fr")): (
        None,
        "no one-way fallback to a language of wider communication (the caller's applies)",
    ),
    ("ca", ("es", "fr")): (
        None,
        "no one-way fallback to a language of wider communication (the caller's applies)",
    ),
}


def test_the_table_is_large_and_recorded_from_icu() -> None:
    assert len(CASES) >= 40
    assert RECORDED["icu"].startswith("72.")
    assert len({(accept, available) for accept, available, _ in CASES}) == len(CASES)
    assert set(WE_DIFFER) <= {(accept, available) for accept, available, _ in CASES}


@pytest.mark.parametrize(
    ("accept", "available", "icu"),
    [case for case in CASES if case[:2] not in WE_DIFFER],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_negotiate_agrees_with_icu(accept: str, available: tuple[str, ...], icu: str | None):
    assert om.negotiate(accept, list(available)) == icu


@pytest.mark.parametrize(("accept", "available"), sorted(WE_DIFFER), ids=str)
def test_where_we_choose_differently_from_icu(accept: str, available: tuple[str, ...]) -> None:
    ours, reason = WE_DIFFER[accept, available]
    (icu,) = [answer for a, b, answer in CASES if (a, b) == (accept, available)]
    assert icu != ours, f"ICU agrees now: drop the mark ({reason})"
    assert om.negotiate(accept, list(available)) == ours


@pytest.mark.parametrize(
    ("accept", "available", "expected"),
    [
        ("es-AR", ["es", "es-CL"], "es-CL"),
        ("es-419", ["es", "es-CL"], "es-CL"),
        ("pt-AO", ["pt-BR", "pt-PT"], "pt-PT"),
        ("zh-TW", ["zh-Hant", "zh-Hans"], "zh-Hant"),
        ("zh-Hant", ["zh-TW", "zh-HK"], "zh-TW"),
    ],
)
def test_the_issue_cases_through_best_version_rules(
    accept: str, available: list[str], expected: str
) -> None:
    """The cases the issue names, each in both orders of the available tags."""
    assert om.negotiate(accept, available) == expected
    assert om.negotiate(accept, available[::-1]) == expected
