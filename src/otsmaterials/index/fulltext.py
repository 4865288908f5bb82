"""Full-text search over one snapshot of the index (FTS5), without the data models.

:meth:`Index.search <otsmaterials.index.query.Index.search>` gives these hits as models; the
command line's ``search`` table prints them as they are (``index/snapshot.py`` says why).
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from otsmaterials.index.snapshot import Snapshot
from otsmaterials.languages.spellings import query_spellings
from otsmaterials.languages.tags import normalize_language

__all__ = ["EXPANDED", "RANKED", "Found", "search"]

RANKED = 500
"""The most versions a search ranks: past that, its words are in most lessons and BM25 says little
(ranking costs microseconds a version; finding the matches, a fraction of that)."""

EXPANDED = 16
"""A query word of four letters or more is looked up as the words of the index it begins when
they are at most this many (an FTS5 prefix query of them merges the lists of every such word)."""


class Found(NamedTuple):
    """A lesson version matching a search: what ``SearchHit`` holds."""

    lesson: str
    language: str
    title: str
    snippet: str
    rank: float


def _spellings(word: str, language: str | None) -> list[str]:
    """One query word and its customary spellings (``languages/spellings.py``)."""
    tag = normalize_language(language) if language else None
    return list(query_spellings(word, tag))


def _phrases(snapshot: Snapshot, spellings: list[str]) -> list[str]:
    """FTS5 phrases for a query word's spellings.

    Each is a prefix (``"übung"*``), or, from four letters, the indexed words it begins
    (``"ubung" OR "ubungen"``) when there are at most :data:`EXPANDED`. Empty when no
    indexed word begins any of them.
    """
    phrases: dict[str, None] = {}
    for spelling in spellings:
        if len(spelling) < 4 or not spelling.isalnum():  # prefix indexes; several tokens
            phrases[f'"{spelling}"*'] = None
            continue
        terms = snapshot.rows(
            "SELECT term FROM search_words WHERE search_words MATCH ? LIMIT ?",
            [f'"{spelling}"*', EXPANDED + 1],
        )
        if len(terms) > EXPANDED:
            phrases[f'"{spelling}"*'] = None
        else:
            phrases.update((f'"{term}"', None) for (term,) in terms)
    return list(phrases)


def match_query(snapshot: Snapshot, text: str, language: str | None) -> str | None:
    """The FTS5 query of ``text``'s words, all required.

    ``None`` when nothing can match: no word, or a word no indexed text holds or begins.
    """
    words = re.findall(r"\w+", text)
    groups: dict[str, None] = {}  # a word said twice is looked up (and counted) once
    for word in dict.fromkeys(word.lower() for word in words):
        phrases = _phrases(snapshot, _spellings(word, language))
        if not phrases:
            return None
        groups[phrases[0] if len(phrases) == 1 else f"({' OR '.join(phrases)})"] = None
    # AND spelled out: FTS5 takes an implicit AND between phrases, not before a group
    return " AND ".join(groups) if groups else None


def search(
    snapshot: Snapshot,
    text: str,
    *,
    language: str | None = None,
    limit: int = 20,
    status: str | None = None,
) -> list[Found]:
    """The best ``limit`` versions matching ``text`` by BM25 (see ``Index.search``)."""
    query = match_query(snapshot, text, language)
    if query is None:
        return []
    tag = normalize_language(language) if language else None
    first, last = 0, 2**63 - 1
    if tag is not None:
        rowids = snapshot.search_rowids(tag)
        if rowids is None:
            return []
        first, last = rowids
    wanted = max(1, limit)
    among: str | None = None  # the materials at ``status`` as a JSON list; None: all
    if status is not None:
        chosen_materials = sorted(snapshot.materials_at(status))
        if not chosen_materials:
            return []
        among = json.dumps(chosen_materials)
    # The most recently indexed matches (FTS5 reads the lists backwards from ``last``),
    # then BM25 over the title, the text and the customary spellings of those only.
    ranked = snapshot.rows(
        "SELECT rowid, score FROM ("
        "SELECT rowid, bm25(search, 0, 0, 1, 1, 1) AS score FROM search "
        "WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
        "AND (? IS NULL OR substr(lesson, 1, instr(lesson, '/') - 1) "
        "IN (SELECT value FROM json_each(?))) "
        "ORDER BY rowid DESC LIMIT ?) ORDER BY score LIMIT ?",
        [query, first, last, among, among, max(RANKED, wanted), wanted + 8],
    )
    if not ranked:
        return []
    ranks = dict(ranked)
    shown = snapshot.rows(
        "SELECT rowid, lesson, language, title FROM search "
        "WHERE rowid IN (SELECT value FROM json_each(?))",
        [json.dumps(list(ranks))],
    )
    known = snapshot.known([row[1] for row in shown])
    kept = sorted(
        (row for row in shown if row[1] in known and (tag is None or row[2] == tag)),
        key=lambda row: ranks[row[0]],
    )[:limit]
    if not kept:
        return []
    kept_rows = [row[0] for row in kept]
    # One pass over the rows between the hits: a query per row would read the words'
    # lists again each time; the snippet is made for the hits only.
    snippets = dict(
        snapshot.rows(
            "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?)) "
            "THEN snippet(search, 3, '[', ']', '…', 12) END "
            "FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ?",
            [json.dumps(kept_rows), query, min(kept_rows), max(kept_rows)],
        )
    )
    return [
        Found(lesson, found, title, snippets.get(row) or "", ranks[row])
        for row, lesson, found, title in kept
    ]
