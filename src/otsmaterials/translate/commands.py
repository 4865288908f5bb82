"""The translator commands on a working copy: extract, init, update, compile.

Every write is atomic and only happens when the entries changed. A catalog edited on disk while a
command runs is never overwritten: the merge is redone from the new content, and if the file keeps
changing the result goes to ``<file>.po.new`` with a warning (``docs/threat-model.md``,
translator-edits-kept).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from otsmaterials._support.atomic import (
    remove_stale_temporaries,
    sync_directories,
    write_bytes_atomic,
    write_text_atomic,
)
from otsmaterials.formats.decode import decode_text
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.compile import compile_po
from otsmaterials.gettext.merge import MergeResult, TranslationMemory, merge_catalog, new_catalog
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.stats import Completeness, catalog_stats
from otsmaterials.gettext.writer import DEFAULT_WIDTH, format_po
from otsmaterials.languages.tags import normalize_language
from otsmaterials.translate.documents import document_segments
from otsmaterials.translate.segments import DEFAULT_KEYS
from otsmaterials.translate.templates import LocationMode, template_for
from otsmaterials.translate.workspace import LessonFile, Workspace

__all__ = [
    "Action",
    "ExtractOptions",
    "FileChange",
    "compile_catalogs",
    "extract",
    "init",
    "lesson_template",
    "team_plural_forms",
    "update",
]

Action = Literal[
    "created",
    "updated",
    "unchanged",
    "would change",
    "merged edits",
    "wrote .new",
    "missing",
    "skipped",
]
_RETRIES = 3


@dataclass(frozen=True)
class ExtractOptions:
    """How lessons become templates."""

    location: LocationMode = "full"
    """``#:`` references: ``path:line``, ``path`` or none."""
    width: int | None = DEFAULT_WIDTH
    """Line width of written catalogs (``None``: no wrapping)."""
    keys: tuple[str, ...] = DEFAULT_KEYS
    """Front matter keys to translate."""
    include_code: bool = False
    """Whether code blocks are messages too."""


@dataclass(frozen=True)
class FileChange:
    """What a command did (or would do) to one file."""

    path: Path
    """The file."""
    action: Action
    """``created``, ``updated``, ``unchanged``, ``would change`` (``--check``), ``merged edits``
    (the file changed while the command ran and was merged again), ``wrote .new``, or
    ``missing`` (a lesson without a catalog that ``update`` was told not to create), or
    ``skipped`` (``compile``: nothing translated, no ``.mo`` written)."""
    lesson: str | None = None
    """The lesson key."""
    language: str | None = None
    """The catalog's language."""
    merge: MergeResult | None = None
    """What ``update`` did to the entries."""
    was_empty: bool = False
    """The catalog had no messages at all while its lesson has some (emptied by accident?)."""
    counts: Completeness | None = None
    """``compile``: the catalog's messages, translated, fuzzy and untranslated."""


def lesson_template(workspace: Workspace, lesson: LessonFile, options: ExtractOptions) -> PoFile:
    """The ``.pot`` of one lesson, made from its current text."""
    text = decode_text(lesson.path.read_bytes(), lesson.relative).text
    segments = document_segments(
        text, lesson.relative, keys=options.keys, include_code=options.include_code
    )
    return template_for(
        segments, path=lesson.relative, project=workspace.project, location=options.location
    )


def _read(path: Path) -> tuple[PoFile, str]:
    data = path.read_bytes()
    return parse_po(data, str(path)), hashlib.sha256(data).hexdigest()


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def extract(
    workspace: Workspace,
    lessons: Sequence[LessonFile],
    options: ExtractOptions,
    *,
    check: bool = False,
) -> list[FileChange]:
    """Write each lesson's ``.pot`` (unless its entries are unchanged)."""
    changes = []
    for lesson in lessons:
        template = lesson_template(workspace, lesson, options)
        path = workspace.template_path(lesson)
        if path.exists() and _read(path)[0].entries == template.entries:
            changes.append(FileChange(path, "unchanged", lesson.key))
            continue
        action: Action = "would change" if check else ("updated" if path.exists() else "created")
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, format_po(template, width=options.width))
        changes.append(FileChange(path, action, lesson.key))
    return changes


