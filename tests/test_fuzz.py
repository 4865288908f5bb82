"""Generated input for every reader, through the public API: only the library's own errors.

The targets are in ``tests/fuzzing.py``; each runs a bounded number of examples here, the same
ones on every run (the suite's hypothesis profile, see ``conftest.py``), and as many new ones as
asked in ``tools/fuzz.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from fuzzing import TARGETS, run_target

EXAMPLES = 120


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_readers_refuse_only_with_library_errors(name: str) -> None:
    target = TARGETS[name]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(target.inputs)
    def fuzz(data: bytes) -> None:
        run_target(target, data)

    fuzz()
