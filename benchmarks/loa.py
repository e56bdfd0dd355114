"""Benchmark: the Letter of Authorization for 1,000 and 10,000 numbers, against reportlab's own splitting.

Input: distinct portable Norwegian numbers, 1,000 and 10,000 of them, made deterministically
with ``random.Random(2026)`` from the series of ``benchmarks/written_numbers.py`` (geographic,
toll-free 800 and national 850-855, in the shares that file draws them), written as eight digits
one a line and read with ``porting.numbers.intake.read_numbers`` outside the timing; every row is checked to
be portable and no repeat. The company is a ``CompanyDetails`` with every field filled, as a
customer who has finished the company step has it.

What is compared, for each count, in the same run:

* Engine: ``porting.letter.loa.build_loa``, the bilingual letter as the app and ``python -m porting
  loa`` make it: details, authorization, the number table cut by ``porting.pdf.table`` into
  one reportlab ``Table`` per page (row heights known beforehand, a page's rows found by
  bisection), the signature block with its AcroForm fields, ``page N of M`` on every page.
* Baseline: the straightforward reportlab way, in ``benchmarks/baseline_loa.py``: a
  ``SimpleDocTemplate`` with the title and ONE ``Table(rows, repeatRows=1)`` of all numbers
  (number, type, area: the letter's columns but the index, its widths, DejaVu Sans and table
  style), which reportlab splits across pages itself, re-measuring every row still left at each
  page; the footer says ``page N`` (``of M`` would need a second pass). It draws less than the
  letter, no details, authorization or signature, so the comparison favours it.

Measured: wall time by ``time.perf_counter``, the best of ``--runs`` runs (default 3) after one
warm-up run, as in the long-running app (fonts registered, template and caches loaded); one
cold run in a fresh Python process (``_cold_run``), from before the first import of ``porting``
or reportlab to the PDF bytes: imports, font loading, reading the numbers and building (the
bytecode caches are warm); peak memory by ``tracemalloc``, in one more run of its own (Python's
allocations, the PDF included); the file size, and the page count by pypdf. Outside the timing,
the last page of each PDF is checked to show the last number.

The report ends with the goals: the engine under 1 s for 1,000 numbers and under 5 s for 10,000
(best warm run). It always exits 0: it is a report, not a test (a measurement that went wrong
raises instead of reporting).

    python benchmarks/loa.py [--runs R] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the repository root first (benchmarks/measure.py)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import io
import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from benchmarks.baseline_loa import baseline_loa
from benchmarks.measure import (
    KIB,
    MIB,
    Timed,
    environment,
    goals_line,
    in_fresh_process,
    peak_bytes,
    print_report,
    ratio,
    runs_line,
    table,
    timed_runs,
)
from benchmarks.written_numbers import GEOGRAPHIC, KIND_WEIGHTS, KINDS, NATIONAL, TOLL_FREE

if TYPE_CHECKING:
    from porting.company.details import CompanyDetails
    from porting.numbers.intake import NumberResult

SEED = 2026
COUNTS = (1_000, 10_000)
QUICK_COUNTS = (1_000,)
RUNS = 3
QUICK_RUNS = 1
GOAL_SECONDS = {1_000: 1.0, 10_000: 5.0}  # the engine's best warm run, by count
TODAY = date(2027, 3, 1)
PLACE = "Ålesund"
# The company as the company step leaves it: every field filled (CompanyDetails' fields).
DETAILS: dict[str, Any] = {
    "org_number": "974760673",
    "company_name": "Fjordtelefon Nordvest AS",
    "address": "Strandkaien 8",
    "postcode": "6002",
    "city": "Ålesund",
    "signatory_name": "Ingrid Sæther",
    "signatory_title": "Økonomisjef",
    "email": "ingrid.saether@fjordtelefon.no",
    "phone": "+47 70 12 34 56",
    "current_provider": "Telenor Norge AS",
    "account_number": "5512 3456 78",
    "requested_date": date(2027, 4, 15),
}
PORTABLE_KINDS = ("geographic", "toll_free", "national")

Job = Callable[["CompanyDetails", Sequence["NumberResult"]], bytes]


# --- input ------------------------------------------------------------------------------------


def generate(count: int, seed: int = SEED) -> str:
    """``count`` distinct portable numbers, eight digits one a line, the same for the same seed."""
    series = {"geographic": GEOGRAPHIC, "toll_free": TOLL_FREE, "national": NATIONAL}
    shares = dict(zip(KINDS, KIND_WEIGHTS, strict=True))
    weights = [shares[kind] for kind in PORTABLE_KINDS]
    rng = random.Random(seed)
    numbers: dict[str, None] = {}  # a dict keeps the order they were drawn in
    while len(numbers) < count:
        prefix = rng.choice(series[rng.choices(PORTABLE_KINDS, weights)[0]])
        rest = 8 - len(prefix)
        numbers[prefix + f"{rng.randrange(10**rest):0{rest}d}"] = None
    return "\n".join(numbers) + "\n"


def company() -> CompanyDetails:
    from porting.company.details import CompanyDetails

    return CompanyDetails(**DETAILS)


def read(text: str, count: int) -> tuple[NumberResult, ...]:
    """The rows of ``text``, checked to be ``count`` distinct portable numbers."""
    from porting.numbers.intake import read_numbers

    rows = read_numbers(text).rows
    listed = sum(1 for row in rows if row.portable and row.duplicate_of is None)
    if len(rows) != count or listed != count:
        raise AssertionError(f"{len(rows):,} rows, {listed:,} distinct portable, for {count:,} numbers")
    return rows


# --- the two ways to make the letter -----------------------------------------------------------


def engine_loa(details: CompanyDetails, rows: Sequence[NumberResult]) -> bytes:
    """The letter as the app makes it."""
    from porting.letter.loa import build_loa

    return build_loa(details, rows, today=TODAY, place=PLACE)


JOBS: dict[str, Job] = {"engine": engine_loa, "baseline": baseline_loa}


# --- measuring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured(Timed):
    """One way of making the letter, for one count: ``seconds`` of each timed warm run."""

    cold: float  # seconds in a fresh process, imports included
    peak_bytes: int
    size: int  # bytes of the PDF
    pages: int


def measure(side: str, count: int, text: str, runs: int) -> Measured:
    """Warm-up, ``runs`` timed runs, a traced run, then a cold run in a fresh process."""
    job, details, rows = JOBS[side], company(), read(text, count)
    pdf = job(details, rows)  # the warm-up
    pages = _check_pdf(f"{side}, {count:,} numbers", pdf, rows[-1].display)
    seconds = timed_runs(lambda: job(details, rows), runs)
    peak, _ = peak_bytes(lambda: job(details, rows))
    return Measured(seconds, _cold(side, count, len(pdf)), peak, len(pdf), pages)


def _check_pdf(what: str, pdf: bytes, last_number: str) -> int:
    """The PDF's page count, once its last page is seen to show the last number."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf)).pages
    if last_number not in pages[-1].extract_text():
        raise AssertionError(f"{what}: the last page does not show the last number, {last_number}")
    return len(pages)


