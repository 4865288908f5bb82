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

_API: dict[str, str] = {
    "PoEntry": "otsmaterials.gettext.catalog",
    "PoFile": "otsmaterials.gettext.catalog",
    "compile_po": "otsmaterials.gettext.compile",
    "MergeResult": "otsmaterials.gettext.merge",
    "TranslationMemory": "otsmaterials.gettext.merge",
    "merge_catalog": "otsmaterials.gettext.merge",
    "new_catalog": "otsmaterials.gettext.merge",
    "MoFileError": "otsmaterials.gettext.mo",
    "MoMessage": "otsmaterials.gettext.mo",
    "read_mo": "otsmaterials.gettext.mo",
    "write_mo": "otsmaterials.gettext.mo",
    "parse_po": "otsmaterials.gettext.reader",
    "Completeness": "otsmaterials.gettext.stats",
    "catalog_stats": "otsmaterials.gettext.stats",
    "format_po": "otsmaterials.gettext.writer",
    "AlignResult": "otsmaterials.translate.align",
    "align_translation": "otsmaterials.translate.align",
    "TranslationFinding": "otsmaterials.translate.checks",
    "check_catalog": "otsmaterials.translate.checks",
    "ExtractOptions": "otsmaterials.translate.commands",
    "FileChange": "otsmaterials.translate.commands",
    "compile_catalogs": "otsmaterials.translate.commands",
    "extract": "otsmaterials.translate.commands",
    "init": "otsmaterials.translate.commands",
    "lesson_template": "otsmaterials.translate.commands",
    "update": "otsmaterials.translate.commands",
    "document_segments": "otsmaterials.translate.documents",
    "RenderResult": "otsmaterials.translate.rendering",
    "render_lesson": "otsmaterials.translate.rendering",
    "translations_of": "otsmaterials.translate.rendering",
    "LessonStat": "otsmaterials.translate.report",
    "RenderReport": "otsmaterials.translate.report",
    "check_translations": "otsmaterials.translate.report",
    "lesson_stats": "otsmaterials.translate.report",
    "render": "otsmaterials.translate.report",
    "Segment": "otsmaterials.translate.segments",
    "Span": "otsmaterials.translate.segments",
    "LessonFile": "otsmaterials.translate.workspace",
    "Workspace": "otsmaterials.translate.workspace",
}
"""Every public name of the translation API and the module that defines it."""

__all__ = sorted(_API)

__getattr__ = lazy_getattr(__name__, _API, globals(), public=True)


def __dir__() -> list[str]:
    return sorted(__all__)
