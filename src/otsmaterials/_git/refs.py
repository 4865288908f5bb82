"""Read a mirror's branches from its ref files, without starting git (microseconds, not ms).

The index checks every material's branches on every build; a git process per material made a
no-op build of a large catalogue cost seconds. Loose refs (``refs/heads/…``) override packed ones
(``packed-refs``). A repository in any other format (reftable) is read with git.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["read_branches"]

_OID = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")


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
    heads = mirror / "refs" / "heads"
    if heads.is_dir():
        for file in heads.rglob("*"):
            if not file.is_file() or file.name.endswith(".lock"):
                continue
            oid = file.read_text("ascii", "replace").strip()
            if not _OID.match(oid):
                return None  # a symbolic or damaged loose ref: let git decide
            branches[file.relative_to(heads).as_posix()] = oid
    return dict(sorted(branches.items()))
