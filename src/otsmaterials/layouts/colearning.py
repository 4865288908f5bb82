"""Co-learning repositories: no site generator, one ``README.md`` per exercise folder.

Each folder's README is a lesson (its key is the folder), the repository's own README the
overview; a README written per language (``README.pt-BR.md``, ``README-uk.md``) is a translation
of its folder's lesson. Recognised when every Markdown file is a README and at least two folders
have one.
"""

from __future__ import annotations

import posixpath

from otsmaterials.layouts.base import Files, Site, is_non_lesson, natural_key
from otsmaterials.layouts.pathlang import named

__all__ = ["colearning_key", "detect_colearning"]


def colearning_key(path: str) -> str:
    """``exercises/loops/README.md`` → ``exercises/loops``."""
    return posixpath.dirname(path)


def detect_colearning(tree: Files) -> list[Site]:
    """A co-learning site, or ``None``."""
    markdown = [p for p in tree.paths if p.lower().endswith(".md") and not is_non_lesson(p)]
    readmes = [p for p in markdown if _readme(p)]
    others = [p for p in markdown if not _readme(p)]
    if len({colearning_key(path) for path in readmes}) < 2 or others or "_config.yml" in tree.paths:
        return []
    files = sorted(readmes, key=natural_key)
    keys = {path: colearning_key(path) for path in files}
    return [Site(kind="colearning", root="", files=files, keys=keys)]


def _readme(path: str) -> bool:
    """A folder's ``README.md``, in any language (``README.pt-BR.md``, ``README-uk.md``)."""
    return "/" in path and named(posixpath.basename(path)[: -len(".md")], "readme")
