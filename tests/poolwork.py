"""Jobs for the worker pool's tests, importable by its worker processes (sent by name)."""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from pathlib import Path


def run_jobs(jobs: Sequence[str]) -> list[str]:
    """Each job upper-cased; ``die`` kills its process; ``die-once:PATH`` kills it the first
    time (PATH remembers); ``big:N``: N megabytes of ``x``."""
    results = []
    for job in jobs:
        if job == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        if job.startswith("die-once:"):
            marker = Path(job.removeprefix("die-once:"))
            if not marker.exists():
                marker.write_text("died once", encoding="utf-8")
                os.kill(os.getpid(), signal.SIGKILL)
        if job.startswith("big:"):
            results.append("x" * int(job.removeprefix("big:")) * 1024 * 1024)
            continue
        results.append(job.upper())
    return results


def died(job: str, reason: str) -> str:
    return f"died: {job} ({reason})"


def die_at_start() -> None:
    """An initializer that ends its process, as a script without a ``__main__`` guard may."""
    os._exit(1)
