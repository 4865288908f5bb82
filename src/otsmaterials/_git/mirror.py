"""One material's bare mirror, and the reader the index and attribution stages use.

A :class:`Mirror` never touches the network: its git processes may use no transport at all, so a
blob that the mirror left out (over the size limit) is reported, never fetched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from otsmaterials._git.process import GitRunner
from otsmaterials._git.reader import (
    FileEntry,
    SkippedFile,
    blob_sizes,
    head_branch,
    list_tree,
    local_branches,
    missing_objects,
    read_blobs,
)
from otsmaterials._git.refs import UNKNOWN, read_branches, read_head
from otsmaterials.errors import GitError

__all__ = ["DEFAULT_MAX_FILE_SIZE", "FileEntry", "Mirror", "SkippedFile", "Snapshot"]

DEFAULT_MAX_FILE_SIZE = 1024 * 1024
"""Largest file :meth:`Snapshot.read` returns by default, in bytes."""
_BATCH_BYTES = 32 * 1024 * 1024


def _read_runner(home: Path | None) -> GitRunner:
    if home is None:
        user = getattr(os, "getuid", lambda: "user")()
        home = Path(tempfile.gettempdir()) / f"otsmaterials-{user}" / "git-home"
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return GitRunner(home=home, protocols=frozenset())


@dataclass(frozen=True)
class Mirror:
    """A bare mirror of one material's repository (made by :func:`otsmaterials.sync`)."""

    path: Path
    """The mirror's directory (``<cache>/mirrors/<id>.git``)."""
    runner: GitRunner = field(default_factory=lambda: _read_runner(None), repr=False)

    @classmethod
    def at(cls, path: str | Path, *, home: Path | None = None) -> Mirror:
        """The mirror at ``path``; ``home`` is the private git home (a temporary one by default)."""
        return cls(Path(path), _read_runner(home))

    def exists(self) -> bool:
        """Whether a complete mirror is there (mirrors only appear once a clone succeeded)."""
        return (self.path / "HEAD").is_file() and (self.path / "objects").is_dir()

    def branches(self) -> dict[str, str]:
        """Branch name → commit id."""
        found = read_branches(self.path)
        return found if found is not None else local_branches(self.runner, self.path)

    def default_branch(self) -> str | None:
        """The branch ``HEAD`` points at (the remote's default branch when cloned)."""
        found = read_head(self.path)
        return head_branch(self.runner, self.path) if found == UNKNOWN else found

    def commit(self, branch: str | None = None) -> str:
        """The commit a branch (default: ``HEAD``'s branch) points at."""
        branches = self.branches()
        name = branch or self.default_branch()
        if name is None or name not in branches:
            raise GitError(
                f"branch {name!r} is not in the mirror", path=self.path, kind="not-found"
            )
        return branches[name]

    def snapshot(self, commit: str, *, subdir: str | None = None) -> Snapshot:
        """The files of ``commit`` (under ``subdir``), ready to be read in batch."""
        files, skipped = list_tree(self.runner, self.path, commit, subdir=subdir)
        missing = (
            missing_objects(self.runner, self.path, commit) if self._partial() else frozenset()
        )
        present = []
        for entry in files:
            if entry.oid in missing:
                skipped.append(SkippedFile(entry.path, "not in the mirror (over its size limit)"))
            else:
                present.append(entry)
        return Snapshot(self, commit, tuple(present), tuple(skipped))

    def _partial(self) -> bool:
        config = self.path / "config"
        try:
            text = config.read_text("utf-8", "replace").lower()
        except OSError:
            return False
        return "promisor = true" in text or "partialclone" in text


@dataclass(frozen=True)
class Snapshot:
    """The regular files of one commit, and the entries left out (with the reason)."""

    mirror: Mirror
    """The mirror the files are read from."""
    commit: str
    """The commit id."""
    files: tuple[FileEntry, ...]
    """Regular files present in the mirror."""
    skipped: tuple[SkippedFile, ...]
    """Symlinks, submodules, undecodable names and blobs the mirror left out."""

    def paths(self) -> list[str]:
        """The paths of the files, in tree order."""
        return [entry.path for entry in self.files]

    def iter_read(
        self, paths: Iterable[str] | None = None, *, max_size: int = DEFAULT_MAX_FILE_SIZE
    ) -> Iterator[tuple[str, bytes | SkippedFile]]:
        """Yield ``(path, content)`` for each file, or ``(path, SkippedFile)`` over ``max_size``.

        Contents are read in batches of about 32 MiB, so memory stays bounded.
        """
        by_path = {entry.path: entry for entry in self.files}
        wanted = [by_path[p] for p in paths if p in by_path] if paths is not None else self.files
        sizes = blob_sizes(self.mirror.runner, self.mirror.path, (e.oid for e in wanted))
        batch: list[FileEntry] = []
        total = 0
        for entry in wanted:
            size = sizes.get(entry.oid, 0)
            if size > max_size:
                reason = f"over the size limit ({size} bytes, limit {max_size})"
                yield entry.path, SkippedFile(entry.path, reason)
                continue
            batch.append(entry)
            total += size
            if total >= _BATCH_BYTES:
                yield from self._read_batch(batch)
                batch, total = [], 0
        yield from self._read_batch(batch)

    def _read_batch(self, batch: list[FileEntry]) -> Iterator[tuple[str, bytes]]:
        contents = dict(read_blobs(self.mirror.runner, self.mirror.path, (e.oid for e in batch)))
        for entry in batch:
            if entry.oid in contents:
                yield entry.path, contents[entry.oid]

    def read(
        self, paths: Iterable[str] | None = None, *, max_size: int = DEFAULT_MAX_FILE_SIZE
    ) -> tuple[dict[str, bytes], list[SkippedFile]]:
        """Read files at once: ``(path → content, files skipped over max_size)``."""
        contents: dict[str, bytes] = {}
        skipped: list[SkippedFile] = []
        for path, value in self.iter_read(paths, max_size=max_size):
            if isinstance(value, SkippedFile):
                skipped.append(value)
            else:
                contents[path] = value
        return contents, skipped
