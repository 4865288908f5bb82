"""``init`` and ``update``: new catalogs for a language, and templates merged into catalogs.

Merging follows msgmerge: translations are kept; a message whose source changed only in
whitespace keeps its translation as it is; a changed message gets the closest old translation,
marked fuzzy, with the old msgid as ``#|``; messages that vanished are kept as obsolete (``#~``)
unless asked not to; translator comments and the ``# Translators:`` block are kept, the header is
refreshed. Untranslated messages can be filled from a translation memory (fuzzy too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from otsmaterials._version import __version__
from otsmaterials.gettext.catalog import PoEntry, PoFile, timestamp
from otsmaterials.gettext.fuzzy import FuzzyIndex
from otsmaterials.gettext.stats import normalize_message
from otsmaterials.languages.tags import normalize_language, to_gettext

__all__ = ["MergeResult", "TranslationMemory", "cldr_plural_forms", "merge_catalog", "new_catalog"]


def cldr_plural_forms(language: str) -> str:
    """CLDR's ``Plural-Forms`` header for ``language`` (through Babel)."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - CLDR plural rules
    from babel.messages.plurals import get_plural  # noqa: PLC0415

    try:
        return str(get_plural(Locale.parse(language, sep="-")).plural_forms)
    except (ValueError, UnknownLocaleError):
        return "nplurals=2; plural=(n != 1);"


def _english_name(language: str) -> str:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415

    try:
        return str(Locale.parse(language, sep="-").get_display_name("en") or language)
    except (ValueError, UnknownLocaleError):
        return language


def new_catalog(
    template: PoFile, language: str, *, now: str | None = None, plural_forms: str | None = None
) -> PoFile:
    """A catalog for ``language`` made from ``template`` (``init``): nothing translated yet.

    ``plural_forms``: the ``Plural-Forms`` header (default: CLDR's rule for the language).
    """
    tag = normalize_language(language)
    project = template.header_value("Project-Id-Version") or "PACKAGE VERSION"
    header = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", template.header_value("Report-Msgid-Bugs-To") or ""),
        ("POT-Creation-Date", template.header_value("POT-Creation-Date") or now or timestamp()),
        ("PO-Revision-Date", now or timestamp()),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", f"{_english_name(tag)} <LL@li.org>"),
        ("Language", to_gettext(tag)),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms or cldr_plural_forms(tag)),
        ("X-Generator", f"otsmaterials {__version__}"),
    ]
    comments = [f"{_english_name(tag)} translations of {project}.", "", "Translators:"]
    entries = [
        replace(
            e, msgstr="", msgstr_plural=[], flags=[f for f in e.flags if f != "fuzzy"], comments=[]
        )
        for e in template.active()
    ]
    return PoFile(header, comments, [], entries)


@dataclass
class TranslationMemory:
    """Translations in one language to suggest for untranslated messages."""

    exact: dict[str, str] = field(default_factory=dict)
    """Normalised msgid → msgstr."""
    _fuzzy: FuzzyIndex[str] | None = None

    @property
    def fuzzy(self) -> FuzzyIndex[str]:
        """For close matches: made when first asked (most updates never need it)."""
        if self._fuzzy is None:
            self._fuzzy = FuzzyIndex(list(self.exact.items()))
        return self._fuzzy

    @classmethod
    def from_pairs(cls, pairs: Mapping[str, str]) -> TranslationMemory:
        """A memory from msgid → msgstr pairs (empty msgstrs ignored)."""
        return cls({normalize_message(k): v for k, v in pairs.items() if v})

    def suggest(self, msgid: str) -> str | None:
        """An exact match first, then a close one."""
        key = normalize_message(msgid)
        if key in self.exact:
            return self.exact[key]
        if not self.exact:
            return None
        found = self.fuzzy.best(key)
        return found[0] if found else None


@dataclass(frozen=True)
class MergeResult:
    """A merged catalog and what the merge did."""

    catalog: PoFile
    """The new content."""
    changed: bool
    """Whether any entry differs from the old catalog (header dates aside)."""
    kept: int = 0
    """Translations carried over unchanged."""
    fuzzy: int = 0
    """Changed messages given a close old translation, marked fuzzy."""
    suggested: int = 0
    """Untranslated messages filled from the translation memory (fuzzy)."""
    untranslated: int = 0
    """Messages left untranslated: new ones, and old ones that had no translation yet."""
    obsolete: int = 0
    """Messages that vanished from the template (kept as ``#~`` unless dropped)."""


def _translation(new: PoEntry, old: PoEntry) -> tuple[str, list[str], bool]:
    """``old``'s translation in ``new``'s shape: msgstr, plural forms, whether the shape changed.

    A message that became plural keeps its translation as the first form; one that stopped being
    plural keeps its first form (both fuzzy: the translator looks again).
    """
    if (new.msgid_plural is None) == (old.msgid_plural is None):
        plural = list(old.msgstr_plural) if new.msgid_plural is not None else []
        return old.msgstr, plural, False
    if new.msgid_plural is None:
        return (old.msgstr_plural[0] if old.msgstr_plural else old.msgstr), [], True
    forms = max(len(new.msgstr_plural), 2)
    return "", [old.msgstr, *[""] * (forms - 1)], True


