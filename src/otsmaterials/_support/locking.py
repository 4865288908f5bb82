"""An exclusive lock on a file (``flock``): one sync per cache, one build per index.

A second run waits up to its timeout, then fails with a :class:`~otsmaterials.errors.LockedError`
naming the holder's PID. The kernel releases the lock when the holder dies, however it dies, so a
killed run never strands it.
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from pathlib import Path
from types import TracebackType

from otsmaterials.errors import LockedError, StorageError

__all__ = ["FileLock"]


class FileLock:
    """Context manager holding an exclusive ``flock`` on ``path`` (created if needed)."""

    def __init__(self, path: str | Path, *, timeout: float = 60.0, poll: float = 0.1) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.poll = poll
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, waiting up to ``timeout`` seconds."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise StorageError(
                f"cannot create lock file: {error.strerror}", path=self.path
            ) from None
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(fd)
                    os.close(fd)
                    raise LockedError(
                        f"another otsmaterials run holds the lock ({holder}); waited "
                        f"{self.timeout:g} s",
                        path=self.path,
                    ) from None
                time.sleep(self.poll)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {socket.gethostname()} {int(time.time())}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Give the lock back."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


def _holder(fd: int) -> str:
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except OSError:
        text = []
    if not text:
        return "holder unknown"
    host = f" on {text[1]}" if len(text) > 1 else ""
    return f"locked by PID {text[0]}{host}"
