"""What indexing one material shares between its steps: the mirror, budgets, problems, history."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from otsmaterials._git.history import Commit, walk_history
from otsmaterials._git.mirror import Mirror
from otsmaterials.attribution.people import CommitPeople, Contribution, NamesMemo
from otsmaterials.catalogue.model import MaterialSpec
from otsmaterials.index.changes import FileHistory
from otsmaterials.index.credits import SharedCredits
from otsmaterials.index.drafts import Draft
from otsmaterials.index.limits import Limits
from otsmaterials.index.models import IndexProblem
from otsmaterials.index.parsing import (
    ParseCache,
    ParsePool,
    TextLanguage,
    Wanted,
    document_messages,
    parse_documents,
    text_language,
)
from otsmaterials.languages.identify import same_language
from otsmaterials.layouts.base import LESSON_EXTENSIONS, Site, Tree
from otsmaterials.layouts.registry import uses
from otsmaterials.licensing.detect import detect_licences
from otsmaterials.licensing.models import License

__all__ = ["Limits", "MaterialRun"]


@dataclass
class MaterialRun:
    """One material being indexed: its inputs, and what the steps find on the way."""

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
    licences: dict[str, License] = field(default_factory=dict)
    code_licences: dict[str, License | None] = field(default_factory=dict)
    walks: dict[str, list[Commit]] = field(default_factory=dict)
    translation_paths: set[str] = field(default_factory=set)
    bulk_commits: dict[str, bool] = field(default_factory=dict)
    """Commit id → whether it updated many languages' catalogs at once (see ``credits``)."""
    commit_people: dict[str, CommitPeople] = field(default_factory=dict)
    """Commit id → its people as credits count them (read once for every version it touched)."""
    credited_names: NamesMemo = field(default_factory=dict)
    """A version's credited names by its contributions (versions share their authors)."""
    shared_credits: dict[tuple[object, ...], SharedCredits] = field(default_factory=dict)
    """The versions' credits, by what decides them (see ``assemble``), in the order first met."""
    language: str = "en"
    """The material's original language (settled by :mod:`otsmaterials.index.labels`)."""
    configured: bool = False
    """Whether the catalogue or the site states that language (else history or text told)."""
    adapted: dict[str, str] = field(default_factory=dict)
    """Lesson key → the lesson of the adapted material it adapts (the catalogue's ``adapts``)."""
    listed: Tree | None = None
    """A branch's files as they were listed and read ahead (``send_lessons``): :meth:`tree`
    gives them once, if the branch is still at that commit."""

    def problem(
        self, path: str | None, message: str, *, line: int | None = None, severity: str = "error"
    ) -> None:
        """Report a problem with one of the material's files (or the material)."""
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
        """A path relative to the material's ``subdir`` → relative to the repository."""
        return f"{self.spec.subdir}/{path}" if self.spec.subdir else path

    def tree(self, branch: str) -> Tree:
        """A branch's files (reporting those the mirror left out)."""
        listed, self.listed = self.listed, None
        if listed is not None and listed.branch == branch and listed.commit == self.commits[branch]:
            tree = listed
        else:
            snapshot = self.mirror.snapshot(self.commits[branch], subdir=self.spec.subdir)
            tree = Tree(branch, snapshot, self.spec.subdir or "")
        snapshot = tree.snapshot
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
        """The branch's history, walked once."""
        if branch not in self.histories:
            commits = walk_history(self.mirror.runner, self.mirror.path, self.commits[branch])
            self.histories[branch] = FileHistory.from_commits(commits)
            self.walks[branch] = commits
        return self.histories[branch]

    def first_commit(self, draft: Draft) -> int | None:
        """When the draft's file was first committed on its branch (seconds since the epoch)."""
        touches = self.history(draft.branch).touches.get(self.repo_path(draft.path))
        return touches[-1].timestamp if touches else None

    def licence(self, tree: Tree) -> License:
        """The content licence of a branch, detected once (the code's is kept beside it)."""
        if tree.branch not in self.licences:
            override = self.spec.license if not self.licences else None
            outer = None
            if self.spec.subdir:  # the repository's root licence files speak for it too
                outer = Tree(tree.branch, self.mirror.snapshot(self.commits[tree.branch]), "")
            found = detect_licences(tree, override=override, outer=outer, subdir=tree.subdir)
            self.licences[tree.branch] = found.content
            self.code_licences[tree.branch] = found.code
        return self.licences[tree.branch]

    def parse(
        self, tree: Tree, drafts: Iterable[Draft], wanted: Wanted | None = None
    ) -> list[Draft]:
        """Attach parsed documents; drafts whose file failed are reported and dropped.

        ``wanted``: what the parse computes besides the summaries (by default everything).
        """
        drafts = list(drafts)
        results = parse_documents(
            tree,
            [d.path for d in drafts],
            self.cache,
            max_bytes=self.limits.max_lesson_bytes,
            pool=self.pool,
            wanted=wanted or Wanted(),
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
            draft.oid = tree.oid(draft.path)
            kept.append(draft)
        return kept

    def wanted(self, tree: Tree, sites: Iterable[Site], drafts: Iterable[Draft]) -> Wanted:
        """What parsing the main branch's pages computes at once (see :class:`Wanted`).

        The messages, where the material has catalogs; the language of each page whose place
        states none, or another than the original's as far as the catalogue and the sites tell
        before anything is parsed. A guess: what it leaves out is asked when needed.
        """
        messages = uses(self.spec.layout, "gettext") and any(
            path.endswith(".po") for path in tree.paths
        )
        stated = {site.language for site in sites}
        original = self.spec.language
        if "language" not in self.spec.model_fields_set and len(stated) == 1:
            original = next(iter(stated)) or original
        languages = frozenset(
            draft.path
            for draft in drafts
            if not (place := draft.marked or (draft.site.language if draft.site else None))
            or not same_language(place, original)
        )
        return Wanted(messages=messages, languages=languages)

    def messages(self, tree: Tree, draft: Draft) -> tuple[str, ...]:
        """A main-branch page's translatable messages (made once per blob, then cached)."""
        if draft.result is None:
            return ()
        draft.result = document_messages(
            self.cache, tree, draft.path, draft.result, max_bytes=self.limits.max_lesson_bytes
        )
        return draft.result.messages or ()

    def detected(self, draft: Draft) -> TextLanguage | None:
        """The language of a page's text (asked once per blob, then cached), where it tells."""
        if draft.result is None:
            return None
        draft.result = text_language(self.cache, draft.oid, draft.result)
        return draft.result.language
