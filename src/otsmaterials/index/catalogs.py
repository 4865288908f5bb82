"""Translations kept as gettext catalogs: one per lesson, or one for a whole book.

* One catalog per document (Sphinx with ``gettext_compact = False``):
  ``<locale dir>/<lang>/LC_MESSAGES/<document>.po``, measured against the document's current
  messages.
* A catalog for many documents (mdbook-i18n-helpers' ``po/<lang>.po``; Sphinx's compact
  catalogs, one per folder or for the whole project): each page's part of it is the messages
  whose ``#:`` references name the page, and its completeness is theirs.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.stats import catalog_stats
from otsmaterials.index.context import MaterialRun
from otsmaterials.index.drafts import Draft
from otsmaterials.index.parsing import parse_catalogs
from otsmaterials.layouts.base import Site, Tree
from otsmaterials.layouts.gettext import CatalogRef, find_catalogs, read_transifex

__all__ = ["gettext_drafts"]


def gettext_drafts(
    run: MaterialRun, tree: Tree, sites: Iterable[Site], originals: Mapping[str, Draft]
) -> list[Draft]:
    """The gettext versions of the originals' lessons."""
    sites = list(sites)
    tx = read_transifex(tree)
    dirs = [d for site in sites for d in site.locale_dirs] + [*tx.locale_dirs, "locale"]
    refs, notes = find_catalogs(tree, dirs)
    for note in notes:
        run.problem(None, note, severity="warning")
    per_lesson = [r for r in refs if r.key in originals]
    whole = [(r.path, r.language) for r in refs if r.key not in originals]
    whole += [catalog for site in sites for catalog in site.catalogs]
    paths = [r.path for r in per_lesson] + [path for path, _ in whole]
    results = parse_catalogs(tree, paths, run.cache, pool=run.pool)
    catalogs: dict[str, PoFile] = {}
    for path, result in results.items():
        if result.catalog is None:
            error = result.error
            run.problem(
                path, error.message if error else "unreadable", line=error.line if error else None
            )
        else:
            catalogs[path] = result.catalog
    drafts = []
    for ref in per_lesson:
        original = originals[ref.key]
        catalog = catalogs.get(ref.path)
        if catalog is not None and ref.language != original.language:
            drafts.append(_draft(tree, ref, catalog, run.messages(tree, original)))
    seen = {(draft.key, draft.language) for draft in drafts}
    for path, language in whole:
        catalog = catalogs.get(path)
        if catalog is not None:
            pages = _pages(tree, catalog, path, language, originals)
            drafts.extend(d for d in pages if (d.key, d.language) not in seen)
            seen.update((d.key, d.language) for d in pages)
    return drafts


def _draft(tree: Tree, ref: CatalogRef, catalog: PoFile, messages: tuple[str, ...]) -> Draft:
    counts = catalog_stats(catalog, messages or None)
    text = "\n".join(entry.msgstr for entry in catalog.active() if entry.translated)
    draft = Draft(
        ref.key, ref.language, ref.path, "gettext", tree.branch, catalog=catalog, counts=counts
    )
    draft.text = text
    draft.pairing, draft.confidence = "path", 1.0
    return draft


def _pages(
    tree: Tree, catalog: PoFile, path: str, language: str, originals: Mapping[str, Draft]
) -> list[Draft]:
    """One draft per original that the catalog's references name."""
    by_location = _locations(originals.values())
    parts: dict[str, list[int]] = {}
    for index, entry in enumerate(catalog.entries):
        if entry.obsolete:
            continue
        for location in entry.locations:
            original = _match(location, by_location)
            if original is not None and original.language != language:
                parts.setdefault(original.key, []).append(index)
    drafts = []
    for key, indexes in parts.items():
        entries = [catalog.entries[i] for i in dict.fromkeys(indexes)]
        part = PoFile(catalog.header, catalog.header_comments, catalog.header_flags, entries)
        drafts.append(_draft(tree, CatalogRef(key, language, path), part, ()))
    return drafts


def _locations(originals: Iterable[Draft]) -> dict[str, Draft]:
    """Each original under every tail of its path (``src/a/b.md``, ``a/b.md``, ``b.md``)."""
    found: dict[str, Draft] = {}
    ambiguous: set[str] = set()
    for original in originals:
        parts = original.path.split("/")
        for start in range(len(parts)):
            tail = "/".join(parts[start:])
            if tail in found and found[tail] is not original:
                ambiguous.add(tail)
            found.setdefault(tail, original)
    return {tail: draft for tail, draft in found.items() if tail not in ambiguous}


def _match(location: str, by_location: Mapping[str, Draft]) -> Draft | None:
    """The original a ``#:`` reference names (``../../source/loops.rst`` → ``source/loops.rst``)."""
    parts = [p for p in posixpath.normpath(location).split("/") if p not in {"..", "."}]
    for start in range(len(parts)):
        found = by_location.get("/".join(parts[start:]))
        if found is not None:
            return found
    return None
