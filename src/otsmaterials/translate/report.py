"""The translator commands that read: ``stat``, ``check translations`` and ``render``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from otsmaterials._support.atomic import write_text_atomic
from otsmaterials._support.exact import Threshold, as_fraction, at_least, percent_shown
from otsmaterials._support.model import FrozenModel
from otsmaterials.errors import InputError
from otsmaterials.formats.decode import decode_text
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.stats import Completeness, catalog_stats
from otsmaterials.i18n import messages
from otsmaterials.languages.tags import normalize_language
from otsmaterials.translate.checks import CheckRule, TranslationFinding, check_catalog
from otsmaterials.translate.commands import ExtractOptions
from otsmaterials.translate.documents import document_segments, is_html
from otsmaterials.translate.markup import Syntax
from otsmaterials.translate.rendering import render_lesson, translations_of
from otsmaterials.translate.workspace import LessonFile, Workspace

__all__ = [
    "CatalogState",
    "LessonStat",
    "RenderReport",
    "check_translations",
    "lesson_stats",
    "render",
]


CatalogState = Literal["present", "missing", "empty"]
"""A lesson's catalog in a language: there, not started yet, or without any message."""


class LessonStat(FrozenModel):
    """How far one lesson is translated into one language."""

    lesson: str
    """The lesson key."""
    language: str
    """BCP 47."""
    path: str
    """The catalog, relative to the working copy (where it would be, when missing)."""
    counts: Completeness
    """Messages and words: translated, fuzzy, untranslated."""
    state: CatalogState = "present"
    """``missing``: the lesson is new since ``init`` (``update`` starts its catalog);
    ``empty``: the catalog has no messages while the lesson has some."""


def _source_messages(lesson: LessonFile, options: ExtractOptions) -> list[str]:
    text = decode_text(lesson.path.read_bytes(), lesson.relative).text
    return [
        s.msgid
        for s in document_segments(
            text, lesson.relative, keys=options.keys, include_code=options.include_code
        )
    ]


def _catalogs(
    workspace: Workspace, language: str, lessons: Sequence[LessonFile] | None
) -> list[tuple[str, Path | None]]:
    """``(key, catalog)`` of ``language`` in key order; ``(key, None)`` for a lesson without one.

    Only the catalogs of ``lessons`` when given.
    """
    wanted = None if lessons is None else {lesson.key for lesson in lessons}
    found: dict[str, Path | None] = {
        key: path for key, path in workspace.catalogs(language) if wanted is None or key in wanted
    }
    known = {lesson.key for lesson in workspace.lessons}  # a Sphinx page has no lesson here
    for lesson in workspace.lessons if lessons is None else lessons:
        if lesson.key in known:
            found.setdefault(lesson.key, None)
    return sorted(found.items())


def lesson_stats(
    workspace: Workspace,
    languages: Sequence[str],
    options: ExtractOptions,
    *,
    lessons: Sequence[LessonFile] | None = None,
) -> list[LessonStat]:
    """Statistics per lesson and language, measured against the lesson's current text.

    Lessons without a catalog are listed too (``state="missing"``, nothing translated);
    ``lessons`` limits the report to those lessons.
    """
    known = {lesson.key: lesson for lesson in workspace.lessons}
    found = []
    for language in [normalize_language(language) for language in languages]:
        for key, found_path in _catalogs(workspace, language, lessons):
            source = _source_messages(known[key], options) if key in known else None
            if found_path is None:
                path = workspace.catalog_path(known[key], language)
                catalog = PoFile([], [], [], [])
                state: CatalogState = "missing"
            else:
                path = found_path
                catalog = parse_po(path.read_bytes(), str(path))
                state = "empty" if not catalog.entries and source else "present"
            found.append(
                LessonStat(
                    lesson=key,
                    language=language,
                    path=path.relative_to(workspace.root).as_posix(),
                    counts=catalog_stats(catalog, source),
                    state=state,
                )
            )
    return found


def check_translations(
    workspace: Workspace,
    languages: Sequence[str],
    *,
    locale: str | None = None,
    lessons: Sequence[LessonFile] | None = None,
    min_completeness: Threshold | None = None,
) -> list[TranslationFinding]:
    """Every finding of every catalog of ``languages`` (messages in ``locale``, else English).

    Besides each catalog's own findings (:func:`check_catalog`): ``missing`` for a lesson
    without a catalog, ``empty`` for a catalog without messages, and ``incomplete`` for one
    translated less than ``min_completeness`` (when given: a fraction of the words, 0–1, compared
    exactly; the CLI's ``--min-complete`` takes a percentage). ``lessons`` limits the check.
    """
    if min_completeness is not None and not 0 <= as_fraction(min_completeness) <= 1:
        raise ValueError(f"min_completeness is a fraction from 0 to 1, not {min_completeness}")
    texts = messages(locale)
    findings: list[TranslationFinding] = []
    html_lessons = {lesson.key for lesson in workspace.lessons if is_html(lesson.relative)}
    for stat in lesson_stats(workspace, languages, ExtractOptions(), lessons=lessons):
        if stat.state == "missing":
            message = texts.gettext("no catalog yet: `otsmaterials update` starts it")
            findings.append(_catalog_finding(stat.path, "missing", message))
            continue
        path = workspace.root / stat.path
        catalog = parse_po(path.read_bytes(), str(path))
        syntax: Syntax | None = "html" if stat.lesson in html_lessons else None
        findings.extend(check_catalog(catalog, stat.path, locale=locale, syntax=syntax))
        if stat.state == "empty":
            message = texts.gettext("the catalog has no messages; `otsmaterials update` fills it")
            findings.append(_catalog_finding(stat.path, "empty", message))
        counts = stat.counts
        if min_completeness is not None and not at_least(
            counts.translated_words, counts.words, min_completeness
        ):
            message = texts.gettext("{percent}% translated, less than {minimum}%").format(
                percent=f"{counts.percent:g}",
                minimum=f"{percent_shown(min_completeness, decimals=3):g}",
            )
            findings.append(_catalog_finding(stat.path, "incomplete", message))
    return findings


def _catalog_finding(path: str, rule: CheckRule, message: str) -> TranslationFinding:
    return TranslationFinding(path=path, line=None, rule=rule, message=message)


@dataclass
class RenderReport:
    """What ``render`` wrote and what it left out."""

    written: list[Path] = field(default_factory=list)
    """Translated lessons written."""
    left_out: list[tuple[str, float]] = field(default_factory=list)
    """Lessons below ``min_completeness``: (key, percent translated, rounded for display)."""
    missing: list[str] = field(default_factory=list)
    """Lessons without a catalog in the language (keys)."""


def render(
    workspace: Workspace,
    lessons: Sequence[LessonFile],
    language: str,
    output: str | Path,
    options: ExtractOptions,
    *,
    min_completeness: Threshold = 0,
) -> RenderReport:
    """Write each lesson translated into ``language`` to ``output/<lesson path>``.

    Lessons translated less than ``min_completeness`` are left out and reported: a fraction of
    the words, 0–1 (``0.5`` is half; the CLI's ``--min-complete`` takes a percentage), compared
    exactly (3,100 of 3,101 words do not reach 1).
    """
    threshold = as_fraction(min_completeness)
    if not 0 <= threshold <= 1:
        raise ValueError(f"min_completeness is a fraction from 0 to 1, not {min_completeness}")
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
        if counts.fraction < threshold:
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
