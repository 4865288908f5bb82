"""Build the index from the mirrors, incrementally, in one transaction.

A material is indexed again only when its state changed: the commit of any of its branches, its
catalogue entry, or the parser versions. Inside a material, only files whose blob changed are
parsed again (:mod:`otsmaterials.index.parsing`). A build that changes nothing writes nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from otsmaterials._git.mirror import Mirror
from otsmaterials._git.sources import redact
from otsmaterials._support.model import FrozenModel
from otsmaterials.catalogue.model import Catalogue, MaterialSpec
from otsmaterials.catalogue.select import select_materials
from otsmaterials.errors import UNEXPECTED, OtsMaterialsError, StorageError, unexpected
from otsmaterials.formats import FORMAT_VERSION
from otsmaterials.index import store
from otsmaterials.index.limits import PO_CACHE_VERSION, Limits
from otsmaterials.index.models import IndexProblem
from otsmaterials.index.store import resolve_index_path
from otsmaterials.syncing.cache import Cache, resolve_cache_dir

if TYPE_CHECKING:
    from otsmaterials.index.material import MaterialIndex, Sent
    from otsmaterials.index.parsing import ParsePool

__all__ = [
    "INDEX_VERSION",
    "IndexProgress",
    "IndexReport",
    "MaterialStatus",
    "build_index",
    "resolve_index_path",
]

INDEX_VERSION = 7
"""Bumped when the way lessons are found or stored changes: every material is indexed again."""


class MaterialStatus(FrozenModel):
    """What the build did with one material."""

    id: str
    """The material id."""
    status: Literal["indexed", "unchanged", "failed", "missing"]
    """``indexed`` (read again), ``unchanged``, ``failed`` (previous entry kept) or ``missing``
    (no mirror yet: run ``sync``)."""
    commit: str | None = None
    """The commit indexed."""
    lessons: int = 0
    """The material's lessons in the index (read again, or kept when unchanged)."""
    error: str | None = None
    """Why it failed."""


class IndexReport(FrozenModel):
    """The result of one index build."""

    index: str
    """The index file."""
    changed: bool
    """Whether anything in the index changed."""
    materials: tuple[MaterialStatus, ...]
    """One status per material, in catalogue order."""
    problems: tuple[IndexProblem, ...] = ()
    """Files that could not be read (of the materials indexed in this build)."""
    seconds: float = 0.0
    """Wall-clock time."""

    @property
    def ok(self) -> bool:
        """Whether every material was indexed or unchanged."""
        return all(m.status in {"indexed", "unchanged"} for m in self.materials)


@dataclass(frozen=True, slots=True)
class IndexProgress:
    """A material was indexed (or found unchanged)."""

    material: str
    completed: int
    total: int
    status: MaterialStatus


def _state(spec: MaterialSpec, branches: dict[str, str], adapted: dict[str, str]) -> str:
    """What a material was indexed at; ``adapted``: the branches of the material it adapts."""
    return store.state_hash(
        spec.model_dump(mode="json"),
        branches,
        FORMAT_VERSION,
        PO_CACHE_VERSION,
        INDEX_VERSION,
        *([adapted] if adapted else []),
    )


def _adapted(
    catalogue: Catalogue, spec: MaterialSpec, mirrors: Cache
) -> tuple[MaterialSpec, Mirror] | None:
    """The material ``spec`` adapts and its mirror, when it adapts one that is synced."""
    if spec.adapts is None:  # most materials: no walk over the catalogue (a no-op build of
        return None  # thousands of materials walked it once per material)
    adapted = next((m for m in catalogue.materials if m.id == spec.adapts), None)
    if adapted is None:  # none, or a catalogue made in code that names no material of its own
        return None
    mirror = mirrors.mirror(adapted.id)
    return (adapted, mirror) if mirror.exists() else None


