"""What a sync did: one result per material, progress events, and the JSON report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field

from otsmaterials._support.model import FrozenDict, FrozenMap, FrozenModel
from otsmaterials.errors import GitErrorKind
from otsmaterials.syncing.outcome import Synced, SyncStatus, count_statuses

__all__ = ["SYNC_SCHEMA_VERSION", "SyncProgress", "SyncReport", "SyncResult", "SyncStatus"]

SYNC_SCHEMA_VERSION = 1
"""Version of the ``sync --json`` document."""


class SyncResult(FrozenModel):
    """What happened to one material's mirror."""

    id: str
    """The material id."""
    status: SyncStatus
    """``cloned``, ``updated``, ``unchanged`` or ``failed``."""
    source: str
    """The source URL, with any password hidden."""
    commit: str | None = None
    """The commit of the material's branch now in the mirror (also after a failure, if any)."""
    branch: str | None = None
    """The branch that commit is on."""
    branches: FrozenMap[str, str] = Field(default_factory=FrozenDict)
    """Every branch in the mirror: name → commit."""
    error: str | None = None
    """Why it failed, naming the URL (``None`` unless failed)."""
    error_kind: GitErrorKind | None = None
    """``auth``, ``not-found``, ``redirect``, ``timeout``, ``network``, ``throttled``,
    ``server``, ``fsck``, ``busy``, ``policy``, ``branch``, ``offline`` or ``error``."""
    stale: bool = False
    """Whether a failed material still has its previous mirror (its content is the old commit)."""
    attempts: int = 0
    """How many times the network operation was tried."""
    seconds: float = 0.0
    """Wall-clock time spent on this material."""
    notes: tuple[str, ...] = ()
    """Warnings that did not stop the sync (a stale git lock removed, …)."""

    @classmethod
    def of(cls, synced: Synced) -> SyncResult:
        """The model of the engine's plain result."""
        return cls.model_validate(synced, from_attributes=True)

    def json_dict(self) -> dict[str, Any]:
        """The material's entry in ``sync --json``."""
        data = self.model_dump(mode="json")
        data["seconds"] = round(self.seconds, 3)
        return data


class SyncReport(FrozenModel):
    """The result of one sync, material by material, in catalogue order."""

    cache_dir: str
    """The cache directory synced."""
    offline: bool = False
    """Whether the network was left alone."""
    results: tuple[SyncResult, ...] = ()
    """One result per material."""

    @classmethod
    def of(cls, cache_dir: Path, results: Iterable[Synced], *, offline: bool) -> SyncReport:
        """The report of the engine's plain results."""
        outcomes = tuple(SyncResult.of(result) for result in results)
        return cls(cache_dir=str(cache_dir), offline=offline, results=outcomes)

    @property
    def failed(self) -> tuple[SyncResult, ...]:
        """The materials that failed."""
        return tuple(result for result in self.results if result.status == "failed")

    @property
    def ok(self) -> bool:
        """Whether every material synced."""
        return not self.failed

    def counts(self) -> dict[str, int]:
        """How many materials ended in each status."""
        return count_statuses(result.status for result in self.results)

    def json_dict(self) -> dict[str, Any]:
        """The ``sync --json`` document (``docs/cli.md``)."""
        return {
            "schema_version": SYNC_SCHEMA_VERSION,
            "cache_dir": self.cache_dir,
            "offline": self.offline,
            "counts": self.counts(),
            "materials": [result.json_dict() for result in self.results],
        }


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """A progress event: a material started (``result`` is ``None``) or finished."""

    material: str
    """The material id."""
    completed: int
    """Materials finished so far."""
    total: int
    """Materials in this sync."""
    result: SyncResult | None = None
    """The material's result, once it finished."""
