"""Read the files of a commit from a bare mirror, without a checkout.

``ls-tree`` lists the tree; symlinks and submodules are skipped with a warning (a symlinked
``lesson.md -> /etc/passwd`` must never reach an index), names that are not UTF-8 too. Blobs the
mirror left out (over its size limit) are found with ``rev-list --missing=print`` so that nothing
triggers a lazy fetch, and the rest is read in two batches (``cat-file --batch-check`` for sizes,
``cat-file --batch`` for contents) with a per-file size cap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from otsmaterials._git.process import GitRunner
from otsmaterials.errors import GitError

__all__ = [
    "FileEntry",
    "SkippedFile",
    "blob_sizes",
    "head_branch",
    "list_tree",
    "local_branches",
    "missing_objects",
    "read_blobs",
    "read_files_at",
]

_MODE_FILE = ("100644", "100755")
_MODE_SYMLINK = "120000"
_MODE_GITLINK = "160000"


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A regular file in a commit's tree."""

    path: str
    """The path from the repository root, ``/``-separated."""
    oid: str
    """The blob's object id."""
    executable: bool = False
    """Whether the file has the executable bit."""


@dataclass(frozen=True, slots=True)
class SkippedFile:
    """A tree entry the reader left out, and why."""

    path: str
    """The path (with undecodable bytes shown as ``\\xNN`` escapes)."""
    reason: str
    """``symlink ignored``, ``submodule ignored``, ``file name is not valid UTF-8``,
    ``over the size limit (N bytes)``, ``not in the mirror (over its size limit)``."""


def list_tree(
    runner: GitRunner, mirror: Path, commit: str, *, subdir: str | None = None
) -> tuple[list[FileEntry], list[SkippedFile]]:
    """The regular files of ``commit`` (under ``subdir``), and the entries skipped."""
    args = ["ls-tree", "-r", "-z", "--full-tree", commit]
    if subdir:
        args.extend(["--", subdir.rstrip("/") + "/"])
    output = runner.run(args, git_dir=mirror).stdout
    files: list[FileEntry] = []
    skipped: list[SkippedFile] = []
    for record in output.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, _kind, oid = meta.decode("ascii").split(" ")
        try:
            path = raw_path.decode("utf-8")
        except UnicodeDecodeError:
            shown = raw_path.decode("utf-8", "backslashreplace")
            skipped.append(SkippedFile(shown, "file name is not valid UTF-8"))
            continue
        if mode in _MODE_FILE:
            files.append(FileEntry(path, oid, mode == "100755"))
        elif mode == _MODE_SYMLINK:
            skipped.append(SkippedFile(path, "symlink ignored"))
        elif mode == _MODE_GITLINK:
            skipped.append(SkippedFile(path, "submodule ignored"))
    return files, skipped


def missing_objects(runner: GitRunner, mirror: Path, commit: str) -> frozenset[str]:
    """Objects of ``commit``'s tree that the (partial) mirror does not hold."""
    output = runner.run(
        ["rev-list", "--objects", "--missing=print", "--no-walk", commit], git_dir=mirror
    ).stdout
    return frozenset(
        line[1:].decode("ascii") for line in output.splitlines() if line.startswith(b"?")
    )


def blob_sizes(runner: GitRunner, mirror: Path, oids: Iterable[str]) -> dict[str, int]:
    """The size of each present blob (``cat-file --batch-check``)."""
    wanted = list(dict.fromkeys(oids))
    if not wanted:
        return {}
    request = "".join(f"{oid}\n" for oid in wanted).encode("ascii")
    output = runner.run(
        ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"],
        git_dir=mirror,
        input=request,
    ).stdout
    sizes: dict[str, int] = {}
    for line in output.decode("ascii", "replace").splitlines():
        parts = line.split(" ")
        if len(parts) == 3 and parts[1] == "blob":
            sizes[parts[0]] = int(parts[2])
    return sizes


def read_blobs(runner: GitRunner, mirror: Path, oids: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """Yield ``(oid, content)`` for each blob (which must be present), in one ``cat-file`` batch."""
    wanted = list(dict.fromkeys(oids))
    if not wanted:
        return
    request = "".join(f"{oid}\n" for oid in wanted).encode("ascii")
    output = runner.run(["cat-file", "--batch"], git_dir=mirror, input=request).stdout
    position = 0
    for _ in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].decode("ascii").split(" ")
        position = end + 1
        if len(header) != 3:
            continue  # "<oid> missing": not expected for present blobs, but never fatal
        size = int(header[2])
        yield header[0], output[position : position + size]
        position += size + 1


def read_files_at(
    runner: GitRunner, mirror: Path, wanted: Iterable[tuple[str, str]], *, max_size: int
) -> dict[tuple[str, str], bytes]:
    """The content of each ``(commit, path)`` that names a blob of at most ``max_size`` bytes.

    One ``cat-file --batch`` for all of them; a path absent at that commit, a tree, a blob over
    ``max_size`` or the mirror left out, and a path with a line break are simply not in the
    result.
    """
    requests = [
        (commit, path)
        for commit, path in dict.fromkeys(wanted)
        if "\n" not in path and "\r" not in path and commit.isalnum()
    ]
    if not requests:
        return {}
    names = "".join(f"{commit}:{path}\n" for commit, path in requests).encode("utf-8")
    sizes = runner.run(
        ["cat-file", "--batch-check=%(objecttype) %(objectsize)"], git_dir=mirror, input=names
    ).stdout.splitlines()
    chosen = [
        request
        for request, line in zip(requests, sizes, strict=False)
        if line.startswith(b"blob ") and int(line.split()[1]) <= max_size
    ]
    if not chosen:
        return {}
    names = "".join(f"{commit}:{path}\n" for commit, path in chosen).encode("utf-8")
    output = runner.run(["cat-file", "--batch"], git_dir=mirror, input=names).stdout
    found: dict[tuple[str, str], bytes] = {}
    position = 0
    for request in chosen:
        end = output.index(b"\n", position)
        header = output[position:end].split(b" ")
        position = end + 1
        if len(header) != 3:
            continue  # gone between the two calls: never fatal
        size = int(header[2])
        found[request] = output[position : position + size]
        position += size + 1
    return found


def local_branches(runner: GitRunner, mirror: Path) -> dict[str, str]:
    """The mirror's branches: name → commit id."""
    output = runner.run(
        ["for-each-ref", "--format=%(objectname) %(refname)", "refs/heads/"], git_dir=mirror
    ).stdout.decode("utf-8", "replace")
    branches = {}
    for line in output.splitlines():
        oid, _, ref = line.partition(" ")
        branches[ref.removeprefix("refs/heads/")] = oid
    return branches


def head_branch(runner: GitRunner, mirror: Path) -> str | None:
    """The branch the mirror's ``HEAD`` points at, if it points at one."""
    try:
        output = runner.run(["symbolic-ref", "-q", "HEAD"], git_dir=mirror).stdout
    except GitError:
        return None
    return output.decode("utf-8", "replace").strip().removeprefix("refs/heads/") or None
