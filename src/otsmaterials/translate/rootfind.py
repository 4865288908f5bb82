"""Where a working copy starts, and lessons that are really translations of other lessons.

The translator commands run from any folder inside a working copy: the root is the nearest folder,
from the current one upwards, that holds the locale directory, a site's configuration
(``_config.yml``, ``conf.py``, ``mkdocs.yml`` …) or a ``.git`` entry. Run from the wrong folder,
a layout can take the translations themselves for lessons (``web/de/core/setup.md`` next to
``web/core/setup.md``, ``forms.nl.md`` next to ``forms.md``): :func:`translations_among` finds
them so that the command refuses instead of writing templates of translations.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from otsmaterials.languages.tags import is_language_tag
from otsmaterials.layouts.base import strip_extension

__all__ = ["SITE_MARKERS", "find_root", "translations_among"]

SITE_MARKERS = (
    "_config.yml",
    "_config.yaml",
    "conf.py",
    "mkdocs.yml",
    "book.toml",
    "SUMMARY.md",
    "config.yaml",
)
"""Files that say "a site starts here" (Jekyll, Sphinx, MkDocs, mdBook, GitBook, Workbench)."""


def find_root(start: Path, locale_dir: str | Path | None = None) -> Path:
    """The working copy around ``start`` (``start`` itself when none is found).

    The nearest folder, upwards, with the locale directory, a site's configuration or ``.git``.
    """
    here = start.resolve()
    locale = Path(locale_dir or "locale")
    for folder in (here, *here.parents):
        if not locale.is_absolute() and (folder / locale).is_dir():
            return folder
        if any((folder / marker).is_file() for marker in SITE_MARKERS):
            return folder
        if (folder / ".git").exists():
            return folder
    return here


def translations_among(paths: Sequence[str]) -> list[tuple[str, str, str]]:
    """``(translation, original, folder)`` for each path that is a translation of another.

    In a language folder: ``web/de/core/setup.md`` of ``web/core/setup.md``, and the folder is
    ``web`` (where the working copy would start); with a language suffix: ``forms.nl.md`` of
    ``forms.md``, and the folder is ``""``.
    """
    by_name = {strip_extension(path): path for path in paths}
    found = []
    for path in paths:
        original = _original_of(strip_extension(path), by_name)
        if original is not None:
            found.append((path, *original))
    return found


def _original_of(name: str, by_name: dict[str, str]) -> tuple[str, str] | None:
    parts = PurePosixPath(name).parts
    for index, part in enumerate(parts[:-1]):
        if _is_language(part):
            other = "/".join(parts[:index] + parts[index + 1 :])
            if other in by_name:
                return by_name[other], "/".join(parts[:index])
    stem, dot, suffix = name.rpartition(".")
    if dot and "/" not in suffix and _is_language(suffix) and stem in by_name:
        return by_name[stem], ""
    return None


def _is_language(code: str) -> bool:
    return 2 <= len(code) <= 11 and is_language_tag(code)
