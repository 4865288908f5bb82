"""The cache directory: one bare mirror per material, a lock, and room for temporary clones.

::

    <cache>/
      .lock                 held by a running sync (flock; the file names the holder's PID)
      mirrors/<id>.git      one bare mirror per material, only ever renamed into place complete
      tmp/otsm-clone-<id>-… clones in progress, each holding the marker file ``.otsmaterials-clone``
      home/                 the private HOME of git processes (empty)

The cache removes only what it can prove it made: a sync holding the lock removes the folders of
``tmp/`` whose name it gives its clones *and* that hold its marker (left by a run that was
killed). Anything else in the directory, ``tmp/`` included, is never touched, so ``cache_dir``
may name a folder that holds other files.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from otsmaterials._git.mirror import Mirror
from otsmaterials._support.locking import FileLock

if TYPE_CHECKING:
    from otsmaterials.catalogue.model import Catalogue

__all__ = [
    "CLONE_MARKER",
    "CLONE_PREFIX",
    "Cache",
    "cache_dir_for",
    "default_cache_dir",
    "resolve_cache_dir",
]

CLONE_PREFIX = "otsm-clone-"
"""The name of every temporary clone folder starts with this."""
CLONE_MARKER = ".otsmaterials-clone"
"""The file each temporary clone folder holds from the moment it is made."""
_CLONE_NAME = re.compile(rf"{re.escape(CLONE_PREFIX)}[a-z0-9-]+-[A-Za-z0-9_]{{8}}")


def default_cache_dir() -> Path:
    """The platform's user cache directory for otsmaterials."""
    from platformdirs import user_cache_path  # noqa: PLC0415 - keep the import cheap

    return user_cache_path("otsmaterials", appauthor=False)


def resolve_cache_dir(catalogue: Catalogue, override: str | Path | None = None) -> Path:
    """The cache directory: ``override``, else the catalogue's ``cache_dir``, else the default."""
    return cache_dir_for(catalogue.base_dir, catalogue.settings.cache_dir, override)


def cache_dir_for(base_dir: Path, setting: str | None, override: str | Path | None) -> Path:
    """The cache directory: ``override``, else ``setting`` (from ``base_dir``), else the default."""
    if override is not None:
        return Path(override).expanduser().resolve()
    if setting:
        return (base_dir / Path(setting).expanduser()).resolve()
    return default_cache_dir()


class Cache:
    """A cache directory of mirrors."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).expanduser().resolve()
        """The cache directory."""

    @property
    def mirrors_dir(self) -> Path:
        """Where the mirrors are."""
        return self.root / "mirrors"

    @property
    def tmp_dir(self) -> Path:
        """Where clones are made before they are renamed into place."""
        return self.root / "tmp"

    @property
    def home_dir(self) -> Path:
        """The private, empty ``HOME`` of git processes."""
        return self.root / "home"

    def mirror_path(self, material_id: str) -> Path:
        """Where the mirror of ``material_id`` lives."""
        return self.mirrors_dir / f"{material_id}.git"

    def mirror(self, material_id: str) -> Mirror:
        """The mirror of ``material_id`` (it may not exist yet: see :meth:`Mirror.exists`)."""
        return Mirror.at(self.mirror_path(material_id), home=self.home_dir)

    def prepare(self) -> None:
        """Create the directories."""
        for directory in (self.mirrors_dir, self.tmp_dir, self.home_dir):
            directory.mkdir(parents=True, exist_ok=True)

    def lock(self, *, timeout: float = 60.0) -> FileLock:
        """The lock a sync holds on this cache."""
        self.root.mkdir(parents=True, exist_ok=True)
        return FileLock(self.root / ".lock", timeout=timeout)

    def new_clone_dir(self, material_id: str) -> Path:
        """A fresh folder in ``tmp/`` for a clone, marked as the cache's own."""
        work = Path(tempfile.mkdtemp(prefix=f"{CLONE_PREFIX}{material_id}-", dir=self.tmp_dir))
        (work / CLONE_MARKER).write_text("a temporary clone of otsmaterials\n", encoding="utf-8")
        return work

    def clean_temp(self) -> list[Path]:
        """Remove the clone folders an interrupted sync left in ``tmp/`` (holding the lock).

        Only folders named as :meth:`new_clone_dir` names them and holding its marker go.
        """
        removed: list[Path] = []
        try:
            entries = sorted(self.tmp_dir.iterdir())
        except OSError:
            return removed
        for leftover in entries:
            if _CLONE_NAME.fullmatch(leftover.name) and _is_marked_clone(leftover):
                shutil.rmtree(leftover, ignore_errors=True)
                removed.append(leftover)
        return removed


def _is_marked_clone(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink() and (folder / CLONE_MARKER).is_file()
