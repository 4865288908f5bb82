"""The sync engine: bring every material's mirror up to date: many at once, safely, incrementally.

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

It works on a :class:`~otsmaterials.syncing.plan.SyncPlan` and gives plain results
(:class:`~otsmaterials.syncing.outcome.Synced`): ``otsmaterials sync`` runs it without pydantic;
:func:`otsmaterials.sync` makes the report's models of them.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from otsmaterials._git.mirror import Mirror
from otsmaterials._git.process import GitRunner, ProcessTracker, git_version
from otsmaterials._git.remote import (
    clone_mirror,
    delete_branches,
    fetch_mirror,
    ls_remote,
    mirror_url,
    set_head,
)
from otsmaterials._git.sources import (
    Source,
    SourcePolicy,
    check_branch,
    check_resolved_host,
    parse_source,
    redact,
)
from otsmaterials._git.stale import clear_stale_locks
from otsmaterials.catalogue.select import select_materials
from otsmaterials.errors import GitError, GitErrorKind, UnsafeSourceError, unexpected
from otsmaterials.syncing.cache import Cache, cache_dir_for
from otsmaterials.syncing.outcome import Progress, Synced, SyncStatus
from otsmaterials.syncing.plan import PlannedMaterial, SyncPlan, SyncSettings
from otsmaterials.syncing.retry import RetryPolicy

__all__ = ["ProgressCallback", "run_plan"]

ProgressCallback = Callable[[Progress], None]
_NETWORK_SCHEMES = frozenset({"https", "http", "ssh", "git"})


def run_plan(
    plan: SyncPlan,
    *,
    cache: str | Path | None = None,
    jobs: int | None = None,
    offline: bool = False,
    only: Iterable[str] | None = None,
    allow_local: bool | None = None,
    timeout: float | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[Path, list[Synced]]:
    """Sync the plan's materials (see :func:`otsmaterials.sync`): the cache folder, the results."""
    settings = plan.settings
    materials = select_materials(plan.materials, only)
    store = Cache(cache_dir_for(plan.base_dir, settings.cache_dir, cache))
    with store.lock(timeout=settings.lock_timeout):
        store.prepare()
        store.clean_temp()
        syncer = _Syncer(
            cache=store,
            settings=settings,
            policy=settings.source_policy(allow_local=allow_local),
            base_dir=plan.base_dir,
            offline=offline,
            timeout=settings.timeout if timeout is None else timeout,
        )
        git_version(syncer.network)
        results = syncer.run(materials, jobs or settings.jobs, progress)
    return store.root, results


@dataclass
class _Outcome:
    status: SyncStatus
    attempts: int
    notes: list[str] = field(default_factory=list)
    vanished: dict[str, str] = field(default_factory=dict)
    """Branches the catalogue needs that are gone upstream, kept at their last commit."""
    mirror: tuple[dict[str, str], str | None] | None = None
    """The mirror's branches and ``HEAD`` branch when it was left as it was (read once)."""


