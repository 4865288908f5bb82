"""What the Sphinx directives credit, read from a working repository (no Sphinx imports here).

Git authors come from the working repository's own ``.git`` through :class:`GitRunner` (no
transport allowed, so nothing ever reaches the network); translators from the ``# Translators:``
blocks and ``Last-Translator`` headers of ``<locale_dir>/<lang>/LC_MESSAGES/*.po``; the licence
from the LICENSE / LICENCE / COPYING notices at the repository root, else its README. Nothing
returned here carries an e-mail address meant for display.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from otsmaterials._git.history import walk_history
from otsmaterials._git.process import GitRunner
from otsmaterials.attribution.people import (
    Contribution,
    Person,
    from_commits,
    merge_people,
    po_translators,
)
from otsmaterials.errors import GitError, LanguageCodeError, ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.languages import normalize_language, to_gettext
from otsmaterials.licensing.evidence import Finding, find_in_text, licence_sections
from otsmaterials.licensing.spdx import KnownLicence
from otsmaterials.translate.po import PoFile, parse_po

__all__ = [
    "Catalog",
    "display_name",
    "document_catalogs",
    "find_catalogs",
    "find_licence",
    "find_repository",
    "git_authors",
    "history_marker",
    "join_names",
    "language_name",
    "public_remote",
    "public_url",
    "read_catalog",
    "relative_to_repository",
    "repository_path",
    "translators",
]

_LICENCE_FILE = re.compile(r"^(licen[cs]e|copying)([._-].*)?$", re.IGNORECASE)
_README = re.compile(r"^readme([._-].*)?$", re.IGNORECASE)
_MAX_TEXT_BYTES = 512 * 1024
_EMAIL = re.compile(r"<[^<>]*>|([^\s<>@,;]+)@[^\s<>@,;]+")
_BARE_EMAIL = re.compile(r"([^\s<>@,;]+)@[^\s<>@,;]+\.[^\s<>@,;]+")
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
    """Authors of ``HEAD``'s history (limited to ``paths``), merged, bots left out.

    Raises :class:`~otsmaterials.errors.GitError` or ``StorageError`` when git cannot tell.
    """
    commits = walk_history(runner, root / ".git", "HEAD", paths=paths)
    return merge_people(_unmasked(from_commits(commits)))


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


def translators(catalogs: Iterable[tuple[Catalog, PoFile]]) -> dict[str, list[Person]]:
    """Translators per language, merged within each language, languages in code order."""
    found: dict[str, list[Contribution]] = {}
    for catalog, po in catalogs:
        last = po.header_value("Last-Translator")
        named = po_translators(po.header_comments, last, catalog.language)
        found.setdefault(catalog.language, []).extend(_unmasked(named))
    merged = {language: merge_people(items) for language, items in sorted(found.items())}
    return {language: people for language, people in merged.items() if people}


def _unmasked(contributions: list[Contribution]) -> list[Contribution]:
    """A name that is an e-mail address is taken as the address (so it merges by e-mail)."""
    for item in contributions:
        match = _BARE_EMAIL.fullmatch(item.name.strip())
        if match is not None:
            item.email = item.email or match.group(0)
            item.name = match.group(1)
    return contributions


def find_licence(root: Path) -> tuple[KnownLicence | None, list[Path]]:
    """The licence stated at ``root`` (notices first, then the README) and the files read."""
    files = sorted(p for p in root.iterdir() if p.is_file()) if root.is_dir() else []
    read: list[Path] = []
    for pattern, readme in ((_LICENCE_FILE, False), (_README, True)):
        for path in (p for p in files if pattern.match(p.name)):
            read.append(path)
            text = _read_text(path)
            findings = _readme_findings(text) if readme else find_in_text(text)
            if findings:
                return findings[0].licence, read
    return None, read


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
        if len(data) > _MAX_TEXT_BYTES:
            return ""
        return decode_text(data, path.name).text
    except (OSError, ParseError):
        return ""


def _readme_findings(text: str) -> list[Finding]:
    found = [
        f for line, part in licence_sections(text) for f in find_in_text(part, first_line=line)
    ]
    return found or [f for f in find_in_text(text) if f.kind in {"deed-link", "badge"}]


def display_name(name: str) -> str:
    """A name fit to publish: an e-mail address in it is cut down to its local part."""
    cleaned = _EMAIL.sub(lambda match: match.group(1) or "", name)
    return " ".join(cleaned.split()).strip(" ,;")


def language_name(tag: str, locale: str) -> str:
    """The name of language ``tag`` in ``locale`` (``de`` in ``de``: ``Deutsch``)."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - CLDR data, loaded lazily

    try:
        name = Locale.parse(tag, sep="-").get_display_name(Locale.parse(locale, sep="-"))
    except (ValueError, UnknownLocaleError):
        return tag
    return f"{name[:1].upper()}{name[1:]}" if name else tag


def join_names(names: list[str], locale: str) -> str:
    """Names joined the way ``locale`` joins a list (``Ana, Bea und Carl``)."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415
    from babel.lists import format_list  # noqa: PLC0415

    try:
        return format_list(names, locale=Locale.parse(locale, sep="-"))
    except (ValueError, UnknownLocaleError):
        return ", ".join(names)
