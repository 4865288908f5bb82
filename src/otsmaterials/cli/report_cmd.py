"""``otsmaterials report``: the coordinators' status page (HTML)."""

from __future__ import annotations

from pathlib import Path

import click

from otsmaterials.cli._errors import EXIT_CLEAN
from otsmaterials.cli._i18n import _, current_language
from otsmaterials.cli._index_options import index_option, open_index
from otsmaterials.cli._options import catalogue_option
from otsmaterials.report.write import render_report, write_report

__all__ = ["report_command"]


@click.command("report")
@catalogue_option
@index_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write to FILE.html (one self-contained page) or DIR (a page per material); "
    "default: the page on stdout.",
)
def report_command(*, catalogue_path: Path, index_path: Path | None, output: Path | None) -> int:
    """The status page for coordinators: lessons × languages per material, what is outdated.

    One self-contained HTML page (no network, no build step); its texts follow --lang.
    """
    index = open_index(index_path, catalogue_path)
    language = current_language()
    if output is None:
        click.echo(render_report(index, language=language), nl=False)
        return EXIT_CLEAN
    written = write_report(index, output, language=language)
    click.echo(_("wrote {path}").format(path=written[0] if len(written) == 1 else output), err=True)
    return EXIT_CLEAN
