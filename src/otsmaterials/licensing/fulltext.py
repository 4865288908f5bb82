"""Full legal texts recognised by comparing them with the texts of the SPDX License List.

Both texts are normalised as the SPDX License List Matching Guidelines say: case ignored,
whitespace and punctuation ignored (hyphens, dashes and quotes included), bullets and numbering
ignored, copyright notices ignored, equivalent words treated as one ("licence" = "license" …),
``http``/``https`` ignored. Replaceable text (the copyright holder's name in "Neither the name of
… nor the names of its contributors") and optional text (a title, an appendix) are what a
*similarity threshold* absorbs: the texts' words are aligned (:class:`difflib.SequenceMatcher`)
and the Dice coefficient of the aligned words,

    similarity = 2 × matched words / (words of the SPDX text + words of the matched stretch),

must reach :data:`THRESHOLD`. The best match wins (a BSD-3-Clause text also holds most of
BSD-2-Clause); after it, the rest of the file is searched again, so a file holding two licences
(a Creative Commons summary for the lessons and the MIT text for the code) yields both.

The texts ship with the package (``licensing/texts/``, see its ``SOURCE.md`` for the SPDX
License List version). GNU licences are matched as ``-only``; the notice that comes with them
decides ``-or-later`` (:mod:`otsmaterials.licensing.names`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from importlib.resources import files

__all__ = ["THRESHOLD", "TextMatch", "match_legal_texts", "normalised_words"]

THRESHOLD = 0.95
"""The least similarity (0–1) at which a text is taken for an SPDX licence's text."""

_MAX_WORDS = 40_000
_PREFILTER = 0.75  # the share of an SPDX text's distinct words a candidate must hold
_MIN_BLOCK = 3
_WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]|[^\W_]+")
_COPYRIGHT_LINE = re.compile(
    r"^\W*(?:copyright\b\s*(?:\(c\)|©|[:\d<\[]|by\b)|©|\(c\)\s|all\s+rights\s+reserved\W*$)",
    re.IGNORECASE,
)
_EQUIVALENT = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "licencing": "licensing",
    "licensor": "licensor",
    "acknowledgement": "acknowledgment",
    "acknowledgements": "acknowledgments",
    "analogue": "analog",
    "analyse": "analyze",
    "artefact": "artifact",
    "authorisation": "authorization",
    "authorised": "authorized",
    "catalogue": "catalog",
    "centre": "center",
    "favour": "favor",
    "fulfil": "fulfill",
    "fulfilment": "fulfillment",
    "judgement": "judgment",
    "labour": "labor",
    "labelling": "labeling",
    "modelled": "modeled",
    "offence": "offense",
    "organisation": "organization",
    "organise": "organize",
    "programme": "program",
    "practise": "practice",
    "realise": "realize",
    "recognise": "recognize",
    "utilisation": "utilization",
    "whilst": "while",
    "wilful": "willful",
    "owner": "holder",
    "owners": "holders",
    "noncommercial": "noncommercial",
}
_DROPPED = frozenset({"http", "https", "www", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi"})


@dataclass(frozen=True)
class TextMatch:
    """A licence text found in a file."""

    spdx: str
    """The SPDX id of the text (GNU texts as ``-only``)."""
    similarity: float
    """How similar the file's stretch is to the SPDX text (0–1)."""
    line: int
    """The 1-based line where the matched stretch starts."""
    end_line: int
    """The line where it ends."""


def normalised_words(text: str) -> tuple[list[str], list[int]]:
    """The words of ``text`` as the matching guidelines compare them, and each word's line."""
    words: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _COPYRIGHT_LINE.match(line):
            continue
        for word in _WORDS.findall(line.casefold()):
            if word.isdigit() or (len(word) == 1 and word.isascii()) or word in _DROPPED:
                continue
            words.append(_EQUIVALENT.get(word, word))
            lines.append(number)
    return words, lines


@cache
def _references() -> tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]:
    """The shipped SPDX texts, normalised (read once per process; the data never changes)."""
    folder = files("otsmaterials.licensing") / "texts"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".txt"):
            words, _ = normalised_words(_without_title(entry.read_text(encoding="utf-8")))
            found.append((entry.name.removesuffix(".txt"), tuple(words), frozenset(words)))
    return tuple(found)


def _without_title(text: str) -> str:
    """The text without its leading title, version and copyright lines (optional text)."""
    paragraphs = text.split("\n\n")
    while len(paragraphs) > 1 and len(paragraphs[0].split()) < 12:
        paragraphs.pop(0)
    return "\n\n".join(paragraphs)


def _similarity(reference: tuple[str, ...], words: list[str]) -> tuple[float, int, int]:
    """Dice similarity of ``reference`` with the stretch of ``words`` it aligns with."""
    matcher = SequenceMatcher(None, reference, words, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= _MIN_BLOCK]
    if not blocks:
        return 0.0, 0, 0
    matched = sum(b.size for b in blocks)
    start, end = blocks[0].b, blocks[-1].b + blocks[-1].size
    return 2 * matched / (len(reference) + (end - start)), start, end


def _best(words: list[str]) -> tuple[str, float, int, int] | None:
    present = set(words)
    best: tuple[str, float, int, int] | None = None
    for spdx, reference, distinct in _references():
        if len(distinct & present) < _PREFILTER * len(distinct):
            continue
        score, start, end = _similarity(reference, words)
        if score >= THRESHOLD and (best is None or score > best[1]):
            best = (spdx, score, start, end)
    return best


def _title_above(lines: list[str], line: int) -> int:
    """Where a text matched from ``line`` starts: with its title, version, copyright lines."""
    top = line
    index = line - 2  # the line above, 0-based
    while index >= 0:
        while index >= 0 and not lines[index].strip():
            index -= 1
        start = index
        while start > 0 and lines[start - 1].strip():
            start -= 1
        if index < 0 or len(" ".join(lines[start : index + 1]).split()) >= 12 or line - start > 8:
            break
        top, index = start + 1, start - 1
    return top


def match_legal_texts(text: str, *, limit: int = 3) -> list[TextMatch]:
    """The SPDX licence texts ``text`` holds (at most ``limit``), in the order they appear."""
    words, lines = normalised_words(text)
    words, lines = words[:_MAX_WORDS], lines[:_MAX_WORDS]
    text_lines = text.splitlines()
    found: list[TextMatch] = []
    pieces = [(0, len(words))]
    while pieces and len(found) < limit:
        first, last = pieces.pop()
        best = _best(words[first:last])
        if best is None:
            continue
        spdx, score, start, end = best
        start, end = start + first, end + first
        first_line = _title_above(text_lines, lines[start])
        found.append(TextMatch(spdx, round(score, 3), first_line, lines[end - 1]))
        pieces.extend(p for p in ((first, start), (end, last)) if p[1] - p[0] >= 30)
    if any(match.spdx.startswith("LGPL-3.0") for match in found):
        found = [match for match in found if not match.spdx.startswith("GPL-3.0")]  # its base
    return sorted(found, key=lambda match: match.line)