def _topics(catalogue: Catalogue, lessons_topics: Iterable[str]) -> list[tuple[str, str]]:
    topics = [(t.id, t.name) for t in catalogue.topics]
    known = {ident for ident, _ in topics}
    topics.extend((slug, _topic_name(slug)) for slug in sorted(set(lessons_topics) - known))
    return topics


def _topic_name(slug: str) -> str:
    """A display name for a topic the catalogue does not name: ``html`` → ``HTML``."""
    if len(slug) <= 4 and slug.isalpha():
        return slug.upper()
    return slug.replace("-", " ").capitalize()


def build_index(
    catalogue: Catalogue,
    *,
    cache: str | Path | None = None,
    index: str | Path | None = None,
    only: Iterable[str] | None = None,
    limits: Limits | None = None,
    progress: Callable[[IndexProgress], None] | None = None,
    workers: int = 1,
    lock_timeout: float = 30.0,
) -> IndexReport:
    """(Re)build the index from the mirrors in the cache; see the module docstring.

    Two builds of one index take turns: this one waits up to ``lock_timeout`` seconds for the
    other to finish, then raises :class:`~otsmaterials.errors.LockedError`.

    ``workers`` > 1 parses lesson files in that many worker processes (forked from
    :mod:`multiprocessing`'s fork server, which imports the parsers once; *spawn* where there is
    none) when a material has many new files, the next material's while this one is assembled: a
    script that asks for it must guard its entry point with ``if __name__ == "__main__":``, as any
    script using :mod:`multiprocessing` must. The command line uses one worker per CPU.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    started = time.monotonic()
    materials = select_materials(catalogue.materials, only)
    path = resolve_index_path(catalogue, index)
    mirrors = Cache(resolve_cache_dir(catalogue, cache))
    connection = store.connect(path, timeout=lock_timeout)
    try:
        statuses, problems, changed = _transaction(
            connection,
            lambda parsers: _build(
                connection,
                catalogue,
                materials,
                mirrors,
                limits or Limits(),
                progress,
                full=only is None,
                parsers=parsers,
            ),
            catalogue_name=catalogue.name,
            workers=workers,
        )
    except sqlite3.Error as error:
        if store.is_locked(error):
            raise store.locked_error(path, lock_timeout) from error
        message = f"cannot write the index ({error}); the previous index is unchanged"
        raise StorageError(message, path=path) from error
    finally:
        _close(connection)
    return IndexReport(
        index=str(path),
        changed=changed,
        materials=tuple(statuses),
        problems=tuple(problems),
        seconds=time.monotonic() - started,
    )


class _Parsers:
    """The parsing processes, made (and the parsers loaded) when a material is first read.

    A build that finds every material unchanged loads no parser: the indexing pipeline is most
    of a no-op ``otsmaterials index``'s start (0.12 of its 0.28 s).
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ParsePool | None = None

    def pool(self) -> ParsePool:
        """The processes' pool, made on first use."""
        if self._pool is None:
            from otsmaterials.index.parsing import ParsePool  # noqa: PLC0415 - see the class

            self._pool = ParsePool(self.workers)
        return self._pool

    def parallel(self) -> bool:
        """Whether files may go to the processes (not once they could not be started)."""
        pool = self._pool
        return self.workers >= 2 if pool is None else pool.parallel(pool.threshold)

    def close(self) -> None:
        """Stop the processes, if any were started (without waiting for them)."""
        if self._pool is not None:
            self._pool.close()


