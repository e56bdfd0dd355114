"""Benchmark: the live quote, in-process and as a page rerun, each against a baseline in the same run.

Input: the numbers of ``benchmarks/numbers.py`` (``benchmarks/written_numbers.py``:
Norwegian numbers in eight written forms, about 10% repeats, fixed seed), ``--numbers``
(default 100,000) for the in-process part and ``--page-numbers`` (default 10,000) for the
page. The generator draws in order, so the page's numbers are the first lines of the
in-process ones.

What is compared:

* In-process, the quote for the whole text. Engine: ``read_numbers(text)``, then
  ``quote(reading)`` (one request, provider 0), then ``timeline(date(2027, 3, 19))``.
  Baseline (``benchmarks/baseline_quote.py``): the same price from phonenumbers, one number
  at a time: ``benchmarks.baseline_check.check_text(text)``, then the distinct E.164 numbers
  it finds portable are counted and priced as one request, EUR 30.00 + EUR 5.00 per number
  (the baseline has no timeline; the engine's takes well under a millisecond). Also timed on
  their own: ``quote`` on a freshly read reading (read outside the timing, so the reading's
  cached properties, unique and portable rows, are computed inside it), ``quote`` again on
  the same reading (as every rerun of the page does), and the baseline's count and price
  on rows already checked. Time: ``time.perf_counter``, the best of ``--runs`` runs
  (default 5) after one warm-up run. Peak memory: ``tracemalloc``, in one more run of its
  own; it counts the Python allocations of the whole job, result included. Outside the
  timing, both totals are checked to be of the same order and printed with their
  difference, and the numbers only the engine prices are named by written form and
  leading digits: phonenumbers reads the ``(0)`` of ``+47 (0) 21234567`` as a digit and
  calls the 54 and 65 series invalid, so the baseline prices about a sixth fewer numbers.
* The whole page, rerun with ``--page-numbers`` numbers pasted, through Streamlit's
  ``AppTest`` on ``app.py`` (it runs the script in this process, without a browser, so the
  time is the script's: reading, summary, table, quote, timeline chart and the elements it
  builds). The first run with the numbers pasted is timed once (Streamlit's caches are
  cold for that input); then ``--runs`` reruns with nothing changed (warm: the reading, the
  summary and the table come from ``st.cache_resource`` and ``st.cache_data`` in
  ``ui/__init__.py``), reported as median and max. The baseline is the same rerun with
  ``st.cache_data.clear()`` and ``st.cache_resource.clear()`` before each run, to show
  what the caching saves (the engine's own memo of number heads is not cleared). After
  every run, outside the timing, the page must have raised no exception and must show the
  total metric (``quote.metric_total``) with the engine's total for those numbers.

The report ends with the goal: a warm page rerun (median) under 1 s. It always exits 0: it
is a report, not a test (a measurement that went wrong raises instead of reporting).

    python benchmarks/quote.py [--numbers N] [--page-numbers M] [--runs R] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the repository root first (benchmarks/measure.py)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from benchmarks.baseline_check import check_text
from benchmarks.baseline_quote import (
    Difference,
    baseline_job,
    baseline_portable,
    baseline_price,
    compare_numbers,
    difference_line,
)
from benchmarks.measure import (
    MIB,
    ROOT,
    Timed,
    best_of,
    environment,
    goals_line,
    median,
    peak_bytes,
    print_report,
    ratio,
    runs_line,
    seconds_of,
    table,
)
from benchmarks.written_numbers import Input, generate

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

    from porting.numbers.intake import Reading

DEFAULT_NUMBERS = 100_000
DEFAULT_PAGE_NUMBERS = 10_000
QUICK_NUMBERS = 10_000
QUICK_PAGE_NUMBERS = 2_000
RUNS = 5
QUICK_RUNS = 2
START = date(2027, 3, 19)  # a Friday before Easter: the timeline crosses three holidays
SAME_ORDER = 2.0  # the larger total at most this many times the smaller
GOAL_PAGE_SECONDS = 1.0
PAGE_TIMEOUT = 60  # seconds AppTest lets one run take


# --- in-process -------------------------------------------------------------------------------


def engine_job(text: str) -> int:
    """The engine's quote for ``text``: read, price and plan; returns the total in cents."""
    from porting.numbers.intake import read_numbers
    from porting.quote.pricing import quote
    from porting.quote.timeline import timeline

    reading = read_numbers(text)
    offer = quote(reading)
    timeline(START)
    return offer.total_cents


@dataclass(frozen=True)
class InProcess:
    engine: Timed  # read + quote + timeline
    baseline: Timed  # check_text + count + price
    engine_quote: Timed  # quote on a freshly read reading
    engine_quote_again: Timed  # quote on a reading quoted before
    baseline_quote: Timed  # count + price on rows already checked
    engine_timeline: Timed
    engine_peak: int
    baseline_peak: int
    engine_total: int  # cents
    engine_portable: int
    engine_requests: int
    baseline_total: int  # cents
    baseline_portable: int
    difference: Difference


