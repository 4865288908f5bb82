"""``import-translation``: turn an existing translated file into a catalog (po4a's gettextize).

Both files are cut into messages the same way; the two sequences are aligned on what translation
does not change — the kind of block (heading, paragraph, table cell …), inline code, link and
image targets — with ``difflib``. Blocks that line up one to one become translations; where the
two files disagree (a block added or dropped, a paragraph split in two), the blocks are paired in
order and marked fuzzy for the translator to review, and what is left over stays untranslated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from otsmaterials.translate.extract import lesson_segments, template_for
from otsmaterials.translate.merge import new_catalog
from otsmaterials.translate.po import PoEntry, PoFile
from otsmaterials.translate.segments import Segment
from otsmaterials.translate.stats import normalize_message

__all__ = ["AlignResult", "align_translation"]

_CODE = re.compile(r"`+[^`]+`+")
_TARGET = re.compile(r"\]\(([^)\s]+)")


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


def _signature(segment: Segment) -> tuple[str, tuple[str, ...], tuple[str, ...], str | None]:
    return (
        segment.kind,
        tuple(_CODE.findall(segment.msgid)),
        tuple(_TARGET.findall(segment.msgid)),
        segment.key,
    )


def align_translation(
    original: str, translated: str, *, path: str, language: str, project: str
) -> AlignResult:
    """Align ``translated`` (a lesson's translation) with ``original`` into a catalog."""
    source = lesson_segments(original)
    target = lesson_segments(translated)
    pairs: dict[int, tuple[str, bool]] = {}
    matcher = SequenceMatcher(
        None, [_signature(s) for s in source], [_signature(s) for s in target], autojunk=False
    )
    for operation, a0, a1, b0, b1 in matcher.get_opcodes():
        if operation == "equal":
            for offset in range(a1 - a0):
                pairs[a0 + offset] = (target[b0 + offset].msgid, False)
        elif operation == "replace":
            for offset in range(min(a1 - a0, b1 - b0)):
                pairs[a0 + offset] = (target[b0 + offset].msgid, True)
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