def team_plural_forms(workspace: Workspace, language: str) -> tuple[str, Path] | None:
    """The ``Plural-Forms`` a team already uses for ``language``, and the catalog it is from.

    ``None`` when no catalog of the language has one (then CLDR's forms are used).
    """
    for _key, path in workspace.catalogs(language):
        try:
            forms = parse_po(path.read_bytes(), str(path)).header_value("Plural-Forms")
        except (OSError, ValueError):
            continue
        if forms:
            return forms, path
    return None


def init(
    workspace: Workspace,
    lessons: Sequence[LessonFile],
    language: str,
    options: ExtractOptions,
    *,
    plural_forms: str | None = None,
) -> list[FileChange]:
    """Create the catalogs of ``language`` that do not exist yet (existing ones are left alone).

    ``plural_forms``: the header's ``Plural-Forms`` (default: the team's, from
    :func:`team_plural_forms`, else CLDR's).
    """
    language = normalize_language(language)
    if plural_forms is None:
        team = team_plural_forms(workspace, language)
        plural_forms = team[0] if team else None
    changes = []
    for lesson in lessons:
        path = workspace.catalog_path(lesson, language)
        if path.exists():
            changes.append(FileChange(path, "unchanged", lesson.key, language))
            continue
        template = lesson_template(workspace, lesson, options)
        catalog = new_catalog(template, language, plural_forms=plural_forms)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, format_po(catalog, width=options.width))
        changes.append(FileChange(path, "created", lesson.key, language))
    return changes


def _read_all(workspace: Workspace, language: str) -> dict[Path, tuple[PoFile, str]]:
    """Every readable catalog of ``language`` with its digest (unreadable ones left out)."""
    found = {}
    for _key, path in workspace.catalogs(language):
        try:
            found[path] = _read(path)
        except (OSError, ValueError):
            continue
    return found


def _memory(catalogs: Iterable[PoFile]) -> dict[str, str]:
    """Msgid → msgstr from every translated entry of ``catalogs``."""
    pairs: dict[str, str] = {}
    for catalog in catalogs:
        for entry in catalog.active():
            if entry.translated and entry.msgid_plural is None:
                pairs.setdefault(entry.msgid, entry.msgstr)
    return pairs


def update(
    workspace: Workspace,
    lessons: Sequence[LessonFile],
    languages: Sequence[str],
    options: ExtractOptions,
    *,
    keep_obsolete: bool = True,
    extra_memory: dict[str, dict[str, str]] | None = None,
    check: bool = False,
    init_missing: bool = True,
) -> list[FileChange]:
    """Merge each lesson's current template into its existing catalogs (see the merge module).

    A lesson without a catalog in one of ``languages`` (new since ``init``) gets one, as
    ``init`` makes it, unless ``init_missing`` is false: then it is reported as ``missing``.
    """
    languages = [normalize_language(language) for language in languages]
    changes = []
    swept: set[Path] = set()  # folders swept of stale temporaries, synced once at the end
    templates = {lesson.key: lesson_template(workspace, lesson, options) for lesson in lessons}
    for language in languages:
        read = _read_all(workspace, language)  # once: for the memory and for the merge
        pairs = dict((extra_memory or {}).get(language, {}))
        pairs.update(_memory(catalog for catalog, _digest in read.values()))
        memory = TranslationMemory.from_pairs(pairs)
        for lesson in lessons:
            path = workspace.catalog_path(lesson, language)
            if not check and path.parent not in swept:
                swept.add(path.parent)
                remove_stale_temporaries(path.parent)  # a killed run's leftovers
            if not path.exists():
                changes.append(
                    _start_missing(
                        workspace,
                        lesson,
                        language,
                        templates[lesson.key],
                        options,
                        create=init_missing,
                        check=check,
                    )
                )
            else:
                changes.append(
                    _update_one(
                        path,
                        lesson,
                        language,
                        templates[lesson.key],
                        memory,
                        options,
                        keep_obsolete=keep_obsolete,
                        check=check,
                        first=read.get(path),
                        batch=swept,
                    )
                )
    sync_directories(swept)
    return changes


