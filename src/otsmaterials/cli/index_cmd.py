"""``otsmaterials index`` and ``otsmaterials build``."""

from __future__ import annotations

from pathlib import Path

import click

from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _
from otsmaterials.cli._index_options import (
    default_workers,
    index_option,
    wait_option,
    workers_option,
)
from otsmaterials.cli._options import (
    cache_option,
    catalogue_option,
    json_option,
    load,
    quiet_option,
)
from otsmaterials.cli._output import echo_json, echo_table, note
from otsmaterials.cli.sync_cmd import print_sync_report, progress_printer
from otsmaterials.index.build import IndexProgress, IndexReport, build_index
from otsmaterials.pipeline import build

__all__ = ["build_command", "index_command", "print_index_report"]

INDEX_SCHEMA_VERSION = 1


def print_index_report(
    report: IndexReport, *, as_json: bool, verbose: int = 0, quiet: bool = False
) -> None:
    """The index report: a table (and problems) or JSON."""
    if as_json:
        document = report.model_dump(mode="json")
        document["schema_version"] = INDEX_SCHEMA_VERSION
        echo_json(document)
        return
    rows = [
        [
            m.id,
            m.status,
            (m.commit or "")[:10],
            str(m.lessons) if m.status == "indexed" else "",
            m.error or "",
        ]
        for m in report.materials
    ]
    echo_table(["MATERIAL", "STATUS", "COMMIT", "LESSONS", "DETAIL"], rows)
    errors = [p for p in report.problems if p.severity == "error"]
    warnings = [p for p in report.problems if p.severity == "warning"]
    for problem in errors + (warnings if verbose else []):
        note(str(problem))
    if quiet:
        return
    if warnings and not verbose:
        note(_("{count} warnings (-v shows them)").format(count=len(warnings)))
    done = _("index updated: {path}") if report.changed else _("index unchanged: {path}")
    note(done.format(path=report.index))


def _index_progress(quiet: bool):  # type: ignore[no-untyped-def]  # noqa: ANN202
    def show(event: IndexProgress) -> None:
        if not quiet:
            note(f"[{event.completed}/{event.total}] {event.material}: {event.status.status}")

    return show


@click.command("index")
@catalogue_option
@cache_option
@index_option
@click.option("--only", multiple=True, metavar="ID", help="Index only this material (repeatable).")
@workers_option
@wait_option
@json_option
@quiet_option
def index_command(
    *,
    catalogue_path: Path,
    cache: Path | None,
    index_path: Path | None,
    only: tuple[str, ...],
    workers: int | None,
    wait: float,
    as_json: bool,
    quiet: bool,
    verbose: int,
) -> int:
    """(Re)build the index from the mirrors, reading only what changed.

    Exit 1 when a material could not be indexed (its previous entry is kept).
    """
    catalogue = load(catalogue_path, allow_local=True)
    report = build_index(
        catalogue,
        cache=cache,
        index=index_path,
        only=only or None,
        progress=_index_progress(quiet),
        workers=default_workers(workers),
        lock_timeout=wait,
    )
    print_index_report(report, as_json=as_json, verbose=verbose, quiet=quiet)
    return EXIT_CLEAN if report.ok else EXIT_FINDINGS


@click.command("build")
@catalogue_option
@cache_option
@index_option
@click.option("--offline", is_flag=True, help="Do not use the network.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), help="Repositories synced at once.")
@click.option("--allow-local", is_flag=True, default=None, help="Allow local sources.")
@click.option("--only", multiple=True, metavar="ID", help="Only this material (repeatable).")
@workers_option
@wait_option
@json_option
@quiet_option
def build_command(
    *,
    catalogue_path: Path,
    cache: Path | None,
    index_path: Path | None,
    offline: bool,
    jobs: int | None,
    allow_local: bool | None,
    only: tuple[str, ...],
    workers: int | None,
    wait: float,
    as_json: bool,
    quiet: bool,
    verbose: int,
) -> int:
    """Sync every material, then index: the main job in one command."""
    catalogue = load(catalogue_path, allow_local=allow_local)
    report = build(
        catalogue,
        cache=cache,
        index=index_path,
        jobs=jobs,
        offline=offline,
        only=only or None,
        allow_local=allow_local,
        sync_progress=progress_printer(quiet=quiet),
        index_progress=_index_progress(quiet),
        workers=default_workers(workers),
        lock_timeout=wait,
    )
    if as_json:
        echo_json(
            {
                "schema_version": 1,
                "sync": report.sync.json_dict(),
                "index": report.index.model_dump(mode="json"),
            }
        )
    else:
        print_sync_report(report.sync, as_json=False, quiet=quiet)
        print_index_report(report.index, as_json=False, verbose=verbose, quiet=quiet)
    return EXIT_CLEAN if report.ok else EXIT_FINDINGS
