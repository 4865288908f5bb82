"""Reading the index: an immutable snapshot loaded once, queried in memory.

``Index.open`` reads the whole index in one read transaction, so every answer of one ``Index``
comes from one build (one ``generation``), whatever writers do meanwhile. Lessons are decoded from
JSON on first use. A long-lived process calls :meth:`Index.reload` and swaps its reference; readers
holding the old object keep a consistent view. Full-text search asks SQLite (FTS5) and keeps only
lessons of the snapshot.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
import sqlite3
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otsmaterials._support.exact import Threshold, as_fraction
from otsmaterials._support.model import FrozenModel
from otsmaterials.catalogue.lifecycle import LifeCycle
from otsmaterials.errors import IndexNotBuiltError, NotFoundError, StorageError
from otsmaterials.index import store
from otsmaterials.index.models import LanguageInfo, Lesson, LessonVersion, Material, Topic
from otsmaterials.languages.spellings import query_spellings
from otsmaterials.languages.tags import normalize_language

if TYPE_CHECKING:  # the export and the attribution load when they are asked for
    from otsmaterials.attribution.people import CreditOrder
    from otsmaterials.attribution.render import Attribution
    from otsmaterials.index.export import ExportDocument

__all__ = ["RANKED", "Index", "NotFoundError", "SearchHit"]

RANKED = 500
"""The most versions a search ranks: past that, its words are in most lessons and BM25 says little
(ranking costs microseconds a version; finding the matches, a fraction of that)."""


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


@dataclass
class _Lessons:
    """Every lesson's place, topics and usable languages (not its data), and lookups by them."""

    rows: dict[str, _Row]
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


@dataclass(frozen=True)
class _Scope:
    """The versions a search looks at: one language's (its slot of rowids), or every one."""

    slot: int | None
    versions: int


