"""Hostile input: seconds to read each page the test suite feeds the readers, and at half size.

Usage: python benchmarks/hostile.py [--repeat 3] [--only WORD]

The tests check that this work grows linearly (deterministic step counts, tests/workload.py) and
finishes under a 60 s hang guard; the speed itself is this script's figure. For each input it
prints the best of ``--repeat`` runs at full size and at half size, and their ratio: about 2 for
linear work, about 4 for quadratic. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable

from otsmaterials import translate
from otsmaterials._support.safeyaml import load_yaml
from otsmaterials.errors import ParseError
from otsmaterials.formats.html import parse_html
from otsmaterials.formats.markdown import parse_markdown
from otsmaterials.formats.rst import parse_rst
from otsmaterials.gettext.reader import parse_po

KIB = 1024


def repeated(unit: str, size: int) -> bytes:
    return (unit * (size // len(unit))).encode()


def billion_laughs(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        previous, current = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def refused(action: Callable[[], object]) -> None:
    try:
        action()
    except ParseError:
        return


def cut(text: str) -> None:
    translate.document_segments(text, "hostile.html")
    translate.render_lesson(text, {}, path="hostile.html", language="de")


def po_with(plural: str) -> bytes:
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {plural}\\n"\n'
    )
    return (header + '\nmsgid "Loops"\nmsgstr "Schleifen"\n').encode()


def inputs() -> dict[str, Callable[[int], None]]:
    """Name -> work for a size ``n`` (512 is the tests' full size, 256 half of it)."""
    work: dict[str, Callable[[int], None]] = {}
    for unit in ("*a ", "``a ", "`a <", ":r:`a <", "a_ ", "x::\n\n  y\n"):
        work[f"rst {unit!r} x 512 KiB"] = lambda n, u=unit: refused(
            lambda: parse_rst(repeated(u, n * KIB), "big.rst")
        )
    work["rst '- ' nesting x 100,000"] = lambda n: refused(
        lambda: parse_rst(("- " * (n * 100_000 // 512) + "deep\n").encode(), "deep.rst")
    )
    for unit in ("<!--", "</", "<a ", "<![", "<a href='", "<b>", "<?", "&#"):
        work[f"html {unit!r} x 512 KiB"] = lambda n, u=unit: refused(
            lambda: parse_html(repeated(u, n * KIB), "big.html")
        )
    work["markdown '>' x 100,000"] = lambda n: refused(
        lambda: parse_markdown((">" * (n * 100_000 // 512) + " deep\n").encode(), "q.md")
    )
    work["markdown '[' x 256 KiB"] = lambda n: refused(
        lambda: parse_markdown(b"[" * (n * KIB // 2), "b.md")
    )
    work["translate '<div>' x 50,000 deep"] = lambda n: cut(
        "<div>" * (n * 100) + "Deep" + "</div>" * (n * 100)
    )
    work["translate '<a ' x 70,000"] = lambda n: cut("<a " * (n * 140))
    work["yaml alias bomb"] = lambda n: refused(lambda: load_yaml(billion_laughs(max(2, n // 64))))
    work["po nplurals=500000000"] = lambda _n: refused(
        lambda: parse_po(po_with("nplurals=500000000; plural=n;"), "de.po")
    )
    return work


def best(action: Callable[[], None], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="only the inputs whose name holds this")
    options = parser.parse_args()
    print(f"Python {platform.python_version()} on {sys.platform}, best of {options.repeat}")
    print(f"{'input':40} {'full s':>9} {'half s':>9} {'ratio':>6}")
    for name, work in inputs().items():
        if options.only not in name:
            continue
        full = best(lambda w=work: w(512), options.repeat)
        half = best(lambda w=work: w(256), options.repeat)
        ratio = full / half if half else float("nan")
        print(f"{name:40} {full:9.4f} {half:9.4f} {ratio:6.2f}")


if __name__ == "__main__":
    main()
