"""What the status page shows, gathered from an index (frozen models, no HTML here)."""

from __future__ import annotations

import re
from typing import Literal

from otsmaterials._support.model import FrozenModel
from otsmaterials.catalogue.lifecycle import LifeCycle
from otsmaterials.index.models import (
    IndexProblem,
    Lesson,
    LessonVersion,
    Material,
    ParagraphChange,
    Topic,
)
from otsmaterials.index.query import Index

__all__ = [
    "CellState",
    "LanguageSummary",
    "ReportCell",
    "ReportLesson",
    "ReportMaterial",
    "StatusReport",
    "status_report",
]

CellState = Literal["original", "complete", "partial", "outdated", "missing"]
"""A lesson in one language: ``original``; ``complete`` (translated and current); ``partial``
(part translated, current); ``outdated`` (the original changed since the translation followed it,
or its catalog lacks messages of the current original); ``missing`` (no version, or nothing
translated)."""

_BROWSABLE = re.compile(
    r"^https://(github\.com|gitlab\.com|codeberg\.org)/[^/]+/[^/]+?(?:\.git)?/?$"
)


class ReportCell(FrozenModel):
    """A lesson in one language."""

    language: str
    """BCP 47 tag."""
    state: CellState
    """Where the translation stands (:data:`CellState`)."""
    completeness: float = 0.0
    """The translated share of the original's words, 0.0–1.0."""
    kind: str | None = None
    """``original``, ``gettext``, ``file`` or ``branch`` (``None`` when missing)."""
    title: str | None = None
    """The title in this language."""
    commits: int = 0
    """Commits to the original since the translation last changed."""
    days: int = 0
    """Days from the translation's last change to the original's last change."""
    since: str | None = None
    """When the original first changed after the translation (ISO 8601 date)."""
    updated: str | None = None
    """When this version last changed (ISO 8601 date)."""
    people: tuple[str, ...] = ()
    """The translators (for the original: its authors)."""
    url: str | None = None
    """Where this version can be read (its site page, else the file in the repository)."""
    changes: tuple[ParagraphChange, ...] = ()
    """The original's blocks changed since the translation followed it."""


class ReportLesson(FrozenModel):
    """A row of a material's matrix."""

    id: str
    """The lesson id."""
    title: str
    """The original's title."""
    topics: tuple[str, ...] = ()
    """Topic slugs."""
    cells: tuple[ReportCell, ...] = ()
    """One per language of the material, the original first."""


class ReportMaterial(FrozenModel):
    """A material: its summary and its matrix."""

    id: str
    """The material id."""
    title: str
    """The title."""
    url: str | None = None
    """The material's site, else its repository."""
    license: str | None = None
    """The content licence (SPDX), where known."""
    status: LifeCycle | None = None
    """The material's life cycle, where known."""
    problems: int = 0
    """Files the index could not read."""
    warnings: int = 0
    """Files read with a caveat."""
    notes: tuple[IndexProblem, ...] = ()
    """The problems and warnings themselves (file, line, message)."""
    topics: tuple[str, ...] = ()
    """Topic slugs of the material and its lessons."""
    languages: tuple[str, ...] = ()
    """The matrix's columns: the original language, then the others."""
    lessons: tuple[ReportLesson, ...] = ()
    """The matrix's rows, in the material's order."""


class LanguageSummary(FrozenModel):
    """A language over the whole report."""

    language: str
    """BCP 47 tag."""
    name: str
    """Its name in the page's language."""
    available: int = 0
    """Lessons with something translated in it (or written in it)."""
    complete: int = 0
    """Lessons complete and current in it (originals included)."""
    outdated: int = 0
    """Lessons whose version in it is behind the original."""


class StatusReport(FrozenModel):
    """Everything the status page shows."""

    catalogue: str
    """The catalogue's name."""
    built_at: str | None = None
    """When the index was built (ISO 8601)."""
    lessons: int = 0
    """Lessons in the report."""
    topics: tuple[Topic, ...] = ()
    """Topics with their display names."""
    languages: tuple[LanguageSummary, ...] = ()
    """Per language, sorted by tag."""
    materials: tuple[ReportMaterial, ...] = ()
    """Per material, in catalogue order."""


