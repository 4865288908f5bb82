"""The root command group; each command group lives in its own module."""

from __future__ import annotations

import gc
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from otsmaterials._support.collector import collector_paused
from otsmaterials._version import __version__
from otsmaterials.cli._errors import guarded

__all__ = ["cli", "run"]

_COMMANDS = {
    "demo": "demo_cmd:demo_command",
    "catalogue": "catalogue_cmd:catalogue",
    "sync": "sync_cmd:sync_command",
    "index": "index_cmd:index_command",
    "build": "index_cmd:build_command",
    "list": "query_cmd:list_command",
    "show": "query_cmd:show_command",
    "search": "query_cmd:search_command",
    "topics": "query_cmd:topics_command",
    "languages": "query_cmd:languages_command",
    "outdated": "outdated_cmd:outdated_command",
    "report": "report_cmd:report_command",
    "export": "export_cmd:export_command",
    "schema": "export_cmd:schema_command",
    "attribution": "licence_cmd:attribution_command",
    "check": "_app:check",
    "extract": "translate_cmd:extract_command",
    "init": "translate_cmd:init_command",
    "update": "translate_cmd:update_command",
    "compile": "translate_cmd:compile_command",
    "stat": "translate_report_cmd:stat_command",
    "render": "translate_cmd:render_command",
    "import-translation": "translate_cmd:import_command",
}
"""Command name → ``module:attribute`` under ``otsmaterials.cli``: a command's module (and what
it needs: pydantic models, the index, Babel …) loads only when that command runs, so a
translator's ``otsmaterials update`` does not pay for the index."""
_OWN_PROCESS = "own_process"
"""The root context's key saying the run is its process (``run(own=True)``)."""
_CHECKS = {
    "licenses": "licence_cmd:check_licenses_command",
    "translations": "translate_report_cmd:check_translations_command",
}


def _load(where: str) -> click.Command:
    module, attribute = where.split(":")
    # A command's modules (pydantic, the models …) make tens of thousands of long-lived objects
    # and no garbage: the collector's passes over them while they load are wasted.
    with collector_paused():
        command = getattr(importlib.import_module(f"otsmaterials.cli.{module}"), attribute)
    if not isinstance(command, click.Command):  # pragma: no cover - a wrong table entry
        raise TypeError(f"{where} is not a click command")
    return command


class LazyGroup(click.Group):
    """A group whose commands load on first use (``--help`` loads them all, for their text)."""

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.add_command(_load(self.lazy[cmd_name]), cmd_name)
            root = ctx.find_root().obj
            if isinstance(root, dict) and root.get(_OWN_PROCESS):
                # What is loaded now lives as long as the process: later passes of the
                # collector skip it (a tenth of a query command's CPU).
                gc.freeze()
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    lazy=_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="otsmaterials", allow_from_autoenv=False)
@click.option(
    "--lang",
    metavar="LANG",
    envvar="OTSMATERIALS_LANG",
    help="Language of messages and attributions (default: from LANGUAGE/LANG).",
)
@click.pass_context
def cli(context: click.Context, lang: str | None) -> None:
    """OpenTechSchool's learning materials as one multilingual catalogue.

    Describe the workshops in a catalogue file, then `build` (sync the repositories and index
    them) and query the index: `list`, `show`, `search`, `export`. Try `demo` first.
    """
    context.ensure_object(dict)["lang"] = lang


@click.group("check", cls=LazyGroup, lazy=_CHECKS)
def check() -> None:
    """Checks that report findings (exit 1 when there are any)."""


def _lang_option(args: Sequence[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _verbose_option(args: Sequence[str]) -> bool:
    return any(arg == "--verbose" or re.fullmatch(r"-[a-uw-z]*v[a-z]*", arg) for arg in args)


def run(
    argv: Sequence[str] | None,
    *,
    own: bool = False,
    interrupted: Callable[[], bool] = lambda: False,
) -> int:
    """Run the CLI and return its exit code (see ``_errors``).

    ``own``: the run is its process (the program), whose objects made while a command loads are
    set aside from the garbage collector's passes (``gc.freeze``); a caller's are left alone.
    ``interrupted``: whether a Ctrl-C was raised (the run then ends as interrupted, whatever
    error follows).
    """
    args = sys.argv[1:] if argv is None else list(argv)
    return guarded(
        lambda: cli.main(
            args=args,
            prog_name="otsmaterials",
            standalone_mode=False,
            auto_envvar_prefix="OTSMATERIALS",
            obj={_OWN_PROCESS: own},
        ),
        language=_lang_option(args) or os.environ.get("OTSMATERIALS_LANG"),
        verbose=_verbose_option(args),
        interrupted=interrupted,
    )
