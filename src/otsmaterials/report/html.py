"""The status page as HTML: one self-contained file, or a folder with one page per material.

Plain HTML first: semantic tables (``caption``, ``th scope``), every state written out in words
beside its colour, native ``details`` for what is folded, so the page is complete without
JavaScript and usable from the keyboard. ``assets/report.js`` adds the filters (topic, language,
state, kept in the URL's ``#topic=…&language=…&state=…``); ``assets/report.css`` keeps contrast
at WCAG AA. Materials are folded sections (``details``): a closed one costs the browser no layout,
and past :data:`OPEN_LIMIT` lessons they start closed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from html import escape
from importlib.resources import files

from otsmaterials._support.exact import percent_text
from otsmaterials.i18n import Messages, messages
from otsmaterials.report.model import (
    CellState,
    ReportCell,
    ReportLesson,
    ReportMaterial,
    StatusReport,
)

__all__ = ["OPEN_LIMIT", "render_page", "render_site"]

OPEN_LIMIT = 2000
"""Reports with more lessons than this start with every material folded."""
_TEXT_LIMIT = 400
"""Characters of a changed block shown in a cell (the rest is in ``outdated``'s diff)."""


def _asset(name: str) -> str:
    return files("otsmaterials.report").joinpath("assets", name).read_text(encoding="utf-8")


class _Page:
    """The page's words in one language."""

    def __init__(self, language: str | None) -> None:
        self.catalog: Messages = messages(language)
        self.language = self.catalog.language
        _ = self.catalog.gettext
        self.states: dict[CellState, str] = {
            "original": _("original"),
            "complete": _("complete"),
            "partial": _("partial"),
            "outdated": _("outdated"),
            "missing": _("missing"),
        }
        self.life: dict[str, str] = {
            "current": _("current"),
            "outdated": _("outdated"),
            "retired": _("retired"),
        }
        self.changes = {"changed": _("changed"), "added": _("added"), "removed": _("removed")}

    def __call__(self, message: str) -> str:
        return self.catalog.gettext(message)


def _link(url: str | None, text: str, label: str) -> str:
    if not url:
        return ""
    return f'<a href="{escape(url)}" aria-label="{escape(label)}">{escape(text)}</a>'


def _short(text: str | None) -> str:
    if text is None:
        return ""
    return escape(text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…")


def _changes(cell: ReportCell, _: _Page) -> str:
    if not cell.changes:
        return ""
    items = []
    for change in cell.changes:
        what = _.changes[change.change]
        line = _("line {line}").format(line=change.line)
        texts = []
        if change.before is not None:
            texts.append(f"<del>{_short(change.before)}</del>")
        if change.after is not None:
            texts.append(f"<ins>{_short(change.after)}</ins>")
        items.append(
            f'<li class="c-{change.change}"><strong>{escape(what)}</strong> '
            f"({escape(line)}): {' '.join(texts)}</li>"
        )
    summary = _("{count} blocks of the original changed").format(count=len(cell.changes))
    return (
        f'<details class="changes"><summary>{escape(summary)}</summary>'
        f"<ol>{''.join(items)}</ol></details>"
    )


def _cell(cell: ReportCell, lesson: ReportLesson, _: _Page) -> str:
    state = cell.state
    parts = [f'<span class="badge">{escape(_.states[state])}</span>']
    if state != "missing":
        percent = percent_text(cell.completeness)
        parts.append(
            f'<span class="bar" aria-hidden="true"><span style="width:{percent}"></span></span>'
            f'<span class="pct">{percent}</span>'
        )
    if cell.commits:
        behind = _("{commits} commits, {days} days behind; original changed {date}").format(
            commits=cell.commits, days=cell.days, date=cell.since or "?"
        )
        parts.append(f'<span class="behind">{escape(behind)}</span>')
    elif cell.updated:
        updated = _("updated {date}").format(date=cell.updated)
        parts.append(f'<span class="date">{escape(updated)}</span>')
    if cell.people:
        label = _("authors: {names}") if state == "original" else _("translators: {names}")
        parts.append(
            f'<span class="people">{escape(label.format(names=", ".join(cell.people)))}</span>'
        )
    if cell.url:
        text = _("read the original") if state == "original" else _("read the translation")
        parts.append(_link(cell.url, text, f"{text}: {lesson.title} [{cell.language}]"))
    parts.append(_changes(cell, _))
    original = ' data-original=""' if state == "original" else ""
    return (
        f'<td class="s-{state}" data-lang="{escape(cell.language)}" data-state="{state}"'
        f"{original}>{' '.join(p for p in parts if p)}</td>"
    )


def _matrix(material: ReportMaterial, _: _Page) -> Iterator[str]:
    caption = _("Lessons × languages of {material}").format(material=material.title)
    lesson_heading = _("Lesson")
    yield (
        f'<div class="scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f'<table class="matrix"><caption>{escape(caption)}</caption><thead><tr>'
        f'<th scope="col">{escape(lesson_heading)}</th>'
    )
    for position, tag in enumerate(material.languages):
        original = ' data-original=""' if position == 0 else ""
        yield f'<th scope="col" data-lang="{escape(tag)}"{original}>{escape(tag)}</th>'
    yield "</tr></thead><tbody>"
    for lesson in material.lessons:
        yield (
            f'<tr data-topics="{escape(" ".join(lesson.topics))}">'
            f'<th scope="row"><span class="title">{escape(lesson.title)}</span>'
            f"<code>{escape(lesson.id)}</code></th>"
        )
        for cell in lesson.cells:
            yield _cell(cell, lesson, _)
        yield "</tr>"
    yield "</tbody></table></div>"


def _facts(material: ReportMaterial, _: _Page) -> str:
    status = _.life.get(material.status or "", _("unknown"))
    facts = [
        (_("Licence"), material.license or _("unknown")),
        (_("Status"), status),
        (_("Lessons"), str(len(material.lessons))),
        (
            _("Problems"),
            _("{errors} errors, {warnings} warnings").format(
                errors=material.problems, warnings=material.warnings
            ),
        ),
    ]
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    notes = ""
    if material.notes:
        lines = "".join(f"<li>{escape(str(note))}</li>" for note in material.notes)
        label = _("What the index could not read, or read with a caveat")
        notes = (
            f'<details class="notes"><summary>{escape(label)}</summary><ul>{lines}</ul></details>'
        )
    return f'<dl class="facts">{items}</dl>{notes}'


def _material(material: ReportMaterial, _: _Page, *, open_: bool) -> Iterator[str]:
    ident = escape(material.id)
    title = escape(material.title)
    heading = f'<a href="{escape(material.url)}">{title}</a>' if material.url else title
    size = _("{count} lessons × {languages} languages").format(
        count=len(material.lessons), languages=len(material.languages)
    )
    yield (
        f'<section class="material" id="m-{ident}" aria-labelledby="h-{ident}" '
        f'data-topics="{escape(" ".join(material.topics))}">'
        f'<h2 id="h-{ident}">{heading}</h2>{_facts(material, _)}'
        f"<details{' open' if open_ else ''}><summary>{escape(size)}</summary>"
    )
    if material.lessons:
        yield from _matrix(material, _)
    yield "</details></section>"


def _summary(name: str, heading: str, caption: str, columns: list[str], rows: str) -> str:
    """A summary section: a heading and a table whose first column heads its rows."""
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in columns)
    return (
        f'<section aria-labelledby="h-{name}"><h2 id="h-{name}">{escape(heading)}</h2>'
        f'<table class="summary {name}"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _languages(report: StatusReport, _: _Page) -> str:
    rows = "".join(
        f'<tr data-lang="{escape(s.language)}"><th scope="row">{escape(s.name)} '
        f"<code>{escape(s.language)}</code></th><td>{s.available}</td><td>{s.complete}</td>"
        f"<td>{s.outdated}</td></tr>"
        for s in report.languages
    )
    columns = [_("Language"), _("available"), _("complete"), _("outdated")]
    return _summary("languages", _("Languages"), _("Lessons per language"), columns, rows)


def _materials(report: StatusReport, _: _Page, href: Callable[[ReportMaterial], str]) -> str:
    rows = []
    for m in report.materials:
        unknown = _("unknown")
        status = _.life.get(m.status or "", unknown)
        rows.append(
            f'<tr data-topics="{escape(" ".join(m.topics))}"><th scope="row">'
            f'<a href="{escape(href(m))}">{escape(m.title)}</a></th>'
            f"<td>{escape(m.license or unknown)}</td><td>{escape(status)}</td>"
            f"<td>{len(m.lessons)}</td><td>{m.problems}</td></tr>"
        )
    columns = [_("Material"), _("Licence"), _("Status"), _("Lessons"), _("Problems")]
    caption = _("Materials and their state")
    return _summary("materials", _("Materials"), caption, columns, "".join(rows))


def _filters(report: StatusReport, _: _Page) -> str:
    def select(name: str, label: str, everything: str, options: Sequence[tuple[str, str]]) -> str:
        choices = "".join(
            f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options
        )
        return (
            f'<label for="f-{name}">{escape(label)}</label>'
            f'<select id="f-{name}" name="{name}"><option value="">{escape(everything)}</option>'
            f"{choices}</select>"
        )

    topics = [(topic.id, topic.name) for topic in report.topics]
    languages = [(s.language, f"{s.name} ({s.language})") for s in report.languages]
    states = [(state, text) for state, text in _.states.items() if state != "original"]
    shown = _("{shown} of {total} lessons shown")
    label = _("Filters")
    return (
        f'<form id="filters" class="filters" hidden aria-label="{escape(label)}" '
        f'data-shown="{escape(shown)}">'
        + select("topic", _("Topic"), _("all topics"), topics)
        + select("language", _("Language"), _("all languages"), languages)
        + select("state", _("State"), _("all states"), states)
        + '<output id="f-count" aria-live="polite"></output></form>'
    )


def _legend(_: _Page) -> str:
    items = "".join(
        f'<li class="s-{state}"><span class="badge">{escape(text)}</span></li>'
        for state, text in _.states.items()
    )
    label = _("States")
    return f'<ul class="legend" aria-label="{escape(label)}">{items}</ul>'


def _head(title: str, _: _Page, *, styles: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(_.language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="otsmaterials">'
        f"<title>{escape(title)}</title>{styles}</head><body>"
    )


def _header(report: StatusReport, _: _Page, title: str) -> str:
    built = _("Index built {date}: {lessons} lessons in {materials} materials.").format(
        date=(report.built_at or "?")[:10],
        lessons=report.lessons,
        materials=len(report.materials),
    )
    return f"<header><h1>{escape(title)}</h1><p>{escape(built)}</p>{_legend(_)}</header>"


def render_page(report: StatusReport, *, language: str | None = None) -> str:
    """The whole report as one self-contained HTML page (styles and script inline)."""
    _ = _Page(language)
    title = _("Translation status: {catalogue}").format(catalogue=report.catalogue)
    open_ = report.lessons <= OPEN_LIMIT
    parts = [
        _head(title, _, styles=f"<style>{_asset('report.css')}</style>"),
        _header(report, _, title),
        _filters(report, _),
        '<main><div class="summaries">',
        _languages(report, _),
        _materials(report, _, lambda m: f"#m-{m.id}"),
        "</div>",
    ]
    for material in report.materials:
        parts.extend(_material(material, _, open_=open_))
    parts.append(f"</main><script>{_asset('report.js')}</script></body></html>\n")
    return "".join(parts)


def render_site(report: StatusReport, *, language: str | None = None) -> dict[str, str]:
    """The report as a folder's files: name → text.

    ``index.html`` (the summaries), one page per material (``materials/<id>.html``, the
    matrix), ``report.css`` and ``report.js``.
    """
    _ = _Page(language)
    title = _("Translation status: {catalogue}").format(catalogue=report.catalogue)
    pages = {"report.css": _asset("report.css"), "report.js": _asset("report.js")}

    def styles(prefix: str) -> str:
        return f'<link rel="stylesheet" href="{prefix}report.css">'

    def script(prefix: str) -> str:
        return f'<script src="{prefix}report.js"></script>'

    pages["index.html"] = "".join(
        [
            _head(title, _, styles=styles("")),
            _header(report, _, title),
            _filters(report, _),
            '<main><div class="summaries">',
            _languages(report, _),
            _materials(report, _, lambda m: f"materials/{m.id}.html"),
            f"</div></main>{script('')}</body></html>\n",
        ]
    )
    back = _("All materials")
    for material in report.materials:
        page_title = f"{material.title} — {title}"
        pages[f"materials/{material.id}.html"] = "".join(
            [
                _head(page_title, _, styles=styles("../")),
                f'<nav><a href="../index.html">{escape(back)}</a></nav>',
                _header(report, _, title),
                _filters(report, _),
                "<main>",
                *_material(material, _, open_=True),
                f"</main>{script('../')}</body></html>\n",
            ]
        )
    return pages
