"""One pass over a branch's history: who changed which file when (``git log --name-only``).

The index uses it for each lesson's last change and for the staleness of translations; the
attribution stage for authors. ``%aN``/``%aE`` apply the repository's ``.mailmap`` (in a bare
mirror git reads ``HEAD:.mailmap``). Renames are not followed: a lesson's identity is its path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from otsmaterials._git.process import GitRunner
from otsmaterials.sources import check_branch

__all__ = ["Commit", "diff_paths", "walk_history"]

_RECORD = "\x1e"
_FIELD = "\x1f"
_FORMAT = f"--format={_RECORD}%H{_FIELD}%at{_FIELD}%aN{_FIELD}%aE{_FIELD}%s"


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit and the files it touched."""

    oid: str
    """The commit id."""
    timestamp: int
    """Author time, seconds since the epoch."""
    author: str
    """Author name, after ``.mailmap``."""
    email: str
    """Author e-mail, after ``.mailmap``."""
    subject: str
    """The first line of the message."""
    paths: tuple[str, ...]
    """Files added, changed or deleted (merge commits list none)."""


def walk_history(
    runner: GitRunner, mirror: Path, commit: str, *, paths: tuple[str, ...] = ()
) -> list[Commit]:
    """The history reachable from ``commit``, newest first, optionally limited to ``paths``."""
    args = ["log", _FORMAT, "--name-only", "--no-renames", "-z", "--use-mailmap", commit]
    if paths:
        args.extend(["--", *paths])
    output = runner.run(args, git_dir=mirror).stdout.decode("utf-8", "replace")
    commits = []
    for record in output.split(_RECORD)[1:]:
        header, _, rest = record.partition("\n")
        fields = header.split(_FIELD)
        if len(fields) != 5:
            continue
        oid, stamp, author, email, subject = fields
        touched = tuple(part.strip("\n") for part in rest.split("\0") if part.strip("\n"))
        commits.append(Commit(oid, int(stamp or 0), author, email, subject, touched))
    return commits


def diff_paths(runner: GitRunner, mirror: Path, old: str, new: str) -> list[str]:
    """Files that differ between two commits."""
    output = runner.run(
        ["diff", "--name-only", "--no-renames", "-z", old, new], git_dir=mirror
    ).stdout.decode("utf-8", "replace")
    return [part for part in output.split("\0") if part]


def branch_commit(branch: str) -> str:
    """The revision naming a branch (validated, so it can never be taken for an option)."""
    return f"refs/heads/{check_branch(branch)}"
