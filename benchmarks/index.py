"""Index figures on a synthetic corpus (see corpus.py): builds, opening, queries, search.

Usage: python benchmarks/index.py [LESSONS ...]   (default: 1000 20000)

Prints, per corpus size: full build, no-op rebuild, rebuild after one changed file, index open,
query p50/p99 (lessons by topic and language; one lesson; best version), search p50/p99.
Figures only; nothing is asserted.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import otsmaterials as om
from corpus import make_corpus

WORKERS = min(os.cpu_count() or 1, 8)
"""Parsing processes, as the command line uses."""


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {p50 * 1e6:8.1f} µs   p99 {p99 * 1e6:8.1f} µs"


def change_one_file(root: Path) -> None:
    """A new commit in the first material's repository changing one lesson."""
    repo = root / "repos" / "material-0000.git"
    work = root / "work"
    subprocess.run(["git", "clone", "-q", str(repo), str(work)], check=True)
    lesson = work / "en" / "lesson-0001.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    for command in (
        ["add", "-A"],
        ["-c", "user.name=B", "-c", "user.email=b@example.org", "commit", "-qm", "one change"],
        ["push", "-q"],
    ):
        subprocess.run(["git", *command], cwd=work, check=True)


def run(lessons: int) -> None:
    with tempfile.TemporaryDirectory(prefix="otsm-index-bench-") as temp:
        root = Path(temp)
        started = time.perf_counter()
        catalogue_path = make_corpus(root, lessons, languages=3, commits=3, per_material=200)
        made = time.perf_counter() - started
        catalogue = om.load_catalogue(catalogue_path)
        sync_time = timed(lambda: om.sync(catalogue))
        full = timed(lambda: om.build_index(catalogue, workers=WORKERS))
        noop = timed(lambda: om.build_index(catalogue, workers=WORKERS))
        change_one_file(root)
        om.sync(catalogue)
        one = timed(lambda: om.build_index(catalogue, workers=WORKERS))
        index_path = root / "index.sqlite"
        opened = [timed(lambda: om.Index.open(index_path)) for _ in range(5)]
        index = om.Index.open(index_path)
        ids = [lesson.id for lesson in index.lessons()]
        rng = random.Random(1)
        topics = [t.id for t in index.topics()]
        query = [
            timed(lambda: index.lessons(topic=rng.choice(topics), language="de"))
            for _ in range(200)
        ]
        single = [timed(lambda: index.lesson(rng.choice(ids))) for _ in range(2000)]
        best = [
            timed(lambda: index.best_version(rng.choice(ids), "de-AT,fr;q=0.5"))
            for _ in range(2000)
        ]
        words = ["schleife", "liste", "funktion", "valeur", "lesson", "wert"]
        search = [timed(lambda: index.search(rng.choice(words), language="de")) for _ in range(200)]
        # A title's numbers: a handful of matches, as most real queries have.
        materials = max(1, lessons // 200)
        selective = [
            timed(
                lambda: index.search(
                    f"lesson {rng.randrange(1, 200)} material {rng.randrange(materials)}",
                    language="de",
                )
            )
            for _ in range(200)
        ]
        size = index_path.stat().st_size / 1e6
        print(
            f"{len(ids)} lessons × 3 languages ({made:.1f} s to make, sync {sync_time:.1f} s), "
            f"index {size:.1f} MB"
        )
        print(f"  full build        {full:8.2f} s   ({WORKERS} parsing processes)")
        print(f"  no-op rebuild     {noop:8.3f} s   ({100 * noop / full:.1f} % of the full build)")
        print(f"  one file changed  {one:8.3f} s")
        print(f"  index open        {statistics.median(opened) * 1000:8.1f} ms (median of 5)")
        print(f"  lessons(topic, language)  {percentiles(query)}")
        print(f"  lesson(id)                {percentiles(single)}")
        print(f"  best_version(id, accept)  {percentiles(best)}")
        print(f"  search(word, language)    {percentiles(search)}   (a word in every lesson)")
        print(f"  search(title words, lang) {percentiles(selective)}   (a few matches)")


def main(argv: list[str]) -> int:
    for lessons in [int(arg) for arg in argv] or [1000, 20000]:
        run(lessons)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
