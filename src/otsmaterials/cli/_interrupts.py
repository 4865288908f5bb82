"""Ctrl-C on a command-line run: the first interrupt stops the command; its cleanup runs whole.

A terminal sends SIGINT to the whole foreground process group. The first one raises
``KeyboardInterrupt`` where the command is; the command's cleanup then runs (a build's
transaction is rolled back, git processes are killed, temporary files are removed, worker
processes are stopped) and ``otsmaterials: interrupted`` ends the run with exit 130. Further
interrupts while that happens are ignored, so they cannot cut the cleanup short or print a
traceback; neither can one that arrives while the process exits after its work.

Python runs a signal handler wherever the main thread is, and some places cannot pass an
exception on: a weakref callback (the import system's lock clean-up is one), a ``__del__``
method, a garbage collector callback. Python prints such an exception as "Exception ignored"
and goes on, which would lose the interrupt. While a command runs, ``sys.unraisablehook``
recognises the ``KeyboardInterrupt`` it raised there, keeps it off the terminal and has a
helper thread deliver the interrupt again, every few milliseconds until it lands in ordinary
code (never in the hook itself).

Only a run that owns its process (``main()`` called as the program, without ``argv``) changes
how SIGINT is handled; a caller of ``main(argv)`` keeps its own handler.
"""

from __future__ import annotations

import _thread
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import CodeType, FrameType

__all__ = ["handling_interrupts"]


class _Interrupts:
    """The handler and the unraisable hook of one run.

    ``raised``: the interrupt has reached the command (or is on its way to it); ``active``: the
    run is still within ``handling_interrupts``.
    """

    def __init__(self, previous_hook: Callable[[sys.UnraisableHookArgs], object]) -> None:
        self.raised = False
        self.active = True
        self._previous_hook = previous_hook

    def handler(self, signum: int, frame: FrameType | None) -> None:
        if self.raised or _within(frame, _Interrupts.unraisable.__code__):
            return  # a later interrupt, or one that would end the hook: the helper tries again
        self.raised = True
        raise KeyboardInterrupt

    def unraisable(self, unraisable: sys.UnraisableHookArgs) -> None:
        if self.raised and isinstance(unraisable.exc_value, KeyboardInterrupt):
            self.raised = False  # it never reached the command: deliver it again, elsewhere
            _thread.start_new_thread(self._deliver_again, ())
            return
        self._previous_hook(unraisable)

    def _deliver_again(self) -> None:
        while self.active and not self.raised:
            time.sleep(0.005)
            _thread.interrupt_main()


def _within(frame: FrameType | None, code: CodeType) -> bool:
    while frame is not None:
        if frame.f_code is code:
            return True
        frame = frame.f_back
    return False


@contextmanager
def handling_interrupts(*, own: bool) -> Iterator[Callable[[], bool]]:
    """Within: the first SIGINT raises ``KeyboardInterrupt``, later ones are ignored.

    Gives a function that tells whether an interrupt was raised: a library may report one as
    another error (pydantic turns one that lands while it builds a validator into a
    ``SchemaError``), and then the run ends as interrupted all the same. After: SIGINT stays
    ignored (the process is ending) when ``own`` is true; otherwise nothing changes at all.
    """
    if not own or threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    interrupts = _Interrupts(sys.unraisablehook)
    signal.signal(signal.SIGINT, interrupts.handler)
    sys.unraisablehook = interrupts.unraisable
    try:
        yield lambda: interrupts.raised
    finally:
        interrupts.active = False
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.unraisablehook = sys.__unraisablehook__
        _forget_handled_interrupt()


def _forget_handled_interrupt() -> None:
    """Keep CPython from ending the process by SIGINT for an interrupt that was handled.

    When a ``KeyboardInterrupt`` leaves code that Python compiled from a string (the methods a
    dataclass or a named tuple generates while a module is imported), CPython sets a
    process-wide flag and, at exit, kills itself with SIGINT even though the interrupt was
    caught: the exit status is -2 instead of 130. Running a string resets that flag.
    """
    exec("None")  # noqa: S102 - a constant string: the reset is the point
