"""A material's licence and the evidence for it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from otsmaterials._support.constrained import NonEmpty, WebAddress
from otsmaterials._support.model import FrozenModel

__all__ = ["Evidence", "EvidenceKind", "EvidenceSource", "License"]

EvidenceSource = Literal[
    "catalogue",
    "reuse",
    "license-file",
    "page",
    "readme",
    "layout",
    "package",
    "deed-link",
    "file-header",
]
"""Where a licence statement was found (the strongest source comes first)."""
EvidenceKind = Literal[
    "deed-link",
    "badge",
    "name",
    "legal-text",
    "spdx-header",
    "annotation",
    "dep5",
    "file",
    "override",
    "",
]
"""How a statement was recognised (``""`` for none in particular)."""


class Evidence(FrozenModel):
    """One place that states a licence."""

    spdx: str
    """The SPDX id it names."""
    source: EvidenceSource
    """``catalogue``, ``reuse``, ``license-file``, ``page``, ``readme``, ``layout``, ``package``,
    ``deed-link`` or ``file-header`` (an ``SPDX-License-Identifier`` in one file)."""
    path: str | None = None
    """The file (``None`` for the catalogue's override)."""
    line: int | None = Field(default=None, ge=1)
    """The 1-based line, where known."""
    text: str = ""
    """The statement, shortened."""
    kind: EvidenceKind = ""
    """How it was recognised: ``deed-link``, ``badge``, ``name``, ``legal-text``,
    ``spdx-header``, ``annotation``, ``dep5``, ``file``, ``override``."""
    scope: Literal["all", "content", "code"] = "all"
    """What the statement covers: the lessons (``content``), the ``code``, or ``all``."""


class License(FrozenModel):
    """A licence as detected: what it is, how sure, from where."""

    spdx: NonEmpty
    """SPDX id (``CC-BY-SA-4.0``, ``CC-BY-SA-3.0-DE``), ``LicenseRef-…`` or ``NOASSERTION``."""
    name: NonEmpty
    """Its full name."""
    url: WebAddress | None = None
    """The deed or licence text URL."""
    evidence: tuple[Evidence, ...] = ()
    """Every statement found, strongest source first."""
    conflicts: tuple[str, ...] = ()
    """Other licences the evidence names (a conflict unless the catalogue settled it)."""
    confidence: Literal["high", "medium", "low", "none"] = "none"
    """``high``: the catalogue, REUSE or a licence file; ``medium``: pages, README, layouts,
    package metadata; ``low``: only deed links, badges or headers of single files; ``none``: nothing
    found."""
