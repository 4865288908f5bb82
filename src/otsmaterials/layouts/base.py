"""What every layout strategy works on (one branch's files) and produces (lesson candidates)."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from otsmaterials.mirror import SkippedFile, Snapshot

__all__ = [
    "LESSON_EXTENSIONS",
    "Candidate",
    "DirectoryFiles",
    "Files",
    "Site",
    "Tree",
    "is_non_lesson",
    "natural_key",
    "strip_extension",
]

LESSON_EXTENSIONS = (".md", ".markdown", ".mdown", ".rst", ".html", ".htm")
"""Extensions of files that can be lessons."""

_NON_LESSON_DIRS = frozenset(
    {
        "_layouts",
        "_includes",
        "_site",
        "_build",
        "build",
        "_sass",
        "_data",
        "_templates",
        "_static",
        "_plugins",
        "node_modules",
        "bower_components",
        "vendor",
        "vendors",
        "lib",
        "libs",
        "third_party",
        "thirdparty",
        "fonts",
        "font",
        "assets",
        "css",
        "js",
        "img",
        "images",
        "image",
        "static",
        "files",
        "locale",
        "locales",
        "_locales",
        "venv",
        ".venv",
        "site-packages",
        "dist",
        "coverage",
        "htmlcov",
        "fonts.googleapis.com",
        "_solutions",
        "_drafts",
    }
)
_ROOT_NON_LESSONS = re.compile(
    r"^(readme|licen[cs]e|copying|copyright|contributing|changelog|changes|history|authors"
    r"|contributors|code_of_conduct|security|notice|todo|404|lizenz|autoren|impressum|imprint)"
    r"(\.[a-z0-9_.-]+)?$",
    re.IGNORECASE,
)


def strip_extension(path: str) -> str:
    """``core/loops.rst`` → ``core/loops``."""
    root, extension = posixpath.splitext(path)
    return root if extension.lower() in LESSON_EXTENSIONS else path


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``page2`` before ``page10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", text)
        if part
    )


def is_non_lesson(path: str, *, root_files_too: bool = True) -> bool:
    """Files that are never lessons: layouts, includes, built output, vendored code, assets …"""
    parts = path.split("/")
    if any(part.startswith(".") for part in parts):
        return True
    if any(part.lower() in _NON_LESSON_DIRS for part in parts[:-1]):
        return True
    if "_solution" in parts[-1].lower() or parts[-1].lower().endswith(".doctree"):
        return True
    return root_files_too and len(parts) == 1 and bool(_ROOT_NON_LESSONS.match(parts[-1]))


class Files(Protocol):
    """What layout detection reads: a list of files and their contents (a commit or a folder)."""

    @property
    def paths(self) -> list[str]:
        """Every regular file, ``/``-separated, relative to the material's root."""

    def read(self, paths: Iterable[str], *, max_size: int) -> dict[str, bytes]:
        """Contents of ``paths`` up to ``max_size`` bytes each (larger or missing ones left out)."""


class DirectoryFiles:
    """The files of a working copy (translator commands), hidden folders left out."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._paths: list[str] | None = None

    @property
    def paths(self) -> list[str]:
        """Regular files (no symlinks), relative to the root."""
        if self._paths is None:
            found = []
            for directory, folders, names in os.walk(self.root):
                folders[:] = sorted(f for f in folders if not f.startswith("."))
                base = Path(directory)
                for name in sorted(names):
                    file = base / name
                    if file.is_file() and not file.is_symlink():
                        found.append(file.relative_to(self.root).as_posix())
            self._paths = found
        return self._paths

    def read(self, paths: Iterable[str], *, max_size: int) -> dict[str, bytes]:
        """Contents of the files (those over ``max_size`` left out)."""
        contents = {}
        for path in paths:
            file = self.root / path
            try:
                if file.stat().st_size <= max_size and not file.is_symlink():
                    contents[path] = file.read_bytes()
            except OSError:
                continue
        return contents


@dataclass
class Tree:
    """The files of one branch of a material (under its ``subdir``), read on demand in batches."""

    branch: str
    """The branch."""
    snapshot: Snapshot
    """The commit's files."""
    subdir: str = ""
    """Where the material starts inside the repository (``""`` for the root)."""
    _cache: dict[str, bytes] = field(default_factory=dict, repr=False)
    _too_big: dict[str, SkippedFile] = field(default_factory=dict, repr=False)
    _oids: dict[str, str] | None = field(default=None, repr=False)

    @property
    def commit(self) -> str:
        """The commit id."""
        return self.snapshot.commit

    @property
    def paths(self) -> list[str]:
        """Every regular file, relative to ``subdir``."""
        return list(self.oids())

    def oid(self, path: str) -> str | None:
        """The blob id of ``path`` (relative to ``subdir``)."""
        return self.oids().get(path)

    def oids(self) -> dict[str, str]:
        """Path (relative to ``subdir``) → blob id, for every file."""
        if self._oids is None:
            prefix = f"{self.subdir}/" if self.subdir else ""
            self._oids = {e.path.removeprefix(prefix): e.oid for e in self.snapshot.files}
        return self._oids

    def read(self, paths: Iterable[str], *, max_size: int) -> dict[str, bytes]:
        """Contents of ``paths`` (relative to ``subdir``) up to ``max_size`` bytes each, batched."""
        paths = list(paths)
        wanted = [path for path in paths if path not in self._cache]
        if wanted:
            full_paths = [self._full(path) for path in wanted]
            contents, skipped = self.snapshot.read(full_paths, max_size=max_size)
            prefix = f"{self.subdir}/" if self.subdir else ""
            for full, data in contents.items():
                self._cache[full.removeprefix(prefix)] = data
            for item in skipped:
                self._too_big[item.path.removeprefix(prefix)] = item
        return {path: self._cache[path] for path in paths if path in self._cache}

    def skipped(self, path: str) -> SkippedFile | None:
        """Why ``path`` could not be read, if it could not."""
        return self._too_big.get(path)

    def _full(self, path: str) -> str:
        return f"{self.subdir}/{path}" if self.subdir else path


@dataclass(frozen=True)
class Candidate:
    """A file that is a version of a lesson."""

    key: str
    """The lesson's identity: path from the content root, no language marker, no extension."""
    language: str | None
    """The file's language if its place or name says (``de/``, ``.de.md``); else ``None``."""
    path: str
    """The file, relative to the material's ``subdir``."""
    marker: Literal["none", "folder", "suffix"] = "none"
    """How the language was recognised from the path."""


@dataclass
class Site:
    """A branch's content as a site generator sees it: where lessons are and in what order."""

    kind: str
    """``sphinx``, ``jekyll``, ``html``, ``colearning`` or ``markdown``."""
    root: str
    """The content root, relative to the material's ``subdir`` (``""``, ``source``, ``docs/en``)."""
    files: list[str]
    """Lesson files, relative to the material's ``subdir``."""
    order: dict[str, int] = field(default_factory=dict)
    """Lesson key → position, where the site states an order (toctree, navigation map, ``num``)."""
    sections: dict[str, str] = field(default_factory=dict)
    """Lesson key → section name, where the site has sections."""
    language: str | None = None
    """The site's own language setting (Sphinx ``language``), if any."""
    locale_dirs: tuple[str, ...] = ()
    """Where gettext catalogs live, relative to the material's ``subdir``."""
    title: str | None = None
    """The site's title, if it states one."""
    notes: list[str] = field(default_factory=list)
    """What detection found worth reporting."""

    def relative(self, path: str) -> str:
        """``path`` relative to the content root."""
        prefix = f"{self.root}/" if self.root else ""
        return path.removeprefix(prefix)
