"""One build of the index, read in one read transaction, without the data models.

``Snapshot.open`` begins the transaction and reads the meta values, the topics and the materials'
rows; the lessons' places, topics and usable languages are read on the first query that needs
them, a lesson's JSON when it is asked for, all in the same transaction (so from the same
build). ``close`` reads what is left before it ends the transaction.

It imports neither pydantic nor the models: :class:`~otsmaterials.index.query.Index` decodes the
rows into models, and the command line's table of ``list`` and ``search`` reads them as they are
(``index/glance.py``), so that a query process does not pay for building the models' validators.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from otsmaterials.errors import IndexNotBuiltError, StorageError
from otsmaterials.index import store

__all__ = ["LessonPlace", "Places", "SearchScope", "Snapshot"]


@dataclass(frozen=True)
class LessonPlace:
    """Where a lesson is (its material and order), its topics and its usable languages."""

    id: str
    material: str
    material_position: int
    position: int
    topics: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass
class Places:
    """Every lesson's place, topics and usable languages (not its data), and lookups by them."""

    rows: dict[str, LessonPlace]
    order: list[str] = field(init=False)
    by_topic: dict[str, list[str]] = field(default_factory=dict)
    by_material: dict[str, list[str]] = field(default_factory=dict)
    by_language: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Lesson ids per topic, material and usable language, in lesson order (for queries)."""
        rows = self.rows
        self.order = sorted(rows, key=lambda i: (rows[i].material_position, rows[i].position, i))
        for ident in self.order:
            row = rows[ident]
            self.by_material.setdefault(row.material, []).append(ident)
            for topic in row.topics:
                self.by_topic.setdefault(topic, []).append(ident)
            for tag in row.languages:
                self.by_language.setdefault(tag, []).append(ident)

    def select(
        self,
        *,
        topic: str | None = None,
        tag: str | None = None,
        material: str | None = None,
        materials: set[str] | None = None,
    ) -> list[str]:
        """Lesson ids in lesson order, of the lessons that match every filter given.

        ``topic``, a usable version in ``tag``, of ``material``, of one of ``materials``.
        """
        rows = self.rows
        candidates = [
            ids
            for wanted, ids in (
                (topic, self.by_topic.get(topic or "", [])),
                (material, self.by_material.get(material or "", [])),
                (tag, self.by_language.get(tag or "", [])),
            )
            if wanted is not None
        ]
        pool = min(candidates, key=len) if candidates else self.order
        return [
            ident
            for ident in pool
            if (topic is None or topic in rows[ident].topics)
            and (material is None or rows[ident].material == material)
            and (tag is None or tag in rows[ident].languages)
            and (materials is None or rows[ident].material in materials)
        ]


@dataclass(frozen=True)
class SearchScope:
    """The versions a search looks at: one language's (its slot of rowids), or every one."""

    slot: int | None
    versions: int