def measure_in_process(data: Input, runs: int) -> InProcess:
    from porting.numbers.intake import read_numbers
    from porting.quote.pricing import quote
    from porting.quote.timeline import timeline

    text = data.text
    engine = best_of(lambda: engine_job(text), runs)
    baseline = best_of(lambda: baseline_job(text), runs)

    readings: list[Reading] = []

    def fresh_reading() -> None:
        readings[:] = [read_numbers(text)]

    engine_quote = best_of(lambda: quote(readings[0]), runs, prepare=fresh_reading)
    reading = readings[0]
    engine_quote_again = best_of(lambda: quote(reading), runs)
    rows = check_text(text)
    baseline_quote = best_of(lambda: baseline_price(rows), runs)
    engine_timeline = best_of(lambda: timeline(START), runs)

    offer = quote(reading)
    baseline_total = baseline_price(rows)
    engine_peak, engine_total = peak_bytes(lambda: engine_job(text))
    baseline_peak, baseline_again = peak_bytes(lambda: baseline_job(text))
    if engine_total != offer.total_cents or baseline_again != baseline_total:
        raise AssertionError("a job gave another total when traced than when timed")
    smaller, larger = sorted((engine_total, baseline_total))
    if smaller <= 0 or larger > smaller * SAME_ORDER:
        raise AssertionError(
            f"totals not of the same order: engine {engine_total / 100:,.2f}, "
            f"baseline {baseline_total / 100:,.2f}"
        )
    return InProcess(
        engine=engine,
        baseline=baseline,
        engine_quote=engine_quote,
        engine_quote_again=engine_quote_again,
        baseline_quote=baseline_quote,
        engine_timeline=engine_timeline,
        engine_peak=engine_peak,
        baseline_peak=baseline_peak,
        engine_total=engine_total,
        engine_portable=offer.portable_numbers,
        engine_requests=len(offer.requests),
        baseline_total=baseline_total,
        baseline_portable=baseline_portable(rows),
        difference=compare_numbers(reading, rows, data),
    )


# --- page -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    first: float  # the first run with the numbers pasted
    warm: tuple[float, ...]  # reruns with nothing changed
    cleared: tuple[float, ...]  # the same reruns, Streamlit's caches cleared before each
    total: str  # the total metric as the page shows it


def measure_page(text: str, runs: int) -> Page:
    """Paste ``text`` into the numbers page and time its reruns, warm and with the caches cleared."""
    import streamlit as st
    from streamlit import config
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    from porting.i18n import DEFAULT_LANGUAGE, format_money
    from porting.numbers.intake import read_numbers
    from porting.quote.pricing import quote

    # AppTest runs outside a server, and Streamlit warns of that on every run and cache clear.
    # Each run parses the config again and sets the log level from it: set both.
    config.set_option("logger.level", "error")
    set_log_level("error")
    offer = quote(read_numbers(text))
    expected = format_money(offer.total_cents, offer.currency, DEFAULT_LANGUAGE)  # as t() reads it

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=PAGE_TIMEOUT)
    app.run()
    _check_page(app, None)
    first = seconds_of(lambda: app.text_area[0].input(text).run())
    _check_page(app, expected)
    warm = []
    for _ in range(runs):
        warm.append(seconds_of(app.run))
        _check_page(app, expected)
    cleared = []
    for _ in range(runs):
        st.cache_data.clear()
        st.cache_resource.clear()
        cleared.append(seconds_of(app.run))
        _check_page(app, expected)
    return Page(first, tuple(warm), tuple(cleared), expected)


def _check_page(app: AppTest, total: str | None) -> None:
    """No exception on the page; with ``total``, the total metric shows it."""
    from porting.i18n import t

    if app.exception:
        raise AssertionError(f"the page raised: {app.exception[0].value}")
    if total is None:
        return
    label = t("quote.metric_total")
    shown = [metric.value for metric in app.metric if metric.label == label]
    if shown != [total]:
        raise AssertionError(f"the page shows {label!r} as {shown}, expected [{total!r}]")


# --- report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    numbers: int
    page_numbers: int
    runs: int


def run(settings: Settings) -> str:
    """Run every measurement and return the report."""
    in_process = measure_in_process(generate(settings.numbers), settings.runs)
    page = measure_page(generate(settings.page_numbers).text, settings.runs)
    return report(settings, in_process, page)


