"""Checks against super-linear work on hostile input that do not depend on the machine's speed.

Wall-clock bounds flake on a loaded machine, so the tests guarding against quadratic or
exponential behaviour use these instead (speed itself is a benchmark's figure, benchmarks/):

- ``count_steps`` counts the Python lines an action runs and the functions (Python and C) it
  calls. The count is deterministic: the same code on the same input takes the same steps on any
  machine.
- ``assert_scales_linearly`` compares that count for an input ``factor`` times larger: linear
  work grows about ``factor``-fold, quadratic work ``factor**2``-fold; ``assert_work_bounded``
  checks that it does not grow at all (a refusal before the input is read on).
- ``finishes_in_child`` is the hang guard for work no count sees (a regular expression
  backtracking inside one C call): the action runs in a forked child, killed and reported after a
  deadline far above any machine's time (60 s), with inputs sized so that the super-linear
  version would need far longer. The counts are taken under it too, so that an exponential
  regression fails instead of hanging the run.
"""

from __future__ import annotations

import multiprocessing
import sys
import warnings
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

T = TypeVar("T")

#: Seconds a guarded action may take. The guarded inputs take well under a second here; the
#: super-linear versions they guard against take minutes to hours (each test says how long).
DEADLINE = 60.0


def count_steps(action: Callable[[], object]) -> int:
    """Steps taken while ``action()`` runs in this thread: Python lines run and functions called.

    Lines (a trace hook) see loops that call nothing; C calls (a profile hook) see work done by
    builtins and compiled libraries, one step per call. The action runs once uncounted first, so
    that the count leaves out what only a first run does (imports, compiling patterns, caches),
    whichever test ran before.
    """
    action()
    steps = 0

    def trace(_frame: FrameType, event: str, _arg: object) -> Callable[..., object]:
        nonlocal steps
        if event in ("call", "line"):
            steps += 1
        return trace

    def profile(_frame: FrameType, event: str, _arg: object) -> None:
        nonlocal steps
        if event == "c_call":
            steps += 1

    previous_trace, previous_profile = sys.gettrace(), sys.getprofile()
    sys.settrace(trace)
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.settrace(previous_trace)
        sys.setprofile(previous_profile)
    return steps


def _counts(work: Callable[[int], object], size: int, factor: int) -> tuple[int, int]:
    """The steps of ``work(size)`` and ``work(size * factor)``, counted under the hang guard."""
    return finishes_in_child(
        lambda: (count_steps(lambda: work(size)), count_steps(lambda: work(size * factor)))
    )


def assert_scales_linearly(
    work: Callable[[int], object], size: int, *, factor: int = 4, slack: float = 1.5
) -> None:
    """``work(size * factor)`` makes at most ``factor * slack`` times the steps of ``work(size)``.

    With the defaults linear (or n log n) work passes (ratio about 4) and quadratic work fails
    (ratio about 16), whatever the machine's speed or load.
    """
    small, large = _counts(work, size, factor)
    assert small > 0
    assert large <= small * factor * slack, (
        f"{large} steps for size {size * factor} against {small} for size {size}: "
        f"ratio {large / small:.1f}, linear work stays under {factor * slack:g}"
    )


def assert_work_bounded(
    work: Callable[[int], object], size: int, *, factor: int = 4, slack: float = 1.5
) -> None:
    """``work(size * factor)`` makes at most ``slack`` times the steps of ``work(size)``.

    For work that must not depend on the input's size at all (a refusal before reading on).
    """
    small, large = _counts(work, size, factor)
    assert small > 0
    assert large <= small * slack, (
        f"{large} steps for size {size * factor} against {small} for size {size}: "
        f"ratio {large / small:.1f}, work independent of the size stays under {slack:g}"
    )


def _run_child(
    action: Callable[[], object], connection: multiprocessing.connection.Connection
) -> None:
    try:
        outcome: tuple[str, object] = ("value", action())
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        outcome = ("error", error)
    try:
        connection.send(outcome)
    except Exception as error:  # noqa: BLE001 - an outcome that does not pickle
        connection.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
    connection.close()


def finishes_in_child(action: Callable[[], T], seconds: float = DEADLINE) -> T:
    """``action()`` run in a forked child; its value, or its exception raised here.

    Fails if the child has not answered after ``seconds`` (the child is then killed): a guard
    against hangs that no wall-clock bound in the parent could catch when a single C call (a
    backtracking regular expression) holds the interpreter.
    """
    context = multiprocessing.get_context("fork")  # the action is a closure: it cannot be pickled
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run_child, args=(action, sending), daemon=True)
    with warnings.catch_warnings():
        # Python 3.12+ warns when a process with threads (a fixture's server) forks; the child
        # only reads text with our code, which takes none of the locks those threads use.
        warnings.filterwarnings("ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning)
        child.start()
    sending.close()
    try:
        answered = receiving.poll(seconds)
        if not answered:
            raise AssertionError(f"no answer after {seconds:g} s: super-linear work on this input")
        kind, payload = receiving.recv()
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiving.close()
    if kind == "error":
        assert isinstance(payload, BaseException)
        raise payload
    return payload  # type: ignore[return-value]
