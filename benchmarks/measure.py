"""What the benchmarks share: how they time and trace a job, and the lines their reports end with.

Timing: ``best_of`` runs a job once to warm up, then times ``runs`` runs, each after a
``gc.collect()``, by ``time.perf_counter`` (its result is freed after the clock stops);
``peak_bytes`` traces one more run of its own with ``tracemalloc`` (tracing slows the code
down, so it is never in a timed run). ``in_fresh_process`` calls a function in a new Python
process and reads the JSON it prints: a cold run, or ``command_usage``, the wall time and peak
RSS of a command started by that small process (Linux gives a child the peak RSS of the
process that started it as a floor, so it must not be a benchmark holding its input).

Reports: a table of a label and columns (``table``), the goals as PASS/FAIL (``goals_line``),
the spread of the timed runs (``runs_line``) and the machine (``environment``).

Run as a script, a benchmark's own folder comes first on ``sys.path``: ``benchmarks.*`` would
not import, and ``benchmarks/numbers.py`` would hide the standard library's ``numbers`` module
from anything importing it (``decimal``, ``statistics``, ``fractions``). So every benchmark
starts, before its other imports, with::

    if __name__ == "__main__":  # run as a script: the repository root first (benchmarks/measure.py)
        sys.path[0] = str(Path(__file__).resolve().parent.parent)

and no module here is named after one of the standard library's.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from math import ceil
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
KIB = 1024

T = TypeVar("T")


# --- timing and memory ------------------------------------------------------------------------


@dataclass(frozen=True)
class Timed:
    seconds: tuple[float, ...]  # each timed run

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return median(self.seconds)


def seconds_of(work: Callable[[], object]) -> float:
    """Seconds one run of ``work`` takes, after a ``gc.collect()``; its result is freed after the clock."""
    gc.collect()
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    del result
    return seconds


def timed_runs(
    work: Callable[[], object], runs: int, prepare: Callable[[], None] | None = None
) -> tuple[float, ...]:
    """The seconds of ``runs`` runs of ``work``; ``prepare`` runs untimed before each."""
    seconds = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        seconds.append(seconds_of(work))
    return tuple(seconds)


def best_of(work: Callable[[], object], runs: int, prepare: Callable[[], None] | None = None) -> Timed:
    """Run ``work`` once to warm up, then time ``runs`` runs; ``prepare`` runs untimed before each."""
    timed_runs(work, 1, prepare)
    return Timed(timed_runs(work, runs, prepare))


def peak_bytes(work: Callable[[], T]) -> tuple[int, T]:
    """Python's peak allocation while ``work`` runs, traced in a run of its own, and its result."""
    gc.collect()
    tracemalloc.start()
    try:
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


def in_fresh_process(function: str, *arguments: str) -> dict[str, Any]:
    """Call ``function`` (``module:name``) with ``arguments`` in a new Python process; the JSON it prints.

    The process runs in the repository root, so ``benchmarks.*`` imports and nothing hides the
    standard library.
    """
    module, name = function.split(":")
    code = f"import sys; from {module} import {name}; {name}(sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments], cwd=ROOT, capture_output=True, text=True, check=True
    )
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def command_usage(arguments: list[str]) -> None:
    """In a fresh process: run ``arguments[1:]``, print its wall time, peak RSS and exit status as JSON.

    Its standard output goes to the file ``arguments[0]``; the last of its standard error is in
    the JSON. Started by ``in_fresh_process``, this process is small, so the child's peak RSS is
    its own.
    """
    output, argv = arguments[0], arguments[1:]
    with open(output, "wb") as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=ROOT, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")[-2000:]
    report = {"seconds": seconds, "max_rss_kib": usage.ru_maxrss, "returncode": child.returncode}
    print(json.dumps(report | {"stderr": errors}))


def median(values: Sequence[float]) -> float:
    """The median of timed runs. Not statistics.median: it imports decimal, fractions and random, and
    the small processes ``in_fresh_process`` starts import this module."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def nearest_rank(samples: Sequence[float], share: float) -> float:
    """The percentile ``share`` (0.95 for p95) of ``samples`` by nearest rank."""
    ordered = sorted(samples)
    return ordered[ceil(share * len(ordered)) - 1]


# --- report lines -----------------------------------------------------------------------------


def spread(seconds: Sequence[float]) -> str:
    """The fastest and slowest of timed runs, as the reports print them."""
    return f"{min(seconds):.3f}-{max(seconds):.3f}" if len(seconds) > 1 else f"{seconds[0]:.3f}"


def ratio(baseline: float, ours: float) -> str:
    """How many times the baseline's figure ours is: ``12.3x``."""
    return f"{baseline / ours:.1f}x"


def verdict(met: bool) -> str:
    return "PASS" if met else "FAIL"


def table(rows: Iterable[Sequence[str]], label_width: int, column_width: int = 12) -> list[str]:
    """A label and its columns a row (three in most reports), left-aligned, no trailing spaces."""
    return [
        (f"{label:<{label_width}}" + "".join(f"{cell:<{column_width}}" for cell in cells)).rstrip()
        for label, *cells in rows
    ]


def goals_line(goals: Iterable[tuple[str, bool]], heading: str = "goals") -> str:
    """``goals: <goal>: PASS; <goal>: FAIL``."""
    return f"{heading}: " + "; ".join(f"{goal}: {verdict(met)}" for goal, met in goals)


def runs_line(runs: Iterable[tuple[str, Sequence[float]]]) -> str:
    """``runs s: <name> <fastest>-<slowest>; ...`` for each named series of timed runs."""
    return "runs s: " + "; ".join(f"{name} {spread(seconds)}" for name, seconds in runs)


def load_average(values: Sequence[float] | None = None, places: int = 1, separator: str = ", ") -> str:
    """The load average over 1, 5 and 15 minutes (now, unless ``values``): the machine's other work."""
    return separator.join(f"{value:.{places}f}" for value in (values or os.getloadavg()))


def environment(*packages: str, notes: Mapping[str, str] | None = None, load: bool = False) -> str:
    """``python 3.11.7, <package> <version> (<note>), 2 CPUs[, load average ...], <platform>``."""
    parts = [f"python {platform.python_version()}"]
    for package in packages:
        note = (notes or {}).get(package)
        parts.append(f"{package} {version(package)}" + (f" ({note})" if note else ""))
    parts.append(f"{os.cpu_count()} CPUs")
    if load:
        parts.append(f"load average {load_average()}")
    parts.append(platform.platform(terse=True))
    return ", ".join(parts)


def print_report(report: str) -> int:
    """Print a benchmark's report; the exit status, 0: a benchmark is a report, not a test."""
    print(report, flush=True)
    return 0
