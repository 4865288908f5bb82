"""Plain HTML lessons (``index.html``, ``page1_de.html``, ``chapter3.html``): title, headings, text.

The markup is cut with a few linear regular expressions rather than :mod:`html.parser`: on
Python 3.11.7 the standard parser takes 24 s for 64 KiB of ``<a `` and 86 s for 512 KiB of
``<!--`` (quadratic rescans, CVE-2025-6069), and raises ``AssertionError`` on ``<![``. Every
construct here is consumed by one forward scan, unclosed ones running to the end of the file.
Nothing is rendered; ``<script>``, ``<style>`` and ``<pre>`` contents are dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from otsmaterials.formats.decode import check_size, decode_text
from otsmaterials.formats.document import (
    DEFAULT_MAX_BYTES,
    ParsedDocument,
    TitleSource,
    count_words,
    join_text,
)
from otsmaterials.formats.evidence import EvidenceBuilder

__all__ = ["ATTRIBUTE", "MARKUP", "html_links", "parse_html"]

MARKUP = re.compile(
    r"""
    (?P<comment><!--.*?(?:-->|\Z))
    | <[!?][^>]*>?
    | <(?P<end>/)?(?P<name>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>?
    """,
    re.DOTALL | re.VERBOSE,
)
"""One comment, declaration or tag (``end``, ``name``, ``attrs``; unclosed ones run to the end)."""
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
"""One attribute: its name, then its value double-quoted, single-quoted or bare."""
_RAW_TEXT = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("pre", "script", "style", "textarea", "title")
}
"""Elements whose content is not markup, with the pattern of their end tag."""
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_EventKind = Literal["start", "end", "data", "raw"]


@dataclass(frozen=True, slots=True)
class _Event:
    """A start or end tag (``name``, ``attrs``), text (``text``), or a raw-text element."""

    kind: _EventKind
    name: str = ""
    text: str = ""
    attrs: str = ""


def parse_html(data: bytes, path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Read one HTML page into a :class:`ParsedDocument`.

    The title is ``<title>``, else the first ``<h1>``, entities decoded (``&amp;`` → ``&``); the
    headings are the ``<h2>`` and ``<h3>`` texts; the text is the visible text of the page.
    Raises :class:`~otsmaterials.errors.ParseError` for a file over ``max_bytes`` or bytes that
    are not text.
    """
    check_size(data, path, max_bytes)
    decoded = decode_text(data, path)
    page = _Page()
    for event in _events(decoded.text):
        page.feed(event)
    page.flush()
    title, source = _title(page)
    text = join_text(page.blocks)
    return ParsedDocument(
        format="html",
        title=title,
        title_source=source,
        headings=tuple(page.headings),
        words=count_words(text),
        text=text,
        front_matter=None,
        evidence=page.evidence.build(text),
        warnings=decoded.warnings,
    )


def html_links(text: str) -> list[str]:
    """The ``href`` of every ``<a>`` element of ``text``, in document order, entities decoded."""
    links: list[str] = []
    for event in _events(text):
        if event.kind == "start" and event.name == "a":
            href = _attributes(event.attrs).get("href")
            if href is not None:
                links.append(href)
    return links


def _events(text: str) -> Iterator[_Event]:
    """The tags and texts of ``text``, in one forward scan."""
    position = 0
    while (match := MARKUP.search(text, position)) is not None:
        if match.start() > position:
            yield _Event("data", text=html.unescape(text[position : match.start()]))
        position = match.end()
        name = (match["name"] or "").lower()
        if not name:  # a comment, a declaration or a processing instruction
            continue
        if match["end"]:
            yield _Event("end", name)
            continue
        yield _Event("start", name, attrs=match["attrs"])
        if name in _RAW_TEXT:
            close = _RAW_TEXT[name].search(text, position)
            end = len(text) if close is None else close.start()
            yield _Event("raw", name, text=html.unescape(text[position:end]))
            yield _Event("end", name)
            position = len(text) if close is None else close.end()
    if position < len(text):
        yield _Event("data", text=html.unescape(text[position:]))


def _attributes(source: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(source):
        value = next((v for v in match.groups()[1:] if v is not None), "")
        attributes.setdefault(match[1].lower(), html.unescape(value))
    return attributes


@dataclass(slots=True)
class _Page:
    """What has been read so far: text blocks, headings, the ``<title>`` and the first ``<h1>``."""

    blocks: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    title: str | None = None
    first_h1: str | None = None
    current: list[str] = field(default_factory=list)
    heading: str | None = None
    evidence: EvidenceBuilder = field(default_factory=EvidenceBuilder)
    in_code: bool = False

    def feed(self, event: _Event) -> None:
        if event.kind == "data":
            self.current.append(event.text)
            if self.in_code:
                self.evidence.inline(event.text)
        elif event.kind == "raw" and event.name == "title" and self.title is None:
            self.title = " ".join(event.text.split())
        elif event.kind == "raw" and event.name == "pre":
            self.evidence.code(event.text, "")
        elif event.kind == "start" and event.name in ("a", "img", "code"):
            self._inline_evidence(event)
        elif event.kind == "end" and event.name == "code":
            self.in_code = False
        if event.name in _BLOCKS and event.kind in ("start", "end"):
            self.flush()
            if event.kind == "start" and event.name in _HEADINGS:
                self.heading = event.name
                self.evidence.heading(int(event.name[1]))

    def _inline_evidence(self, event: _Event) -> None:
        if event.name == "code":
            self.in_code = True
            return
        attributes = _attributes(event.attrs)
        if event.name == "a" and "href" in attributes:
            self.evidence.link(attributes["href"])
        elif event.name == "img" and "src" in attributes:
            self.evidence.image(attributes["src"])

    def flush(self) -> None:
        """End the current block: keep its text, and record it if it was a heading."""
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.blocks.append(text)
            if self.heading == "h1" and self.first_h1 is None:
                self.first_h1 = text
            elif self.heading in ("h2", "h3"):
                self.headings.append(text)
        self.heading = None


def _title(page: _Page) -> tuple[str | None, TitleSource | None]:
    if page.title:
        return page.title, "html-title"
    if page.first_h1:
        return page.first_h1, "h1"
    return None, None


def plain_text(fragment: str) -> str:
    """The visible text of an HTML fragment (tags and script/style contents dropped)."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    parts = [event.text for event in _events(fragment) if event.kind == "data"]
    return " ".join("".join(parts).split())
