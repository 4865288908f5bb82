"""Reading the index: an immutable snapshot loaded once, queried in memory.

``Index.open`` reads the whole index in one read transaction, so every answer of one ``Index``
comes from one build (one ``generation``), whatever writers do meanwhile. Lessons are decoded from
JSON on first use. A long-lived process calls :meth:`Index.reload` and swaps its reference; readers
holding the old object keep a consistent view. Full-text search asks SQLite (FTS5) and keeps only
lessons of the snapshot.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from otsmaterials._support.model import FrozenModel
from otsmaterials.attribution.people import CreditOrder, order_names
from otsmaterials.attribution.render import Attribution, localized_deed, short_licence_name
from otsmaterials.catalogue.model import LifeCycle
from otsmaterials.errors import IndexNotBuiltError, NotFoundError, StorageError
from otsmaterials.index import store
from otsmaterials.index.export import (
    ExportDocument,
    ExportTopic,
    export_material,
    jekyll_sections,
    to_json,
)
from otsmaterials.index.models import LanguageInfo, Lesson, LessonVersion, Material, Topic
from otsmaterials.languages.tags import normalize_language
from otsmaterials.licensing.spdx import known as known_licence

__all__ = ["Index", "NotFoundError", "SearchHit"]


class SearchHit(FrozenModel):
    """A lesson version matching a full-text search."""

    lesson: str
    """The lesson id."""
    language: str
    """The language of the matching version."""
    title: str
    """The version's title."""
    snippet: str
    """The matching passage, matches in ``[brackets]``."""
    rank: float
    """BM25 rank (lower is better)."""


@dataclass(frozen=True)
class _Row:
    id: str
    material: str
    material_position: int
    position: int
    topics: tuple[str, ...]
    languages: tuple[str, ...]
    data: str


