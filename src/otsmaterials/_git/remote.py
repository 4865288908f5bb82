"""Network git: ls-remote, clone and fetch of one mirror (all through :class:`GitRunner`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from otsmaterials._git.process import GitRunner
from otsmaterials._git.refs import UNKNOWN, read_origin_url
from otsmaterials._git.sources import Source, check_branch
from otsmaterials.errors import GitError

__all__ = [
    "RemoteRefs",
    "clone_mirror",
    "delete_branches",
    "fetch_mirror",
    "ls_remote",
    "mirror_url",
    "set_head",
]

HEADS = "refs/heads/"
FETCH_REFSPEC = "+refs/heads/*:refs/heads/*"


@dataclass(frozen=True, slots=True)
class RemoteRefs:
    """The branches a remote offers, from one ``ls-remote`` round trip."""

    head: str | None
    """The remote's default branch, if it says."""
    branches: dict[str, str]
    """Branch name → commit id."""


def _secrets(source: Source) -> tuple[str, ...]:
    try:
        password = urlsplit(source.url).password
    except ValueError:
        return ()
    return (password,) if password else ()


def ls_remote(runner: GitRunner, source: Source, *, timeout: float | None = None) -> RemoteRefs:
    """List the remote's branches and default branch (``git ls-remote --symref``).

    A local source is asked the way ``ls-remote`` asks it, without ``ls-remote``: its
    ``upload-pack`` advertises its refs (one process instead of two; see :func:`_advertised`).
    """
    if source.kind == "local" and "file" in runner.protocols:
        return _advertised(runner, source, timeout=timeout)
    result = runner.run(
        ["ls-remote", "--symref", "--", source.url, "HEAD", "refs/heads/*"],
        timeout=timeout,
        url=source.display,
        secrets=_secrets(source),
    )
    head: str | None = None
    refs: list[tuple[str, str]] = []
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        left, _, ref = line.partition("\t")
        if left.startswith("ref: ") and ref == "HEAD":
            head = left.removeprefix("ref: ")
        else:
            refs.append((ref, left))
    return _remote_refs(head, refs)


def _remote_refs(head: str | None, refs: list[tuple[str, str]]) -> RemoteRefs:
    """The branches among ``refs`` (name, commit) and the branch ``head`` names, if it is one."""
    branches: dict[str, str] = {}
    for ref, oid in refs:
        if ref.startswith(HEADS):
            try:
                branches[check_branch(ref.removeprefix(HEADS))] = oid
            except ValueError:
                continue  # a branch name we would not pass to git is simply not mirrored
    default = head.removeprefix(HEADS) if head and head.startswith(HEADS) else None
    return RemoteRefs(default, branches)


def _advertised(runner: GitRunner, source: Source, *, timeout: float | None) -> RemoteRefs:
    """A local source's refs as its ``git upload-pack --advertise-refs`` lists them.

    For a path, ``ls-remote`` starts that same program and reads what it advertises: starting it
    directly spares a process per repository (a no-op sync of local sources is made of these).
    The advertisement is protocol v0's (the runner's environment sets no ``GIT_PROTOCOL``):
    pkt-lines ``<oid> <ref>``, the first with the capabilities after a NUL, among them
    ``symref=HEAD:<branch>``, then a flush packet.
    """
    path = unquote(urlsplit(source.url).path)
    result = runner.run(
        ["upload-pack", "--advertise-refs", "--", path], timeout=timeout, url=source.display
    )
    data = result.stdout
    head: str | None = None
    refs: list[tuple[str, str]] = []
    position = 0
    while position + 4 <= len(data):
        try:
            size = int(data[position : position + 4], 16)
        except ValueError:
            raise GitError(
                "git upload-pack advertised something unreadable", url=source.display
            ) from None
        if size < 4:  # the flush packet ends the list
            break
        line = data[position + 4 : position + size]
        position += size
        text, _, capabilities = line.rstrip(b"\n").partition(b"\0")
        oid, _, ref = text.decode("utf-8", "replace").partition(" ")
        for capability in capabilities.split():
            if capability.startswith(b"symref=HEAD:"):
                head = capability.removeprefix(b"symref=HEAD:").decode("utf-8", "replace")
        refs.append((ref, oid))
    return _remote_refs(head, refs)


def clone_mirror(
    runner: GitRunner,
    source: Source,
    destination: Path,
    *,
    max_blob_size: int,
    timeout: float | None = None,
) -> None:
    """Clone ``source`` as a bare mirror of its branches into the new directory ``destination``.

    No tags, no checkout, no submodules, no blob above ``max_blob_size`` (where the server allows
    filtering; local sources are read through the same transport, ``--no-local``).
    """
    args = ["clone", "--bare", "--no-tags", f"--filter=blob:limit={max_blob_size}"]
    if source.kind == "local":
        args.append("--no-local")
    args.extend(["--", source.url, str(destination)])
    runner.run(args, timeout=timeout, url=source.display, secrets=_secrets(source))


def fetch_mirror(
    runner: GitRunner, source: Source, mirror: Path, *, timeout: float | None = None
) -> None:
    """Bring the mirror's branches up to date, all refs or none (``fetch --atomic``).

    Nothing is pruned: a branch deleted upstream stays at its last commit until the caller,
    knowing which branches the catalogue needs, removes the others (:func:`delete_branches`).
    """
    runner.run(
        [
            "fetch",
            "--atomic",
            "--no-tags",
            "--no-write-fetch-head",
            "--quiet",
            "origin",
            FETCH_REFSPEC,
        ],
        git_dir=mirror,
        timeout=timeout,
        url=source.display,
        secrets=_secrets(source),
    )


def delete_branches(runner: GitRunner, mirror: Path, names: list[str]) -> None:
    """Remove branches from the mirror, all or none (one ``update-ref --stdin`` transaction)."""
    if names:
        commands = "".join(f"delete {HEADS}{check_branch(name)}\n" for name in names)
        runner.run(["update-ref", "--stdin"], git_dir=mirror, input=commands.encode("utf-8"))


def mirror_url(runner: GitRunner, mirror: Path) -> str | None:
    """The URL a mirror was cloned from (``remote.origin.url``).

    Read from the mirror's config file when it is plain (a no-op sync then starts one git
    process per material, ``ls-remote``), else asked of git.
    """
    found = read_origin_url(mirror)
    if found != UNKNOWN:
        return found
    try:
        result = runner.run(["config", "--get", "remote.origin.url"], git_dir=mirror, timeout=60)
    except OSError:
        return None
    return result.stdout.decode("utf-8", "replace").strip() or None


def set_head(runner: GitRunner, mirror: Path, branch: str) -> None:
    """Point the mirror's ``HEAD`` at ``branch`` (the remote's new default branch)."""
    runner.run(["symbolic-ref", "HEAD", HEADS + check_branch(branch)], git_dir=mirror)
