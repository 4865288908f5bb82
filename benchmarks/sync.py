"""Time a cold sync and a no-op re-sync of N local repositories (figures, not assertions).

Usage: python benchmarks/sync.py [N ...]   (default: 10 100)

Each repository holds 20 small Markdown lessons over 5 commits, served as a local source (the
same code path as a remote, ``git clone --no-local`` through upload-pack, minus the network).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import otsmaterials as om


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def make_repository(path: Path, index: int) -> None:
    path.mkdir(parents=True)
    _git("init", "-q", "-b", "main", cwd=path)
    _git("config", "uploadpack.allowFilter", "true", cwd=path)
    for commit in range(5):
        for lesson in range(4):
            number = commit * 4 + lesson
            text = f"# Lesson {number} of material {index}\n\n" + "Some words here. " * 40
            (path / f"lesson-{number:02}.md").write_text(text, encoding="utf-8")
        _git("add", "-A", cwd=path)
        _git("commit", "-q", "-m", f"commit {commit}", cwd=path)


def write_catalogue(root: Path, count: int) -> Path:
    lines = ['name = "benchmark"', "", "[settings]", "allow_local_sources = true", ""]
    for index in range(count):
        lines += [
            "[[materials]]",
            f'id = "material-{index:04}"',
            f'title = "Material {index}"',
            f'source = "repos/material-{index:04}"',
            "",
        ]
    path = root / "catalogue.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="otsm-bench-") as temp:
        root = Path(temp)
        started = time.perf_counter()
        for index in range(count):
            make_repository(root / "repos" / f"material-{index:04}", index)
        made = time.perf_counter() - started
        catalogue = om.load_catalogue(write_catalogue(root, count))
        timings = []
        for label in ("cold sync", "no-op re-sync"):
            started = time.perf_counter()
            report = om.sync(catalogue, cache=root / "cache")
            elapsed = time.perf_counter() - started
            assert report.ok, [r.error for r in report.failed]
            timings.append((label, elapsed, report.counts()))
        print(f"N = {count} repositories (made in {made:.1f} s), jobs = {catalogue.settings.jobs}")
        for label, elapsed, counts in timings:
            per = 1000 * elapsed / count
            summary = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
            print(f"  {label:<14} {elapsed:7.2f} s   {per:6.1f} ms/repository   ({summary})")


def main(argv: list[str]) -> int:
    counts = [int(arg) for arg in argv] or [10, 100]
    git = subprocess.run(["git", "--version"], capture_output=True, text=True, check=True)
    print(f"git: {git.stdout.strip()}")
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    for count in counts:
        run(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
