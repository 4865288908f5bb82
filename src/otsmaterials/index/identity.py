"""Whose file is this? An index file is ours, empty, or someone else's; only ours is written.

An index carries SQLite's ``application_id`` header field set to :data:`APPLICATION_ID`. An index
written before that field was set is recognised by its tables and ``user_version``. Anything else
(another application's database, a file that is no SQLite database at all) is refused before any
connection could change it: the probe reads the 100-byte header, and the table names through an
``immutable`` read-only connection that takes no lock and makes no ``-wal``/``-shm`` file. Only
when a non-empty ``-wal`` file lies next to a file the header does not settle does it ask a
read-only connection, which reads the WAL too.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Literal

__all__ = ["APPLICATION_ID", "Identity", "probe"]

APPLICATION_ID = 0x4F54534D
"""``OTSM``: the ``PRAGMA application_id`` of every index file."""

Identity = Literal["missing", "empty", "ours", "foreign", "not-sqlite", "unreadable"]

_MAGIC = b"SQLite format 3\x00"
_OUR_TABLES = frozenset({"meta", "materials", "lessons", "topics", "parsed", "material_blobs"})


def probe(path: Path, *, schema_version: int) -> Identity:
    """What the file at ``path`` is, without changing it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"
    if header and (len(header) < 100 or not header.startswith(_MAGIC)):
        return "not-sqlite"
    application_id = int.from_bytes(header[68:72], "big", signed=True) if header else 0
    if application_id != 0:
        return "ours" if application_id == APPLICATION_ID else "foreign"
    user_version = int.from_bytes(header[60:64], "big") if header else 0
    found = _by_tables(path, user_version, schema_version, immutable=True) if header else "empty"
    if found != "ours" and _has_wal(path):
        # What a writer committed may still be in the -wal file only (a process killed before
        # its last connection closed): ask SQLite, which reads the file and its WAL together.
        return _by_tables(path, None, schema_version, immutable=False)
    return found


def _has_wal(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _by_tables(
    path: Path, user_version: int | None, schema_version: int, *, immutable: bool
) -> Identity:
    """An index of an older otsmaterials (no ``application_id`` yet), an empty database, or not.

    ``user_version`` is the header's, or ``None`` to read it (and the application id) through
    SQLite.
    """
    options = "mode=ro&immutable=1" if immutable else "mode=ro"
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)) as db:
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_schema")}
            if user_version is None:
                application_id = db.execute("PRAGMA application_id").fetchone()[0]
                if application_id != 0:
                    return "ours" if application_id == APPLICATION_ID else "foreign"
                user_version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return "not-sqlite"
    if not names and user_version == 0:
        return "empty"
    if names >= _OUR_TABLES and 1 <= user_version <= schema_version:
        return "ours"
    return "foreign"