@dataclass
class _Snapshot:
    meta: dict[str, str]
    materials: dict[str, Material]
    topics: list[tuple[str, str]]
    rows: dict[str, _Row]
    order: list[str]
    lock: threading.Lock = field(default_factory=threading.Lock)
    decoded: dict[str, Lesson] = field(default_factory=dict)
    by_topic: dict[str, list[str]] = field(default_factory=dict)
    by_material: dict[str, list[str]] = field(default_factory=dict)
    by_language: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Lesson ids per topic, material and usable language, in lesson order (for queries)."""
        for ident in self.order:
            row = self.rows[ident]
            self.by_material.setdefault(row.material, []).append(ident)
            for topic in row.topics:
                self.by_topic.setdefault(topic, []).append(ident)
            for tag in row.languages:
                self.by_language.setdefault(tag, []).append(ident)


def _load(path: Path) -> tuple[_Snapshot, sqlite3.Connection]:
    """Read the index in one read transaction, which stays open for full-text search."""
    connection = store.connect(path, readonly=True)
    try:
        connection.execute("BEGIN")
        meta = store.meta(connection)
        if "generation" not in meta:  # the schema is there, the first build never committed
            raise IndexNotBuiltError(store.NOT_BUILT, path=path)
        materials = {}
        positions = {}
        for ident, position, data in connection.execute(
            "SELECT id, position, data FROM materials ORDER BY position"
        ):
            materials[ident] = Material.model_validate_json(data)
            positions[ident] = position
        topics = list(connection.execute("SELECT id, name FROM topics ORDER BY position"))
        rows = {}
        for ident, material, position, topic_json, language_json, data in connection.execute(
            "SELECT id, material, position, topics, languages, data FROM lessons"
        ):
            rows[ident] = _Row(
                ident,
                material,
                positions.get(material, 0),
                position,
                tuple(json.loads(topic_json)),
                tuple(json.loads(language_json)),
                data,
            )
    except BaseException:
        connection.close()
        raise
    order = sorted(rows, key=lambda i: (rows[i].material_position, rows[i].position, i))
    return _Snapshot(meta, materials, topics, rows, order), connection


class Index:
    """A read-only view of one build of the index (see the module docstring)."""

    def __init__(self, path: Path, snapshot: _Snapshot, connection: sqlite3.Connection) -> None:
        self.path = path
        """The index file."""
        self._snapshot = snapshot
        self._search_lock = threading.Lock()
        self._search: sqlite3.Connection | None = connection
        self._finalizer: Callable[[], object] = weakref.finalize(self, connection.close)

    def _search_rows(self, sql: str, parameters: list[object]) -> list[tuple[Any, ...]]:
        """Run a search in the read transaction the snapshot was loaded in (same generation)."""
        with self._search_lock:
            if self._search is None:
                raise StorageError("this Index is closed", path=self.path)
            return self._search.execute(sql, parameters).fetchall()

    def close(self) -> None:
        """End the snapshot's read transaction (also done when the Index is collected).

        A closed Index still answers every query but ``search``.
        """
        with self._search_lock:
            self._finalizer()
            self._search = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @classmethod
    def open(cls, path: str | Path) -> Index:
        """Open the index file at ``path``."""
        file = Path(path)
        try:
            return cls(file, *_load(file))
        except sqlite3.DatabaseError as error:
            raise StorageError(f"not a usable index: {error}", path=file) from error

    def reload(self) -> Index:
        """A fresh snapshot of the same file (this one is left as it is)."""
        return Index.open(self.path)

    @property
    def generation(self) -> int:
        """Which build this snapshot comes from (increases with every build that changed it)."""
        return int(self._snapshot.meta.get("generation", "0"))

    @property
    def catalogue_name(self) -> str:
        """The name of the catalogue the index was built from."""
        return self._snapshot.meta.get("catalogue", "")

    @property
    def built_at(self) -> str | None:
        """When the index last changed (ISO 8601)."""
        return self._snapshot.meta.get("built_at")

    def materials(self) -> list[Material]:
        """Every material, in catalogue order."""
        return list(self._snapshot.materials.values())

    def material(self, material_id: str) -> Material:
        """One material."""
        try:
            return self._snapshot.materials[material_id]
        except KeyError:
            raise NotFoundError(f"no material {material_id!r} in the index") from None

    def topics(self) -> list[Topic]:
        """Topics with their display names and lesson counts, in catalogue order."""
        counts: dict[str, int] = {}
        for row in self._snapshot.rows.values():
            for topic in row.topics:
                counts[topic] = counts.get(topic, 0) + 1
        return [
            Topic(id=i, name=name, lessons=counts.get(i, 0)) for i, name in self._snapshot.topics
        ]

    def languages(self, *, display_locale: str = "en") -> list[LanguageInfo]:
        """Languages with usable versions, named in ``display_locale`` and in themselves."""
        from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - only when names are asked

        counts: dict[str, int] = {}
        for row in self._snapshot.rows.values():
            for language in row.languages:
                counts[language] = counts.get(language, 0) + 1
        display = Locale.parse(normalize_language(display_locale), sep="-")
        infos = []
        for tag in sorted(counts):
            try:
                locale = Locale.parse(tag, sep="-")
                name = locale.get_display_name(display) or tag
                native = locale.get_display_name(locale) or tag
            except (ValueError, UnknownLocaleError):
                name = native = tag
            infos.append(LanguageInfo(tag=tag, name=name, native_name=native, lessons=counts[tag]))
        return infos

    def lesson(self, lesson_id: str) -> Lesson:
        """One lesson with all its versions."""
        snapshot = self._snapshot
        lesson = snapshot.decoded.get(lesson_id)
        if lesson is not None:
            return lesson
        row = snapshot.rows.get(lesson_id)
        if row is None:
            raise NotFoundError(f"no lesson {lesson_id!r} in the index")
        lesson = Lesson.model_validate_json(row.data)
        with snapshot.lock:
            snapshot.decoded.setdefault(lesson_id, lesson)
        return lesson

    def lessons(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        min_completeness: float = 0.0,
        status: LifeCycle | None = None,
    ) -> list[Lesson]:
        """Lessons, filtered by topic, language (a usable version in it), material and status.

        ``status`` is the material's life cycle (``current``, ``outdated``, ``retired``).
        """
        tag = normalize_language(language) if language else None
        snapshot = self._snapshot
        rows = snapshot.rows
        candidates = [
            ids
            for wanted, ids in (
                (topic, snapshot.by_topic.get(topic or "", [])),
                (material, snapshot.by_material.get(material or "", [])),
                (tag, snapshot.by_language.get(tag or "", [])),
            )
            if wanted is not None
        ]
        pool = min(candidates, key=len) if candidates else snapshot.order
        selected = [
            ident
            for ident in pool
            if (topic is None or topic in rows[ident].topics)
            and (material is None or rows[ident].material == material)
            and (tag is None or tag in rows[ident].languages)
        ]
        if status is not None:
            allowed = self._with_status(status)
            selected = [ident for ident in selected if rows[ident].material in allowed]
        lessons = [self.lesson(ident) for ident in selected]
        if tag is not None and min_completeness > 0:
            lessons = [x for x in lessons if x.versions[tag].completeness >= min_completeness]
        return lessons

    def best_version(
        self, lesson_id: str, accept: str | Sequence[str], *, min_completeness: float = 0.0
    ) -> LessonVersion:
        """The version a reader who accepts ``accept`` should get; the original when none fits.

        ``accept`` is an ``Accept-Language`` header or a list of tags (``["de-AT", "fr;q=0.8"]``).
        A version with nothing translated (completeness 0) is never chosen.
        """
        from otsmaterials.languages.negotiation import negotiate  # noqa: PLC0415 - loads CLDR data

        lesson = self.lesson(lesson_id)
        available = lesson.languages(min_completeness=min_completeness)
        if isinstance(accept, str):
            accept = accept.split(",")
        # "*" adds nothing here: whatever else matches, the fallback is the original.
        wanted = [item for item in accept if item.split(";", 1)[0].strip() != "*"]
        chosen = negotiate(wanted, available)
        return lesson.versions[chosen] if chosen else lesson.original()

    def _with_status(self, status: LifeCycle) -> set[str]:
        """The ids of the materials at ``status`` in their life cycle."""
        return {m.id for m in self._snapshot.materials.values() if m.status == status}

    def search(
        self,
        text: str,
        *,
        language: str | None = None,
        limit: int = 20,
        status: LifeCycle | None = None,
    ) -> list[SearchHit]:
        """Full-text search (diacritics and case ignored; words may be prefixes).

        ``status``: only in the materials at that point of their life cycle.
        """
        words = re.findall(r"\w+", text)
        if not words:
            return []
        query = " ".join(f'"{word}"*' for word in words)
        sql = (
            "SELECT lesson, language, title, snippet(search, 3, '[', ']', '…', 12), rank "
            "FROM search WHERE search MATCH ?"
        )
        parameters: list[object] = [query]
        if language:
            sql += " AND language = ?"
            parameters.append(normalize_language(language))
        if status is not None:
            allowed = sorted(self._with_status(status))
            if not allowed:
                return []
            marks = ", ".join("?" for _ in allowed)
            sql += f" AND substr(lesson, 1, instr(lesson, '/') - 1) IN ({marks})"
            parameters.extend(allowed)
        sql += " ORDER BY rank LIMIT ?"  # FTS5's built-in BM25: cheaper than calling bm25()
        parameters.append(max(1, limit) * 2)
        rows = self._search_rows(sql, parameters)
        hits = [
            SearchHit(lesson=lesson, language=tag, title=title, snippet=snippet, rank=rank)
            for lesson, tag, title, snippet, rank in rows
            if lesson in self._snapshot.rows
        ]
        return hits[:limit]

    def export_document(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        include_emails: bool = False,
        order: CreditOrder = "name",
    ) -> ExportDocument:
        """The JSON export as a model; the filters keep lessons that match all of them.

        Contributors' e-mail addresses are left out unless ``include_emails``; contributors,
        authors and translators are listed by ``name`` or most ``contributions`` first.
        """
        lessons = self.lessons(topic=topic, language=language, material=material)
        by_material: dict[str, list[Lesson]] = {}
        for lesson in lessons:
            by_material.setdefault(lesson.material, []).append(lesson)
        filtered = topic is not None or language is not None or material is not None
        materials = tuple(
            export_material(item, by_material.get(item.id, []), order=order)
            for item in self.materials()
            if item.id in by_material or not filtered
        )
        topics = tuple(ExportTopic(id=ident, name=name) for ident, name in self._snapshot.topics)
        document = ExportDocument(catalogue=self.catalogue_name, topics=topics, materials=materials)
        return document.with_emails() if include_emails else document

    def export_json(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        include_emails: bool = False,
        order: CreditOrder = "name",
    ) -> str:
        """The JSON export (``docs/site-generators.md``) as deterministic text."""
        document = self.export_document(
            topic=topic,
            language=language,
            material=material,
            include_emails=include_emails,
            order=order,
        )
        return to_json(document)

    def export_jekyll(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
    ) -> str:
        """The learn portal's ``sections:`` YAML, with each workshop's languages."""
        import yaml  # noqa: PLC0415 - only this export needs a YAML writer

        document = self.export_document(topic=topic, language=language, material=material)
        data = jekyll_sections(self._snapshot.topics, document.materials)
        text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        return text

    def attribution(
        self, lesson_id: str, *, language: str | None = None, order: CreditOrder = "name"
    ) -> Attribution:
        """The TASL attribution of a lesson for a reader of ``language``.

        The version credited is the one in ``language`` when it has translated text, else the
        best match for it (else the original); the attribution is written in ``language``.
        ``order``: authors and translators by ``name`` (the default) or most ``contributions``
        first.
        """
        lesson = self.lesson(lesson_id)
        locale = normalize_language(language) if language else lesson.original_language
        version = lesson.versions.get(locale)
        if version is None or version.completeness <= 0:
            version = self.best_version(lesson_id, [locale])
        original = lesson.original()
        material = self.material(lesson.material)
        spdx = version.license or (material.license.spdx if material.license else "NOASSERTION")
        translated = version.kind != "original"
        return Attribution(
            lesson=lesson.id,
            language=version.language,
            locale=locale,
            title=version.title,
            url=version.url,
            authors=order_names(original.authors, order),
            source=material.site_url or material.source,
            license=spdx,
            license_name=short_licence_name(spdx),
            license_url=localized_deed(known_licence(spdx).url, locale),
            translators=order_names(version.translators, order) if translated else (),
            adapted_from=original.title if translated else None,
            adapted_from_url=original.url if translated else None,
        )

    def translation_memory(self, language: str) -> dict[str, str]:
        """Msgid → msgstr of every translated gettext message in ``language`` (all materials)."""
        tag = normalize_language(language)
        rows = self._search_rows(
            "SELECT msgid, msgstr FROM memory WHERE language = ? ORDER BY material", [tag]
        )
        pairs: dict[str, str] = {}
        for msgid, msgstr in rows:
            pairs.setdefault(str(msgid), str(msgstr))
        return pairs