class _Snapshot:
    """One build of the index, read on demand in the read transaction ``Index.open`` began.

    Opening reads the meta values, topics and materials' rows; the lessons' places are read on
    the first query that needs them, and a lesson's data when it is first asked for, all in the
    same transaction (so from the same build). ``close`` reads what is left before it ends the
    transaction, so a closed snapshot still answers every query but full-text search.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.connection: sqlite3.Connection | None = connection
        self.finalizer: Callable[[], object] = weakref.finalize(self, connection.close)
        self.meta = store.meta(connection)
        if "generation" not in self.meta:  # the schema is there, the first build never committed
            raise IndexNotBuiltError(store.NOT_BUILT, path=path)
        self.material_rows = list(
            connection.execute("SELECT id, position, data FROM materials ORDER BY position")
        )
        self.topics: list[tuple[str, str]] = list(
            connection.execute("SELECT id, name FROM topics ORDER BY position")
        )
        self._materials: dict[str, Material] | None = None
        self._lessons: _Lessons | None = None
        self._languages: dict[str, tuple[int, int]] | None = None
        self.data: dict[str, str] = {}
        """Lesson id → JSON, read by ``close`` for the lessons not decoded yet."""
        self.decoded: dict[str, Lesson] = {}

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run a query in the snapshot's read transaction."""
        with self.lock:
            if self.connection is None:
                raise StorageError("this Index is closed", path=self.path)
            return self.connection.execute(sql, parameters).fetchall()

    def search_scope(self, tag: str | None) -> _Scope | None:
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
            return _Scope(None, sum(versions for _, versions in languages.values()))
        found = languages.get(tag)
        return None if found is None else _Scope(*found)

    def search_rowids(self, tag: str) -> tuple[int, int] | None:
        """The search table's rowids for versions in ``tag`` (``None``: none ever indexed)."""
        with self.lock:
            if self.connection is None:
                raise StorageError("this Index is closed", path=self.path)
            return store.search_rowids(self.connection, tag)

    @property
    def materials(self) -> dict[str, Material]:
        """Material id → material, in catalogue order (decoded on first use)."""
        materials = self._materials
        if materials is None:
            materials = {
                ident: Material.model_validate_json(data) for ident, _, data in self.material_rows
            }
            self._materials = materials
        return materials

    @property
    def lessons(self) -> _Lessons:
        """The lessons' places, topics and languages (read on first use)."""
        lessons = self._lessons
        if lessons is None:
            with self.lock:
                lessons = self._lessons
                if lessons is None:
                    lessons = self._lessons = self._read_lessons()
        return lessons

    def _read_lessons(self) -> _Lessons:
        positions = {ident: position for ident, position, _ in self.material_rows}
        tuples = functools.lru_cache(maxsize=None)(lambda text: tuple(json.loads(text)))
        return _Lessons(
            {
                ident: _Row(
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

    def lesson(self, lesson_id: str) -> Lesson | None:
        """One lesson, decoded on first use; ``None`` when the snapshot has none of that id."""
        found = self.load([lesson_id])
        return found[0] if found else None

    def load(self, lesson_ids: Sequence[str]) -> list[Lesson]:
        """Lessons by id, in that order, decoded on first use; unknown ids are left out."""
        decoded = self.decoded
        missing = [ident for ident in lesson_ids if ident not in decoded]
        if missing:
            fresh = {ident: Lesson.model_validate_json(data) for ident, data in self._data(missing)}
            with self.lock:
                for ident, lesson in fresh.items():
                    decoded.setdefault(ident, lesson)
        return [decoded[ident] for ident in lesson_ids if ident in decoded]

    def _data(self, lesson_ids: list[str]) -> list[tuple[str, str]]:
        """The stored JSON of these lessons (those the snapshot has)."""
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
        lessons = self._lessons
        if lessons is not None:
            return {ident for ident in lesson_ids if ident in lessons.rows}
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
                if ident not in self.decoded:
                    self.data[ident] = data
            self.finalizer()
            self.connection = None


def _load(path: Path) -> _Snapshot:
    """Begin the read transaction the snapshot is read in (open until ``close``)."""
    connection = store.connect(path, readonly=True)
    try:
        connection.execute("BEGIN")
        return _Snapshot(path, connection)
    except BaseException:
        connection.close()
        raise


EXPANDED = 16
"""A query word of four letters or more is looked up as the words of the index it begins when
they are at most this many (an FTS5 prefix query of them merges the lists of every such word)."""


def _spellings(word: str, language: str | None) -> list[str]:
    """One query word and its customary spellings (``languages/spellings.py``)."""
    tag = normalize_language(language) if language else None
    return list(query_spellings(word, tag))


_Ranked = tuple[int, float]
"""A search table rowid and its rank (lower is better)."""


@dataclass(frozen=True)
class _Range:
    """Where a search looks: a range of the search table's rowids, and which materials."""

    first: int
    last: int
    among: str | None
    """The ids of the materials searched as a JSON list; ``None``: every material."""


@dataclass(frozen=True)
class _Phrase:
    """One FTS5 phrase of a query word."""

    text: str
    """The phrase: an indexed word (``"ubung"``) or a prefix (``"ub"*``)."""
    term: int | None
    """The id of the indexed word the phrase is, or the prefix spells (``search_terms``)."""
    word: bool
    """Whether the phrase is that word (else a prefix, which may match where the word is not)."""


@dataclass(frozen=True)
class _Query:
    """A search's phrases, a group per word, and those common among the versions searched.

    A phrase held by at least half of the versions searched (in the language asked for, or in
    all) is common: FTS5's BM25 gives a phrase in at least half of the rows it counts an IDF of
    zero (made ``1e-6``), so it narrows the matches but says nothing of which is better. A
    prefix is common when the word it spells is.
    """

    groups: list[list[_Phrase]]
    common: frozenset[str]


def _expression(groups: list[list[_Phrase]]) -> str:
    """The FTS5 query that requires a phrase of every group."""
    # AND spelled out: FTS5 takes an implicit AND between phrases, not before a group
    return " AND ".join(
        group[0].text if len(group) == 1 else f"({' OR '.join(p.text for p in group)})"
        for group in groups
    )


APART = 100
"""Hits with more matches than this between them are read by separate passes of one statement
(starting a pass costs about as much as stepping through that many matches)."""

PASSES = 32
"""The most passes of that statement (SQLite allows 500 parts in a ``UNION ALL``)."""


def _runs(rows: list[int], matches: list[int]) -> list[list[int]]:
    """``rows`` (ascending) cut where more than :data:`APART` of ``matches`` lie between two.

    At most :data:`PASSES` runs: the widest gaps are cut.
    """
    gaps = [
        (bisect.bisect_left(matches, row) - bisect.bisect_right(matches, before), n)
        for n, (before, row) in enumerate(itertools.pairwise(rows), 1)
    ]
    cuts = sorted(n for gap, n in sorted(gaps, reverse=True)[: PASSES - 1] if gap > APART)
    return [rows[a:b] for a, b in itertools.pairwise([0, *cuts, len(rows)])]


def _weighed(groups: list[list[_Phrase]], common: frozenset[str]) -> str:
    """The FTS5 query BM25 ranks by: the phrases not in ``common`` (empty when none is).

    A word none of whose phrases is common is required; the rare phrases of a word that has
    common ones are alternatives, so that every candidate holding one of them is ranked.
    """
    required = [group for group in groups if not any(p.text in common for p in group)]
    optional = [p.text for group in groups for p in group if group not in required]
    alternatives = [p for p in optional if p not in common]
    if not required:
        return " OR ".join(alternatives)
    if not alternatives:
        return _expression(required)
    return " OR ".join([f"({_expression(required)})", *alternatives])


class Index:
    """A read-only view of one build of the index (see the module docstring)."""

    def __init__(self, path: Path, snapshot: _Snapshot) -> None:
        self.path = path
        """The index file."""
        self._snapshot = snapshot

    def _search_rows(self, sql: str, parameters: list[object]) -> list[tuple[Any, ...]]:
        """Run a search in the read transaction the snapshot was loaded in (same generation)."""
        return self._snapshot.rows(sql, parameters)

    def close(self) -> None:
        """End the snapshot's read transaction (also done when the Index is collected).

        A closed Index still answers every query but ``search`` and ``translation_memory``
        (what it had not read yet is read first).
        """
        self._snapshot.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @classmethod
    def open(cls, path: str | Path) -> Index:
        """Open the index file at ``path``."""
        file = Path(path)
        try:
            return cls(file, _load(file))
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
        counts = {topic: len(ids) for topic, ids in self._snapshot.lessons.by_topic.items()}
        return [
            Topic(id=i, name=name, lessons=counts.get(i, 0)) for i, name in self._snapshot.topics
        ]

    def languages(self, *, display_locale: str = "en") -> list[LanguageInfo]:
        """Languages with usable versions, named in ``display_locale`` and in themselves."""
        from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - only when names are asked

        counts = {tag: len(ids) for tag, ids in self._snapshot.lessons.by_language.items()}
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
        lesson = self._snapshot.lesson(lesson_id)
        if lesson is None:
            raise NotFoundError(f"no lesson {lesson_id!r} in the index")
        return lesson

    def lessons(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        min_completeness: Threshold = 0.0,
        status: LifeCycle | None = None,
    ) -> list[Lesson]:
        """Lessons, filtered by topic, language (a usable version in it), material and status.

        ``min_completeness`` (with ``language``) is a fraction, 0–1 (``0.9`` is 90 % of the
        words), compared exactly with the words translated: 3,100 of 3,101 do not reach 1.
        ``status`` is the material's life cycle (``current``, ``outdated``, ``retired``).
        """
        tag = normalize_language(language) if language else None
        snapshot = self._snapshot.lessons
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
        lessons = self._snapshot.load(selected)
        if tag is not None and as_fraction(min_completeness) > 0:
            lessons = [x for x in lessons if x.versions[tag].reaches(min_completeness)]
        return lessons

    def best_version(
        self, lesson_id: str, accept: str | Sequence[str], *, min_completeness: Threshold = 0.0
    ) -> LessonVersion:
        """The version a reader who accepts ``accept`` should get; the original when none fits.

        ``accept`` is an ``Accept-Language`` header or a list of tags (``["de-AT", "fr;q=0.8"]``).
        A version with nothing translated (completeness 0) is never chosen, nor one translated
        less than ``min_completeness`` (a fraction, 0–1, compared exactly).
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
        return {m.id for m in self.materials() if m.status == status}

    def _phrases(self, spellings: list[str]) -> list[_Phrase]:
        """FTS5 phrases for a query word's spellings.

        Each is a prefix (``"übung"*``), or, from four letters, the indexed words it begins
        (``"ubung" OR "ubungen"``) when there are at most :data:`EXPANDED`. Empty when no
        indexed word begins any of them.
        """
        phrases: dict[str, _Phrase] = {}
        for spelling in spellings:
            if len(spelling) < 4 or not spelling.isalnum():  # prefix indexes; several tokens
                phrases.setdefault(f'"{spelling}"*', self._prefix(spelling))
                continue
            terms = self._search_rows(
                "SELECT rowid, term FROM search_words WHERE search_words MATCH ? LIMIT ?",
                [f'"{spelling}"*', EXPANDED + 1],
            )
            if len(terms) > EXPANDED:
                phrases.setdefault(f'"{spelling}"*', self._prefix(spelling))
            else:
                for ident, term in terms:
                    phrases.setdefault(f'"{term}"', _Phrase(f'"{term}"', int(ident), word=True))
        return list(phrases.values())

    def _prefix(self, spelling: str) -> _Phrase:
        """The prefix phrase of ``spelling``, with the indexed word it is (when it is one)."""
        found = []
        if spelling.isalnum():  # one token: a word of the index, or none
            found = self._search_rows(
                "SELECT rowid FROM search_words WHERE search_words MATCH ? LIMIT 1",
                [f'"{spelling}"'],
            )
        return _Phrase(f'"{spelling}"*', int(found[0][0]) if found else None, word=False)

    def _query(self, text: str, language: str | None) -> _Query | None:
        """The phrases of ``text``'s words among the versions searched (in ``language``, or all).

        A match must hold a phrase of every word. An indexed word that no version searched holds
        (a word of another language, or of versions removed since) is left out, and so is a word
        said twice. ``None`` when nothing can match: no word, or a word that no version searched
        holds or begins.
        """
        tag = normalize_language(language) if language else None
        scope = self._snapshot.search_scope(tag)
        if scope is None or not scope.versions:
            return None
        words: list[list[_Phrase]] = []
        for word in dict.fromkeys(word.lower() for word in re.findall(r"\w+", text)):
            phrases = self._phrases(_spellings(word, language))
            if not phrases:
                return None
            words.append(phrases)
        terms = {phrase.term for phrases in words for phrase in phrases if phrase.term is not None}
        counts: dict[int, int] = {}
        if terms:
            counts = {
                int(term): int(versions)
                for term, versions in self._search_rows(
                    "SELECT term, sum(versions) FROM search_counts "
                    "WHERE term IN (SELECT value FROM json_each(?)) AND (? IS NULL OR slot = ?) "
                    "GROUP BY term",
                    [json.dumps(sorted(terms)), scope.slot, scope.slot],
                )
            }
        groups: dict[str, list[_Phrase]] = {}
        for phrases in words:
            held = [p for p in phrases if not p.word or counts.get(p.term or 0, 0) > 0]
            if not held:
                return None
            groups.setdefault(_expression([held]), held)
        if not groups:
            return None
        return _Query(
            list(groups.values()),
            frozenset(
                phrase.text
                for phrases in groups.values()
                for phrase in phrases
                if phrase.term is not None and 2 * counts.get(phrase.term, 0) >= scope.versions
            ),
        )

    def _match(self, text: str, language: str | None) -> str | None:
        """The FTS5 query of ``text``'s words, all required (``None``: nothing can match)."""
        found = self._query(text, language)
        return _expression(found.groups) if found else None

    def search(
        self,
        text: str,
        *,
        language: str | None = None,
        limit: int = 20,
        status: LifeCycle | None = None,
    ) -> list[SearchHit]:
        """Full-text search (diacritics and case ignored; words may be prefixes).

        A word also matches its customary spellings in ``language`` (in every language the
        index knows spellings for when ``None``): ``uebung`` finds ``Übung``, ``Übung`` finds
        ``Uebung``, ``coeur`` finds ``cœur`` (``languages/spellings.py``). ``status``: only in
        the materials at that point of their life cycle.

        The best ``limit`` hits by BM25 over the words held by fewer than half of the versions
        searched (those in ``language``, or all): a word in more narrows the matches but does
        not rank them, and matches that rank the same come newest first (when every word is
        that common, the newest matches). A query that matches more than :data:`RANKED`
        versions (or ``limit``, if more) ranks only the most recently indexed of them
        (``docs/performance.md``).
        """
        found = self._query(text, language)
        if found is None:
            return []
        query = _expression(found.groups)
        tag = normalize_language(language) if language else None
        first, last = 0, 2**63 - 1
        if tag is not None:
            rowids = self._snapshot.search_rowids(tag)
            if rowids is None:
                return []
            first, last = rowids
        wanted = max(1, limit)
        among: str | None = None  # the materials at ``status`` as a JSON list; None: all
        if status is not None:
            chosen_materials = sorted(self._with_status(status))
            if not chosen_materials:
                return []
            among = json.dumps(chosen_materials)
        scope = _Range(first, last, among)
        if not found.common:
            ranked = self._ranked(query, scope, max(RANKED, wanted), wanted + 8)
            return self._hits(query, ranked, tag, limit)
        weighed = _weighed(found.groups, found.common)
        candidates = self._newest(query, scope, max(RANKED, wanted) if weighed else wanted + 8)
        return self._hits(query, self._rank_by(weighed, candidates), tag, limit, candidates)

    def _ranked(self, query: str, scope: _Range, count: int, wanted: int) -> list[_Ranked]:
        """The best ``wanted`` of the ``count`` newest matches of ``query`` by BM25, ties newest.

        One statement: FTS5 reads the lists backwards from the range's end, and ``bm25()``
        ranks by every phrase of the query.
        """
        return self._search_rows(
            "SELECT rowid, score FROM ("
            "SELECT rowid, bm25(search, 0, 0, 1, 1, 1) AS score FROM search "
            "WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
            "AND (? IS NULL OR substr(lesson, 1, instr(lesson, '/') - 1) "
            "IN (SELECT value FROM json_each(?))) "
            "ORDER BY rowid DESC LIMIT ?) ORDER BY score, rowid DESC LIMIT ?",
            [query, scope.first, scope.last, scope.among, scope.among, count, wanted],
        )

    def _newest(self, query: str, scope: _Range, count: int) -> list[int]:
        """The rowids of the ``count`` newest matches of ``query``, newest first (unranked)."""
        return [
            rowid
            for (rowid,) in self._search_rows(
                "SELECT rowid FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
                "AND (? IS NULL OR substr(lesson, 1, instr(lesson, '/') - 1) "
                "IN (SELECT value FROM json_each(?))) ORDER BY rowid DESC LIMIT ?",
                [query, scope.first, scope.last, scope.among, scope.among, count],
            )
        ]

    def _rank_by(self, weighed: str, candidates: list[int]) -> list[_Ranked]:
        """``candidates`` (newest first) by BM25 over the phrases of ``weighed``, ties newest first.

        With no phrase to weigh, the candidates as they are, ranked 0. FTS5 counts the rows of
        each phrase it ranks by in the whole table (a word in every lesson: a millisecond at
        20,000 lessons), so the candidates come from a statement without ``bm25()``.
        """
        if not weighed or not candidates:
            return [(row, 0.0) for row in candidates]
        ranked = self._search_rows(
            "SELECT rowid, bm25(search, 0, 0, 1, 1, 1) AS score FROM search "
            "WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
            "AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY score, rowid DESC",
            [weighed, candidates[-1], candidates[0], json.dumps(candidates)],
        )
        if len(ranked) < len(candidates):  # those holding common phrases of a word only
            scored = {row for row, _ in ranked}
            ranked += [(row, 0.0) for row in candidates if row not in scored]
        return ranked

    def _hits(
        self,
        query: str,
        ranked: list[_Ranked],
        tag: str | None,
        limit: int,
        matches: list[int] | None = None,
    ) -> list[SearchHit]:
        """The first ``limit`` of ``ranked`` that are the snapshot's lessons, with snippets.

        The snapshot's lessons are the ``lessons`` rows of its read transaction. The hits are read,
        their titles and snippets made, in one statement: one pass over the rows between them (a
        statement per hit would read the words' lists again each time), or, given ``matches`` (every
        match between the first and the last of ``ranked``), a pass over each run of hits near one
        another among them (not stepping through every match between two runs).
        """
        ordered = sorted(matches or ())
        hits: list[SearchHit] = []
        start = 0
        while len(hits) < limit and start < len(ranked):
            batch = dict(ranked[start : start + limit - len(hits)])
            start += len(batch)
            runs = _runs(sorted(batch), ordered) if ordered else [sorted(batch)]
            found = {
                row[0]: row
                for row in self._search_rows(
                    " UNION ALL ".join(
                        "SELECT rowid, lesson, language, title, "
                        "snippet(search, 3, '[', ']', '…', 12) FROM search "
                        "WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
                        "AND +rowid IN (SELECT value FROM json_each(?)) "
                        "AND EXISTS (SELECT 1 FROM lessons WHERE lessons.id = search.lesson)"
                        for _ in runs
                    ),
                    [value for run in runs for value in (query, run[0], run[-1], json.dumps(run))],
                )
            }
            hits += [
                SearchHit(
                    lesson=lesson, language=language, title=title, snippet=snippet or "", rank=rank
                )
                for row, rank in batch.items()
                if row in found
                for _, lesson, language, title, snippet in [found[row]]
                if tag is None or language == tag
            ]
        return hits

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
        from otsmaterials.index.export import (  # noqa: PLC0415 - see the imports
            ExportDocument,
            ExportTopic,
            export_material,
        )

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
        from otsmaterials.index.export import to_json  # noqa: PLC0415 - see the imports

        return to_json(document)

    def export_jekyll(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        config: bool = False,
    ) -> str:
        """The learn portal's ``sections:`` YAML, with each workshop's lessons and languages.

        Each workshop has its titles, languages, licence, status and lessons
        (``docs/site-generators.md``).

        The same list serves as a ``_data`` file (``site.data.<name>.sections``) or, with
        ``config``, as a configuration fragment headed by how to use it (``jekyll build --config
        _config.yml,sections.yml``: ``site.sections``, as the portal's page reads it).
        """
        import yaml  # noqa: PLC0415 - only this export needs a YAML writer

        from otsmaterials.index.jekyll import CONFIG_HEADER, jekyll_sections  # noqa: PLC0415

        document = self.export_document(topic=topic, language=language, material=material)
        data = jekyll_sections(self._snapshot.topics, document.materials)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: ten times faster
        text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        return CONFIG_HEADER + text if config else text

    def export_jsonld(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
    ) -> str:
        """schema.org metadata as one JSON-LD graph (``docs/site-generators.md``).

        A ``Course`` per material and a ``LearningResource`` per usable lesson version, as
        deterministic text; the filters are those of :meth:`export_json`.
        """
        from otsmaterials.index.jsonld import jsonld_document, to_jsonld_text  # noqa: PLC0415

        document = self.export_document(topic=topic, language=language, material=material)
        return to_jsonld_text(jsonld_document(document))

    def lesson_jsonld(self, lesson_id: str, *, language: str | None = None) -> dict[str, Any]:
        """The JSON-LD block for the page of one lesson version, its course embedded.

        The version is the one in ``language`` when it has translated text, else the best match
        for it, else the original. Put it in the page as
        ``<script type="application/ld+json">`` + ``json.dumps(block)`` + ``</script>``.
        """
        from otsmaterials.index.jsonld import lesson_block  # noqa: PLC0415 - see the imports

        lesson = self.lesson(lesson_id)
        tag = lesson.original_language
        if language is not None:
            tag = self.best_version(lesson_id, [normalize_language(language)]).language
        return lesson_block(self.export_document(material=lesson.material), lesson, tag)

    def attribution(
        self, lesson_id: str, *, language: str | None = None, order: CreditOrder = "name"
    ) -> Attribution:
        """The TASL attribution of a lesson for a reader of ``language``.

        The version credited is the one in ``language`` when it has translated text, else the
        best match for it (else the original); the attribution is written in ``language``.
        ``order``: authors and translators by ``name`` (the default) or most ``contributions``
        first.
        """
        from otsmaterials.attribution.people import order_names  # noqa: PLC0415 - see the imports
        from otsmaterials.attribution.render import (  # noqa: PLC0415
            Attribution,
            localized_deed,
            short_licence_name,
        )
        from otsmaterials.licensing.spdx import known as known_licence  # noqa: PLC0415

        lesson = self.lesson(lesson_id)
        locale = normalize_language(language) if language else lesson.original_language
        version = lesson.versions.get(locale)
        if version is None or version.exact_completeness() <= 0:
            version = self.best_version(lesson_id, [locale])
        original = lesson.original()
        material = self.material(lesson.material)
        spdx = version.license or (material.license.spdx if material.license else "NOASSERTION")
        translated = version.kind != "original"
        source = original if translated else self._adapted_original(lesson)
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
            adapted_from=source.title if source else None,
            adapted_from_url=source.url if source else None,
        )

    def _adapted_original(self, lesson: Lesson) -> LessonVersion | None:
        """The original of the lesson ``lesson`` adapts (catalogue ``adapts``), if indexed."""
        if lesson.adapts is None or not self._snapshot.known([lesson.adapts]):
            return None
        return self.lesson(lesson.adapts).original()

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
