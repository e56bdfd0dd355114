"""The benchmarks' shared measuring and reporting, each benchmark's start as a script, and the quote's
page measurement on a few numbers (the benchmarks themselves are too slow for the suite)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.measure import (
    best_of,
    goals_line,
    load_average,
    median,
    nearest_rank,
    peak_bytes,
    ratio,
    runs_line,
    table,
)

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ("numbers", "quote", "loa", "xlsx", "status_page", "baseline_check")


def test_median_of_an_even_and_an_odd_count_of_runs() -> None:
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_nearest_rank_takes_the_sample_at_or_above_the_share() -> None:
    samples = [float(second) for second in range(1, 21)]
    assert nearest_rank(samples, 0.95) == 19.0
    assert nearest_rank(samples, 0.5) == 10.0
    assert nearest_rank([0.7], 0.95) == 0.7


def test_best_of_warms_up_once_then_times_each_run() -> None:
    calls: list[str] = []
    timed = best_of(lambda: calls.append("work"), 3, prepare=lambda: calls.append("prepare"))
    assert len(timed.seconds) == 3
    assert calls == ["prepare", "work"] * 4
    assert timed.best == min(timed.seconds)


def test_peak_bytes_counts_what_the_work_allocates_and_gives_its_result() -> None:
    peak, result = peak_bytes(lambda: bytearray(1_000_000))
    assert len(result) == 1_000_000
    assert peak >= 1_000_000


def test_report_lines_keep_their_layout() -> None:
    rows = [("", "engine", "baseline", "ratio"), ("total s", "0.040", "1.327", ratio(1.327, 0.040))]
    assert table(rows, 24) == [
        "                        engine      baseline    ratio",
        "total s                 0.040       1.327       33.2x",
    ]
    assert goals_line([("fast", True), ("small", False)]) == "goals: fast: PASS; small: FAIL"
    assert (
        runs_line([("engine", (0.5, 0.25)), ("baseline", (1.0,))])
        == "runs s: engine 0.250-0.500; baseline 1.000"
    )
    assert load_average((1.0, 2.5, 3.25), 2, " ") == "1.00 2.50 3.25"


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_benchmark_starts_as_a_script(script: str) -> None:
    # Run as a script, benchmarks/ comes first on sys.path, where numbers.py hides the stdlib's numbers.
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / f"{script}.py"), "--help"],
        cwd=ROOT / "benchmarks",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"benchmarks/{script}.py" in done.stdout


@pytest.fixture
def streamlit_log_level() -> Iterator[None]:
    """measure_page quiets Streamlit's logger for the process: put it back after."""
    from streamlit import config
    from streamlit.logger import set_log_level

    level = config.get_option("logger.level")
    yield
    config.set_option("logger.level", level)
    set_log_level(level)


@pytest.mark.usefixtures("streamlit_log_level")
def test_the_quote_benchmark_reads_the_total_the_page_shows() -> None:
    from benchmarks.quote import measure_page
    from benchmarks.written_numbers import generate

    page = measure_page(generate(20).text, runs=1)
    assert page.total.startswith("€")
    assert len(page.warm) == len(page.cleared) == 1
