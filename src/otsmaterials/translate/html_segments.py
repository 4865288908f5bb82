"""Cut an HTML lesson into translatable messages, remembering where each one sits.

A message is a run of inline content — text and inline elements (``<a>``, ``<em>``, ``<code>``,
``<br>``, comments …), kept as written — inside a block element (``<p>``, ``<h1>``, ``<li>``,
``<td>``, ``<figcaption>`` …): block tags and skipped elements end a run. Whitespace is collapsed,
so re-indenting a page does not change its messages. The ``<title>``, ``<meta name="description">``
and the ``alt`` text of images that stand alone in their block are messages too. The contents of
``<script>``, ``<style>``, ``<pre>``, ``<textarea>``, ``<svg>``, ``<math>`` and ``<template>`` are
never messages. The same HTML comments as in Markdown steer extraction: ``<!-- i18n:skip -->``
skips the next block (a whole list or table too), ``<!-- i18n:skip-start -->`` …
``<!-- i18n:skip-end -->`` a region, and ``<!-- i18n:comment: text -->`` is a comment for
translators on the next message. Each message's :attr:`~.Segment.key` is the element around it
(``p``, ``h2``, ``li``, ``title``, ``img`` …), which lets an aligner tell a heading from a
paragraph.

The markup is scanned forward with regular expressions, as :mod:`otsmaterials.formats.html` does,
never with :mod:`html.parser` (quadratic on hostile input). Entities stay as written.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from otsmaterials.formats.html import ATTRIBUTE, MARKUP
from otsmaterials.translate.segments import (
    DIRECTIVE,
    Segment,
    SegmentKind,
    Span,
    template_only,
)

__all__ = ["html_lang_edits", "html_segments"]

_SKIPPED = frozenset({"script", "style", "pre", "textarea", "svg", "math", "template"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li", "link", "main",
        "menu", "meta", "nav", "ol", "option", "p", "section", "select", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
    }
)  # fmt: skip
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
)
_IMPLIED_END = frozenset({"p", "li", "dt", "dd", "td", "th", "tr", "option"})
"""Elements whose end tag may be left out: the next one of the same name ends them."""
_OUTER = frozenset({"html", "head", "body"})
_MAX_UNCLOSED = 64
"""How many unclosed elements an end tag may close at once (more is broken markup)."""
_TAG = re.compile(r"<[^>]*>?")
_CLOSING = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in (*_SKIPPED, "title")}
"""The end tag of each element whose content is not markup."""


def _raw_end(text: str, name: str, after: int) -> tuple[int, int]:
    """Where the content of raw-text element ``name`` ends and where its end tag ends."""
    closing = _CLOSING[name].search(text, after)
    return (closing.start(), closing.end()) if closing else (len(text), len(text))


_WORD = re.compile(r"\w")


@dataclass
class _State:
    """Where the scanner is: the open run and what the directives asked for."""

    run_start: int | None = None
    run_end: int = 0
    skip_next: bool = False
    skipping: bool = False
    comment: str | None = None
    open_blocks: list[str] = field(default_factory=list)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[Segment] = []
        self.state = _State()

    def position(self, offset: int) -> tuple[int, int]:
        """0-based line and column of ``offset``."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]

    def add(
        self, start: int, end: int, msgid: str, kind: SegmentKind, element: str | None = None
    ) -> None:
        state = self.state
        if state.skipping or state.skip_next:
            state.skip_next = False
            state.comment = None
            return
        if template_only(msgid):
            return
        first, first_col = self.position(start)
        last, last_col = self.position(end)
        span = Span(first, last + 1, first_col, last_col)
        where = element or (state.open_blocks[-1] if state.open_blocks else None)
        self.found.append(Segment(msgid, first + 1, kind, span, state.comment, where))
        state.comment = None

    def extend_run(self, start: int, end: int) -> None:
        if self.state.run_start is None:
            self.state.run_start = start
        self.state.run_end = end

    def close_run(self) -> None:
        state = self.state
        if state.run_start is None:
            return
        start, end = state.run_start, state.run_end
        state.run_start = None
        raw = self.text[start:end]
        stripped = raw.strip()
        if not stripped:
            return
        start += len(raw) - len(raw.lstrip())
        end = start + len(stripped)
        visible = html.unescape(_TAG.sub("", stripped))
        if _WORD.search(visible):
            self.add(start, end, " ".join(stripped.split()), "html")
            return
        self.alt_text(start, stripped)

    def alt_text(self, start: int, run: str) -> None:
        """The ``alt`` of each image in a block that holds images and no text."""
        for tag in _TAG.finditer(run):
            if not re.match(r"<img\b", tag.group(0), re.IGNORECASE):
                continue
            offset = start + tag.start()
            attributes = _attributes(tag.group(0))
            if "alt" in attributes:
                value_start, value_end, value = attributes["alt"]
                if _WORD.search(html.unescape(value)):
                    text = " ".join(value.split())
                    self.add(offset + value_start, offset + value_end, text, "attribute", "img")

    def directive(self, comment: str) -> None:
        found = DIRECTIVE.fullmatch(comment)
        if found is None:
            return
        kind, rest = found.groups()
        if kind == "skip":
            self.state.skip_next = True
        elif kind == "skip-start":
            self.state.skipping = True
        elif kind == "skip-end":
            self.state.skipping = False
        else:
            self.state.comment = " ".join((rest or "").split()) or None

    def raw_element(self, name: str, after: int) -> int:
        """Skip to after ``</name>`` (the end of the text if it never comes)."""
        return _raw_end(self.text, name, after)[1]

    def title(self, after: int) -> int:
        end, beyond = _raw_end(self.text, "title", after)
        raw = self.text[after:end]
        stripped = raw.strip()
        if stripped and _WORD.search(html.unescape(stripped)):
            start = after + len(raw) - len(raw.lstrip())
            self.add(start, start + len(stripped), " ".join(stripped.split()), "html", "title")
        return beyond

    def meta(self, tag: str, offset: int) -> None:
        attributes = _attributes(tag)
        name = attributes.get("name", (0, 0, ""))[2].lower()
        if name == "description" and "content" in attributes:
            start, end, value = attributes["content"]
            if _WORD.search(html.unescape(value)):
                self.add(offset + start, offset + end, " ".join(value.split()), "attribute", "meta")

    def run(self) -> list[Segment]:
        text, position = self.text, 0
        while position < len(text):
            match = MARKUP.search(text, position)
            if match is None:
                self.extend_run(position, len(text))
                break
            if match.start() > position:
                self.extend_run(position, match.start())
            position = self.token(match)
        self.close_run()
        return self.found

    def token(self, match: re.Match[str]) -> int:  # noqa: PLR0911 - one return per kind of token
        """Handle one tag or comment; return where scanning goes on."""
        name = (match.group("name") or "").lower()
        comment = match.group("comment")
        inside = self.state.run_start is not None
        if comment is not None and inside and not DIRECTIVE.match(comment):
            self.extend_run(match.start(), match.end())  # a remark inside a paragraph stays in it
            return match.end()
        if comment is not None or not name:  # comments, <!DOCTYPE>, <?xml?>
            self.close_run()
            if comment is not None:
                self.directive(comment)
            return match.end()
        if match.group("end"):
            if name in _BLOCKS or name in _SKIPPED:
                self.close_run()
                self.close_block(name)
            else:
                self.extend_run(match.start(), match.end())
            return match.end()
        if self.state.skip_next and name not in _OUTER and (name in _BLOCKS or name in _SKIPPED):
            self.close_run()
            self.state.skip_next = False  # <!-- i18n:skip --> takes the whole next block
            self.state.comment = None
            return self.element_end(name, match)
        if name in _SKIPPED:
            self.close_run()
            return self.raw_element(name, match.end())
        if name == "title":
            self.close_run()
            return self.title(match.end())
        if name == "meta":
            self.close_run()
            self.meta(match.group(0), match.start())
            return match.end()
        if name in _BLOCKS:
            self.close_run()
            self.open_block(name)
        else:
            self.extend_run(match.start(), match.end())
        return match.end()

    def open_block(self, name: str) -> None:
        blocks = self.state.open_blocks
        if name in _IMPLIED_END and name in blocks[-1:]:
            blocks.pop()
        if name not in _VOID:
            blocks.append(name)

    def close_block(self, name: str) -> None:
        """Close the innermost open ``name`` (looked for near the top only: linear on any input)."""
        blocks = self.state.open_blocks
        for index in range(len(blocks) - 1, max(-1, len(blocks) - 1 - _MAX_UNCLOSED), -1):
            if blocks[index] == name:
                del blocks[index:]
                return

    def element_end(self, name: str, start: re.Match[str]) -> int:
        """Where the element that ``start`` opens ends (nested ones of its name counted)."""
        if name in _SKIPPED:
            return self.raw_element(name, start.end())
        if name in _VOID or start.group(0).endswith("/>"):
            return start.end()
        depth, position = 1, start.end()
        while (match := MARKUP.search(self.text, position)) is not None:
            position = match.end()
            other = (match.group("name") or "").lower()
            closing = bool(match.group("end"))
            if name in _IMPLIED_END and depth == 1 and _ends_implicitly(name, match):
                return match.start()  # the next <li>, a heading after a <p>, the list's </ul> …
            if other in _SKIPPED and not closing:
                position = self.raw_element(other, match.end())
            elif other == name and closing:
                depth -= 1
                if depth == 0:
                    return position
            elif other == name:
                depth += 1
        return len(self.text)


