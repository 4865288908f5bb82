"""Credits per lesson version: authors of originals, translators of translations."""

from __future__ import annotations

from otsmaterials._git.history import Commit
from otsmaterials.attribution.people import (
    Contribution,
    from_commits,
    merge_people,
    po_translators,
)
from otsmaterials.formats.document import ParsedDocument
from otsmaterials.licensing.spdx import normalize_spdx
from otsmaterials.translate.po import PoFile

__all__ = ["VersionCredits", "version_credits", "version_licence"]

VersionCredits = tuple[list[Contribution], tuple[str, ...], tuple[str, ...]]


def version_credits(
    kind: str,
    commits: list[Commit],
    doc: ParsedDocument | None,
    catalog: PoFile | None,
    language: str,
) -> VersionCredits:
    """``(contributions, author names, translator names)`` of one version."""
    declared = doc.front_matter.authors if doc is not None and doc.front_matter else ()
    if kind == "original":
        found = [Contribution(name, None, "author") for name in declared]
        found += from_commits(commits, role="author")
        return found, tuple(p.name for p in merge_people(found)), ()
    if catalog is not None:
        # The catalog's own credits: whoever commits a catalog is often a maintainer pulling
        # translations from Transifex, not the translator (layouts.md §1).
        found = po_translators(
            catalog.header_comments, catalog.header_value("Last-Translator"), language
        )
        return found, (), tuple(p.name for p in merge_people(found))
    found = [Contribution(name, None, "translator", language=language) for name in declared]
    for contribution in from_commits(commits, role="translator"):  # who wrote the file
        contribution.language = language
        found.append(contribution)
    return found, (), tuple(p.name for p in merge_people(found))


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
