"""Full-text search over one snapshot of the index (FTS5), without the data models.

:meth:`Index.search <otsmaterials.index.query.Index.search>` gives these hits as models; the
command line's ``search`` table prints them as they are (``index/snapshot.py`` says why).
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from dataclasses import dataclass
from typing import NamedTuple

from otsmaterials.index.snapshot import Snapshot
from otsmaterials.languages.spellings import query_spellings
from otsmaterials.languages.tags import normalize_language

__all__ = ["EXPANDED", "RANKED", "Found", "match_query", "search"]

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


_Ranked = tuple[int, float]
"""A search table rowid and its rank (lower is better)."""


@dataclass(frozen=True)
class _Range:
    """Where a search looks: a range of the search table's rowids, and which materials."""

    first: int
    last: int
    among: str | None
    """The ids of the materials searched as a JSON list; ``None``: every material."""


@dataclass(frozen=True)
class _Phrase:
    """One FTS5 phrase of a query word."""

    text: str
    """The phrase: an indexed word (``"ubung"``) or a prefix (``"ub"*``)."""
    term: int | None
    """The id of the indexed word the phrase is, or the prefix spells (``search_terms``)."""
    word: bool
    """Whether the phrase is that word (else a prefix, which may match where the word is not)."""


@dataclass(frozen=True)
class _Query:
    """A search's phrases, a group per word, and those common among the versions searched.

    A phrase held by at least half of the versions searched (in the language asked for, or in
    all) is common: FTS5's BM25 gives a phrase in at least half of the rows it counts an IDF of
    zero (made ``1e-6``), so it narrows the matches but says nothing of which is better. A
    prefix is common when the word it spells is.
    """

    groups: list[list[_Phrase]]
    common: frozenset[str]


def _expression(groups: list[list[_Phrase]]) -> str:
    """The FTS5 query that requires a phrase of every group."""
    # AND spelled out: FTS5 takes an implicit AND between phrases, not before a group
    return " AND ".join(
        group[0].text if len(group) == 1 else f"({' OR '.join(p.text for p in group)})"
        for group in groups
    )


APART = 100
"""Hits with more matches than this between them are read by separate passes of one statement
(starting a pass costs about as much as stepping through that many matches)."""

PASSES = 32
"""The most passes of that statement (SQLite allows 500 parts in a ``UNION ALL``)."""


def _runs(rows: list[int], matches: list[int]) -> list[list[int]]:
    """``rows`` (ascending) cut where more than :data:`APART` of ``matches`` lie between two.

    At most :data:`PASSES` runs: the widest gaps are cut.
    """
    gaps = [
        (bisect.bisect_left(matches, row) - bisect.bisect_right(matches, before), n)
        for n, (before, row) in enumerate(itertools.pairwise(rows), 1)
    ]
    cuts = sorted(n for gap, n in sorted(gaps, reverse=True)[: PASSES - 1] if gap > APART)
    return [rows[a:b] for a, b in itertools.pairwise([0, *cuts, len(rows)])]


def _weighed(groups: list[list[_Phrase]], common: frozenset[str]) -> str:
    """The FTS5 query BM25 ranks by: the phrases not in ``common`` (empty when none is).

    A word none of whose phrases is common is required; the rare phrases of a word that has
    common ones are alternatives, so that every candidate holding one of them is ranked.
    """
    required = [group for group in groups if not any(p.text in common for p in group)]
    optional = [p.text for group in groups for p in group if group not in required]
    alternatives = [p for p in optional if p not in common]
    if not required:
        return " OR ".join(alternatives)
    if not alternatives:
        return _expression(required)
    return " OR ".join([f"({_expression(required)})", *alternatives])


