"""The library's own messages in the reader's language (gettext domain ``otsmaterials``).

Catalogs are ``locales/<lang>/LC_MESSAGES/otsmaterials.po`` in the source tree, compiled into the
wheel as ``otsmaterials/locales/<lang>/LC_MESSAGES/otsmaterials.mo`` at build time. A checkout
(an editable install) reads the ``.po`` sources directly. Loaded catalogs are remembered by
``(path, mtime, size)``, so a catalog rewritten on disk is read again on the next lookup (a
long-lived process never serves stale translations: ``docs/threat-model.md``, fresh-messages);
corrupt catalogs fall back to English.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from otsmaterials.errors import LanguageCodeError
from otsmaterials.languages.tags import normalize_language, to_gettext

if TYPE_CHECKING:
    from otsmaterials.gettext.plurals import PluralRule

__all__ = ["DOMAIN", "Messages", "available_languages", "language_from_environment", "messages"]

DOMAIN = "otsmaterials"
_SOURCE_LOCALES = Path(__file__).resolve().parents[2] / "locales"
_Key = tuple[str | None, str]
_loaded: dict[tuple[str, str], tuple[tuple[int, int], Messages]] = {}
"""(catalog path, tag asked for) → ((mtime, size), messages)."""


@dataclass(frozen=True)
class Messages:
    """The translations of one language (English when there are none)."""

    language: str
    """The language these messages are in (BCP 47)."""
    table: dict[_Key, tuple[str, ...]]
    """(context, msgid) → translation (plural forms)."""
    plural: PluralRule
    """Which plural form ``n`` takes."""

    def gettext(self, message: str, *, context: str | None = None) -> str:
        """``message`` translated, or itself."""
        found = self.table.get((context, message))
        return found[0] if found and found[0] else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The right plural form of a message for ``n``."""
        found = self.table.get((None, singular))
        if found and all(found):
            index = self.plural(n)
            if 0 <= index < len(found):
                return found[index]
        return singular if n == 1 else plural


def _english() -> Messages:
    return Messages("en", {}, lambda n: int(n != 1))


def _roots(locales: Path | None) -> tuple[Path, Path]:
    """The folders of compiled (``.mo``) and source (``.po``) catalogs: ours, or ``locales``."""
    if locales is not None:
        return locales, locales
    from importlib.resources import files  # noqa: PLC0415 - only when a catalog is looked for

    return Path(str(files("otsmaterials").joinpath("locales"))), _SOURCE_LOCALES


def _candidates(language: str, locales: Path | None) -> list[Path]:
    code = to_gettext(language)
    codes = [code] + ([code.split("_")[0]] if "_" in code else [])
    compiled, source = _roots(locales)
    found = []
    for gettext_code in codes:
        found.append(compiled / gettext_code / "LC_MESSAGES" / f"{DOMAIN}.mo")
        found.append(source / gettext_code / "LC_MESSAGES" / f"{DOMAIN}.po")
    return found


def _plural_rule(header: str) -> PluralRule:
    from otsmaterials.gettext.plurals import compile_plural  # noqa: PLC0415 - see _load

    for line in header.splitlines():
        if line.lower().startswith("plural-forms:") and "plural=" in line:
            try:
                return compile_plural(line.split("plural=", 1)[1].strip().rstrip(";"))
            except ValueError:
                break
    return lambda n: int(n != 1)


def _load(path: Path, language: str) -> Messages:
    # The readers load with the first catalog: a run in English (most runs) never needs them.
    from otsmaterials.gettext.mo import read_mo  # noqa: PLC0415
    from otsmaterials.gettext.reader import parse_po  # noqa: PLC0415

    data = path.read_bytes()
    table: dict[_Key, tuple[str, ...]] = {}
    header = ""
    if path.suffix == ".mo":
        for message in read_mo(data, str(path)):
            if message.msgid == "" and message.msgctxt is None:
                header = message.msgstr[0]
            else:
                table[(message.msgctxt, message.msgid)] = message.msgstr
    else:
        catalog = parse_po(data, str(path))
        header = "\n".join(f"{key}: {value}" for key, value in catalog.header)
        for entry in catalog.active():
            if entry.translated:
                forms = tuple(entry.msgstr_plural) if entry.msgid_plural else (entry.msgstr,)
                table[(entry.msgctxt, entry.msgid)] = forms
    return Messages(language, table, _plural_rule(header))


def messages(language: str | None, *, locales: Path | None = None) -> Messages:
    """The messages for ``language`` (``pt-BR`` falls back to ``pt``, anything to English).

    ``locales`` is a folder of ``<lang>/LC_MESSAGES/otsmaterials.mo`` or ``.po`` catalogs read
    instead of the library's own.
    """
    if not language:
        return _english()
    try:
        tag = normalize_language(language)
    except LanguageCodeError:
        return _english()
    for path in _candidates(tag, locales):
        try:
            stat = path.stat()
        except OSError:
            continue
        identity = (stat.st_mtime_ns, stat.st_size)
        key = (str(path), tag)  # a catalog serves several tags (pt for pt-BR): each its own
        cached = _loaded.get(key)
        if cached is None or cached[0] != identity:
            try:
                _loaded[key] = (identity, _load(path, tag))
            except (OSError, ValueError):
                if cached is None:
                    continue  # a broken catalog never loaded: try the next one
                # a catalog broken while in use: keep serving the last good version
        return _loaded[key][1]
    return _english()


def available_languages(*, locales: Path | None = None) -> list[str]:
    """Languages of the library's messages (or of the catalogs in ``locales``), English too."""
    found = {"en"}
    for root in set(_roots(locales)):
        if root.is_dir():
            for entry in root.iterdir():
                catalog = entry / "LC_MESSAGES"
                if (catalog / f"{DOMAIN}.mo").is_file() or (catalog / f"{DOMAIN}.po").is_file():
                    try:
                        found.add(normalize_language(entry.name))
                    except LanguageCodeError:
                        continue
    return sorted(found)


def language_from_environment(environ: dict[str, str] | None = None) -> str | None:
    """The user's language from ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        for part in value.split(":"):
            code = part.split(".", 1)[0].split("@", 1)[0]
            if code and code not in {"C", "POSIX"}:
                try:
                    return normalize_language(code)
                except LanguageCodeError:
                    continue
    return None
