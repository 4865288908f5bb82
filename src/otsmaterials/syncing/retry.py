"""When to try a failed git operation again: transient failures only, with backoff and jitter."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["RetryPolicy"]


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter: ``base · 2ⁿ · U(0.5, 1.5)`` seconds, capped.

    Only failures marked transient (network trouble, throttling, server errors, timeouts) are
    retried; a missing repository, an authentication failure or a rejected URL never is.
    """

    retries: int = 3
    """Further attempts after the first one."""
    base_delay: float = 2.0
    """The delay before the first retry, before jitter."""
    max_delay: float = 60.0
    """No delay is longer than this."""
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)
    """Where the jitter comes from."""

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (0-based)."""
        jitter = self.rng.uniform(0.5, 1.5)
        return float(min(self.max_delay, self.base_delay * (2**attempt) * jitter))
