"""Quicker paragraph and setext heading rules for markdown-it-py: the same tokens, fewer checks.

For every line of a paragraph, markdown-it-py asks each rule that may end a paragraph (a fence,
a quote, a rule, a list, raw HTML, a heading, a table) whether it starts there, and it does so
twice: once in ``lheading`` (is the paragraph underlined with ``===`` or ``---``?), tried before
every paragraph, and once in ``paragraph``. Those rules can only start at a line whose first
character is one of theirs (:data:`_MARKERS`) or, for a table, at a line with a ``|`` in it. So:

- the setext rule answers "no" at once when no line before the next blank one starts with ``=``
  or ``-`` (it can find no underline), leaving the parser's state as the rule leaves it;
- the paragraph rule, when no line before the next blank one could start another block, ends
  the paragraph at that blank line without asking.

Anywhere else markdown-it-py's own rule runs. The tokens are the same (tested against
markdown-it-py on generated text); a lesson of plain paragraphs is tokenized in about two
thirds of the time. :func:`quick_blocks` leaves a parser whose rules it does not know as it is.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.lheading import lheading
from markdown_it.rules_block.paragraph import paragraph

__all__ = ["quick_blocks"]

_MARKERS = frozenset("`~>*-_+#<0123456789")
"""First characters at which a rule that ends a paragraph can start (``|``: see the module)."""
_TERMINATORS = frozenset({"table", "fence", "blockquote", "hr", "list", "html_block", "heading"})
"""The rules that end a paragraph in CommonMark with tables, whose first characters are known."""


def _plain_until_blank(state: StateBlock, start: int, end: int) -> int | None:
    """Where the paragraph at ``start`` ends, if no other block can start inside it.

    That is the first blank line after ``start`` (or ``end``); ``None`` if a line before it
    could start another block.
    """
    src, begins, shifts, ends = state.src, state.bMarks, state.tShift, state.eMarks
    line = start + 1
    while line < end:
        first, last = begins[line] + shifts[line], ends[line]
        if first >= last:
            return line
        if src[first] in _MARKERS or "|" in src[first:last]:
            return None
        line += 1
    return line


def _lheading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it-py's ``lheading``, asked only where an underline may follow."""
    src, begins, shifts, ends = state.src, state.bMarks, state.tShift, state.eMarks
    line = start + 1
    while line < end:
        first = begins[line] + shifts[line]
        if first >= ends[line]:
            break  # a blank line ends the paragraph: no underline before it
        if src[first] in "=-":
            return lheading(state, start, end, silent)
        line += 1
    if not state.is_code_block(start):
        state.parentType = "paragraph"  # as the rule leaves it when it finds no underline
    return False


def _paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it-py's ``paragraph``, without asking other rules where none can start."""
    stop = _plain_until_blank(state, start, state.lineMax)
    if stop is None:
        return paragraph(state, start, end, silent)
    old_parent = state.parentType
    content = mdTrim(state.getLines(start, stop, state.blkIndent, False))
    state.line = stop
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, stop]
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [start, stop]
    token.children = []
    state.push("paragraph_close", "p", -1)
    state.parentType = old_parent
    return True


def quick_blocks(parser: MarkdownIt) -> MarkdownIt:
    """``parser`` with the quicker setext heading and paragraph rules (see the module)."""
    ruler = parser.block.ruler
    ending = {rule.name for rule in ruler.__rules__ if rule.enabled and "paragraph" in rule.alt}
    if ending <= _TERMINATORS:
        ruler.at("lheading", _lheading)
        ruler.at("paragraph", _paragraph)
    return parser
