"""Credits per lesson version: authors of originals, translators of translations.

The same rules serve the index and the Sphinx directives, so both credit the same people:

* an original's **authors**: the people its front matter names, and the authors and
  ``Co-authored-by`` co-authors of the commits that changed its file, across moves;
* a translation's **translators**: the people its front matter names, the ``# Translators:``
  block and ``Last-Translator`` of its catalog, and the authors and co-authors of the commits that
  changed its catalog or translated file — except commits that changed the catalogs of more than
  two languages at once, which are someone pulling every language from a translation platform.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from otsmaterials._git.history import Commit
from otsmaterials.attribution.people import (
    CommitPeople,
    Contribution,
    NamesMemo,
    from_commits,
    merged_names,
    po_translators,
)
from otsmaterials.formats.document import ParsedDocument
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.licensing.spdx import normalize_spdx

__all__ = [
    "SharedCredits",
    "VersionCredits",
    "catalog_languages",
    "version_credits",
    "version_licence",
]

VersionCredits = tuple[list[Contribution], tuple[str, ...], tuple[str, ...]]


@dataclass
class SharedCredits:
    """The credits of the versions that have the same people to credit: worked out once.

    A whole book's catalog is one file, whose commits every lesson of its language shares; its
    hundreds of commits were read into contributions once per lesson (a seventh of a real
    catalogue's build).
    """

    contributions: list[Contribution]
    """One version's contributions, their commits not counted (the history counts them)."""
    authors: tuple[str, ...]
    translators: tuple[str, ...]
    commits: list[Commit]
    """The commits they were read from (kept: the key names the list by its ``id``)."""
    times: int = 0
    """How many versions have them."""

    def credited(self) -> list[Contribution]:
        """The contributions as often as versions have them (see ``Contribution.times``)."""
        return [replace(c, times=c.times * self.times) for c in self.contributions]


_CATALOG = re.compile(
    r"(?:^|/)(?:(?P<lang>[A-Za-z]{2,3}(?:[_@-][A-Za-z0-9]+)*)/LC_MESSAGES/[^/]+|po/(?P<po>[^/]+))"
    r"\.po$"
)
_BULK_LANGUAGES = 2


def catalog_languages(paths: Sequence[str]) -> set[str]:
    """The languages whose ``.po`` catalogs these paths are."""
    found = set()
    for path in paths:
        match = _CATALOG.search(path) if path.endswith(".po") else None
        if match:
            found.add((match["lang"] or match["po"]).lower())
    return found


def translation_commits(
    commits: Sequence[Commit], bulk: dict[str, bool] | None = None
) -> list[Commit]:
    """Commits that translated: not the bulk updates of every language's catalogs.

    ``bulk`` remembers the answer per commit id across calls (a commit that touched thousands
    of files is looked at once, not once per lesson).
    """
    memo = {} if bulk is None else bulk
    kept = []
    for commit in commits:
        if commit.oid not in memo:
            memo[commit.oid] = len(catalog_languages(commit.paths)) > _BULK_LANGUAGES
        if not memo[commit.oid]:
            kept.append(commit)
    return kept


def version_credits(
    kind: str,
    commits: list[Commit],
    doc: ParsedDocument | None,
    catalog: PoFile | None,
    language: str,
    *,
    bulk: dict[str, bool] | None = None,
    people: dict[str, CommitPeople] | None = None,
    names: NamesMemo | None = None,
) -> VersionCredits:
    """``(contributions, author names, translator names)`` of one version.

    Names are ordered by contributions (most first); :func:`~otsmaterials.attribution.people.
    order_names` orders them for display. ``bulk``, ``people`` and ``names`` keep what was
    worked out across calls (see :func:`translation_commits`, :func:`~otsmaterials.attribution.
    people.from_commits` and :func:`~otsmaterials.attribution.people.merged_names`).
    """
    declared = doc.front_matter.authors if doc is not None and doc.front_matter else ()
    if kind == "original":
        found = [Contribution(name, None, "author") for name in declared]
        found += from_commits(commits, role="author", known=people)
        return found, merged_names(found, memo=names), ()
    found = [Contribution(name, None, "translator", language=language) for name in declared]
    if catalog is not None:
        found += po_translators(
            catalog.header_comments, catalog.header_value("Last-Translator"), language
        )
    translated = translation_commits(commits, bulk)
    for contribution in from_commits(translated, role="translator", known=people):
        contribution.language = language
        found.append(contribution)
    return found, (), merged_names(found, memo=names)


def version_licence(
    doc: ParsedDocument | None, header: str | None, branch_licence: str | None, material: str
) -> str | None:
    """A version's own licence where it differs from the material's.

    From the file's front matter ``license``, else its ``SPDX-License-Identifier`` header, else
    its translation branch's licence files (a branch that states none inherits the material's).
    """
    stated = doc.front_matter.license if doc is not None and doc.front_matter else None
    if branch_licence == "NOASSERTION":
        branch_licence = None
    spdx = (normalize_spdx(stated) or stated) if stated else (header or branch_licence)
    return spdx if spdx and spdx != material else None
