"""Gettext for lessons: the translator workflow as a Python API.

The command line's translator commands are thin shells over these functions::

    from otsmaterials import translate

    workspace = translate.Workspace.open("python-beginners")       # a working copy
    options = translate.ExtractOptions(location="file")
    translate.extract(workspace, workspace.lessons, options, check=False)   # .pot templates
    translate.init(workspace, workspace.lessons, "de", options)              # new .po catalogs
    translate.update(workspace, workspace.lessons, ["de"], options)          # merge, fuzzy, memory
    for stat in translate.lesson_stats(workspace, ["de"], options):
        print(stat.lesson, stat.counts.percent)
    translate.render(workspace, workspace.lessons, "de", Path("_build/de"), options)

Lower down: :func:`parse_po`/:func:`format_po` read and write catalogs strictly and
deterministically, :func:`merge_catalog` is msgmerge's algorithm, :func:`document_segments` cuts a
Markdown or HTML lesson into messages, :func:`render_lesson` puts translations back,
:func:`check_catalog` finds broken translations, :func:`align_translation` turns an existing
translated file into a catalog. Names load on first use, like the package's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from otsmaterials._support.lazy import lazy_getattr

if TYPE_CHECKING:
    from otsmaterials.gettext.catalog import PoEntry, PoFile
    from otsmaterials.gettext.compile import compile_po
    from otsmaterials.gettext.merge import (
        MergeResult,
        TranslationMemory,
        merge_catalog,
        new_catalog,
    )
    from otsmaterials.gettext.mo import MoFileError, MoMessage, read_mo, write_mo
    from otsmaterials.gettext.reader import parse_po
    from otsmaterials.gettext.stats import Completeness, catalog_stats
    from otsmaterials.gettext.writer import format_po
    from otsmaterials.translate.align import AlignResult, align_translation
    from otsmaterials.translate.checks import TranslationFinding, check_catalog
    from otsmaterials.translate.commands import (
        ExtractOptions,
        FileChange,
        compile_catalogs,
        extract,
        init,
        lesson_template,
        update,
    )
    from otsmaterials.translate.documents import document_segments
    from otsmaterials.translate.rendering import RenderResult, render_lesson, translations_of
    from otsmaterials.translate.report import (
        LessonStat,
        RenderReport,
        check_translations,
        lesson_stats,
        render,
    )
    from otsmaterials.translate.segments import Segment, Span
    from otsmaterials.translate.workspace import LessonFile, Workspace

__all__ = [
    "AlignResult",
    "Completeness",
    "ExtractOptions",
    "FileChange",
    "LessonFile",
    "LessonStat",
    "MergeResult",
    "MoFileError",
    "MoMessage",
    "PoEntry",
    "PoFile",
    "RenderReport",
    "RenderResult",
    "Segment",
    "Span",
    "TranslationFinding",
    "TranslationMemory",
    "Workspace",
    "align_translation",
    "catalog_stats",
    "check_catalog",
    "check_translations",
    "compile_catalogs",
    "compile_po",
    "document_segments",
    "extract",
    "format_po",
    "init",
    "lesson_stats",
    "lesson_template",
    "merge_catalog",
    "new_catalog",
    "parse_po",
    "read_mo",
    "render",
    "render_lesson",
    "translations_of",
    "update",
    "write_mo",
]

_LOCATIONS = {
    "ExtractOptions": "otsmaterials.translate.commands",
    "FileChange": "otsmaterials.translate.commands",
    "lesson_template": "otsmaterials.translate.commands",
    "extract": "otsmaterials.translate.commands",
    "init": "otsmaterials.translate.commands",
    "update": "otsmaterials.translate.commands",
    "compile_catalogs": "otsmaterials.translate.commands",
    "LessonStat": "otsmaterials.translate.report",
    "lesson_stats": "otsmaterials.translate.report",
    "check_translations": "otsmaterials.translate.report",
    "RenderReport": "otsmaterials.translate.report",
    "render": "otsmaterials.translate.report",
    "TranslationFinding": "otsmaterials.translate.checks",
    "check_catalog": "otsmaterials.translate.checks",
    "AlignResult": "otsmaterials.translate.align",
    "align_translation": "otsmaterials.translate.align",
    "PoEntry": "otsmaterials.gettext.reader",
    "PoFile": "otsmaterials.gettext.reader",
    "parse_po": "otsmaterials.gettext.reader",
    "format_po": "otsmaterials.gettext.writer",
    "MoFileError": "otsmaterials.gettext.mo",
    "MoMessage": "otsmaterials.gettext.mo",
    "read_mo": "otsmaterials.gettext.mo",
    "write_mo": "otsmaterials.gettext.mo",
    "compile_po": "otsmaterials.gettext.compile",
    "new_catalog": "otsmaterials.gettext.merge",
    "TranslationMemory": "otsmaterials.gettext.merge",
    "MergeResult": "otsmaterials.gettext.merge",
    "merge_catalog": "otsmaterials.gettext.merge",
    "Completeness": "otsmaterials.gettext.stats",
    "catalog_stats": "otsmaterials.gettext.stats",
    "RenderResult": "otsmaterials.translate.rendering",
    "translations_of": "otsmaterials.translate.rendering",
    "render_lesson": "otsmaterials.translate.rendering",
    "document_segments": "otsmaterials.translate.documents",
    "LessonFile": "otsmaterials.translate.workspace",
    "Workspace": "otsmaterials.translate.workspace",
    "Segment": "otsmaterials.translate.segments",
    "Span": "otsmaterials.translate.segments",
}


__getattr__ = lazy_getattr(__name__, _LOCATIONS, globals())


def __dir__() -> list[str]:
    return sorted(__all__)
