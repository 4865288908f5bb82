"""Languages written into paths: per-language folders and file name suffixes.

* folders: ``de/core/setup.md``, ``pt-BR/…``, ``pt_BR/…`` — a first folder named by a language
  code, recognised when another language folder exists or the same page exists outside it; and
  so below a content folder (``content/de/…`` beside ``content/en/…``, Hugo's and MkDocs' way;
  ``docs/de/guide/intro.md`` beside ``docs/guide/intro.md``, VitePress');
* suffixes: ``lesson.de.md`` (always), ``lesson_de.md``, ``lesson-de.md`` and ``index_de.html``
  (only when the unsuffixed page exists, so that ``intro_to.md`` is not taken for Tongan; a ``-``
  marker starts with a two-letter language, so ``install-mac.md`` is no Macedonian);
* a file the site kind keys itself (a folder's ``README.pt-BR.md``, a post) by its file name.

A folder written as a language and region that is no valid tag (``me-ME``, ``es-LA``) beside
real language folders is a language folder too, and so is such a suffix (``setup.me-ME.md``)
beside the page without it; the code is kept for the report (or the catalogue's mapping).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from otsmaterials.languages.tags import is_language_tag, normalize_language
from otsmaterials.layouts.base import Candidate, Site
from otsmaterials.layouts.pathlang import looks_like_code, suffix_splits

__all__ = ["candidates"]


def candidates(site: Site) -> list[Candidate]:
    """The site's lesson files with their keys and path-given languages."""
    keys = {path: site.key(path) for path in site.files}
    files = set(site.files)
    plain = set(keys.values())
    folders = _language_folders(plain)
    top = [folder for folder in folders.values() if not folder.parent]
    known = plain | {folder.rest for folder in top}
    found = []
    for path, key in keys.items():
        folder = folders.get(key)
        if folder and (folder.beside > 1 or folder.rest in plain):
            found.append(Candidate(folder.rest, folder.language, path, "folder"))
            continue
        if path in site.keys:  # the kind's own key (a folder, a slug): the marker is the file's
            found.append(_named(site, path, key, files))
            continue
        suffix = next((s for s in suffix_splits(key) if s[2] == "." or s[0] in plain), None)
        if suffix:
            found.append(Candidate(suffix[0], suffix[1], path, "suffix"))
            continue
        first, _, rest = key.partition("/")
        if top and rest and looks_like_code(first) and rest in known:
            found.append(Candidate(rest, None, path, "folder", code=first))
            continue
        stem, dot, code = key.rpartition(".")
        if dot and looks_like_code(code) and stem in plain:
            found.append(Candidate(stem, None, path, "suffix", code=code))
            continue
        found.append(Candidate(key, None, path))
    return _families(found, plain)


@dataclass(frozen=True, slots=True)
class _LanguageFolder:
    """A key's folder named by a language tag: the shallowest one."""

    parent: str
    """The folders above it (``""`` at the top, ``content`` for ``content/de/…``)."""
    rest: str
    """The key without it: ``content/docs/setup`` for ``content/de/docs/setup``."""
    language: str
    beside: int
    """How many languages have a folder in ``parent``."""


def _language_folders(keys: set[str]) -> dict[str, _LanguageFolder]:
    """Each key's shallowest folder named by a language tag.

    ``de/core/setup`` → ``core/setup`` in ``de``; ``content/de/docs/setup`` (Hugo) →
    ``content/docs/setup``, beside ``content/en/``; ``docs/zh/guide/intro`` (VitePress) →
    ``docs/guide/intro``. Such a folder is a language folder when its parent holds folders of two
    or more languages, or when the page exists outside it (``docs/guide/intro``): a lone
    ``notes/it`` is an ordinary folder.
    """
    split: dict[str, tuple[str, str, str]] = {}
    languages: dict[str, set[str]] = {}
    for key in keys:
        parts = key.split("/")
        for depth in range(len(parts) - 1):
            name = parts[depth]
            if len(name) <= _FOLDER_CODE and is_language_tag(name):
                parent = "/".join(parts[:depth])
                language = normalize_language(name)
                split[key] = (parent, "/".join(parts[:depth] + parts[depth + 1 :]), language)
                languages.setdefault(parent, set()).add(language)
                break
    return {
        key: _LanguageFolder(parent, rest, language, len(languages[parent]))
        for key, (parent, rest, language) in split.items()
    }


_FOLDER_CODE = 10
"""The longest folder name taken for a language tag (``zh-Hant-TW``)."""
_FAMILY_MEMBER = re.compile(r"^(?P<stem>.+)[-_](?P<code>[A-Za-z]{2,3})$")
_FAMILY = 2
"""Versions of a page marked with a language beside it (``HOWTO-de``, ``HOWTO-fr``): a family."""


def _families(found: list[Candidate], plain: set[str]) -> list[Candidate]:
    """Count a family's other members in.

    ``HOWTO-fil`` (a three-letter code after ``-``) is the Filipino version of ``HOWTO`` beside
    ``HOWTO-de`` and ``HOWTO-fr``; ``HOWTO-np`` (no language tag) is reported with the language
    its text reads as, as a folder of such a code is.
    """
    members: dict[str, int] = {}
    for candidate in found:
        if candidate.marker == "suffix" and candidate.language is not None:
            members[candidate.key] = members.get(candidate.key, 0) + 1
    if not members:
        return found
    counted = []
    for candidate in found:
        match = _FAMILY_MEMBER.match(candidate.key) if candidate.marker == "none" else None
        stem = match["stem"] if match else ""
        if match is None or stem not in plain or members.get(stem, 0) < _FAMILY:
            counted.append(candidate)
        elif is_language_tag(match["code"]):
            language = normalize_language(match["code"])
            counted.append(Candidate(stem, language, candidate.path, "suffix"))
        else:
            counted.append(Candidate(stem, None, candidate.path, "suffix", code=match["code"]))
    return counted


def _named(site: Site, path: str, key: str, files: set[str]) -> Candidate:
    """A file the site kind keys itself, whose file name may carry a language marker.

    ``trie/README.ko-KR.md`` (keyed by its folder, ``trie``) is the Korean version of ``trie``;
    ``_posts/2013-10-17-intro.de.md`` (keyed by its slug, ``intro.de``) the German one of
    ``intro``. A ``_`` or ``-`` marker counts when the file without it exists.
    """
    directory, name = posixpath.split(path)
    stem, extension = posixpath.splitext(name)
    for plain_stem, language, separator in suffix_splits(stem):
        unmarked = posixpath.join(directory, f"{plain_stem}{extension}")
        if separator == "." or unmarked in files:
            marker = stem[len(plain_stem) :]
            return Candidate(key.removesuffix(marker), language, path, "suffix")
    plain_stem, dot, code = stem.rpartition(".")
    if dot and looks_like_code(code) and posixpath.join(directory, plain_stem + extension) in files:
        return Candidate(key.removesuffix(f".{code}"), None, path, "suffix", code=code)
    return Candidate(key, None, path)
