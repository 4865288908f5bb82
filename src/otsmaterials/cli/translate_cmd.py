"""The translator commands, named and flagged as pybabel and sphinx-intl name them.

extract, init, update, compile, stat, check translations, render, import-translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import TypeVar, get_args

import click

from otsmaterials._support.atomic import write_text_atomic
from otsmaterials._support.exact import percent_shown
from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _, current_language, ngettext
from otsmaterials.cli._options import json_option, languages_option, percentage
from otsmaterials.cli._output import display_path, echo_json, echo_table, note
from otsmaterials.errors import InputError
from otsmaterials.formats.decode import decode_text
from otsmaterials.gettext.writer import DEFAULT_WIDTH, format_po
from otsmaterials.languages.tags import normalize_language, to_gettext
from otsmaterials.translate import commands, report
from otsmaterials.translate.align import align_translation
from otsmaterials.translate.commands import Action, ExtractOptions, FileChange
from otsmaterials.translate.segments import DEFAULT_KEYS
from otsmaterials.translate.workspace import LessonFile, Workspace

__all__ = [
    "check_translations_command",
    "compile_command",
    "extract_command",
    "import_command",
    "init_command",
    "render_command",
    "stat_command",
    "update_command",
]

F = TypeVar("F", bound=Callable[..., object])
SCHEMA_VERSION = 1


def workspace_options(function: F) -> F:
    """``--root`` and ``--locale-dir``."""
    function = click.option(
        "--locale-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="OTSMATERIALS_LOCALE_DIR",
        help="Templates and catalogs (default: locale, or Sphinx's).",
    )(function)
    return click.option(
        "--root",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        default=Path(),
        show_default=True,
        help="The material's working copy.",
    )(function)


def format_options(function: F) -> F:
    """``-w/--width``, ``--no-wrap``, ``--location``, ``--keys``, ``--include-code``."""
    options = [
        click.option(
            "-w",
            "--width",
            type=click.IntRange(20, 1000),
            default=DEFAULT_WIDTH,
            show_default=True,
            help="Line width of written catalogs.",
        ),
        click.option("--no-wrap", is_flag=True, help="Do not wrap long lines."),
        click.option(
            "--location",
            type=click.Choice(["full", "file", "never"]),
            default="full",
            show_default=True,
            help="#: references as path:line, path, or none.",
        ),
        click.option(
            "--keys",
            default=",".join(DEFAULT_KEYS),
            show_default=True,
            help="Front matter keys to translate (comma-separated).",
        ),
        click.option("--include-code", is_flag=True, help="Translate code blocks too."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _options(
    width: int, no_wrap: bool, location: str, keys: str, include_code: bool
) -> ExtractOptions:
    return ExtractOptions(
        location=location,  # type: ignore[arg-type]
        width=None if no_wrap else width,
        keys=tuple(k.strip() for k in keys.split(",") if k.strip()),
        include_code=include_code,
    )


def _languages(workspace: Workspace, languages: Sequence[str]) -> list[str]:
    """The languages asked for (checked), else every language the working copy has catalogs of."""
    return [normalize_language(language) for language in languages] or workspace.languages()


def _shown(path: Path, root: Path) -> str:
    """A path relative to the working copy when inside it (as every report here shows them)."""
    resolved = path.resolve()
    return (
        resolved.relative_to(root).as_posix()
        if resolved.is_relative_to(root)
        else display_path(path)
    )


def _action_label(action: Action) -> str:
    labels: dict[Action, str] = {
        "created": _("created"),
        "updated": _("updated"),
        "unchanged": _("unchanged"),
        "would change": _("would change"),
        "merged edits": _("merged edits"),
        "wrote .new": _("wrote .new"),
    }
    return labels[action]


def _merge_detail(change: FileChange, *, keep_obsolete: bool) -> str:
    m = change.merge
    if m is None or change.action == "unchanged":
        return ""
    parts = [
        _("{n} kept").format(n=m.kept),
        _("{n} fuzzy").format(n=m.fuzzy),
        _("{n} suggested").format(n=m.suggested),
        _("{n} untranslated").format(n=m.untranslated),
        (_("{n} obsolete") if keep_obsolete else _("{n} dropped")).format(n=m.obsolete),
    ]
    return f"  ({', '.join(parts)})"


def _changes(
    changes: list[FileChange], root: Path, *, as_json: bool, keep_obsolete: bool = True
) -> None:
    if as_json:
        echo_json(
            {
                "schema_version": SCHEMA_VERSION,
                "files": [
                    {
                        "path": str(c.path.relative_to(root))
                        if c.path.is_relative_to(root)
                        else str(c.path),
                        "action": c.action,
                        "lesson": c.lesson,
                        "language": c.language,
                        "merge": None
                        if c.merge is None
                        else {
                            k: getattr(c.merge, k)
                            for k in ("kept", "fuzzy", "suggested", "untranslated", "obsolete")
                        },
                    }
                    for c in changes
                ],
            }
        )
        return
    width = max(len(_action_label(action)) for action in get_args(Action))
    for change in changes:
        detail = _merge_detail(change, keep_obsolete=keep_obsolete)
        label = _action_label(change.action)
        click.echo(f"{label:<{width}}  {_shown(change.path, root)}{detail}")


def _chosen_lessons(
    workspace: Workspace, paths: Sequence[str], *, sphinx_hint: str
) -> list[LessonFile] | None:
    """The lessons a command works on, or ``None`` (and a note saying why) when there are none.

    Lesson paths are checked first: an unknown one is an input error here too (in a Sphinx
    project, whose pages are not the translator commands' lessons, a path must be a file).
    """
    if workspace.sphinx:
        missing = [p for p in paths if not (Path(p).exists() or (workspace.root / p).exists())]
        if missing:
            raise InputError(f"no such file: {', '.join(missing)}", path=workspace.root)
        note(sphinx_hint)
        return None
    lessons = workspace.select(list(paths))
    if not lessons:
        path = display_path(workspace.root)
        note(_("no Markdown or HTML lessons found in {path}").format(path=path))
        return None
    return lessons


@click.command("extract")
@click.argument("paths", nargs=-1)
@workspace_options
@format_options
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a template would change.")
@json_option
def extract_command(
    *,
    paths: tuple[str, ...],
    root: Path,
    locale_dir: Path | None,
    width: int,
    no_wrap: bool,
    location: str,
    keys: str,
    include_code: bool,
    check: bool,
    as_json: bool,
) -> int:
    """Make each Markdown or HTML lesson's .pot template (a Sphinx project's come from Sphinx)."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    hint = _(
        "a Sphinx project: make its templates with `sphinx-build -b gettext`; otsmaterials "
        "reads its catalogs as they are"
    )
    lessons = _chosen_lessons(workspace, paths, sphinx_hint=hint)
    if lessons is None:
        _changes([], workspace.root, as_json=as_json)
        return EXIT_CLEAN
    options = _options(width, no_wrap, location, keys, include_code)
    changes = commands.extract(workspace, lessons, options, check=check)
    _changes(changes, workspace.root, as_json=as_json)
    drift = any(c.action == "would change" for c in changes)
    return EXIT_FINDINGS if drift else EXIT_CLEAN


