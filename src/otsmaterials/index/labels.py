"""Which language each page is in, and which language is the material's original.

A page's language is what its place states (a language folder or suffix, its site's ``lang``,
its front matter); a page whose place states nothing takes the language its text is in, else the
material's. The text is checked against what the place states: a copy of the original left in a
translation's folder (or committed there before it was translated) is not a translation, and a
page whose folder names no language at all (``me-ME``) or names another language than its text
is reported with the language the text reads as, never guessed.

The material's original language is the catalogue's ``language`` where it is set, else the one
its site configures (``conf.py`` ``language``, ``config.yaml`` ``lang:``, ``book.toml``), else the
language of the pages that pages placed in a language translate (``HOWTO.md`` beside
``HOWTO-de.md``), else the language whose pages were committed first, else the one its text is
in.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from otsmaterials.errors import LanguageCodeError
from otsmaterials.index.context import MaterialRun
from otsmaterials.index.drafts import Draft
from otsmaterials.languages.identify import TextLanguage, same_language
from otsmaterials.languages.tags import normalize_language
from otsmaterials.layouts.base import Site

__all__ = [
    "CONFIDENT",
    "label_languages",
    "language_name",
    "original_language",
    "reads_as",
    "untranslated",
]

CONFIDENT = 0.6
"""The identification probability from which the text's language counts (measured on 911 real
lesson pages in 27 languages, whole and cut to 300 characters: no wrong answer at 0.4 or more,
98 % of the answers at 0.6 or more; see ``docs/architecture.md``)."""


def label_languages(run: MaterialRun, drafts: Sequence[Draft]) -> list[Draft]:
    """Give each page its stated or detected language; pages in no valid language are left out.

    A code that is no language tag (``me-ME``) is reported once, with the language most of its
    pages read as, unless the catalogue's ``language_codes`` maps it.
    """
    kept = []
    invalid: dict[str, list[Draft]] = {}
    for draft in drafts:
        if draft.code is not None:
            mapped = run.spec.language_codes.get(draft.code)
            if mapped is None:
                invalid.setdefault(draft.code, []).append(draft)
                continue
            draft.marked = mapped
        draft.language = draft.declared or _detected(run.detected(draft)) or ""
        kept.append(draft)
    for code, pages in invalid.items():
        folder = pages[0].site.root if pages[0].site and pages[0].site.root else pages[0].path
        run.problem(
            folder,
            f"{code!r} is not a language tag ({len(pages)} page(s); {reads_as(run, pages)}): "
            f'left out (map it in the catalogue: language_codes = {{ "{code}" = "…" }})',
            severity="warning",
        )
    return kept


def original_language(run: MaterialRun, sites: Sequence[Site], drafts: Sequence[Draft]) -> str:
    """The material's original language (see the module docstring); unlabelled pages take it."""
    chosen, configured = _original(run, sites, drafts)
    run.language, run.configured = chosen, configured
    for draft in drafts:
        if not draft.language:
            draft.language = chosen
    return chosen


def _original(run: MaterialRun, sites: Sequence[Site], drafts: Sequence[Draft]) -> tuple[str, bool]:
    if "language" in run.spec.model_fields_set:
        return run.spec.language, True
    stated = {site.language for site in sites}
    if len(stated) == 1 and None not in stated:
        (language,) = stated
        if language is not None:
            return language, True
    if not any(draft.placed for draft in drafts):
        return _most_written(drafts, run.spec.language), False
    translated = {draft.key for draft in drafts if draft.placed}
    partners = [draft for draft in drafts if not draft.placed and draft.key in translated]
    if partners:  # ``HOWTO-de.md`` translates ``HOWTO.md``: the original is in HOWTO.md's language
        return _most_written(partners, run.spec.language), False
    by_language: dict[str, list[Draft]] = {}
    for draft in drafts:  # an unplaced page whose language nothing tells is in the default one
        if draft.language or not draft.placed:
            by_language.setdefault(draft.language or run.spec.language, []).append(draft)
    if not by_language:
        return run.spec.language, False
    return min(by_language, key=lambda language: _seniority(run, language, by_language)), False


def _most_written(drafts: Sequence[Draft], default: str) -> str:
    """The language most words are written in.

    Among pages that do not declare a language (a page whose text is too short to tell counts
    as ``default``); else among all pages.
    """
    undeclared = [draft for draft in drafts if draft.declared is None] or list(drafts)
    words: dict[str, int] = {}
    for draft in undeclared:
        language = draft.language or default
        words[language] = words.get(language, 0) + max(draft.words, 1)
    return max(sorted(words), key=lambda language: words[language], default=default)


def _seniority(
    run: MaterialRun, language: str, by_language: dict[str, list[Draft]]
) -> tuple[float, int, int, int]:
    """How early a language's pages came (the smallest wins).

    Earlier first commits first; then a language with pages not placed in a language's folder
    or site; then the catalogue's default language; then the most pages.
    """
    drafts = by_language[language]
    times = [t for draft in drafts if (t := run.first_commit(draft)) is not None]
    first = statistics.median(times) if times else float("inf")
    placed = all(draft.placed for draft in drafts)
    return (first, int(placed), int(language != run.spec.language), -len(drafts))


def untranslated(run: MaterialRun, drafts: Sequence[Draft]) -> list[Draft]:
    """Leave out pages that a place gives another language than their text (reported)."""
    kept = []
    for draft in drafts:
        declared = draft.declared
        if declared is None or same_language(declared, run.language):
            kept.append(draft)  # the original's own pages: their text is not asked
            continue
        found = run.detected(draft)
        if found is None or found.confidence < CONFIDENT or same_language(declared, found.language):
            kept.append(draft)
        elif same_language(found.language, run.language):
            run.problem(
                draft.path,
                f"not a translation into {language_name(declared)} ({declared}): its text is in "
                f"the original's language, {language_name(run.language)} ({run.language})",
                severity="warning",
            )
        else:
            run.problem(
                draft.path,
                f"stated to be {language_name(declared)} ({declared}), but "
                f"{reads_as(run, [draft])}: left out",
                severity="warning",
            )
    return kept


def language_name(tag: str) -> str:
    """A language's English name (``de`` → German), or the tag itself."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - CLDR data only for reports

    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name("en") or tag
    except (ValueError, UnknownLocaleError):
        return tag


def _detected(found: TextLanguage | None) -> str | None:
    if found is None or found.confidence < CONFIDENT:
        return None
    try:
        return normalize_language(found.language)
    except LanguageCodeError:
        return None


def reads_as(run: MaterialRun, drafts: Sequence[Draft]) -> str:
    """What language the pages' text reads as (the most common answer), for a report."""
    answers = (run.detected(draft) for draft in drafts)
    found = [answer.language for answer in answers if answer is not None]
    if not found:
        return "the text is too short to tell its language"
    common = max(sorted(set(found)), key=found.count)
    return f"the text reads as {language_name(common)} ({common})"
