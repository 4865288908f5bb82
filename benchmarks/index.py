"""Index figures on a synthetic corpus (see corpus.py): builds, opening, queries, search.

Usage: python benchmarks/index.py [--build-only] [LESSONS ...]   (default: 1000 20000)

Prints, per corpus size: full build beside its anchor (the same blobs read with one ``git
cat-file --batch`` per repository and parsed with markdown-it-py, in as many processes), the
build's peak memory (a process of its own), no-op rebuild, rebuild after one changed file, index
open, query p50/p99 (lessons by topic and language; one lesson; best version), search p50/p99 (one
to three words of the corpus's vocabulary, a word in every lesson, a title's words), and what
rename detection costs the history walks. Then, once: the history walk of a material of 5,000
commits beside ``git log --name-only`` over the same commits, and what a lesson at the size limit
adds to a build's peak memory. ``--build-only`` prints the full build beside its anchor and
stops. Figures only; nothing is asserted.
"""

from __future__ import annotations

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import otsmaterials as om
from corpus import LANGUAGES, lesson_text, make_corpus, vocabulary
from otsmaterials._git.create import NewCommit, create_repository
from otsmaterials._git.history import walk_history
from otsmaterials._git.process import GitRunner
from otsmaterials.index.changes import FileHistory

WORKERS = min(os.cpu_count() or 1, 8)
"""Parsing processes, as the command line uses."""


def children_cpu() -> float:
    """CPU seconds of this process's finished children (and theirs): what a machine shared
    with other jobs inflates least."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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


# --- anchors -------------------------------------------------------------------------------------


def read_and_parse(repo: str) -> int:
    """One repository's Markdown blobs at ``main``: listed, read with one ``cat-file --batch``,
    parsed with markdown-it-py. Returns the number of tokens (so the work is used)."""
    from markdown_it import MarkdownIt  # noqa: PLC0415 - in the worker

    listing = subprocess.run(
        ["git", "--git-dir", repo, "ls-tree", "-r", "main"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    oids = [
        line.split()[2] for line in listing.splitlines() if line.split("\t", 1)[-1].endswith(".md")
    ]
    done = subprocess.run(
        ["git", "--git-dir", repo, "cat-file", "--batch"],
        input="".join(f"{oid}\n" for oid in oids).encode(),
        capture_output=True,
        check=True,
    ).stdout
    parser = MarkdownIt()
    tokens = 0
    position = 0
    while position < len(done):
        header_end = done.index(b"\n", position)
        size = int(done[position:header_end].split()[2])
        body = done[header_end + 1 : header_end + 1 + size]
        tokens += len(parser.parse(body.decode("utf-8")))
        position = header_end + 1 + size + 1
    return tokens


def raw_reading(root: Path) -> float:
    """The build's anchor: every repository read and parsed, in ``WORKERS`` processes."""
    repos = [str(path) for path in sorted((root / "repos").glob("*.git"))]
    started = time.perf_counter()
    with ProcessPoolExecutor(WORKERS) as pool:
        sum(pool.map(read_and_parse, repos))
    return time.perf_counter() - started


BUILD_SCRIPT = """
import json, resource, sys, time
import multiprocessing.forkserver
import otsmaterials as om
catalogue = om.load_catalogue(sys.argv[1])
started = time.perf_counter()
own = time.process_time()
report = om.build_index(catalogue, workers=int(sys.argv[2]))
elapsed = time.perf_counter() - started
own = time.process_time() - own
assert report.ok, report
# The parsing processes are the fork server's children: stopped, it is reaped with their CPU
# time and peak memory (else, orphaned at exit, they would count nowhere).
multiprocessing.forkserver._forkserver._stop()
theirs = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "seconds": elapsed,
    "own_cpu": own,
    "children_cpu": theirs.ru_utime + theirs.ru_stime,
    "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "workers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}))
"""


