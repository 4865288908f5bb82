"""Worker processes with a pipe each: a worker that dies costs its own work, never the build.

:class:`concurrent.futures.ProcessPoolExecutor` has its processes write their results into one
shared pipe. A process killed while it writes one (the kernel's out-of-memory killer, a crash in
a C extension, a ``kill -9``) leaves part of a message there, and the executor waits for the
rest for ever: 5 of 16 builds whose workers were killed at random moments hung. Here each worker
has a pipe (a socket pair) of its own, whose writing end only that worker holds: when it dies,
the build reads the end of its pipe instead of waiting.

The work goes out as chunks of jobs. A chunk whose worker died is sent again one job at a time,
each to a fresh worker, so that a job that kills its process costs that job only; a job whose
process dies a second time gets ``died(job, reason)`` as its result. A pool that cannot start a
process raises :class:`WorkerStartError`: the caller does the work itself.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

__all__ = ["Ticket", "WorkerPool", "WorkerStartError"]

J = TypeVar("J")
R = TypeVar("R")
_READY = "ready"
"""A worker's first message: it started (a process that dies before is no job's fault)."""
_FAILED_STARTS = 2
"""Workers in a row that die before they start: the pool gives up (the caller parses)."""
_REAP_SECONDS = 1.0
"""How long the stopped workers are given to end before they are killed."""


class WorkerStartError(Exception):
    """No worker process could be started (the caller does the work itself)."""


@dataclass(eq=False)
class Ticket(Generic[J, R]):
    """One chunk of jobs sent to the pool, and what came back."""

    jobs: Sequence[J]
    results: list[R] | None = None
    """One result per job, once a worker sent them."""
    parts: list[Ticket[J, R]] | None = None
    """The jobs sent again one at a time, after the chunk's worker died."""
    again: bool = False
    """Whether this is a job sent again: if its worker dies too, it gets its ``died`` result."""

    def done(self) -> bool:
        """Whether every job of the chunk has its result."""
        if self.parts is not None:
            return all(part.done() for part in self.parts)
        return self.results is not None

    def value(self) -> list[R]:
        """The results, in the order of the jobs (once :meth:`done`)."""
        if self.parts is not None:
            return [part.value()[0] for part in self.parts]
        if self.results is None:
            raise RuntimeError("the chunk's results are not there yet")
        return self.results


@dataclass(eq=False)
class _Worker(Generic[J, R]):
    process: BaseProcess
    connection: Connection
    ticket: Ticket[J, R] | None = None
    ready: bool = False
    """Whether it said it started (its first message)."""


def _serve(
    connection: Connection,
    function: Callable[[Sequence[J]], list[R]],
    initializer: Callable[[], None] | None,
) -> None:
    """A worker process: chunks in, their results out, until the pipe closes."""
    if initializer is not None:
        initializer()
    try:
        connection.send(_READY)
    except OSError:
        return
    while True:
        try:
            jobs = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(function(jobs))
        except OSError:  # the build stopped listening: nothing to say
            return


