"""The translator commands, named and flagged as pybabel and sphinx-intl name them.

extract, init, update, compile, render, import-translation (``stat`` and ``check translations``:
:mod:`.translate_report_cmd`; what they share: :mod:`._translator`).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import click

from otsmaterials._support.atomic import write_text_atomic
from otsmaterials._support.exact import percent_shown
from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _, ngettext
from otsmaterials.cli._options import json_option, language_option, languages_option, percentage
from otsmaterials.cli._output import echo_json, note
from otsmaterials.cli._translator import (
    SCHEMA_VERSION,
    catalog_languages,
    chosen_lessons,
    extract_options,
    format_options,
    report_changes,
    shown,
    workspace_options,
)
from otsmaterials.errors import InputError
from otsmaterials.formats.decode import decode_text
from otsmaterials.gettext.merge import cldr_plural_forms
from otsmaterials.gettext.stats import Completeness
from otsmaterials.gettext.writer import format_po
from otsmaterials.languages.tags import normalize_language, to_gettext
from otsmaterials.translate import commands, report
from otsmaterials.translate.align import align_translation
from otsmaterials.translate.commands import ExtractOptions, FileChange
from otsmaterials.translate.workspace import Workspace

__all__ = [
    "compile_command",
    "extract_command",
    "import_command",
    "init_command",
    "render_command",
    "update_command",
]


@click.command("extract")
@click.argument("paths", nargs=-1)
@workspace_options
@format_options
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a template would change.")
@json_option
def extract_command(
    *,
    paths: tuple[str, ...],
    root: Path | None,
    locale_dir: Path | None,
    check: bool,
    as_json: bool,
    **formatting: object,
) -> int:
    """Make each Markdown or HTML lesson's .pot template (a Sphinx project's come from Sphinx)."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    hint = _(
        "a Sphinx project: make its templates with `sphinx-build -b gettext`; otsmaterials "
        "reads its catalogs as they are"
    )
    lessons = chosen_lessons(workspace, paths, sphinx_hint=hint)
    if lessons is None:
        report_changes([], workspace.root, as_json=as_json)
        return EXIT_CLEAN
    options = extract_options(**formatting)  # type: ignore[arg-type]
    changes = commands.extract(workspace, lessons, options, check=check)
    report_changes(changes, workspace.root, as_json=as_json)
    drift = any(c.action == "would change" for c in changes)
    return EXIT_FINDINGS if drift else EXIT_CLEAN