@click.command("init")
@click.argument("paths", nargs=-1)
@click.option("-l", "--language", required=True, help="The language to start (de, pt-BR …).")
@workspace_options
@format_options
def init_command(
    *,
    paths: tuple[str, ...],
    language: str,
    root: Path,
    locale_dir: Path | None,
    width: int,
    no_wrap: bool,
    location: str,
    keys: str,
    include_code: bool,
) -> int:
    """Create the catalogs of a language (Language, Plural-Forms from CLDR); existing ones stay."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    code = to_gettext(normalize_language(language))  # sphinx-intl and Sphinx name it pt_BR
    hint = _(
        "a Sphinx project: start a language with `sphinx-intl update -l {language}`; "
        "`stat` and `check translations` read its catalogs"
    ).format(language=code)
    lessons = _chosen_lessons(workspace, paths, sphinx_hint=hint)
    if lessons is None:
        return EXIT_CLEAN
    options = _options(width, no_wrap, location, keys, include_code)
    changes = commands.init(workspace, lessons, language, options)
    _changes(changes, workspace.root, as_json=False)
    return EXIT_CLEAN


@click.command("update")
@click.argument("paths", nargs=-1)
@languages_option
@workspace_options
@format_options
@click.option("--no-obsolete", is_flag=True, help="Drop vanished messages instead of keeping #~.")
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
    root: Path,
    locale_dir: Path | None,
    width: int,
    no_wrap: bool,
    location: str,
    keys: str,
    include_code: bool,
    no_obsolete: bool,
    memory_index: Path | None,
    check: bool,
    as_json: bool,
) -> int:
    """Merge the lessons' current text into their catalogs, as msgmerge does."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    hint = _(
        "a Sphinx project: update its catalogs with `sphinx-build -b gettext` and "
        "`sphinx-intl update`"
    )
    chosen = _languages(workspace, languages)
    lessons = _chosen_lessons(workspace, paths, sphinx_hint=hint)
    if lessons is None:
        _changes([], workspace.root, as_json=as_json)
        return EXIT_CLEAN
    extra = _index_memory(memory_index, chosen) if memory_index else None
    changes = commands.update(
        workspace,
        lessons,
        chosen,
        _options(width, no_wrap, location, keys, include_code),
        keep_obsolete=not no_obsolete,
        extra_memory=extra,
        check=check,
    )
    _changes(changes, workspace.root, as_json=as_json, keep_obsolete=not no_obsolete)
    for change in changes:
        if change.action == "wrote .new":
            note(
                _(
                    "warning: {name} kept changing while it was merged; the merge is in {path}"
                ).format(name=change.path.name[:-4], path=_shown(change.path, workspace.root))
            )
    drift = any(c.action in {"would change", "wrote .new"} for c in changes)
    return EXIT_FINDINGS if drift else EXIT_CLEAN


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
@click.option("--use-fuzzy", is_flag=True, help="Include fuzzy translations.")
def compile_command(
    *, languages: tuple[str, ...], root: Path, locale_dir: Path | None, use_fuzzy: bool
) -> int:
    """Write a .mo file next to every catalog."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    changes = commands.compile_catalogs(
        workspace, _languages(workspace, languages), use_fuzzy=use_fuzzy
    )
    _changes(changes, workspace.root, as_json=False)
    return EXIT_CLEAN


@click.command("stat")
@languages_option
@workspace_options
@json_option
def stat_command(
    *, languages: tuple[str, ...], root: Path, locale_dir: Path | None, as_json: bool
) -> int:
    """Messages and words translated, fuzzy and untranslated, per lesson and language."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    stats = report.lesson_stats(workspace, _languages(workspace, languages), ExtractOptions())
    if as_json:
        echo_json(
            {
                "schema_version": SCHEMA_VERSION,
                "lessons": [
                    {**s.model_dump(mode="json"), "percent": s.counts.percent} for s in stats
                ],
            }
        )
        return EXIT_CLEAN
    rows = [
        [
            s.lesson,
            s.language,
            f"{s.counts.translated}/{s.counts.messages}",
            str(s.counts.fuzzy),
            str(s.counts.untranslated),
            f"{s.counts.translated_words}/{s.counts.words}",
            f"{percent_shown(s.counts.fraction):.0f}%",
        ]
        for s in stats
    ]
    echo_table(["LESSON", "LANG", "MESSAGES", "FUZZY", "UNTRANSLATED", "WORDS", "DONE"], rows)
    return EXIT_CLEAN


