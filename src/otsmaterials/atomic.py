"""Write files so that a reader or a crash only ever sees the old or the new version.

Serialise to bytes first (an encoding error loses nothing), then: a unique temporary file in the
same directory → write → flush → fsync → ``os.replace`` → fsync of the directory.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from otsmaterials.errors import StorageError

__all__ = ["TEMP_PREFIX", "write_bytes_atomic", "write_text_atomic"]

TEMP_PREFIX = ".otsmaterials-tmp-"
"""Temporary files start with this; a later run may remove leftovers."""


def write_bytes_atomic(path: str | Path, data: bytes, *, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` atomically (the directory must exist)."""
    target = Path(path)
    directory = target.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=directory)
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
    except OSError as error:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise StorageError(f"cannot write: {error.strerror}", path=target) from error
    _fsync_directory(directory)


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
