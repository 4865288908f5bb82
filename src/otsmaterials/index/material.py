"""Index one material: its lessons and every translation of each, from its mirror.

A pure function of ``(catalogue entry, mirror, parse cache)``: the result is self-contained, so
materials can be indexed independently (and, past one machine, by independent jobs).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from otsmaterials._git.history import Commit, walk_history
from otsmaterials.attribution.authorfiles import declared_authors
from otsmaterials.attribution.people import Contribution, from_commits, merge_people
from otsmaterials.catalogue.learn import slugify
from otsmaterials.catalogue.model import MaterialSpec
from otsmaterials.errors import BudgetError, GitError
from otsmaterials.formats.document import ParsedDocument
from otsmaterials.index.changes import FileHistory, iso_date, staleness
from otsmaterials.index.credits import version_credits, version_licence
from otsmaterials.index.models import (
    IndexProblem,
    Lesson,
    LessonVersion,
    Material,
    VersionKind,
)
from otsmaterials.index.parsing import (
    DocResult,
    ParseCache,
    ParsePool,
    parse_catalogs,
    parse_documents,
)
from otsmaterials.layouts.base import LESSON_EXTENSIONS, Site, Tree, natural_key, strip_extension
from otsmaterials.layouts.branches import branch_language
from otsmaterials.layouts.detect import detect_sites, lesson_candidates, uses
from otsmaterials.layouts.gettext import find_catalogs, read_transifex
from otsmaterials.layouts.multitree import pair_trees
from otsmaterials.licensing.detect import detect_licences
from otsmaterials.licensing.models import Licence
from otsmaterials.mirror import Mirror
from otsmaterials.textlang import looks_translated
from otsmaterials.translate.po import PoFile
from otsmaterials.translate.stats import Completeness, catalog_stats, normalize_message

__all__ = ["Limits", "MaterialIndex", "SearchText", "index_material"]

_SAFE_KEY = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.?(?:/|$))[^\x00-\x1f]+$")


@dataclass(frozen=True)
class Limits:
    """Budgets per material."""

    max_files: int = 20_000
    """More files than this and the material is reported over budget, not indexed."""
    max_lesson_bytes: int = 256 * 1024
    """Lesson files larger than this are reported, not parsed (parse time grows with size)."""


@dataclass(frozen=True)
class SearchText:
    """What full-text search indexes for one version."""

    lesson: str
    language: str
    title: str
    text: str


@dataclass
class MaterialIndex:
    """Everything the index stores for one material."""

    material: Material
    lessons: list[Lesson]
    texts: list[SearchText]
    problems: list[IndexProblem]
    memory: list[tuple[str, str, str]] = field(default_factory=list)
    """(language, msgid, msgstr) of the material's translated gettext messages."""


@dataclass
class _Draft:
    key: str
    language: str
    path: str
    kind: VersionKind
    branch: str
    doc: ParsedDocument | None = None
    result: DocResult | None = None
    catalog: PoFile | None = None
    counts: Completeness | None = None
    text: str = ""
    marked: str | None = None


