"""One pass over a branch's history: who changed which file when, and which files moved.

``git log --name-status -M`` lists, per commit, the files added, changed or deleted and the files
renamed (``R086 old new``, found by git's rename detection with its default 50 % similarity,
the detection ``git log --follow`` uses). The index uses it for each lesson's last change, for the
staleness of translations and for authors, who are followed across moves
(:class:`~otsmaterials.index.changes.FileHistory`). ``%aN``/``%aE`` apply the repository's
``.mailmap`` (in a bare mirror git reads ``HEAD:.mailmap``); ``Co-authored-by:`` trailers are read
too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from otsmaterials._git.process import GitRunner

__all__ = ["Commit", "walk_history"]

_RECORD = "\x1e"
_FIELD = "\x1f"
_TRAILER = "\x1d"
_FORMAT = (
    f"--format={_RECORD}%H{_FIELD}%at{_FIELD}%aN{_FIELD}%aE{_FIELD}%s{_FIELD}"
    f"%(trailers:key=Co-authored-by,valueonly,separator=%x1d){_FIELD}"
)


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
    """Files added, changed or deleted, both paths of a rename (merge commits list none)."""
    renames: tuple[tuple[str, str], ...] = ()
    """``(old path, new path)`` of every file this commit moved."""
    coauthors: tuple[str, ...] = ()
    """``Name <address>`` of every ``Co-authored-by:`` trailer."""


def walk_history(
    runner: GitRunner,
    mirror: Path,
    commit: str,
    *,
    paths: tuple[str, ...] = (),
    follow: bool = False,
) -> list[Commit]:
    """The history reachable from ``commit``, newest first, optionally limited to ``paths``.

    A limited walk keeps the commits that changed ``paths``, each with all the files it changed
    (with ``follow``: only the followed file).

    ``follow`` (with exactly one path): also the commits from before the file was moved, as
    ``git log --follow`` finds them.
    """
    args = ["log", _FORMAT, "--name-status", "-M", "-z", "--use-mailmap"]
    if follow and len(paths) == 1:
        args.append("--follow")  # (git refuses --full-diff with it)
    elif paths:
        args.append("--full-diff")  # each commit's every file, as in a whole-branch walk
    args.append(commit)
    if paths:
        args.extend(["--", *paths])
    output = runner.run(args, git_dir=mirror).stdout.decode("utf-8", "replace")
    commits = []
    for record in output.split(_RECORD)[1:]:
        fields = record.split(_FIELD)
        if len(fields) != 7:
            continue
        oid, stamp, author, email, subject, trailers, rest = fields
        touched, renames = _changes(rest)
        coauthors = tuple(t.strip() for t in trailers.split(_TRAILER) if t.strip())
        commits.append(
            Commit(oid, int(stamp or 0), author, email, subject, touched, renames, coauthors)
        )
    return commits


def _changes(raw: str) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Paths and renames from ``--name-status -z`` output (``status NUL path [NUL path]``)."""
    parts = [part.strip("\n") for part in raw.split("\0")]
    parts = [part for part in parts if part]
    touched: list[str] = []
    renames: list[tuple[str, str]] = []
    position = 0
    while position < len(parts):
        status = parts[position]
        if status[:1] in {"R", "C"} and position + 2 < len(parts):
            old, new = parts[position + 1 : position + 3]
            if status[:1] == "R":
                renames.append((old, new))
                touched.append(old)
            touched.append(new)
            position += 3
        else:
            if position + 1 < len(parts):
                touched.append(parts[position + 1])
            position += 2
    return tuple(dict.fromkeys(touched)), tuple(renames)
