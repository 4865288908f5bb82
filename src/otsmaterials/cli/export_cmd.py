"""``otsmaterials export`` and ``otsmaterials schema``."""

from __future__ import annotations

from pathlib import Path

import click

from otsmaterials._support.atomic import write_text_atomic
from otsmaterials.attribution.people import CreditOrder
from otsmaterials.cli._errors import EXIT_CLEAN
from otsmaterials.cli._index_options import index_option, open_index
from otsmaterials.cli._languages import index_language
from otsmaterials.cli._options import (
    catalogue_option,
    json_format_option,
    language_option,
    order_option,
)
from otsmaterials.cli._output import note
from otsmaterials.index.export import export_schema
from otsmaterials.index.exporters import EXPORTERS, ExportRequest

__all__ = ["export_command", "schema_command"]


@click.command("export")
@catalogue_option
@index_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORTERS)),
    default="json",
    show_default=True,
    help="; ".join(f"{e.name}: {e.description}" for e in EXPORTERS.values()) + ".",
)
@click.option("--topic", help="Only lessons with this topic.")
@language_option(
    help_text="Only lessons with a usable version in this language (de, de_DE, deu …).",
    required=False,
)
@click.option("--material", help="Only this material.")
@click.option(
    "--include-emails", is_flag=True, help="Keep contributors' e-mail addresses (JSON only)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (atomically) instead of stdout.",
)
@order_option
@json_format_option
def export_command(
    *,
    catalogue_path: Path,
    index_path: Path | None,
    fmt: str,
    topic: str | None,
    language: str | None,
    material: str | None,
    include_emails: bool,
    output: Path | None,
    order: CreditOrder,
    as_json: bool,
) -> int:
    """Export the index for site generators (deterministic: same index, same bytes)."""
    index = open_index(index_path, catalogue_path)
    fmt = "json" if as_json else fmt
    language = index_language((info.tag for info in index.languages()), language)
    request = ExportRequest(topic, language, material, include_emails, order)
    text = EXPORTERS[fmt].render(index, request)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
        note(f"wrote {output}")
    return EXIT_CLEAN


@click.command("schema")
def schema_command() -> int:
    """Print the JSON Schema of `export --format json`."""
    click.echo(export_schema(), nl=False)
    return EXIT_CLEAN