def report(settings: Settings, measured: InProcess, page: Page) -> str:
    count, page_count = settings.numbers, settings.page_numbers
    warm, cleared = median(page.warm), median(page.cleared)
    rows = [
        ("", "engine", "baseline", "ratio"),
        (
            f"quote {count:,}: read+quote+timeline s",
            f"{measured.engine.best:.3f}",
            f"{measured.baseline.best:.3f}",
            ratio(measured.baseline.best, measured.engine.best),
        ),
        ("quote alone s (fresh reading)", f"{measured.engine_quote.best:.4f}", "", ""),
        (
            "quote again s (same reading)",
            f"{measured.engine_quote_again.best:.4f}",
            f"{measured.baseline_quote.best:.4f}",
            "",
        ),
        ("timeline alone ms", f"{measured.engine_timeline.best * 1e3:.3f}", "", ""),
        (
            "peak MiB (whole quote)",
            f"{measured.engine_peak / MIB:.1f}",
            f"{measured.baseline_peak / MIB:.1f}",
            "",
        ),
        (f"page, {page_count:,} numbers: first run s", f"{page.first:.3f}", "", ""),
        (
            "page rerun s (median/max)",
            f"{warm:.3f}/{max(page.warm):.3f}",
            f"{cleared:.3f}/{max(page.cleared):.3f}",
            ratio(cleared, warm),
        ),
    ]
    goals = [(f"page rerun (warm, median) < {GOAL_PAGE_SECONDS:g} s", warm < GOAL_PAGE_SECONDS)]
    lines = [f"benchmark: quote and page, {count:,} / {page_count:,} numbers"]
    lines += table(rows, 40, 16)
    lines.append(goals_line(goals))
    lines.append("")
    difference = measured.engine_total - measured.baseline_total
    lines.append(
        f"totals for {count:,} numbers: engine EUR {measured.engine_total / 100:,.2f} "
        f"({measured.engine_portable:,} portable numbers, {measured.engine_requests} request"
        f"{'' if measured.engine_requests == 1 else 's'}), "
        f"baseline EUR {measured.baseline_total / 100:,.2f} ({measured.baseline_portable:,}); "
        f"difference EUR {difference / 100:+,.2f} "
        f"({measured.engine_portable - measured.baseline_portable:+,} numbers)"
    )
    lines.append(difference_line(measured.difference))
    lines.append(f"page total shown for {page_count:,} numbers: {page.total}")
    lines.append(
        f"method: in-process best of {settings.runs} after 1 warm-up, peak by tracemalloc in a separate "
        f"run; baseline quote = phonenumbers per number, then distinct portable E.164 priced as one request; "
        f"page = AppTest on app.py, rerun {settings.runs} times warm, then {settings.runs} times with "
        "st.cache_data and st.cache_resource cleared before each (the baseline column)"
    )
    lines.append(
        runs_line(
            (
                ("engine quote", measured.engine.seconds),
                ("baseline quote", measured.baseline.seconds),
                ("page warm", page.warm),
                ("page cleared", page.cleared),
            )
        )
    )
    lines.append(environment("streamlit", "phonenumbers"))
    return "\n".join(lines)


def _settings(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/quote.py",
        description="Time the quote in-process and the numbers page rerun, each against a baseline.",
    )
    parser.add_argument(
        "--numbers", type=int, metavar="N", help=f"numbers to quote in-process (default {DEFAULT_NUMBERS:,})"
    )
    parser.add_argument(
        "--page-numbers",
        type=int,
        metavar="M",
        help=f"numbers pasted into the page (default {DEFAULT_PAGE_NUMBERS:,})",
    )
    parser.add_argument(
        "--runs", type=int, metavar="R", help=f"timed runs of each measurement (default {RUNS})"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke test: {QUICK_NUMBERS:,} and {QUICK_PAGE_NUMBERS:,} numbers, {QUICK_RUNS} runs",
    )
    arguments = parser.parse_args(argv)
    quick = arguments.quick
    numbers = _given(arguments.numbers, QUICK_NUMBERS if quick else DEFAULT_NUMBERS)
    page_numbers = _given(arguments.page_numbers, QUICK_PAGE_NUMBERS if quick else DEFAULT_PAGE_NUMBERS)
    runs = _given(arguments.runs, QUICK_RUNS if quick else RUNS)
    from porting.numbers.numbering import plan

    limit = plan().rules.limits.max_numbers_per_input
    for option, value in (("--numbers", numbers), ("--page-numbers", page_numbers)):
        if not 1 <= value <= limit:
            parser.error(f"{option} must be between 1 and {limit:,}, the engine's limit for one input")
    if runs < 1:
        parser.error("--runs must be at least 1")
    return Settings(numbers, page_numbers, runs)


def _given(value: int | None, default: int) -> int:
    return default if value is None else value


def main(argv: Sequence[str] | None = None) -> int:
    return print_report(run(_settings(argv)))


if __name__ == "__main__":
    sys.exit(main())
