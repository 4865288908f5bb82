"""Where a catalogue's index file is, found without validating the whole catalogue.

The query commands (``list``, ``search`` …) only need ``[settings] index``: reading it from the
TOML spares them the catalogue's models and source checks. A file this cannot read is loaded in
full by the caller, which reports every problem.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

__all__ = ["DEFAULT_INDEX", "index_file", "index_setting"]

DEFAULT_INDEX = "otsmaterials.sqlite"
"""The index file's name when the catalogue does not give one."""

_MAX_BYTES = 16 * 1024 * 1024


def index_file(base_dir: Path, name: str | None) -> Path:
    """The index file named ``name`` (default :data:`DEFAULT_INDEX`), relative to ``base_dir``."""
    return (base_dir / Path(name or DEFAULT_INDEX).expanduser()).resolve()


def index_setting(catalogue_path: Path) -> Path | None:
    """The index file the catalogue at ``catalogue_path`` names; ``None`` when it cannot tell.

    ``None`` for a file that cannot be read, is not UTF-8 TOML, or whose ``index`` setting is not
    a plain path: loading the catalogue in full then says what is wrong.
    """
    try:
        if catalogue_path.stat().st_size > _MAX_BYTES:
            return None
        raw = tomllib.loads(catalogue_path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    settings = raw.get("settings", {})
    if not isinstance(settings, dict):
        return None
    name = settings.get("index")
    if name is not None and (
        not isinstance(name, str) or any(ord(c) < 0x20 or ord(c) == 0x7F for c in name)
    ):
        return None
    return index_file(catalogue_path.resolve().parent, name)
