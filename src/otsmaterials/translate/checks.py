"""``check translations``: what a translation broke, message by message, with ``file:line``.

For every translated (or fuzzy) message the translation is compared with its source: Markdown
markup (emphasis, inline code, links, images, heading anchors) must balance and match, link and
image targets and inline code must be the same, placeholders (``{name}``, ``%s``,
``%(name)s``, Liquid ``{{ … }}`` and ``{% … %}``) neither lost nor added, leading/trailing
whitespace and line breaks as in the source, the number of plural forms as the header says. Each
catalog also reports its fuzzy and untranslated messages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from otsmaterials._model import FrozenModel
from otsmaterials.translate.plurals import check_plural_forms
from otsmaterials.translate.po import PoEntry, PoFile

__all__ = ["CHECK_RULES", "TranslationFinding", "check_catalog"]

CHECK_RULES = (
    "markup",
    "link-target",
    "inline-code",
    "placeholder",
    "whitespace",
    "line-breaks",
    "plural-forms",
    "fuzzy",
    "untranslated",
)

_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*[\"')])?\s*\)")
_REF_LINK = re.compile(r"\[[^\]]*\]\[([^\]]*)\]")
_ANCHOR = re.compile(r"\{#[^}]+\}")
_PLACEHOLDERS = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|%\([A-Za-z_][\w]*\)[#0+-]?\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[#0+-]?\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{[A-Za-z_][\w.]*(?:![rsa])?(?::[^{}]*)?\}|\{\d*\}",
    re.DOTALL,
)
_EMPHASIS = re.compile(r"(?<![\\\w])\*+|\*+(?![\w])|(?<![\\\w])_+|_+(?![\w])")


def _emphasis(text: str) -> int:
    """How many emphasis delimiter characters (``*``, ``_`` at word edges) a text has."""
    return sum(len(run) for run in _EMPHASIS.findall(_CODE.sub("", text)))


class TranslationFinding(FrozenModel):
    """One problem of a translation."""

    path: str
    """The catalog."""
    line: int | None
    """The line of the message's ``msgid``."""
    rule: str
    """Which check: one of :data:`CHECK_RULES`."""
    message: str
    """What is wrong."""
    msgid: str = ""
    """The source text (shortened)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.rule}: {self.message}"


def _without_code(text: str) -> str:
    return _CODE.sub("", text)


def _markup(text: str) -> Counter[str]:
    plain = _without_code(text)
    counts: Counter[str] = Counter()
    counts["links"] = len(_LINK.findall(plain)) + len(_REF_LINK.findall(plain))
    counts["images"] = plain.count("![")
    counts["anchors"] = len(_ANCHOR.findall(plain))
    counts["code spans"] = len(_CODE.findall(text))
    return counts


def _compare(source: str, translation: str) -> Iterator[tuple[str, str]]:
    markup_source, markup_target = _markup(source), _markup(translation)
    for name in sorted(set(markup_source) | set(markup_target)):
        if markup_source[name] != markup_target[name]:
            yield (
                "markup",
                f"{name}: {markup_source[name]} in the source, {markup_target[name]} here",
            )
    markers = (_emphasis(source), _emphasis(translation))
    if markers[0] != markers[1]:
        yield (
            "markup",
            (
                f"emphasis (* and _) unbalanced or different from the source: {markers[0]} markers "
                f"there, {markers[1]} here"
            ),
        )
    targets = sorted(_LINK.findall(_without_code(source)))
    if targets != sorted(_LINK.findall(_without_code(translation))):
        yield "link-target", f"link or image targets differ from the source ({', '.join(targets)})"
    codes = sorted(m.group(2) for m in _CODE.finditer(source))
    if codes != sorted(m.group(2) for m in _CODE.finditer(translation)):
        yield "inline-code", "inline code differs from the source"
    wanted = Counter(_PLACEHOLDERS.findall(_without_code(source)))
    found = Counter(_PLACEHOLDERS.findall(_without_code(translation)))
    if wanted != found:
        lost, added = sorted((wanted - found).elements()), sorted((found - wanted).elements())
        detail = "; ".join(
            filter(
                None,
                [
                    f"lost {', '.join(lost)}" if lost else "",
                    f"added {', '.join(added)}" if added else "",
                ],
            )
        )
        yield "placeholder", detail
    if (source[:1].isspace(), source[-1:].isspace()) != (
        translation[:1].isspace(),
        translation[-1:].isspace(),
    ):
        yield "whitespace", "leading or trailing whitespace differs from the source"
    if source.count("\n") != translation.count("\n"):
        counts = (source.count("\n"), translation.count("\n"))
        yield "line-breaks", f"{counts[0]} line breaks in the source, {counts[1]} here"


def _entry_findings(
    path: str, entry: PoEntry, nplurals: int | None
) -> Iterator[TranslationFinding]:
    short = entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "…"
    pairs = [(entry.msgid, entry.msgstr)]
    if entry.msgid_plural is not None:
        if nplurals is not None and len(entry.msgstr_plural) != nplurals:
            yield TranslationFinding(
                path=path,
                line=entry.line,
                rule="plural-forms",
                msgid=short,
                message=f"{len(entry.msgstr_plural)} plural forms, the header says {nplurals}",
            )
        pairs = [
            (entry.msgid if i == 0 else entry.msgid_plural, form)
            for i, form in enumerate(entry.msgstr_plural)
        ]
    for source, translation in pairs:
        if translation:
            for rule, message in _compare(source, translation):
                yield TranslationFinding(
                    path=path, line=entry.line, rule=rule, message=message, msgid=short
                )


def check_catalog(catalog: PoFile, path: str) -> list[TranslationFinding]:
    """Every finding of one catalog, in file order, then its fuzzy/untranslated summary."""
    plural = catalog.header_value("Plural-Forms")
    nplurals = check_plural_forms(plural, path=path) if plural else None
    findings: list[TranslationFinding] = []
    fuzzy = untranslated = 0
    for entry in catalog.active():
        if entry.fuzzy:
            fuzzy += 1
        elif not entry.translated:
            untranslated += 1
        findings.extend(_entry_findings(path, entry, nplurals))
    if fuzzy:
        findings.append(
            TranslationFinding(
                path=path, line=None, rule="fuzzy", message=f"{fuzzy} fuzzy messages to review"
            )
        )
    if untranslated:
        findings.append(
            TranslationFinding(
                path=path,
                line=None,
                rule="untranslated",
                message=f"{untranslated} untranslated messages",
            )
        )
    return findings
