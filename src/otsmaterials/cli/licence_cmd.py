"""``otsmaterials attribution`` and ``otsmaterials check licenses``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from otsmaterials.attribution.people import CreditOrder
from otsmaterials.catalogue import load_catalogue
from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _, current_language, ngettext
from otsmaterials.cli._index_options import index_option, open_index
from otsmaterials.cli._options import (
    catalogue_option,
    json_format_option,
    json_option,
    language_option,
    order_option,
)
from otsmaterials.cli._output import echo_json, note
from otsmaterials.index.compliance import CHECK_SCHEMA_VERSION, check_licences

__all__ = ["attribution_command", "check_licenses_command"]


@click.command("attribution")
@click.argument("lesson_id", metavar="LESSON")
@catalogue_option
@index_option
@language_option(
    help_text="The reader's language (default: --lang, else LANGUAGE/LANG, else the original's).",
    required=False,
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "json"]),
    default="text",
    show_default=True,
)
@order_option
@json_format_option
def attribution_command(
    *,
    lesson_id: str,
    catalogue_path: Path,
    index_path: Path | None,
    language: str | None,
    fmt: str,
    order: CreditOrder,
    as_json: bool,
) -> int:
    """The TASL attribution of a lesson (title, author, source, licence) in a reader's language."""
    fmt = "json" if as_json else fmt
    index = open_index(index_path, catalogue_path)
    attribution = index.attribution(lesson_id, language=language or current_language(), order=order)
    if fmt == "json":
        echo_json({"schema_version": 1, "attribution": attribution.json_dict()})
    else:
        click.echo(
            {"text": attribution.text, "markdown": attribution.markdown, "html": attribution.html}[
                fmt
            ]()
        )
    return EXIT_CLEAN


@click.command("licenses")
@catalogue_option
@index_option
@json_option
def check_licenses_command(*, catalogue_path: Path, index_path: Path | None, as_json: bool) -> int:
    """Licence compliance: missing, unaccepted, ShareAlike, conflicting, unattributed.

    The accepted licences come from the catalogue's `required_licenses`, when it has them. With
    --index and no -c, no catalogue is read (and no licence is required).
    """
    index = open_index(index_path, catalogue_path)
    required = None
    source = click.get_current_context().get_parameter_source("catalogue_path")
    named = source is not None and source.name != "DEFAULT"
    if catalogue_path.is_file() and (index_path is None or named):
        settings = load_catalogue(catalogue_path, allow_local_sources=True).settings
        required = settings.required_licenses
    locale = None if as_json else current_language()  # JSON stays English, for scripts
    findings = check_licences(index.materials(), index.lessons(), required=required, locale=locale)
    if as_json:
        echo_json(
            {
                "schema_version": CHECK_SCHEMA_VERSION,
                "required": list(required or []),
                "findings": [json.loads(f.model_dump_json()) for f in findings],
            }
        )
    else:
        for finding in findings:
            where = " ".join(filter(None, [finding.material, finding.lesson, finding.language]))
            click.echo(f"{finding.rule}: {where}: {finding.message}")
            click.echo("  " + _("fix: {fix}").format(fix=finding.fix))
        count = len(findings)
        summary = ngettext("{count} finding", "{count} findings", count) if count else None
        note(summary.format(count=count) if summary else _("no findings"))
    return EXIT_FINDINGS if findings else EXIT_CLEAN
