"""``otsmaterials outdated LESSON -l LANG``: what changed in the original since a translation."""

from __future__ import annotations

from pathlib import Path

import click

from otsmaterials.catalogue import load_catalogue
from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _
from otsmaterials.cli._index_options import index_option, open_index
from otsmaterials.cli._options import cache_option, catalogue_option, json_option
from otsmaterials.cli._output import echo_json
from otsmaterials.errors import InputError
from otsmaterials.index.revisions import original_diff
from otsmaterials.syncing.cache import resolve_cache_dir

__all__ = ["outdated_command"]

OUTDATED_SCHEMA_VERSION = 1


def _cache(cache: Path | None, catalogue_path: Path) -> Path:
    if cache is not None:
        return cache
    if not catalogue_path.is_file():
        raise InputError(f"no catalogue at {catalogue_path}: pass --cache DIR or -c CATALOGUE")
    return resolve_cache_dir(load_catalogue(catalogue_path, allow_local_sources=True))


@click.command("outdated")
@click.argument("lesson_id", metavar="LESSON")
@click.option("-l", "--language", required=True, help="The translation's language.")
@catalogue_option
@index_option
@cache_option
@json_option
def outdated_command(
    *,
    lesson_id: str,
    language: str,
    catalogue_path: Path,
    index_path: Path | None,
    cache: Path | None,
    as_json: bool,
) -> int:
    """What changed in the original since the translation in LANGUAGE last followed it.

    Prints the original's changes as a unified diff (exit 1 when there are any, 0 when the
    translation is current). Reads the mirrors (`sync` first).
    """
    index = open_index(index_path, catalogue_path)
    lesson = index.lesson(lesson_id)
    version = lesson.versions.get(language)
    if version is None:
        raise InputError(
            f"{lesson.id} has no version in {language!r} (it has: "
            + ", ".join(sorted(lesson.versions))
            + ")"
        )
    if language == lesson.original_language:
        raise InputError(f"{language!r} is the original language of {lesson.id}")
    diff = ""
    if version.kind in {"file", "branch"}:
        commit = index.material(lesson.material).commit
        diff = original_diff(lesson, language, _cache(cache, catalogue_path), commit)
    if as_json:
        echo_json(
            {
                "schema_version": OUTDATED_SCHEMA_VERSION,
                "lesson": lesson.id,
                "language": language,
                "kind": version.kind,
                "outdated": version.outdated,
                "staleness": version.staleness.model_dump(mode="json")
                if version.staleness
                else None,
                "diff": diff,
            }
        )
        return EXIT_FINDINGS if version.outdated else EXIT_CLEAN
    stale = version.staleness
    if version.kind == "gettext":
        if version.outdated and version.counts is not None:
            click.echo(
                _(
                    "{lesson} [{language}]: {count} messages of the catalog to translate or "
                    "review (run `otsmaterials update -l {language}` in the working copy)"
                ).format(
                    lesson=lesson.id,
                    language=language,
                    count=version.counts.messages - version.counts.translated,
                ),
                err=True,
            )
            return EXIT_FINDINGS
    elif diff and stale is not None:
        click.echo(
            _(
                "{lesson} [{language}]: {commits} commits to the original since {date}, "
                "{days} days behind; the translation follows {base}"
            ).format(
                lesson=lesson.id,
                language=language,
                commits=stale.commits,
                date=stale.since,
                days=stale.days,
                base=(stale.base or "")[:12],
            ),
            err=True,
        )
        click.echo(diff, nl=False)
        return EXIT_FINDINGS
    click.echo(
        _("{lesson} [{language}]: up to date with the original").format(
            lesson=lesson.id, language=language
        ),
        err=True,
    )
    return EXIT_CLEAN
