"""Ctrl-C on a command-line run: the first interrupt stops the command; its cleanup runs whole.

A terminal sends SIGINT to the whole foreground process group. The first one raises
``KeyboardInterrupt`` where the command is; the command's cleanup then runs (a build's
transaction is rolled back, git processes are killed, temporary files are removed, worker
processes are stopped) and ``otsmaterials: interrupted`` ends the run with exit 130. Further
interrupts while that happens are ignored, so they cannot cut the cleanup short or print a
traceback; neither can one that arrives while the process exits after its work.

Only a run that owns its process (``main()`` called as the program, without ``argv``) changes
how SIGINT is handled; a caller of ``main(argv)`` keeps its own handler.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["handling_interrupts"]


def _first_interrupt(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


@contextmanager
def handling_interrupts(*, own: bool) -> Iterator[None]:
    """Within: the first SIGINT raises ``KeyboardInterrupt``, later ones are ignored.

    After: SIGINT stays ignored (the process is ending) when ``own`` is true; otherwise nothing
    changes at all.
    """
    if not own or threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.signal(signal.SIGINT, _first_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _forget_handled_interrupt()


def _forget_handled_interrupt() -> None:
    """Keep CPython from ending the process by SIGINT for an interrupt that was handled.

    When a ``KeyboardInterrupt`` leaves code that Python compiled from a string (the methods a
    dataclass or a named tuple generates while a module is imported), CPython sets a
    process-wide flag and, at exit, kills itself with SIGINT even though the interrupt was
    caught: the exit status is -2 instead of 130. Running a string resets that flag.
    """
    exec("None")  # noqa: S102 - a constant string: the reset is the point
