"""The root command group; each command group lives in its own module."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from otsmaterials._version import __version__
from otsmaterials.cli import (
    catalogue_cmd,
    demo_cmd,
    export_cmd,
    index_cmd,
    licence_cmd,
    query_cmd,
    sync_cmd,
    translate_cmd,
)
from otsmaterials.cli._errors import guarded

__all__ = ["cli", "run"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
    context.obj = {"lang": lang}


for command in (
    demo_cmd.demo_command,
    catalogue_cmd.catalogue,
    sync_cmd.sync_command,
    index_cmd.index_command,
    index_cmd.build_command,
    query_cmd.list_command,
    query_cmd.show_command,
    query_cmd.search_command,
    query_cmd.topics_command,
    query_cmd.languages_command,
    export_cmd.export_command,
    export_cmd.schema_command,
    licence_cmd.attribution_command,
    licence_cmd.check_group,
    translate_cmd.extract_command,
    translate_cmd.init_command,
    translate_cmd.update_command,
    translate_cmd.compile_command,
    translate_cmd.stat_command,
    translate_cmd.render_command,
    translate_cmd.import_command,
):
    cli.add_command(command)
licence_cmd.check_group.add_command(translate_cmd.check_translations_command)


def _lang_option(args: Sequence[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def run(argv: Sequence[str] | None) -> int:
    """Run the CLI and return its exit code (see ``_errors``)."""
    args = sys.argv[1:] if argv is None else list(argv)
    return guarded(
        lambda: cli.main(
            args=args,
            prog_name="otsmaterials",
            standalone_mode=False,
            auto_envvar_prefix="OTSMATERIALS",
        ),
        language=_lang_option(args) or os.environ.get("OTSMATERIALS_LANG"),
    )
