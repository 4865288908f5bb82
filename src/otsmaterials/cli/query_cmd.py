"""``otsmaterials list|show|search|topics|languages``: what the index holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, get_args

import click

from otsmaterials._support.exact import percent_text
from otsmaterials.catalogue.lifecycle import LifeCycle
from otsmaterials.cli._errors import EXIT_CLEAN
from otsmaterials.cli._i18n import _
from otsmaterials.cli._index_options import index_option, open_index, open_snapshot
from otsmaterials.cli._languages import index_language
from otsmaterials.cli._options import catalogue_option, json_option, language_option
from otsmaterials.cli._output import echo_json, echo_table
from otsmaterials.index import fulltext
from otsmaterials.index.glance import Glance, glance

if TYPE_CHECKING:  # the tables of ``list`` and ``search`` are printed without the models
    from otsmaterials.index.models import LessonVersion

__all__ = ["languages_command", "list_command", "search_command", "show_command", "topics_command"]

QUERY_SCHEMA_VERSION = 1
F = TypeVar("F", bound=Callable[..., object])


def status_option(function: F) -> F:
    """``--status current|outdated|retired``: only materials at that point of their life cycle."""
    return click.option(
        "--status",
        type=click.Choice(get_args(LifeCycle)),
        help="Only lessons of materials with this life cycle status.",
    )(function)


def banner(version: LessonVersion) -> str:
    """What a reader-facing banner says about a version (empty for a complete, current one)."""
    parts = []
    if version.kind != "original" and not version.reaches(1):
        parts.append(_("{percent} translated").format(percent=percent_text(version.completeness)))
    if version.outdated:
        since = version.staleness.since if version.staleness else None
        parts.append(
            _("translation older than the original since {date}").format(date=since)
            if since
            else _("translation older than the original")
        )
    return "; ".join(parts)


def _languages(lesson: Glance) -> str:
    cells = []
    for version in lesson.versions:
        mark = "*" if version.language == lesson.original_language else ""
        cells.append(f"{version.language}{mark} {percent_text(version.completeness)}")
    return ", ".join(cells)


@click.command("list")
@catalogue_option
@index_option
@click.option("--topic", help="Only lessons with this topic.")
@language_option(
    help_text="Only lessons with a usable version in this language (de, de_DE, deu …).",
    required=False,
)
@click.option("--material", help="Only lessons of this material.")
@status_option
@json_option
def list_command(
    *,
    catalogue_path: Path,
    index_path: Path | None,
    topic: str | None,
    language: str | None,
    material: str | None,
    status: LifeCycle | None,
    as_json: bool,
) -> int:
    """List lessons (the original language is marked with *)."""
    if as_json:
        index = open_index(index_path, catalogue_path)
        tag = index_language((info.tag for info in index.languages()), language)
        lessons = index.lessons(topic=topic, language=tag, material=material, status=status)
        echo_json(
            {
                "schema_version": QUERY_SCHEMA_VERSION,
                "lessons": [lesson.model_dump(mode="json") for lesson in lessons],
            }
        )
        return EXIT_CLEAN
    snapshot = open_snapshot(index_path, catalogue_path)
    tag = index_language(snapshot.lessons.by_language, language)
    lessons_seen = glance(snapshot, topic=topic, tag=tag, material=material, status=status)
    rows = [[lesson.id, lesson.title(tag), _languages(lesson)] for lesson in lessons_seen]
    echo_table(["LESSON", "TITLE", "LANGUAGES"], rows)
    return EXIT_CLEAN


@click.command("show")
@click.argument("lesson_id", metavar="LESSON")
@catalogue_option
@index_option
@json_option
def show_command(
    *, lesson_id: str, catalogue_path: Path, index_path: Path | None, as_json: bool
) -> int:
    """One lesson with all its versions, and what a reader's banner would say."""
    index = open_index(index_path, catalogue_path)
    lesson = index.lesson(lesson_id)
    material = index.material(lesson.material)
    if as_json:
        echo_json(
            {"schema_version": QUERY_SCHEMA_VERSION, "lesson": lesson.model_dump(mode="json")}
        )
        return EXIT_CLEAN
    section = f", {lesson.section}" if lesson.section else ""
    click.echo(
        f"{lesson.id}  ("
        + _("lesson {order} of {material}").format(order=lesson.order, material=lesson.material)
        + f"{section})"
    )
    if lesson.topics:
        click.echo(_("topics: {topics}").format(topics=", ".join(lesson.topics)))
    if lesson.adapts:
        click.echo(_("adapts: {lesson}").format(lesson=lesson.adapts))
    if material.license is not None:
        click.echo(_("licence: {licence}").format(licence=material.license.spdx))
    if material.code_license is not None:
        click.echo(_("code licence: {licence}").format(licence=material.code_license.spdx))
    for tag, version in sorted(lesson.versions.items()):
        _show_version(tag, version, original=tag == lesson.original_language)
    return EXIT_CLEAN


