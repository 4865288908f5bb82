"""Language codes in file names: a suffix (``lesson.de``, ``lesson_de``, ``lesson-de``).

Also what a name is without its code (``README-cs`` is a README), and whether a folder name is
written as a code that is no valid tag (``me-ME``). Language folders are found in ``markers.py``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from otsmaterials.languages.tags import is_language_tag, normalize_language

__all__ = ["looks_like_code", "named", "suffix_splits", "unmarked_names"]

_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?")
_REGION = re.compile(r"[A-Z]{2}")
_LANGUAGE_END = re.compile(r"[-_.][a-z]{2,3}$")
"""A name ending in a language code: a two-capital code after it is its region (``zh_TW``)."""
_NOT_LANGUAGES = frozenset({"min", "old", "new", "bak", "alt", "en_old"})
_CODE_SHAPE = re.compile(r"^[a-z]{2,3}[-_][A-Za-z]{2}$")
"""``xx-XX``: written as a language tag with a region, whether or not it is a valid one."""


def looks_like_code(name: str) -> bool:
    """Whether a folder name is written as a language and region (``me-ME``, ``es-LA``)."""
    return bool(_CODE_SHAPE.match(name))


def suffix_splits(key: str) -> list[tuple[str, str, str]]:
    """Every way the file name of ``key`` can end in a language marker: (stem, language, separator).

    ``core/setup.de`` → [(``core/setup``, ``de``, ``.``)]; ``how-to-de`` → [(``how-to``, ``de``,
    ``-``)] (``to-de`` is no tag). A ``.`` marker comes first, then the longest marker, so that a
    caller can take the first whose stem is a page. A ``-`` marker starts with a two-letter
    language (``install-mac`` and ``setup-win`` name systems, not Macedonian or Winnebago); the
    region of a language and region (``courses-zh_TW``) is no marker alone (Twi, ``tw``).
    """
    directory, name = posixpath.split(key)
    found = []
    for at, separator, code in _tails(name):
        if separator == "-" and len(re.split(r"[-_]", code, maxsplit=1)[0]) != 2:
            continue
        if _REGION.fullmatch(code) and _LANGUAGE_END.search(name[:at]):
            continue  # the region of ``zh_TW``, no Twi (``tw``) of its own
        if is_language_tag(code):
            stem = posixpath.join(directory, name[:at]) if directory else name[:at]
            found.append((stem, normalize_language(code), separator))
    return sorted(found, key=lambda split: split[2] != ".")


def unmarked_names(name: str) -> set[str]:
    """A file name (no extension) and what it is without a language marker it may carry.

    ``README-cs`` → {``README-cs``, ``README``}; ``CONTRIBUTING-np`` → {…, ``CONTRIBUTING``}:
    what a file is (a README, a contribution guide) does not change with its language, even one
    written with a code that is no language tag (``np`` is Nepal's, ``fil`` after a ``-``).
    """
    names = {name}
    for at, _separator, code in _tails(name):
        if len(code) == 2 or looks_like_code(code) or is_language_tag(code):  # not ``index-faq``
            names.add(name[:at])
    return names


def named(name: str, word: str) -> bool:
    """Whether a file name (no extension) is ``word`` in any case and any language.

    ``README-cs`` and ``readme.pt-BR`` are ``readme``; ``README-first`` is not.
    """
    return word in {unmarked.lower() for unmarked in unmarked_names(name)}


def _tails(name: str) -> Iterator[tuple[int, str, str]]:
    """Where ``name`` ends in something written as a language code: (where, separator, code)."""
    for at, separator in enumerate(name):
        if at and separator in "._-":
            code = name[at + 1 :]
            if _CODE.fullmatch(code) and code.lower() not in _NOT_LANGUAGES:
                yield at, separator, code
