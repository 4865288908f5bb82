"""Index figures on a synthetic corpus (see corpus.py): builds, opening, queries, search.

Usage: python benchmarks/index.py [LESSONS ...]   (default: 1000 20000)

Prints, per corpus size: full build, no-op rebuild, rebuild after one changed file, index open,
query p50/p99 (lessons by topic and language; one lesson; best version), search p50/p99, and what
rename detection costs the history walks (the corpus's repositories, and one material whose
every lesson moved once). Figures only; nothing is asserted.
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

import otsmaterials as om
from corpus import LANGUAGES, lesson_text, make_corpus
from otsmaterials._git.create import NewCommit, create_repository
from otsmaterials._git.history import walk_history
from otsmaterials._git.process import GitRunner

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


def git_walk(repo: Path, *, renames: bool) -> None:
    """The history walk's git command, with rename detection (as the index runs it) or
    without (as it ran before it followed moves)."""
    changes = ["--name-status", "-M"] if renames else ["--name-only", "--no-renames"]
    subprocess.run(
        [
            *("git", "--git-dir", str(repo), "log", "--format=%H%x1f%at%x1f%aN%x1f%aE%x1f%s"),
            *(*changes, "-z", "--use-mailmap", "main"),
        ],
        capture_output=True,
        check=True,
    )


def moved_material(root: Path, lessons: int) -> Path:
    """A material whose every lesson moved once (``en/x.md`` → ``lessons/en/x.md``)."""
    rng = random.Random(7)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    before = {
        f"{language}/lesson-{n:04}.md": lesson_text(rng, language, 0, n, 0)
        for n in range(lessons)
        for language in LANGUAGES[:3]
    }
    after = {f"lessons/{path}": content for path, content in before.items()}
    history = [
        NewCommit("main", before, "A <a@example.org>", start, "lessons"),
        NewCommit("main", after, "B <b@example.org>", start + timedelta(days=1), "move"),
    ]
    path = root / "moved.git"
    create_repository(GitRunner(home=root / "home"), path, history)
    return path


def history_cost(root: Path) -> None:
    runner = GitRunner(home=root / "home")
    repos = sorted((root / "repos").glob("*.git"))
    moved = moved_material(root, 200)
    for label, group in ((f"{len(repos)} repositories", repos), ("every lesson moved", [moved])):
        renames, plain, parsed = walk_times(runner, group)
        print(
            f"  history walk      {renames * 1000:8.1f} ms with rename detection, "
            f"{plain * 1000:.1f} ms without ({label}; {parsed * 1000:.1f} ms parsed)"
        )


def walk_times(runner: GitRunner, group: list[Path]) -> tuple[float, float, float]:
    """Best of three: git with and without rename detection, and the library's parsed walk."""
    renames = min(timed(lambda: [git_walk(r, renames=True) for r in group]) for _ in range(3))
    plain = min(timed(lambda: [git_walk(r, renames=False) for r in group]) for _ in range(3))
    parsed = min(
        timed(lambda: [walk_history(runner, r, "refs/heads/main") for r in group]) for _ in range(3)
    )
    return renames, plain, parsed


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
        history_cost(root)


def main(argv: list[str]) -> int:
    for lessons in [int(arg) for arg in argv] or [1000, 20000]:
        run(lessons)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