@click.command("init")
@click.argument("paths", nargs=-1)
@language_option(help_text="A language to start (repeatable: -l de -l pt-BR).", multiple=True)
@workspace_options
@format_options
@json_option
def init_command(
    *,
    paths: tuple[str, ...],
    language: tuple[str, ...],
    as_json: bool,
    root: Path | None,
    locale_dir: Path | None,
    **formatting: object,
) -> int:
    """Create the catalogs of languages (Plural-Forms: the team's, else CLDR's); others stay."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    tags = list(dict.fromkeys(normalize_language(code) for code in language))
    codes = " ".join(f"-l {to_gettext(tag)}" for tag in tags)  # sphinx-intl names it pt_BR
    hint = _(
        "a Sphinx project: start a language with `sphinx-intl update {languages}`; "
        "`stat` and `check translations` read its catalogs"
    ).format(languages=codes)
    lessons = chosen_lessons(workspace, paths, sphinx_hint=hint)
    if lessons is None:
        return EXIT_CLEAN
    options = extract_options(**formatting)  # type: ignore[arg-type]
    changes: list[FileChange] = []
    for tag in tags:
        team = commands.team_plural_forms(workspace, tag)
        forms = team[0] if team else cldr_plural_forms(tag)
        created = commands.init(workspace, lessons, tag, options, plural_forms=forms)
        changes.extend(created)
        if any(change.action == "created" for change in created):
            _note_plural_forms(workspace, tag, forms, team[1] if team else None)
    report_changes(changes, workspace.root, as_json=as_json)
    return EXIT_CLEAN


def _note_plural_forms(workspace: Workspace, tag: str, forms: str, source: Path | None) -> None:
    if source is None:
        note(_("{language}: Plural-Forms from CLDR: {forms}").format(language=tag, forms=forms))
    else:
        where = shown(source, workspace.root)
        note(
            _("{language}: Plural-Forms as the team's catalogs have them ({path}): {forms}").format(
                language=tag, path=where, forms=forms
            )
        )


@click.command("update")
@click.argument("paths", nargs=-1)
@languages_option
@workspace_options
@format_options
@click.option("--no-obsolete", is_flag=True, help="Drop vanished messages instead of keeping #~.")
@click.option(
    "--no-init-missing",
    is_flag=True,
    help="Do not start the catalogs of lessons new since init (report them as missing).",
)
@click.option(
    "--memory",
    "memory_index",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="INDEX|CATALOGUE",
    help="An index (or a catalogue file, for its index) whose catalogs suggest translations "
    "across materials.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a catalog would change.")
@json_option
def update_command(
    *,
    paths: tuple[str, ...],
    languages: tuple[str, ...],
    root: Path | None,
    locale_dir: Path | None,
    no_obsolete: bool,
    no_init_missing: bool,
    memory_index: Path | None,
    check: bool,
    as_json: bool,
    **formatting: object,
) -> int:
    """Merge the lessons' current text into their catalogs, as msgmerge does.

    Lessons new since init get catalogs in every language the working copy has.
    """
    workspace = Workspace.open(root, locale_dir=locale_dir)
    hint = _(
        "a Sphinx project: update its catalogs with `sphinx-build -b gettext` and "
        "`sphinx-intl update`"
    )
    for language in languages:
        normalize_language(language)  # a bad code is an input error, whatever else happens
    lessons = chosen_lessons(workspace, paths, sphinx_hint=hint)
    if lessons is None:
        report_changes([], workspace.root, as_json=as_json)
        return EXIT_CLEAN
    chosen = catalog_languages(workspace, languages)
    extra = _index_memory(memory_index, chosen) if memory_index else None
    changes = commands.update(
        workspace,
        lessons,
        chosen,
        extract_options(**formatting),  # type: ignore[arg-type]
        keep_obsolete=not no_obsolete,
        extra_memory=extra,
        check=check,
        init_missing=not no_init_missing,
    )
    report_changes(changes, workspace.root, as_json=as_json, keep_obsolete=not no_obsolete)
    _update_notes(workspace, changes)
    drift = any(c.action in {"would change", "wrote .new", "missing"} for c in changes)
    return EXIT_FINDINGS if drift else EXIT_CLEAN


def _update_notes(workspace: Workspace, changes: Sequence[FileChange]) -> None:
    for change in changes:
        path = shown(change.path, workspace.root)
        if change.action == "wrote .new":
            note(
                _(
                    "warning: {name} kept changing while it was merged; the merge is in {path}"
                ).format(name=change.path.name[:-4], path=path)
            )
        elif change.action == "missing":
            note(
                _("{lesson} has no {language} catalog: `otsmaterials update` starts it").format(
                    lesson=change.lesson, language=change.language
                )
            )
        if change.was_empty:
            note(
                _(
                    "warning: {path} had no messages (emptied?): every message is untranslated"
                ).format(path=path)
            )


def _index_memory(path: Path, languages: Sequence[str]) -> dict[str, dict[str, str]]:
    from otsmaterials.index.query import Index  # noqa: PLC0415 - only with --memory

    if path.suffix.lower() == ".toml":  # a catalogue: its index
        from otsmaterials.catalogue import load_catalogue  # noqa: PLC0415
        from otsmaterials.index.build import resolve_index_path  # noqa: PLC0415

        path = resolve_index_path(load_catalogue(path, allow_local_sources=True))
    with Index.open(path) as index:
        return {language: index.translation_memory(language) for language in languages}


@click.command("compile")
@languages_option
@workspace_options
@click.option("-f", "--use-fuzzy", is_flag=True, help="Include fuzzy translations.")
@click.option(
    "--allow-empty", is_flag=True, help="Write a .mo for a catalog with nothing translated too."
)
@click.option(
    "--statistics", is_flag=True, help="Say how many messages each catalog translates (stderr)."
)
@json_option
def compile_command(
    *,
    languages: tuple[str, ...],
    root: Path | None,
    locale_dir: Path | None,
    use_fuzzy: bool,
    allow_empty: bool,
    statistics: bool,
    as_json: bool,
) -> int:
    """Write a .mo file next to every catalog that translates something."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    chosen = catalog_languages(workspace, languages)
    changes = commands.compile_catalogs(
        workspace, chosen, use_fuzzy=use_fuzzy, skip_empty=not allow_empty
    )
    report_changes(changes, workspace.root, as_json=as_json)
    for change in changes:
        source = shown(change.path.with_suffix(".po"), workspace.root)
        if change.action == "skipped":
            note(
                _("{path}: nothing translated, no .mo written (--allow-empty writes it)").format(
                    path=source
                )
            )
        if statistics and change.counts is not None:
            note(f"{source}: {_statistics(change.counts)}")
    return EXIT_CLEAN


