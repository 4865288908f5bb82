"""Gettext catalogs of lessons: ``<locale dir>/<lang>/LC_MESSAGES/<lesson>.po``.

Locale directories come from Sphinx's ``locale_dirs``, from a Transifex ``.tx/config``
(``file_filter = source/locale/<lang>/LC_MESSAGES/loops.po``, with its ``lang_map``), or are the
translator workflow's default ``locale/``. One catalog per document (Sphinx with
``gettext_compact = False``); a single catalog for a whole folder (``gettext_compact``) or for
the whole project is not a lesson's translation and is left out.
"""

from __future__ import annotations

import configparser
import contextlib
import re
from dataclasses import dataclass, field

from otsmaterials.errors import LanguageCodeError, ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.languages.tags import normalize_language
from otsmaterials.layouts.base import Files

__all__ = ["CatalogRef", "TransifexConfig", "find_catalogs", "read_transifex"]

_CATALOG = re.compile(r"^(?P<dir>(?:.+/)?)(?P<lang>[^/]+)/LC_MESSAGES/(?P<doc>.+)\.po$")


@dataclass(frozen=True)
class CatalogRef:
    """A catalog translating one lesson into one language."""

    key: str
    """The lesson key (document name relative to the content root)."""
    language: str
    """BCP 47 tag."""
    path: str
    """The ``.po`` file, relative to the material's ``subdir``."""


@dataclass
class TransifexConfig:
    """What a ``.tx/config`` says about where catalogs are and how languages are named."""

    locale_dirs: list[str] = field(default_factory=list)
    """Directories in front of ``<lang>/LC_MESSAGES`` in each ``file_filter``."""
    lang_map: dict[str, str] = field(default_factory=dict)
    """Transifex code → local code."""
    source_language: str | None = None
    """``source_lang``."""


def read_transifex(tree: Files) -> TransifexConfig:
    """Read ``.tx/config`` if there is one (a broken one is ignored)."""
    config = TransifexConfig()
    data = tree.read([".tx/config"], max_size=256 * 1024).get(".tx/config")
    if data is None:
        return config
    parser = configparser.RawConfigParser(strict=False)
    with contextlib.suppress(configparser.Error, ParseError):
        parser.read_string(decode_text(data, ".tx/config").text)
    for section in parser.sections():
        pattern = parser.get(section, "file_filter", fallback="")
        if "<lang>" in pattern:
            directory = pattern.split("<lang>", 1)[0].rstrip("/")
            if directory not in config.locale_dirs:
                config.locale_dirs.append(directory)
        mapping = parser.get(section, "lang_map", fallback="")
        for pair in mapping.split(","):
            remote, colon, local = pair.partition(":")
            if colon:
                config.lang_map[remote.strip()] = local.strip()
        config.source_language = parser.get(section, "source_lang", fallback=None) or (
            config.source_language
        )
    return config


def find_catalogs(tree: Files, locale_dirs: list[str]) -> tuple[list[CatalogRef], list[str]]:
    """Catalogs under ``locale_dirs``, keyed by document name; and notes on what was skipped."""
    found: list[CatalogRef] = []
    notes: list[str] = []
    dirs = {d.strip("/") for d in locale_dirs}
    for path in tree.paths:
        match = _CATALOG.match(path)
        if match is None or match["dir"].rstrip("/") not in dirs:
            continue
        try:
            language = normalize_language(match["lang"])
        except LanguageCodeError:
            notes.append(f"{path}: ignored: {match['lang']!r} is not a language code")
            continue
        found.append(CatalogRef(match["doc"], language, path))
    return found, notes
