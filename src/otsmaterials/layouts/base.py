"""What every layout strategy works on (one branch's files) and produces (lesson candidates)."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from otsmaterials._git.mirror import SkippedFile, Snapshot
from otsmaterials._support.safeyaml import load_yaml
from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.layouts.pathlang import unmarked_names

__all__ = [
    "LESSON_EXTENSIONS",
    "Candidate",
    "DirectoryFiles",
    "Files",
    "Pairing",
    "Site",
    "SiteKind",
    "Tree",
    "is_non_lesson",
    "life_cycle",
    "natural_key",
    "read_text",
    "read_yaml",
    "readable_name",
    "strip_extension",
]

LESSON_EXTENSIONS = (".md", ".markdown", ".mdown", ".rmd", ".rst", ".html", ".htm")
"""Extensions of files that can be lessons (compared in lower case; ``.Rmd`` is R Markdown)."""

SiteKind = Literal[
    "sphinx",
    "docusaurus",
    "mdbook",
    "gitbook",
    "workbench",
    "carpentries",
    "rpf",
    "colearning",
    "jekyll",
    "markdown",
    "html",
    "readme",
]
"""The kinds of site a branch can hold (one module each, see :mod:`otsmaterials.layouts`)."""

Pairing = Literal["path", "content"]
"""How the pages of sibling sites (one site per language) relate: by their paths, or only by
their content (file names translated)."""

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
        # the data and files of exercises
        "data",
        "datasets",
        "solutions",
        "solution",
        "resources",
        "fig",
        "figures",
        "media",
        "downloads",
    }
)
_ROOT_DOCUMENTS = (
    r"readme|licen[cs]e|copying|copyright|contributing|changelog|changes|history|authors"
    r"|contributors|code_of_conduct|security|notice|todo|404|lizenz|autoren|impressum|imprint"
    r"|translations|translating|maintainers|governance|support|funding|citation|backers|sponsors"
)
_ROOT_NON_LESSONS = re.compile(rf"^({_ROOT_DOCUMENTS})(\.[a-z0-9_.-]+)?$", re.IGNORECASE)
_DOCUMENTS = (
    r"SUMMARY|GLOSSARY|LANGS|CONTRIBUTING|CODE_OF_CONDUCT|STYLE|STYLEGUIDE|STYLE_GUIDE"
    r"|CHANGELOG|SECURITY|TRANSLATIONS|GEMINI|CLAUDE|AGENTS|COPILOT-INSTRUCTIONS|CONVENTIONS"
)
_REPOSITORY_DOCUMENTS = re.compile(rf"^({_DOCUMENTS})\.(md|markdown|rst|txt)$")
"""Documents about the repository at any depth, written in capitals as such files are: a book's
table of contents and glossary, contribution and style guides, instruction files for tools."""
_MARKED_DOCUMENT = re.compile(rf"^({_ROOT_DOCUMENTS}|{_DOCUMENTS})[._-]", re.IGNORECASE)
"""A name that starts as one of those and goes on: perhaps one with a language marker."""


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
    """Files that are never lessons.

    Layouts, includes, built output, vendored code, assets, exercise data, the repository's own
    documents … in any language: ``CONTRIBUTING.fr.md`` and ``README-cs.md`` are what
    ``CONTRIBUTING.md`` and ``README.md`` are.
    """
    parts = path.split("/")
    if any(part.startswith(".") for part in parts):
        return True
    if any(part.lower() in _NON_LESSON_DIRS for part in parts[:-1]):
        return True
    if "_solution" in parts[-1].lower() or parts[-1].lower().endswith(".doctree"):
        return True
    return _is_document(parts[-1], root=root_files_too and len(parts) == 1)


def _is_document(name: str, *, root: bool) -> bool:
    """Whether a file name is one of the repository's own documents, in any language."""
    names = [name]
    if _MARKED_DOCUMENT.match(name):
        stem, extension = posixpath.splitext(name)
        names += [f"{unmarked}{extension}" for unmarked in unmarked_names(stem) if unmarked != stem]
    return any(
        _REPOSITORY_DOCUMENTS.match(each) or (root and _ROOT_NON_LESSONS.match(each))
        for each in names
    )


_GENERIC_NAMES = frozenset({"readme", "index", "problem", "main", "chapter", "lesson", "episode"})


