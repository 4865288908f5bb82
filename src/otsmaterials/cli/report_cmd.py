"""``otsmaterials report``: the coordinators' status page (HTML)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from otsmaterials.cli._errors import EXIT_CLEAN
from otsmaterials.cli._i18n import _, current_language
from otsmaterials.cli._index_options import index_option, open_index
from otsmaterials.cli._options import catalogue_option
from otsmaterials.report.write import render_report, write_report

__all__ = ["report_command"]


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cyclic garbage collector paused while the page is made.

    The report is a tree of objects without cycles (reference counting frees it all); with the
    collector on, half of the CPU time of a large report went into its passes over the growing
    heap (docs/performance.md). The command line is the process's owner, so it may pause it;
    the library never does.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    language = current_language()
    with without_cycle_collection():
        index = open_index(index_path, catalogue_path)
        if output is None:
            click.echo(render_report(index, language=language), nl=False)
            return EXIT_CLEAN
        written = write_report(index, output, language=language)
    click.echo(_("wrote {path}").format(path=written[0] if len(written) == 1 else output), err=True)
    return EXIT_CLEAN
