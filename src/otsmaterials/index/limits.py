"""A build's budgets per material, and the version of its cached catalogs.

A module of its own: a build that reads no material loads no parser, and still needs both.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PO_CACHE_VERSION", "Limits"]

PO_CACHE_VERSION = 2
"""Version of the cached catalog parses; 2: entries keep the files their ``#:`` references name
(for catalogs of a whole book). Part of every material's state (``index/build.py``)."""


@dataclass(frozen=True)
class Limits:
    """Budgets per material."""

    max_files: int = 20_000
    """More files than this and the material is reported over budget, not indexed."""
    max_lesson_bytes: int = 256 * 1024
    """Lesson files larger than this are reported, not parsed (parse time grows with size)."""
