"""What the Sphinx directives credit, read from a working repository (no Sphinx imports here).

The same rules as the index (:mod:`otsmaterials.index.credits`, :mod:`otsmaterials.licensing`),
so a page's attribution names the same people and licence as ``otsmaterials attribution``:
git authors (across moves) from the working repository's own ``.git`` through
:class:`GitRunner` (no transport allowed, so nothing ever reaches the network); translators from
the ``# Translators:`` blocks and ``Last-Translator`` headers of
``<locale_dir>/<lang>/LC_MESSAGES/*.po`` and from the commits that changed those catalogs; the
licence from every place the index reads (licence files, licence pages such as
``copyright.rst``, ``license.rst``, ``lizenz.rst``, the README …). Nothing returned here carries
an e-mail address meant for display.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from otsmaterials._git.history import Commit, walk_history
from otsmaterials._git.process import GitRunner
from otsmaterials.attribution.people import Contribution, Person, from_commits, merge_people
from otsmaterials.errors import GitError, LanguageCodeError
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.reader import parse_po
from otsmaterials.index.credits import version_credits
from otsmaterials.languages.tags import normalize_language, to_gettext
from otsmaterials.layouts.base import DirectoryFiles
from otsmaterials.licensing.detect import detect_licences
from otsmaterials.licensing.models import License

__all__ = [
    "Catalog",
    "display_name",
    "document_catalogs",
    "file_commits",
    "find_catalogs",
    "find_licence",
    "find_repository",
    "git_authors",
    "history_marker",
    "page_authors",
    "page_translators",
    "public_remote",
    "public_url",
    "read_catalog",
    "relative_to_repository",
    "repository_path",
    "translators",
]

_EMAIL = re.compile(r"<[^<>]*>|([^\s<>@,;]+)@[^\s<>@,;]+")
_SCP_LIKE = re.compile(r"^(?:[\w.-]+@)?([\w-]+(?:\.[\w-]+)+):(?!/)(.+)$")


@dataclass(frozen=True)
class Catalog:
    """A translation catalog found under a locale directory."""

    path: Path
    """The ``.po`` file."""
    language: str
    """Its language (BCP 47, from the directory name)."""


def find_repository(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``.git`` (directory or file)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def repository_path(path: str) -> str | None:
    """A ``:path:`` option as a repository-relative path; ``None`` if it would leave the root."""
    pure = PurePosixPath(path.strip())
    if not path.strip() or pure.is_absolute() or ".." in pure.parts:
        return None
    return pure.as_posix()


def relative_to_repository(path: Path, root: Path) -> str | None:
    """A file's path inside the repository at ``root`` (``None`` if it lies outside)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def git_authors(runner: GitRunner, root: Path, paths: tuple[str, ...] = ()) -> list[Person]:
    """Authors of ``HEAD``'s history, merged, bots left out, most commits first.

    Limited to ``paths`` (one path is followed across moves).

    Raises :class:`~otsmaterials.errors.GitError` or ``StorageError`` when git cannot tell.
    """
    return merge_people(from_commits(file_commits(runner, root, paths)))


def file_commits(
    runner: GitRunner, root: Path, paths: tuple[str, ...] = (), *, follow: bool = True
) -> list[Commit]:
    """The commits of ``HEAD`` that changed ``paths``.

    One path is followed across moves; with ``follow=False`` each commit lists every file it
    changed instead.
    """
    return walk_history(
        runner, root / ".git", "HEAD", paths=paths, follow=follow and len(paths) == 1
    )


def page_authors(runner: GitRunner, root: Path, path: str) -> tuple[str, ...]:
    """The authors of one page, as the index credits an original (most contributions first)."""
    return version_credits("original", file_commits(runner, root, (path,)), None, None, "")[1]


def page_translators(
    catalogs: Iterable[tuple[Catalog, PoFile]], commits: dict[Path, list[Commit]]
) -> tuple[str, ...]:
    """The translators of one page, as the index credits a gettext translation."""
    contributions: list[Contribution] = []
    for catalog, po in catalogs:
        found, _, _ = version_credits(
            "gettext", commits.get(catalog.path, []), None, po, catalog.language
        )
        contributions.extend(found)
    return tuple(person.name for person in merge_people(contributions))


def history_marker(root: Path) -> Path | None:
    """A file that changes with every commit or checkout (``.git/logs/HEAD``), if there is one."""
    marker = root / ".git" / "logs" / "HEAD"
    return marker if marker.is_file() else None


