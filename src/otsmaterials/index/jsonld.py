"""schema.org metadata (JSON-LD): what search engines and learning-resource directories read.

A material is a ``Course``; each usable version of each lesson is a ``LearningResource`` with its
language, licence (the deed's URL), authors, translators, the work it translates
(``translationOfWork`` / ``workTranslation``), the course it is part of (``isPartOf``), its
topics (``about``) and when it last changed (``dateModified``). Nodes are named by stable URNs
(``urn:otsmaterials:<lesson id>:<language>``) whatever the site, and carry their web ``url``
where the index knows it (``docs/site-generators.md``, "schema.org metadata").
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from otsmaterials.index.export import ExportDocument, ExportMaterial
from otsmaterials.index.models import Lesson, LessonVersion
from otsmaterials.licensing.spdx import known as known_licence

__all__ = ["CONTEXT", "course_node", "jsonld_document", "lesson_block", "to_jsonld_text"]

CONTEXT = "https://schema.org"
"""The context every node is written in (schema.org's own)."""

_NO_LICENCE = "NOASSERTION"


def course_id(material_id: str) -> str:
    """The course's node id."""
    return f"urn:otsmaterials:{material_id}"


def resource_id(lesson_id: str, language: str) -> str:
    """A lesson version's node id."""
    return f"urn:otsmaterials:{lesson_id}:{language}"


def _people(names: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"@type": "Person", "name": name} for name in names]


def _about(topics: tuple[str, ...], names: Mapping[str, str]) -> list[dict[str, str]]:
    return [
        {"@type": "DefinedTerm", "termCode": topic, "name": names.get(topic, topic)}
        for topic in topics
    ]


def _deed(material: ExportMaterial, version: LessonVersion | None = None) -> str | None:
    """The licence's deed URL: the version's own licence, else the material's."""
    if version is not None and version.license:
        return known_licence(version.license).url
    licence = material.license
    if licence is None or licence.spdx == _NO_LICENCE:
        return None
    return licence.url


def _present(**values: Any) -> dict[str, Any]:  # noqa: ANN401 - JSON-LD values of any kind
    return {key: value for key, value in values.items() if value not in (None, "", [], {})}


def course_node(
    material: ExportMaterial, topic_names: Mapping[str, str], provider: str
) -> dict[str, Any]:
    """The material as a ``Course``, its lessons' original versions as its parts.

    ``provider`` is the catalogue's name: the organisation that offers the course.
    """
    updated = [
        version.updated
        for lesson in material.lessons
        for version in lesson.versions.values()
        if version.updated and version.completeness > 0
    ]
    authors = tuple(p.name for p in material.contributors if "author" in p.roles)
    translators = tuple(p.name for p in material.contributors if "translator" in p.roles)
    return _present(
        **{"@id": course_id(material.id), "@type": "Course"},
        name=material.title,
        alternateName=[
            {"@value": title, "@language": tag}
            for tag, title in material.titles.items()
            if title != material.title
        ],
        description=material.description,
        url=material.site_url,
        provider={"@type": "Organization", "name": provider},
        inLanguage=list(material.languages),
        license=_deed(material),
        author=_people(authors),
        translator=_people(translators),
        about=_about(material.topics, topic_names),
        dateModified=max(updated, default=None),
        hasPart=[
            {"@id": resource_id(lesson.id, lesson.original_language)} for lesson in material.lessons
        ],
        creativeWorkStatus=material.status,
    )


def lesson_node(
    material: ExportMaterial, lesson: Lesson, language: str, topic_names: Mapping[str, str]
) -> dict[str, Any]:
    """One version of a lesson as a ``LearningResource``."""
    version = lesson.versions[language]
    original = lesson.original()
    translated = language != lesson.original_language
    translations = [tag for tag in lesson.languages() if tag != lesson.original_language]
    return _present(
        **{"@id": resource_id(lesson.id, language), "@type": "LearningResource"},
        name=version.title,
        url=version.url,
        inLanguage=language,
        license=_deed(material, version),
        author=_people(original.authors),
        translator=_people(version.translators) if translated else [],
        translationOfWork=(
            {"@id": resource_id(lesson.id, lesson.original_language)} if translated else None
        ),
        workTranslation=(
            [] if translated else [{"@id": resource_id(lesson.id, tag)} for tag in translations]
        ),
        isPartOf={"@id": course_id(material.id)},
        position=lesson.order,
        about=_about(lesson.topics, topic_names),
        dateModified=version.updated,
        learningResourceType="lesson",
    )


def jsonld_document(document: ExportDocument) -> dict[str, Any]:
    """The whole export as one JSON-LD graph: courses, then their lessons' usable versions."""
    names = {topic.id: topic.name for topic in document.topics}
    graph: list[dict[str, Any]] = []
    for material in document.materials:
        graph.append(course_node(material, names, document.catalogue))
        graph.extend(
            lesson_node(material, lesson, tag, names)
            for lesson in material.lessons
            for tag in lesson.languages()
        )
    return {"@context": CONTEXT, "@graph": graph}


def lesson_block(document: ExportDocument, lesson: Lesson, language: str) -> dict[str, Any]:
    """The block for the page of one lesson version: the ``LearningResource`` and its course.

    ``document`` is an export that holds the lesson's material.
    """
    names = {topic.id: topic.name for topic in document.topics}
    material = next(m for m in document.materials if m.id == lesson.material)
    node = lesson_node(material, lesson, language, names)
    course = course_node(material, names, document.catalogue)
    course.pop("hasPart", None)
    return {"@context": CONTEXT, **node, "isPartOf": course}


def to_jsonld_text(data: Mapping[str, Any]) -> str:
    """Deterministic JSON text, as the JSON export is written."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
