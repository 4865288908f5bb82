"""Helpers for the licence and attribution tests: fixture repositories built once per module.

The autouse ``isolated_git`` fixture of ``tests/conftest.py`` is function-scoped, so the
module-scoped fixtures here set up their own git environment (``gitrepos.git_environment``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import otsmaterials as om

from gitrepos import RepoBuilder, git_environment, write_catalogue

ADA = ("Ada Lovelace", "ada@example.org")

HELLO_EN = (
    "# Hello\n\nThe first lesson of the workshop is about saying hello to the whole world "
    "with a small program.\n"
)
LOOPS_EN = (
    "# Loops\n\nComputers are good at doing the same thing again and again, so we let them "
    "repeat the boring work.\n"
)
HELLO_DE = (
    "# Hallo\n\nIn der ersten Lektion des Workshops sagen wir der ganzen Welt hallo, und zwar "
    "mit einem kleinen Programm, das wir gemeinsam schreiben.\n"
)
LOOPS_DE = (
    "# Schleifen\n\nComputer sind gut darin, immer wieder das Gleiche zu tun, deshalb lassen "
    "wir sie die langweilige Arbeit wiederholen.\n"
)


@dataclass
class Built:
    """A built catalogue: its file, its index file, and the open index."""

    catalogue: Path
    index_path: Path
    index: om.Index


class Workspace:
    """A folder for one module's fixture repositories and the catalogues built from them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.opened: list[om.Index] = []

    def repo(self, name: str, *, branch: str = "main") -> RepoBuilder:
        """A fresh working repository."""
        return RepoBuilder(self.root / "repos" / name, branch=branch)

    def workshop(
        self,
        name: str,
        files: Mapping[str, str] | None = None,
        *,
        author: tuple[str, str] = ADA,
        date: str = "2014-01-01T10:00:00+00:00",
    ) -> RepoBuilder:
        """A Markdown workshop (README and one lesson) plus ``files``, in one commit."""
        repo = self.repo(name)
        repo.write(
            {"README.md": "# Workshop\n\nWhat this workshop is about.\n", "hello.md": HELLO_EN}
        )
        if files:
            repo.write(files)
        repo.commit(f"{name}: first version", author=author, date=date)
        return repo

    def build(
        self,
        name: str,
        materials: Sequence[Mapping[str, object]],
        *,
        settings: Mapping[str, object] | None = None,
    ) -> Built:
        """Write a catalogue (index and cache beside it), build it, open the index."""
        folder = self.root / "builds" / name
        folder.mkdir(parents=True)
        path = write_catalogue(
            folder / "catalogue.toml",
            list(materials),
            settings={
                "allow_local_sources": True,
                "cache_dir": "cache",
                "index": "index.sqlite",
                **(settings or {}),
            },
        )
        report = om.build(om.load_catalogue(path))
        assert report.ok, report
        assert all(s.status == "indexed" for s in report.index.materials), report.index
        index = om.Index.open(folder / "index.sqlite")
        self.opened.append(index)
        return Built(path, folder / "index.sqlite", index)

    def close(self) -> None:
        """Close every index opened."""
        for index in self.opened:
            index.close()


@contextmanager
def workspace_in(factory: pytest.TempPathFactory, name: str) -> Iterator[Workspace]:
    """A workspace with its own git environment, for a module-scoped fixture."""
    with git_environment(factory.mktemp("home")):
        workspace = Workspace(factory.mktemp(name))
        try:
            yield workspace
        finally:
            workspace.close()


def dedent(text: str) -> str:
    """``textwrap.dedent`` without the first newline."""
    return textwrap.dedent(text).lstrip("\n")


def deed(kind: str, version: str, port: str | None = None) -> str:
    """A Creative Commons deed URL."""
    return f"https://creativecommons.org/licenses/{kind}/{version}/" + (f"{port}/" if port else "")


def notice(kind: str, version: str, port: str | None = None) -> str:
    """A one-line licence notice with the deed URL (what a LICENSE file often holds)."""
    return f"This material is licensed under {deed(kind, version, port)}\n"


def evidence_of(index: om.Index, material_id: str) -> list[tuple[str, str | None, int | None]]:
    """``(source, path, line)`` of every piece of evidence, in the order the licence gives."""
    licence = index.material(material_id).license
    assert licence is not None
    return [(e.source, e.path, e.line) for e in licence.evidence]


def po_catalog(
    entries: Sequence[tuple[str, str]],
    *,
    language: str,
    translators: Sequence[str] = (),
    last_translator: str = "FULL NAME <EMAIL@ADDRESS>",
) -> str:
    """A catalog as Transifex writes one: a ``# Translators:`` block and ``Last-Translator``."""
    lines = [
        "# SOME DESCRIPTIVE TITLE.",
        "# Copyright (C) 2012, OpenTechSchool and contributors",
        "# This file is distributed under the same license as the Python for Beginners package.",
        "# ",
        "# Translators:",
        *(f"# {name}" for name in translators),
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: Python for Beginners 0.1\\n"',
        '"POT-Creation-Date: 2013-05-04 11:40+0200\\n"',
        '"PO-Revision-Date: 2014-06-01 09:15+0000\\n"',
        f'"Last-Translator: {last_translator}\\n"',
        f'"Language: {language}\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
    ]
    for number, (msgid, msgstr) in enumerate(entries, start=1):
        lines += ["", f"#: ../../source/loops.rst:{2 * number}", f'msgid "{msgid}"']
        lines.append(f'msgstr "{msgstr}"')
    return "\n".join(lines) + "\n"