@dataclass
class _Run:
    spec: MaterialSpec
    mirror: Mirror
    cache: ParseCache
    pool: ParsePool | None
    limits: Limits
    source: str
    problems: list[IndexProblem] = field(default_factory=list)
    histories: dict[str, FileHistory] = field(default_factory=dict)
    commits: dict[str, str] = field(default_factory=dict)
    credits: list[Contribution] = field(default_factory=list)
    licences: dict[str, Licence] = field(default_factory=dict)
    code_licences: dict[str, Licence | None] = field(default_factory=dict)
    walks: dict[str, list[Commit]] = field(default_factory=dict)
    translation_paths: set[str] = field(default_factory=set)
    language: str = "en"

    def problem(
        self, path: str | None, message: str, *, line: int | None = None, severity: str = "error"
    ) -> None:
        full = self.repo_path(path) if path else None
        self.problems.append(
            IndexProblem(
                material=self.spec.id,
                path=full,
                line=line,
                message=message,
                severity="warning" if severity == "warning" else "error",
            )
        )

    def repo_path(self, path: str) -> str:
        return f"{self.spec.subdir}/{path}" if self.spec.subdir else path

    def tree(self, branch: str) -> Tree:
        snapshot = self.mirror.snapshot(self.commits[branch], subdir=self.spec.subdir)
        tree = Tree(branch, snapshot, self.spec.subdir or "")
        prefix = f"{self.spec.subdir}/" if self.spec.subdir else ""
        for skipped in snapshot.skipped:
            lost = skipped.path.lower().endswith(LESSON_EXTENSIONS) and "size" in skipped.reason
            self.problem(
                skipped.path.removeprefix(prefix),
                skipped.reason,
                severity="error" if lost else "warning",
            )
        return tree

    def history(self, branch: str) -> FileHistory:
        if branch not in self.histories:
            commits = walk_history(self.mirror.runner, self.mirror.path, self.commits[branch])
            self.histories[branch] = FileHistory.from_commits(commits)
            self.walks[branch] = commits
        return self.histories[branch]

    def licence(self, tree: Tree) -> Licence:
        if tree.branch not in self.licences:
            override = self.spec.license if not self.licences else None
            outer = None
            if self.spec.subdir:  # the repository's root licence files speak for it too
                outer = Tree(tree.branch, self.mirror.snapshot(self.commits[tree.branch]), "")
            found = detect_licences(tree, override=override, outer=outer, subdir=tree.subdir)
            self.licences[tree.branch] = found.content
            self.code_licences[tree.branch] = found.code
        return self.licences[tree.branch]

    def parse(self, tree: Tree, drafts: Iterable[_Draft]) -> list[_Draft]:
        """Attach parsed documents; drafts whose file failed are reported and dropped."""
        drafts = list(drafts)
        results = parse_documents(
            tree,
            [d.path for d in drafts],
            self.cache,
            max_bytes=self.limits.max_lesson_bytes,
            pool=self.pool,
        )
        kept = []
        for draft in drafts:
            result = results.get(draft.path)
            if result is None or result.doc is None:
                error = result.error if result else None
                self.problem(
                    draft.path,
                    error.message if error else "could not be read",
                    line=error.line if error else None,
                )
                continue
            for warning in result.doc.warnings:
                line = re.search(r"\(line (\d+)\)", warning)
                self.problem(
                    draft.path,
                    warning,
                    severity="warning",
                    line=int(line.group(1)) if line else None,
                )
            draft.doc, draft.result, draft.text = result.doc, result, result.doc.text
            kept.append(draft)
        return kept


def index_material(
    spec: MaterialSpec,
    mirror: Mirror,
    *,
    cache: ParseCache,
    source: str,
    limits: Limits | None = None,
    pool: ParsePool | None = None,
) -> MaterialIndex:
    """Index one material from its mirror (which must exist); ``pool`` parses in parallel."""
    run = _Run(spec, mirror, cache, pool, limits or Limits(), source, language=spec.language)
    run.commits = mirror.branches()
    branch = spec.branch or mirror.default_branch() or "main"
    if branch not in run.commits:
        raise GitError(f"branch {branch!r} is not in the mirror", path=mirror.path)
    tree = run.tree(branch)
    run.history(branch)
    run.licence(tree)
    run.credits.extend(declared_authors(tree))
    drafts, site = _main_drafts(run, tree, branch)
    originals = _originals(run, drafts)
    if site is not None and uses(spec.layout, "gettext"):
        drafts.extend(_gettext_drafts(run, tree, site, originals))
    drafts.extend(_branch_drafts(run, branch, originals, detect=uses(spec.layout, "branches")))
    return _assemble(run, branch, site, drafts, originals)


def _main_drafts(run: _Run, tree: Tree, branch: str) -> tuple[list[_Draft], Site | None]:
    if len(tree.snapshot.files) > run.limits.max_files:
        raise BudgetError(
            f"over budget: {len(tree.snapshot.files)} files (limit {run.limits.max_files}); "
            "not indexed",
            path=run.spec.id,
        )
    sites = detect_sites(tree)
    for site in sites:
        for note in site.notes:
            run.problem(None, note, severity="warning")
    if not sites:
        return [], None
    languages = [s.language for s in sites]
    if len(sites) > 1 and None not in languages and len(set(languages)) == len(sites):
        return _multitree_drafts(run, tree, branch, sites)
    site = sites[0]
    if "language" not in run.spec.model_fields_set and site.language is not None:
        run.language = site.language  # the catalogue does not say; the project does
    drafts = [
        _Draft(c.key, "", c.path, "original", branch, marked=c.language)
        for c in lesson_candidates(site, run.spec.layout)
    ]
    drafts = run.parse(tree, drafts)
    for draft in drafts:
        draft.language = _language_of(draft, run.language)
    return drafts, site


