"""Turn a material's drafts into what the index stores: lessons, versions, the material."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from otsmaterials._git.history import Commit
from otsmaterials.attribution.people import Contribution, Role, from_commits, merge_people
from otsmaterials.catalogue.model import site_status
from otsmaterials.catalogue.slugs import slugify
from otsmaterials.gettext.stats import normalize_message
from otsmaterials.index.changes import iso_date, staleness
from otsmaterials.index.context import MaterialRun
from otsmaterials.index.credits import SharedCredits, version_credits, version_licence
from otsmaterials.index.drafts import Draft
from otsmaterials.index.models import IndexProblem, Lesson, LessonVersion, Material
from otsmaterials.index.revisions import fill_changes
from otsmaterials.layouts.base import Site, natural_key, readable_name, strip_extension

__all__ = ["MaterialIndex", "SearchText", "assemble", "lesson_order"]


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


def lesson_order(original: Draft) -> tuple[int, float, tuple[object, ...]]:
    """Where a lesson goes: its site's order, then front matter ``num`` below 999, then its path."""
    key = original.key
    if original.position is not None:
        return (0, float(original.position), natural_key(key))
    front = original.doc.front_matter if original.doc else None
    if front is not None and front.order is not None and front.order < 999:
        return (1, float(front.order), natural_key(key))
    return (2, 0.0, natural_key(key))


def assemble(
    run: MaterialRun,
    branch: str,
    site: Site | None,
    drafts: Sequence[Draft],
    originals: Mapping[str, Draft],
) -> MaterialIndex:
    """The material's index entries from its drafts (each original and its translations)."""
    by_key: dict[str, list[Draft]] = {}
    for draft in drafts:
        if draft.key in originals:
            by_key.setdefault(draft.key, []).append(draft)
    keys = sorted(by_key, key=lambda key: lesson_order(originals[key]))
    lessons, texts = [], []
    for position, key in enumerate(keys, start=1):
        lesson, lesson_texts = _lesson(run, position, originals[key], by_key[key])
        lessons.append(lesson)
        texts.extend(lesson_texts)
    lessons = fill_changes(run.mirror, run.commits[branch], lessons)
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


def _lesson(
    run: MaterialRun, position: int, original: Draft, drafts: list[Draft]
) -> tuple[Lesson, list[SearchText]]:
    lesson_id = f"{run.spec.id}/{original.key}"
    versions = {}
    texts = []
    for draft in sorted(drafts, key=lambda d: d.language):
        version = _version(run, draft, original)
        versions[draft.language] = version
        if version.exact_completeness() > 0:  # an empty translation is never a search result
            texts.append(SearchText(lesson_id, draft.language, version.title, draft.text))
    front = original.doc.front_matter if original.doc else None
    topics = list(run.spec.topics)
    if front is not None:
        for value in (*front.tags, *front.topics, *front.categories):
            slug = slugify(value)
            if slug and slug not in topics:
                topics.append(slug)
    site = original.site
    lesson = Lesson(
        id=lesson_id,
        material=run.spec.id,
        path=original.key,
        order=position,
        section=site.sections.get(site.key(original.path)) if site else None,
        topics=tuple(topics),
        original_language=original.language,
        versions=versions,
        adapts=run.adapted.get(original.key),
    )
    return lesson, texts


def _headings(draft: Draft, original: Draft) -> tuple[str, ...]:
    """A version's headings; a catalog's translations of the original's headings for gettext."""
    if draft.doc is not None:
        return draft.doc.headings
    if draft.catalog is None or original.doc is None:
        return ()
    translated = {
        normalize_message(e.msgid): e.msgstr for e in draft.catalog.active() if e.translated
    }
    return tuple(translated.get(normalize_message(h), h) for h in original.doc.headings)


def own_title(draft: Draft) -> str | None:
    """A page's title: front matter or top-level heading, else its navigation's label."""
    if draft.doc is not None and draft.doc.title:
        return draft.doc.title
    site = draft.site
    return site.titles.get(site.key(draft.path)) if site is not None else None


def _title(draft: Draft, original: Draft) -> str:
    """Front matter, top-level heading, navigation label, the original's, the file's name."""
    original_title = own_title(original) or readable_name(original.key)
    if draft.catalog is not None:
        wanted = normalize_message(original_title)
        for entry in draft.catalog.active():
            if normalize_message(entry.msgid) == wanted and entry.translated:
                return entry.msgstr
        return original_title
    return own_title(draft) or original_title