class Snapshot:
    """One build of the index, read on demand in one read transaction (see the module docstring).

    ``is_decoded`` tells ``close`` which lessons a subclass holds already in another form.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.connection: sqlite3.Connection | None = connection
        self.finalizer: Callable[[], object] = weakref.finalize(self, connection.close)
        self.meta = store.meta(connection)
        if "generation" not in self.meta:  # the schema is there, the first build never committed
            raise IndexNotBuiltError(store.NOT_BUILT, path=path)
        self.material_rows: list[tuple[str, int, str]] = list(
            connection.execute("SELECT id, position, data FROM materials ORDER BY position")
        )
        self.topics: list[tuple[str, str]] = list(
            connection.execute("SELECT id, name FROM topics ORDER BY position")
        )
        self._places: Places | None = None
        self._languages: dict[str, tuple[int, int]] | None = None
        self.data: dict[str, str] = {}
        """Lesson id → JSON, read by ``close`` for the lessons not decoded yet."""

    @classmethod
    def open(cls, path: Path) -> Self:
        """Begin the read transaction the snapshot is read in (open until ``close``)."""
        try:
            connection = store.connect(path, readonly=True)
            try:
                connection.execute("BEGIN")
                return cls(path, connection)
            except BaseException:
                connection.close()
                raise
        except sqlite3.DatabaseError as error:
            raise StorageError(f"not a usable index: {error}", path=path) from error

    def is_decoded(self, lesson_id: str) -> bool:
        """Whether the lesson is held in another form (``close`` need not keep its JSON)."""
        return False

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run a query in the snapshot's read transaction."""
        with self.lock:
            if self.connection is None:
                raise StorageError("this Index is closed", path=self.path)
            return self.connection.execute(sql, parameters).fetchall()

    def search_scope(self, tag: str | None) -> SearchScope | None:
        """The versions a search in ``tag`` (in every language: ``None``) looks at, counted.

        ``None`` when no version in that language was ever indexed.
        """
        languages = self._languages
        if languages is None:
            with self.lock:
                if self.connection is None:
                    raise StorageError("this Index is closed", path=self.path)
                languages = self._languages = store.search_languages(self.connection)
        if tag is None:
            return SearchScope(None, sum(versions for _, versions in languages.values()))
        found = languages.get(tag)
        return None if found is None else SearchScope(*found)

    def search_rowids(self, tag: str) -> tuple[int, int] | None:
        """The search table's rowids for versions in ``tag`` (``None``: none ever indexed)."""
        with self.lock:
            if self.connection is None:
                raise StorageError("this Index is closed", path=self.path)
            return store.search_rowids(self.connection, tag)

    @property
    def lessons(self) -> Places:
        """The lessons' places, topics and languages (read on first use)."""
        places = self._places
        if places is None:
            with self.lock:
                places = self._places
                if places is None:
                    places = self._places = self._read_places()
        return places

    def _read_places(self) -> Places:
        positions = {ident: position for ident, position, _ in self.material_rows}
        tuples = functools.lru_cache(maxsize=None)(lambda text: tuple(json.loads(text)))
        return Places(
            {
                ident: LessonPlace(
                    ident,
                    material,
                    positions.get(material, 0),
                    position,
                    tuples(topic_json),
                    tuples(language_json),
                )
                for ident, material, position, topic_json, language_json in self.rows(
                    "SELECT id, material, position, topics, languages FROM lessons"
                )
            }
        )

    def select(
        self,
        *,
        topic: str | None = None,
        tag: str | None = None,
        material: str | None = None,
        status: str | None = None,
    ) -> list[str]:
        """Lesson ids in lesson order, of the lessons that match every filter given.

        ``topic``, a usable version in ``tag``, of ``material``, of a material at ``status`` in
        its life cycle (as the catalogue says).
        """
        return self.lessons.select(
            topic=topic,
            tag=tag,
            material=material,
            materials=None if status is None else self.materials_at(status),
        )

    @functools.cached_property
    def statuses(self) -> dict[str, str | None]:
        """Material id → its life cycle status as the catalogue says (read once)."""
        return {ident: json.loads(data).get("status") for ident, _, data in self.material_rows}

    def materials_at(self, status: str) -> set[str]:
        """The ids of the materials at ``status`` in their life cycle (as the catalogue says)."""
        return {ident for ident, found in self.statuses.items() if found == status}

    def lesson_data(self, lesson_ids: list[str]) -> list[tuple[str, str]]:
        """The stored JSON of these lessons (those the snapshot has), in no particular order."""
        with self.lock:
            if self.connection is None:
                return [(i, self.data[i]) for i in lesson_ids if i in self.data]
            if len(lesson_ids) == 1:
                return self.rows("SELECT id, data FROM lessons WHERE id = ?", lesson_ids)
            return self.rows(
                "SELECT id, data FROM lessons WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(lesson_ids)],
            )

    def known(self, lesson_ids: Sequence[str]) -> set[str]:
        """Which of these ids are lessons of the snapshot."""
        places = self._places
        if places is not None:
            return {ident for ident in lesson_ids if ident in places.rows}
        found = self.rows(
            "SELECT id FROM lessons WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(lesson_ids))],
        )
        return {ident for (ident,) in found}

    def close(self) -> None:
        """Read what is left, then end the read transaction."""
        with self.lock:
            if self.connection is None:
                return
            self.lessons  # noqa: B018 - read before the transaction ends
            for ident, data in self.connection.execute("SELECT id, data FROM lessons"):
                if not self.is_decoded(ident):
                    self.data[ident] = data
            self.finalizer()
            self.connection = None
