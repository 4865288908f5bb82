"""Sync and no-op builds of N local repositories, beside git itself (figures, not assertions).

Usage: python benchmarks/sync.py [N ...] [--build N] [--runs 5]
       (default: 10 100, and a no-op build of 5,000 materials)

Each repository holds 20 small Markdown lessons over 5 commits, served as a local source (the
same code path as a remote, ``git clone --no-local`` through upload-pack, minus the network). The
anchor beside each no-op figure is what the work cannot avoid: one ``git ls-remote`` per
repository, 8 at once, over the same sources. Whole processes are timed (``otsmaterials sync``
and ``otsmaterials build`` as a user runs them), medians of ``--runs``, the anchor run between
them so that both see the same load. ``otsmaterials sync`` is timed twice: with its catalogue
remembered from the run before (the files unchanged), and validated again (as after an edit).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import otsmaterials as om
from corpus import write_catalogue
from otsmaterials._git.create import NewCommit, create_repository
from otsmaterials._git.process import GitRunner

ANCHOR_JOBS = 8


def template_repository(root: Path, lessons: int, commits: int) -> Path:
    """A bare repository of ``lessons`` Markdown lessons over ``commits`` commits."""
    files: dict[str, bytes] = {}
    history = []
    start = datetime(2024, 1, 1, tzinfo=UTC)
    per_commit = max(1, lessons // commits)
    for commit in range(commits):
        for number in range(commit * per_commit, min(lessons, (commit + 1) * per_commit)):
            text = f"# Lesson {number}\n\n" + "Some words here. " * 40 + "\n"
            files[f"lesson-{number:02}.md"] = text.encode()
        history.append(
            NewCommit("main", dict(files), "B <b@example.org>", start + timedelta(days=commit), "c")
        )
    path = root / "template.git"
    create_repository(GitRunner(home=root / "home"), path, history)
    return path


def make_repositories(root: Path, count: int, lessons: int, commits: int) -> list[Path]:
    """``count`` copies of one template repository (git sees ``count`` repositories)."""
    template = template_repository(root, lessons, commits)
    paths = []
    for index in range(count):
        path = root / "repos" / f"material-{index:04}.git"
        shutil.copytree(template, path)
        paths.append(path)
    return paths


def ls_remote_loop(repositories: list[Path]) -> None:
    """The anchor: one ``git ls-remote`` per repository, ``ANCHOR_JOBS`` at once."""

    def one(path: Path) -> None:
        subprocess.run(["git", "ls-remote", str(path)], capture_output=True, check=True)

    with ThreadPoolExecutor(max_workers=ANCHOR_JOBS) as pool:
        list(pool.map(one, repositories))


def compiled_environment(pycache: Path) -> dict[str, str]:
    """The environment of a timed process: its modules compiled once and read from ``pycache``.

    An installed wheel's modules are compiled by pip; a checkout run with
    ``PYTHONDONTWRITEBYTECODE`` compiles the package's modules in every process (about 0.03 s of
    CPU for ``list``). The first run of a command fills ``pycache``.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def command(*args: str, env: dict[str, str] | None = None) -> Callable[[], None]:
    binary = Path(sys.executable).with_name("otsmaterials")

    def run() -> None:
        subprocess.run([str(binary), *args], capture_output=True, check=True, env=env)

    return run


def side_by_side(
    ours: Callable[[], None], anchor: Callable[[], None], runs: int
) -> tuple[float, float]:
    """Medians of ``runs`` alternating runs of both."""
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(timed(ours))
        theirs.append(timed(anchor))
    return statistics.median(mine), statistics.median(theirs)


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def row(label: str, ours: float, anchor: float, count: int) -> None:
    print(
        f"  {label:<28} {ours:7.2f} s   ({1000 * ours / count:5.1f} ms/repository)   "
        f"ls-remote loop {anchor:6.2f} s   ratio {ours / anchor:4.2f}×"
    )


def compiled(root: Path) -> dict[str, str]:
    """:func:`compiled_environment` under ``root``, filled by one ``--version`` run."""
    env = compiled_environment(root / "pycache")
    command("--version", env=env)()
    return env


def set_up(root: Path, count: int, lessons: int, commits: int) -> tuple[list[Path], float, Path]:
    """The repositories, the seconds it took to make them, the catalogue naming them."""
    started = time.perf_counter()
    repositories = make_repositories(root, count, lessons=lessons, commits=commits)
    made = time.perf_counter() - started
    return repositories, made, write_catalogue(root, count)


def run_sync(count: int, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="otsm-bench-") as temp:
        root = Path(temp)
        repositories, made, catalogue_path = set_up(root, count, lessons=20, commits=5)
        catalogue = om.load_catalogue(catalogue_path)
        cold = timed(lambda: om.sync(catalogue))
        api = statistics.median(timed(lambda: om.sync(catalogue)) for _ in range(runs))
        env = {**compiled(root), "XDG_CACHE_HOME": str(root / "user-cache")}
        sync_command = command("sync", "-c", str(catalogue_path), env=env)
        sync_command()  # its modules compiled, its catalogue remembered, before the figures
        whole, anchor = side_by_side(sync_command, lambda: ls_remote_loop(repositories), runs)

        def validating() -> None:
            """The sync of a catalogue that changed since the last one: validated again."""
            shutil.rmtree(root / "user-cache" / "otsmaterials" / "catalogues")
            sync_command()

        validated, again = side_by_side(validating, lambda: ls_remote_loop(repositories), runs)
        print(f"N = {count} repositories (made in {made:.1f} s), jobs = {catalogue.settings.jobs}")
        for label, seconds in (("cold sync (API)", cold), ("no-op sync (API)", api)):
            print(f"  {label:<28} {seconds:7.2f} s   ({1000 * seconds / count:5.1f} ms/repository)")
        row("no-op `otsmaterials sync`", whole, anchor, count)
        row("  the catalogue validated", validated, again, count)


def run_build(count: int, runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="otsm-bench-") as temp:
        root = Path(temp)
        repositories, made, catalogue_path = set_up(root, count, lessons=2, commits=1)
        build_command = command("build", "-c", str(catalogue_path), env=compiled(root))
        first = timed(build_command)
        whole, anchor = side_by_side(build_command, lambda: ls_remote_loop(repositories), runs)
        print(
            f"N = {count} materials of 2 lessons (made in {made:.1f} s, first build {first:.1f} s)"
        )
        row("no-op `otsmaterials build`", whole, anchor, count)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="*", default=[10, 100])
    parser.add_argument("--build", type=int, default=5000, help="materials (0: none)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=True)
    print(f"git: {git.stdout.strip()}")
    load = os.getloadavg()[0]
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, load average {load:.1f}")
    for count in args.counts:
        run_sync(count, args.runs)
    if args.build:
        run_build(args.build, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
