"""Checks against super-linear work on hostile input that do not depend on the machine's speed.

Wall-clock bounds flake on a loaded machine, so the tests guarding against quadratic or
exponential behaviour use these instead (speed itself is a benchmark's figure, benchmarks/):

- ``count_calls`` counts the Python and C function calls an action makes (a profile hook). The
  count is deterministic: the same code on the same input makes the same calls on any machine.
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
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

T = TypeVar("T")

#: Seconds a guarded action may take. The guarded inputs take well under a second here; the
#: super-linear versions they guard against take minutes to hours (each test says how long).
DEADLINE = 60.0


def count_calls(action: Callable[[], object]) -> int:
    """Number of function calls (Python and C) made while ``action()`` runs in this thread."""
    calls = 0

    def profile(_frame: FrameType, event: str, _arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(previous)
    return calls


def _counts(work: Callable[[int], object], size: int, factor: int) -> tuple[int, int]:
    """The calls of ``work(size)`` and ``work(size * factor)``, counted under the hang guard."""
    return finishes_in_child(
        lambda: (count_calls(lambda: work(size)), count_calls(lambda: work(size * factor)))
    )


def assert_scales_linearly(
    work: Callable[[int], object], size: int, *, factor: int = 4, slack: float = 1.5
) -> None:
    """``work(size * factor)`` makes at most ``factor * slack`` times the calls of ``work(size)``.

    With the defaults linear (or n log n) work passes (ratio about 4) and quadratic work fails
    (ratio about 16), whatever the machine's speed or load.
    """
    small, large = _counts(work, size, factor)
    assert small > 0
    assert large <= small * factor * slack, (
        f"{large} calls for size {size * factor} against {small} for size {size}: "
        f"ratio {large / small:.1f}, linear work stays under {factor * slack:g}"
    )


def assert_work_bounded(
    work: Callable[[int], object], size: int, *, factor: int = 4, slack: float = 1.5
) -> None:
    """``work(size * factor)`` makes at most ``slack`` times the calls of ``work(size)``.

    For work that must not depend on the input's size at all (a refusal before reading on).
    """
    small, large = _counts(work, size, factor)
    assert small > 0
    assert large <= small * slack, (
        f"{large} calls for size {size * factor} against {small} for size {size}: "
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
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run_child, args=(action, sending), daemon=True)
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