def _language_of(draft: _Draft, default: str) -> str:
    front = draft.doc.front_matter if draft.doc else None
    if draft.marked:
        return draft.marked
    if front is not None and front.language:
        return front.language
    return default


def _multitree_drafts(
    run: _Run, tree: Tree, branch: str, sites: list[Site]
) -> tuple[list[_Draft], Site]:
    primary = next((s for s in sites if s.language == run.language), sites[0])
    pairs = pair_trees(primary, [s for s in sites if s is not primary])
    drafts = [
        _Draft(key, language, path, "original" if site is primary else "file", branch)
        for site, key, language, path in pairs
    ]
    return run.parse(tree, drafts), primary


def _originals(run: _Run, drafts: list[_Draft]) -> dict[str, _Draft]:
    """Lesson key → the version in the original language; duplicates reported."""
    by_key: dict[str, dict[str, _Draft]] = {}
    folded: dict[tuple[str, str], _Draft] = {}
    for draft in sorted(drafts, key=lambda d: natural_key(d.path)):
        if not _SAFE_KEY.match(draft.key):
            run.problem(draft.path, f"lesson id {draft.key!r} is not a safe path")
            continue
        first = folded.setdefault((_fold(draft.key), draft.language), draft)
        if first.key != draft.key:
            run.problem(
                draft.path,
                f"collides with {run.repo_path(first.path)}: the names "
                "differ only in case or Unicode normalisation; left out",
            )
            continue
        versions = by_key.setdefault(draft.key, {})
        if draft.language in versions:
            run.problem(
                draft.path,
                f"a second file for lesson {draft.key!r} in "
                f"{draft.language}; {versions[draft.language].path} is used",
                severity="warning",
            )
            continue
        versions[draft.language] = draft
    drafts[:] = [d for versions in by_key.values() for d in versions.values()]
    originals = {}
    for key, versions in by_key.items():
        language = run.language if run.language in versions else None
        if language is None:
            language = next(
                (lang for lang, d in versions.items() if d.kind == "original"), min(versions)
            )
        originals[key] = versions[language]
        for draft in versions.values():
            draft.kind = "original" if draft is versions[language] else "file"
    return originals


def _fold(key: str) -> str:
    """The form in which two names collide on case-insensitive or normalising file systems."""
    return unicodedata.normalize("NFC", key).casefold()


def _gettext_drafts(
    run: _Run, tree: Tree, site: Site, originals: dict[str, _Draft]
) -> list[_Draft]:
    tx = read_transifex(tree)
    dirs = [*site.locale_dirs, *tx.locale_dirs, "locale"]
    refs, notes = find_catalogs(tree, dirs)
    for note in notes:
        run.problem(None, note, severity="warning")
    refs = [r for r in refs if r.key in originals and r.language != originals[r.key].language]
    results = parse_catalogs(tree, [r.path for r in refs], run.cache)
    drafts = []
    for ref in refs:
        result = results[ref.path]
        if result.catalog is None:
            error = result.error
            run.problem(
                ref.path,
                error.message if error else "unreadable",
                line=error.line if error else None,
            )
            continue
        original = originals[ref.key]
        messages = original.result.messages if original.result else ()
        counts = catalog_stats(result.catalog, messages or None)
        text = "\n".join(e.msgstr for e in result.catalog.active() if e.translated)
        drafts.append(
            _Draft(
                ref.key,
                ref.language,
                ref.path,
                "gettext",
                tree.branch,
                catalog=result.catalog,
                counts=counts,
                text=text,
            )
        )
    return drafts


def _branch_languages(run: _Run, main: str, original: str, *, detect: bool) -> dict[str, str]:
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
        found = branch_language(name)
        if found and found != original and found not in languages:
            languages[found] = name
    return languages


def _branch_drafts(
    run: _Run, main: str, originals: dict[str, _Draft], *, detect: bool
) -> list[_Draft]:
    drafts = []
    for language, name in _branch_languages(run, main, run.language, detect=detect).items():
        tree = run.tree(name)
        sites = detect_sites(tree)
        if not sites:
            continue
        run.licence(tree)
        found = [
            _Draft(c.key, language, c.path, "branch", name)
            for c in lesson_candidates(sites[0], "auto")
            if c.key in originals
            and c.language in (None, language)
            and originals[c.key].language != language
        ]
        for draft in run.parse(tree, found):
            original = originals[draft.key]
            if draft.doc is not None and _is_translation(draft.doc, original, language):
                drafts.append(draft)
    return drafts


