"""The ``otsmaterials`` command line: a thin shell over the library (click lives only here)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

_INTERRUPTED = "otsmaterials: interrupted\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Called without ``argv`` (as the program), the run owns its process's Ctrl-C handling
    (``cli/_interrupts.py``) and sets what a command loads aside from the garbage collector.
    """
    from otsmaterials.cli._interrupts import handling_interrupts  # noqa: PLC0415 - cheap import

    with handling_interrupts(own=argv is None) as interrupted:
        try:
            from otsmaterials.cli._app import run  # noqa: PLC0415 - click loads only when needed

            return run(argv, own=argv is None, interrupted=interrupted)
        except KeyboardInterrupt:  # while the modules load, or just as the command returned
            sys.stderr.write(_INTERRUPTED)
            return 130
        except Exception:  # while click loads: after a Ctrl-C, whatever a library made of it
            if not interrupted():
                raise
            sys.stderr.write(_INTERRUPTED)
            return 130
