"""Writing results: JSON documents and aligned tables on stdout, messages on stderr."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

__all__ = ["display_path", "echo_json", "echo_table", "note"]


def display_path(path: Path) -> str:
    """``path`` as the user can type it here: relative to the current directory when inside it."""
    resolved = path.resolve()
    here = Path.cwd().resolve()
    if resolved.is_relative_to(here):
        return resolved.relative_to(here).as_posix() or "."
    return str(resolved)


def echo_json(document: Any) -> None:  # noqa: ANN401 - any JSON-serialisable document
    """Write ``document`` as deterministic, indented UTF-8 JSON to stdout."""
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))


def echo_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Write an aligned text table to stdout."""
    widths = [len(header) for header in headers]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *rows]
    ]
    click.echo("\n".join(lines))  # one write: a line at a time costs a thousand-lesson list 20 ms


def note(message: str) -> None:
    """A message for the person at the terminal (stderr)."""
    click.echo(message, err=True)
