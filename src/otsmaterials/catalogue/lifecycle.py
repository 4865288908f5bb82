"""The life cycle of a material.

A module of its own, so that the index and the query commands name it without loading the
catalogue's models.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["LifeCycle"]

LifeCycle = Literal["current", "outdated", "retired"]
"""Where a material is in its life cycle (``docs/catalogue.md``)."""
