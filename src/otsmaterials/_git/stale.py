"""Git lock files left behind by a killed git process (``index.lock``, ``shallow.lock``, …)."""

from __future__ import annotations

import time
from pathlib import Path

from otsmaterials.errors import GitError

__all__ = ["clear_stale_locks"]


def clear_stale_locks(mirror: Path, *, stale_after: float) -> list[str]:
    """Remove git ``*.lock`` files older than ``stale_after`` seconds; return what was removed.

    A younger lock means some git process may still be working: that is a ``busy`` error, and the
    lock is left alone.
    """
    removed: list[str] = []
    candidates = [*mirror.glob("*.lock"), *(mirror / "refs").rglob("*.lock")]
    now = time.time()
    for lock in sorted(candidates):
        try:
            age = now - lock.stat().st_mtime
        except FileNotFoundError:
            continue
        name = lock.relative_to(mirror).as_posix()
        if age < stale_after:
            raise GitError(
                f"the mirror is busy: {name} was created {age:.0f} s ago by another git process",
                path=mirror,
                kind="busy",
            )
        lock.unlink(missing_ok=True)
        removed.append(f"removed a stale git lock ({name}, {age / 3600:.1f} h old)")
    return removed