class _Syncer:
    """One sync run: the runner, the host slots and the stop flag it shares between threads."""

    def __init__(
        self,
        *,
        cache: Cache,
        settings: SyncSettings,
        policy: SourcePolicy,
        base_dir: Path,
        offline: bool,
        timeout: float,
    ) -> None:
        self.cache = cache
        self.settings = settings
        self.policy = policy
        self.base_dir = base_dir
        self.offline = offline
        self.retry = RetryPolicy(retries=settings.retries, base_delay=settings.retry_delay)
        self.tracker = ProcessTracker()
        protocols = set(policy.allowed_schemes & _NETWORK_SCHEMES)
        if policy.allow_local:
            protocols.add("file")
        self.network = GitRunner(
            home=cache.home_dir,
            protocols=frozenset(protocols),
            timeout=timeout,
            tracker=self.tracker,
        )
        self.reader = GitRunner(home=cache.home_dir, timeout=timeout, tracker=self.tracker)
        self.stop = threading.Event()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()

    def run(
        self, materials: list[PlannedMaterial], jobs: int, progress: ProgressCallback | None
    ) -> list[Synced]:
        results: dict[str, Synced] = {}
        workers = max(1, min(jobs, len(materials)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="otsm-sync") as pool:
            futures = {pool.submit(self.one, material): material for material in materials}
            try:
                for future in as_completed(futures):
                    result = future.result()
                    results[result.id] = result
                    if progress is not None:
                        progress(Progress(len(results), len(materials), result))
            except BaseException:
                self.stop.set()
                self.tracker.kill_all()
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        return [results[material.id] for material in materials]

    def _slot(self, source: Source) -> AbstractContextManager[object]:
        """A place among the ``per_host`` operations on the source's host at once.

        A local source (a path, ``file://``) has no host to be polite to: only ``jobs`` bounds
        it, as it bounds everything.
        """
        host = source.host
        if not host:
            return nullcontext()
        with self._slots_lock:
            if host not in self._slots:
                self._slots[host] = threading.BoundedSemaphore(self.settings.per_host)
            return self._slots[host]

    def one(self, spec: PlannedMaterial) -> Synced:
        """Sync one material; any failure of it (a bug included) is its ``failed`` result."""
        started = time.monotonic()
        mirror = Mirror(self.cache.mirror_path(spec.id), self.reader)
        try:
            return self._one(spec, mirror, started)
        except Exception as error:  # noqa: BLE001 - contained: this material fails, not the sync
            failure = RuntimeError(unexpected(error))
            display = redact(spec.source)
            return self._failed(
                spec, mirror, failure, display=display, kind="error", started=started
            )

    def _one(self, spec: PlannedMaterial, mirror: Mirror, started: float) -> Synced:
        try:
            source = parse_source(spec.source, self.policy, base_dir=self.base_dir)
            if not self.offline:
                check_resolved_host(source, self.policy)
        except UnsafeSourceError as rejected:
            return self._failed(
                spec, mirror, rejected, display=redact(spec.source), kind="policy", started=started
            )
        if self.offline:
            if mirror.exists():
                return self._finish(spec, source, mirror, _Outcome("unchanged", 0), started)
            missing = GitError("no mirror yet, and the sync is offline", url=source.display)
            return self._failed(
                spec, mirror, missing, display=source.display, kind="offline", started=started
            )
        outcome = _Outcome("unchanged", 0)
        for attempt in range(self.retry.retries + 1):
            if self.stop.is_set():
                break
            outcome.attempts = attempt + 1
            try:
                with self._slot(source):
                    outcome.status = self._update(spec, source, mirror, outcome)
                break
            except GitError as error:
                if not error.transient or attempt >= self.retry.retries:
                    return self._failed(
                        spec,
                        mirror,
                        error,
                        display=source.display,
                        kind=error.kind,
                        started=started,
                        outcome=outcome,
                    )
                self.stop.wait(self.retry.delay(attempt))
        return self._finish(spec, source, mirror, outcome, started)

    def _update(
        self, spec: PlannedMaterial, source: Source, mirror: Mirror, outcome: _Outcome
    ) -> SyncStatus:
        if not mirror.exists():
            return self._clone(spec, source, mirror, replace=False)
        if mirror_url(self.reader, mirror.path) != source.url:
            outcome.notes.append("the source URL changed: cloned afresh")
            return self._clone(spec, source, mirror, replace=True)
        remote = ls_remote(self.network, source)
        branches, head = mirror.branches(), mirror.default_branch()
        local = {name: oid for name, oid in branches.items() if _valid_branch(name)}
        moved = remote.head is not None and remote.head != head and remote.head in remote.branches
        needed = {spec.branch or (remote.head if moved else head), *spec.branches.values()}
        kept = {name: oid for name, oid in local.items() if name in needed - remote.branches.keys()}
        outcome.vanished.update(kept)
        if {**remote.branches, **kept} == local and not moved:
            outcome.mirror = (branches, head)
            return "unchanged"
        outcome.notes.extend(
            clear_stale_locks(mirror.path, stale_after=self.settings.stale_lock_age)
        )
        fetch_mirror(self.network, source, mirror.path)
        gone = local.keys() - remote.branches.keys() - kept.keys()
        delete_branches(self.reader, mirror.path, sorted(gone))
        if moved and remote.head is not None:
            set_head(self.reader, mirror.path, remote.head)
        return "updated"

    def _clone(
        self, spec: PlannedMaterial, source: Source, mirror: Mirror, *, replace: bool
    ) -> SyncStatus:
        work = self.cache.new_clone_dir(spec.id)
        try:
            fresh = work / "mirror.git"
            clone_mirror(self.network, source, fresh, max_blob_size=self.settings.max_blob_size)
            if replace and mirror.path.exists():
                mirror.path.rename(work / "previous.git")
            fresh.rename(mirror.path)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return "cloned"

    def _finish(
        self,
        spec: PlannedMaterial,
        source: Source,
        mirror: Mirror,
        outcome: _Outcome,
        started: float,
    ) -> Synced:
        if outcome.mirror is not None:
            branches, branch = outcome.mirror[0], spec.branch or outcome.mirror[1]
        else:
            branches, branch = mirror.branches(), spec.branch or mirror.default_branch()
        notes = list(outcome.notes)
        for language, name in sorted(spec.branches.items()):
            if name in outcome.vanished:
                notes.append(
                    f"translation branch {name!r} ({language}) was deleted upstream: "
                    f"kept at its last commit {outcome.vanished[name][:10]} (stale)"
                )
            elif name not in branches:
                notes.append(f"translation branch {name!r} ({language}) not found")
        if branch is not None and branch in outcome.vanished:
            message = (
                f"branch {branch!r} was deleted upstream: the mirror keeps its last commit "
                f"{outcome.vanished[branch][:10]}"
            )
            return self._failed(
                spec,
                mirror,
                GitError(message, url=source.display),
                display=source.display,
                kind="branch",
                started=started,
                outcome=_Outcome(outcome.status, outcome.attempts, notes),
            )
        if branch is None or branch not in branches:
            error = GitError(f"branch {branch!r} not found", url=source.display)
            outcome = _Outcome(outcome.status, outcome.attempts, notes)
            return self._failed(
                spec,
                mirror,
                error,
                display=source.display,
                kind="branch",
                started=started,
                outcome=outcome,
            )
        return Synced(
            id=spec.id,
            status=outcome.status,
            source=source.display,
            commit=branches[branch],
            branch=branch,
            branches=branches,
            attempts=outcome.attempts,
            seconds=time.monotonic() - started,
            notes=tuple(notes),
        )

    def _failed(
        self,
        spec: PlannedMaterial,
        mirror: Mirror,
        error: Exception,
        *,
        display: str,
        kind: GitErrorKind,
        started: float,
        outcome: _Outcome | None = None,
    ) -> Synced:
        branches: dict[str, str] = {}
        branch = None
        if mirror.exists():
            try:
                branches = mirror.branches()
                branch = spec.branch or mirror.default_branch()
            except Exception:  # noqa: BLE001 - best effort: what the mirror still holds, if any
                branches = {}
        return Synced(
            id=spec.id,
            status="failed",
            source=display,
            commit=branches.get(branch) if branch else None,
            branch=branch,
            branches=branches,
            error=str(error),
            error_kind=kind,
            stale=bool(branches),
            attempts=outcome.attempts if outcome else 0,
            seconds=time.monotonic() - started,
            notes=tuple(outcome.notes) if outcome else (),
        )


def _valid_branch(name: str) -> bool:
    try:
        check_branch(name)
    except UnsafeSourceError:
        return False
    return True
