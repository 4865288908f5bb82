"""Write files so that a reader or a crash only ever sees the old or the new version.

Serialise to bytes first (an encoding error loses nothing), then: a unique temporary file in the
same directory → write → flush → fsync → ``os.replace`` → fsync of the directory.

A writer killed half-way leaves its temporary file behind. Temporary names carry the writer's
process id; the next write into the same directory removes temporaries whose writer is gone (or
that are older than :data:`STALE_AFTER` seconds, for names without a live process id), so nothing
half-written piles up in a translator's locale folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

from otsmaterials.errors import StorageError

__all__ = [
    "STALE_AFTER",
    "TEMP_PREFIX",
    "remove_stale_temporaries",
    "sync_directories",
    "write_bytes_atomic",
    "write_text_atomic",
]

TEMP_PREFIX = ".otsmaterials-tmp-"
"""Temporary files start with this (then ``<pid>-``); a later run removes leftovers."""
STALE_AFTER = 3600.0
"""Seconds after which a temporary file is removed even if its process id is in use again."""
_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + r"(?:(\d+)-)?.*\.tmp\Z")


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def remove_stale_temporaries(directory: str | Path, *, now: float | None = None) -> list[Path]:
    """Remove temporaries left in ``directory`` by killed writers; returns what was removed.

    A temporary is stale when the process named in it is gone, or when it is older than
    :data:`STALE_AFTER` seconds. Files that cannot be removed are left alone.
    """
    removed: list[Path] = []
    current = time.time() if now is None else now
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        try:
            old = current - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER
            dead = match.group(1) is not None and not _process_alive(int(match.group(1)))
            if old or dead:
                Path(entry.path).unlink()
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def write_bytes_atomic(
    path: str | Path, data: bytes, *, mode: int = 0o644, batch: set[Path] | None = None
) -> None:
    """Replace ``path`` with ``data`` atomically (the directory must exist).

    ``batch``: a command writing many files in few folders collects the folders here and calls
    :func:`sync_directories` once at its end, instead of one folder sync (and one sweep for
    stale temporaries) per file.
    """
    target = Path(path)
    directory = target.parent
    if batch is None or directory not in batch:
        remove_stale_temporaries(directory)
    try:
        prefix = f"{TEMP_PREFIX}{os.getpid()}-"
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    except OSError as error:
        raise StorageError(f"cannot write: {error.strerror}", path=target) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp_path = Path(temp)
        temp_path.chmod(mode)
        temp_path.replace(target)
    except BaseException as error:  # an OS error, or an interrupt: the temporary goes too
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        if isinstance(error, OSError):
            raise StorageError(f"cannot write: {error.strerror}", path=target) from error
        raise
    if batch is None:
        _fsync_directory(directory)
    else:
        batch.add(directory)


def sync_directories(folders: set[Path]) -> None:
    """Make the renames in ``folders`` durable (see ``write_bytes_atomic``'s ``batch``)."""
    for folder in sorted(folders):
        _fsync_directory(folder)


def write_text_atomic(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """Encode ``text`` first (nothing is opened if that fails), then write it atomically."""
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as error:
        message = f"cannot encode as {encoding} (character {error.start}): nothing was written"
        raise StorageError(message, path=path) from error
    write_bytes_atomic(path, data)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a directory; the rename itself is still atomic
    finally:
        os.close(fd)
