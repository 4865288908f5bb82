"""``import-translation``: turn an existing translated file into a catalog (po4a's gettextize).

Both files are cut into messages the same way; the two sequences are aligned on what translation
does not change — the kind of block (heading, paragraph, table cell …), inline code, link and
image targets — with ``difflib``. Blocks that line up one to one become translations; where the
two files disagree (a block added or dropped, a paragraph split in two), the blocks are paired in
order and marked fuzzy for the translator to review, and what is left over stays untranslated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from otsmaterials.gettext.catalog import PoEntry, PoFile
from otsmaterials.gettext.merge import new_catalog
from otsmaterials.gettext.stats import normalize_message
from otsmaterials.translate.documents import document_segments
from otsmaterials.translate.markup import Syntax, code_spans, link_targets
from otsmaterials.translate.segments import Segment
from otsmaterials.translate.templates import template_for

__all__ = ["AlignResult", "align_translation"]


@dataclass(frozen=True)
class AlignResult:
    """The catalog made from an existing translation, and how sure the alignment is."""

    catalog: PoFile
    """The catalog (original msgids, translated msgstrs)."""
    aligned: int
    """Messages paired one to one."""
    doubtful: int
    """Messages paired where the files disagree (marked fuzzy)."""
    missing: int
    """Original messages without a counterpart (left untranslated)."""


_Signature = tuple[str, tuple[str, ...], tuple[str, ...], str | None]


def _signature(segment: Segment) -> _Signature:
    """What translation keeps of a block.

    Its kind, inline code, link targets and, for HTML, the element around it (``segment.key``).
    """
    syntax: Syntax = "html" if segment.kind in {"html", "attribute"} else "markdown"
    return (
        segment.kind,
        tuple(code_spans(segment.msgid, syntax)),
        tuple(link_targets(segment.msgid, syntax)),
        segment.key,
    )


def _pairs(source: list[Segment], target: list[Segment]) -> dict[int, tuple[str, bool]]:
    """Source index → (translated text, doubtful), from aligning the two signature sequences.

    Where one file has a block the other lacks, the neighbouring blocks of the same kind may be
    paired one off: they are doubtful too (marked fuzzy).
    """
    signatures = ([_signature(s) for s in source], [_signature(s) for s in target])
    opcodes = SequenceMatcher(None, *signatures, autojunk=False).get_opcodes()
    pairs: dict[int, tuple[str, bool]] = {}
    for position, (operation, a0, a1, b0, b1) in enumerate(opcodes):
        if operation == "equal":
            unsure = _near_a_gap(opcodes, position, signatures)
            for offset in range(a1 - a0):
                pairs[a0 + offset] = (target[b0 + offset].msgid, a0 + offset in unsure)
        elif operation == "replace":
            for offset in range(min(a1 - a0, b1 - b0)):
                pairs[a0 + offset] = (target[b0 + offset].msgid, True)
    return pairs


def _near_a_gap(
    opcodes: Sequence[tuple[str, int, int, int, int]],
    position: int,
    signatures: tuple[Sequence[_Signature], Sequence[_Signature]],
) -> set[int]:
    """Source indexes of an equal run that sit next to an inserted or deleted block like them."""
    _operation, a0, a1, _b0, _b1 = opcodes[position]
    unsure: set[int] = set()
    for neighbour, walk in (
        (position - 1, range(a0, a1)),
        (position + 1, range(a1 - 1, a0 - 1, -1)),
    ):
        if not 0 <= neighbour < len(opcodes):
            continue
        operation, n_a0, n_a1, n_b0, n_b1 = opcodes[neighbour]
        if operation == "delete":
            gap = set(signatures[0][n_a0:n_a1])
        elif operation == "insert":
            gap = set(signatures[1][n_b0:n_b1])
        else:
            continue
        for index in walk:
            if signatures[0][index] not in gap:
                break
            unsure.add(index)
    return unsure


def align_translation(
    original: str, translated: str, *, path: str, language: str, project: str
) -> AlignResult:
    """Align ``translated`` (a lesson's translation) with ``original`` into a catalog."""
    source = document_segments(original, path)
    target = document_segments(translated, path)
    pairs = _pairs(source, target)
    template = template_for(source, path=path, project=project)
    catalog = new_catalog(template, language)
    by_msgid: dict[str, PoEntry] = {normalize_message(e.msgid): e for e in catalog.entries}
    aligned = doubtful = 0
    for index, segment in enumerate(source):
        entry = by_msgid.get(normalize_message(segment.msgid))
        found = pairs.get(index)
        if entry is None or found is None or entry.msgstr:
            continue
        text, unsure = found
        if normalize_message(text) == normalize_message(segment.msgid) and not unsure:
            continue  # the same text in both files: not translated there
        updated = replace(
            entry, msgstr=text, flags=[*entry.flags, "fuzzy"] if unsure else entry.flags
        )
        catalog.entries[catalog.entries.index(entry)] = updated
        by_msgid[normalize_message(segment.msgid)] = updated
        doubtful += unsure
        aligned += not unsure
    missing = sum(1 for e in catalog.entries if not e.msgstr)
    return AlignResult(catalog, aligned, doubtful, missing)