@click.command("translations")
@languages_option
@workspace_options
@json_option
def check_translations_command(
    *, languages: tuple[str, ...], root: Path, locale_dir: Path | None, as_json: bool
) -> int:
    """Check translations against their sources (markup, links, code, placeholders …)."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    locale = None if as_json else current_language()  # JSON stays English, for scripts
    findings = report.check_translations(workspace, _languages(workspace, languages), locale=locale)
    if as_json:
        echo_json(
            {
                "schema_version": SCHEMA_VERSION,
                "findings": [f.model_dump(mode="json") for f in findings],
            }
        )
    else:
        for finding in findings:
            click.echo(str(finding))
        count = len(findings)
        summary = ngettext("{count} finding", "{count} findings", count) if count else None
        note(summary.format(count=count) if summary else _("no findings"))
    return EXIT_FINDINGS if findings else EXIT_CLEAN


@click.command("render")
@click.argument("paths", nargs=-1)
@click.option("-l", "--language", required=True, help="The language to render.")
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
def render_command(
    *,
    paths: tuple[str, ...],
    language: str,
    output: Path | None,
    min_complete: Fraction,
    root: Path,
    locale_dir: Path | None,
) -> int:
    """Write the lessons translated into a language, structure intact; untranslated text stays."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    tag = normalize_language(language)
    hint = _("a Sphinx project: build it in a language with `sphinx-build -D language={language}`")
    lessons = _chosen_lessons(workspace, paths, sphinx_hint=hint.format(language=to_gettext(tag)))
    if lessons is None:
        return EXIT_CLEAN
    target = output or workspace.root / "_build" / tag
    result = report.render(
        workspace,
        lessons,
        language,
        target,
        ExtractOptions(),
        min_completeness=min_complete,
    )
    for path in result.written:
        click.echo(_("wrote {path}").format(path=_shown(path, workspace.root)))
    for key, percent in result.left_out:
        note(
            _("left out {lesson} ({percent}% translated)").format(
                lesson=key, percent=f"{percent_shown(percent / 100):.0f}"
            )
        )
    if result.missing and not workspace.catalogs(tag):
        note(
            _(
                "no catalogs for {language}: start them with `otsmaterials init -l {language}`"
            ).format(language=tag)
        )
    else:
        for key in result.missing:
            note(_("left out {lesson} (no catalog)").format(lesson=key))
    return EXIT_CLEAN


@click.command("import-translation")
@click.argument("original", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("translated", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-l", "--language", required=True, help="The language of TRANSLATED.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The catalog to write (default: the workspace's catalog for ORIGINAL).",
)
@workspace_options
@click.option("--force", is_flag=True, help="Replace an existing catalog.")
def import_command(
    *,
    original: Path,
    translated: Path,
    language: str,
    output: Path | None,
    root: Path,
    locale_dir: Path | None,
    force: bool,
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
    click.echo(
        _(
            "wrote {path}: {aligned} aligned, {doubtful} fuzzy (check them), {missing} untranslated"
        ).format(
            path=_shown(output, workspace.root),
            aligned=result.aligned,
            doubtful=result.doubtful,
            missing=result.missing,
        )
    )
    return EXIT_CLEAN
