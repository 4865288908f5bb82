"""Fuzz every reader for as long as asked: the targets of ``tests/fuzzing.py``, without a bound.

Usage::

    python tools/fuzz.py --minutes 10                 # every target, in turn, for 10 minutes
    python tools/fuzz.py --seconds 60 --target po     # one target (repeatable)

Each round runs one target for ``--examples`` generated inputs (hypothesis, a fresh seed every
round). A reader may refuse its input only with the library's own error; anything else is a
failure: hypothesis shrinks the input, and the tool prints it with the traceback, saves it under
``--crashes`` (``<target>-<n>.bin``) and goes on. Exit 1 if anything failed, else 0. The suite
runs the same targets with a small bound (``tests/test_fuzz.py``).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import TARGETS, Target, run_target  # noqa: E402 - after the tests folder is on the path


class _Counter:
    def __init__(self) -> None:
        self.examples = 0
        self.last: bytes | None = None


def _round(target: Target, examples: int, round_seed: int, counter: _Counter) -> bytes | None:
    """Run one round; return the (shrunk) failing input, or None."""

    @seed(round_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(target.inputs)
    def fuzz(data: bytes) -> None:
        counter.examples += 1
        counter.last = data
        run_target(target, data)

    try:
        fuzz()
    except Exception:  # noqa: BLE001 - a finding: reported, and the fuzzing goes on
        traceback.print_exc()
        return counter.last if counter.last is not None else b""
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=0.0)
    parser.add_argument("--seconds", type=float, default=0.0)
    parser.add_argument("--target", action="append", choices=sorted(TARGETS))
    parser.add_argument("--examples", type=int, default=500, help="inputs per round")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    args = parser.parse_args(argv)
    budget = args.minutes * 60 + args.seconds or 60.0
    names = args.target or sorted(TARGETS)
    started = time.monotonic()
    counters = {name: _Counter() for name in names}
    rounds = dict.fromkeys(names, 0)
    findings: list[tuple[str, bytes]] = []
    picker = random.Random()
    while time.monotonic() - started < budget:
        for name in names:
            if time.monotonic() - started >= budget:
                break
            rounds[name] += 1
            found = _round(TARGETS[name], args.examples, picker.getrandbits(64), counters[name])
            if found is not None:
                findings.append((name, found))
                args.crashes.mkdir(parents=True, exist_ok=True)
                (args.crashes / f"{name}-{len(findings)}.bin").write_bytes(found)
                print(f"FINDING {name}: {found!r}", flush=True)
    elapsed = time.monotonic() - started
    print(f"fuzzed for {elapsed:.0f} s")
    for name in names:
        print(f"  {name:<13} {counters[name].examples:>9,} inputs in {rounds[name]} rounds")
    print(f"{len(findings)} finding(s)" + (f", saved in {args.crashes}/" if findings else ""))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