def _start_missing(
    workspace: Workspace,
    lesson: LessonFile,
    language: str,
    template: PoFile,
    options: ExtractOptions,
    *,
    create: bool,
    check: bool,
) -> FileChange:
    """A catalog for a lesson new since ``init``: created, or reported as missing."""
    path = workspace.catalog_path(lesson, language)
    if not create:
        return FileChange(path, "missing", lesson.key, language)
    if check:
        return FileChange(path, "would change", lesson.key, language)
    team = team_plural_forms(workspace, language)
    catalog = new_catalog(template, language, plural_forms=team[0] if team else None)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, format_po(catalog, width=options.width))
    return FileChange(path, "created", lesson.key, language)


def _update_one(  # noqa: PLR0917 - the pieces of one catalog's update
    path: Path,
    lesson: LessonFile,
    language: str,
    template: PoFile,
    memory: TranslationMemory,
    options: ExtractOptions,
    *,
    keep_obsolete: bool,
    check: bool,
    first: tuple[PoFile, str] | None,
    batch: set[Path] | None = None,
) -> FileChange:
    merged_edits = False
    for attempt in range(_RETRIES):
        catalog, digest = first if attempt == 0 and first is not None else _read(path)
        empty = not catalog.entries and bool(template.entries)
        result = merge_catalog(catalog, template, keep_obsolete=keep_obsolete, memory=memory)
        if not result.changed:
            return FileChange(path, "unchanged", lesson.key, language, result)
        if check:
            return FileChange(path, "would change", lesson.key, language, result, empty)
        data = format_po(result.catalog, width=options.width).encode("utf-8")
        if _digest(path) == digest:  # nobody edited the file since it was read
            write_bytes_atomic(path, data, batch=batch)
            action: Action = "merged edits" if merged_edits else "updated"
            return FileChange(path, action, lesson.key, language, result, empty)
        merged_edits = True
    backup = path.with_name(path.name + ".new")
    write_bytes_atomic(backup, data)
    return FileChange(backup, "wrote .new", lesson.key, language, result, empty)


def compile_catalogs(
    workspace: Workspace,
    languages: Sequence[str],
    *,
    use_fuzzy: bool = False,
    skip_empty: bool = True,
) -> list[FileChange]:
    """Write a ``.mo`` next to every catalog of ``languages`` (only when its bytes change).

    A catalog with nothing translated (fuzzy translations count with ``use_fuzzy``) gets no
    ``.mo`` unless ``skip_empty`` is false: it is ``skipped``. Every catalog is compiled before
    anything is written: one that cannot be compiled stops the command with nothing changed.
    """
    languages = [normalize_language(language) for language in languages]
    compiled: list[tuple[str, str, Path, bytes | None, Completeness]] = []
    for language in languages:
        for key, path in workspace.catalogs(language):
            catalog = parse_po(path.read_bytes(), str(path))
            counts = catalog_stats(catalog)
            data: bytes | None = compile_po(catalog, use_fuzzy=use_fuzzy, path=str(path))
            usable = counts.translated + (counts.fuzzy if use_fuzzy else 0)
            compiled.append(
                (key, language, path, None if skip_empty and not usable else data, counts)
            )
    changes = []
    for key, language, path, data, counts in compiled:
        target = path.with_suffix(".mo")
        if data is None:
            changes.append(FileChange(target, "skipped", key, language, counts=counts))
            continue
        if target.exists() and target.read_bytes() == data:
            changes.append(FileChange(target, "unchanged", key, language, counts=counts))
            continue
        action: Action = "updated" if target.exists() else "created"
        write_bytes_atomic(target, data)
        changes.append(FileChange(target, action, key, language, counts=counts))
    return changes
