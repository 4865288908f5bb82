"""Co-learning repositories: no site generator, one ``README.md`` per exercise folder.

Each folder's README is a lesson (its key is the folder), the repository's own README the
overview. Recognised when every Markdown file is a README and at least two folders have one.
"""

from __future__ import annotations

import posixpath

from otsmaterials.layouts.base import Files, Site, is_non_lesson, natural_key

__all__ = ["colearning_key", "detect_colearning"]


def colearning_key(path: str) -> str:
    """``exercises/loops/README.md`` → ``exercises/loops``."""
    return posixpath.dirname(path)


def detect_colearning(tree: Files) -> list[Site]:
    """A co-learning site, or ``None``."""
    markdown = [p for p in tree.paths if p.lower().endswith(".md") and not is_non_lesson(p)]
    readmes = [p for p in markdown if posixpath.basename(p).lower() == "readme.md" and "/" in p]
    others = [p for p in markdown if posixpath.basename(p).lower() != "readme.md"]
    if len(readmes) < 2 or others or "_config.yml" in tree.paths:
        return []
    files = sorted(readmes, key=natural_key)
    keys = {path: colearning_key(path) for path in files}
    return [Site(kind="colearning", root="", files=files, keys=keys)]
