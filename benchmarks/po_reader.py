"""The ``.po`` reader: time and peak memory against the catalog's size, for several shapes.

Usage: python benchmarks/po_reader.py [--sizes 1,4,16] [--shapes NAME,…] [--repeat 3] [--cli]

Shapes, each written at every size (MB):

* ``long message``: one msgid of short continuation lines (``"Line 000123\\n"``), the file that
  made the old reader quadratic (each line was appended to the message read so far);
* ``short messages``: ``msgid "m123"`` / ``msgstr "t123"`` entries, the most objects per byte;
* ``sphinx``: what Sphinx and Transifex write: a uuid comment, a location, msgid and msgstr
  wrapped over two lines;
* ``escapes``: one msgstr of ``\\t`` and ``\\n`` escapes (the old reader sliced the rest of the
  string at every escape).

Time is the best of ``--repeat`` runs of ``parse_po`` in this process; memory is the peak that
``tracemalloc`` sees in a separate run (the input bytes are not counted; the decoded text is),
and the ratio is that peak over the file's size. ``--cli`` also times ``otsmaterials stat`` on
the 16 MB long message (process start included). To measure another version of the reader, run
the script with that version's ``src`` first on ``PYTHONPATH``. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from otsmaterials.gettext.reader import parse_po

MB = 1024 * 1024
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n'


def long_message(size: int) -> bytes:
    line = 0
    parts = [HEADER, 'msgid ""\n']
    total = len(HEADER)
    while total < size - 20:
        piece = f'"Line {line:06d}\\n"\n'
        parts.append(piece)
        total += len(piece)
        line += 1
    parts.append('msgstr ""\n')
    return "".join(parts).encode()


def short_messages(size: int) -> bytes:
    parts, total, number = [HEADER], len(HEADER), 0
    while total < size:
        piece = f'msgid "m{number}"\nmsgstr "t{number}"\n\n'
        parts.append(piece)
        total += len(piece)
        number += 1
    return "".join(parts).encode()


def sphinx(size: int) -> bytes:
    parts, total, number = [HEADER], len(HEADER), 0
    while total < size:
        piece = (
            f"# {number:032x}\n"
            f"#: ../../source/lesson{number % 40}.rst:{number % 500}\n"
            'msgid ""\n'
            f'"A sentence about loops and lists, number {number}, long enough to be "\n'
            '"wrapped over two lines by the writer."\n'
            'msgstr ""\n'
            f'"Ein Satz über Schleifen und Listen, Nummer {number}, lang genug, um "\n'
            '"vom Schreiber auf zwei Zeilen verteilt zu werden."\n\n'
        )
        parts.append(piece)
        total += len(piece.encode())
        number += 1
    return "".join(parts).encode()


def escapes(size: int) -> bytes:
    count = (size - len(HEADER) - 40) // 4
    return (HEADER + 'msgid "x"\nmsgstr "' + "\\t\\n" * count + '"\n').encode()


SHAPES: dict[str, Callable[[int], bytes]] = {
    "long message": long_message,
    "short messages": short_messages,
    "sphinx": sphinx,
    "escapes": escapes,
}


def best_time(data: bytes, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        parse_po(data, "bench.po")
        best = min(best, time.perf_counter() - started)
    return best


def peak_memory(data: bytes) -> int:
    tracemalloc.start()
    try:
        parse_po(data, "bench.po")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def cli_stat(data: bytes) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "_config.yml").write_text("title: Bench\n", encoding="utf-8")
        (root / "lesson.md").write_text("# Lesson\n\nText.\n", encoding="utf-8")
        catalog = root / "locale" / "de" / "LC_MESSAGES" / "lesson.po"
        catalog.parent.mkdir(parents=True)
        catalog.write_bytes(data)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "otsmaterials", "stat", "--root", str(root)],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,4,16", help="catalog sizes in MB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="which shapes, comma-separated")
    parser.add_argument("--cli", action="store_true", help="also time `otsmaterials stat`")
    args = parser.parse_args(argv)
    sizes = [float(size) for size in args.sizes.split(",")]
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    columns = ("size", "messages", "time", "MB/s", "peak", "ratio")
    print(
        f"{'shape':<15} "
        + " ".join(f"{c:>{w}}" for c, w in zip(columns, (8, 9, 8, 7, 9, 6), strict=True))
    )
    for name in args.shapes.split(","):
        make = SHAPES[name]
        for size in sizes:
            data = make(min(int(size * MB), 16 * MB - 4096))  # the reader's limit is 16 MiB
            messages = len(parse_po(data, "bench.po").entries)
            seconds = best_time(data, args.repeat)
            peak = peak_memory(data)
            print(
                f"{name:<15} {len(data) / MB:>6.1f}MB {messages:>9,} {seconds:>7.2f}s "
                f"{len(data) / MB / seconds:>7.1f} {peak / MB:>7.0f}MB {peak / len(data):>5.1f}x"
            )
    if args.cli:
        data = long_message(16 * MB - 4096)
        print(f"otsmaterials stat on a {len(data) / MB:.1f} MB long message: {cli_stat(data):.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