def _show_version(tag: str, version: LessonVersion, *, original: bool) -> None:
    """One version's block of ``show``."""
    role = _("original") if original else _("{kind} translation").format(kind=version.kind)
    click.echo(f"\n[{tag}] {version.title}  ({role}, {percent_text(version.completeness)})")
    where = _("file: {path}").format(path=version.path)
    if version.kind == "branch":
        where += " " + _("on branch {branch}").format(branch=version.branch)
    lines = [where]
    if version.pairing is not None and version.confidence is not None:
        how = {
            "path": _("paired by path"),
            "navigation": _("paired by navigation"),
            "content": _("paired by content"),
        }[version.pairing]
        lines.append(f"{how} ({percent_text(version.confidence)})")
    if version.updated:
        lines.append(
            _("last change: {date} ({commit})").format(
                date=version.updated, commit=(version.commit or "")[:10]
            )
        )
    if version.url:
        lines.append(_("url: {url}").format(url=version.url))
    if version.authors:
        lines.append(_("authors: {names}").format(names=", ".join(version.authors)))
    if version.translators:
        lines.append(_("translators: {names}").format(names=", ".join(version.translators)))
    if version.license:
        lines.append(_("licence: {licence}").format(licence=version.license))
    if text := banner(version):
        lines.append(_("banner: {text}").format(text=text))
    for line in lines:
        click.echo(f"  {line}")


@click.command("search")
@click.argument("text")
@catalogue_option
@index_option
@language_option(help_text="Only versions in this language.", required=False)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@status_option
@json_option
def search_command(
    *,
    text: str,
    catalogue_path: Path,
    index_path: Path | None,
    language: str | None,
    limit: int,
    status: LifeCycle | None,
    as_json: bool,
) -> int:
    """Full-text search over titles and text (accents and case ignored)."""
    if as_json:
        index = open_index(index_path, catalogue_path)
        tag = index_language((info.tag for info in index.languages()), language)
        hits = index.search(text, language=tag, limit=limit, status=status)
        echo_json(
            {
                "schema_version": QUERY_SCHEMA_VERSION,
                "hits": [hit.model_dump(mode="json") for hit in hits],
            }
        )
        return EXIT_CLEAN
    snapshot = open_snapshot(index_path, catalogue_path)
    tag = index_language(snapshot.lessons.by_language, language)
    found = fulltext.search(snapshot, text, language=tag, limit=limit, status=status)
    echo_table(
        ["LESSON", "LANG", "TITLE", "MATCH"],
        [[h.lesson, h.language, h.title, h.snippet.replace("\n", " ")] for h in found],
    )
    return EXIT_CLEAN


@click.command("topics")
@catalogue_option
@index_option
@json_option
def topics_command(*, catalogue_path: Path, index_path: Path | None, as_json: bool) -> int:
    """Topics and how many lessons each has."""
    topics = open_index(index_path, catalogue_path).topics()
    if as_json:
        echo_json(
            {
                "schema_version": QUERY_SCHEMA_VERSION,
                "topics": [t.model_dump(mode="json") for t in topics],
            }
        )
        return EXIT_CLEAN
    echo_table(["TOPIC", "NAME", "LESSONS"], [[t.id, t.name, str(t.lessons)] for t in topics])
    return EXIT_CLEAN


@click.command("languages")
@catalogue_option
@index_option
@click.option(
    "--display-locale", default="en", show_default=True, help="Name the languages in this language."
)
@json_option
def languages_command(
    *, catalogue_path: Path, index_path: Path | None, display_locale: str, as_json: bool
) -> int:
    """Languages with usable lesson versions, named in any language."""
    infos = open_index(index_path, catalogue_path).languages(display_locale=display_locale)
    if as_json:
        echo_json(
            {
                "schema_version": QUERY_SCHEMA_VERSION,
                "languages": [i.model_dump(mode="json") for i in infos],
            }
        )
        return EXIT_CLEAN
    echo_table(
        ["TAG", "NAME", "NATIVE NAME", "LESSONS"],
        [[i.tag, i.name, i.native_name, str(i.lessons)] for i in infos],
    )
    return EXIT_CLEAN
