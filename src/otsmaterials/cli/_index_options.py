"""Finding the index for query commands: ``--index``, else the catalogue's setting."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from otsmaterials.catalogue.locate import index_setting
from otsmaterials.errors import InputError
from otsmaterials.index.snapshot import Snapshot
from otsmaterials.index.store import resolve_index_path

if TYPE_CHECKING:  # the models load for the commands that print them (``open_index``)
    from otsmaterials.index.query import Index

__all__ = [
    "default_workers",
    "index_option",
    "open_index",
    "open_snapshot",
    "wait_option",
    "workers_option",
]

F = TypeVar("F", bound=Callable[..., object])


def index_option(function: F) -> F:
    """``--index FILE`` (env ``OTSMATERIALS_INDEX``)."""
    return click.option(
        "--index",
        "index_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="OTSMATERIALS_INDEX",
        help="The index file (default: from the catalogue).",
    )(function)


def workers_option(function: F) -> F:
    """``--workers N``: processes that parse lesson files (default: one per CPU, at most 8)."""
    return click.option(
        "--workers",
        type=click.IntRange(1, 64),
        help="Processes parsing lesson files at once (default: one per CPU, at most 8).",
    )(function)


def wait_option(function: F) -> F:
    """``--wait SECONDS``: how long a build waits for another build of the same index."""
    return click.option(
        "--wait",
        type=click.FloatRange(0, 3600),
        default=30.0,
        show_default=True,
        metavar="SECONDS",
        help="How long to wait for another build of the same index.",
    )(function)


def default_workers(workers: int | None) -> int:
    """``--workers``, else one per CPU this process may use (at most 8)."""
    if workers is not None:
        return workers
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(available, 8))


def index_path_for(index_path: Path | None, catalogue_path: Path) -> Path:
    """The index to read: ``--index``, else the one the catalogue names."""
    if index_path is not None:
        return index_path
    if not catalogue_path.is_file():
        raise InputError(f"no catalogue at {catalogue_path}: pass --index FILE or -c CATALOGUE")
    found = index_setting(catalogue_path)
    if found is not None:
        return found
    from otsmaterials.catalogue.load import load_catalogue  # noqa: PLC0415 - says what is wrong

    return resolve_index_path(load_catalogue(catalogue_path, allow_local_sources=True))


def open_index(index_path: Path | None, catalogue_path: Path) -> Index:
    """Open the index for a query command."""
    from otsmaterials.index.query import Index  # noqa: PLC0415 - see the imports

    return Index.open(index_path_for(index_path, catalogue_path))


def open_snapshot(index_path: Path | None, catalogue_path: Path) -> Snapshot:
    """Open the index for a command that prints its rows as they are (no models)."""
    return Snapshot.open(index_path_for(index_path, catalogue_path))
