"""One Sphinx tree per language with translated file names (``docs/de/…`` ↔ ``docs/en/…``).

No path relates the two languages, so lessons are paired by their place in the toctrees: the
n-th document of one tree with the n-th of the other when both sit at the same depth. What has no
counterpart stays unpaired (a lesson of its own in its tree's language).
"""

from __future__ import annotations

from otsmaterials.layouts.base import Site, strip_extension

__all__ = ["pair_trees"]


def _sequence(site: Site) -> list[tuple[str, str]]:
    """(document name, path) in toctree order (documents outside any toctree last)."""
    by_doc = {strip_extension(site.relative(path)): path for path in site.files}
    ordered = sorted(by_doc, key=lambda doc: (site.order.get(doc, 10**9), doc))
    return [(doc, by_doc[doc]) for doc in ordered]


def pair_trees(primary: Site, others: list[Site]) -> list[tuple[Site, str, str, str]]:
    """``(site, lesson key, language, path)`` for every document of every tree.

    Keys are the primary tree's document names; a document of another tree takes the key of the
    primary document at the same toctree position and depth, or keeps a key of its own.
    """
    language = primary.language or ""
    sequence = _sequence(primary)
    found = [(primary, doc, language, path) for doc, path in sequence]
    for site in others:
        for position, (doc, path) in enumerate(_sequence(site)):
            key = f"{site.language or 'xx'}/{doc}"
            if position < len(sequence):
                main_doc = sequence[position][0]
                if main_doc.count("/") == doc.count("/") and position in _ordered(site, primary):
                    key = main_doc
            found.append((site, key, site.language or language, path))
    return found


def _ordered(site: Site, primary: Site) -> range:
    """Positions covered by both toctrees (not documents left outside them)."""
    inside = min(
        sum(1 for value in site.order.values() if value < 1000),
        sum(1 for value in primary.order.values() if value < 1000),
    )
    return range(inside)