def readable_name(key: str) -> str:
    """A title made from a lesson's path: ``core/loops_and_lists`` → ``Loops and lists``.

    Generic file names (``README``, ``index``, ``problem``) give way to their folder's name; a
    leading number (``01-intro``) is dropped.
    """
    parts = [part for part in key.split("/") if part]
    name = parts[-1] if parts else key
    if name.lower() in _GENERIC_NAMES and len(parts) > 1:
        name = parts[-2]
    words = re.sub(r"^\d+(?=[-_ .])[-_ .]*", "", name)
    words = " ".join(re.split(r"[-_\s]+", words or name)).strip()
    return words[:1].upper() + words[1:] if words else key


def read_text(files: Files, path: str, *, max_size: int = 512 * 1024) -> str | None:
    """A configuration or navigation file's text; ``None`` if missing, too large or not text."""
    data = files.read([path], max_size=max_size).get(path)
    if data is None:
        return None
    try:
        return decode_text(data, path).text
    except ParseError:
        return None


def read_yaml(files: Files, path: str, notes: list[str]) -> dict[str, Any]:
    """A YAML configuration file as a mapping (``{}`` when missing); problems go to ``notes``.

    Read with the safe loader: no aliases, bounded size and depth, no duplicate keys.
    """
    if path not in files.paths:
        return {}
    text = read_text(files, path, max_size=256 * 1024)
    if text is None:
        notes.append(f"{path}: unreadable or too large; its settings ignored")
        return {}
    try:
        data = load_yaml(text, path=path)
    except ParseError as error:
        notes.append(f"{error}; its settings ignored")
        return {}
    if not isinstance(data, dict):
        notes.append(f"{path}: not a mapping; its settings ignored")
        return {}
    return data


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
    code: str | None = None
    """The code as written in the path when it is no valid language tag (``me-ME``)."""


def life_cycle(config: Mapping[str, object]) -> str | None:
    """A site configuration's ``life_cycle:`` word (Carpentries: ``stable``, ``beta`` …)."""
    value = config.get("life_cycle")
    return value.strip().lower() if isinstance(value, str) and value.strip() else None


@dataclass
class Site:
    """A branch's content as a site generator sees it: where lessons are and in what order."""

    kind: SiteKind
    """Which kind of site (the module that detected it)."""
    root: str
    """The content root, relative to the material's ``subdir`` (``""``, ``source``, ``docs/en``)."""
    files: list[str]
    """Lesson files, relative to the material's ``subdir``."""
    keys: dict[str, str] = field(default_factory=dict)
    """File → lesson key, where the kind names a lesson otherwise than by its path (a chapter's
    ``README.md`` by its folder, a post by its slug)."""
    order: dict[str, int] = field(default_factory=dict)
    """Lesson key → position, where the site states an order (toctree, navigation map, ``num``)."""
    sections: dict[str, str] = field(default_factory=dict)
    """Lesson key → section name, where the site has sections."""
    titles: dict[str, str] = field(default_factory=dict)
    """Lesson key → the navigation's label, used when the page has no title of its own."""
    language: str | None = None
    """The site's own language setting (Sphinx ``language``, ``lang:``), if any."""
    language_code: str | None = None
    """The code a per-language site is named by when it is no valid language tag (``me-ME``)."""
    locale_dirs: tuple[str, ...] = ()
    """Where gettext catalogs live, relative to the material's ``subdir``."""
    catalogs: tuple[tuple[str, str], ...] = ()
    """Catalogs for the whole site, one per language: ``(path, language)`` (``po/de.po``)."""
    pairing: Pairing = "path"
    """How this site's pages relate to those of its sibling sites in other languages."""
    title: str | None = None
    """The site's title, if it states one."""
    life_cycle: str | None = None
    """The site's own word for where it is in its life cycle (Carpentries ``life_cycle:``)."""
    notes: list[str] = field(default_factory=list)
    """What detection found worth reporting."""

    def relative(self, path: str) -> str:
        """``path`` relative to the content root."""
        prefix = f"{self.root}/" if self.root else ""
        return path.removeprefix(prefix)

    def key(self, path: str) -> str:
        """The lesson key of one of the site's files."""
        return self.keys.get(path) or strip_extension(self.relative(path))