def _ends_implicitly(name: str, match: re.Match[str]) -> bool:
    """Whether ``match`` ends an open ``name`` whose end tag may be left out (``p``, ``li`` …).

    The next element of the same name, any block after a ``<p>``, the end tag of an element around
    it, and an ``i18n:`` directive (which belongs to what follows) all end it.
    """
    comment = match.group("comment")
    if comment is not None:
        return DIRECTIVE.match(comment) is not None
    other = (match.group("name") or "").lower()
    if not other:
        return False
    if match.group("end"):
        return other != name and other in _BLOCKS
    return other == name or (name == "p" and other in _BLOCKS)


def _attributes(tag: str) -> dict[str, tuple[int, int, str]]:
    """Attribute name → (start, end, value as written) of its value within ``tag``."""
    found: dict[str, tuple[int, int, str]] = {}
    name_end = re.match(r"<[A-Za-z][^\s/>]*", tag)
    offset = name_end.end() if name_end else 0
    for match in ATTRIBUTE.finditer(tag, offset):
        for group in (2, 3, 4):
            if match.group(group) is not None:
                found.setdefault(
                    match.group(1).lower(),
                    (match.start(group), match.end(group), match.group(group)),
                )
                break
    return found


def html_segments(text: str) -> list[Segment]:
    """Every message of an HTML lesson (``text`` with LF line endings), in document order."""
    return _Scanner(text).run()


def html_lang_edits(text: str, language: str) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` edits that give the page's ``<html>`` element ``language``.

    The ``lang`` and ``xml:lang`` values are replaced (a language tag needs no quotes, so they
    stay as they were); an ``<html>`` without ``lang`` gets one. Nothing when the page has no
    ``<html>`` element of its own (one in a comment, ``<textarea>`` or ``<pre>`` does not count).
    """
    position = 0
    while (match := MARKUP.search(text, position)) is not None:
        name = (match.group("name") or "").lower()
        position = match.end()
        if match.group("comment") is not None or match.group("end") or not name:
            continue
        if name in _CLOSING:
            position = _raw_end(text, name, position)[1]
            continue
        if name != "html":
            if name in _BLOCKS:
                return []  # the page's content started without an <html> element
            continue
        tag = match.group(0)
        attributes = _attributes(tag)
        edits = []
        for key in ("lang", "xml:lang"):
            if key in attributes:
                start, end, _value = attributes[key]
                edits.append((match.start() + start, match.start() + end, language))
        if not edits:
            insert = match.start() + len("<html")
            edits.append((insert, insert, f' lang="{language}"'))
        return edits
    return []