def build_in_process_of_its_own(catalogue: Path, workers: int) -> dict[str, float]:
    """A full build in a fresh process: its time and peak memory (its own; its workers')."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD_SCRIPT, str(catalogue), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def long_history(root: Path, commits: int, files: int = 200) -> Path:
    """A material of ``commits`` commits, each changing one to three of ``files`` lessons."""
    rng = random.Random(5)
    chunks = []
    start = int(datetime(2020, 1, 1, tzinfo=UTC).timestamp())
    for mark in range(1, commits + 1):
        person = (
            f"Author {rng.randrange(40)} <a{mark % 40}@example.org> {start + mark * 3600} +0000"
        )
        message = f"change {mark}".encode()
        chunks += [
            b"commit refs/heads/main\n",
            b"mark :%d\n" % mark,
            b"author " + person.encode() + b"\n",
            b"committer " + person.encode() + b"\n",
            b"data %d\n%s\n" % (len(message), message),
        ]
        if mark > 1:
            chunks.append(b"from :%d\n" % (mark - 1))
        touched = range(files) if mark == 1 else rng.sample(range(files), rng.randint(1, 3))
        for number in touched:
            path = f"{LANGUAGES[number % 3]}/lesson-{number:04}.md"
            text = lesson_text(rng, LANGUAGES[number % 3], 0, number, mark)
            chunks += [
                b"M 100644 inline %s\n" % path.encode(),
                b"data %d\n%s\n" % (len(text), text),
            ]
        chunks.append(b"\n")
    path = root / "long-history.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True)
    subprocess.run(
        ["git", "--git-dir", str(path), "fast-import", "--quiet"],
        input=b"".join(chunks) + b"done\n",
        check=True,
    )
    return path


def history_anchor(root: Path, commits: int = 5000) -> None:
    """The one history walk (authors, staleness) beside ``git log --name-only``."""
    runner = GitRunner(home=root / "home")
    repo = long_history(root, commits)

    def ours() -> None:
        FileHistory.from_commits(walk_history(runner, repo, "refs/heads/main"))

    def git_log() -> None:
        subprocess.run(
            ["git", "--git-dir", str(repo), "log", "--name-only", "main"],
            capture_output=True,
            check=True,
        )

    mine, theirs = [], []
    for _ in range(5):
        mine.append(timed(ours))
        theirs.append(timed(git_log))
    walk, log = statistics.median(mine), statistics.median(theirs)
    print(
        f"history walk of {commits} commits: {walk * 1000:.0f} ms (walk and per-file history), "
        f"git log --name-only {log * 1000:.0f} ms, ratio {walk / log:.2f}× (medians of 5)"
    )


def size_limit_memory(root: Path) -> None:
    """What one lesson at the size limit adds to a build's peak memory."""
    limit = 256 * 1024
    words, weights = vocabulary("en")
    rng = random.Random(9)
    paragraphs = []
    while sum(len(p) + 2 for p in paragraphs) < limit - 2000:
        paragraphs.append(" ".join(rng.choices(words, cum_weights=weights, k=80)) + ".")
    big = ("---\ntitle: Big\n---\n\n# Big\n\n" + "\n\n".join(paragraphs) + "\n").encode()
    big = big[: limit - 1]
    small = b"---\ntitle: Small\n---\n\n# Small\n\nA few words.\n"
    peaks = {}
    for label, content in (("small", small), ("at the limit", big)):
        place = root / f"limit-{label.replace(' ', '-')}"
        commit = NewCommit(
            "main",
            {"_config.yml": b"title: x\n", "en/lesson.md": content},
            "A <a@example.org>",
            datetime(2024, 1, 1, tzinfo=UTC),
            "one lesson",
        )
        create_repository(GitRunner(home=place / "home"), place / "repo.git", [commit])
        catalogue = place / "catalogue.toml"
        catalogue.write_text(
            'name = "limit"\n[settings]\nallow_local_sources = true\ncache_dir = "cache"\n'
            'index = "index.sqlite"\n[[materials]]\nid = "one"\ntitle = "One"\n'
            'source = "repo.git"\n',
            encoding="utf-8",
        )
        om.sync(om.load_catalogue(catalogue))
        runs = [build_in_process_of_its_own(catalogue, 1)["self_kb"] for _ in range(3)]
        peaks[label] = statistics.median(runs)
    grown = (peaks["at the limit"] - peaks["small"]) * 1024
    print(
        f"a lesson at the size limit ({len(big) / 1024:.0f} KiB): peak memory "
        f"{peaks['at the limit'] / 1024:.1f} MB against {peaks['small'] / 1024:.1f} MB for a "
        f"small one: +{grown / 1e6:.2f} MB, {grown / len(big):.1f}× its size"
    )


