"""The Jekyll data: the learn portal's ``sections:`` list, with everything the index knows added.

The portal's own page reads ``sections`` → ``workshops`` with ``title``, ``url``, ``source``,
``code`` and ``desc``; those keys keep their meaning, so the page works unchanged whether the
list comes from a ``_data`` file or from a configuration fragment (``jekyll build --config
_config.yml,sections.yml``). Each workshop also carries its titles per language, its languages
with completeness and outdated state, its licence, status and lessons
(``docs/site-generators.md``, "The Jekyll export"). A value the index does not have is left out,
never written as ``false``: Liquid's ``{% if %}`` and ``default`` treat both alike, but a page
that prints the value would print ``false``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from otsmaterials.index.export import ExportMaterial
from otsmaterials.index.models import Lesson

__all__ = ["CONFIG_HEADER", "jekyll_sections"]

CONFIG_HEADER = (
    "# The learn portal's workshop list, written by otsmaterials.\n"
    "# Build with: jekyll build --config _config.yml,sections.yml\n"
    "# (a later file's `sections` replaces the one in _config.yml)\n"
)
"""The comment at the top of the configuration fragment."""

NO_LICENCE = "NOASSERTION"


def jekyll_sections(
    topics: Iterable[tuple[str, str]], materials: Iterable[ExportMaterial]
) -> dict[str, Any]:
    """The ``sections:`` structure, one section per topic in topic order, then ``Other``."""
    sections: list[dict[str, Any]] = []
    by_topic: dict[str, list[dict[str, Any]]] = {}
    for ident, name in topics:
        workshops: list[dict[str, Any]] = []
        by_topic[ident] = workshops
        sections.append({"name": name, "workshops": workshops})
    other: list[dict[str, Any]] = []
    for material in materials:
        entry = workshop(material)
        homes = [by_topic[t] for t in material.topics if t in by_topic] or [other]
        for home in homes:
            home.append(entry)
    if other:
        sections.append({"name": "Other", "workshops": other})
    return {"sections": [section for section in sections if section["workshops"]]}


def _present(**values: Any) -> dict[str, Any]:  # noqa: ANN401 - YAML values of any kind
    """The values that are there: ``None``, empty strings, lists and mappings left out."""
    return {key: value for key, value in values.items() if value not in (None, "", [], {})}


def workshop(material: ExportMaterial) -> dict[str, Any]:
    """One workshop: the portal's keys first, then what the index adds."""
    licence = material.license
    return _present(
        title=material.title,
        url=material.site_url,
        source=material.source,
        code=material.code_url,
        desc=material.description,
        id=material.id,
        titles=dict(material.titles),
        status=material.status,
        languages=list(material.languages),
        translations=_translations(material),
        license=(
            _present(spdx=licence.spdx, name=licence.name, url=licence.url)
            if licence is not None and licence.spdx != NO_LICENCE
            else None
        ),
        lessons=[_lesson(lesson) for lesson in material.lessons],
    )


def _percent(fraction: float) -> int:
    """A whole percentage for display, never rounded up to 100 (the decision uses the fraction)."""
    return math.floor(100 * fraction + 1e-9)


def _translations(material: ExportMaterial) -> list[dict[str, Any]]:
    """Per usable language: mean completeness, lessons, and whether any lesson is outdated."""
    rows = []
    for language in material.languages:
        versions = [
            lesson.versions[language]
            for lesson in material.lessons
            if language in lesson.versions and lesson.versions[language].completeness > 0
        ]
        completeness = material.completeness.get(language, 0.0)
        outdated = [v for v in versions if v.outdated]
        rows.append(
            {
                "language": language,
                "completeness": completeness,
                "percent": _percent(completeness),
                "lessons": len(versions),
                "outdated": bool(outdated),
                "outdated_lessons": len(outdated),
            }
        )
    return rows


def _lesson(lesson: Lesson) -> dict[str, Any]:
    usable = {tag: lesson.versions[tag] for tag in lesson.languages()}
    return _present(
        id=lesson.id,
        order=lesson.order,
        title=lesson.original().title,
        url=lesson.original().url,
        titles={tag: version.title for tag, version in usable.items()},
        urls={tag: version.url for tag, version in usable.items() if version.url},
    )