def _phrases(snapshot: Snapshot, spellings: list[str]) -> list[_Phrase]:
    """FTS5 phrases for a query word's spellings.

    Each is a prefix (``"übung"*``), or, from four letters, the indexed words it begins
    (``"ubung" OR "ubungen"``) when there are at most :data:`EXPANDED`. Empty when no
    indexed word begins any of them.
    """
    phrases: dict[str, _Phrase] = {}
    for spelling in spellings:
        if len(spelling) < 4 or not spelling.isalnum():  # prefix indexes; several tokens
            phrases.setdefault(f'"{spelling}"*', _prefix(snapshot, spelling))
            continue
        terms = snapshot.rows(
            "SELECT rowid, term FROM search_words WHERE search_words MATCH ? LIMIT ?",
            [f'"{spelling}"*', EXPANDED + 1],
        )
        if len(terms) > EXPANDED:
            phrases.setdefault(f'"{spelling}"*', _prefix(snapshot, spelling))
        else:
            for ident, term in terms:
                phrases.setdefault(f'"{term}"', _Phrase(f'"{term}"', int(ident), word=True))
    return list(phrases.values())


def _prefix(snapshot: Snapshot, spelling: str) -> _Phrase:
    """The prefix phrase of ``spelling``, with the indexed word it is (when it is one)."""
    found = []
    if spelling.isalnum():  # one token: a word of the index, or none
        found = snapshot.rows(
            "SELECT rowid FROM search_words WHERE search_words MATCH ? LIMIT 1",
            [f'"{spelling}"'],
        )
    return _Phrase(f'"{spelling}"*', int(found[0][0]) if found else None, word=False)


def _query(snapshot: Snapshot, text: str, language: str | None) -> _Query | None:
    """The phrases of ``text``'s words among the versions searched (in ``language``, or all).

    A match must hold a phrase of every word. An indexed word that no version searched holds
    (a word of another language, or of versions removed since) is left out, and so is a word
    said twice. ``None`` when nothing can match: no word, or a word that no version searched
    holds or begins.
    """
    tag = normalize_language(language) if language else None
    scope = snapshot.search_scope(tag)
    if scope is None or not scope.versions:
        return None
    words: list[list[_Phrase]] = []
    for word in dict.fromkeys(word.lower() for word in re.findall(r"\w+", text)):
        phrases = _phrases(snapshot, _spellings(word, language))
        if not phrases:
            return None
        words.append(phrases)
    terms = {phrase.term for phrases in words for phrase in phrases if phrase.term is not None}
    counts: dict[int, int] = {}
    if terms:
        counts = {
            int(term): int(versions)
            for term, versions in snapshot.rows(
                "SELECT term, sum(versions) FROM search_counts "
                "WHERE term IN (SELECT value FROM json_each(?)) AND (? IS NULL OR slot = ?) "
                "GROUP BY term",
                [json.dumps(sorted(terms)), scope.slot, scope.slot],
            )
        }
    groups: dict[str, list[_Phrase]] = {}
    for phrases in words:
        held = [p for p in phrases if not p.word or counts.get(p.term or 0, 0) > 0]
        if not held:
            return None
        groups.setdefault(_expression([held]), held)
    if not groups:
        return None
    return _Query(
        list(groups.values()),
        frozenset(
            phrase.text
            for phrases in groups.values()
            for phrase in phrases
            if phrase.term is not None and 2 * counts.get(phrase.term, 0) >= scope.versions
        ),
    )


def match_query(snapshot: Snapshot, text: str, language: str | None) -> str | None:
    """The FTS5 query of ``text``'s words, all required (``None``: nothing can match)."""
    found = _query(snapshot, text, language)
    return _expression(found.groups) if found else None


def search(
    snapshot: Snapshot,
    text: str,
    *,
    language: str | None = None,
    limit: int = 20,
    status: str | None = None,
) -> list[Found]:
    """The hits of :meth:`Index.search <otsmaterials.index.query.Index.search>` (see there)."""
    found = _query(snapshot, text, language)
    if found is None:
        return []
    query = _expression(found.groups)
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
    scope = _Range(first, last, among)
    if not found.common:
        ranked = _ranked(snapshot, query, scope, max(RANKED, wanted), wanted + 8)
        return _hits(snapshot, query, ranked, tag=tag, limit=limit)
    weighed = _weighed(found.groups, found.common)
    candidates = _newest(snapshot, query, scope, max(RANKED, wanted) if weighed else wanted + 8)
    ranked = _rank_by(snapshot, weighed, candidates)
    return _hits(snapshot, query, ranked, tag=tag, limit=limit, matches=candidates)


