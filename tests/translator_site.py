"""A Jekyll working copy for the translator commands' tests, and helpers to look at its files.

``make_site(folder)`` writes ``loops.md`` and ``core/setup.md`` with a ``_config.yml``;
``tree(root)`` takes every file's bytes (to show that nothing was written); ``fill(path, pairs)``
plays a translator filling in short messages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

__all__ = [
    "AGAIN",
    "GONE",
    "INSTALL",
    "LANGUAGE_VARIABLES",
    "LOOPS",
    "LOOPS_PO",
    "NEW",
    "SETUP",
    "SETUP_PO",
    "english_here",
    "fill",
    "make_site",
    "tree",
]

LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "OTSMATERIALS_LANG")

AGAIN = "Computers are good at repeating things."
GONE = "Turtles draw lines on the screen when they move around."
NEW = "A dictionary maps each key to exactly one value."
INSTALL = "Install the editor first."

LOOPS = f"---\ntitle: Loops\nlayout: default\n---\n\n# Loops\n\n{AGAIN}\n\n{GONE}\n"
SETUP = f"---\ntitle: Setup\nlayout: default\n---\n\n# Setup\n\n{INSTALL}\n"

LOOPS_PO = "locale/de/LC_MESSAGES/loops.po"
SETUP_PO = "locale/de/LC_MESSAGES/core/setup.po"


def english_here(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No language from the environment, no locale folder override, and cwd in ``folder``."""
    for name in (*LANGUAGE_VARIABLES, "OTSMATERIALS_LOCALE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(folder)


def make_site(root: Path) -> Path:
    """A Jekyll working copy at ``root``: ``loops.md`` and ``core/setup.md``."""
    (root / "core").mkdir(parents=True)
    (root / "_config.yml").write_text("title: Python Basics\n", encoding="utf-8")
    (root / "loops.md").write_text(LOOPS, encoding="utf-8")
    (root / "core" / "setup.md").write_text(SETUP, encoding="utf-8")
    return root.resolve()


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes (to show that nothing was written)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def fill(path: Path, pairs: dict[str, str]) -> None:
    """A translator fills in ``pairs`` (short messages: one line each in the catalog)."""
    text = path.read_text(encoding="utf-8")
    for msgid, msgstr in pairs.items():
        empty = f'msgid "{msgid}"\nmsgstr ""\n'
        assert text.count(empty) == 1, msgid
        text = text.replace(empty, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    path.write_text(text, encoding="utf-8")
