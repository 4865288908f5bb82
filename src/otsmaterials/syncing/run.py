"""Bring every material's mirror up to date: many at once, safely, incrementally.

* A bounded pool (``jobs``) with a limit per host (``per_host``); local sources have no host.
* An unchanged repository costs one ``ls-remote`` and no fetch (a local source, the
  ``upload-pack`` advertisement ``ls-remote`` would read).
* A new mirror is cloned into ``<cache>/tmp/`` and renamed into place only when complete; an
  update is one ``fetch --atomic``; a failure keeps the previous mirror (reported ``stale``).
* A branch the catalogue needs (its ``branch``, else the default branch, and its translation
  ``branches``) that was deleted upstream stays in the mirror at its last commit: the material
  is reported ``failed`` and ``stale`` (a translation branch: a note). Other branches deleted
  upstream are removed from the mirror.
* Transient failures are retried with backoff and jitter; 404, authentication failures and
  rejected URLs are not.
* One lock per cache: a second sync waits, then fails naming the holder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from otsmaterials.catalogue.model import Catalogue
from otsmaterials.syncing.engine import run_plan
from otsmaterials.syncing.outcome import Progress
from otsmaterials.syncing.plan import plan_of
from otsmaterials.syncing.report import SyncProgress, SyncReport, SyncResult

__all__ = ["ProgressCallback", "sync"]

ProgressCallback = Callable[[SyncProgress], None]


def sync(
    catalogue: Catalogue,
    *,
    cache: str | Path | None = None,
    jobs: int | None = None,
    offline: bool = False,
    only: Iterable[str] | None = None,
    allow_local: bool | None = None,
    timeout: float | None = None,
    progress: ProgressCallback | None = None,
) -> SyncReport:
    """Clone or update the mirror of every material (or of those in ``only``).

    ``cache`` overrides the catalogue's cache directory, ``jobs`` its pool size, ``timeout`` its
    per-operation limit and ``allow_local`` its ``allow_local_sources``. With ``offline`` the
    network is left alone and the report says what the mirrors hold. ``progress`` is called in the
    calling thread each time a material finishes.
    """
    root, results = run_plan(
        plan_of(catalogue),
        cache=cache,
        jobs=jobs,
        offline=offline,
        only=only,
        allow_local=allow_local,
        timeout=timeout,
        progress=_forwarding(progress) if progress is not None else None,
    )
    return SyncReport.of(root, results, offline=offline)


def _forwarding(progress: ProgressCallback) -> Callable[[Progress], None]:
    """The engine's progress events passed on to ``progress`` as the report's models."""

    def forward(event: Progress) -> None:
        result = SyncResult.of(event.result)
        progress(SyncProgress(result.id, event.completed, event.total, result))

    return forward