def _own_commits(run: MaterialRun, draft: Draft, original: Draft) -> list[Commit]:
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
    run: MaterialRun, draft: Draft, commits: list[Commit]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The version's author and translator names; its contributions go to the material's.

    Versions with the same commits, language, declared people and catalog credits share them
    (:class:`~otsmaterials.index.credits.SharedCredits`): every lesson of a whole book's catalog.
    """
    doc, catalog = draft.doc, draft.catalog
    declared = doc.front_matter.authors if doc is not None and doc.front_matter else ()
    key = (
        draft.kind,
        draft.language,
        id(commits),
        tuple(declared),
        tuple(catalog.header_comments) if catalog is not None else None,
        catalog.header_value("Last-Translator") if catalog is not None else None,
    )
    shared = run.shared_credits.get(key)
    if shared is None:
        found, authors, translators = version_credits(
            draft.kind,
            commits,
            doc,
            catalog,
            draft.language,
            bulk=run.bulk_commits,
            people=run.commit_people,
            names=run.credited_names,
        )
        for contribution in found:
            contribution.commits = 0  # commits are counted once, from the history (_contributors)
        shared = run.shared_credits[key] = SharedCredits(found, authors, translators, commits)
    shared.times += 1
    if draft.kind in {"file", "gettext"}:  # commits changing only these credit translators
        run.translation_paths.add(run.repo_path(draft.path))
    return shared.authors, shared.translators


def _version(run: MaterialRun, draft: Draft, original: Draft) -> LessonVersion:
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
        completeness = draft.counts.ratio  # unrounded: 1.0 only when every word is translated
        outdated = outdated or draft.counts.missing > 0
    authors, translators = _credit(run, draft, commits)
    main_licence = next(iter(run.licences.values())).spdx
    branch_licence = run.licences[draft.branch].spdx if draft.kind == "branch" else None
    words = draft.doc.words if draft.doc else (draft.counts.translated_words if draft.counts else 0)
    is_original = draft is original
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
        url=_url(run.spec.site_url, draft),
        authors=authors,
        translators=translators,
        license=version_licence(
            draft.doc, draft.result.spdx if draft.result else None, branch_licence, main_licence
        ),
        pairing=None if is_original else draft.pairing,
        confidence=None if is_original else draft.confidence,
    )


_PUBLISHED_AS_PATH = frozenset({"jekyll", "markdown", "sphinx", "html", "mdbook"})
"""Site kinds that publish ``<root>/<page>.md`` as ``<site_url>/<page>.html``."""


def _url(site_url: str | None, draft: Draft) -> str | None:
    site = draft.site
    if not site_url or site is None or draft.kind in {"gettext", "branch"}:
        return None
    if site.kind not in _PUBLISHED_AS_PATH or site.pairing == "content":
        return None  # one of several trees: where each is published is not known
    page = strip_extension(site.relative(draft.path))
    return f"{site_url.rstrip('/')}/{quote(page, safe='/')}.html"  # a path, not a URL


def _material(run: MaterialRun, branch: str, site: Site | None, lessons: list[Lesson]) -> Material:
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
        titles=dict(sorted({**spec.titles, run.language: spec.title}.items())),
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
        license=next(iter(run.licences.values())),
        code_license=next(iter(run.code_licences.values())),
        contributors=tuple(merge_people(_contributors(run, branch))),
        status=spec.status or site_status(site.life_cycle if site else None),
        adapts=spec.adapts,
    )


def _contributors(run: MaterialRun, main: str) -> list[Contribution]:
    """Everyone credited, each commit counted once.

    A commit that only touched translation files, or a translation branch's own commit, credits
    a translator; any other commit an author (catalogs are often committed by maintainers who
    pull them from Transifex: their translators come from the catalogs' own credits). The people
    the material and its files name are added.
    """
    found = list(run.credits)
    for shared in run.shared_credits.values():
        found.extend(shared.credited())
    seen: set[str] = set()
    for branch, commits in sorted(run.walks.items(), key=lambda item: item[0] != main):
        for commit in commits:
            if commit.oid in seen:
                continue
            seen.add(commit.oid)
            translated = branch != main or (
                bool(commit.paths) and all(path in run.translation_paths for path in commit.paths)
            )  # fmt: skip
            role: Role = "translator" if translated else "author"
            found.extend(from_commits([commit], role=role, known=run.commit_people))
    return found
