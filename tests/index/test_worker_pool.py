"""The parsing processes' pool: a process that dies costs its own jobs' work, never a hang."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from otsmaterials.index.workers import WorkerPool, WorkerStartError
from poolwork import die_at_start, died, run_jobs


@pytest.fixture
def pool() -> WorkerPool[str, str]:
    context = multiprocessing.get_context("forkserver")
    made: WorkerPool[str, str] = WorkerPool(run_jobs, died, 2, context)
    yield made
    made.close()


def test_chunks_give_their_results_in_order(pool: WorkerPool[str, str]) -> None:
    tickets = [pool.submit([f"a{n}", f"b{n}"]) for n in range(5)]
    assert [pool.result(t) for t in reversed(tickets)] == [
        [f"A{n}", f"B{n}"] for n in reversed(range(5))
    ]


def test_a_job_that_kills_its_process_costs_that_job_only(pool: WorkerPool[str, str]) -> None:
    before = pool.submit(["one", "two"])
    deadly = pool.submit(["a", "die", "b"])
    after = pool.submit(["three"])
    assert pool.result(deadly) == ["A", "died: die (killed by signal 9)", "B"]
    assert pool.result(before) == ["ONE", "TWO"]
    assert pool.result(after) == ["THREE"]
    assert pool.result(pool.submit(["die"])) == ["died: die (killed by signal 9)"]


def test_a_job_whose_process_died_once_is_done_again(
    pool: WorkerPool[str, str], tmp_path: Path
) -> None:
    marker = tmp_path / "marker"
    assert pool.result(pool.submit(["a", f"die-once:{marker}", "b"])) == [
        "A",
        f"DIE-ONCE:{marker}".upper(),
        "B",
    ]
    assert marker.exists()


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="looks for the processes in /proc")
def test_closing_leaves_no_process_behind(pool: WorkerPool[str, str], tmp_path: Path) -> None:
    """Once ``close`` returns, the busy worker and the idle one are gone, reaped: where the
    system's first process reaps no orphans (some containers), a worker that outlived its
    parent would stay a zombie in the command's process group."""
    (idle,) = pool.result(pool.submit(["pid"]))
    held = tmp_path / "held"
    pool.submit([f"hold:{held}"])
    deadline = time.monotonic() + 30
    while not held.exists() or not held.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    busy = held.read_text(encoding="utf-8")
    pool.close()
    assert not Path(f"/proc/{idle}").exists()
    assert not Path(f"/proc/{busy}").exists()


def test_workers_that_end_as_they_start_are_a_start_error() -> None:
    """No job's fault: the caller is told, and parses the files itself."""
    context = multiprocessing.get_context("forkserver")
    pool: WorkerPool[str, str] = WorkerPool(run_jobs, died, 2, context, die_at_start)
    try:
        ticket = pool.submit(["a", "b"])
        with pytest.raises(WorkerStartError, match=r"end as they start \(exit 1\)"):
            pool.result(ticket)
        with pytest.raises(WorkerStartError):
            pool.submit(["c"])
    finally:
        pool.close()


SCRIPT = textwrap.dedent(
    """
    import multiprocessing, os, signal, sys, time
    sys.path.insert(0, sys.argv[1])
    from otsmaterials.index.workers import WorkerPool
    from poolwork import died, run_jobs

    if __name__ == "__main__":
        pool = WorkerPool(run_jobs, died, 1, multiprocessing.get_context("forkserver"))
        ticket = pool.submit(["big:32"])
        time.sleep(1.0)  # the worker has written what the pipe holds, and waits to write on
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)
        [value] = pool.result(ticket)
        print(len(value))
        pool.close()
    """
)


def test_a_worker_killed_while_it_writes_its_result_is_no_hang() -> None:
    """Part of a result is in the pipe when its writer dies: the pool reads the pipe's end and
    does the job again (the shared pipe of ProcessPoolExecutor waited for the rest for ever)."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(Path(__file__).parents[1])],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.split() == [str(32 * 1024 * 1024)]
