"""A catalogue validated once is not validated again while its files stay the same.

``otsmaterials sync`` needs a few settings and each material's source (a
:class:`~otsmaterials.syncing.plan.SyncPlan`). Validating the catalogue takes pydantic and the
catalogue's models, most of a no-op sync's start. After a successful validation the plan is kept
in ``<user cache>/catalogues/`` with the SHA-256 of every file the catalogue was read from (its
includes too); the next sync reads it back when all of them hash the same, for the same catalogue
path, ``--allow-local``, home folder and otsmaterials (its version, and the files of its code
that validate a catalogue, so that an edited checkout does not read an older memo). Anything
else (a changed or missing file, an unreadable or damaged memo) validates the catalogue again,
which reports every problem as always. A memo that cannot be written is not an error: the sync
then validates every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from otsmaterials._version import __version__
from otsmaterials.syncing.cache import default_cache_dir
from otsmaterials.syncing.plan import SyncPlan, plan_from_json

__all__ = ["memo_folder", "recall", "remember"]

MEMO_VERSION = 1
"""The memo's format; a memo of another version is not read."""


def memo_folder() -> Path:
    """Where the memos are: ``catalogues/`` in the user cache folder."""
    return default_cache_dir() / "catalogues"


def recall(catalogue: Path, allow_local: bool | None, *, folder: Path) -> SyncPlan | None:
    """The plan remembered for ``catalogue`` if every file it was read from is unchanged."""
    try:
        data = json.loads(_memo_file(catalogue, folder).read_bytes())
        if data.get("stamp") != _stamp(catalogue, allow_local):
            return None
        for name, digest in data["files"]:
            if _digest(Path(name)) != digest:
                return None
        return plan_from_json(data["plan"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def remember(
    catalogue: Path,
    allow_local: bool | None,
    files: Sequence[Path],
    plan: SyncPlan,
    *,
    folder: Path,
) -> bool:
    """Keep ``plan`` for ``catalogue``, read from ``files``; whether the memo was written."""
    try:
        memo: dict[str, Any] = {
            "stamp": _stamp(catalogue, allow_local),
            "files": [[str(file), _digest(file)] for file in files],
            "plan": plan.json(),
        }
        folder.mkdir(parents=True, exist_ok=True)
        target = _memo_file(catalogue, folder)
        handle, temporary = tempfile.mkstemp(prefix=".memo-", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(memo, out)
            Path(temporary).replace(target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def _memo_file(catalogue: Path, folder: Path) -> Path:
    name = hashlib.sha256(str(catalogue.resolve()).encode("utf-8", "surrogateescape"))
    return folder / f"{name.hexdigest()[:32]}.json"


def _stamp(catalogue: Path, allow_local: bool | None) -> list[object]:
    """What else than the files' bytes a validated catalogue depends on."""
    return [
        MEMO_VERSION,
        __version__,
        str(catalogue.resolve()),
        allow_local,
        os.path.expanduser("~"),  # noqa: PTH111 - a path in an include may start with ~
        _code_stamp(),
    ]


def _code_stamp() -> list[list[object]]:
    """The size and time of the files of this package that validate and plan a catalogue."""
    package = Path(__file__).resolve().parent.parent
    files = [package / "syncing" / "plan.py", *sorted((package / "catalogue").glob("*.py"))]
    files += sorted((package / "catalogues").glob("*.toml"))
    stamps: list[list[object]] = []
    for file in files:
        found = file.stat()
        stamps.append([file.name, found.st_size, found.st_mtime_ns])
    return stamps


def _digest(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()
