"""A material that is one page: its README, perhaps written in several languages.

Guides kept as a repository's README (``README.md`` beside ``README-cs.md``, ``README.de.md`` …)
have no other page: the README is their one lesson, keyed ``README``, and each README written
per language a translation of it. Tried last, so that a README is never a lesson beside other
pages (there it is the overview).
"""

from __future__ import annotations

from otsmaterials.layouts.base import Files, Site
from otsmaterials.layouts.jekyll import MARKDOWN_EXTENSIONS
from otsmaterials.layouts.pathlang import named

__all__ = ["detect_readme"]


def detect_readme(tree: Files) -> list[Site]:
    """The README site, when the material's root has a Markdown README."""
    readmes = sorted(path for path in tree.paths if _root_readme(path))
    if not any(path.lower() in {f"readme{ext}" for ext in MARKDOWN_EXTENSIONS} for path in readmes):
        return []
    return [Site(kind="readme", root="", files=readmes)]


def _root_readme(path: str) -> bool:
    stem, dot, extension = path.rpartition(".")
    return (
        "/" not in path
        and bool(dot)
        and f".{extension.lower()}" in MARKDOWN_EXTENSIONS
        and named(stem, "readme")
    )
