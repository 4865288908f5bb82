"""``import-translation``: turn an existing translated file into a catalog (po4a's gettextize).

Both files are cut into messages the same way; the two sequences are aligned, in order, on what
translation does not change — the kind of block (heading, paragraph, table cell …), inline code,
link and image targets, numbers, lengths (:mod:`otsmaterials.translate.blocks`). Pairs the
evidence decides become translations; pairs it leaves open (a neighbour could as well be the
partner, or the inline code differs) are marked fuzzy for the translator to review, and what has
no partner stays untranslated.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from otsmaterials.gettext.catalog import PoEntry, PoFile
from otsmaterials.gettext.merge import new_catalog
from otsmaterials.gettext.stats import normalize_message
from otsmaterials.translate.blocks import align_blocks
from otsmaterials.translate.documents import document_segments
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


def _pairs(source: list[Segment], target: list[Segment]) -> dict[int, tuple[str, bool]]:
    """Source index → (translated text, doubtful), from the evidence-based block alignment."""
    return {
        pair.source: (target[pair.target].msgid, not pair.sure)
        for pair in align_blocks(source, target)
    }


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
