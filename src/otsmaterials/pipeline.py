"""``build``: sync the mirrors, then index them — the main job, in one call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from otsmaterials._support.model import FrozenModel
from otsmaterials.catalogue.model import Catalogue
from otsmaterials.index.build import IndexProgress, IndexReport, build_index
from otsmaterials.syncing.report import SyncReport
from otsmaterials.syncing.run import ProgressCallback, sync

__all__ = ["BuildReport", "build"]


class BuildReport(FrozenModel):
    """What ``build`` did: the sync, then the index build."""

    sync: SyncReport
    """The sync report."""
    index: IndexReport
    """The index report."""

    @property
    def ok(self) -> bool:
        """Whether every repository synced and every material was indexed."""
        return self.sync.ok and self.index.ok


def build(
    catalogue: Catalogue,
    *,
    cache: str | Path | None = None,
    index: str | Path | None = None,
    jobs: int | None = None,
    offline: bool = False,
    only: Iterable[str] | None = None,
    allow_local: bool | None = None,
    sync_progress: ProgressCallback | None = None,
    index_progress: Callable[[IndexProgress], None] | None = None,
    workers: int = 1,
    lock_timeout: float = 30.0,
) -> BuildReport:
    """Sync every material's mirror, then (re)build the index from the mirrors.

    A material whose sync failed is indexed from its previous mirror, if it has one. ``workers``
    and ``lock_timeout`` are passed to :func:`~otsmaterials.build_index` (checked before the sync
    starts).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    synced = sync(
        catalogue,
        cache=cache,
        jobs=jobs,
        offline=offline,
        only=only,
        allow_local=allow_local,
        progress=sync_progress,
    )
    indexed = build_index(
        catalogue,
        cache=cache,
        index=index,
        only=only,
        progress=index_progress,
        workers=workers,
        lock_timeout=lock_timeout,
    )
    return BuildReport(sync=synced, index=indexed)