def _state(version: LessonVersion | None, original: bool) -> CellState:
    if original:
        return "original"
    if version is None or version.exact_completeness() <= 0:
        return "missing"
    if version.outdated:
        return "outdated"
    return "complete" if version.reaches(1) else "partial"


def _web_view(material: Material) -> str | None:
    """The repository's web view, for the forges whose URLs are known (GitHub, GitLab …)."""
    if not _BROWSABLE.match(material.source):
        return None
    return material.source.rstrip("/").removesuffix(".git")


def _cell(web: str | None, lesson: Lesson, language: str) -> ReportCell:
    version = lesson.versions.get(language)
    original = language == lesson.original_language
    state = _state(version, original)
    if version is None:
        return ReportCell(language=language, state=state)
    stale = version.staleness
    return ReportCell(
        language=language,
        state=state,
        completeness=version.completeness,
        kind=version.kind,
        title=version.title,
        commits=stale.commits if stale else 0,
        days=stale.days if stale else 0,
        since=stale.since if stale else None,
        updated=version.updated,
        people=version.authors if original else version.translators,
        url=version.url or (f"{web}/blob/{version.branch}/{version.path}" if web else None),
        changes=stale.changes if stale else (),
    )


def _material(material: Material, lessons: list[Lesson]) -> ReportMaterial:
    others = sorted(
        {tag for lesson in lessons for tag in lesson.versions} - {material.original_language}
    )
    columns = (material.original_language, *others)
    web = _web_view(material)
    rows = tuple(
        ReportLesson(
            id=lesson.id,
            title=lesson.original().title,
            topics=lesson.topics,
            cells=tuple(_cell(web, lesson, tag) for tag in columns),
        )
        for lesson in lessons
    )
    topics = dict.fromkeys(material.topics)
    for lesson in lessons:
        topics.update(dict.fromkeys(lesson.topics))
    return ReportMaterial(
        id=material.id,
        title=material.title,
        url=material.site_url or web,
        license=material.license.spdx if material.license else None,
        status=material.status,
        problems=sum(1 for p in material.problems if p.severity == "error"),
        warnings=sum(1 for p in material.problems if p.severity == "warning"),
        notes=material.problems,
        topics=tuple(topics),
        languages=columns,
        lessons=rows,
    )


def _name(tag: str, display_locale: str) -> str:
    """A language's name in ``display_locale`` (the tag itself when Babel does not know it)."""
    from babel import Locale  # noqa: PLC0415 - Babel loads only when a report is made

    try:
        locale = Locale.parse(tag, sep="-")
        return locale.get_display_name(Locale.parse(display_locale, sep="-")) or tag
    except (ValueError, LookupError):
        return tag


def status_report(index: Index, *, display_locale: str = "en") -> StatusReport:
    """Gather the status page's content from ``index`` (language names in ``display_locale``)."""
    by_material: dict[str, list[Lesson]] = {}
    for lesson in index.lessons():
        by_material.setdefault(lesson.material, []).append(lesson)
    materials = tuple(_material(m, by_material.get(m.id, [])) for m in index.materials())
    counts: dict[str, list[int]] = {}
    for material in materials:
        for row in material.lessons:
            for cell in row.cells:
                available, complete, outdated = counts.setdefault(cell.language, [0, 0, 0])
                counts[cell.language] = [
                    available + (cell.state != "missing"),
                    complete + (cell.state in {"original", "complete"}),
                    outdated + (cell.state == "outdated"),
                ]
    names = {info.tag: info.name for info in index.languages(display_locale=display_locale)}
    names.update({tag: _name(tag, display_locale) for tag in counts if tag not in names})
    return StatusReport(
        catalogue=index.catalogue_name,
        built_at=index.built_at,
        lessons=sum(len(m.lessons) for m in materials),
        topics=tuple(index.topics()),
        languages=tuple(
            LanguageSummary(
                language=tag, name=names.get(tag, tag), available=a, complete=c, outdated=o
            )
            for tag, (a, c, o) in sorted(counts.items())
        ),
        materials=materials,
    )
