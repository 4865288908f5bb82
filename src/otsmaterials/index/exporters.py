"""The export formats, registered in one place: the command line's ``--format`` choices.

Adding a format is one :class:`Exporter` here (and, where it needs one, a method of
:class:`~otsmaterials.index.query.Index` that builds its text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from otsmaterials.attribution.people import CreditOrder

if TYPE_CHECKING:
    from otsmaterials.index.query import Index

__all__ = ["EXPORTERS", "ExportRequest", "Exporter"]


@dataclass(frozen=True)
class ExportRequest:
    """What to export: filters and options, the same for every format."""

    topic: str | None = None
    """Only lessons with this topic."""
    language: str | None = None
    """Only lessons with a usable version in this language."""
    material: str | None = None
    """Only this material."""
    include_emails: bool = False
    """Keep contributors' e-mail addresses (formats that carry contributors)."""
    order: CreditOrder = "name"
    """Credits by ``name`` or most ``contributions`` first."""


@dataclass(frozen=True)
class Exporter:
    """One export format."""

    name: str
    """The ``--format`` value."""
    description: str
    """One line for the command's help."""
    render: Callable[[Index, ExportRequest], str]
    """The export's text."""


def _json(index: Index, request: ExportRequest) -> str:
    return index.export_json(
        topic=request.topic,
        language=request.language,
        material=request.material,
        include_emails=request.include_emails,
        order=request.order,
    )


def _jekyll(index: Index, request: ExportRequest) -> str:
    return index.export_jekyll(
        topic=request.topic, language=request.language, material=request.material
    )


def _jekyll_config(index: Index, request: ExportRequest) -> str:
    return index.export_jekyll(
        topic=request.topic, language=request.language, material=request.material, config=True
    )


def _jsonld(index: Index, request: ExportRequest) -> str:
    return index.export_jsonld(
        topic=request.topic, language=request.language, material=request.material
    )


EXPORTERS: Mapping[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter("json", "the catalogue as JSON, with a JSON Schema (`schema`)", _json),
        Exporter("jekyll", "the learn portal's `sections:` YAML for `_data/`", _jekyll),
        Exporter(
            "jekyll-config",
            "the same as a configuration fragment: `--config _config.yml,sections.yml`",
            _jekyll_config,
        ),
        Exporter("jsonld", "schema.org metadata (JSON-LD): courses, learning resources", _jsonld),
    )
}
"""Every export format, by name."""
