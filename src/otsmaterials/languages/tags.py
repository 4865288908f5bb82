r"""Language tags: validation, BCP 47 for data, gettext form for paths.

A language code from a catalogue, a front matter key or a directory name is checked against a
strict pattern first and only then given to Babel, so that ``../../x``, ``x\\0y`` or ``CON`` never
reach a path (Babel's CVE-2021-42771 was exactly that). Data and exports use BCP 47 (``pt-BR``,
``zh-Hant-TW``, ``es-419``); files on disk use the gettext form (``pt_BR``, ``sr@latin``).
"""

from __future__ import annotations

import functools
import re

from otsmaterials.errors import LanguageCodeError

__all__ = ["is_language_tag", "normalize_language", "to_gettext"]

_PATTERN = re.compile(
    r"""
    (?P<language>[A-Za-z]{2,3})
    (?:[-_](?P<script>[A-Za-z]{4}))?
    (?:[-_](?P<region>[A-Za-z]{2}|[0-9]{3}))?
    (?P<variants>(?:[-_][A-Za-z0-9]{5,8}|[-_][0-9][A-Za-z0-9]{3})*)
    (?:@(?P<modifier>[A-Za-z]{2,16}))?
    """,
    re.VERBOSE,
)
_MODIFIER_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}
_SCRIPT_MODIFIERS = {script: modifier for modifier, script in _MODIFIER_SCRIPTS.items()}


@functools.lru_cache(maxsize=1024)
def normalize_language(code: str) -> str:
    """The BCP 47 form of a language code (``pt_BR`` → ``pt-BR``, ``sr@latin`` → ``sr-Latn``).

    Every spelling a translator brings means the same tag: ``de_DE``, ``de-de`` and ``DE-de`` are
    ``de-DE``; ``pt-br`` is ``pt-BR``; ISO 639-2/3 codes that have a two-letter form are written
    with it (``deu`` and ``ger`` are ``de``, ``fra`` and ``fre`` are ``fr``).

    Raises :class:`~otsmaterials.errors.LanguageCodeError` for anything that is not a plain
    language tag known to CLDR, before the value is used anywhere else.
    """
    if not isinstance(code, str):
        raise LanguageCodeError(f"language code must be a string, not {type(code).__name__}")
    match = _PATTERN.fullmatch(code)
    if match is None:
        raise LanguageCodeError(f"invalid language code {code!r}")
    language = _two_letter(match["language"].lower())
    script = match["script"]
    if match["modifier"]:
        script = script or _MODIFIER_SCRIPTS.get(match["modifier"].lower())
        if script is None:
            raise LanguageCodeError(f"unknown language modifier in {code!r}")
    parts = [language]
    if script:
        parts.append(script.title())
    if match["region"]:
        parts.append(match["region"].upper())
    tag = "-".join(parts)
    _check_known(tag, code)
    variants = [v.lower() for v in re.split(r"[-_]", match["variants"]) if v]
    return "-".join([tag, *variants])


def _two_letter(language: str) -> str:
    """An ISO 639-2/3 code with a shorter form as that form (``deu``, ``ger`` → ``de``).

    The aliases are CLDR's, through Babel; a code that means a group or another language variant
    (``cmn`` → ``zh-Hans``) keeps its form.
    """
    if len(language) != 3:
        return language
    from babel.core import get_global  # noqa: PLC0415 - Babel loads its data lazily

    alias = str(get_global("language_aliases").get(language, ""))
    return alias if re.fullmatch(r"[a-z]{2,3}", alias) else language


def _check_known(tag: str, original: str) -> None:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - Babel loads locale data lazily

    try:
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError) as error:
        raise LanguageCodeError(f"unknown language code {original!r}") from error


def is_language_tag(code: str) -> bool:
    """Whether ``code`` is a valid language code (in BCP 47 or gettext form)."""
    try:
        normalize_language(code)
    except LanguageCodeError:
        return False
    return True


def to_gettext(code: str) -> str:
    """The gettext form used in file names (``pt-BR`` → ``pt_BR``, ``sr-Latn`` → ``sr@latin``)."""
    parts = normalize_language(code).split("-")
    language, rest = parts[0], parts[1:]
    modifier = None
    if rest and len(rest[0]) == 4 and rest[0] in _SCRIPT_MODIFIERS:
        modifier = _SCRIPT_MODIFIERS[rest.pop(0)]
    name = "_".join([language, *rest])
    return f"{name}@{modifier}" if modifier else name
