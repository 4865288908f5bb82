"""reStructuredText lessons (Sphinx projects), read as text: docutils is never used.

A directive is never executed: ``.. include:: /etc/passwd``, ``.. raw:: html`` with ``:file:`` and
``.. csv-table::`` with ``:url:`` only give a warning (``directive include ignored (line 3)``) and
nothing is opened or fetched (``docs/threat-model.md``, text-only). See
:mod:`otsmaterials.formats._rstblocks` for what the block reader understands.
"""

from __future__ import annotations

import re

from otsmaterials.formats._rstblocks import RstBlock, scan_rst
from otsmaterials.formats.decode import check_size, decode_text
from otsmaterials.formats.document import DEFAULT_MAX_BYTES, ParsedDocument, count_words, join_text
from otsmaterials.formats.evidence import EvidenceBuilder

__all__ = ["parse_rst", "rst_messages", "rst_plain_text", "toctree_entries"]

_ROLE = r":[\w.+-]{1,40}(?::[\w.+-]{1,40})?:"
_INLINE = re.compile(
    rf"""
    ``(?P<literal>.{{1,1000}}?)``
    | {_ROLE}`(?P<role_title>[^`<]{{1,1000}}?)\s*<[^`>]{{0,1000}}>`
    | {_ROLE}`~?(?P<role>[^`]{{1,1000}})`
    | `(?P<link_title>[^`<]{{1,1000}}?)\s*<[^`>]{{0,1000}}>`__?
    | `(?P<interpreted>[^`]{{1,1000}})`(?:{_ROLE}|__?)?
    | (?<!\w)\*\*(?P<strong>[^*\s][^*]{{0,1000}}?)(?<!\s)\*\*
    | (?<![\w*])\*(?P<emphasis>[^*\s][^*]{{0,1000}}?)(?<!\s)\*
    | \|(?P<substitution>[^|\s][^|]{{0,200}}?)(?<!\s)\|(?:__?)?
    | \[(?:\#[\w-]{{0,100}}|\*|\d{{1,10}}|[A-Za-z][\w.-]{{0,100}})\]_
    | (?<!\w)(?P<reference>[^\W_]\w{{0,100}}?)__?(?!\w)
    | \\(?P<escaped>.)
    """,
    re.VERBOSE,
)


def parse_rst(data: bytes, path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedDocument:
    """Read one reStructuredText file into a :class:`ParsedDocument`.

    The title is the first section title, the headings are the section titles after it; the
    text leaves out literal blocks, code, comments and tables. Raises
    :class:`~otsmaterials.errors.ParseError` for a file over ``max_bytes`` or bytes that are not
    text.
    """
    check_size(data, path, max_bytes)
    decoded = decode_text(data, path)
    scan = scan_rst(decoded.text)
    titles = [rst_plain_text(block.source) for block in scan.blocks if block.kind == "title"]
    text = join_text(_plain_block(block) for block in scan.blocks)
    evidence = _evidence(decoded.text, len(titles))
    return ParsedDocument(
        format="rst",
        title=titles[0] if titles else None,
        title_source="rst-title" if titles else None,
        headings=tuple(titles[1:]),
        words=count_words(text),
        text=text,
        front_matter=None,
        evidence=evidence.build(text),
        warnings=decoded.warnings + tuple(scan.warnings),
    )


_LITERAL = re.compile(r"``([^`]{1,200}?)``")
_URL = re.compile(r"https?://[^\s<>`\"')]{1,300}")
_IMAGE = re.compile(r"^\s*\.\.\s+(?:image|figure)::\s*(\S+)", re.MULTILINE)
_CODE_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+(?:code-block|code|sourcecode)::\s*(\S*)")


def _evidence(text: str, titles: int) -> EvidenceBuilder:
    """Code (literal blocks, code directives), inline literals, URLs, images, title count."""
    evidence = EvidenceBuilder()
    for _ in range(titles):
        evidence.heading(2)
    for literal in _LITERAL.findall(text):
        evidence.inline(literal)
    for url in _URL.findall(text):
        evidence.link(url.rstrip(".,;:>_"))
    for image in _IMAGE.findall(text):
        evidence.image(image)
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _CODE_DIRECTIVE.match(line)
        if directive or (line.rstrip().endswith("::") and not line.lstrip().startswith("..")):
            indent = len(line) - len(line.lstrip())
            end = index + 1
            block: list[str] = []
            while end < len(lines) and (
                not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
            ):
                if not lines[end].lstrip().startswith(":"):
                    block.append(lines[end])
                end += 1
            evidence.code("\n".join(block), directive[2] if directive else "")
            index = max(end, index + 1)
            continue
        index += 1
    return evidence


def toctree_entries(text: str) -> list[str]:
    """The documents listed by every ``.. toctree::`` of ``text``, in order.

    Options (``:maxdepth: 2``, ``:hidden:``) are skipped; ``Title <docname>`` gives ``docname``;
    globs (``lessons/*``) and ``self`` are kept as written; external links are left out.
    """
    return scan_rst(text).toctree


def rst_messages(text: str) -> list[str]:
    """The translatable messages of ``text``, cut the way Sphinx's gettext builder cuts them.

    One message per section title, paragraph, list item paragraph, definition term, footnote
    and admonition paragraph: the source text with its lines joined by one space, inline markup
    (and a closing ``::``) kept as written. Tables, literal blocks and code are not messages.
    Duplicates are kept, in document order.
    """
    return [block.source for block in scan_rst(text).blocks]


def rst_plain_text(source: str) -> str:
    """``source`` (one block of reST) without inline markup.

    ``**bold** `link <url>`_`` → ``bold link``; roles keep their text (``:doc:`Title <doc>``` →
    ``Title``).
    """
    return _INLINE.sub(_replacement, source)


def _replacement(match: re.Match[str]) -> str:
    groups = match.groupdict()
    kept = next((value for value in groups.values() if value is not None), "")
    return "" if groups["escaped"] is not None and kept.isspace() else kept


def _plain_block(block: RstBlock) -> str:
    """The readable text of a block; a closing ``::`` shows as ``:`` (or nothing after a space)."""
    source = block.source
    if source.endswith("::"):
        source = source[:-2].rstrip() if source[:-2].endswith((" ", "\t")) else source[:-1]
    return rst_plain_text(source)
