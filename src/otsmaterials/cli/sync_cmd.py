"""``otsmaterials sync``: clone or update the mirrors, then report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _
from otsmaterials.cli._options import (
    cache_option,
    catalogue_option,
    json_option,
    load,
    quiet_option,
)
from otsmaterials.cli._output import echo_json, echo_table, note
from otsmaterials.syncing.report import SyncProgress, SyncReport
from otsmaterials.syncing.run import sync

__all__ = ["print_sync_report", "progress_printer", "sync_command"]


class progress_printer:  # noqa: N801 - used like a function
    """A progress callback: a bar on a terminal, one line per repository otherwise."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()

    def __call__(self, event: SyncProgress) -> None:
        if self.quiet or event.result is None:
            return
        result = event.result
        detail = f" ({result.error})" if result.error else ""
        line = f"[{event.completed}/{event.total}] {result.id}: {result.status}{detail}"
        if self.tty:
            width = 30
            filled = width * event.completed // max(event.total, 1)
            bar = "#" * filled + "-" * (width - filled)
            text = f"\r[{bar}] {event.completed}/{event.total} {result.id}: {result.status}"
            click.echo(text[:200].ljust(80), err=True, nl=event.completed == event.total)
        else:
            click.echo(line, err=True)


def print_sync_report(report: SyncReport, *, as_json: bool, quiet: bool = False) -> None:
    """The report: JSON, or a table on stdout and a summary on stderr."""
    if as_json:
        echo_json(report.json_dict())
        return
    rows = []
    for result in report.results:
        status = result.status + (" (stale)" if result.stale else "")
        detail = result.error or "; ".join(result.notes)
        rows.append([result.id, status, (result.commit or "")[:10], detail])
    echo_table(["MATERIAL", "STATUS", "COMMIT", "DETAIL"], rows)
    if not quiet:
        counts = report.counts()
        note(
            _("{cloned} cloned, {updated} updated, {unchanged} unchanged, {failed} failed").format(
                **counts
            )
        )


@click.command("sync")
@catalogue_option
@cache_option
@click.option(
    "--offline", is_flag=True, help="Do not use the network; report what the mirrors hold."
)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Repositories synced at once.")
@click.option(
    "--allow-local", is_flag=True, default=None, help="Allow local paths and file:// sources."
)
@click.option("--only", multiple=True, metavar="ID", help="Sync only this material (repeatable).")
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), help="Seconds per git operation."
)
@json_option
@quiet_option
def sync_command(
    *,
    catalogue_path: Path,
    cache: Path | None,
    offline: bool,
    jobs: int | None,
    allow_local: bool | None,
    only: tuple[str, ...],
    timeout: float | None,
    as_json: bool,
    quiet: bool,
    verbose: int,
) -> int:
    """Clone or update the mirror of every material in the catalogue.

    Exit 0 when every repository synced, 1 when some failed (their previous mirrors are kept).
    """
    catalogue = load(catalogue_path, allow_local=allow_local)
    report = sync(
        catalogue,
        cache=cache,
        jobs=jobs,
        offline=offline,
        only=only or None,
        allow_local=allow_local,
        timeout=timeout,
        progress=progress_printer(quiet=quiet),
    )
    print_sync_report(report, as_json=as_json, quiet=quiet)
    return EXIT_CLEAN if report.ok else EXIT_FINDINGS