def _statistics(counts: Completeness) -> str:
    """As ``msgfmt --statistics`` says it."""
    parts = [
        ngettext("{n} translated message", "{n} translated messages", counts.translated).format(
            n=counts.translated
        )
    ]
    if counts.fuzzy:
        parts.append(
            ngettext("{n} fuzzy translation", "{n} fuzzy translations", counts.fuzzy).format(
                n=counts.fuzzy
            )
        )
    if counts.untranslated:
        parts.append(
            ngettext(
                "{n} untranslated message", "{n} untranslated messages", counts.untranslated
            ).format(n=counts.untranslated)
        )
    return ", ".join(parts) + "."


@click.command("render")
@click.argument("paths", nargs=-1)
@language_option(help_text="The language to render.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write (default: _build/<lang>/).",
)
@click.option(
    "--min-complete",
    callback=percentage,
    default="0",
    show_default=True,
    help=(
        "Only lessons with at least this percentage of their words translated (0-100, "
        "e.g. 99.5); compared exactly, so 3,100 of 3,101 words do not reach 100."
    ),
)
@workspace_options
@json_option
def render_command(
    *,
    paths: tuple[str, ...],
    language: str,
    output: Path | None,
    min_complete: Fraction,
    root: Path | None,
    locale_dir: Path | None,
    as_json: bool,
) -> int:
    """Write the lessons translated into a language, structure intact; untranslated text stays."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    tag = normalize_language(language)
    hint = _("a Sphinx project: build it in a language with `sphinx-build -D language={language}`")
    lessons = chosen_lessons(workspace, paths, sphinx_hint=hint.format(language=to_gettext(tag)))
    if lessons is None:
        return EXIT_CLEAN
    catalog_languages(workspace, [tag])
    target = output or workspace.root / "_build" / tag
    result = report.render(
        workspace,
        lessons,
        language,
        target,
        ExtractOptions(),
        min_completeness=min_complete,
    )
    if as_json:
        echo_json(
            {
                "schema_version": SCHEMA_VERSION,
                "written": [shown(path, workspace.root) for path in result.written],
                "left_out": [{"lesson": k, "percent": p} for k, p in result.left_out],
                "missing": result.missing,
            }
        )
    for path in [] if as_json else result.written:
        click.echo(_("wrote {path}").format(path=shown(path, workspace.root)))
    for key, percent in result.left_out:
        note(
            _("left out {lesson} ({percent}% translated)").format(
                lesson=key, percent=f"{percent_shown(percent / 100):.0f}"
            )
        )
    for key in result.missing:
        note(_("left out {lesson} (no catalog)").format(lesson=key))
    return EXIT_CLEAN


@click.command("import-translation")
@click.argument("original", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("translated", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@language_option(help_text="The language of TRANSLATED.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The catalog to write (default: the workspace's catalog for ORIGINAL).",
)
@workspace_options
@click.option("--force", is_flag=True, help="Replace an existing catalog.")
@json_option
def import_command(
    *,
    original: Path,
    translated: Path,
    language: str,
    output: Path | None,
    root: Path | None,
    locale_dir: Path | None,
    force: bool,
    as_json: bool,
) -> int:
    """Align an existing translated file with its original and write the catalog (gettextize)."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    if output is None:
        if not original.resolve().is_relative_to(workspace.root):
            raise InputError(
                "the original is not in the working copy (--root); pass -o FILE to choose the "
                "catalog",
                path=original,
            )
        lesson = workspace.select([str(original)])[0]
        output = workspace.catalog_path(lesson, language)
    if output.exists() and not force:
        raise InputError("the catalog exists; pass --force to replace it", path=output)
    relative = (
        original.resolve().relative_to(workspace.root).as_posix()
        if original.resolve().is_relative_to(workspace.root)
        else original.name
    )
    result = align_translation(
        decode_text(original.read_bytes(), str(original)).text,
        decode_text(translated.read_bytes(), str(translated)).text,
        path=relative,
        language=language,
        project=workspace.project,
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(output, format_po(result.catalog))
    if as_json:
        counts = {
            "aligned": result.aligned,
            "fuzzy": result.doubtful,
            "untranslated": result.missing,
        }
        echo_json(
            {"schema_version": SCHEMA_VERSION, "path": shown(output, workspace.root), **counts}
        )
        return EXIT_CLEAN
    click.echo(
        _(
            "wrote {path}: {aligned} aligned, {doubtful} fuzzy (check them), {missing} untranslated"
        ).format(
            path=shown(output, workspace.root),
            aligned=result.aligned,
            doubtful=result.doubtful,
            missing=result.missing,
        )
    )
    return EXIT_CLEAN
