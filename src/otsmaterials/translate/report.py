"""The translator commands that read: ``stat``, ``check translations`` and ``render``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from otsmaterials._support.atomic import write_text_atomic
from otsmaterials._support.model import FrozenModel
from otsmaterials.errors import InputError
from otsmaterials.formats.decode import decode_text
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.stats import Completeness, catalog_stats
from otsmaterials.languages.tags import normalize_language
from otsmaterials.translate.checks import TranslationFinding, check_catalog
from otsmaterials.translate.commands import ExtractOptions
from otsmaterials.translate.documents import document_segments, is_html
from otsmaterials.translate.markup import Syntax
from otsmaterials.translate.rendering import render_lesson, translations_of
from otsmaterials.translate.workspace import LessonFile, Workspace

__all__ = ["LessonStat", "RenderReport", "check_translations", "lesson_stats", "render"]


class LessonStat(FrozenModel):
    """How far one lesson is translated into one language."""

    lesson: str
    """The lesson key."""
    language: str
    """BCP 47."""
    path: str
    """The catalog, relative to the working copy."""
    counts: Completeness
    """Messages and words: translated, fuzzy, untranslated."""


def _source_messages(lesson: LessonFile, options: ExtractOptions) -> list[str]:
    text = decode_text(lesson.path.read_bytes(), lesson.relative).text
    return [
        s.msgid
        for s in document_segments(
            text, lesson.relative, keys=options.keys, include_code=options.include_code
        )
    ]


def lesson_stats(
    workspace: Workspace, languages: Sequence[str], options: ExtractOptions
) -> list[LessonStat]:
    """Statistics per lesson and language, measured against the lesson's current text."""
    lessons = {lesson.key: lesson for lesson in workspace.lessons}
    found = []
    for language in [normalize_language(language) for language in languages]:
        for key, path in workspace.catalogs(language):
            catalog = parse_po(path.read_bytes(), str(path))
            source = _source_messages(lessons[key], options) if key in lessons else None
            relative = path.relative_to(workspace.root).as_posix()
            found.append(
                LessonStat(
                    lesson=key,
                    language=language,
                    path=relative,
                    counts=catalog_stats(catalog, source),
                )
            )
    return found


def check_translations(
    workspace: Workspace, languages: Sequence[str], *, locale: str | None = None
) -> list[TranslationFinding]:
    """Every finding of every catalog of ``languages`` (messages in ``locale``, else English)."""
    findings: list[TranslationFinding] = []
    html_lessons = {lesson.key for lesson in workspace.lessons if is_html(lesson.relative)}
    for language in languages:
        for key, path in workspace.catalogs(language):
            relative = path.relative_to(workspace.root).as_posix()
            catalog = parse_po(path.read_bytes(), str(path))
            syntax: Syntax | None = "html" if key in html_lessons else None
            findings.extend(check_catalog(catalog, relative, locale=locale, syntax=syntax))
    return findings


@dataclass
class RenderReport:
    """What ``render`` wrote and what it left out."""

    written: list[Path] = field(default_factory=list)
    """Translated lessons written."""
    left_out: list[tuple[str, float]] = field(default_factory=list)
    """Lessons below ``min_complete``: (key, percent translated)."""
    missing: list[str] = field(default_factory=list)
    """Lessons without a catalog in the language (keys)."""


def render(
    workspace: Workspace,
    lessons: Sequence[LessonFile],
    language: str,
    output: str | Path,
    options: ExtractOptions,
    *,
    min_complete: float = 0.0,
) -> RenderReport:
    """Write each lesson translated into ``language`` to ``output/<lesson path>``.

    Lessons translated less than ``min_complete`` percent (of words) are left out and reported.
    """
    language = normalize_language(language)
    target_root = Path(output).resolve()
    report = RenderReport()
    chosen = []  # every catalog read before anything is written: a broken one stops the command
    for lesson in lessons:
        path = workspace.catalog_path(lesson, language)
        if not path.exists():
            report.missing.append(lesson.key)
            continue
        chosen.append((lesson, parse_po(path.read_bytes(), str(path))))
    for lesson, catalog in chosen:
        text = decode_text(lesson.path.read_bytes(), lesson.relative).text
        counts = catalog_stats(catalog, _source_messages(lesson, options))
        if counts.percent < min_complete:
            report.left_out.append((lesson.key, counts.percent))
            continue
        rendered = render_lesson(
            text,
            translations_of(catalog),
            keys=options.keys,
            include_code=options.include_code,
            path=lesson.relative,
            language=language,
        )
        target = (target_root / lesson.relative).resolve()
        if not target.is_relative_to(target_root):
            raise InputError("a lesson path would leave the output directory", path=target)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, rendered.text)
        report.written.append(target)
    return report
