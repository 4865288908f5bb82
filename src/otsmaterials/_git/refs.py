"""Read a mirror's branches from its ref files, without starting git (microseconds, not ms).

The index checks every material's branches on every build; a git process per material made a
no-op build of a large catalogue cost seconds. Loose refs (``refs/heads/…``) override packed ones
(``packed-refs``). A repository in any other format (reftable) is read with git.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["UNKNOWN", "read_branches", "read_head", "read_origin_url"]

_ORIGIN = re.compile(r'\[\s*(?i:remote)\s+"origin"\s*\]')
_SECTION = re.compile(r'\[[A-Za-z0-9-]+(?:\s+"[^"\\]*")?\]')
_OID = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")
UNKNOWN = "\x00unknown"
"""What :func:`read_head` returns when only git can tell."""


def read_head(mirror: Path) -> str | None:
    """The branch ``HEAD`` names, ``None`` when detached, :data:`UNKNOWN` when git must tell."""
    try:
        head = (mirror / "HEAD").read_text("utf-8", "replace").strip()
    except OSError:
        return UNKNOWN
    name = head.removeprefix("ref: refs/heads/")
    if name != head and name and name != ".invalid":  # reftable keeps ".invalid" there
        return name
    return None if _OID.match(head) else UNKNOWN


def read_branches(mirror: Path) -> dict[str, str] | None:
    """Branch name → commit id, or ``None`` when the ref store is not plain files."""
    config = mirror / "config"
    try:
        if "reftable" in config.read_text("utf-8", "replace").lower():
            return None
    except OSError:
        return None
    branches: dict[str, str] = {}
    packed = mirror / "packed-refs"
    if packed.is_file():
        for line in packed.read_text("utf-8", "replace").splitlines():
            if line.startswith(("#", "^")) or " " not in line:
                continue
            oid, ref = line.split(" ", 1)
            if ref.startswith("refs/heads/") and _OID.match(oid):
                branches[ref.removeprefix("refs/heads/")] = oid
    loose = _loose_refs(mirror / "refs" / "heads", "")
    if loose is None:
        return None
    branches.update(loose)
    return dict(sorted(branches.items()))


def _loose_refs(folder: Path, prefix: str) -> dict[str, str] | None:
    """The loose refs under ``folder`` (names after ``prefix``).

    ``None`` if one is not a plain commit id. ``os.scandir``: a tenth of what ``Path.rglob``
    costs, which a no-op sync pays for every mirror.
    """
    found: dict[str, str] = {}
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return found
    for entry in entries:
        name = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            deeper = _loose_refs(folder / entry.name, name + "/")
            if deeper is None:
                return None
            found.update(deeper)
        elif entry.is_file() and not entry.name.endswith(".lock"):
            oid = (folder / entry.name).read_bytes().decode("ascii", "replace").strip()
            if not _OID.match(oid):
                return None  # a symbolic or damaged loose ref: let git decide
            found[name] = oid
    return found


def read_origin_url(mirror: Path) -> str | None:
    """``remote.origin.url`` from the mirror's ``config`` file, :data:`UNKNOWN` when git must tell.

    The file is the one ``git clone`` wrote: sections on lines of their own, ``key = value``
    lines. Anything else (quotes, escapes, comments or a section header with a key after it,
    ``include``, a key given twice) is left to git.
    """
    try:
        text = (mirror / "config").read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return UNKNOWN
    urls: list[str] = []
    in_origin = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("["):
            if not _SECTION.fullmatch(stripped) or stripped.lower().startswith("[include"):
                return UNKNOWN
            in_origin = _ORIGIN.fullmatch(stripped) is not None
            continue
        if any(mark in stripped for mark in '"\\#;'):
            return UNKNOWN
        key, _, value = stripped.partition("=")
        if in_origin and key.strip().lower() == "url":
            urls.append(value.strip())
    if len(urls) > 1:
        return UNKNOWN
    return urls[0] if urls and urls[0] else None
