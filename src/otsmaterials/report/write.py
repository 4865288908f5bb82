"""Write the status page: one HTML file, or a folder of pages (each file written atomically)."""

from __future__ import annotations

from pathlib import Path

from otsmaterials._support.atomic import write_text_atomic
from otsmaterials._support.collector import collector_paused
from otsmaterials.errors import LanguageCodeError
from otsmaterials.index.query import Index
from otsmaterials.languages.tags import normalize_language
from otsmaterials.report.html import render_page, render_site
from otsmaterials.report.model import status_report

__all__ = ["render_report", "write_report"]

_PAGE_SUFFIXES = (".html", ".htm")


def _display_locale(language: str | None) -> str:
    """The language names' language: ``language``, else English (as the page's texts)."""
    if not language:
        return "en"
    try:
        return normalize_language(language)
    except LanguageCodeError:
        return "en"


def render_report(index: Index, *, language: str | None = None) -> str:
    """The status page of ``index`` as one self-contained HTML page, its texts in ``language``."""
    with collector_paused():  # a tree of objects without cycles (docs/performance.md)
        report = status_report(index, display_locale=_display_locale(language))
        return render_page(report, language=language)


def write_report(index: Index, target: str | Path, *, language: str | None = None) -> list[Path]:
    """Write the status page of ``index`` to ``target``; return the files written.

    A ``target`` ending in ``.html`` (or ``.htm``) is one self-contained page; anything else is a
    folder (made if needed) with ``index.html``, one page per material under ``materials/`` and
    the shared ``report.css`` and ``report.js``.
    """
    target = Path(target)
    with collector_paused():  # a tree of objects without cycles (docs/performance.md)
        report = status_report(index, display_locale=_display_locale(language))
        if target.suffix.lower() in _PAGE_SUFFIXES and not target.is_dir():
            page = {target.name: render_page(report, language=language)}
            target = target.parent
        else:
            page = render_site(report, language=language)
    written = []
    for name, text in sorted(page.items()):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
        written.append(path)
    return written
