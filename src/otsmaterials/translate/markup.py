"""What a translation must keep of its message's markup: inline code and link targets.

One place for the three markup languages of messages — Markdown lessons, reStructuredText
(a Sphinx project's catalogs) and HTML lessons — used by ``check translations`` (to find what a
translation changed) and by ``import-translation`` (to pair a translated block with its
original).
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["Syntax", "code_quote", "code_spans", "link_targets", "without_code"]

Syntax = Literal["markdown", "rst", "html"]

_CODE: dict[str, re.Pattern[str]] = {
    "markdown": re.compile(r"(`+)(.+?)\1", re.DOTALL),
    "rst": re.compile(r"``(.+?)``", re.DOTALL),
    "html": re.compile(r"<code\b[^>]*>(.*?)</code\s*>", re.IGNORECASE | re.DOTALL),
}
_MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*[\"')])?\s*\)")
_RST_LINK = re.compile(r"`[^`<]*<([^>`]+)>`__?")
_HTML_TARGET = re.compile(
    r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE
)


def without_code(text: str, syntax: Syntax = "markdown") -> str:
    """``text`` with its inline code taken out."""
    return _CODE[syntax].sub("", text)


def code_spans(text: str, syntax: Syntax = "markdown") -> list[str]:
    """The contents of the inline code of ``text``, in order."""
    pattern = _CODE[syntax]
    if syntax == "markdown":
        return [match.group(2) for match in pattern.finditer(text)]
    return pattern.findall(text)


def code_quote(syntax: Syntax) -> str:
    """How inline code is quoted when a message shows it."""
    return "``" if syntax == "rst" else "`"


def link_targets(text: str, syntax: Syntax = "markdown") -> list[str]:
    """The link and image targets of ``text`` (outside inline code), in order."""
    if syntax == "html":
        return ["".join(groups) for groups in _HTML_TARGET.findall(text)]
    pattern = _RST_LINK if syntax == "rst" else _MARKDOWN_LINK
    return pattern.findall(without_code(text, syntax))
