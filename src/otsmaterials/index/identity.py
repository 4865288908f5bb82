"""Whose file is this? An index file is ours, empty, or someone else's; only ours is written.

An index carries SQLite's ``application_id`` header field set to :data:`APPLICATION_ID`. An index
written before that field was set is recognised by its tables and ``user_version``. Anything else
(another application's database, a file that is no SQLite database at all) is refused before any
connection could change it: the probe reads the 100-byte header, and the table names through an
``immutable`` read-only connection that takes no lock and makes no ``-wal``/``-shm`` file.
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
    if not header:
        return "empty"
    if len(header) < 100 or not header.startswith(_MAGIC):
        return "not-sqlite"
    application_id = int.from_bytes(header[68:72], "big", signed=True)
    if application_id != 0:
        return "ours" if application_id == APPLICATION_ID else "foreign"
    return _by_tables(path, int.from_bytes(header[60:64], "big"), schema_version)


def _by_tables(path: Path, user_version: int, schema_version: int) -> Identity:
    """An index of an older otsmaterials (no ``application_id`` yet), an empty database, or not."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            names = {row[0] for row in connection.execute("SELECT name FROM sqlite_schema")}
    except sqlite3.Error:
        return "not-sqlite"
    if not names and user_version == 0:
        return "empty"
    if names >= _OUR_TABLES and 1 <= user_version <= schema_version:
        return "ours"
    return "foreign"
