"""Whole-process start cost of the commands people run most, beside Python itself (figures only).

Usage: python benchmarks/start.py [LESSONS] [--runs 9]   (default: 1000 lessons)

Builds the corpus of ``corpus.py`` (LESSONS lessons in 3 languages), then times whole processes
as a user starts them, alternated run by run so that each sees the same load: ``python -c pass``
(the interpreter), ``otsmaterials --version`` (the command line's own start), ``list`` and
``search`` (one word of the vocabulary, in one language) on the corpus's index. Prints medians of
wall-clock seconds and of CPU seconds (user + system of the process), the CPU figure being the one
that compares on a busy machine.

The processes find their modules compiled, as an installed wheel has them (pip compiles them):
they run without ``PYTHONDONTWRITEBYTECODE`` and with a private ``PYTHONPYCACHEPREFIX``, warmed
by one run of each command first, so that no figure includes compiling the sources.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import otsmaterials as om
from corpus import make_corpus, vocabulary
from sync import compiled_environment


def measured(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one process running ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = os.times().elapsed
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    wall = os.times().elapsed - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", type=int, nargs="?", default=1000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, load average {load:.1f}")
    with tempfile.TemporaryDirectory(prefix="otsm-start-bench-") as temp:
        root = Path(temp)
        catalogue = make_corpus(root, args.lessons, languages=3, commits=3, per_material=200)
        loaded = om.load_catalogue(catalogue)
        om.sync(loaded)
        om.build_index(loaded)
        env = compiled_environment(root / "pycache")
        program = str(Path(sys.executable).with_name("otsmaterials"))
        word = vocabulary("de")[0][100]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "otsmaterials --version": [program, "--version"],
            "otsmaterials list": [program, "list", "-c", str(catalogue)],
            f"otsmaterials search {word} -l de": [
                program,
                "search",
                word,
                "-l",
                "de",
                "-c",
                str(catalogue),
            ],
        }
        for command in commands.values():  # compile once, outside the figures
            measured(command, env)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(measured(command, env))
        print(f"{args.lessons} lessons × 3 languages, medians of {args.runs} alternated runs")
        for name, runs in samples.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(f"  {name:<34} wall {wall:6.3f} s   CPU {cpu:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
