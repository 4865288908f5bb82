"""Group a material's pages into lessons: the originals, and the translations paired with them.

The pages in the material's original language are the originals, one per lesson key (a second
file for one key, a key that is not a safe path or that differs from another only in case is
reported and left out). Every other language's pages are paired with them
(:mod:`otsmaterials.index.pairing`); a page no original matches is reported and left out: it
never becomes a lesson whose original is in the translation's language. Then each lesson's
original is the version in the configured language, or, where the language was not configured,
the version committed first.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from otsmaterials.index.assemble import lesson_order
from otsmaterials.index.context import MaterialRun
from otsmaterials.index.drafts import Draft
from otsmaterials.index.labels import language_name
from otsmaterials.index.pairing import THRESHOLD, pair_language
from otsmaterials.layouts.base import natural_key

__all__ = ["group_lessons"]

_SAFE_KEY = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[^\x00-\x1f]+$")


def group_lessons(
    run: MaterialRun, drafts: Sequence[Draft]
) -> tuple[dict[str, Draft], list[Draft]]:
    """``(lesson key → original, every version kept)``."""
    drafts = _unique(run, drafts)
    own = [d for d in drafts if d.language == run.language or not d.placed]
    originals = sorted((d for d in own if d.language == run.language), key=lesson_order)
    by_language: dict[str, list[Draft]] = {}
    for draft in drafts:
        if draft.language != run.language and draft.placed:
            by_language.setdefault(draft.language, []).append(draft)
    kept = list(originals)
    for _language, pages in sorted(by_language.items()):
        outcome = pair_language(originals, pages)
        for original, page, method, confidence in outcome.pairs:
            page.key, page.kind = original.key, "file"
            page.pairing, page.confidence = method, round(confidence, 4)  # shown, not compared
            kept.append(page)
        overruled = {id(page): original for page, original in outcome.overruled}
        for page, best, score in outcome.unpaired:
            run.problem(
                page.path,
                _unpaired(run, page, best, score, overruled.get(id(page))),
                severity="warning",
            )
    # A page in another language that no language folder, suffix or site places in a
    # translation is a lesson of its own, written in that language.
    others = [d for d in own if d.language != run.language]
    kept.extend(others)
    by_key = {draft.key: draft for draft in [*others, *originals]}
    _first_written(run, by_key, kept)
    return by_key, kept


def _unpaired(
    run: MaterialRun, page: Draft, best: Draft | None, score: float, same: Draft | None
) -> str:
    name = f"{language_name(run.language)} ({run.language})"
    if same is not None:
        reason = f"its content does not match {run.repo_path(same.path)} of the same name"
    elif best is not None:
        shown = math.floor(score * 100) / 100  # never shown as the threshold it missed
        reason = f"the closest, {run.repo_path(best.path)}, matches {shown:.2f} (below {THRESHOLD})"
    else:
        reason = "nothing in it matches an original page"
    return f"no page of the original in {name} corresponds to it ({reason}): left out"


def _unique(run: MaterialRun, drafts: Sequence[Draft]) -> list[Draft]:
    """One page per lesson key and language; unsafe and colliding keys reported."""
    seen: dict[tuple[str, str], Draft] = {}
    folded: dict[tuple[str, str], Draft] = {}
    for draft in sorted(drafts, key=lambda d: natural_key(d.path)):
        if not _SAFE_KEY.match(draft.key):
            run.problem(draft.path, f"lesson id {draft.key!r} is not a safe path")
            continue
        first = folded.setdefault((_fold(draft.key), draft.language), draft)
        if first.key != draft.key:
            run.problem(
                draft.path,
                f"collides with {run.repo_path(first.path)}: the names "
                "differ only in case or Unicode normalisation; left out",
            )
            continue
        other = seen.setdefault((draft.key, draft.language), draft)
        if other is not draft:
            run.problem(
                draft.path,
                f"a second file for lesson {draft.key!r} in {draft.language}; {other.path} is used",
                severity="warning",
            )
    return list(seen.values())


def _fold(key: str) -> str:
    """The form in which two names collide on case-insensitive or normalising file systems."""
    return unicodedata.normalize("NFC", key).casefold()


def _first_written(run: MaterialRun, by_key: dict[str, Draft], kept: list[Draft]) -> None:
    """Without a configured language, a lesson's original is its version committed first."""
    if run.configured:
        return
    versions: dict[str, list[Draft]] = {}
    for draft in kept:
        versions.setdefault(draft.key, []).append(draft)
    for key, drafts in versions.items():
        current = by_key[key]
        started = run.first_commit(current)
        if started is None:
            continue
        earliest = min(
            (d for d in drafts if d.kind == "file" and d.branch == current.branch),
            key=lambda d: run.first_commit(d) or started,
            default=None,
        )
        if earliest is not None and (run.first_commit(earliest) or started) < started:
            current.kind, earliest.kind = "file", "original"
            current.pairing, current.confidence = earliest.pairing, earliest.confidence
            earliest.pairing = earliest.confidence = None
            by_key[key] = earliest
