"""Jobs for the worker pool's tests, importable by its worker processes (sent by name)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence
from pathlib import Path


def run_jobs(jobs: Sequence[str]) -> list[str]:
    """Each job upper-cased; ``die`` kills its process; ``die-once:PATH`` kills it the first
    time (PATH remembers); ``big:N``: N megabytes of ``x``; ``pid``: the process id; ``hold:PATH``
    writes the process id to PATH and waits a minute."""
    results = []
    for job in jobs:
        if job == "pid":
            results.append(str(os.getpid()))
            continue
        if job.startswith("hold:"):
            Path(job.removeprefix("hold:")).write_text(str(os.getpid()), encoding="utf-8")
            time.sleep(60)
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
