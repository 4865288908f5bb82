"""Cut an HTML lesson into translatable messages, remembering where each one sits.

A message is a run of inline content — text and inline elements (``<a>``, ``<em>``, ``<code>``,
``<br>`` …), kept as written — inside a block element (``<p>``, ``<h1>``, ``<li>``, ``<td>``,
``<figcaption>`` …): block tags, comments and skipped elements end a run. Whitespace is collapsed,
so re-indenting a page does not change its messages. The ``<title>``, ``<meta name="description">``
and the ``alt`` text of an image that stands alone in its block are messages too. The contents of
``<script>``, ``<style>``, ``<pre>``, ``<textarea>``, ``<svg>``, ``<math>`` and ``<template>`` are
never messages. The same HTML comments as in Markdown steer extraction (``<!-- i18n:skip -->``,
``<!-- i18n:skip-start -->`` … ``<!-- i18n:skip-end -->``, ``<!-- i18n:comment: text -->``).

The markup is scanned forward with regular expressions, as :mod:`otsmaterials.formats.html` does,
never with :mod:`html.parser` (quadratic on hostile input). Entities stay as written.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

from otsmaterials.translate.segments import Segment, Span

__all__ = ["html_segments"]

_TOKEN = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
    | <[!?][^>]*>?
    | <(?P<end>/)?(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>?
    """,
    re.DOTALL | re.VERBOSE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
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
_DIRECTIVE = re.compile(r"<!--\s*i18n:(skip-start|skip-end|skip|comment:)(.*?)-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>?")
_WORD = re.compile(r"\w")


@dataclass
class _State:
    """Where the scanner is: the open run and what the directives asked for."""

    run_start: int | None = None
    run_end: int = 0
    skip_next: bool = False
    skipping: bool = False
    comment: str | None = None


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

    def add(self, start: int, end: int, msgid: str, kind: str) -> None:
        state = self.state
        if state.skipping or state.skip_next:
            state.skip_next = False
            state.comment = None
            return
        first, first_col = self.position(start)
        last, last_col = self.position(end)
        span = Span(first, last + 1, first_col, last_col)
        self.found.append(Segment(msgid, first + 1, kind, span, state.comment))
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
        """The ``alt`` of an image that is all there is in its block."""
        tags = _TAG.findall(run)
        images = [tag for tag in tags if re.match(r"<img\b", tag, re.IGNORECASE)]
        if len(images) != 1:
            return
        tag = images[0]
        offset = start + run.index(tag)
        attributes = _attributes(tag)
        if "alt" in attributes:
            value_start, value_end, value = attributes["alt"]
            if _WORD.search(html.unescape(value)):
                self.add(
                    offset + value_start, offset + value_end, " ".join(value.split()), "attribute"
                )

    def directive(self, comment: str) -> None:
        found = _DIRECTIVE.fullmatch(comment)
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
            self.state.comment = " ".join(rest.split()) or None

    def raw_element(self, name: str, after: int) -> int:
        """Skip to after ``</name>`` (the end of the text if it never comes)."""
        closing = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search(self.text, after)
        return closing.end() if closing else len(self.text)

    def title(self, after: int) -> int:
        closing = re.compile(r"</title\s*>", re.IGNORECASE).search(self.text, after)
        end = closing.start() if closing else len(self.text)
        raw = self.text[after:end]
        stripped = raw.strip()
        if stripped and _WORD.search(html.unescape(stripped)):
            start = after + len(raw) - len(raw.lstrip())
            self.add(start, start + len(stripped), " ".join(stripped.split()), "html")
        return closing.end() if closing else end

    def meta(self, tag: str, offset: int) -> None:
        attributes = _attributes(tag)
        name = attributes.get("name", (0, 0, ""))[2].lower()
        if name == "description" and "content" in attributes:
            start, end, value = attributes["content"]
            if _WORD.search(html.unescape(value)):
                self.add(offset + start, offset + end, " ".join(value.split()), "attribute")

    def run(self) -> list[Segment]:
        text, position = self.text, 0
        while position < len(text):
            match = _TOKEN.search(text, position)
            if match is None:
                self.extend_run(position, len(text))
                break
            if match.start() > position:
                self.extend_run(position, match.start())
            position = self.token(match)
        self.close_run()
        return self.found

    def token(self, match: re.Match[str]) -> int:
        """Handle one tag or comment; return where scanning goes on."""
        name = (match.group("name") or "").lower()
        if match.group("comment") is not None or not name:  # comments, <!DOCTYPE>, <?xml?>
            self.close_run()
            if match.group("comment") is not None:
                self.directive(match.group("comment"))
            return match.end()
        if match.group("end"):
            if name in _BLOCKS or name in _SKIPPED:
                self.close_run()
            else:
                self.extend_run(match.start(), match.end())
            return match.end()
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
        else:
            self.extend_run(match.start(), match.end())
        return match.end()


def _attributes(tag: str) -> dict[str, tuple[int, int, str]]:
    """Attribute name → (start, end, value as written) of its value within ``tag``."""
    found: dict[str, tuple[int, int, str]] = {}
    name_end = re.match(r"<[A-Za-z][^\s/>]*", tag)
    offset = name_end.end() if name_end else 0
    for match in _ATTRIBUTE.finditer(tag, offset):
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
