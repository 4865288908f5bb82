"""The index file: one SQLite database (WAL, ``user_version`` migrations, FTS5 search).

Writers change it in one transaction, so a build that fails or is killed leaves the previous index
as it was, and readers (other threads, other processes) only ever see a committed index. Parse
results are kept in it too, keyed by blob id, so a rebuild parses only files that changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from otsmaterials.catalogue.locate import index_file
from otsmaterials.errors import IndexNotBuiltError, LockedError, StorageError
from otsmaterials.index.identity import APPLICATION_ID, probe
from otsmaterials.languages.spellings import customary_spellings

if TYPE_CHECKING:  # the indexing pipeline loads only for a build, never for a reader
    from otsmaterials.catalogue.model import Catalogue
    from otsmaterials.index.material import MaterialIndex
    from otsmaterials.index.models import Material

__all__ = [
    "SCHEMA_VERSION",
    "SqliteParseCache",
    "connect",
    "delete_material",
    "material_states",
    "pack",
    "resolve_index_path",
    "search_languages",
    "search_rowids",
    "write_material",
]

SCHEMA_VERSION = 5
"""The schema this version of otsmaterials reads and writes (``PRAGMA user_version``)."""

_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE materials (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, commit_id TEXT NOT NULL,
    state TEXT NOT NULL, data TEXT NOT NULL
);
CREATE TABLE lessons (
    id TEXT PRIMARY KEY, material TEXT NOT NULL, position INTEGER NOT NULL,
    topics TEXT NOT NULL, languages TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX lessons_by_material ON lessons (material);
CREATE TABLE topics (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE parsed (
    kind TEXT NOT NULL, oid TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, oid)
) WITHOUT ROWID;
CREATE TABLE material_blobs (
    material TEXT NOT NULL, kind TEXT NOT NULL, oid TEXT NOT NULL,
    PRIMARY KEY (material, kind, oid)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search USING fts5 (
    lesson UNINDEXED, language UNINDEXED, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""

_MIGRATION_2 = """
DROP TABLE parsed;
CREATE TABLE parsed (kind TEXT NOT NULL, oid TEXT NOT NULL, value BLOB NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS parsed_by_blob ON parsed (kind, oid);
CREATE INDEX IF NOT EXISTS material_blobs_by_blob ON material_blobs (kind, oid);
CREATE TABLE IF NOT EXISTS search_rows (material TEXT NOT NULL, row INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS search_rows_by_material ON search_rows (material);
CREATE TABLE IF NOT EXISTS memory (
    material TEXT NOT NULL, language TEXT NOT NULL, msgid TEXT NOT NULL, msgstr TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS memory_by_language ON memory (language);
DELETE FROM material_blobs;
DELETE FROM search;
UPDATE materials SET state = '';
"""
"""Version 2: the parse cache holds compressed values in a rowid table (a third of the size);
the cache is dropped and every material is read again on the next build."""

_MIGRATION_3 = """
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5 (
    lesson UNINDEXED, language UNINDEXED, title, body, spellings, tag, prefix = '1 2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
DELETE FROM search_rows;
UPDATE materials SET state = '';
"""
"""Version 3: the search table gets a ``spellings`` column, the customary spellings of the
words of the title and text (``uebung`` for ``Übung``, ``languages/spellings.py``), the version's
language as a word of its own (``tag``; version 4 gives each language its rowids instead), and
indexes of the words' first one, two and three letters, so that a short prefix is one list to
read, not the union of every word it begins. Every material is read again on the next build."""

_MIGRATION_4 = """
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5 (
    lesson UNINDEXED, language UNINDEXED, title, body, spellings, prefix = '1 2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS search_languages (tag TEXT PRIMARY KEY, slot INTEGER NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS search_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE IF NOT EXISTS search_words USING fts5 (
    term, content = 'search_terms', content_rowid = 'id', detail = none,
    tokenize = 'unicode61 remove_diacritics 2'
);
DELETE FROM search_rows;
DELETE FROM search_languages;
UPDATE materials SET state = '';
"""
"""Version 4: a version's language is its rows' range of rowids (:func:`search_rowids`), no
longer a word every search in one language had to intersect and BM25 had to count; the words
the search table holds are listed (``search_terms``, searched by prefix in ``search_words``), so
that a query word is looked up as the few words it begins rather than as an FTS5 prefix query
(which merges the lists of every word it begins before it yields a row). Every material is read
again on the next build."""

_MIGRATION_5 = """
DROP TABLE search;
CREATE VIRTUAL TABLE search USING fts5 (
    lesson UNINDEXED, language UNINDEXED, title, body, spellings, prefix = '1 2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
DROP TABLE search_languages;
CREATE TABLE search_languages (
    tag TEXT PRIMARY KEY, slot INTEGER NOT NULL UNIQUE, versions INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS search_counts (
    term INTEGER NOT NULL, slot INTEGER NOT NULL, versions INTEGER NOT NULL,
    PRIMARY KEY (term, slot)
) WITHOUT ROWID;
DELETE FROM search_rows;
UPDATE materials SET state = '';
"""
"""Version 5: how many versions each language has in the search table
(``search_languages.versions``) and how many of them hold each indexed word
(``search_counts``: word id in ``search_terms``, language slot, versions), so that a search
knows without reading the words' lists which of its words are in at least half of the versions
it searches (``index/query.py``). Every material is read again on the next build."""

_MIGRATIONS: dict[int, str] = {
    0: _SCHEMA_V1,
    1: _MIGRATION_2,
    2: _MIGRATION_3,
    3: _MIGRATION_4,
    4: _MIGRATION_5,
}
"""``user_version`` → the script that brings it to the next version."""


def resolve_index_path(catalogue: Catalogue, override: str | Path | None = None) -> Path:
    """The index file: ``override``, else the catalogue's ``index``, else next to the catalogue.

    Here rather than with the build, so that the query commands find the index without loading
    the indexing pipeline.
    """
    if override is not None:
        return Path(override).expanduser().resolve()
    return index_file(catalogue.base_dir, catalogue.settings.index)


def is_locked(error: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def is_storage_failure(error: BaseException) -> bool:
    """Whether ``error`` is the index file's own failure (I/O, full disk, read-only, locked).

    A constraint or a value SQLite refuses (``IntegrityError``, ``DataError``) comes from what a
    material holds, and stays that material's failure.
    """
    return isinstance(error, sqlite3.OperationalError | sqlite3.InterfaceError) or (
        type(error) is sqlite3.DatabaseError
    )


def locked_error(path: Path, timeout: float) -> LockedError:
    """The error for an index another build kept locked for longer than ``timeout`` seconds."""
    return LockedError(
        f"another build has been writing this index for more than {timeout:g} s; "
        "try again when it has finished",
        path=path,
    )


def connect(path: Path, *, readonly: bool = False, timeout: float = 30.0) -> sqlite3.Connection:
    """Open the index: for reading, or for a build (creating and migrating it).

    A file that is not an index (another application's database, no database at all) is refused
    before it is opened for writing, so it is left exactly as it was. A reader whose process may
    write the file opens it read-write but ``query_only``, so that closing it removes SQLite's
    ``-wal``/``-shm`` files like a writer's close does; a reader that may not write it (a
    read-only file, folder or file system) opens it ``immutable``.
    """
    identity = probe(path, schema_version=SCHEMA_VERSION)
    if identity in {"foreign", "not-sqlite"}:
        kind = "another application's database" if identity == "foreign" else "no SQLite database"
        raise StorageError(f"not an otsmaterials index ({kind}); left unchanged", path=path)
    if identity == "unreadable":
        raise StorageError("cannot read the index file", path=path)
    if readonly and identity in {"missing", "empty"}:
        raise IndexNotBuiltError(NOT_BUILT, path=path)
    action = "read" if readonly else "write"
    try:
        connection = _open(path, readonly=readonly, timeout=timeout)
    except (OSError, sqlite3.Error) as error:
        raise StorageError(f"cannot {action} the index: {_reason(error)}", path=path) from None
    try:
        connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"index schema {version} was written by a newer otsmaterials "
                f"(this one reads {SCHEMA_VERSION})",
                path=path,
            )
        if readonly:
            _readable(version, path)
            return connection
        connection.execute("PRAGMA journal_mode = WAL")
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(connection, version)
    except sqlite3.OperationalError as error:
        connection.close()
        if is_locked(error):
            raise locked_error(path, timeout) from error
        raise StorageError(f"cannot {action} the index: {_reason(error)}", path=path) from error
    except sqlite3.DatabaseError as error:
        connection.close()
        raise StorageError(f"not a usable index: {_reason(error)}", path=path) from error
    except BaseException:
        connection.close()
        raise
    return connection


NOT_BUILT = "not built yet: run `otsmaterials build`"
"""What a reader says of an index file whose first build never finished (or of none)."""


def _readable(version: int, path: Path) -> None:
    """Refuse to read a file of an older schema, or whose first build never committed one."""
    if version == 0:  # a first build stopped before its schema was committed
        raise IndexNotBuiltError(NOT_BUILT, path=path)
    if version < SCHEMA_VERSION:
        raise StorageError(
            "index built by an older version: run `otsmaterials build` to update it", path=path
        )


def _open(path: Path, *, readonly: bool, timeout: float) -> sqlite3.Connection:
    if not readonly:
        path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(path, timeout=timeout, isolation_level=None)
    uri = path.resolve().as_uri()
    if _writable(path):
        connection = sqlite3.connect(
            f"{uri}?mode=rw", uri=True, timeout=timeout, check_same_thread=False
        )
        connection.execute("PRAGMA query_only = ON")
        return connection
    return sqlite3.connect(
        f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout, check_same_thread=False
    )


def _writable(path: Path) -> bool:
    """Whether this process may write the index and make files next to it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _reason(error: BaseException) -> str:
    """An OS or SQLite error in words (``database or disk is full``)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error) or type(error).__name__
    if "readonly" in text:
        return f"{text} (the file, its folder or its file system is read-only)"
    return text


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    """Bring the file to :data:`SCHEMA_VERSION`, every step in one transaction.

    A failure or an interrupt in any step leaves the file as it was: a new file unbuilt (not an
    index "of an older version"), an old index readable by the version that wrote it.
    """
    if version >= SCHEMA_VERSION:
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        current = connection.execute("PRAGMA user_version").fetchone()[0]  # another may have
        for step in range(current, SCHEMA_VERSION):
            for statement in _MIGRATIONS[step].split(";"):
                if statement.strip():
                    connection.execute(statement)
        if current < SCHEMA_VERSION:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        rollback(connection)
        raise


def rollback(connection: sqlite3.Connection) -> None:
    """Undo the open transaction, if there is one (SQLite may have ended it: a full disk).

    Called while another error or an interrupt is on its way up: a failed rollback must not
    replace it.
    """
    with contextlib.suppress(sqlite3.Error):
        if connection.in_transaction:
            connection.execute("ROLLBACK")


def material_states(connection: sqlite3.Connection) -> dict[str, str]:
    """Material id → the state (commits, catalogue entry, versions) it was indexed at."""
    return dict(connection.execute("SELECT id, state FROM materials"))


def _blobs(connection: sqlite3.Connection, material: str) -> set[tuple[str, str]]:
    return set(
        connection.execute("SELECT kind, oid FROM material_blobs WHERE material = ?", (material,))
    )


def _prune(connection: sqlite3.Connection, candidates: set[tuple[str, str]]) -> None:
    """Drop the parse results among ``candidates`` that no material refers to any more."""
    connection.executemany(
        "DELETE FROM parsed WHERE kind = ? AND oid = ? AND NOT EXISTS "
        "(SELECT 1 FROM material_blobs b WHERE b.kind = ? AND b.oid = ?)",
        [(kind, oid, kind, oid) for kind, oid in candidates],
    )


def delete_material(connection: sqlite3.Connection, material: str, *, prune: bool = True) -> None:
    """Remove a material and everything about it (inside the caller's transaction)."""
    old = _blobs(connection, material) if prune else set()
    for table, column in (
        ("lessons", "material"),
        ("materials", "id"),
        ("material_blobs", "material"),
        ("memory", "material"),
    ):
        connection.execute(f"DELETE FROM {table} WHERE {column} = ?", (material,))  # noqa: S608
    gone = connection.execute(
        "SELECT rowid, title, body, spellings FROM search "
        "WHERE rowid IN (SELECT row FROM search_rows WHERE material = ?)",
        (material,),
    ).fetchall()
    _count_words(connection, [(row[0], f"{row[1]}\n{row[2]}\n{row[3]}") for row in gone], -1)
    connection.execute(
        "DELETE FROM search WHERE rowid IN (SELECT row FROM search_rows WHERE material = ?)",
        (material,),
    )
    connection.execute("DELETE FROM search_rows WHERE material = ?", (material,))
    _prune(connection, old)


def write_material(
    connection: sqlite3.Connection,
    result: MaterialIndex,
    *,
    position: int,
    state: str,
    blobs: Iterable[tuple[str, str]],
) -> None:
    """Replace a material's rows with ``result`` (inside the caller's transaction)."""
    material = result.material
    old = _blobs(connection, material.id)
    delete_material(connection, material.id, prune=False)
    connection.execute(
        "INSERT INTO materials VALUES (?, ?, ?, ?, ?)",
        (material.id, position, material.commit, state, _material_json(material)),
    )
    connection.executemany(
        "INSERT INTO lessons VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                lesson.id,
                material.id,
                lesson.order,
                json.dumps(list(lesson.topics)),
                json.dumps(lesson.languages()),
                lesson.model_dump_json(),
            )
            for lesson in result.lessons
        ],
    )
    rows = []
    next_rowid: dict[str, int] = {}
    for text in result.texts:
        spellings = customary_spellings(f"{text.title}\n{text.text}", text.language)
        if text.language not in next_rowid:
            next_rowid[text.language] = _last_rowid(connection, text.language) + 1
        rowid = next_rowid[text.language]
        next_rowid[text.language] = rowid + 1
        rows.append((rowid, text.lesson, text.language, text.title, text.text, spellings))
    # In rowid order (language by language): FTS5 writes the words it holds to a new segment
    # whenever a row's rowid is below the last one's, and lesson by lesson the languages' ranges
    # alternate every few rows (three times the CPU time, and a segment per lesson to merge).
    connection.executemany(
        "INSERT INTO search (rowid, lesson, language, title, body, spellings) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        sorted(rows),
    )
    connection.executemany(
        "INSERT INTO search_rows VALUES (?, ?)", [(material.id, row[0]) for row in rows]
    )
    _count_words(connection, [(row[0], f"{row[3]}\n{row[4]}\n{row[5]}") for row in rows], 1)
    connection.executemany(
        "INSERT INTO memory VALUES (?, ?, ?, ?)",
        [(material.id, language, msgid, msgstr) for language, msgid, msgstr in result.memory],
    )
    new = set(blobs)
    connection.executemany(
        "INSERT OR IGNORE INTO material_blobs VALUES (?, ?, ?)",
        [(material.id, kind, oid) for kind, oid in sorted(new)],
    )
    _prune(connection, old - new)


_SLOT_BITS = 32
"""A language's rows are ``slot << 32`` and up: room for four billion versions per language."""


def search_rowids(connection: sqlite3.Connection, tag: str) -> tuple[int, int] | None:
    """The first and last rowid the search table can hold for versions in ``tag``.

    ``None`` when no version in that language was ever indexed. A search in one language asks
    FTS5 for this range of rowids, which it seeks in each word's list.
    """
    row = connection.execute("SELECT slot FROM search_languages WHERE tag = ?", (tag,)).fetchone()
    if row is None:
        return None
    first = int(row[0]) << _SLOT_BITS
    return first, first + (1 << _SLOT_BITS) - 1


def _last_rowid(connection: sqlite3.Connection, tag: str) -> int:
    """The highest rowid of the versions in ``tag`` (the range's start when there is none).

    The language gets its range here when it has none yet.
    """
    found = search_rowids(connection, tag)
    if found is None:
        connection.execute(
            "INSERT INTO search_languages (tag, slot) VALUES "
            "(?, (SELECT coalesce(max(slot), 0) + 1 FROM search_languages))",
            (tag,),
        )
        found = search_rowids(connection, tag)
        assert found is not None  # noqa: S101 - inserted just above
    first, last = found
    row = connection.execute(
        "SELECT rowid FROM search WHERE rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT 1",
        (first, last),
    ).fetchone()
    return first if row is None else int(row[0])


def search_languages(connection: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """Language tag → its slot of rowids and how many versions in it the search table holds."""
    return {
        str(tag): (int(slot), int(versions))
        for tag, slot, versions in connection.execute(
            "SELECT tag, slot, versions FROM search_languages"
        )
    }


def _count_words(connection: sqlite3.Connection, texts: list[tuple[int, str]], sign: int) -> None:
    """Count the versions ``texts`` (rowid, text) add (``sign`` 1) or remove (-1), per language.

    Each language's texts go through a scratch FTS5 table of the search table's tokenizer (in
    the connection's temporary schema, emptied after), whose vocabulary gives the words and how
    many of the texts hold each: new words are listed (``search_terms``, ``search_words``),
    and each word's count of versions in the language (``search_counts``) and the language's
    count of versions change by as much. Words of versions removed since stay listed: a query
    that looks one up finds no row with it. The vocabulary is read once, into a scratch table
    (``search_held``), not once for the new words and again for the counts: FTS5 counts a
    word's texts by reading its list.
    """
    connection.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch USING fts5 "
        "(text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2')"
    )
    connection.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch_terms "
        "USING fts5vocab(temp, search_scratch, row)"
    )
    connection.execute(
        "CREATE TABLE IF NOT EXISTS temp.search_held "
        "(term TEXT NOT NULL, versions INTEGER NOT NULL)"
    )
    by_slot: dict[int, list[tuple[int, str]]] = {}
    for rowid, text in texts:
        by_slot.setdefault(rowid >> _SLOT_BITS, []).append((rowid, text))
    for slot, slot_texts in sorted(by_slot.items()):
        connection.executemany(
            "INSERT INTO temp.search_scratch (rowid, text) VALUES (?, ?)", slot_texts
        )
        connection.execute(  # in the vocabulary's order: new words are numbered in it
            "INSERT INTO temp.search_held SELECT term, doc FROM temp.search_scratch_terms"
        )
        if sign > 0:
            (before,) = connection.execute(
                "SELECT coalesce(max(id), 0) FROM search_terms"
            ).fetchone()
            connection.execute(
                "INSERT INTO search_terms (term) SELECT term FROM temp.search_held "
                "WHERE term NOT IN (SELECT term FROM search_terms) ORDER BY rowid"
            )
            connection.execute(
                "INSERT INTO search_words (rowid, term) "
                "SELECT id, term FROM search_terms WHERE id > ?",
                (before,),
            )
        connection.execute(
            "INSERT INTO search_counts (term, slot, versions) "
            "SELECT t.id, ?, v.versions * ? FROM temp.search_held v "
            "JOIN search_terms t ON t.term = v.term WHERE true "
            "ON CONFLICT (term, slot) DO UPDATE SET versions = versions + excluded.versions",
            (slot, sign),
        )
        if sign < 0:  # a word no version of the language holds any more has no count
            connection.execute(
                "DELETE FROM search_counts WHERE slot = ? AND versions <= 0 AND term IN "
                "(SELECT t.id FROM temp.search_held v JOIN search_terms t ON t.term = v.term)",
                (slot,),
            )
        connection.execute(
            "UPDATE search_languages SET versions = versions + ? WHERE slot = ?",
            (sign * len(slot_texts), slot),
        )
        connection.execute("DELETE FROM temp.search_held")
        connection.execute("INSERT INTO temp.search_scratch (search_scratch) VALUES ('delete-all')")


_MERGING_AS_IT_GOES = (("automerge", 4), ("crisismerge", 16))
"""FTS5's own settings (its defaults): after each flush of rows to a new segment, merge some of
the segments of a level that holds four (``automerge``), all of a level that holds 16."""

_MERGING_HELD = (("automerge", 0), ("crisismerge", 256))
"""While a build writes: no merging as it goes, and a level's segments (one per material
written) merged only when it holds 256, far below FTS5's limit of 2,000 segments."""


def hold_merging(connection: sqlite3.Connection) -> None:
    """Let FTS5 merge no segments while a build writes (inside the build's transaction).

    A build writes a segment per material; merged as it goes, each row's words were merged again
    and again as the levels filled (a build that reads a tenth of the lessons again merges the
    table into one at its end anyway: :func:`tidy_search`). At 20,000 lessons the search rows
    took 7–9 s of CPU with FTS5's merging, 6 s without (``docs/performance.md``). The
    settings are FTS5's persistent ones: :func:`tidy_search` gives FTS5 its own back before the
    build commits, and a build that changes nothing rolls them back.
    """
    _merging(connection, _MERGING_HELD)


def _merging(connection: sqlite3.Connection, settings: tuple[tuple[str, int], ...]) -> None:
    for name, value in settings:
        connection.execute("INSERT INTO search (search, rank) VALUES (?, ?)", (name, value))


MERGE_PAGES = 500
"""The pages one ``merge`` command of FTS5 merges at most (it is repeated until it merges none)."""


def tidy_search(connection: sqlite3.Connection, *, read: int, total: int) -> None:
    """Merge the segments the build wrote, and give FTS5 its merging settings back.

    A build that read a tenth of the lessons again merges the search table into one segment:
    each material written adds segments that every query word's list is read across; merged,
    a search at 20,000 lessons costs a third less (``docs/performance.md``). Merging
    everything rewrites the table (about 1–2 s at 20,000 lessons), so a build that changed a few
    materials merges only the levels that hold as many segments as FTS5's ``merge`` asks for,
    as FTS5's own merging would have as it went (inside the caller's transaction).
    """
    _merging(connection, _MERGING_AS_IT_GOES)
    if total and read * 10 >= total:
        connection.execute("INSERT INTO search (search) VALUES ('optimize')")
        return
    while True:  # FTS5: fewer than two changes, nothing was left to merge
        before = connection.total_changes
        connection.execute("INSERT INTO search (search, rank) VALUES ('merge', ?)", (MERGE_PAGES,))
        if connection.total_changes - before < 2:
            return


def set_meta(connection: sqlite3.Connection, values: dict[str, str]) -> None:
    """Set meta values (inside the caller's transaction)."""
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )


def meta(connection: sqlite3.Connection) -> dict[str, str]:
    """All meta values."""
    return dict(connection.execute("SELECT key, value FROM meta"))


def write_topics(connection: sqlite3.Connection, topics: list[tuple[str, str]]) -> bool:
    """Replace the topic list; return whether it changed."""
    current = list(connection.execute("SELECT id, name FROM topics ORDER BY position"))
    if current == topics:
        return False
    connection.execute("DELETE FROM topics")
    connection.executemany(
        "INSERT INTO topics VALUES (?, ?, ?)",
        [(ident, position, name) for position, (ident, name) in enumerate(topics)],
    )
    return True


def state_hash(*parts: object) -> str:
    """A short, stable digest of what a material was indexed from."""
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class SqliteParseCache:
    """The parse cache in the index file; remembers which blobs a material used."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.used: set[tuple[str, str]] = set()

    def get(self, kind: str, oid: str) -> str | None:
        """The stored JSON, if any."""
        self.used.add((kind, oid))
        row = self.connection.execute(
            "SELECT value FROM parsed WHERE kind = ? AND oid = ?", (kind, oid)
        ).fetchone()
        return None if row is None else zlib.decompress(row[0]).decode("utf-8")

    def stored(self, kind: str, oids: Iterable[str]) -> set[str]:
        """Those of ``oids`` with a stored JSON (not counted as used: nothing was read)."""
        rows = self.connection.execute(
            "SELECT oid FROM parsed WHERE kind = ? AND oid IN (SELECT value FROM json_each(?))",
            (kind, json.dumps(list(oids))),
        )
        return {oid for (oid,) in rows}

    def put(self, kind: str, oid: str, value: str, *, packed: bytes | None = None) -> None:
        """Store the JSON (``packed``: the same, as :func:`pack` makes it, if made already)."""
        self.used.add((kind, oid))
        self.connection.execute(
            "INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)",
            (kind, oid, pack(value) if packed is None else packed),
        )


def pack(value: str) -> bytes:
    """A parse result's JSON as the parse cache stores it (a third to half of its size).

    zlib's fastest level: on the benchmark corpus's pages 31 µs a page against 39 µs at level 6
    (996 bytes against 961); on nine real materials' catalogs (25 MB of JSON) 0.17 s against
    0.63 s of the build's own process, 6.7 MB against 5.3 MB.
    """
    return zlib.compress(value.encode("utf-8"), 1)


def _material_json(material: Material) -> str:
    """A material as the index stores it, contributors' e-mail addresses kept.

    The index is the library's own file; exports leave the addresses out unless asked.
    """
    data = material.model_dump(mode="json")
    for person, entry in zip(material.contributors, data["contributors"], strict=True):
        if person.email:
            entry["email"] = person.email
    return json.dumps(data, ensure_ascii=False)
