"""The cache directory: one bare mirror per material, a lock, and room for temporary clones.

::

    <cache>/
      .lock                 held by a running sync (flock; the file names the holder's PID)
      mirrors/<id>.git      one bare mirror per material, only ever renamed into place complete
      tmp/                  clones in progress; anything here when a sync starts is left over
      home/                 the private HOME of git processes (empty)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from otsmaterials.catalogue.model import Catalogue
from otsmaterials.locking import FileLock
from otsmaterials.mirror import Mirror

__all__ = ["Cache", "default_cache_dir", "resolve_cache_dir"]


def default_cache_dir() -> Path:
    """The platform's user cache directory for otsmaterials."""
    from platformdirs import user_cache_path  # noqa: PLC0415 - keep the import cheap

    return user_cache_path("otsmaterials", appauthor=False)


def resolve_cache_dir(catalogue: Catalogue, override: str | Path | None = None) -> Path:
    """The cache directory: ``override``, else the catalogue's ``cache_dir``, else the default."""
    if override is not None:
        return Path(override).expanduser().resolve()
    if catalogue.settings.cache_dir:
        return (catalogue.base_dir / Path(catalogue.settings.cache_dir).expanduser()).resolve()
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

    def clean_temp(self) -> list[Path]:
        """Remove what an interrupted sync left in ``tmp/`` (call it holding the lock)."""
        removed = []
        if self.tmp_dir.is_dir():
            for leftover in sorted(self.tmp_dir.iterdir()):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)
                removed.append(leftover)
        return removed
