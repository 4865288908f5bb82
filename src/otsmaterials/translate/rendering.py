"""Put translations back into a Markdown or HTML lesson, leaving everything else byte for byte.

Each message is replaced where its original text stood (the positions come from
:mod:`otsmaterials.translate.segments`): headings keep their ``#``, list items their markers,
block quotes their ``>``, table cells their pipes, front matter its keys and quoting, code blocks
and HTML their bytes. In an HTML lesson (:mod:`otsmaterials.translate.html_segments`) a message's
text is replaced on one line between the tags around it, and attribute values keep their quotes
(a quote in the translation is escaped). A message without a usable translation (missing, empty or
fuzzy) keeps the original text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.stats import normalize_message
from otsmaterials.translate.documents import document_segments, is_html, normalize_newlines
from otsmaterials.translate.html_segments import html_lang_edits
from otsmaterials.translate.segments import DEFAULT_KEYS, Segment

__all__ = ["RenderResult", "render_lesson", "translations_of"]

_PLAIN_YAML = re.compile(r"^[^\s\"'#&*!|>%@`{}\[\],?:-][^#]*$")


@dataclass(frozen=True)
class RenderResult:
    """A rendered lesson and how much of it was translated."""

    text: str
    """The translated lesson."""
    messages: int
    """Messages in the lesson."""
    translated: int
    """Messages replaced by a translation."""


def translations_of(catalog: PoFile) -> dict[str, str]:
    """Msgid (whitespace-normalised) → msgstr, for translated, non-fuzzy entries."""
    return {normalize_message(e.msgid): e.msgstr for e in catalog.active() if e.translated}


def _yaml_value(original_line: str, start: int, end: int, text: str) -> str:
    quoted = start > 0 and original_line[start - 1] in "\"'"
    one_line = " ".join(text.split())
    if quoted and original_line[start - 1] == "'":
        return one_line.replace("'", "''")
    if quoted:
        return json.dumps(one_line, ensure_ascii=False)[1:-1]
    if _PLAIN_YAML.match(one_line) and ": " not in one_line and not one_line.endswith(":"):
        return one_line
    return json.dumps(one_line, ensure_ascii=False)


def _attribute_value(original_line: str, start: int, text: str) -> str:
    """An HTML attribute value: one line, its quote character escaped."""
    flat = " ".join(text.split())
    quote = original_line[start - 1] if start > 0 else ""
    if quote == '"':
        return flat.replace('"', "&quot;")
    if quote == "'":
        return flat.replace("'", "&#39;")
    return '"' + flat.replace('"', "&quot;") + '"'  # an unquoted value becomes a quoted one


def _text_lines(segment: Segment, translation: str) -> list[str]:
    if segment.kind in {"heading", "table-cell", "alt", "title", "front-matter", "html"}:
        flat = " ".join(translation.split())
        return [re.sub(r"(?<!\\)\|", r"\\|", flat) if segment.kind == "table-cell" else flat]
    return translation.split("\n")


def _apply(lines: list[str], segment: Segment, translation: str) -> None:
    span = segment.span
    first, last = lines[span.start_line], lines[span.end_line - 1]
    head, tail = first[: span.start_col], last[span.end_col :]
    if segment.kind == "front-matter":
        value = _yaml_value(first, span.start_col, span.end_col, translation)
        lines[span.start_line] = head + value + tail
        return
    if segment.kind == "attribute":
        value = _attribute_value(first, span.start_col, translation)
        lines[span.start_line : span.end_line] = [head + value + tail]
        return
    if segment.kind == "code":
        head, tail = span.prefix, ""
    text = _text_lines(segment, translation)
    replaced = [head + text[0]] + [span.continuation + line for line in text[1:]]
    replaced[-1] += tail
    lines[span.start_line : span.end_line] = replaced


def render_lesson(
    text: str,
    translations: Mapping[str, str],
    *,
    keys: Sequence[str] = DEFAULT_KEYS,
    include_code: bool = False,
    path: str = "lesson.md",
    language: str | None = None,
) -> RenderResult:
    """``text`` with every message that has a translation in ``translations`` replaced.

    ``translations`` maps whitespace-normalised msgids to msgstrs (see :func:`translations_of`);
    ``path`` tells Markdown from HTML (by its extension). For an HTML lesson, ``language`` (the
    translation's BCP 47 tag) replaces the ``lang`` of its ``<html>`` element. The lesson comes
    back with LF line breaks.
    """
    text = normalize_newlines(text)
    segments = document_segments(text, path, keys=keys, include_code=include_code)
    lines = text.split("\n")
    translated = 0
    ordered = sorted(segments, key=lambda s: (s.span.start_line, s.span.start_col), reverse=True)
    for segment in ordered:
        translation = translations.get(normalize_message(segment.msgid))
        if not translation:
            continue
        _apply(lines, segment, translation)
        translated += 1
    rendered = "\n".join(lines)
    if language is not None and is_html(path):
        for start, end, value in reversed(html_lang_edits(rendered, language)):
            rendered = rendered[:start] + value + rendered[end:]
    return RenderResult(rendered, len(segments), translated)