def _is_translation(doc: ParsedDocument, original: _Draft, language: str) -> bool:
    """A page that is empty or still in the original language is not a translation."""
    if doc.words < 5:
        return False
    return looks_translated(doc.text, language, original.language, original.text)


def _assemble(
    run: _Run, branch: str, site: Site | None, drafts: list[_Draft], originals: dict[str, _Draft]
) -> MaterialIndex:
    by_key: dict[str, list[_Draft]] = {}
    for draft in drafts:
        if draft.key in originals:
            by_key.setdefault(draft.key, []).append(draft)
    keys = sorted(by_key, key=lambda key: _order_key(site, originals[key], key))
    lessons, texts = [], []
    for position, key in enumerate(keys, start=1):
        lesson, lesson_texts = _lesson(run, site, position, originals[key], by_key[key])
        lessons.append(lesson)
        texts.extend(lesson_texts)
    material = _material(run, branch, site, lessons)
    memory = sorted(
        {
            (draft.language, entry.msgid, entry.msgstr)
            for draft in drafts
            if draft.catalog is not None
            for entry in draft.catalog.active()
            if entry.translated and entry.msgid_plural is None
        }
    )
    return MaterialIndex(material, lessons, texts, run.problems, memory)


def _order_key(site: Site | None, original: _Draft, key: str) -> tuple[int, float, object]:
    if site is not None and key in site.order:
        return (0, float(site.order[key]), natural_key(key))
    front = original.doc.front_matter if original.doc else None
    if front is not None and front.order is not None and front.order < 999:
        return (1, float(front.order), natural_key(key))
    return (2, 0.0, natural_key(key))


def _lesson(
    run: _Run, site: Site | None, position: int, original: _Draft, drafts: list[_Draft]
) -> tuple[Lesson, list[SearchText]]:
    lesson_id = f"{run.spec.id}/{original.key}"
    versions = {}
    texts = []
    for draft in sorted(drafts, key=lambda d: d.language):
        version = _version(run, site, draft, original)
        versions[draft.language] = version
        if version.completeness > 0:  # an empty translation is never a search result
            texts.append(SearchText(lesson_id, draft.language, version.title, draft.text))
    front = original.doc.front_matter if original.doc else None
    topics = list(run.spec.topics)
    if front is not None:
        for value in (*front.tags, *front.topics, *front.categories):
            slug = slugify(value)
            if slug and slug not in topics:
                topics.append(slug)
    lesson = Lesson(
        id=lesson_id,
        material=run.spec.id,
        path=original.key,
        order=position,
        section=site.sections.get(original.key) if site else None,
        topics=tuple(topics),
        original_language=original.language,
        versions=versions,
    )
    return lesson, texts


def _headings(draft: _Draft, original: _Draft) -> tuple[str, ...]:
    """A version's headings; a catalog's translations of the original's headings for gettext."""
    if draft.doc is not None:
        return draft.doc.headings
    if draft.catalog is None or original.doc is None:
        return ()
    translated = {
        normalize_message(e.msgid): e.msgstr for e in draft.catalog.active() if e.translated
    }
    return tuple(translated.get(normalize_message(h), h) for h in original.doc.headings)


def _title(draft: _Draft, original: _Draft) -> str:
    fallback = posixpath.basename(draft.key).replace("-", " ").replace("_", " ").strip()
    original_title = (original.doc.title if original.doc else None) or fallback.capitalize()
    if draft.catalog is not None:
        wanted = normalize_message(original_title)
        for entry in draft.catalog.active():
            if normalize_message(entry.msgid) == wanted and entry.translated:
                return entry.msgstr
        return original_title
    return (draft.doc.title if draft.doc else None) or original_title


def _own_commits(run: _Run, draft: _Draft, original: _Draft) -> list[Commit]:
    """Commits that changed the version's file, newest first.

    For a branch translation only the branch's own commits count, not the history it shares
    with the original's branch.
    """
    path = run.repo_path(draft.path)
    commits = run.history(draft.branch).touches.get(path, [])
    if draft.kind == "branch":
        shared = {c.oid for c in run.history(original.branch).touches.get(path, [])}
        commits = [c for c in commits if c.oid not in shared]
    return commits


