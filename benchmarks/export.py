"""Export figures on a synthetic corpus (see corpus.py): decoding the models, and each format.

Usage: python benchmarks/export.py [LESSONS ...]   (default: 2000)

Prints, per corpus size: the time to decode every lesson (the models' validation, constraints
included), to make the export document, and to write each export format (``json``, ``jekyll``,
``jekyll-config``, ``jsonld``, where the installed version has them), median of five runs, and
each text's size. Figures only; nothing is asserted. Run it against two checkouts (PYTHONPATH)
in the same session to compare them.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import otsmaterials as om
from corpus import make_corpus


def median_time(function: Callable[[], object], runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run(lessons: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        catalogue_path = make_corpus(root, lessons, languages=3, commits=3, per_material=200)
        catalogue = om.load_catalogue(catalogue_path)
        om.sync(catalogue)
        om.build_index(catalogue, workers=min(os.cpu_count() or 1, 8))
        index_path = root / "index.sqlite"

        def decode() -> None:
            with om.Index.open(index_path) as fresh:
                fresh.lessons()

        print(f"{lessons} lessons")
        print(f"  open + decode every lesson  {median_time(decode) * 1e3:8.1f} ms")
        with om.Index.open(index_path) as index:
            index.lessons()
            document = median_time(index.export_document)
            print(f"  export document             {document * 1e3:8.1f} ms")
            formats = {"json": index.export_json, "jekyll": index.export_jekyll}
            if hasattr(index, "export_jsonld"):
                formats["jekyll-config"] = lambda: index.export_jekyll(config=True)
                formats["jsonld"] = index.export_jsonld
            for name, export in formats.items():
                seconds = median_time(export)
                size = len(export().encode("utf-8")) / 1e6
                print(f"  --format {name:<14}     {seconds * 1e3:8.1f} ms  {size:6.2f} MB")


def main(argv: list[str]) -> int:
    for lessons in [int(a) for a in argv] or [2000]:
        run(lessons)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
