"""Measure where GNU gettext may break a string, and write the table the PO writer uses.

Usage: python tools/gnu_linebreaks.py [OUTPUT]   (default: src/otsmaterials/gettext/_breaks.py)

GNU gettext (``msgcat``, ``msgmerge``) wraps PO strings with the Unicode line breaking algorithm
of its bundled libunistring, which allows breaks after spaces and also after hyphens, slashes,
dots before letters, closing punctuation and more. This tool asks the installed ``msgcat`` where
it breaks, for every pair of characters of a sample alphabet (directly, and with a space
between), and writes the answer as character classes and two class-pair tables. Two characters
share a class when GNU treats them alike in every measured pair.

Each probe is a message ``x…x A B ) y…y`` (or ``x…x A ␠ B ) y…y``): no break is possible inside
the runs of letters nor before ``)``, so with ``-w 20`` GNU breaks before ``B`` exactly when it
may break between ``A`` and ``B``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ALPHABET = (
    "".join(chr(code) for code in range(0x21, 0x7F))
    + "\u00a0\u202f\u2009\u3000"  # no-break space, narrow no-break space, thin space, ideographic
    + "«»“”‘’„‹›–—‐…·¡¿°€£§©•éß"
    + "中。、！？（）「」"
)
"""Sample characters: ASCII, spaces of other kinds, the punctuation of European lessons, CJK."""


def escape(text: str) -> str:
    table = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n"}
    return "".join(table.get(char, char) for char in text)


def probes() -> list[tuple[str, str, bool]]:
    found = []
    for first in ALPHABET:
        for second in ALPHABET:
            found.append((first, second, False))
            found.append((first, second, True))
    return found


def message(first: str, second: str, *, spaced: bool) -> str:
    middle = f"{first} {second}" if spaced else f"{first}{second}"
    return ("x" * (14 if spaced else 15)) + middle + ")" + "y" * 15


def measure() -> dict[tuple[str, str, bool], bool]:
    cases = probes()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "probe.po"
        lines = ['msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"', ""]
        for number, (first, second, spaced) in enumerate(cases):
            lines += [
                f'msgctxt "{number}"',
                f'msgid "{escape(message(first, second, spaced=spaced))}"',
                'msgstr ""',
                "",
            ]
        source.write_text("\n".join(lines), encoding="utf-8")
        done = subprocess.run(
            ["msgcat", "-w", "20", str(source)], capture_output=True, text=True, check=True
        )
    results: dict[tuple[str, str, bool], bool] = {}
    for block in done.stdout.split("\n\n")[1:]:
        rows = block.split("\n")
        number = int(rows[0].split('"')[1])
        strings = [
            row[row.index('"') + 1 : -1]
            for row in rows[1:]
            if '"' in row and not row.startswith("msgstr")
        ]
        strings = [s for s in strings if s]
        first, second, spaced = cases[number]
        start = (14 if spaced else 15) + len(escape(first)) + (1 if spaced else 0)
        results[cases[number]] = len(strings) > 1 and len(strings[0]) == start
    return results


def classes(results: dict[tuple[str, str, bool], bool]) -> list[str]:
    """Characters grouped by identical behaviour, as strings of their members."""

    def signature(char: str) -> tuple[bool, ...]:
        return tuple(
            results[(char, other, spaced)] for other in ALPHABET for spaced in (False, True)
        ) + tuple(results[(other, char, spaced)] for other in ALPHABET for spaced in (False, True))

    groups: dict[tuple[bool, ...], str] = {}
    for char in ALPHABET:
        groups[signature(char)] = groups.get(signature(char), "") + char
    return list(groups.values())


def write(path: Path) -> None:
    results = measure()
    groups = classes(results)
    pair = ["".join("1" if results[(a[0], b[0], False)] else "0" for b in groups) for a in groups]
    spaced = ["".join("1" if results[(a[0], b[0], True)] else "0" for b in groups) for a in groups]
    version = subprocess.run(["msgcat", "--version"], capture_output=True, text=True, check=True)
    lines = [
        '"""Where GNU gettext may break a PO string: measured by ``tools/gnu_linebreaks.py``.',
        "",
        f"Measured with {version.stdout.splitlines()[0]}. Generated: do not edit.",
        '"""',
        "",
        "CLASSES = (",
        *[f"    {group!r}," for group in groups],
        ")",
        '"""Characters GNU treats alike, one string per class."""',
        "DIRECT = (",
        *[f'    "{row}",' for row in pair],
        ")",
        '"""``DIRECT[a][b]``: a break may come between a character of class a and one of b."""',
        "AFTER_SPACES = (",
        *[f'    "{row}",' for row in spaced],
        ")",
        '"""``AFTER_SPACES[a][b]``: a break may come before b when spaces separate a and b."""',
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("src/otsmaterials/gettext/_breaks.py")
    write(target)