def _transaction(
    connection: sqlite3.Connection,
    build: Callable[[_Parsers], tuple[list[MaterialStatus], list[IndexProblem], bool]],
    *,
    catalogue_name: str,
    workers: int,
) -> tuple[list[MaterialStatus], list[IndexProblem], bool]:
    """The build in one ``BEGIN IMMEDIATE`` transaction: committed if anything changed."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        store.hold_merging(connection)
        parsers = _Parsers(workers)
        try:
            statuses, problems, changed = build(parsers)
        finally:
            parsers.close()  # the build commits while the workers end
        if changed:
            store.tidy_search(
                connection,
                read=sum(s.lessons for s in statuses if s.status == "indexed"),
                total=sum(s.lessons for s in statuses),
            )
            generation = int(store.meta(connection).get("generation", "0")) + 1
            store.set_meta(
                connection,
                {
                    "generation": str(generation),
                    "built_at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
                    "catalogue": catalogue_name,
                },
            )
            connection.execute("COMMIT")
        else:
            connection.execute("ROLLBACK")
    except BaseException:
        store.rollback(connection)
        raise
    return statuses, problems, changed


def _close(connection: sqlite3.Connection) -> None:
    """Close the index (the last connection to close removes its ``-wal`` and ``-shm`` files).

    No explicit checkpoint: it would wait for the readers that are still open.
    """
    with contextlib.suppress(sqlite3.Error):
        connection.close()


def _build(  # noqa: PLR0917 - the build's parts, passed down once
    connection: sqlite3.Connection,
    catalogue: Catalogue,
    materials: list[MaterialSpec],
    mirrors: Cache,
    limits: Limits,
    progress: Callable[[IndexProgress], None] | None,
    *,
    full: bool,
    parsers: _Parsers,
) -> tuple[list[MaterialStatus], list[IndexProblem], bool]:
    states = store.material_states(connection)
    positions = {spec.id: n for n, spec in enumerate(catalogue.materials)}
    statuses: list[MaterialStatus] = []
    problems: list[IndexProblem] = []
    changed = False
    adapted = [_adapted(catalogue, spec, mirrors) for spec in materials]
    ahead = partial(_send_ahead, connection, mirrors=mirrors, limits=limits, states=states)
    sent = ahead(materials[0], adapted[0], parsers) if materials else None
    for number, spec in enumerate(materials):
        # The next material's files go to the parsing processes before this one is indexed:
        # they parse them while this process assembles and writes this one.
        following = number + 1 < len(materials)
        sent_next = (
            ahead(materials[number + 1], adapted[number + 1], parsers) if following else None
        )
        status, result = _contained(
            connection,
            spec.id,
            partial(
                _one,
                connection,
                spec,
                mirrors,
                limits,
                states,
                parsers=parsers,
                adapted=adapted[number],
                sent=sent,
            ),
            position=positions[spec.id],
        )
        if sent is not None:
            parsers.pool().forget(sent.keys)
        sent = sent_next
        if result is not None:
            problems.extend(result.problems)
            changed = True
        statuses.append(status)
        if progress is not None:
            progress(IndexProgress(spec.id, len(statuses), len(materials), status))
    if full:
        for stale in sorted(set(states) - {spec.id for spec in catalogue.materials}):
            store.delete_material(connection, stale)
            changed = True
    if store.material_states(connection) or changed:
        rows = connection.execute("SELECT DISTINCT value FROM lessons, json_each(lessons.topics)")
        found = {topic for (topic,) in rows}
        changed = store.write_topics(connection, _topics(catalogue, found)) or changed
    if store.meta(connection).get("catalogue") != catalogue.name:
        changed = True
    return statuses, problems, changed


def _contained(
    connection: sqlite3.Connection,
    material_id: str,
    index_one: Callable[
        [], tuple[MaterialStatus, MaterialIndex | None, str, list[tuple[str, str]]]
    ],
    *,
    position: int,
) -> tuple[MaterialStatus, MaterialIndex | None]:
    """Index and store one material inside a savepoint.

    Any failure of the material (an unexpected exception included) undoes what it wrote and is
    its ``failed`` status, its previous entry kept; only a failure of the index file itself
    (disk full, read-only, I/O) or of a module that loads as the material is read stops the
    build.
    """
    connection.execute("SAVEPOINT material")
    try:
        status, result, state, blobs = index_one()
        if result is not None:
            store.write_material(connection, result, position=position, state=state, blobs=blobs)
    except Exception as error:
        if store.is_storage_failure(error) or _while_loading(error):
            raise
        connection.execute("ROLLBACK TO material")
        connection.execute("RELEASE material")
        message = f"{unexpected(error)}; its previous entry is kept"
        return MaterialStatus(id=material_id, status="failed", error=message), None
    connection.execute("RELEASE material")
    return status, result


def _while_loading(error: BaseException) -> bool:
    """Whether ``error`` came from a module's own code as it loaded (the parsers load lazily).

    That is the installation's failure, or what a library made of an interrupt (pydantic
    reports one that lands while it builds a model's validator as a ``SchemaError``), never
    the material's: the build stops rather than record it against every material.
    """
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_name == "<module>":
            return True
        trace = trace.tb_next
    return False


def _send_ahead(
    connection: sqlite3.Connection,
    spec: MaterialSpec,
    adapted: tuple[MaterialSpec, Mirror] | None,
    parsers: _Parsers,
    *,
    mirrors: Cache,
    limits: Limits,
    states: dict[str, str],
) -> Sent | None:
    """Send a material's lesson files to the parsing processes, if it is to be indexed again.

    Only a guess ahead: whatever goes wrong here, the material's own indexing finds and
    reports (:func:`_one`).
    """
    if not parsers.parallel():
        return None
    mirror = mirrors.mirror(spec.id)
    try:
        if not mirror.exists():
            return None
        state = _state(spec, mirror.branches(), adapted[1].branches() if adapted else {})
        if states.get(spec.id) == state:
            return None
        from otsmaterials.index.material import send_lessons  # noqa: PLC0415 - see _Parsers

        pool = parsers.pool()
        pool.prepare()
        cache = store.SqliteParseCache(connection)
        return send_lessons(spec, mirror, cache=cache, limits=limits, pool=pool)
    except Exception:  # noqa: BLE001 - reported when the material is indexed
        return None


def _one(
    connection: sqlite3.Connection,
    spec: MaterialSpec,
    mirrors: Cache,
    limits: Limits,
    states: dict[str, str],
    *,
    parsers: _Parsers,
    adapted: tuple[MaterialSpec, Mirror] | None = None,
    sent: Sent | None = None,
) -> tuple[MaterialStatus, MaterialIndex | None, str, list[tuple[str, str]]]:
    mirror = mirrors.mirror(spec.id)
    if not mirror.exists():
        message = "no mirror yet: run `otsmaterials sync`"
        return MaterialStatus(id=spec.id, status="missing", error=message), None, "", []
    try:
        branches = mirror.branches()
        state = _state(spec, branches, adapted[1].branches() if adapted else {})
        if states.get(spec.id) == state:
            commit = branches.get(spec.branch or mirror.default_branch() or "")
            (count,) = connection.execute(
                "SELECT count(*) FROM lessons WHERE material = ?", (spec.id,)
            ).fetchone()
            status = MaterialStatus(id=spec.id, status="unchanged", commit=commit, lessons=count)
            return status, None, state, []
        from otsmaterials.index.material import index_material  # noqa: PLC0415 - see _Parsers

        parse_cache = store.SqliteParseCache(connection)
        result = index_material(
            spec,
            mirror,
            cache=parse_cache,
            source=redact(spec.source),
            limits=limits,
            pool=parsers.pool(),
            adapted=adapted,
            sent=sent,
        )
    except OtsMaterialsError as error:
        return MaterialStatus(id=spec.id, status="failed", error=str(error)), None, "", []
    status = MaterialStatus(
        id=spec.id, status="indexed", commit=result.material.commit, lessons=len(result.lessons)
    )
    if any(problem.message.startswith(UNEXPECTED) for problem in result.problems):
        state = ""  # a parser failed as it should not: read the material again next time
    return status, result, state, sorted(parse_cache.used)
