"""Figures for issue 13's answers: customary spellings in search, negotiation, exact thresholds.

Usage: python benchmarks/exact_answers.py [--repeat 400]

Builds the bundled demo in a temporary directory and prints:

* the cost of finding a text's customary spellings (``languages/spellings.py``), per MB of each
  language's searchable demo text (repeated ``--repeat`` times), and the share of the text the
  index keeps beside it;
* search latency on the demo index, p50/p99 over the same number of queries, for words that have
  customary spellings (``Übung``, ``uebung``, ``Straße``: two prefix phrases each) beside words
  that have none (one phrase);
* ``negotiate`` per call, for headers that stop at the first tier, go to the parent chains, or
  fall through to a related language;
* a threshold decided exactly (``LessonVersion.reaches``) beside the float comparison it replaced.

Figures only; nothing is asserted. Compare rows of one run (the machine is shared).
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import otsmaterials as om
from otsmaterials.demo import create_demo
from otsmaterials.languages.spellings import customary_spellings


def per_call(function: Callable[[], object], calls: int) -> list[float]:
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def p50_p99(samples: list[float], unit: float = 1e3) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {statistics.median(ordered) * unit:.3f} p99 {p99 * unit:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=400)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        catalogue = om.load_catalogue(create_demo(folder))
        om.build(catalogue)
        index = om.Index.open(Path(folder) / "otsmaterials.sqlite")
        texts: dict[str, list[str]] = {}
        with contextlib.closing(sqlite3.connect(index.path)) as connection:
            for language, body in connection.execute("SELECT language, body FROM search"):
                texts.setdefault(language.split("-")[0], []).append(body)
        print("customary spellings (time per MB of text; what is kept beside one copy of it)")
        for language, bodies in sorted(texts.items()):
            once = "\n".join(bodies)
            sample = once * arguments.repeat
            started = time.perf_counter()
            customary_spellings(sample, language)
            seconds = time.perf_counter() - started
            megabytes = len(sample.encode()) / 1e6
            kept = len(customary_spellings(once, language).encode()) / len(once.encode())
            print(
                f"  {language}: {seconds / megabytes * 1e3:.1f} ms/MB over {megabytes:.2f} MB, "
                f"kept {kept * 100:.2f} % of {len(once.encode()) / 1e3:.0f} kB"
            )
        print("search (ms, 200 queries each)")
        for label, words in (
            ("with spellings", ["Übung", "uebung", "Straße", "Größe"]),
            ("without", ["Schleife", "Variable", "loop", "funcion"]),
        ):
            samples = [s for word in words for s in per_call(lambda w=word: index.search(w), 50)]
            print(f"  {label:15} {p50_p99(samples)}")
        print("negotiate (µs per call, 2,000 calls each)")
        available = ["en", "de", "es", "es-CL", "pt-BR", "pt-PT", "zh-Hant", "nb", "sr-Latn"]
        for header in ("de", "es-AR", "pt-AO, en;q=0.5", "nn", "sr, en;q=0.1", "ja, xx, *;q=0.1"):
            samples = per_call(lambda h=header: om.negotiate(h, available), 2000)
            print(f"  {header:20} {p50_p99(samples, unit=1e6)}")
        version = index.lesson("python-sphinx/functions").versions["de"]
        exact = per_call(lambda: version.reaches(0.5), 20000)
        floats = per_call(lambda: version.completeness >= 0.5, 20000)
        print("threshold (µs per decision, 20,000 each)")
        print(f"  LessonVersion.reaches {p50_p99(exact, unit=1e6)}")
        print(f"  float >=              {p50_p99(floats, unit=1e6)}")
        index.close()


if __name__ == "__main__":
    main()
