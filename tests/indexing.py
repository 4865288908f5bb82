"""Helpers for the layout and index tests: fixture repositories built once per module, builds.

The autouse ``isolated_git`` fixture of ``tests/conftest.py`` is function-scoped, so repositories
made by module-scoped fixtures set up their own git environment (``gitrepos.git_environment``).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

import otsmaterials as om

from gitrepos import RepoBuilder, git, write_catalogue

LOCAL = {"allow_local_sources": True}

ENGLISH = "Every sentence here has enough words for the language of the page to be clear."
GERMAN = "Jeder Satz hier hat genug Wörter, damit die Sprache der Seite klar zu erkennen ist."
FRENCH = "Chaque phrase ici a assez de mots pour que la langue de la page soit bien claire."
"""Sentences long enough for a page's text to tell its language."""


class Workspace:
    """A folder for one module's fixture repositories and the catalogues built from them."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def repo(self, name: str, *, branch: str = "main") -> RepoBuilder:
        """A fresh working repository."""
        return RepoBuilder(self.root / "repos" / name, branch=branch)

    def build(
        self,
        name: str,
        materials: Sequence[Mapping[str, object]],
        *,
        topics: Mapping[str, str] | None = None,
    ) -> om.Index:
        """Write a catalogue of ``materials`` (plus ``[[topics]]``), build it, open the index."""
        folder = self.root / "builds" / name
        folder.mkdir(parents=True)
        path = write_catalogue(folder / "catalogue.toml", list(materials), settings=LOCAL)
        if topics:
            extra = "".join(
                f'\n[[topics]]\nid = "{ident}"\nname = "{label}"\n'
                for ident, label in topics.items()
            )
            path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
        report = om.build(
            om.load_catalogue(path), cache=folder / "cache", index=folder / "index.sqlite"
        )
        assert report.ok, report
        assert all(s.status == "indexed" for s in report.index.materials), report.index
        return om.Index.open(folder / "index.sqlite")


def remove(repo: RepoBuilder, *paths: str) -> RepoBuilder:
    """Remove files from the working tree and the index."""
    git("rm", "-rq", "--", *paths, cwd=repo.path)
    return repo


def dedent(text: str) -> str:
    """``textwrap.dedent`` without the first newline."""
    return textwrap.dedent(text).lstrip("\n")


def words(*texts: str) -> int:
    """Words as the specification counts them: tokens holding a letter or a digit."""
    return sum(1 for text in texts for token in text.split() if any(c.isalnum() for c in token))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _po_string(keyword: str, text: str, width: int = 70) -> str:
    """``msgid "…"``, wrapped as gettext wraps long messages (``msgid ""`` then chunks)."""
    if len(text) <= width:
        return f"{keyword} {_quote(text)}"
    chunks = [""]
    for piece in re.findall(r"\S+\s*|\s+", text):
        if chunks[-1] and len(chunks[-1]) + len(piece) > width:
            chunks.append("")
        chunks[-1] += piece
    return "\n".join([f'{keyword} ""', *(_quote(chunk) for chunk in chunks)])


def po_catalog(
    document: str,
    entries: Sequence[tuple[str, str] | tuple[str, str, str]],
    *,
    language: str | None,
    translators: Sequence[str] = (),
) -> str:
    """A catalog as Sphinx's gettext builder and Transifex write one (uuid comments, locations).

    ``entries`` are ``(msgid, msgstr)`` or ``(msgid, msgstr, "fuzzy")``. Without ``language`` the
    catalog is a copy of the template: no ``Language``/``Plural-Forms`` header, a fuzzy header.
    """
    lines = [
        "# SOME DESCRIPTIVE TITLE.",
        "# Copyright (C) 2012, OpenTechSchool and contributors",
        "# This file is distributed under the same license as the Python for Beginners package.",
    ]
    if translators:
        lines += ["#", "# Translators:", *(f"# {name}" for name in translators)]
    if language is None:
        lines.append("#, fuzzy")
    lines += ['msgid ""', 'msgstr ""']
    header = [
        "Project-Id-Version: Python for Beginners 0.1",
        "Report-Msgid-Bugs-To: ",
        "POT-Creation-Date: 2013-05-04 11:40+0200",
    ]
    if language is not None:
        header += [
            "PO-Revision-Date: 2013-06-01 09:15+0000",
            f"Language: {language}",
            "Plural-Forms: nplurals=2; plural=(n != 1);",
        ]
    header += [
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    lines += [f'"{field}\\n"' for field in header]
    for number, entry in enumerate(entries, start=1):
        msgid, msgstr = entry[0], entry[1]
        lines.append("")
        lines.append(f"# {number:032x}")
        lines.append(f"#: ../../../source/{document}.rst:{2 * number}")
        if len(entry) > 2:
            lines.append(f"#, {entry[2]}")
        lines.append(_po_string("msgid", msgid))
        lines.append(_po_string("msgstr", msgstr))
    return "\n".join(lines) + "\n"


def lesson_paths(index: om.Index, material_id: str) -> list[str]:
    """The lesson paths of one material, in the order the index gives."""
    return [lesson.path for lesson in index.lessons(material=material_id)]


def titles(lesson: om.Lesson) -> dict[str, str]:
    """Language → title."""
    return {language: version.title for language, version in lesson.versions.items()}


def kinds(lesson: om.Lesson) -> dict[str, str]:
    """Language → kind."""
    return {language: version.kind for language, version in lesson.versions.items()}


def all_versions(index: om.Index, material_id: str) -> list[om.LessonVersion]:
    """Every version of every lesson of one material."""
    return [
        version
        for lesson in index.lessons(material=material_id)
        for version in lesson.versions.values()
    ]


def warnings(index: om.Index, material_id: str, path: str | None = None) -> list[om.IndexProblem]:
    """The material's warnings (about ``path`` only, if given)."""
    return [
        problem
        for problem in index.material(material_id).problems
        if problem.severity == "warning" and (path is None or problem.path == path)
    ]
