"""Last change of every file (across moves) and how far translations lag, from one history walk."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from otsmaterials._git.history import Commit
from otsmaterials.index.models import Staleness

__all__ = ["FileHistory", "iso_date", "staleness"]


def iso_date(timestamp: int) -> str:
    """Seconds since the epoch → ``YYYY-MM-DD`` (UTC)."""
    return datetime.fromtimestamp(timestamp, tz=UTC).date().isoformat()


@dataclass
class FileHistory:
    """Per file (repository-relative path): the commits that touched it, newest first."""

    touches: dict[str, list[Commit]] = field(default_factory=dict)

    @classmethod
    def from_commits(cls, commits: list[Commit]) -> FileHistory:
        """Index a branch's history (newest first) by file, following files across moves.

        The commits from before a file was renamed are counted under its newest path, as
        ``git log --follow`` shows them (a path used again after the move starts afresh).
        """
        history = cls()
        newer_name: dict[str, str] = {}  # a path in older commits -> the file's newest path
        for commit in commits:
            moved_from = {old for old, _ in commit.renames}
            for path in commit.paths:
                if path not in moved_from:
                    current = newer_name.get(path, path)
                    history.touches.setdefault(current, []).append(commit)
            for old, new in commit.renames:
                newer_name[old] = newer_name.get(new, new)
        return history

    def last(self, path: str) -> Commit | None:
        """The newest commit that changed ``path``."""
        commits = self.touches.get(path)
        return commits[0] if commits else None

    def changes_after(self, path: str, timestamp: int) -> list[Commit]:
        """Commits that changed ``path`` after ``timestamp``, oldest first."""
        return sorted(
            (c for c in self.touches.get(path, []) if c.timestamp > timestamp),
            key=lambda c: c.timestamp,
        )


def staleness(original: FileHistory, path: str, translated_at: int | None) -> Staleness | None:
    """How far a translation lags: commits and days, and the original's commit it follows.

    Counted are the commits that changed the original ``path`` after the translation last
    changed (at ``translated_at``).
    """
    if translated_at is None:
        return None
    later = original.changes_after(path, translated_at)
    if not later:
        return Staleness()
    base = next((c for c in original.touches.get(path, []) if c.timestamp <= translated_at), None)
    return Staleness(
        commits=len(later),
        since=iso_date(later[0].timestamp),
        base=base.oid if base else None,
        days=max(0, later[-1].timestamp - translated_at) // 86400,
    )
