"""Exports for site generators: deterministic JSON with a JSON Schema, and the learn portal's YAML.

The JSON document (``docs/site-generators.md``) is built from the index models, so its schema is
generated from them (``otsmaterials schema``); the same index gives the same bytes. E-mail
addresses are exported only when asked (:meth:`ExportDocument.with_emails`). The Jekyll export
is the learn portal's ``sections:``/``workshops:`` list (title, url, source, code, desc) with
each workshop's languages added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field, PrivateAttr

from otsmaterials._support.model import FrozenDict, FrozenMap, FrozenModel
from otsmaterials.attribution.people import CreditOrder, Person, order_names, order_people
from otsmaterials.catalogue.model import LifeCycle
from otsmaterials.index.models import Lesson, Material
from otsmaterials.licensing.models import License

__all__ = [
    "ExportDocument",
    "ExportMaterial",
    "ExportTopic",
    "export_schema",
    "jekyll_sections",
    "to_json",
]


class ExportTopic(FrozenModel):
    """A topic."""

    id: str
    """The topic slug."""
    name: str
    """The display name."""


class ExportMaterial(FrozenModel):
    """A material and its lessons."""

    id: str
    """The material id."""
    title: str
    """The title."""
    description: str = ""
    """The description."""
    source: str
    """The repository URL (any password hidden)."""
    site_url: str | None = None
    """Where the material is published."""
    code_url: str | None = None
    """The exercises' code repository."""
    branch: str
    """The branch indexed."""
    commit: str
    """The commit indexed."""
    license: License | None = None
    """The licence of the lessons (SPDX id, name, deed URL, evidence), once detected."""
    code_license: License | None = None
    """The licence of the code, where the material states one apart from the lessons'."""
    status: LifeCycle | None = None
    """Where the material is in its life cycle, where known."""
    adapts: str | None = None
    """The id of the material this one adapts, if any (its lessons say which lesson each adapts)."""
    topics: tuple[str, ...] = ()
    """Topic slugs."""
    languages: tuple[str, ...] = ()
    """Languages with at least one usable lesson version (BCP 47)."""
    completeness: FrozenMap[str, float] = Field(default_factory=FrozenDict)
    """Language → mean completeness over the material's lessons."""
    contributors: tuple[Person, ...] = ()
    """People credited for the material (names, roles, commit counts; never e-mail addresses
    unless the export is asked for them)."""
    lessons: tuple[Lesson, ...] = ()
    """The lessons, in order, each with its versions per language."""


class ExportDocument(FrozenModel):
    """The JSON export of an index."""

    schema_version: Literal[1] = 1
    """Version of this document's shape."""
    catalogue: str
    """The catalogue's name."""
    topics: tuple[ExportTopic, ...] = ()
    """Topics, in catalogue order."""
    materials: tuple[ExportMaterial, ...] = ()
    """Materials, in catalogue order."""

    _include_emails: bool = PrivateAttr(default=False)

    def with_emails(self) -> ExportDocument:
        """A copy whose JSON (:func:`to_json`) keeps the contributors' e-mail addresses."""
        copy = self.model_copy()
        copy._include_emails = True
        return copy


def _ordered(lesson: Lesson, order: CreditOrder) -> Lesson:
    """The lesson with each version's authors and translators in ``order``."""
    versions = {
        language: version.model_copy(
            update={
                "authors": order_names(version.authors, order),
                "translators": order_names(version.translators, order),
            }
        )
        for language, version in lesson.versions.items()
    }
    return lesson.model_copy(update={"versions": FrozenDict(versions)})


def export_material(
    material: Material, lessons: list[Lesson], *, order: CreditOrder = "name"
) -> ExportMaterial:
    """A material's export entry, from the index models.

    Contributors, authors and translators are listed by ``name`` (as the attribution lists them)
    or most ``contributions`` first.
    """
    languages = sorted({tag for lesson in lessons for tag in lesson.languages()})
    return ExportMaterial(
        id=material.id,
        title=material.title,
        description=material.description,
        source=material.source,
        site_url=material.site_url,
        code_url=material.code_url,
        branch=material.branch,
        commit=material.commit,
        topics=material.topics,
        languages=tuple(languages),
        completeness={tag: value for tag, value in material.languages.items() if tag in languages},
        license=material.license,
        code_license=material.code_license,
        status=material.status,
        adapts=material.adapts,
        contributors=tuple(order_people(material.contributors, order)),
        lessons=tuple(_ordered(lesson, order) for lesson in lessons),
    )


def to_json(document: ExportDocument) -> str:
    """Deterministic JSON text: sorted keys, two-space indent, UTF-8, trailing newline.

    Contributors' e-mail addresses are written only for a document made
    :meth:`~ExportDocument.with_emails`.
    """
    data = document.model_dump(mode="json")
    if document._include_emails:
        for material, entry in zip(document.materials, data["materials"], strict=True):
            for person, person_data in zip(
                material.contributors, entry["contributors"], strict=True
            ):
                if person.email:
                    person_data["email"] = person.email
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_schema() -> str:
    """The JSON Schema of :class:`ExportDocument`, as deterministic JSON text."""
    schema = _open(ExportDocument.model_json_schema(mode="serialization"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://opentechschool.org/otsmaterials/export-1.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _open(schema: Any) -> Any:  # noqa: ANN401 - a JSON Schema fragment
    """Allow additional properties everywhere: later versions may add keys (site-generators.md)."""
    if isinstance(schema, dict):
        return {
            k: _open(v)
            for k, v in schema.items()
            if not (k == "additionalProperties" and v is False)
        }
    if isinstance(schema, list):
        return [_open(item) for item in schema]
    return schema


def jekyll_sections(
    topics: Iterable[tuple[str, str]], materials: Iterable[ExportMaterial]
) -> dict[str, Any]:
    """The learn portal's ``sections:`` structure, one section per topic, in topic order."""
    sections: list[dict[str, Any]] = []
    by_topic: dict[str, list[dict[str, Any]]] = {}
    listed = list(materials)
    for ident, name in topics:
        workshops: list[dict[str, Any]] = []
        by_topic[ident] = workshops
        sections.append({"name": name, "workshops": workshops})
    other: list[dict[str, Any]] = []
    for material in listed:
        entry = {
            "title": material.title,
            "url": material.site_url or False,
            "source": material.source,
            "code": material.code_url or False,
            "desc": material.description,
            "languages": material.languages,
        }
        homes = [by_topic[t] for t in material.topics if t in by_topic] or [other]
        for home in homes:
            home.append(entry)
    if other:
        sections.append({"name": "Other", "workshops": other})
    return {"sections": [section for section in sections if section["workshops"]]}
