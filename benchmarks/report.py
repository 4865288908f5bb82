"""Status page figures on the synthetic corpus (see corpus.py): how long the report takes.

Usage: python benchmarks/report.py [LESSONS ...]   (default: 20000)

Per corpus size: builds the corpus and its index, then makes the English originals of one lesson
in ten newer than their translations (one commit per material, so the translations are outdated
by a changed paragraph), and times gathering the report from the index, rendering the single
page, writing it and writing the folder (a page per material). With Chromium installed, also how
long the browser takes to load the single page and to run its script (``--dump-dom``), and the
folder's front page and one material page. Figures only; nothing is asserted.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from unittest.mock import patch

import otsmaterials as om
from corpus import make_corpus
from otsmaterials.report.html import render_page
from otsmaterials.report.model import status_report

WORKERS = min(os.cpu_count() or 1, 8)
BROWSER = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)


def timed(function: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds of ``function()``, and its result (CPU time is the steadier
    figure on a machine others share)."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    return time.perf_counter() - started, time.process_time() - cpu, result


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def outdate_originals(root: Path) -> int:
    """One commit per material changing a paragraph of every tenth English lesson."""
    changed = 0
    env_home = root / "home"
    os.environ.setdefault("GIT_CONFIG_GLOBAL", str(env_home / "gitconfig"))
    for repo in sorted((root / "repos").glob("*.git")):
        work = root / "work" / repo.stem
        git("clone", "-q", str(repo), str(work), cwd=root)
        git("config", "user.name", "Bench", cwd=work)
        git("config", "user.email", "bench@example.org", cwd=work)
        for lesson in sorted((work / "en").glob("lesson-*.md"))[::10]:
            text = lesson.read_text(encoding="utf-8")
            lesson.write_text(
                text.replace("## Part 2\n\n", "## Part 2\n\nA new sentence. ", 1), encoding="utf-8"
            )
            changed += 1
        git("commit", "-qam", "Newer English", "--date", "2030-01-01T00:00:00", cwd=work)
        git("push", "-q", "origin", "HEAD", cwd=work)
        shutil.rmtree(work)
    return changed


def browser_load(url: str, profile: Path) -> float:
    assert BROWSER is not None
    started = time.perf_counter()
    subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            "--dump-dom",
            url,
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return time.perf_counter() - started


def run(lessons: int) -> None:
    with tempfile.TemporaryDirectory(prefix="otsm-report-bench-") as temp:
        root = Path(temp)
        catalogue_path = make_corpus(root, lessons, languages=3, commits=3, per_material=200)
        changed = outdate_originals(root)
        catalogue = om.load_catalogue(catalogue_path)
        om.sync(catalogue)
        build, _, _ = timed(lambda: om.build_index(catalogue, workers=WORKERS))
        path = root / "index.sqlite"
        # What `otsmaterials report -o FILE.html` does, from a freshly opened index (cold).
        cold, cold_cpu, _ = timed(
            lambda: om.write_report(om.Index.open(path), root / "report.html")
        )
        # The same with the cyclic garbage collector left on: what pausing it saves.
        gc.enable()
        with patch("otsmaterials.report.write.collector_paused", nullcontext):
            plain, plain_cpu, _ = timed(
                lambda: om.write_report(om.Index.open(path), root / "report.html")
            )
        # The JSON export of the same index, cold, beside it: the ratio is what compares.
        export, export_cpu, _ = timed(lambda: om.Index.open(path).export_json())
        index = om.Index.open(path)
        gather, gather_cpu, report = timed(lambda: status_report(index))
        assert isinstance(report, om.StatusReport)
        warm, warm_cpu, _ = timed(lambda: status_report(index))
        render, render_cpu, page = timed(lambda: render_page(report))
        assert isinstance(page, str)
        folder, folder_cpu, written = timed(lambda: om.write_report(index, root / "site"))
        assert isinstance(written, list)
        cells = sum(len(lesson.cells) for m in report.materials for lesson in m.lessons)
        outdated = sum(
            cell.state == "outdated"
            for m in report.materials
            for lesson in m.lessons
            for cell in lesson.cells
        )
        largest = max((root / "site" / "materials").iterdir(), key=lambda p: p.stat().st_size)
        print(
            f"{report.lessons} lessons in {len(report.materials)} materials, {cells} cells "
            f"({outdated} outdated, {changed} originals changed); index built in {build:.1f} s"
        )
        print("                                   wall      CPU")
        print(f"  report -o FILE.html (cold)   {cold:7.2f} s {cold_cpu:7.2f} s")
        print(f"  the same, cyclic GC left on  {plain:7.2f} s {plain_cpu:7.2f} s")
        print(f"  export_json (cold), beside   {export:7.2f} s {export_cpu:7.2f} s")
        print(f"  gather, first (decodes)      {gather:7.2f} s {gather_cpu:7.2f} s")
        print(f"  gather, again                {warm:7.2f} s {warm_cpu:7.2f} s")
        print(
            f"  render the single page       {render:7.2f} s {render_cpu:7.2f} s   "
            f"({len(page.encode()) / 1e6:.1f} MB)"
        )
        print(
            f"  report -o DIR (warm index)   {folder:7.2f} s {folder_cpu:7.2f} s   ({len(written)} "
            f"files, largest page {largest.stat().st_size / 1e6:.2f} MB)"
        )
        if BROWSER is not None:
            whole = browser_load((root / "report.html").as_uri(), root / "profile1")
            front = browser_load((root / "site" / "index.html").as_uri(), root / "profile2")
            one = browser_load(largest.as_uri(), root / "profile3")
            print(f"  Chromium: single page loaded and filtered   {whole:6.2f} s")
            print(f"  Chromium: folder's front page               {front:6.2f} s")
            print(f"  Chromium: one material's page               {one:6.2f} s")


def main(argv: list[str]) -> int:
    for lessons in [int(arg) for arg in argv] or [20000]:
        run(lessons)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