def run(lessons: int, *, build_only: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="otsm-index-bench-") as temp:
        root = Path(temp)
        started = time.perf_counter()
        catalogue_path = make_corpus(root, lessons, languages=3, commits=3, per_material=200)
        made = time.perf_counter() - started
        catalogue = om.load_catalogue(catalogue_path)
        sync_time = timed(lambda: om.sync(catalogue))
        # Alternated (the index deleted before each build) so that both see the same load.
        builds, anchors, cpu_builds, cpu_anchors = [], [], [], []
        for _ in range(3 if lessons <= 1000 else 1):
            for leftover in root.glob("index.sqlite*"):
                leftover.unlink()
            before = children_cpu()
            builds.append(build_in_process_of_its_own(catalogue_path, WORKERS))
            cpu_builds.append(children_cpu() - before)
            before = children_cpu()
            anchors.append(raw_reading(root))
            cpu_anchors.append(children_cpu() - before)
        built = sorted(builds, key=lambda b: b["seconds"])[len(builds) // 2]
        full = built["seconds"]
        anchor = statistics.median(anchors)
        each = ", ".join(f"{b['seconds']:.2f}" for b in builds)
        print(
            f"{lessons} lessons × 3 languages: full build {full:.2f} s ({WORKERS} parsing "
            f"processes), cat-file --batch + markdown-it-py {anchor:.2f} s ({WORKERS} processes): "
            f"ratio {full / anchor:.2f}× (medians of {len(builds)}; "
            f"builds {each}; "
            f"anchors {', '.join(f'{a:.2f}' for a in anchors)})"
        )
        cpu_build, cpu_anchor = statistics.median(cpu_builds), statistics.median(cpu_anchors)
        own = statistics.median(b["own_cpu"] for b in builds)
        others = statistics.median(b["children_cpu"] for b in builds)
        print(
            f"  CPU seconds (every process): full build {cpu_build:.2f} s, anchor "
            f"{cpu_anchor:.2f} s: ratio {cpu_build / cpu_anchor:.2f}× (medians); of the build: "
            f"build_index in its own process {own:.2f} s (reading, history, assembly, the "
            f"index), the parsing processes and git {others:.2f} s, the rest the process's "
            f"start (Python, imports, the catalogue)"
        )
        if build_only:
            return
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
        words, weights = vocabulary("de")
        common = words[0]  # the most frequent: in every lesson
        queries = {
            size: [" ".join(rng.choices(words, cum_weights=weights, k=size)) for _ in range(300)]
            for size in (1, 2, 3)
        }
        by_size = {
            size: [timed(lambda q=q: index.search(q, language="de")) for q in texts]
            for size, texts in queries.items()
        }
        search = [timed(lambda: index.search(common, language="de")) for _ in range(200)]
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
        print(
            f"  full build        {full:8.2f} s   ({WORKERS} parsing processes); "
            f"cat-file --batch + markdown-it-py of the same blobs {anchor:.2f} s "
            f"({WORKERS} processes): ratio {full / anchor:.2f}× (medians of {len(builds)})"
        )
        print(
            f"  peak memory       {built['self_kb'] / 1024:8.1f} MB the build's process, "
            f"{built['workers_kb'] / 1024:.1f} MB the largest parsing process"
        )
        print(f"  no-op rebuild     {noop:8.3f} s   ({100 * noop / full:.1f} % of the full build)")
        print(f"  one file changed  {one:8.3f} s")
        print(f"  index open        {statistics.median(opened) * 1000:8.1f} ms (median of 5)")
        print(f"  lessons(topic, language)  {percentiles(query)}")
        print(f"  lesson(id)                {percentiles(single)}")
        print(f"  best_version(id, accept)  {percentiles(best)}")
        for size, samples in by_size.items():
            print(f"  search({size} word{'s' if size > 1 else ' '}, lang)   {percentiles(samples)}")
        print(f"  search(word, language)    {percentiles(search)}   (a word in every lesson)")
        print(f"  search(title words, lang) {percentiles(selective)}   (a few matches)")
        history_cost(root)


def main(argv: list[str]) -> int:
    print(f"cores: {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
    build_only = "--build-only" in argv
    for lessons in [int(arg) for arg in argv if arg != "--build-only"] or [1000, 20000]:
        run(lessons, build_only=build_only)
    if build_only:
        return 0
    with tempfile.TemporaryDirectory(prefix="otsm-index-bench-") as temp:
        history_anchor(Path(temp))
        size_limit_memory(Path(temp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
