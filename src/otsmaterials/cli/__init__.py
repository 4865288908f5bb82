"""The ``otsmaterials`` command line: a thin shell over the library (click lives only here)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        from otsmaterials.cli._app import run  # noqa: PLC0415 - click loads only when the CLI runs
    except KeyboardInterrupt:  # Ctrl-C while the modules load: no traceback either
        import sys  # noqa: PLC0415

        sys.stderr.write("otsmaterials: interrupted\n")
        return 130
    return run(argv)
