"""What the evidence-based block alignment costs (``import-translation``, outdated blocks).

Usage: python benchmarks/alignment.py [BLOCKS ...]   (default: 50 300 1000)

A lesson of BLOCKS paragraphs and headings of varying length and its "translation" (every word
replaced by a longer one, every tenth paragraph dropped, a note inserted every 25 blocks) are
aligned with ``align_translation``; beside it, for scale, the time to cut both files into
messages alone, and ``block_changes`` between two versions of the original (one paragraph in
twenty edited). Figures only; nothing is asserted.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

from otsmaterials.index.revisions import block_changes
from otsmaterials.translate import align_translation, document_segments

WORDS = "the loop runs until the list is empty and then the function returns a value".split()


def timed(function: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def lesson(blocks: int, rng: random.Random) -> list[str]:
    parts = []
    for number in range(blocks):
        if number % 6 == 0:
            parts.append(f"## Part {number}")
        else:
            parts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 90))) + ".")
    return parts


def translated(parts: list[str]) -> list[str]:
    out = []
    for number, part in enumerate(parts):
        if number % 25 == 0:
            out.append("Hinweis: dieser Absatz steht nur in der Übersetzung.")
        if number % 10 == 5:
            continue
        if part.startswith("## "):
            out.append(f"## Teil {part[8:]}")
        else:
            out.append(" ".join(word + "en" for word in part.split()))
    return out


def run(blocks: int) -> None:
    rng = random.Random(blocks)
    original = lesson(blocks, rng)
    source, target = "\n\n".join(original) + "\n", "\n\n".join(translated(original)) + "\n"
    edited = "\n\n".join(p + (" More." if n % 20 == 3 else "") for n, p in enumerate(original))
    cut = timed(lambda: (document_segments(source, "x.md"), document_segments(target, "x.md")))
    aligned = timed(
        lambda: align_translation(source, target, path="x.md", language="de", project="x")
    )
    changes = timed(lambda: block_changes(source, edited + "\n", "x.md"))
    result = align_translation(source, target, path="x.md", language="de", project="x")
    print(
        f"{blocks:5} blocks: cut {cut * 1000:7.1f} ms, align_translation {aligned * 1000:7.1f} ms "
        f"({aligned / cut:4.1f}× the cut; {result.aligned} aligned, {result.doubtful} fuzzy, "
        f"{result.missing} untranslated), block_changes {changes * 1000:7.1f} ms"
    )


def main(argv: list[str]) -> int:
    for blocks in [int(arg) for arg in argv] or [50, 300, 1000]:
        run(blocks)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
