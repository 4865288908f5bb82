"""Language codes in paths: a first folder (``de/…``) or a file name suffix (``lesson.de``)."""

from __future__ import annotations

import posixpath
import re

from otsmaterials.languages import is_language_tag, normalize_language

__all__ = ["split_folder", "split_suffix"]

_SUFFIX = re.compile(r"^(?P<stem>.+?)(?P<sep>[._])(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?)$")
_NOT_LANGUAGES = frozenset({"min", "old", "new", "bak", "alt", "en_old"})


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
