"""Language codes in paths: a first folder (``de/…``) or a file name suffix (``lesson.de``)."""

from __future__ import annotations

import posixpath
import re

from otsmaterials.languages.tags import is_language_tag, normalize_language

__all__ = ["looks_like_code", "split_folder", "split_suffix"]

_SUFFIX = re.compile(r"^(?P<stem>.+?)(?P<sep>[._])(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)$")
_NOT_LANGUAGES = frozenset({"min", "old", "new", "bak", "alt", "en_old"})
_CODE_SHAPE = re.compile(r"^[a-z]{2,3}[-_][A-Za-z]{2}$")
"""``xx-XX``: written as a language tag with a region, whether or not it is a valid one."""


def looks_like_code(name: str) -> bool:
    """Whether a folder name is written as a language and region (``me-ME``, ``es-LA``)."""
    return bool(_CODE_SHAPE.match(name))


def split_folder(key: str) -> tuple[str, str] | None:
    """``de/core/setup`` → (``core/setup``, ``de``) if the first folder is a language code."""
    first, _, rest = key.partition("/")
    if not rest or len(first) > 10 or not is_language_tag(first):
        return None
    return rest, normalize_language(first)


def split_suffix(key: str) -> tuple[str, str, str] | None:
    """``core/setup.de`` → (``core/setup``, ``de``, ``.``) if the name ends in a language code."""
    directory, name = posixpath.split(key)
    match = _SUFFIX.match(name)
    if match is None or match["lang"].lower() in _NOT_LANGUAGES:
        return None
    if not is_language_tag(match["lang"]):
        return None
    stem = posixpath.join(directory, match["stem"]) if directory else match["stem"]
    return stem, normalize_language(match["lang"]), match["sep"]
