"""What a sync did to one material, as plain data (the engine's result, before any model)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from otsmaterials.errors import GitErrorKind

__all__ = ["STATUSES", "Progress", "SyncStatus", "Synced", "count_statuses"]

SyncStatus = Literal["cloned", "updated", "unchanged", "failed"]
STATUSES: tuple[SyncStatus, ...] = ("cloned", "updated", "unchanged", "failed")


@dataclass(frozen=True, slots=True)
class Synced:
    """One material's result; :class:`~otsmaterials.syncing.report.SyncResult` documents it."""

    id: str
    status: SyncStatus
    source: str
    commit: str | None = None
    branch: str | None = None
    branches: Mapping[str, str] = field(default_factory=dict)
    error: str | None = None
    error_kind: GitErrorKind | None = None
    stale: bool = False
    attempts: int = 0
    seconds: float = 0.0
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Progress:
    """A material finished: the ``completed``-th of ``total``."""

    completed: int
    total: int
    result: Synced


def count_statuses(statuses: Iterable[str]) -> dict[str, int]:
    """How many materials ended in each status (every status named, in order)."""
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return counts