def _credit(
    run: _Run, draft: _Draft, commits: list[Commit]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found, authors, translators = version_credits(
        draft.kind, commits, draft.doc, draft.catalog, draft.language
    )
    for contribution in found:
        contribution.commits = 0  # commits are counted once, from the history (see _contributors)
        run.credits.append(contribution)
    if draft.kind in {"file", "gettext"}:  # commits changing only these credit translators
        run.translation_paths.add(run.repo_path(draft.path))
    return authors, translators


def _version(run: _Run, site: Site | None, draft: _Draft, original: _Draft) -> LessonVersion:
    commits = _own_commits(run, draft, original)
    last = commits[0] if commits else None
    completeness = 1.0
    outdated = False
    stale = None
    if draft.kind != "original":
        translated_at = last.timestamp if last else None
        stale = staleness(run.history(original.branch), run.repo_path(original.path), translated_at)
        outdated = bool(stale and stale.commits)
    if draft.counts is not None:
        completeness = round(draft.counts.ratio, 4)
        outdated = outdated or draft.counts.missing > 0
    authors, translators = _credit(run, draft, commits)
    main_licence = next(iter(run.licences.values())).spdx
    branch_licence = run.licences[draft.branch].spdx if draft.kind == "branch" else None
    words = draft.doc.words if draft.doc else (draft.counts.translated_words if draft.counts else 0)
    return LessonVersion(
        language=draft.language,
        title=_title(draft, original),
        path=run.repo_path(draft.path),
        kind=draft.kind,
        branch=draft.branch,
        headings=_headings(draft, original),
        words=words,
        completeness=completeness,
        counts=draft.counts,
        outdated=outdated,
        staleness=stale,
        commit=last.oid if last else None,
        updated=iso_date(last.timestamp) if last else None,
        url=_url(run.spec.site_url, site, draft),
        authors=authors,
        translators=translators,
        license=version_licence(
            draft.doc, draft.result.spdx if draft.result else None, branch_licence, main_licence
        ),
    )


def _url(site_url: str | None, site: Site | None, draft: _Draft) -> str | None:
    if not site_url or site is None or draft.kind in {"gettext", "branch"}:
        return None
    if site.kind not in {"jekyll", "markdown", "sphinx", "html"}:
        return None
    if site.root and not draft.path.startswith(f"{site.root}/"):
        return None  # another Sphinx tree of the material: its URL is not known
    page = strip_extension(site.relative(draft.path))
    return f"{site_url.rstrip('/')}/{page}.html"


def _material(run: _Run, branch: str, site: Site | None, lessons: list[Lesson]) -> Material:
    languages: dict[str, float] = {}
    for lesson in lessons:
        for language, version in lesson.versions.items():
            languages[language] = languages.get(language, 0.0) + version.completeness
    spec = run.spec
    layout = site.kind if site else "none"
    kinds = sorted({v.kind for lesson in lessons for v in lesson.versions.values()} - {"original"})
    return Material(
        id=spec.id,
        title=spec.title,
        description=spec.description,
        source=run.source,
        site_url=spec.site_url,
        code_url=spec.code_url,
        branch=branch,
        commit=run.commits[branch],
        layout="+".join([layout, *kinds]),
        original_language=run.language,
        topics=spec.topics,
        languages={k: round(v / len(lessons), 4) for k, v in sorted(languages.items())},
        lessons=len(lessons),
        problems=tuple(run.problems),
        licence=next(iter(run.licences.values())),
        code_licence=next(iter(run.code_licences.values())),
        contributors=tuple(merge_people(_contributors(run, branch))),
    )


def _contributors(run: _Run, main: str) -> list[Contribution]:
    """Everyone credited, each commit counted once.

    A commit that only touched translation files, or a translation branch's own commit, credits
    a translator; any other commit an author (catalogs are often committed by maintainers who
    pull them from Transifex: their translators come from the catalogs' own credits). The people
    the material and its files name are added.
    """
    found = list(run.credits)
    seen: set[str] = set()
    for branch, commits in sorted(run.walks.items(), key=lambda item: item[0] != main):
        for commit in commits:
            if commit.oid in seen:
                continue
            seen.add(commit.oid)
            translated = branch != main or (
                bool(commit.paths) and all(path in run.translation_paths for path in commit.paths)
            )  # fmt: skip
            found.extend(from_commits([commit], role="translator" if translated else "author"))
    return found
