"""Branches that hold a whole translation: named by a language code or a language name.

``de``, ``pt-BR``, ``pt_BR``; ``german`` (English name), ``deutsch`` (the language's own name),
``français``/``francais``; also ``german-translation``. Names come from CLDR through Babel.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from otsmaterials.languages.tags import is_language_tag, normalize_language

__all__ = ["branch_language"]

_COMMON = (
    "af am ar bg bn ca cs cy da de el en eo es et eu fa fi fr ga gl gu he hi hr hu hy id is it ja "
    "ka kn ko lt lv mk ml mr ms nb nl nn no pa pl pt ro ru sk sl sq sr sv sw ta te th tr uk ur "
    "vi zh"
).split()
_NOT_BRANCH_LANGUAGES = frozenset({"main", "master", "dev", "develop", "gh-pages", "trunk"})
# Codes that are also everyday English branch words: not taken for languages on their own.
_AMBIGUOUS_CODES = frozenset(
    {"am", "an", "as", "be", "he", "id", "is", "my", "no", "or", "so", "to"}
)
_TRANSLATION_WORDS = frozenset(
    {"translation", "translations", "lang", "language", "locale", "i18n", "l10n", "translate"}
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    from babel import Locale  # noqa: PLC0415 - CLDR data loads only when branches are examined

    english = Locale("en").languages
    names: dict[str, str] = {}
    for code in _COMMON:
        for name in (english.get(code), Locale.parse(code).get_display_name(code)):
            if name:
                names.setdefault(_fold(name), code)
    names.setdefault("brazilian", "pt-BR")
    names.setdefault("brasileiro", "pt-BR")
    return names


def branch_language(branch: str) -> str | None:
    """The language a branch is named after, or ``None``."""
    name = branch.strip()
    if name.lower() in _NOT_BRANCH_LANGUAGES:
        return None
    if len(name) <= 10 and name.lower() not in _AMBIGUOUS_CODES and is_language_tag(name):
        return normalize_language(name)
    folded = _fold(name)
    names = _names()
    if folded in names:
        return names[folded]
    tokens = [token for token in re.split(r"[-_/.\s]+", folded) if token]
    for token in tokens:
        if len(token) > 3 and token in names:
            return names[token]
    codes = [token for token in tokens if token not in _TRANSLATION_WORDS]
    if len(tokens) == 2 and len(codes) == 1 and is_language_tag(codes[0]):
        return normalize_language(codes[0])  # translation-de, lang_fr
    return None