def _cold(side: str, count: int, size: int) -> float:
    """Seconds ``side`` takes for ``count`` numbers in a fresh process, imports and fonts included."""
    report = in_fresh_process("benchmarks.loa:_cold_run", side, str(count))
    if report["size"] != size:
        raise AssertionError(f"{side}: {report['size']:,} bytes cold, {size:,} warm")
    return float(report["seconds"])


def _cold_run(arguments: list[str]) -> None:
    """In a fresh process: make the letter once, print its seconds and size as JSON.

    The input is generated before the clock starts (the standard library only); the clock then
    runs through the imports of porting and reportlab, the fonts, reading and building.
    """
    side, count = arguments[0], int(arguments[1])
    text = generate(count)
    early = sorted(name for name in sys.modules if name.partition(".")[0] in ("porting", "reportlab"))
    if early:
        raise AssertionError(f"imported before the clock: {', '.join(early)}")
    start = time.perf_counter()
    pdf = JOBS[side](company(), read(text, count))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "size": len(pdf)}))


# --- report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    counts: tuple[int, ...]
    runs: int


def run(settings: Settings) -> str:
    """Run every measurement and return the report."""
    results = {}
    for count in settings.counts:
        text = generate(count)
        results[count] = {side: measure(side, count, text, settings.runs) for side in JOBS}
    return report(settings, results)


