r"""Quicker paragraph and setext heading rules for markdown-it-py: the same tokens, fewer checks.

For every line of a paragraph, markdown-it-py asks each rule that may end a paragraph (a fence,
a quote, a rule, a list, raw HTML, a heading, a table) whether it starts there, and it does so
twice: once in ``lheading`` (is the paragraph underlined with ``===`` or ``---``?), tried before
every paragraph, and once in ``paragraph``. Those rules can only start at a line whose first
character is one of theirs (:data:`_MARKERS`) or, for a table, at a line with a ``|`` in it. So:

- the setext rule answers "no" at once when no line before the next blank one starts with ``=``
  or ``-`` (it can find no underline), leaving the parser's state as the rule leaves it;
- the paragraph rule, when no line before the next blank one could start another block, ends
  the paragraph at that blank line without asking.

A third rule, tried before all others, looks at a block's first line when it is not indented as
code and has no ``|``. If it starts with none of those characters (nor ``[``, a link reference
definition), no other rule can start there; when no line before the next blank one could start
another block or underline it, the block is the plain paragraph the chain would come to after
asking each rule, and it is made at once. If it starts with ``#``, only the heading rule can
take it, and it is asked directly. The core rule that turns ``\r\n`` and ``\r`` into ``\n``
and NUL into U+FFFD runs only where there is one.

Anywhere else markdown-it-py's own rule runs. The tokens are the same (tested against
markdown-it-py on generated text); lessons of plain paragraphs and headings are tokenized in
about a fifth of the time. :func:`quick_blocks` leaves a parser whose rules it does not know as
it is.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.heading import heading
from markdown_it.rules_block.lheading import lheading
from markdown_it.rules_block.paragraph import paragraph
from markdown_it.rules_core import StateCore
from markdown_it.rules_core.normalize import normalize

__all__ = ["quick_blocks"]

_MARKERS = frozenset("`~>*-_+#<0123456789")
"""First characters at which a rule that ends a paragraph can start (``|``: see the module)."""
_TERMINATORS = frozenset({"table", "fence", "blockquote", "hr", "list", "html_block", "heading"})
"""The rules that end a paragraph in CommonMark with tables, whose first characters are known."""
_STARTERS = _MARKERS | {"["}
"""First characters at which a rule other than the paragraph's may start a block."""
_KNOWN = _TERMINATORS | {"code", "reference", "lheading", "paragraph"}
"""Every rule of CommonMark with tables: :func:`_plain_block` knows where each may start."""


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
    _push_paragraph(state, start, stop)
    return True


def _plain_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A plain paragraph at ``start``, made before any other rule is asked.

    Only where no other rule could start (see the module); ``False`` leaves the block to them.
    """
    src, begins, shifts, ends = state.src, state.bMarks, state.tShift, state.eMarks
    first, last = begins[start] + shifts[start], ends[start]
    if first >= last or state.is_code_block(start) or "|" in src[first:last]:
        return False
    if src[first] in _STARTERS:  # "#" can only be a heading (or else a paragraph)
        return src[first] == "#" and heading(state, start, end, silent)
    stop = start + 1
    lines = state.lineMax
    while stop < lines:  # up to the next blank line, as _plain_until_blank and _lheading look
        first, last = begins[stop] + shifts[stop], ends[stop]
        if first >= last:
            break
        if src[first] in _MARKERS or src[first] == "=" or "|" in src[first:last]:
            return False
        stop += 1
    state.parentType = "paragraph"  # as lheading leaves it when it finds no underline
    _push_paragraph(state, start, stop)
    return True


def _push_paragraph(state: StateBlock, start: int, stop: int) -> None:
    """The tokens of markdown-it-py's ``paragraph`` for lines ``start`` to ``stop``."""
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


def _normalize(state: StateCore) -> None:
    r"""markdown-it-py's ``normalize``, which has nothing to do without ``\r`` or NUL."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def quick_blocks(parser: MarkdownIt) -> MarkdownIt:
    """``parser`` with the quicker setext heading and paragraph rules (see the module)."""
    ruler = parser.block.ruler
    ending = {rule.name for rule in ruler.__rules__ if rule.enabled and "paragraph" in rule.alt}
    if ending <= _TERMINATORS:
        ruler.at("lheading", _lheading)
        ruler.at("paragraph", _paragraph)
        if {rule.name for rule in ruler.__rules__ if rule.enabled} == _KNOWN:
            ruler.before(ruler.__rules__[0].name, "plain_block", _plain_block)
    if any(rule.name == "normalize" for rule in parser.core.ruler.__rules__):
        parser.core.ruler.at("normalize", _normalize)
    return parser
