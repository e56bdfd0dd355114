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
SCRIPTS = (
    "numbers", "quote", "loa", "xlsx", "status_page", "browser", "baseline_check", "console", "ocr_accuracy",
)


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


# --- benchmarks/browser.py: the wizard in Chromium beside a bare app (too slow to run here) ---


def test_a_four_column_table_keeps_the_layout_of_three() -> None:
    rows = [("", "p50 s", "p95 s", "floor", "x floor"), ("Next", "0.412", "0.480", "0.050/0.061", "8.2x")]
    assert table(rows, 8) == [
        "        p50 s       p95 s       floor       x floor",
        "Next    0.412       0.480       0.050/0.061 8.2x",
    ]


def test_the_browser_benchmark_pastes_a_range_the_app_reads_as_ten_thousand_numbers() -> None:
    from benchmarks.browser import RANGE_NUMBERS, range_text
    from porting.numbers.text import read_text

    assert range_text(0) == "21 00 00 00 - 21 00 99 99"
    assert range_text(3) == "21 03 00 00 - 21 03 99 99"
    reading = read_text(range_text(3))
    assert len(reading.rows) == RANGE_NUMBERS


@pytest.mark.usefixtures("streamlit_log_level")
def test_the_browser_benchmark_waits_for_the_count_as_the_numbers_step_shows_it() -> None:
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    from benchmarks.browser import pairs, shown_count
    from porting.i18n import t

    config.set_option("logger.level", "error")  # AppTest runs outside a server and warns of it
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.text_area(key="numbers_text").input(f"{pairs(21_000_000)} - {pairs(21_000_099)}").run()
    assert not app.exception
    entered = [metric.value for metric in app.metric if metric.label == t("numbers.metric_entered")]
    assert entered == [shown_count(100)]


def test_the_browser_benchmarks_invoice_is_kept_by_the_documents_step() -> None:
    from benchmarks.browser import invoice_pdf
    from porting.documents.reading import UploadedDocument, check_upload

    checked = check_upload("invoice", "faktura-1.pdf", invoice_pdf())
    assert isinstance(checked, UploadedDocument), checked
    assert checked.pages == 1


@pytest.mark.usefixtures("streamlit_log_level")
def test_the_floor_is_a_bare_two_page_app_with_the_apps_settings(tmp_path: Path) -> None:
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    from benchmarks.browser import write_floor_app

    script = write_floor_app(tmp_path)
    settings = Path(".streamlit", "config.toml")
    assert (tmp_path / settings).read_bytes() == (ROOT / settings).read_bytes()
    config.set_option("logger.level", "error")
    app = AppTest.from_file(str(script), default_timeout=30)
    app.run()
    assert [title.value for title in app.title] == ["Floor one"]
    app.button[0].click().run()  # Next, under the page as the wizard's is
    assert not app.exception
    assert [title.value for title in app.title] == ["Floor two"]


def test_the_browser_benchmark_reports_each_step_beside_its_floor_and_the_goals() -> None:
    from benchmarks.browser import STEPS, report

    app = {step: [0.2, 0.3, 0.4] for step in STEPS} | {"10,000 numbers": [0.9, 1.2, 1.5]}
    floor = {step: [0.1, 0.1, 0.2] for step in STEPS}
    lines = report(app, floor, (4.0, 3.0, 2.0), (5.0, 3.5, 2.1)).splitlines()
    assert lines[1].split() == ["p50", "s", "p95", "s", "floor", "p50/p95", "x", "floor", "p50"]
    assert lines[2].split() == ["Next", "0.300", "0.400", "0.100/0.200", "3.0x"]
    assert lines[6].split() == ["10,000", "numbers", "1.200", "1.500", "0.100/0.200", "12.0x"]
    goals = lines[8]
    assert "Next p95 under 0.5 s (0.40 s): PASS" in goals
    assert "10,000 numbers p95 under 1.0 s (1.50 s): FAIL" in goals
    assert lines[9] == "load average (1, 5, 15 min) before 4.00 3.00 2.00, after 5.00 3.50 2.10"


def test_a_run_ends_with_the_servers_script_finished_frame_not_one_cut_short_for_a_rerun() -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from benchmarks.served import is_run_end

    def frame(status: int) -> bytes:
        message = ForwardMsg()
        message.script_finished = status  # type: ignore[assignment]
        return message.SerializeToString()

    assert is_run_end(frame(ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY))
    assert not is_run_end(frame(ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN))
    assert not is_run_end("a text frame")


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"search": "blåbærrør"},
        {"search": "+47 22 00 01 2"},
        {"status": "under_review"},
        {"search": "NO-2026-0002"},
    ],
)
def test_the_console_benchmark_seeds_requests_the_queue_and_the_old_queue_find_alike(
    tmp_path: Path, query: dict[str, str]
) -> None:
    from benchmarks.console import PAGE, new_queue, old_queue, seed
    from porting.requests.schema import open_store

    store = open_store(f"sqlite:///{tmp_path}/bench.db")
    try:
        seed(store, 300)
        old = [request.reference for request in old_queue(store, **query)]
        assert old, "each query finds something in 300 seeded requests"
        assert [request.reference for request in new_queue(store, **query)] == old[:PAGE]
    finally:
        store.close()
