"""otsmaterials: OpenTechSchool's open learning materials as one multilingual catalogue.

The public API is this namespace; everything else is implementation. Names load lazily, so that
``import otsmaterials`` stays cheap (no click or markdown-it-py until they are needed). The one
list of public names is :data:`_API` (name → the module that defines it); ``__all__`` is made from
it, and a test checks the type checkers' imports below against it.

>>> import otsmaterials as om
>>> cat = om.load_catalogue("catalogue.toml")  # doctest: +SKIP
>>> report = om.sync(cat)  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from otsmaterials._support.lazy import lazy_getattr
from otsmaterials._version import __version__

if TYPE_CHECKING:
    from otsmaterials._git.mirror import FileEntry, Mirror, SkippedFile, Snapshot
    from otsmaterials.attribution.people import Person
    from otsmaterials.attribution.render import Attribution
    from otsmaterials.catalogue import (
        Catalogue,
        MaterialSpec,
        Origin,
        OverrideSpec,
        Settings,
        TopicSpec,
        dump_catalogue,
        import_learn_config,
        load_catalogue,
        parse_catalogue,
    )
    from otsmaterials.demo import create_demo
    from otsmaterials.errors import (
        BudgetError,
        CatalogueError,
        GitError,
        GitTimeoutError,
        IndexNotBuiltError,
        InputError,
        LanguageCodeError,
        LockedError,
        NotFoundError,
        OtsMaterialsError,
        ParseError,
        Problem,
        StorageError,
        UnsafeSourceError,
    )
    from otsmaterials.gettext.stats import Completeness
    from otsmaterials.index.build import IndexProgress, IndexReport, MaterialStatus, build_index
    from otsmaterials.index.export import (
        SCHEMA_VERSION,
        ExportDocument,
        ExportMaterial,
        ExportTopic,
        export_schema,
    )
    from otsmaterials.index.models import (
        IndexProblem,
        LanguageInfo,
        Lesson,
        LessonVersion,
        Material,
        ParagraphChange,
        Staleness,
        Topic,
    )
    from otsmaterials.index.query import Index, SearchHit
    from otsmaterials.languages.negotiation import negotiate
    from otsmaterials.languages.tags import normalize_language, to_gettext
    from otsmaterials.licensing.models import Evidence, License
    from otsmaterials.pipeline import BuildReport, build
    from otsmaterials.report.model import (
        LanguageSummary,
        ReportCell,
        ReportLesson,
        ReportMaterial,
        StatusReport,
        status_report,
    )
    from otsmaterials.report.write import render_report, write_report
    from otsmaterials.syncing.cache import Cache
    from otsmaterials.syncing.report import SyncProgress, SyncReport, SyncResult
    from otsmaterials.syncing.run import sync

_API: dict[str, str] = {
    "FileEntry": "otsmaterials._git.mirror",
    "Mirror": "otsmaterials._git.mirror",
    "SkippedFile": "otsmaterials._git.mirror",
    "Snapshot": "otsmaterials._git.mirror",
    "Person": "otsmaterials.attribution.people",
    "Attribution": "otsmaterials.attribution.render",
    "Catalogue": "otsmaterials.catalogue",
    "MaterialSpec": "otsmaterials.catalogue",
    "Origin": "otsmaterials.catalogue",
    "OverrideSpec": "otsmaterials.catalogue",
    "Settings": "otsmaterials.catalogue",
    "TopicSpec": "otsmaterials.catalogue",
    "dump_catalogue": "otsmaterials.catalogue",
    "import_learn_config": "otsmaterials.catalogue",
    "load_catalogue": "otsmaterials.catalogue",
    "parse_catalogue": "otsmaterials.catalogue",
    "create_demo": "otsmaterials.demo",
    "BudgetError": "otsmaterials.errors",
    "CatalogueError": "otsmaterials.errors",
    "GitError": "otsmaterials.errors",
    "GitTimeoutError": "otsmaterials.errors",
    "IndexNotBuiltError": "otsmaterials.errors",
    "InputError": "otsmaterials.errors",
    "LanguageCodeError": "otsmaterials.errors",
    "LockedError": "otsmaterials.errors",
    "NotFoundError": "otsmaterials.errors",
    "OtsMaterialsError": "otsmaterials.errors",
    "ParseError": "otsmaterials.errors",
    "Problem": "otsmaterials.errors",
    "StorageError": "otsmaterials.errors",
    "UnsafeSourceError": "otsmaterials.errors",
    "Completeness": "otsmaterials.gettext.stats",
    "IndexProgress": "otsmaterials.index.build",
    "IndexReport": "otsmaterials.index.build",
    "MaterialStatus": "otsmaterials.index.build",
    "build_index": "otsmaterials.index.build",
    "ExportDocument": "otsmaterials.index.export",
    "ExportMaterial": "otsmaterials.index.export",
    "ExportTopic": "otsmaterials.index.export",
    "export_schema": "otsmaterials.index.export",
    "SCHEMA_VERSION": "otsmaterials.index.export",
    "IndexProblem": "otsmaterials.index.models",
    "LanguageInfo": "otsmaterials.index.models",
    "Lesson": "otsmaterials.index.models",
    "LessonVersion": "otsmaterials.index.models",
    "Material": "otsmaterials.index.models",
    "ParagraphChange": "otsmaterials.index.models",
    "Staleness": "otsmaterials.index.models",
    "Topic": "otsmaterials.index.models",
    "Index": "otsmaterials.index.query",
    "SearchHit": "otsmaterials.index.query",
    "negotiate": "otsmaterials.languages.negotiation",
    "normalize_language": "otsmaterials.languages.tags",
    "to_gettext": "otsmaterials.languages.tags",
    "Evidence": "otsmaterials.licensing.models",
    "License": "otsmaterials.licensing.models",
    "BuildReport": "otsmaterials.pipeline",
    "build": "otsmaterials.pipeline",
    "LanguageSummary": "otsmaterials.report.model",
    "ReportCell": "otsmaterials.report.model",
    "ReportLesson": "otsmaterials.report.model",
    "ReportMaterial": "otsmaterials.report.model",
    "StatusReport": "otsmaterials.report.model",
    "status_report": "otsmaterials.report.model",
    "render_report": "otsmaterials.report.write",
    "write_report": "otsmaterials.report.write",
    "Cache": "otsmaterials.syncing.cache",
    "SyncProgress": "otsmaterials.syncing.report",
    "SyncReport": "otsmaterials.syncing.report",
    "SyncResult": "otsmaterials.syncing.report",
    "sync": "otsmaterials.syncing.run",
}
"""Every public name and the module that defines it."""

__all__ = sorted([*_API, "__version__"])

__getattr__ = lazy_getattr(__name__, _API, globals(), public=True)


def __dir__() -> list[str]:
    return sorted(__all__)
