"""Constrained value types of the data models: each validates, and states itself in the schema.

A field typed with one of these is checked when a model is made and carries the same constraint
into the published JSON Schema (``pattern``, ``format``, ``minimum``/``maximum``), so the export's
schema follows from the models (``docs/site-generators.md``, "The schema").
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

__all__ = [
    "BCP47_PATTERN",
    "Count",
    "IsoDate",
    "LanguageTag",
    "NonEmpty",
    "Share",
    "SpdxExpression",
    "WebAddress",
]

BCP47_PATTERN = (
    r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?(-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$"
)
"""A language tag in the canonical BCP 47 form the library writes (``pt-BR``, ``zh-Hant-TW``,
``es-419``, ``sr-Latn``): language, then optional script, region and variants."""

LanguageTag = Annotated[str, Field(pattern=BCP47_PATTERN)]
"""A canonical BCP 47 language tag."""

WebAddress = Annotated[
    str, Field(pattern=r"^https?://[^\s/$.?#][^\s]*$", json_schema_extra={"format": "uri"})
]
"""An absolute ``http``/``https`` address (the pattern checks it where a validator does not
check formats)."""

IsoDate = Annotated[
    str,
    Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"}),
]
"""A calendar date, ``YYYY-MM-DD`` (UTC)."""

Share = Annotated[float, Field(ge=0.0, le=1.0)]
"""A share, 0.0–1.0."""

Count = Annotated[int, Field(ge=0)]
"""A number of things: never negative."""

NonEmpty = Annotated[str, Field(min_length=1)]
"""Text that must say something."""

SpdxExpression = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*(?: (?:AND|OR|WITH) [A-Za-z0-9][A-Za-z0-9.+-]*)*$"),
]
"""An SPDX licence id or expression (``CC-BY-SA-4.0``, ``LicenseRef-…``, ``NOASSERTION``)."""