@dataclass(eq=False)
class WorkerPool(Generic[J, R]):
    """Up to ``size`` processes that run ``function`` on chunks of jobs (see the module).

    ``function`` and ``initializer`` must be module-level functions (they are sent to the
    processes by name); ``died(job, reason)`` is a job's result when its process died twice.
    A thread of the caller's process sends the chunks and takes the results as the workers
    finish them, so that a worker goes on to its next chunk while the caller does other work.
    """

    function: Callable[[Sequence[J]], list[R]]
    died: Callable[[J, str], R]
    size: int
    context: ForkServerContext | SpawnContext
    initializer: Callable[[], None] | None = None
    _queue: deque[Ticket[J, R]] = field(default_factory=deque, init=False)
    _workers: list[_Worker[J, R]] = field(default_factory=list, init=False)
    """Changed by the pump thread only."""
    _changed: threading.Condition = field(default_factory=threading.Condition, init=False)
    """Guards the queue, the tickets' results, ``_failure`` and ``_closed``."""
    _failure: WorkerStartError | None = field(default=None, init=False)
    _failed_starts: int = field(default=0, init=False)
    _closed: bool = field(default=False, init=False)
    _pump: threading.Thread | None = field(default=None, init=False)
    _wakeup: tuple[Connection, Connection] | None = field(default=None, init=False)
    """The pipe :meth:`_wake` writes to, which the pump thread waits on with the workers'."""

    def submit(self, jobs: Sequence[J]) -> Ticket[J, R]:
        """Send a chunk of jobs to a worker as soon as one is free."""
        ticket: Ticket[J, R] = Ticket(jobs)
        with self._changed:
            if self._failure is not None:
                raise self._failure
            self._queue.append(ticket)
        self._wake()
        return ticket

    def result(self, ticket: Ticket[J, R]) -> list[R]:
        """The results of ``ticket``'s jobs, waiting for them (the other chunks go on)."""
        with self._changed:
            while not ticket.done():
                if self._failure is not None:
                    raise self._failure
                self._changed.wait()
            return ticket.value()

    def close(self) -> None:
        """Stop the workers: the busy ones are terminated, and all are waited for (briefly)."""
        with self._changed:
            self._closed = True
            self._queue.clear()
        if self._pump is not None:
            self._wake()
            self._pump.join()
        if self._wakeup is not None:
            for end in self._wakeup:
                end.close()
            self._wakeup = None

    def _wake(self) -> None:
        """Have the pump thread look at the queue again (starting it the first time)."""
        if self._wakeup is None:
            self._wakeup = self.context.Pipe(duplex=False)
        if self._pump is None:
            self._pump = threading.Thread(
                target=self._run, args=(self._wakeup[0],), name="otsmaterials-workers", daemon=True
            )
            self._pump.start()
        self._wakeup[1].send_bytes(b"")  # drained at each wake: it never fills

    def _run(self, woken: Connection) -> None:
        """The pump thread: send chunks, take results, replace dead workers, until closed.

        ``woken``: the reading end of the pipe that :meth:`_wake` writes to.
        """
        try:
            while True:
                self._dispatch()
                with self._changed:
                    if self._closed:
                        return
                busy = [worker for worker in self._workers if worker.ticket is not None]
                waited = [w.connection for w in busy] + [w.process.sentinel for w in busy]
                ready = set(wait([*waited, woken]))
                while woken.poll():
                    woken.recv_bytes()
                for worker in busy:
                    if worker.connection in ready or worker.process.sentinel in ready:
                        self._receive(worker)
        except Exception as error:  # noqa: BLE001 - the callers parse the rest themselves
            failure = error if isinstance(error, WorkerStartError) else WorkerStartError(error)
            with self._changed:
                self._failure = failure
                self._changed.notify_all()
        finally:
            for worker in self._workers:
                if worker.ticket is not None:
                    worker.process.terminate()
                worker.connection.close()  # an idle worker reads the end of its pipe and ends
            self._reap()

    def _reap(self) -> None:
        """Wait for the stopped workers to end (killing one that does not within a second).

        A worker that outlived the process that started it would be left to the system's first
        process, which in some containers never reaps it: a zombie in the command's process
        group for as long as the container runs.
        """
        deadline = time.monotonic() + _REAP_SECONDS
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.exitcode is None:
                worker.process.kill()
                worker.process.join(_REAP_SECONDS)
        self._workers.clear()

    def _dispatch(self) -> None:
        """Give queued chunks to idle workers, starting workers up to ``size``."""
        while True:
            for gone in [w for w in self._workers if w.ticket is None and not w.process.is_alive()]:
                gone.connection.close()  # died while idle: nothing of ours was in it
                self._workers.remove(gone)
            worker = next((w for w in self._workers if w.ticket is None), None)
            with self._changed:
                if not self._queue or self._closed:
                    return
            if worker is None:
                if len(self._workers) >= self.size:
                    return
                worker = self._start()
            with self._changed:
                if not self._queue:
                    return
                ticket = worker.ticket = self._queue.popleft()
            with suppress(OSError):  # it died before it read them: the next wait finds it dead
                worker.connection.send(ticket.jobs)

    def _start(self) -> _Worker[J, R]:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(theirs, self.function, self.initializer), daemon=True
        )
        try:
            process.start()
        except (OSError, EOFError, ValueError) as error:
            ours.close()
            raise WorkerStartError(f"cannot start a worker process: {error}") from error
        finally:
            theirs.close()  # the worker holds the only writing end: its death closes the pipe
        worker: _Worker[J, R] = _Worker(process, ours)
        self._workers.append(worker)
        return worker

    def _receive(self, worker: _Worker[J, R]) -> None:
        ticket = worker.ticket
        if ticket is None:
            return
        try:
            # A partial message ends when its writer dies: recv raises then, never waits on.
            results = worker.connection.recv()
        except (EOFError, OSError):
            self._lost(worker, ticket)
            return
        if not worker.ready:  # its first message: it started, the chunk is on its way
            worker.ready = True
            self._failed_starts = 0
            return
        worker.ticket = None
        with self._changed:
            ticket.results = results
            self._changed.notify_all()

    def _lost(self, worker: _Worker[J, R], ticket: Ticket[J, R]) -> None:
        """``worker`` died with ``ticket``: its jobs go out again, one by one (see the module)."""
        worker.connection.close()
        if worker.process.is_alive():  # its pipe broke, yet it runs: it is of no more use
            worker.process.terminate()
        worker.process.join(timeout=1.0)
        self._workers.remove(worker)
        code = worker.process.exitcode
        reason = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
        if not worker.ready:  # it died as it started (a script without a __main__ guard…)
            self._failed_starts += 1
            if self._failed_starts >= _FAILED_STARTS:
                raise WorkerStartError(f"the worker processes end as they start ({reason})")
            with self._changed:
                self._queue.appendleft(ticket)
            return
        with self._changed:
            if ticket.again:
                ticket.results = [self.died(ticket.jobs[0], reason)]
            elif len(ticket.jobs) == 1:
                ticket.again = True
                self._queue.appendleft(ticket)
            else:
                ticket.parts = [Ticket([job], again=True) for job in ticket.jobs]
                self._queue.extendleft(reversed(ticket.parts))
            self._changed.notify_all()
