r"""A quicker inline pass for markdown-it-py: plain text made into tokens without the rule chain.

markdown-it-py reads the text of every paragraph, heading and table cell one piece at a time,
asking its inline rules in turn at each character that may start one. Most of a lesson's text
is plain: no character in it can start any rule but the line break's, and the tokens are then
known in advance: one ``text`` token per line (spaces before the line break dropped), a
``softbreak`` between lines, or a ``hardbreak`` after two spaces or more, and the next line's
leading spaces and tabs skipped, as markdown-it-py's ``newline`` rule does.

:func:`quick_inline` replaces the core rule that runs the inline pass with one that makes those
tokens at once for a text in which no enabled rule can start (:data:`_STARTS`), and runs
markdown-it-py's own pass for any other. It changes nothing for a parser with an inline rule it
does not know (a plugin's, or linkify), nor when ``maxNesting`` leaves no rule to run. The
tokens are the same (tested against markdown-it-py on generated text and on lesson files).
"""

from __future__ import annotations

import re
from functools import partial

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

__all__ = ["quick_inline"]

_STARTS = {
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "*_",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}
"""markdown-it-py's inline rules, each with the characters at which it can start."""
_PLAIN = frozenset({"text", "newline"})
"""The rules that plain text meets: runs of text, and line breaks."""
_AFTERWARDS = frozenset({"balance_pairs", "strikethrough", "emphasis", "fragments_join"})
"""The rules run after the pass: they only act on delimiters, which plain text has none of."""


def _plain_tokens(src: str, out: list[Token]) -> None:
    """The tokens of ``src``, a text with no character at which a rule but ``newline`` starts."""
    position, end = 0, len(src)
    while (newline := src.find("\n", position)) >= 0:
        line, kind = src[position:newline], "softbreak"
        if line.endswith("  "):
            line, kind = line.rstrip(" "), "hardbreak"
        elif line.endswith(" "):
            line = line[:-1]
        if line:
            out.append(Token("text", "", 0, content=line))
        out.append(Token(kind, "br", 0))
        position = newline + 1
        while position < end and src[position] in " \t":
            position += 1
    if position < end:
        out.append(Token("text", "", 0, content=src[position:]))


def _inline(markup: re.Pattern[str], state: StateCore) -> None:
    """markdown-it-py's ``inline`` core rule, with plain text made at once (see the module)."""
    md = state.md
    quick = md.options["maxNesting"] > 0
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if quick and markup.search(token.content) is None:
                _plain_tokens(token.content, token.children)
            else:
                md.inline.parse(token.content, md, state.env, token.children)


def quick_inline(parser: MarkdownIt) -> MarkdownIt:
    """``parser`` with the quicker inline pass (see the module); as it is if it cannot have it."""
    enabled = {rule.name for rule in parser.inline.ruler.__rules__ if rule.enabled}
    afterwards = {rule.name for rule in parser.inline.ruler2.__rules__ if rule.enabled}
    core = {rule.name for rule in parser.core.ruler.__rules__ if rule.enabled}
    if (
        "inline" not in core
        or not enabled >= _PLAIN
        or not enabled <= _PLAIN | _STARTS.keys()
        or not afterwards <= _AFTERWARDS
    ):
        return parser
    starts = "".join(sorted({char for name in enabled - _PLAIN for char in _STARTS[name]}))
    markup = re.compile(f"[{re.escape(starts)}]" if starts else r"(?!)")
    parser.core.ruler.at("inline", partial(_inline, markup))
    return parser