def public_url(url: str) -> str | None:
    """A browsable ``https://`` address for a git remote, without credentials; else ``None``."""
    url = url.strip()
    if "://" not in url:
        match = _SCP_LIKE.match(url)
        if match is None:
            return None
        host, path = match.group(1), match.group(2)
    else:
        parts = urlsplit(url)
        if parts.scheme not in {"https", "http", "ssh", "git", "git+ssh"} or not parts.hostname:
            return None
        host, path = parts.hostname, parts.path
        if parts.scheme in {"https", "http"} and parts.port:
            host = f"{host}:{parts.port}"
    path = path.strip("/").removesuffix(".git").strip("/")
    return f"https://{host}/{path}" if path else None


def public_remote(runner: GitRunner, root: Path) -> str | None:
    """The public address of the repository's ``origin`` remote (else its first), if any."""
    try:
        result = runner.run(
            ["config", "--get-regexp", r"^remote\..*\.url$"], git_dir=root / ".git", timeout=30
        )
    except GitError:
        return None
    urls: dict[str, str] = {}
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(" ")
        urls.setdefault(key, value)
    url = urls.get("remote.origin.url") or next(iter(urls.values()), None)
    return public_url(url) if url else None


def find_catalogs(
    srcdir: Path, locale_dirs: Iterable[str], language: str | None = None
) -> list[Catalog]:
    """Every ``<locale_dir>/<lang>/LC_MESSAGES/**/*.po`` (only ``language``'s, if given)."""
    found: list[Catalog] = []
    for locale_dir in locale_dirs:
        base = srcdir / locale_dir
        folders = sorted(base.iterdir()) if base.is_dir() else []
        for folder in folders:
            messages = folder / "LC_MESSAGES"
            try:
                tag = normalize_language(folder.name)
            except LanguageCodeError:
                continue
            if messages.is_dir() and (language is None or _same_language(tag, language)):
                found.extend(Catalog(path, tag) for path in sorted(messages.rglob("*.po")))
    return found


def document_catalogs(
    srcdir: Path, locale_dirs: Iterable[str], language: str, domain: str
) -> list[Catalog]:
    """The catalogs that translate one gettext domain (a document) into ``language``."""
    codes = dict.fromkeys([to_gettext(language), to_gettext(language).split("_")[0]])
    found = []
    for locale_dir in locale_dirs:
        for code in codes:
            path = srcdir / locale_dir / code / "LC_MESSAGES" / f"{domain}.po"
            if path.is_file():
                found.append(Catalog(path, language))
                break
    return found


def _same_language(tag: str, wanted: str) -> bool:
    return tag == wanted or tag == wanted.split("-", maxsplit=1)[0]


def read_catalog(catalog: Catalog) -> PoFile:
    """Parse one catalog (``OSError`` or :class:`~otsmaterials.errors.ParseError` on failure)."""
    return parse_po(catalog.path.read_bytes(), str(catalog.path))


def translators(
    catalogs: Iterable[tuple[Catalog, PoFile]], commits: dict[Path, list[Commit]] | None = None
) -> dict[str, list[Person]]:
    """Translators per language (catalogs' credits and their commits), languages in code order."""
    found: dict[str, list[Contribution]] = {}
    for catalog, po in catalogs:
        changes = (commits or {}).get(catalog.path, [])
        named, _, _ = version_credits("gettext", changes, None, po, catalog.language)
        found.setdefault(catalog.language, []).extend(named)
    merged = {language: merge_people(items) for language, items in sorted(found.items())}
    return {language: people for language, people in merged.items() if people}


def find_licence(root: Path, srcdir: Path | None = None) -> tuple[License, list[Path]]:
    """The licence of the lessons under ``srcdir`` in the working tree at ``root``.

    Found by the index's rules; also returns the files that state it.
    """
    inner = srcdir if srcdir is not None and srcdir != root else None
    subdir = relative_to_repository(inner, root) if inner is not None else None
    if inner is not None and subdir:
        found = detect_licences(DirectoryFiles(inner), outer=DirectoryFiles(root), subdir=subdir)
    else:
        found = detect_licences(DirectoryFiles(root))
    read = sorted({root / e.path for e in found.content.evidence if e.path})
    return found.content, read


def display_name(name: str) -> str:
    """A name fit to publish: an e-mail address in it is cut down to its local part."""
    cleaned = _EMAIL.sub(lambda match: match.group(1) or "", name)
    return " ".join(cleaned.split()).strip(" ,;")