def _ranked(
    snapshot: Snapshot, query: str, scope: _Range, count: int, wanted: int
) -> list[_Ranked]:
    """The best ``wanted`` of the ``count`` newest matches of ``query`` by BM25, ties newest.

    One statement: FTS5 reads the lists backwards from the range's end, and ``bm25()``
    ranks by every phrase of the query.
    """
    return snapshot.rows(
        "SELECT rowid, score FROM ("
        "SELECT rowid, bm25(search, 0, 0, 1, 1, 1) AS score FROM search "
        "WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
        "AND (? IS NULL OR substr(lesson, 1, instr(lesson, '/') - 1) "
        "IN (SELECT value FROM json_each(?))) "
        "ORDER BY rowid DESC LIMIT ?) ORDER BY score, rowid DESC LIMIT ?",
        [query, scope.first, scope.last, scope.among, scope.among, count, wanted],
    )


def _newest(snapshot: Snapshot, query: str, scope: _Range, count: int) -> list[int]:
    """The rowids of the ``count`` newest matches of ``query``, newest first (unranked)."""
    return [
        rowid
        for (rowid,) in snapshot.rows(
            "SELECT rowid FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
            "AND (? IS NULL OR substr(lesson, 1, instr(lesson, '/') - 1) "
            "IN (SELECT value FROM json_each(?))) ORDER BY rowid DESC LIMIT ?",
            [query, scope.first, scope.last, scope.among, scope.among, count],
        )
    ]


def _rank_by(snapshot: Snapshot, weighed: str, candidates: list[int]) -> list[_Ranked]:
    """``candidates`` (newest first) by BM25 over the phrases of ``weighed``, ties newest first.

    With no phrase to weigh, the candidates as they are, ranked 0. FTS5 counts the rows of
    each phrase it ranks by in the whole table (a word in every lesson: a millisecond at
    20,000 lessons), so the candidates come from a statement without ``bm25()``.
    """
    if not weighed or not candidates:
        return [(row, 0.0) for row in candidates]
    ranked = snapshot.rows(
        "SELECT rowid, bm25(search, 0, 0, 1, 1, 1) AS score FROM search "
        "WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
        "AND +rowid IN (SELECT value FROM json_each(?)) ORDER BY score, rowid DESC",
        [weighed, candidates[-1], candidates[0], json.dumps(candidates)],
    )
    if len(ranked) < len(candidates):  # those holding common phrases of a word only
        scored = {row for row, _ in ranked}
        ranked += [(row, 0.0) for row in candidates if row not in scored]
    return ranked


def _hits(
    snapshot: Snapshot,
    query: str,
    ranked: list[_Ranked],
    *,
    tag: str | None,
    limit: int,
    matches: list[int] | None = None,
) -> list[Found]:
    """The first ``limit`` of ``ranked`` that are the snapshot's lessons, with snippets.

    The snapshot's lessons are the ``lessons`` rows of its read transaction. The hits are read,
    their titles and snippets made, in one statement: one pass over the rows between them (a
    statement per hit would read the words' lists again each time), or, given ``matches`` (every
    match between the first and the last of ``ranked``), a pass over each run of hits near one
    another among them (not stepping through every match between two runs).
    """
    ordered = sorted(matches or ())
    hits: list[Found] = []
    start = 0
    while len(hits) < limit and start < len(ranked):
        batch = dict(ranked[start : start + limit - len(hits)])
        start += len(batch)
        runs = _runs(sorted(batch), ordered) if ordered else [sorted(batch)]
        found = {
            row[0]: row
            for row in snapshot.rows(
                " UNION ALL ".join(
                    "SELECT rowid, lesson, language, title, "
                    "snippet(search, 3, '[', ']', '…', 12) FROM search "
                    "WHERE search MATCH ? AND rowid BETWEEN ? AND ? "
                    "AND +rowid IN (SELECT value FROM json_each(?)) "
                    "AND EXISTS (SELECT 1 FROM lessons WHERE lessons.id = search.lesson)"
                    for _ in runs
                ),
                [value for run in runs for value in (query, run[0], run[-1], json.dumps(run))],
            )
        }
        hits += [
            Found(lesson, language, title, snippet or "", rank)
            for row, rank in batch.items()
            if row in found
            for _, lesson, language, title, snippet in [found[row]]
            if tag is None or language == tag
        ]
    return hits
