"""What changed in an original since a translation last followed it: blocks and a unified diff.

The original as it was at the translation's base commit (:class:`Staleness.base`) and as it is now
are cut into blocks the way the translator commands cut them (Markdown and HTML lessons; other
files into paragraphs at blank lines) and paired with the same order-keeping alignment
``import-translation`` uses (:func:`otsmaterials.translate.blocks.align_versions`): a pair whose
text differs is ``changed``, a block of the old version without a partner ``removed``, one of the
new version ``added``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from otsmaterials._git.mirror import Mirror
from otsmaterials._git.reader import read_files_at
from otsmaterials.errors import InputError
from otsmaterials.gettext.stats import normalize_message
from otsmaterials.index.models import Lesson, LessonVersion, ParagraphChange
from otsmaterials.syncing.cache import Cache
from otsmaterials.translate.blocks import align_versions
from otsmaterials.translate.documents import document_segments, translatable
from otsmaterials.translate.segments import Segment, Span

__all__ = ["block_changes", "fill_changes", "original_diff"]

_MAX_BYTES = 256 * 1024
"""Originals larger than this are not compared (as the index does not parse them)."""


def _blocks(text: str, path: str) -> list[Segment]:
    """A lesson's blocks: its messages, or for other files its paragraphs (at blank lines)."""
    if translatable(path):
        return document_segments(text, path)
    blocks: list[Segment] = []
    lines: list[str] = []
    for number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            lines.append(line)
        elif lines:
            first = number - len(lines)
            message = normalize_message(" ".join(lines))
            blocks.append(Segment(message, first, "paragraph", Span(first - 1, number - 1, 0, 0)))
            lines = []
    return blocks


def block_changes(old: str, new: str, path: str) -> tuple[ParagraphChange, ...]:
    """What changed from ``old`` (the original a translation followed) to ``new`` (it now).

    The blocks of ``new`` changed or added, and those of ``old`` removed, in document order.
    """
    before, after = _blocks(old, path), _blocks(new, path)
    pairs = align_versions(before, after)
    paired_old = {pair.source for pair in pairs}
    paired_new = {pair.target for pair in pairs}
    found: list[tuple[tuple[int, int], ParagraphChange]] = []
    for pair in pairs:
        a, b = before[pair.source], after[pair.target]
        if normalize_message(a.msgid) != normalize_message(b.msgid):
            change = ParagraphChange(
                change="changed", kind=b.kind, line=b.line, before=a.msgid, after=b.msgid
            )
            found.append(((pair.target, 1), change))
    for index, block in enumerate(after):
        if index not in paired_new:
            change = ParagraphChange(
                change="added", kind=block.kind, line=block.line, after=block.msgid
            )
            found.append(((index, 1), change))
    # a removed block goes before the next block of the new version that was kept
    next_kept = {pair.source: pair.target for pair in pairs}
    for index, block in enumerate(before):
        if index not in paired_old:
            following = min((t for s, t in next_kept.items() if s > index), default=len(after))
            change = ParagraphChange(
                change="removed", kind=block.kind, line=block.line, before=block.msgid
            )
            found.append(((following, 0), change))
    return tuple(change for _, change in sorted(found, key=lambda item: item[0]))


def fill_changes(mirror: Mirror, commit: str, lessons: Sequence[Lesson]) -> list[Lesson]:
    """``lessons`` with the changes of their outdated file and branch translations filled in.

    The originals are read in one batch from ``mirror``; ``commit`` is the original branch's head.
    """
    wanted: dict[tuple[str, str], None] = {}
    for lesson in lessons:
        for _version, base in _behind(lesson):
            path = lesson.original().path
            wanted[(base, path)] = None
            wanted[(commit, path)] = None
    if not wanted:
        return list(lessons)
    contents = read_files_at(mirror.runner, mirror.path, wanted, max_size=_MAX_BYTES)
    compared: dict[tuple[str, str], tuple[ParagraphChange, ...]] = {}
    result = []
    for lesson in lessons:
        versions = dict(lesson.versions)
        path = lesson.original().path
        for version, base in _behind(lesson):
            old, new = contents.get((base, path)), contents.get((commit, path))
            if old is None or new is None or version.staleness is None:
                continue  # moved since, or too large: the counts stay, without the blocks
            key = (base, path)
            if key not in compared:
                compared[key] = block_changes(_text(old), _text(new), path)
            changes = compared[key]
            versions[version.language] = version.model_copy(
                update={"staleness": version.staleness.model_copy(update={"changes": changes})}
            )
        result.append(lesson.model_copy(update={"versions": versions}))
    return result


def _behind(lesson: Lesson) -> list[tuple[LessonVersion, str]]:
    """The lesson's file and branch translations behind the original, with their base commit."""
    found = []
    for version in lesson.versions.values():
        stale = version.staleness
        if version.kind in {"file", "branch"} and stale and stale.commits and stale.base:
            found.append((version, stale.base))
    return found


def _text(data: bytes) -> str:
    return data.decode("utf-8-sig", "replace").replace("\r\n", "\n").replace("\r", "\n")


def original_diff(lesson: Lesson, language: str, cache: str | Path, commit: str) -> str:
    """The original's changes since the ``language`` version last followed it: a unified diff.

    Empty when the translation is current. ``commit`` is the material's indexed commit;
    ``cache`` holds the mirrors (``otsmaterials sync``).
    """
    version = lesson.versions.get(language)
    if version is None:
        raise InputError(f"{lesson.id} has no version in {language!r}")
    stale = version.staleness
    if stale is None or not stale.commits:
        return ""
    if stale.base is None:
        raise InputError(f"{lesson.id}: the {language!r} version is older than its original")
    mirror = Cache(cache).mirror(lesson.material)
    if not mirror.exists():
        raise InputError(f"no mirror of {lesson.material} in {cache}: run `otsmaterials sync`")
    path = lesson.original().path
    contents = read_files_at(
        mirror.runner, mirror.path, [(stale.base, path), (commit, path)], max_size=_MAX_BYTES
    )
    old, new = contents.get((stale.base, path)), contents.get((commit, path))
    if old is None or new is None:
        raise InputError(f"{path}: not readable at {stale.base[:12]} and {commit[:12]}")
    return "".join(
        difflib.unified_diff(
            _text(old).splitlines(keepends=True),
            _text(new).splitlines(keepends=True),
            fromfile=f"a/{path} ({stale.base[:12]})",
            tofile=f"b/{path} ({commit[:12]})",
        )
    )
