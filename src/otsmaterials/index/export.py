"""The JSON export for site generators: deterministic JSON with a strict JSON Schema.

The JSON document (``docs/site-generators.md``) is built from the index models, so its schema is
generated from them (``otsmaterials schema``); the same index gives the same bytes. E-mail
addresses are exported only when asked (:meth:`ExportDocument.with_emails`). The Jekyll data
(:mod:`otsmaterials.index.jekyll`) and the schema.org graph (:mod:`otsmaterials.index.jsonld`)
are made from the same document.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import Field, PrivateAttr

from otsmaterials._support.constrained import LanguageTag, Share, WebAddress
from otsmaterials._support.docstrings import describe_fields
from otsmaterials._support.model import FrozenDict, FrozenMap, FrozenModel
from otsmaterials.attribution.people import CreditOrder, Person, order_names, order_people
from otsmaterials.catalogue.lifecycle import LifeCycle
from otsmaterials.index.models import Lesson, Material
from otsmaterials.licensing.models import License

__all__ = [
    "SCHEMA_VERSION",
    "ExportDocument",
    "ExportMaterial",
    "ExportTopic",
    "export_schema",
    "to_json",
]


SCHEMA_VERSION: Literal[2] = 2
"""The export schema's version: raised whenever what the schema accepts changes (a key added,
removed or renamed; a type, range, pattern or closed set changed), never for descriptions alone."""


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
    """The title (in the material's original language)."""
    titles: FrozenMap[LanguageTag, str] = Field(default_factory=FrozenDict)
    """Language → the title in that language, the original's included."""
    description: str = ""
    """The description."""
    source: str
    """The repository URL (any password hidden)."""
    site_url: WebAddress | None = None
    """Where the material is published."""
    code_url: WebAddress | None = None
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
    languages: tuple[LanguageTag, ...] = ()
    """Languages with at least one usable lesson version (BCP 47)."""
    completeness: FrozenMap[LanguageTag, Share] = Field(default_factory=FrozenDict)
    """Language → mean completeness over the material's lessons."""
    contributors: tuple[Person, ...] = ()
    """People credited for the material (names, roles, commit counts; never e-mail addresses
    unless the export is asked for them)."""
    lessons: tuple[Lesson, ...] = ()
    """The lessons, in order, each with its versions per language."""


class ExportDocument(FrozenModel):
    """The JSON export of an index."""

    schema_version: Literal[2] = SCHEMA_VERSION
    """Version of this document's schema (``docs/site-generators.md``, "Versions")."""
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
        titles=material.titles or {material.original_language: material.title},
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
    """The JSON Schema of :class:`ExportDocument`, as deterministic JSON text.

    Strict (``docs/site-generators.md``, "The schema"): every object lists its properties and
    allows no others; a mapping allows only keys of its pattern (language tags).
    """
    generated = ExportDocument.model_json_schema(mode="serialization")
    schema = _closed(describe_fields(generated, ExportDocument))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://opentechschool.org/otsmaterials/export-{SCHEMA_VERSION}.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _closed(schema: Any) -> Any:  # noqa: ANN401 - a JSON Schema fragment
    """Mappings with patterned keys (``patternProperties``) allow no other keys."""
    if isinstance(schema, dict):
        closed = {key: _closed(value) for key, value in schema.items()}
        if "patternProperties" in closed and "additionalProperties" not in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    return schema
