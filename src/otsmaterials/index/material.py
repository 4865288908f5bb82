"""Index one material: its lessons and every translation of each, from its mirror.

A pure function of ``(catalogue entry, mirror, parse cache)``: the result is self-contained, so
materials can be indexed independently (and, past one machine, by independent jobs). The steps:

1. the main branch's sites (:mod:`otsmaterials.layouts`) and their lesson files, narrowed by the
   catalogue's ``lessons``/``exclude`` globs, parsed; empty files and files that other pages
   include are not lessons;
2. each page's language and the material's original language (:mod:`.labels`);
3. lessons: originals, and translations paired with them (:mod:`.grouping`, :mod:`.pairing`);
4. gettext catalogs (:mod:`.catalogs`) and translation branches;
5. the lessons, versions and material (:mod:`.assemble`).
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from otsmaterials._git.mirror import Mirror
from otsmaterials.attribution.authorfiles import declared_authors
from otsmaterials.catalogue.model import MaterialSpec
from otsmaterials.errors import BudgetError, GitError, OtsMaterialsError
from otsmaterials.formats.includes import resolve_include
from otsmaterials.index.assemble import MaterialIndex, SearchText, assemble
from otsmaterials.index.catalogs import gettext_drafts
from otsmaterials.index.context import Limits, MaterialRun
from otsmaterials.index.drafts import Draft
from otsmaterials.index.grouping import group_lessons
from otsmaterials.index.labels import (
    CONFIDENT,
    label_languages,
    language_name,
    original_language,
    reads_as,
    untranslated,
)
from otsmaterials.index.pairing import THRESHOLD, pair_language
from otsmaterials.index.parsing import Key, ParseCache, ParsePool, Wanted, send_documents
from otsmaterials.languages.identify import TextLanguage, same_language
from otsmaterials.layouts.base import LESSON_EXTENSIONS, Site, Tree, strip_extension
from otsmaterials.layouts.branches import branch_language
from otsmaterials.layouts.pathlang import looks_like_code
from otsmaterials.layouts.registry import detect_sites, lesson_candidates, uses

__all__ = [
    "Limits",
    "MaterialIndex",
    "SearchText",
    "Sent",
    "adapted_lessons",
    "index_material",
    "send_lessons",
]

_MIN_WORDS = 5
"""A branch page with fewer words is not a translation (front matter and an empty body)."""
_SAMPLE_PAGES = 5
"""Pages of a branch named by no language tag read to tell its language."""


def index_material(
    spec: MaterialSpec,
    mirror: Mirror,
    *,
    cache: ParseCache,
    source: str,
    limits: Limits | None = None,
    pool: ParsePool | None = None,
    adapted: tuple[MaterialSpec, Mirror] | None = None,
    sent: Sent | None = None,
) -> MaterialIndex:
    """Index one material from its mirror (which must exist); ``pool`` parses in parallel.

    ``adapted``: the material this one adapts (the catalogue's ``adapts``) and its mirror, whose
    lessons this one's are paired with (``Lesson.adapts``). ``sent``: what :func:`send_lessons`
    listed, read and sent to ``pool`` ahead.
    """
    run = MaterialRun(spec, mirror, cache, pool, limits or Limits(), source, language=spec.language)
    run.listed = sent.tree if sent is not None else None
    sites_found = (sent.tree, sent.sites) if sent is not None and sent.sites is not None else None
    run.commits = mirror.branches()
    branch = spec.branch or mirror.default_branch() or "main"
    if branch not in run.commits:
        raise GitError(f"branch {branch!r} is not in the mirror", path=mirror.path)
    tree = run.tree(branch)
    run.history(branch)
    run.licence(tree)
    run.credits.extend(declared_authors(tree))
    sites, originals, drafts = _lessons(
        run, tree, branch, sites=sites_found[1] if sites_found and sites_found[0] is tree else None
    )
    if adapted is not None:
        _pair_with_adapted(run, originals, adapted)
    if sites and uses(spec.layout, "gettext"):
        drafts.extend(gettext_drafts(run, tree, sites, originals))
    drafts.extend(
        _branch_drafts(run, branch, originals, drafts, detect=uses(spec.layout, "branches"))
    )
    site = next((d.site for d in originals.values() if d.site is not None), None)
    return assemble(run, branch, site or (sites[0] if sites else None), drafts, originals)


@dataclass(frozen=True)
class Sent:
    """A material's lesson files, listed, read and sent to the parsing processes ahead."""

    tree: Tree
    """The main branch's files (and the contents read)."""
    keys: list[Key]
    """The jobs sent (see :meth:`~otsmaterials.index.parsing.ParsePool.forget`)."""
    sites: list[Site] | None
    """The sites found in ``tree``, when finding them again would find the same: no file they
    read was too large to be read (a later read with a larger limit could give it)."""


def send_lessons(
    spec: MaterialSpec, mirror: Mirror, *, cache: ParseCache, limits: Limits, pool: ParsePool
) -> Sent | None:
    """Start parsing the lesson files of the main branch in the pool's worker processes.

    The same files :func:`index_material` parses first, found the same way; given what this
    returns, it takes their results back from the pool and reuses the listing and the
    contents. The build sends a material's files before it assembles and writes the material
    before it, so the workers parse while it does. Nothing is reported here:
    :func:`index_material` reports what it finds.
    """
    run = MaterialRun(spec, mirror, cache, pool, limits, "", language=spec.language)
    run.commits = mirror.branches()
    branch = spec.branch or mirror.default_branch() or "main"
    if branch not in run.commits:
        return None
    tree = run.tree(branch)
    if len(tree.snapshot.files) > limits.max_files:
        return None
    sites, drafts = _candidates(run, tree, branch)
    whole = not any(tree.skipped(path) for path in tree.paths)  # every file sites read, read
    paths = [draft.path for draft in drafts]
    keys = send_documents(
        tree,
        paths,
        cache,
        max_bytes=limits.max_lesson_bytes,
        pool=pool,
        wanted=run.wanted(tree, sites, drafts),
    )
    return Sent(tree, keys, sites if whole else None)


def _pair_with_adapted(
    run: MaterialRun, originals: Mapping[str, Draft], adapted: tuple[MaterialSpec, Mirror]
) -> None:
    """Record which lesson of the adapted material each lesson adapts; warn about the others."""
    notes: list[tuple[str | None, str]]
    try:
        run.adapted, unpaired = adapted_lessons(
            originals, adapted, cache=run.cache, limits=run.limits
        )
        notes = list(unpaired)
    except OtsMaterialsError as error:  # the adapted material's own build reports it
        notes = [(None, f"lessons not paired with those of {adapted[0].id}: {error}")]
    for path, note in notes:
        run.problem(path, note, severity="warning")


def _lessons(
    run: MaterialRun, tree: Tree, branch: str, *, sites: list[Site] | None = None
) -> tuple[list[Site], dict[str, Draft], list[Draft]]:
    """Steps 1–3: the sites, the originals by lesson key, and every draft on the main branch.

    ``sites``: the tree's sites, if they were found already.
    """
    sites, drafts = _main_drafts(run, tree, branch, sites)
    drafts = label_languages(run, drafts)
    original_language(run, sites, drafts)
    drafts = _copies(run, tree, untranslated(run, drafts))
    originals, drafts = group_lessons(run, drafts)
    return sites, originals, drafts


def adapted_lessons(
    originals: Mapping[str, Draft],
    adapted: tuple[MaterialSpec, Mirror],
    *,
    cache: ParseCache,
    limits: Limits,
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Lesson key → the id of the adapted material's lesson it adapts; and what adapts none.

    The adapted material's lessons are found as its own index finds them (its parse results
    come from the cache) and paired with these as translation pages are paired with their
    originals (:func:`~otsmaterials.index.pairing.pair_language`): the same path, else the
    evidence that survives adaptation (code, links, numbers, the headings' shape). The second
    part is ``(path, note)`` for each lesson paired with none (a lesson of the adaptation's own).
    """
    spec, mirror = adapted
    run = MaterialRun(spec, mirror, cache, None, limits, spec.id, language=spec.language)
    run.commits = mirror.branches()
    branch = spec.branch or mirror.default_branch() or "main"
    if branch not in run.commits:
        return {}, []
    _, theirs, _ = _lessons(run, run.tree(branch), branch)
    outcome = pair_language(list(theirs.values()), list(originals.values()))
    notes = []
    for mine, best, score in outcome.unpaired:
        closest = (
            f"the closest, {best.path}, matches {math.floor(score * 100) / 100:.2f} "
            f"(below {THRESHOLD})"
            if best is not None
            else "nothing in it matches"
        )
        notes.append((mine.path, f"adapts no lesson of {spec.id} ({closest}): its own lesson"))
    return {mine.key: f"{spec.id}/{their.key}" for their, mine, _, _ in outcome.pairs}, notes


def _main_drafts(
    run: MaterialRun, tree: Tree, branch: str, sites: list[Site] | None = None
) -> tuple[list[Site], list[Draft]]:
    if len(tree.snapshot.files) > run.limits.max_files:
        raise BudgetError(
            f"over budget: {len(tree.snapshot.files)} files (limit {run.limits.max_files}); "
            "not indexed",
            path=run.spec.id,
        )
    sites, drafts = _candidates(run, tree, branch, sites)
    parsed = run.parse(tree, drafts, run.wanted(tree, sites, drafts))
    return sites, _fragments_left_out(run, tree, parsed)


def _candidates(
    run: MaterialRun, tree: Tree, branch: str, sites: list[Site] | None = None
) -> tuple[list[Site], list[Draft]]:
    """The main branch's sites (found, unless given) and its lesson files' drafts, unparsed."""
    sites = detect_sites(tree) if sites is None else sites
    for site in sites:
        for note in site.notes:
            run.problem(None, note, severity="warning")
    per_language = len(sites) > 1
    drafts = [
        Draft(
            c.key,
            "",
            c.path,
            "original",
            branch,
            site=site,
            marked=c.language,
            code=c.code or site.language_code,
            placed=c.marker != "none" or per_language,
        )
        for site in sites
        for c in lesson_candidates(site, run.spec.layout)
    ]
    return sites, _selected(run.spec, tree, sites, drafts)


def _selected(
    spec: MaterialSpec, tree: Tree, sites: Sequence[Site], drafts: list[Draft]
) -> list[Draft]:
    """The catalogue's ``exclude`` globs take files out, its ``lessons`` globs add files."""
    if spec.exclude:
        drafts = [d for d in drafts if not _matches(d.path, spec.exclude)]
    if spec.lessons:
        known = {d.path for d in drafts}
        site = sites[0] if sites else None
        for path in tree.paths:
            if path in known or not path.lower().endswith(LESSON_EXTENSIONS):
                continue
            if _matches(path, spec.lessons) and not _matches(path, spec.exclude):
                key = site.key(path) if site else strip_extension(path)
                drafts.append(Draft(key, "", path, "original", tree.branch, site=site))
    return drafts


def _matches(path: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def _fragments_left_out(run: MaterialRun, tree: Tree, drafts: list[Draft]) -> list[Draft]:
    """Leave out what is not a lesson: files that other pages include, files without words.

    An empty file goes silently; one with content that holds no words with a warning.
    """
    included: set[str] = set()
    for draft in drafts:
        root = draft.site.root if draft.site is not None else ""
        for target in draft.result.includes if draft.result else ():
            path = resolve_include(draft.path, target, root)
            if path is not None:
                included.add(path)
    kept = []
    for draft in drafts:
        if draft.path in included or draft.doc is None:
            continue
        if draft.doc.words or draft.doc.evidence.tokens:
            kept.append(draft)
        elif (
            tree.read([draft.path], max_size=run.limits.max_lesson_bytes)
            .get(draft.path, b"x")
            .strip()
        ):
            run.problem(draft.path, "holds no words: not a lesson", severity="warning")
    return kept


def _copies(run: MaterialRun, tree: Tree, drafts: list[Draft]) -> list[Draft]:
    """Pages in a translation's place that are the original's file unchanged: reported."""
    originals = {d.key: d for d in drafts if d.language == run.language}
    kept = []
    for draft in drafts:
        original = originals.get(draft.key)
        if (
            original is not None
            and draft is not original
            and draft.language != run.language
            and (tree.oid(draft.path) == tree.oid(original.path) or draft.text == original.text)
        ):
            run.problem(
                draft.path,
                f"not a translation into {language_name(draft.language)} ({draft.language}): "
                f"a copy of {run.repo_path(original.path)}",
                severity="warning",
            )
            continue
        kept.append(draft)
    return kept


def _branch_languages(
    run: MaterialRun, main: str, original: str, *, detect: bool
) -> dict[str, str]:
    """Language → branch: the catalogue's ``branches``, plus branches named after a language."""
    languages = {}
    for language, name in sorted(run.spec.branches.items()):
        if name in run.commits:
            languages[language] = name
        else:
            run.problem(
                None,
                f"translation branch {name!r} ({language}) named in the catalogue "
                "is not in the repository",
                severity="warning",
            )
    named = set(run.spec.branches.values())
    for name in sorted(run.commits) if detect else ():
        if name == main or name in named:
            continue
        found = run.spec.language_codes.get(name) or branch_language(name)
        if found is None and looks_like_code(name):
            languages[name] = name  # reported, not read: see _unnamed_branch
        elif found and not same_language(found, original) and found not in languages:
            languages[found] = name
    return languages


def _branch_drafts(
    run: MaterialRun,
    main: str,
    originals: Mapping[str, Draft],
    known: Sequence[Draft],
    *,
    detect: bool,
) -> list[Draft]:
    """Versions on translation branches, for lessons without a version in that language."""
    have = {(draft.key, draft.language) for draft in known}
    drafts = []
    main_tree = None
    for language, name in _branch_languages(run, main, run.language, detect=detect).items():
        tree = run.tree(name)
        sites = detect_sites(tree)
        if not sites:
            continue
        if language == name and looks_like_code(name):
            _unnamed_branch(run, tree, sites[0], originals)
            continue
        main_tree = main_tree or run.tree(main)
        run.licence(tree)
        candidates = [
            c
            for c in lesson_candidates(sites[0], "auto")
            if c.key in originals
            and (c.key, language) not in have
            and c.language in (None, language)
            and originals[c.key].language != language
        ]
        # A page that is the original's file unchanged is still in the original's language.
        untouched = sum(
            tree.oid(c.path) == main_tree.oid(originals[c.key].path) for c in candidates
        )
        found = [
            Draft(c.key, language, c.path, "branch", name, site=sites[0])
            for c in candidates
            if tree.oid(c.path) != main_tree.oid(originals[c.key].path)
        ]
        kept = []
        for draft in run.parse(tree, found, Wanted(messages=False)):
            said = run.detected(draft) if draft.doc and draft.doc.words >= _MIN_WORDS else None
            verdict = _branch_page(draft, said, originals[draft.key], language)
            if verdict == "translation":
                draft.pairing, draft.confidence = "path", 1.0
                kept.append(draft)
            elif verdict == "original":
                untouched += 1
            elif verdict == "other" and said is not None:
                found_in = said.language
                run.problem(
                    draft.path,
                    f"on branch {name!r} ({language}), but the text reads as "
                    f"{language_name(found_in)} ({found_in}): left out",
                    severity="warning",
                )
        if untouched:
            run.problem(
                None,
                f"branch {name!r} ({language}): {untouched} page(s) still in "
                f"{language_name(run.language)} ({run.language}): not translations",
                severity="warning",
            )
        drafts.extend(kept)
    return drafts


def _unnamed_branch(
    run: MaterialRun, tree: Tree, site: Site, originals: Mapping[str, Draft]
) -> None:
    """Report a branch named like a language by a code that is no tag, with its text's language."""
    pages = [
        Draft(c.key, "", c.path, "branch", tree.branch, site=site)
        for c in lesson_candidates(site, "auto")
        if c.key in originals
    ][:_SAMPLE_PAGES]
    reads = reads_as(run, run.parse(tree, pages, Wanted(messages=False)))
    name = tree.branch
    run.problem(
        None,
        f"branch {name!r} is named like a language, but {name!r} is not a language tag "
        f'({reads}): not read (map it in the catalogue: language_codes = {{ "{name}" = "…" }})',
        severity="warning",
    )


def _branch_page(draft: Draft, found: TextLanguage | None, original: Draft, language: str) -> str:
    """What a branch page is: ``translation``, ``original``, ``empty`` or ``other``.

    ``original`` is a page in the original's language, ``other`` a page in a third language
    (``found`` is what its text reads as).
    """
    if draft.doc is None or draft.doc.words < _MIN_WORDS:
        return "empty"
    if found is not None and found.confidence >= CONFIDENT:
        if same_language(found.language, original.language):
            return "original"
        return "translation" if same_language(found.language, language) else "other"
    return "original" if draft.text == original.text else "translation"
