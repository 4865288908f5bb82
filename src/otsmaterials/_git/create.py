"""Create repositories from files (the demo, benchmarks): one ``git fast-import`` stream each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from otsmaterials._git.process import GitRunner
from otsmaterials._git.sources import check_branch

__all__ = ["NewCommit", "create_repository"]


@dataclass(frozen=True)
class NewCommit:
    """One commit to write: the complete tree of its branch at that point."""

    branch: str
    """The branch it goes on (created from ``parent`` or ``main``'s head when new)."""
    files: Mapping[str, bytes]
    """Every file of the tree: path → content."""
    author: str
    """``Name <email>``."""
    date: datetime
    """Author and commit date (with a time zone)."""
    message: str
    """The commit message."""
    parent_branch: str | None = None
    """Where a new branch starts (default: the first branch written)."""


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def _stamp(date: datetime) -> bytes:
    offset = date.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    zone = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return f"{int(date.timestamp())} {zone}".encode()


def _stream(commits: Sequence[NewCommit]) -> bytes:
    chunks: list[bytes] = []
    heads: dict[str, int] = {}
    first = commits[0].branch if commits else "main"
    for mark, commit in enumerate(commits, start=1):
        branch = check_branch(commit.branch)
        person = commit.author.encode("utf-8") + b" " + _stamp(commit.date)
        chunks += [
            b"commit refs/heads/%s\n" % branch.encode(),
            b"mark :%d\n" % mark,
            b"author " + person + b"\n",
            b"committer " + person + b"\n",
            _data(commit.message.encode("utf-8")),
        ]
        parent = heads.get(branch) or heads.get(commit.parent_branch or first)
        if parent is not None:
            chunks.append(b"from :%d\n" % parent)
        chunks.append(b"deleteall\n")
        for path in sorted(commit.files):
            chunks.append(b"M 100644 inline %s\n" % path.encode("utf-8"))
            chunks.append(_data(commit.files[path]))
        chunks.append(b"\n")
        heads[branch] = mark
    return b"".join(chunks)


def create_repository(
    runner: GitRunner, path: Path, commits: Sequence[NewCommit], *, head: str = "main"
) -> None:
    """Create a bare repository at ``path`` holding ``commits`` (written in order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    runner.run(
        ["init", "--quiet", "--bare", f"--initial-branch={check_branch(head)}", "--", str(path)]
    )
    runner.run(["config", "uploadpack.allowFilter", "true"], git_dir=path)
    runner.run(
        ["fast-import", "--quiet", "--done"], git_dir=path, input=_stream(commits) + b"done\n"
    )