def report(settings: Settings, results: dict[int, dict[str, Measured]]) -> str:
    rows = [("", "engine", "baseline", "ratio")]
    for count, sides in results.items():
        engine, baseline = sides["engine"], sides["baseline"]
        name = f"{count:,} numbers:"
        rows += [
            (
                f"{name} best s",
                f"{engine.best:.3f}",
                f"{baseline.best:.3f}",
                ratio(baseline.best, engine.best),
            ),
            (
                f"{name} cold s",
                f"{engine.cold:.3f}",
                f"{baseline.cold:.3f}",
                ratio(baseline.cold, engine.cold),
            ),
            (
                f"{name} peak MiB",
                f"{engine.peak_bytes / MIB:.1f}",
                f"{baseline.peak_bytes / MIB:.1f}",
                ratio(baseline.peak_bytes, engine.peak_bytes),
            ),
            (f"{name} file KiB", f"{engine.size / KIB:,.0f}", f"{baseline.size / KIB:,.0f}", ""),
            (f"{name} pages", f"{engine.pages:,}", f"{baseline.pages:,}", ""),
        ]
    goals = [
        (f"engine {count:,} numbers < {goal:g} s", results[count]["engine"].best < goal)
        for count, goal in GOAL_SECONDS.items()
        if count in results
    ]
    lines = [f"benchmark: Letter of Authorization (nb + en), {_counts(settings.counts)} portable numbers"]
    lines += table(rows, 28)
    lines.append(goals_line(goals))
    lines.append("")
    lines.append(
        f"method: best of {settings.runs} after 1 warm-up; cold = 1 run in a fresh process from before "
        "the first import of porting or reportlab (imports, fonts, reading, building); peak by "
        "tracemalloc in a separate run; pages by pypdf; baseline = SimpleDocTemplate + one "
        "Table(repeatRows=1) split by reportlab, footer 'page N'; ratio = baseline / engine"
    )
    lines.append(
        runs_line(
            (f"{side} {count:,}", measured.seconds)
            for count, sides in results.items()
            for side, measured in sides.items()
        )
    )
    lines.append(environment("reportlab", "pypdf", notes={"reportlab": _accelerator()}))
    return "\n".join(lines)


def _counts(counts: Sequence[int]) -> str:
    return " and ".join(f"{count:,}" for count in counts)


def _accelerator() -> str:
    """Whether reportlab has its C accelerator (the rl_accel package), or runs its Python fallbacks."""
    from importlib.util import find_spec

    return "C accelerator rl_accel" if find_spec("_rl_accel") else "no C accelerator: Python fallbacks"


def _settings(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/loa.py",
        description="Time the Letter of Authorization against one reportlab Table split by reportlab.",
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="R",
        help=f"timed runs after a warm-up, each side and count (default {RUNS})",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"smoke test: {_counts(QUICK_COUNTS)} numbers, {QUICK_RUNS} run"
    )
    arguments = parser.parse_args(argv)
    runs = arguments.runs
    if runs is None:
        runs = QUICK_RUNS if arguments.quick else RUNS
    if runs < 1:
        parser.error("--runs must be at least 1")
    return Settings(QUICK_COUNTS if arguments.quick else COUNTS, runs)


def main(argv: Sequence[str] | None = None) -> int:
    return print_report(run(_settings(argv)))


if __name__ == "__main__":
    sys.exit(main())