def _carry(new: PoEntry, old: PoEntry) -> PoEntry:
    msgstr, plural, reshaped = _translation(new, old)
    fuzzy = old.fuzzy or (reshaped and bool(msgstr or any(plural)))
    flags = [f for f in new.flags if f != "fuzzy"] + (["fuzzy"] if fuzzy else [])
    return replace(
        new,
        msgstr=msgstr,
        msgstr_plural=plural,
        comments=list(old.comments),
        flags=flags,
        previous_msgid=old.previous_msgid if old.fuzzy else None,
        previous_msgctxt=old.previous_msgctxt if old.fuzzy else None,
    )


def _fuzzy_from(new: PoEntry, old: PoEntry) -> PoEntry:
    entry = _carry(new, old)
    entry.flags = [*entry.flags, "fuzzy"] if "fuzzy" not in entry.flags else entry.flags
    entry.previous_msgid = old.previous_msgid or old.msgid
    entry.previous_msgctxt = old.msgctxt
    return entry


def _refresh_header(old: PoFile, template: PoFile, now: str) -> list[tuple[str, str]]:
    header = list(old.header)
    created = template.header_value("POT-Creation-Date")
    updates = {"POT-Creation-Date": created, "X-Generator": f"otsmaterials {__version__}"}
    names = {key.lower() for key, _ in header}
    for key, value in updates.items():
        if value is None:
            continue
        if key.lower() in names:
            header = [(k, value if k.lower() == key.lower() else v) for k, v in header]
        else:
            header.append((key, value))
    return header


def merge_catalog(
    old: PoFile,
    template: PoFile,
    *,
    keep_obsolete: bool = True,
    memory: TranslationMemory | None = None,
    now: str | None = None,
) -> MergeResult:
    """Merge ``template`` into ``old`` (``update``); see the module docstring."""
    exact = {e.key(): e for e in old.active()}
    by_text = {
        (e.msgctxt, normalize_message(e.msgid)): e
        for e in old.entries
        if e.msgstr or any(e.msgstr_plural)
    }
    current = {e.key() for e in template.active()}
    # Fuzzy sources: old translations whose message left the template (a message still there
    # keeps its own translation; a near copy of it is found through the memory instead)
    candidates = FuzzyIndex(
        [
            (e.msgid, e)
            for e in old.entries
            if (e.msgstr or any(e.msgstr_plural)) and (e.obsolete or e.key() not in current)
        ]
    )
    counts = {"kept": 0, "fuzzy": 0, "suggested": 0, "untranslated": 0}
    entries: list[PoEntry] = []
    reused: set[int] = set()
    for new in template.active():
        entry, how, source = _match(new, exact, by_text, candidates, memory)
        counts[how] += 1
        entries.append(entry)
        if source is not None:
            reused.add(id(source))
    carried = {e.key() for e in entries}
    stale = [
        replace(e, obsolete=True, locations=[], previous_msgid=None, previous_msgctxt=None)
        for e in old.entries
        if e.key() not in carried and id(e) not in reused and (e.msgstr or any(e.msgstr_plural))
    ]
    if keep_obsolete:
        entries.extend(stale)
    merged = PoFile(
        _refresh_header(old, template, now or timestamp()),
        list(old.header_comments),
        [f for f in old.header_flags if f != "fuzzy"],
        entries,
    )
    changed = merged.entries != old.entries
    return MergeResult(merged, changed, obsolete=len(stale), **counts)


def _match(
    new: PoEntry,
    exact: dict[tuple[str | None, str], PoEntry],
    by_text: dict[tuple[str | None, str], PoEntry],
    candidates: FuzzyIndex[PoEntry],
    memory: TranslationMemory | None,
) -> tuple[PoEntry, str, PoEntry | None]:
    """The merged entry, how it was made, and the old entry it came from."""
    found = exact.get(new.key())
    if found is not None and (found.msgstr or any(found.msgstr_plural) or found.comments):
        return _carry(new, found), "kept", found
    same = by_text.get((new.msgctxt, normalize_message(new.msgid)))
    if same is not None:  # only whitespace changed: the translation carries over as it is
        return _carry(new, same), "kept", same
    close = candidates.best(new.msgid)
    if close is not None:
        return _fuzzy_from(new, close[0]), "fuzzy", close[0]
    suggestion = memory.suggest(new.msgid) if memory is not None else None
    if suggestion and new.msgid_plural is None:
        return replace(new, msgstr=suggestion, flags=[*new.flags, "fuzzy"]), "suggested", None
    fresh = replace(new, msgstr="", msgstr_plural=[""] * len(new.msgstr_plural))
    if found is not None:
        fresh.comments = list(found.comments)
    return fresh, "untranslated", found
