"""Search figures on the synthetic corpus (see corpus.py), beside what FTS5 alone costs.

Usage: python benchmarks/search.py INDEX          (an index built from corpus.py's catalogue)
       python benchmarks/search.py --lessons 20000 (makes the corpus and builds it first)

Prints p50/p99 of ``Index.search`` in German, wall clock and the thread's CPU time (on a busy
machine the wall clock's p99 is mostly waiting for a core), for one, two and three words drawn
with the vocabulary's Zipf weights, a word in every lesson, a title's words and numbers, and one
word in every language. The anchor beside each: FTS5 alone, the first 20 rowids matching the
same words in the same rowid range, neither ranked nor with snippets (the query ``search``
sends, taken from it). Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import otsmaterials as om
from corpus import make_corpus, vocabulary
from otsmaterials.index import fulltext
from otsmaterials.index.query import Index


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"{statistics.median(ordered) * 1e3:6.2f} / {p99 * 1e3:6.2f} ms"


def measure(index: Index, queries: list[str], language: str | None) -> tuple[str, str, str]:
    """Wall and CPU p50/p99 of ``search``, and of FTS5 alone on the same MATCH."""
    wall, cpu, floor = [], [], []
    connection = index._snapshot.connection
    assert connection is not None
    rowids = index._snapshot.search_rowids(language) if language else None
    first, last = rowids or (0, 2**63 - 1)
    for text in queries:
        started, thread = time.perf_counter(), time.thread_time()
        index.search(text, language=language)
        cpu.append(time.thread_time() - thread)
        wall.append(time.perf_counter() - started)
        match = fulltext.match_query(index._snapshot, text, language)
        thread = time.thread_time()
        if match is not None:
            connection.execute(
                "SELECT rowid FROM search WHERE search MATCH ? AND rowid BETWEEN ? AND ? LIMIT 20",
                [match, first, last],
            ).fetchall()
        floor.append(time.thread_time() - thread)
    return percentiles(wall), percentiles(cpu), percentiles(floor)


def report(path: Path) -> None:
    opened, kept = [], []
    for _ in range(5):
        started = time.perf_counter()
        kept.append(om.Index.open(path))  # closing reads every lesson: not timed
        opened.append(time.perf_counter() - started)
    for each in kept:
        each.close()
    index = om.Index.open(path)
    lessons = len(index.lessons())
    rng = random.Random(1)
    words, weights = vocabulary("de")
    materials = max(1, lessons // 200)
    cases: list[tuple[str, list[str], str | None]] = [
        (
            f"{size} word{'s' if size > 1 else ''}",
            [" ".join(rng.choices(words, cum_weights=weights, k=size)) for _ in range(300)],
            "de",
        )
        for size in (1, 2, 3)
    ]
    cases += [
        ("a word in every lesson", [words[0]] * 200, "de"),
        (
            "a title's words and numbers",
            [
                f"lesson {rng.randrange(1, 200)} material {rng.randrange(materials)}"
                for _ in range(200)
            ],
            "de",
        ),
        (
            "1 word, every language",
            [rng.choices(words, cum_weights=weights)[0] for _ in range(200)],
            None,
        ),
    ]
    index.search(words[0], language="de")  # the first search reads the lessons' places
    print(
        f"{lessons} lessons, index {path.stat().st_size / 1e6:.0f} MB, load average "
        f"{os.getloadavg()[0]:.1f}; Index.open {statistics.median(opened) * 1e3:.1f} ms "
        "(median of 5)"
    )
    print(f"  {'search (p50 / p99)':30} {'wall':>19} {'CPU':>19} {'FTS5 alone, CPU':>19}")
    for label, queries, language in cases:
        wall, cpu, floor = measure(index, queries, language)
        print(f"  {label:30} {wall:>19} {cpu:>19} {floor:>19}")
    index.close()


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path, nargs="?")
    parser.add_argument("--lessons", type=int, default=20000)
    args = parser.parse_args(argv)
    if args.index is not None:
        report(args.index)
        return 0
    with tempfile.TemporaryDirectory(prefix="otsm-search-bench-") as temp:
        root = Path(temp)
        catalogue = om.load_catalogue(
            make_corpus(root, args.lessons, languages=3, commits=3, per_material=200)
        )
        om.sync(catalogue)
        print(f"build: {timed(lambda: om.build_index(catalogue)):.1f} s")
        report(root / "index.sqlite")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
