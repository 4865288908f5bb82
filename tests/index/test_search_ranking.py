"""How search ranks: by BM25 over the words held by fewer than half of the versions searched.

A word in at least half of them (``python`` in a Python course) narrows the matches but does not
rank them; matches that rank the same come newest first, and a query of such words only gives
the newest matches. The counts behind this follow every rebuild.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.index.store import SCHEMA_VERSION

from clirun import Run
from demo_fixture import Corpus, Demo, lesson_md, read_only
from gitrepos import git_environment

FILLER = "This part of the course shows how a small program is written and run."
GERMAN = (
    "In dieser Übung schreibst du ein kleines Programm mit Python. Die Schleife läuft, bis "
    "die Liste leer ist, und dann gibt die Funktion einen Wert zurück."
)


def english(*extra: str) -> str:
    """Python in every English version, the same length everywhere, ``extra`` words in it."""
    words = [*extra, *["filler"] * (8 - len(extra))]
    return f"Python {' '.join(words)}. {FILLER} {FILLER}"


def course(words: dict[int, tuple[str, ...]], count: int = 6) -> dict[str, str]:
    """``count`` lessons in English and German (language folders), with extra English words."""
    files = {"_config.yml": "title: Course\n"}
    for n in range(1, count + 1):
        files[f"en/{n:02d}-part.md"] = lesson_md(f"Part {n}", n, english(*words.get(n, ())))
        files[f"de/{n:02d}-part.md"] = lesson_md(f"Teil {n}", n, f"{GERMAN} Teil {n}.")
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    with git_environment(tmp_path_factory.mktemp("home")):
        corpus = Corpus(tmp_path_factory.mktemp("ranking"))
        corpus.add(
            "older",
            course(
                {
                    1: ("decorator",),
                    2: ("decorator", "decorator", "decorator"),
                    3: ("widget",),
                    4: ("widget",),
                    5: ("widget",),
                    6: ("programs", "widget"),
                }
            ),
            status="outdated",
        )
        corpus.add(
            "newer",
            course(
                {
                    1: ("widget",),
                    2: ("widget",),
                    3: ("decorator", "decorator"),
                    4: ("generator",),
                    5: ("generator",),
                    6: ("widget",),
                }
            ),
            status="current",
        )
        corpus.write_catalogue()
        assert corpus.build().ok
        yield corpus


@pytest.fixture(scope="module")
def index(corpus: Corpus) -> Iterator[om.Index]:
    with om.Index.open(corpus.index_path) as opened:
        yield opened


def lessons(hits: list[om.SearchHit]) -> list[str]:
    return [hit.lesson for hit in hits]


NEWEST_FIRST = [f"newer/{n:02d}-part" for n in range(6, 0, -1)] + [
    f"older/{n:02d}-part" for n in range(6, 0, -1)
]
"""The English versions, most recently indexed first."""


def test_the_rare_word_ranks_a_query_that_mixes_it_with_a_common_one(index: om.Index) -> None:
    hits = index.search("python decorator", language="en")
    assert lessons(hits) == ["older/02-part", "newer/03-part", "older/01-part"]
    assert hits[0].rank < hits[1].rank < hits[2].rank < 0
    # Python is in every English version: it narrows the matches, the ranks are decorator's.
    alone = index.search("decorator", language="en")
    assert [(h.lesson, h.rank) for h in alone] == [(h.lesson, h.rank) for h in hits]
    assert [(h.lesson, h.rank) for h in index.search("decorator python", language="en")] == [
        (h.lesson, h.rank) for h in hits
    ]


def test_equal_ranks_come_newest_first(index: om.Index) -> None:
    hits = index.search("python generator", language="en")
    assert lessons(hits) == ["newer/05-part", "newer/04-part"]
    assert hits[0].rank == hits[1].rank < 0


def test_a_query_of_common_words_gives_the_newest_matches(index: om.Index) -> None:
    for query in ("python", "python filler", "PYTHON course"):
        hits = index.search(query, language="en", limit=4)
        assert lessons(hits) == NEWEST_FIRST[:4]
        assert {hit.rank for hit in hits} == {0.0}
    assert lessons(index.search("python", language="en", limit=50)) == NEWEST_FIRST
    german = index.search("schleife liste", language="de", limit=3)
    assert lessons(german) == ["newer/06-part", "newer/05-part", "newer/04-part"]
    assert {hit.language for hit in german} == {"de"}


def test_a_word_is_common_among_the_versions_searched(index: om.Index) -> None:
    """``widget`` is in 7 of the 12 English versions, 7 of all 24: common in English only."""
    english = index.search("widget", language="en", limit=50)
    assert lessons(english) == [
        "newer/06-part",
        "newer/02-part",
        "newer/01-part",
        "older/06-part",
        "older/05-part",
        "older/04-part",
        "older/03-part",
    ]
    assert {hit.rank for hit in english} == {0.0}
    everywhere = index.search("widget", limit=50)
    assert {hit.lesson for hit in everywhere} == {hit.lesson for hit in english}
    assert all(hit.rank < 0 for hit in everywhere)
    assert {hit.rank for hit in index.search("python", limit=50)} == {0.0}  # every version
    everywhere = index.search("decorator python")
    assert lessons(everywhere) == ["older/02-part", "newer/03-part", "older/01-part"]
    assert all(hit.rank < 0 for hit in everywhere)


def test_a_word_beginning_common_and_rare_words_is_ranked_by_the_rare_ones(
    index: om.Index,
) -> None:
    """``progr`` stands for ``program`` (in every English version) and ``programs`` (in one):
    the version with ``programs`` is ranked, the others follow newest first."""
    hits = index.search("progr", language="en", limit=4)
    assert lessons(hits) == ["older/06-part", *NEWEST_FIRST[:3]]
    assert hits[0].rank < 0
    assert {hit.rank for hit in hits[1:]} == {0.0}
    assert "[programs]" in hits[0].snippet


def test_snippets_mark_every_query_word(index: om.Index) -> None:
    hits = index.search("decorator python", language="en")
    assert all("[Python]" in hit.snippet and "[decorator]" in hit.snippet for hit in hits)
    hit = index.search("filler python", language="en", limit=1)[0]
    assert "[Python] widget [filler]" in hit.snippet


def test_spellings_status_and_language_still_filter(index: om.Index) -> None:
    umlaut = index.search("übung teil", language="de", limit=50)
    assert len(umlaut) == 12
    assert lessons(index.search("uebung teil", language="de", limit=50)) == lessons(umlaut)
    assert lessons(index.search("laeuft python", language="de", limit=2)) == [
        "newer/06-part",
        "newer/05-part",
    ]
    assert index.search("uebung decorator", language="de") == []
    assert lessons(index.search("python decorator", language="en", status="outdated")) == [
        "older/02-part",
        "older/01-part",
    ]
    assert (
        lessons(index.search("python", language="en", status="current", limit=50))
        == (NEWEST_FIRST[:6])
    )
    assert index.search("python", language="fr") == []


def test_cli_search_ranks_the_same(corpus: Corpus, run: Run) -> None:
    code, out, _ = run(
        "search", "python decorator", "-l", "en", "-c", corpus.catalogue_path, "--json"
    )
    assert code == 0
    assert "older/02-part" in out
    assert out.index("older/02-part") < out.index("newer/03-part") < out.index("older/01-part")


def test_the_counts_follow_rebuilds(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "rebuilds")
    corpus.add("plain", course({}, count=2))
    corpus.add("gizmos", course({1: ("gizmo",)}, count=2))
    corpus.write_catalogue()
    assert corpus.build().ok
    with om.Index.open(corpus.index_path) as index:  # in 1 of 4 English versions: ranked
        assert [h.rank < 0 for h in index.search("gizmo", language="en")] == [True]
    corpus.repos["gizmos"].write(course({1: ("gizmo",), 2: ("gizmo",)}, count=2))
    corpus.repos["gizmos"].commit("more gizmos")
    assert corpus.build().ok
    with om.Index.open(corpus.index_path) as index:  # in 2 of 4: common
        hits = index.search("gizmo", language="en")
        assert lessons(hits) == ["gizmos/02-part", "gizmos/01-part"]
        assert {hit.rank for hit in hits} == {0.0}
    corpus.repos["gizmos"].write(course({2: ("gizmo",)}, count=2))
    corpus.repos["gizmos"].commit("fewer gizmos")
    assert corpus.build().ok
    with om.Index.open(corpus.index_path) as index:  # 1 of 4 again
        assert [h.rank < 0 for h in index.search("gizmo", language="en")] == [True]
    corpus.write_catalogue(only=["gizmos"])
    assert corpus.build().ok
    with om.Index.open(corpus.index_path) as index:  # 1 of 2 once "plain" is gone
        assert {hit.rank for hit in index.search("gizmo", language="en")} == {0.0}
        assert len(index.search("python", language="en", limit=50)) == 2


def test_a_schema_4_index_is_read_again_with_its_counts(demo_copy: Demo) -> None:
    """Schema 4 had no counts of versions per word: the next build reads every material."""
    index_path = demo_copy.index
    with om.Index.open(index_path) as index:
        before = [(h.lesson, h.language, h.rank) for h in index.search("schleife")]
    assert before
    with closing(sqlite3.connect(index_path)) as old, old:
        old.execute("DROP TABLE search_counts")
        old.execute("DROP TABLE search_languages")
        old.execute(
            "CREATE TABLE search_languages (tag TEXT PRIMARY KEY, slot INTEGER NOT NULL UNIQUE)"
        )
        old.execute("PRAGMA user_version = 4")
    with pytest.raises(om.StorageError, match="older version"):
        om.Index.open(index_path)
    report = om.build_index(om.load_catalogue(demo_copy.catalogue))
    assert {m.status for m in report.materials} == {"indexed"}
    with om.Index.open(index_path) as index:
        assert [(h.lesson, h.language, h.rank) for h in index.search("schleife")] == before
    with closing(read_only(index_path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
