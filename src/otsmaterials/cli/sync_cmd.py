"""``otsmaterials sync``: clone or update the mirrors, then report.

The table is printed from the engine's plain results, and the catalogue is validated only when
its files changed since the last sync (:mod:`otsmaterials.syncing.memo`): a sync that has nothing
to do starts without pydantic. ``--json`` makes the report's models.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import click

from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _
from otsmaterials.cli._options import cache_option, catalogue_option, json_option, quiet_option
from otsmaterials.cli._output import echo_json, echo_table, note
from otsmaterials.syncing.engine import run_plan
from otsmaterials.syncing.memo import memo_folder, recall, remember
from otsmaterials.syncing.outcome import Synced, count_statuses
from otsmaterials.syncing.plan import SyncPlan, plan_of

if TYPE_CHECKING:  # the models load for --json and for ``build``
    from otsmaterials.syncing.report import SyncReport

__all__ = ["print_sync_report", "progress_printer", "sync_command"]


class _Row(Protocol):
    """A material's result as the table shows it (the engine's or the report's)."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def stale(self) -> bool: ...
    @property
    def error(self) -> str | None: ...
    @property
    def commit(self) -> str | None: ...
    @property
    def notes(self) -> tuple[str, ...]: ...


class _Event(Protocol):
    @property
    def completed(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def result(self) -> _Row | None: ...


class progress_printer:  # noqa: N801 - used like a function
    """A progress callback: a bar on a terminal, one line per repository otherwise."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()

    def __call__(self, event: _Event) -> None:
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
    else:
        print_sync_table(report.results, quiet=quiet)


def print_sync_table(results: Sequence[_Row], *, quiet: bool = False) -> None:
    """A table of the results on stdout, and how many ended how on stderr."""
    rows = []
    for result in results:
        status = result.status + (" (stale)" if result.stale else "")
        detail = result.error or "; ".join(result.notes)
        rows.append([result.id, status, (result.commit or "")[:10], detail])
    echo_table(["MATERIAL", "STATUS", "COMMIT", "DETAIL"], rows)
    if not quiet:
        counts = count_statuses(result.status for result in results)
        note(
            _("{cloned} cloned, {updated} updated, {unchanged} unchanged, {failed} failed").format(
                **counts
            )
        )


def sync_plan(catalogue_path: Path, *, allow_local: bool | None) -> SyncPlan:
    """What the sync needs of the catalogue: remembered, or validated (errors: exit code 2)."""
    folder = memo_folder()
    plan = recall(catalogue_path, allow_local, folder=folder)
    if plan is None:
        from otsmaterials.catalogue.load import load_catalogue_files  # noqa: PLC0415 - models

        catalogue, files = load_catalogue_files(catalogue_path, allow_local_sources=allow_local)
        plan = plan_of(catalogue)
        remember(catalogue_path, allow_local, files, plan, folder=folder)
    return plan


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
    root, results = run_plan(
        sync_plan(catalogue_path, allow_local=allow_local),
        cache=cache,
        jobs=jobs,
        offline=offline,
        only=only or None,
        allow_local=allow_local,
        timeout=timeout,
        progress=progress_printer(quiet=quiet),
    )
    if as_json:
        echo_json(_report(root, results, offline=offline).json_dict())
    else:
        print_sync_table(results, quiet=quiet)
    return EXIT_FINDINGS if any(result.status == "failed" for result in results) else EXIT_CLEAN


def _report(root: Path, results: Sequence[Synced], *, offline: bool) -> SyncReport:
    from otsmaterials.syncing.report import SyncReport  # noqa: PLC0415 - models

    return SyncReport.of(root, results, offline=offline)
