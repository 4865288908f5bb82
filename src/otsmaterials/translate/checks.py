"""``check translations``: what a translation broke, message by message, with ``file:line``.

For every translated (or fuzzy) message the translation is compared with its source: Markdown
markup (emphasis, inline code, links, images, heading anchors) must balance and match, link and
image targets and inline code must be the same, placeholders (``{name}``, ``%s``,
``%(name)s``, Liquid ``{{ … }}`` and ``{% … %}``) neither lost nor added, leading/trailing
whitespace and line breaks as in the source, the number of plural forms as the header says, no NUL
character (a .mo file cannot carry one). Each catalog also reports its fuzzy and untranslated
messages.

Messages of reStructuredText documents (Sphinx catalogs) are checked for reST markup instead:
````literals````, ```text <target>`_`` targets, roles and ``*`` emphasis. Messages of HTML
lessons are checked for their tags, ``href``/``src`` targets and ``<code>`` contents. Which one
a message is comes from its ``#:`` locations.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Literal, get_args

from otsmaterials._support.model import FrozenModel
from otsmaterials.gettext.catalog import PoEntry, PoFile
from otsmaterials.gettext.plurals import check_plural_forms
from otsmaterials.i18n import Messages, messages
from otsmaterials.translate.markup import Syntax, code_quote, code_spans, link_targets, without_code

__all__ = ["CHECK_RULES", "PROGRESS_RULES", "CheckRule", "TranslationFinding", "check_catalog"]

CheckRule = Literal[
    "markup",
    "link-target",
    "inline-code",
    "placeholder",
    "whitespace",
    "line-breaks",
    "plural-forms",
    "character",
    "fuzzy",
    "untranslated",
    "missing",
    "empty",
    "incomplete",
]
"""The checks a translation goes through (``otsmaterials check translations``): the message
rules, then the catalog's: fuzzy and untranslated messages, a lesson without a catalog, a catalog
without messages, a catalog below ``--min-complete``."""
CHECK_RULES: tuple[CheckRule, ...] = get_args(CheckRule)
"""Every rule, in the order findings are listed."""
PROGRESS_RULES: tuple[CheckRule, ...] = ("fuzzy", "untranslated", "missing")
"""The rules that measure progress rather than mistakes: statistics unless a complete
translation is required."""

_REF_LINK = re.compile(r"\[[^\]]*\]\[([^\]]*)\]")
_ANCHOR = re.compile(r"\{#[^}]+\}")
_PLACEHOLDERS = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|%\([A-Za-z_][\w]*\)[#0+-]?\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[#0+-]?\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{[A-Za-z_][\w.]*(?:![rsa])?(?::[^{}]*)?\}|\{\d*\}",
    re.DOTALL,
)
_EMPHASIS = re.compile(r"(?<![\\\w])\*+|\*+(?![\w])|(?<![\\\w])_+|_+(?![\w])")
# reStructuredText (catalogs of Sphinx projects): roles and emphasis (literals and targets: markup).
_RST_ROLE = re.compile(r":[\w.+-]+(?::[\w.+-]+)?:`([^`]*)`")
_RST_EMPHASIS = re.compile(r"(?<![\\\w])\*+|\*+(?![\w])")
_RST_SOURCES = (".rst", ".rest", ".txt")
# HTML lessons: tags as written.
_HTML_SOURCES = (".html", ".htm")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)")


def _emphasis(text: str) -> int:
    """How many emphasis delimiter characters (``*``, ``_`` at word edges) a text has."""
    return sum(len(run) for run in _EMPHASIS.findall(without_code(text)))


Gettext = Callable[[str], str]


def _lost_added(_: Gettext, source: list[str], translation: list[str], quote: str = "") -> str:
    """``lost a, b; added c`` between two lists of items (order ignored)."""
    wanted, found = Counter(source), Counter(translation)
    lost, added = sorted((wanted - found).elements()), sorted((found - wanted).elements())
    parts = [
        _("lost {items}").format(items=", ".join(f"{quote}{x}{quote}" for x in lost))
        if lost
        else "",
        _("added {items}").format(items=", ".join(f"{quote}{x}{quote}" for x in added))
        if added
        else "",
    ]
    return "; ".join(filter(None, parts))


def _counts(_: Gettext, what: str, source: int, here: int) -> str:
    return _("{what}: {source} in the source, {here} here").format(
        what=what, source=source, here=here
    )


class TranslationFinding(FrozenModel):
    """One problem of a translation."""

    path: str
    """The catalog."""
    line: int | None
    """The line of the message's ``msgid``."""
    rule: CheckRule
    """Which check."""
    message: str
    """What is wrong."""
    msgid: str = ""
    """The source text (shortened)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.rule}: {self.message}"


def _markup(_: Gettext, text: str) -> dict[str, int]:
    plain = without_code(text)
    return {
        _("links"): len(link_targets(text)) + len(_REF_LINK.findall(plain)),
        _("images"): plain.count("!["),
        _("anchors"): len(_ANCHOR.findall(plain)),
    }


def _emphasis_differs(_: Gettext, markers: str, source: int, here: int) -> str:
    return _(
        "emphasis ({markers}) unbalanced or different from the source: {source} markers there, "
        "{here} here"
    ).format(markers=markers, source=source, here=here)


def _targets_differ(_: Gettext, source: list[str], here: list[str]) -> str:
    return _("link or image targets differ from the source: {detail}").format(
        detail=_lost_added(_, source, here)
    )


def _code_differs(_: Gettext, source: list[str], here: list[str], quote: str) -> str:
    return _("inline code differs from the source: {detail}").format(
        detail=_lost_added(_, source, here, quote)
    )


def _compare_rst(_: Gettext, source: str, translation: str) -> Iterator[tuple[str, str]]:
    """The markup checks for a message from a reStructuredText document."""
    plain = (without_code(source, "rst"), without_code(translation, "rst"))
    roles = [sorted(_RST_ROLE.findall(text)) for text in plain]
    if len(roles[0]) != len(roles[1]):
        yield "markup", _counts(_, _("roles"), len(roles[0]), len(roles[1]))
    markers = [
        sum(len(run) for run in _RST_EMPHASIS.findall(_RST_ROLE.sub("", text))) for text in plain
    ]
    if markers[0] != markers[1]:
        yield "markup", _emphasis_differs(_, "*", markers[0], markers[1])


def _compare_html(_: Gettext, source: str, translation: str) -> Iterator[tuple[str, str]]:
    """The markup checks for a message from an HTML lesson."""
    tags = [
        [f"<{slash}{name.lower()}>" for slash, name in _HTML_TAG.findall(text)]
        for text in (source, translation)
    ]
    if sorted(tags[0]) != sorted(tags[1]):
        yield (
            "markup",
            _("tags differ from the source: {detail}").format(
                detail=_lost_added(_, tags[0], tags[1])
            ),
        )


def _compare(
    _: Gettext, source: str, translation: str, *, syntax: Syntax = "markdown"
) -> Iterator[tuple[str, str]]:
    if syntax == "rst":
        yield from _compare_rst(_, source, translation)
    elif syntax == "html":
        yield from _compare_html(_, source, translation)
    else:
        markup_source, markup_target = _markup(_, source), _markup(_, translation)
        for name in sorted(markup_source):
            if markup_source[name] != markup_target[name]:
                yield "markup", _counts(_, name, markup_source[name], markup_target[name])
        markers = (_emphasis(source), _emphasis(translation))
        if markers[0] != markers[1]:
            yield "markup", _emphasis_differs(_, _("* and _"), markers[0], markers[1])
    targets = [link_targets(text, syntax) for text in (source, translation)]
    if sorted(targets[0]) != sorted(targets[1]):
        yield "link-target", _targets_differ(_, targets[0], targets[1])
    codes = [code_spans(text, syntax) for text in (source, translation)]
    if sorted(codes[0]) != sorted(codes[1]):
        yield "inline-code", _code_differs(_, codes[0], codes[1], code_quote(syntax))
    yield from _compare_text(_, source, translation, syntax)


def _compare_text(
    _: Gettext, source: str, translation: str, syntax: Syntax
) -> Iterator[tuple[str, str]]:
    """Placeholders, whitespace and line breaks (the same in every markup language)."""
    wanted = _PLACEHOLDERS.findall(without_code(source, syntax))
    found = _PLACEHOLDERS.findall(without_code(translation, syntax))
    if Counter(wanted) != Counter(found):
        yield "placeholder", _lost_added(_, wanted, found)
    if (source[:1].isspace(), source[-1:].isspace()) != (
        translation[:1].isspace(),
        translation[-1:].isspace(),
    ):
        yield "whitespace", _("leading or trailing whitespace differs from the source")
    if "\x00" in translation:
        yield "character", _("a NUL character, which .mo files cannot carry")
    if source.count("\n") != translation.count("\n"):
        counts = (source.count("\n"), translation.count("\n"))
        yield "line-breaks", _counts(_, _("line breaks"), counts[0], counts[1])


def _entry_findings(
    catalog: Messages, path: str, entry: PoEntry, nplurals: int | None, *, syntax: Syntax
) -> Iterator[TranslationFinding]:
    _ = catalog.gettext
    short = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "…"
    pairs = [(entry.msgid, entry.msgstr)]
    if entry.msgid_plural is not None:
        if nplurals is not None and len(entry.msgstr_plural) != nplurals:
            yield TranslationFinding(
                path=path,
                line=entry.line,
                rule="plural-forms",
                msgid=short,
                message=_("{count} plural forms, the header says {expected}").format(
                    count=len(entry.msgstr_plural), expected=nplurals
                ),
            )
        pairs = [
            (entry.msgid if i == 0 else entry.msgid_plural, form)
            for i, form in enumerate(entry.msgstr_plural)
        ]
    for source, translation in pairs:
        if translation:
            for rule, message in _compare(_, source, translation, syntax=syntax):
                yield TranslationFinding(
                    path=path, line=entry.line, rule=rule, message=message, msgid=short
                )


def _syntax(catalog: PoFile, entry: PoEntry, default: Syntax | None) -> Syntax:
    """Which markup a message is written in: ``rst``, ``html`` or ``markdown``.

    From the ``#:`` locations (``.rst`` for a Sphinx project's documents, ``.html``), else
    ``default`` (what the caller knows of the lesson), else the header (a catalog generated by
    Sphinx).
    """
    files = [location.rsplit(":", 1)[0].lower() for location in entry.locations]
    if any(file.endswith(_RST_SOURCES) for file in files):
        return "rst"
    if any(file.endswith(_HTML_SOURCES) for file in files):
        return "html"
    if files:
        return "markdown"
    if default is not None:
        return default
    return (
        "rst" if (catalog.header_value("Generated-By") or "").startswith("Sphinx") else "markdown"
    )


def check_catalog(
    catalog: PoFile, path: str, *, locale: str | None = None, syntax: Syntax | None = None
) -> list[TranslationFinding]:
    """Every finding of one catalog, in file order, then its fuzzy/untranslated summary.

    ``locale``: the language the messages are written in (default English; rules never change).
    ``syntax``: ``markdown``, ``html`` or ``rst`` for messages whose ``#:`` locations do not tell
    (a catalog made with ``--location never``).
    """
    texts = messages(locale)
    plural = catalog.header_value("Plural-Forms")
    nplurals = check_plural_forms(plural, path=path) if plural else None
    findings: list[TranslationFinding] = []
    fuzzy = untranslated = 0
    for entry in catalog.active():
        if entry.fuzzy and (entry.msgstr or any(entry.msgstr_plural)):
            fuzzy += 1  # as the statistics count it: a fuzzy flag on nothing is untranslated
        elif not entry.translated:
            untranslated += 1
        kind = _syntax(catalog, entry, syntax)
        findings.extend(_entry_findings(texts, path, entry, nplurals, syntax=kind))
    if fuzzy:
        findings.append(
            TranslationFinding(
                path=path,
                line=None,
                rule="fuzzy",
                message=texts.ngettext(
                    "{count} fuzzy message to review", "{count} fuzzy messages to review", fuzzy
                ).format(count=fuzzy),
            )
        )
    if untranslated:
        findings.append(
            TranslationFinding(
                path=path,
                line=None,
                rule="untranslated",
                message=texts.ngettext(
                    "{count} untranslated message", "{count} untranslated messages", untranslated
                ).format(count=untranslated),
            )
        )
    return findings
