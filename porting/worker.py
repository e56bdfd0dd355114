"""A small pool of worker processes for the expensive reading of uploads, within time and memory.

Reading a hostile upload (a PDF whose pages share one content stream of empty text runs, a
spreadsheet of millions of rows) can keep a reader busy for minutes and take gigabytes. In the
server's own process that would hold the interpreter lock and slow every other visitor, and a
failed allocation would take the whole server down. So PDF text, spreadsheets and image decoding
are read here, in separate processes, each job within limits:

* a time limit: an interval timer in the worker stops the job when its seconds are up (the job
  gets ``OverLimit`` at once), ``RLIMIT_CPU`` kills the worker if the timer cannot interrupt it
  (a long loop in C), and the caller stops waiting and kills the worker if no answer comes;
* a memory limit: ``RLIMIT_AS`` caps the worker's address space, so an allocation too large fails
  with ``MemoryError`` in the worker (or kills it), never in the server.

The pool holds ``WORKERS`` processes, started when first needed and reused; a worker that a job
broke (killed, out of memory, past its time) is replaced by a new one for the next job. Each
worker runs one job at a time, so a bad file costs only the session that sent it. Jobs are
module-level functions; what they take and give back is plain picklable data.

>>> run(len, b"four")
4
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
import types
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, ProcessPoolExecutor, TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from types import FrameType
from typing import Any, TypeVar

# Two workers: the server has few cores, and a second one lets another visitor's upload be read
# while a slow file keeps the first busy.
WORKERS = 2
# A worker with Python, pypdf and Pillow loaded maps about 65 MB (openpyxl, and the numpy it
# imports, took that to 190 MB until XLSX files were read by expat); 512 MB leaves about 445 MB
# for one job: a 600 dpi scan of an A4 page decodes into about 105 MB.
MEMORY_LIMIT_BYTES = 512 * 1024 * 1024
# The seconds a job gets unless its caller says otherwise: a real invoice reads in a tenth of that.
DEFAULT_SECONDS = 1.5
# Beyond a job's own seconds: for passing its data to the worker and back (10 MB each way), and
# for the kernel's whole-second CPU limit, which only stops a job the timer could not interrupt.
_ANSWER_GRACE_SECONDS = 2.0
# Starting a worker imports the reading libraries: well under a second, more on a busy machine.
_START_SECONDS = 60.0
# Modules the workers import once in the fork server, so a replacement worker starts at once.
_PRELOAD = ["porting.documents.reading", "porting.numbers.sheets"]

Result = TypeVar("Result")


class OverLimit(Exception):
    """The job took longer than its seconds or more memory than a worker may have."""


class _OutOfTime(BaseException):
    """Raised in a worker when a job's seconds are up. A ``BaseException``: the readers' own
    ``except Exception`` (pypdf skips a page that fails) must not swallow it."""


class _Worker:
    """One worker process (a pool of one), started on first use."""

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.pid = 0

    def started(self) -> ProcessPoolExecutor:
        if self.executor is None:
            executor = ProcessPoolExecutor(1, mp_context=_context(), initializer=_limit_memory)
            with _bare_main():  # the process starts in submit
                started = executor.submit(os.getpid)
            self.pid = started.result(timeout=_START_SECONDS)
            self.executor = executor
        return self.executor

    def replace(self) -> None:
        """Stop this worker, whatever it is doing; the next job starts a new one."""
        executor, pid = self.executor, self.pid
        self.executor, self.pid = None, 0
        if executor is None:
            return
        executor.shutdown(wait=False, cancel_futures=True)
        with contextlib.suppress(ProcessLookupError):  # it died already, as RLIMIT_CPU kills it
            os.kill(pid, signal.SIGKILL)


_idle: queue.Queue[_Worker] = queue.Queue()
for _ in range(WORKERS):
    _idle.put(_Worker())


def run(job: Callable[..., Result], *args: Any, seconds: float = DEFAULT_SECONDS) -> Result:
    """``job(*args)`` in a worker, within ``seconds`` and the worker's memory; raises ``OverLimit``.

    Waiting for a free worker and starting one do not count against the job's seconds.
    """
    try:
        worker = _idle.get(timeout=_START_SECONDS)
    except queue.Empty:
        raise OverLimit("every worker is busy") from None
    try:
        future = worker.started().submit(_supervised, job, args, seconds)
        outcome = future.result(timeout=seconds + _ANSWER_GRACE_SECONDS)
    except (FutureTimeout, BrokenProcessPool, CancelledError) as error:
        worker.replace()
        raise OverLimit(type(error).__name__) from None
    finally:
        _idle.put(worker)
    if isinstance(outcome, _Stopped):
        raise OverLimit(outcome.why)
    for category, message in outcome.warnings:  # as if the job had run here
        warnings.warn(message, category, stacklevel=2)
    return outcome.value  # type: ignore[no-any-return]


def warm_up() -> None:
    """Start every worker now rather than at the first upload."""
    workers = [_idle.get(timeout=_START_SECONDS) for _ in range(WORKERS)]
    try:
        for worker in workers:
            worker.started()
    finally:
        for worker in workers:
            _idle.put(worker)


_main_swap = threading.Lock()


@contextlib.contextmanager
def _bare_main() -> Iterator[None]:
    """An empty ``__main__`` while a worker starts. multiprocessing imports the starter's
    ``__main__`` in each new process; under Streamlit that is the page script being run, which
    must not run again in a worker (and cannot be found there)."""
    with _main_swap:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def _context() -> multiprocessing.context.BaseContext:
    """A fork server where there is one: it starts clean (the server is multithreaded, so forking
    the server itself is unsafe) and hands out replacement workers in milliseconds."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


# --- In the worker ---------------------------------------------------------------------------


class _Answer:
    """A job's result, with the warnings it gave (Pillow warns of pictures near its limit)."""

    def __init__(self, value: Any, given: list[warnings.WarningMessage]) -> None:
        self.value = value
        self.warnings = [(warning.category, str(warning.message)) for warning in given]


class _Stopped:
    """What a worker answers for a job it stopped: ``time`` or ``memory``."""

    def __init__(self, why: str) -> None:
        self.why = why


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def _out_of_time(signum: int, frame: FrameType | None) -> None:
    raise _OutOfTime


def _supervised(job: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> _Answer | _Stopped:
    # RLIMIT_CPU counts the worker's whole life: the job may use what it has used so far and more.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(used + seconds) + 1, hard))
    previous = signal.signal(signal.SIGALRM, _out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        with warnings.catch_warnings(record=True) as given:
            warnings.simplefilter("always")
            value = job(*args)
        return _Answer(value, given)
    except _OutOfTime:
        return _Stopped("time")
    except MemoryError:
        return _Stopped("memory")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
