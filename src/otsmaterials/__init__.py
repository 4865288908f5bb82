"""otsmaterials: OpenTechSchool's open learning materials as one multilingual catalogue.

The public API is this namespace; everything else is implementation. Names load lazily, so that
``import otsmaterials`` stays cheap (no GitPython, click or markdown-it-py until they are needed).

>>> import otsmaterials as om
>>> cat = om.load_catalogue("catalogue.toml")  # doctest: +SKIP
>>> report = om.sync(cat)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from otsmaterials._version import __version__

if TYPE_CHECKING:
    from otsmaterials.cache import Cache
    from otsmaterials.catalogue import (
        Catalogue,
        MaterialSpec,
        Settings,
        TopicSpec,
        dump_catalogue,
        import_learn_config,
        load_catalogue,
        parse_catalogue,
    )
    from otsmaterials.errors import (
        CatalogueError,
        GitError,
        GitTimeoutError,
        InputError,
        LanguageCodeError,
        LockedError,
        OtsMaterialsError,
        ParseError,
        Problem,
        StorageError,
        UnsafeSourceError,
    )
    from otsmaterials.languages import normalize_language, to_gettext
    from otsmaterials.mirror import FileEntry, Mirror, SkippedFile, Snapshot
    from otsmaterials.sync_report import SyncProgress, SyncReport, SyncResult
    from otsmaterials.syncing import sync

__all__ = [
    "Cache",
    "Catalogue",
    "CatalogueError",
    "FileEntry",
    "GitError",
    "GitTimeoutError",
    "InputError",
    "LanguageCodeError",
    "LockedError",
    "MaterialSpec",
    "Mirror",
    "OtsMaterialsError",
    "ParseError",
    "Problem",
    "Settings",
    "SkippedFile",
    "Snapshot",
    "StorageError",
    "SyncProgress",
    "SyncReport",
    "SyncResult",
    "TopicSpec",
    "UnsafeSourceError",
    "__version__",
    "dump_catalogue",
    "import_learn_config",
    "load_catalogue",
    "normalize_language",
    "parse_catalogue",
    "sync",
    "to_gettext",
]

_LOCATIONS = {
    "Cache": "otsmaterials.cache",
    "Catalogue": "otsmaterials.catalogue",
    "MaterialSpec": "otsmaterials.catalogue",
    "Settings": "otsmaterials.catalogue",
    "TopicSpec": "otsmaterials.catalogue",
    "dump_catalogue": "otsmaterials.catalogue",
    "import_learn_config": "otsmaterials.catalogue",
    "load_catalogue": "otsmaterials.catalogue",
    "parse_catalogue": "otsmaterials.catalogue",
    "CatalogueError": "otsmaterials.errors",
    "GitError": "otsmaterials.errors",
    "GitTimeoutError": "otsmaterials.errors",
    "InputError": "otsmaterials.errors",
    "LanguageCodeError": "otsmaterials.errors",
    "LockedError": "otsmaterials.errors",
    "OtsMaterialsError": "otsmaterials.errors",
    "ParseError": "otsmaterials.errors",
    "Problem": "otsmaterials.errors",
    "StorageError": "otsmaterials.errors",
    "UnsafeSourceError": "otsmaterials.errors",
    "normalize_language": "otsmaterials.languages",
    "to_gettext": "otsmaterials.languages",
    "FileEntry": "otsmaterials.mirror",
    "Mirror": "otsmaterials.mirror",
    "SkippedFile": "otsmaterials.mirror",
    "Snapshot": "otsmaterials.mirror",
    "sync": "otsmaterials.syncing",
    "SyncProgress": "otsmaterials.sync_report",
    "SyncReport": "otsmaterials.sync_report",
    "SyncResult": "otsmaterials.sync_report",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - module attributes of any kind
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module 'otsmaterials' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
