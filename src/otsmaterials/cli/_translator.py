"""What the translator commands share: their options, the languages they work on, their reports.

Every translator command finds the working copy from the current folder (or ``--root``), takes
languages with ``-l/--language`` (``--locale`` as pybabel spells it) in any spelling
:func:`~otsmaterials.languages.tags.normalize_language` accepts, and reports each file it wrote
or would write on stdout (``--json`` for scripts); notes and warnings go to stderr.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar, get_args

import click

from otsmaterials.cli._i18n import _
from otsmaterials.cli._output import display_path, echo_json, note
from otsmaterials.errors import InputError
from otsmaterials.gettext.writer import DEFAULT_WIDTH
from otsmaterials.languages.tags import normalize_language, to_gettext
from otsmaterials.translate.commands import Action, ExtractOptions, FileChange
from otsmaterials.translate.segments import DEFAULT_KEYS
from otsmaterials.translate.workspace import LessonFile, Workspace

__all__ = [
    "SCHEMA_VERSION",
    "catalog_languages",
    "chosen_lessons",
    "extract_options",
    "format_options",
    "report_changes",
    "shown",
    "workspace_options",
]

F = TypeVar("F", bound=Callable[..., object])
SCHEMA_VERSION = 1


def workspace_options(function: F) -> F:
    """``--root`` and ``-d/--locale-dir``."""
    function = click.option(
        "-d",
        "--locale-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="OTSMATERIALS_LOCALE_DIR",
        help="Templates and catalogs (default: locale, or Sphinx's).",
    )(function)
    return click.option(
        "--root",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help="The material's working copy (default: the one around the current folder).",
    )(function)


def format_options(function: F) -> F:
    """How catalogs are written and what is a message: ``-w``, ``--no-wrap``, ``--location``…"""
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
        click.option("--no-location", is_flag=True, help="No #: references (--location never)."),
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


def extract_options(
    *, width: int, no_wrap: bool, location: str, no_location: bool, keys: str, include_code: bool
) -> ExtractOptions:
    """The options of :func:`format_options` as the library takes them."""
    return ExtractOptions(
        location="never" if no_location else location,  # type: ignore[arg-type]
        width=None if no_wrap else width,
        keys=tuple(k.strip() for k in keys.split(",") if k.strip()),
        include_code=include_code,
    )


def catalog_languages(workspace: Workspace, languages: Sequence[str]) -> list[str]:
    """The languages asked for, else every language the working copy has catalogs of.

    A language asked for that has no catalogs is an input error naming the languages that have
    some and the command that starts it (in a Sphinx project, sphinx-intl's); with none asked
    and none there, a note says how to start one.
    """
    have = workspace.languages()
    if not languages:
        if not have:
            note(
                _("no catalogs in {folder} yet: start a language with {command}").format(
                    folder=shown(workspace.locale_dir, workspace.root),
                    command=start_command(workspace, "LANG"),
                )
            )
        return have
    chosen = list(dict.fromkeys(normalize_language(language) for language in languages))
    absent = [language for language in chosen if language not in have]
    if absent:
        raise InputError(
            f"no catalogs for {', '.join(absent)} in "
            f"{shown(workspace.locale_dir, workspace.root)}; languages with catalogs: "
            f"{', '.join(have) or 'none'}; start one with {start_command(workspace, absent[0])}",
            path=workspace.root,
        )
    return chosen


def start_command(workspace: Workspace, language: str) -> str:
    """The command that starts ``language``'s catalogs: sphinx-intl's in a Sphinx project."""
    if workspace.sphinx:
        code = language if language == "LANG" else to_gettext(language)  # sphinx-intl: pt_BR
        return f"`sphinx-intl update -l {code}`"
    return f"`otsmaterials init -l {language}`"


def shown(path: Path, root: Path) -> str:
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
        "missing": _("missing"),
        "skipped": _("skipped"),
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


def _change_document(change: FileChange, root: Path) -> dict[str, object]:
    merge = change.merge
    counts = ("kept", "fuzzy", "suggested", "untranslated", "obsolete")
    return {
        "path": str(change.path.relative_to(root))
        if change.path.is_relative_to(root)
        else str(change.path),
        "action": change.action,
        "lesson": change.lesson,
        "language": change.language,
        "merge": None if merge is None else {k: getattr(merge, k) for k in counts},
    }


def report_changes(
    changes: Sequence[FileChange], root: Path, *, as_json: bool, keep_obsolete: bool = True
) -> None:
    """Each file and what was done to it: a line each on stdout, or one JSON document."""
    if as_json:
        files = [_change_document(change, root) for change in changes]
        echo_json({"schema_version": SCHEMA_VERSION, "files": files})
        return
    width = max(len(_action_label(action)) for action in get_args(Action))
    for change in changes:
        detail = _merge_detail(change, keep_obsolete=keep_obsolete)
        label = _action_label(change.action)
        click.echo(f"{label:<{width}}  {shown(change.path, root)}{detail}")


def chosen_lessons(
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
