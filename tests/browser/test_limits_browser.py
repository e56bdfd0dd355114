"""What one visitor costs the others, in a real browser: a hostile link must not slow anyone's
status page, and a long list is shown a page at a time while its download keeps every row."""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import download_once_idle, run_and_wait, track_runs, wait_for_app
from conftest import CHROMIUM_ARGS, find_chromium
from playwright.sync_api import Browser, Page, expect
from store_fixtures import submit_sample

from benchmarks.served import wait_whole
from porting.i18n import t
from porting.requests.store import open_store


# 179 characters of ranges that once opened 100,000 numbers: a PDF of 5 MB and 11 s of CPU a visit.
def hostile_link(round_number: int) -> str:
    """Ten ranges of 10,000 numbers, shifted by the round so that no cache has read them."""
    first = 21_000_000 + round_number * 100_000
    return "/?n=" + ",".join(f"{first + k * 10_000}-{first + k * 10_000 + 9_999}" for k in range(10))


def ordinary_link(round_number: int) -> str:
    """A quote of one number, a new one each round: what any visitor's first visit costs."""
    return f"/?n={21_234_500 + round_number}"


ROUNDS = 20  # of each link, one after the other: p95 of some 40 loads, the third slowest
# The other visitor's page has opened: its run over and its key figures shown.
_OPENED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute("data-test-connection-state") === "CONNECTED"
    && app.getAttribute("data-test-script-state") === "notRunning"
    && document.querySelector('[data-testid="stMetric"]') !== null;
}"""
# A status page load ends when the page is whole, as a person waits for it: the run over, the
# request's heading and the history shown (the heading alone shows while half the page is still
# to come), checked by the page at every frame (benchmarks/served.py says why).


def _chromium_processes() -> set[int]:
    """The processes of any Chromium on this machine, as /proc lists them (none without /proc)."""
    found = set()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            program = (entry / "cmdline").read_bytes().split(b"\0", 1)[0]
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if b"chrom" in os.path.basename(program).lower():
            found.add(int(entry.name))
    return found


@pytest.fixture
def attacker_browser(browser: Browser) -> Iterator[Browser]:
    """A Chromium of its own for the attacker, run at the lowest CPU priority.

    A real attacker's browser runs on their own computer; here it shares two cores with the server
    and the visitor's browser, and a new page of the app costs it seconds of CPU. At the lowest
    priority it gets the time the others leave, so what slows the visitor is the server's work.
    Its processes are reniced as it starts: those it forks later (a renderer for each page, from
    its zygote) inherit the priority."""
    executable = find_chromium()
    assert executable is not None  # the browser fixture found it
    before = _chromium_processes()
    launched = browser.browser_type.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    try:
        for pid in _chromium_processes() - before:
            with contextlib.suppress(OSError):  # gone meanwhile
                os.setpriority(os.PRIO_PROCESS, pid, 19)
        yield launched
    finally:
        launched.close()


def p95(samples: list[float]) -> float:
    """The nearest-rank 95th percentile: the value 95 % of the samples do not exceed."""
    ordered = sorted(samples)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def test_a_hostile_link_does_not_slow_another_visitors_status_page(
    app_server: str, browser: Browser, attacker_browser: Browser
) -> None:
    """The status page is loaded again and again while another visitor opens a link, until that
    visitor's page has opened: a hostile link one round, an ordinary link of one number the next.

    Both visitors' browsers run on this machine, and a new page of the app costs its browser
    seconds of CPU whatever the link holds, time a real attacker spends on their own computer:
    the attacker's browser runs at the lowest priority, and the ordinary link's rounds measure
    what is left of its cost, so what the hostile link adds is the server's work for it alone."""
    store = open_store()  # the served app's store: the session's data folder
    try:
        receipt = submit_sample(store, key="status-while-a-link-is-opened")
    finally:
        store.close()
    heading, history = t("request_status.reference", reference=receipt.reference), t("request_status.history")
    status_link = f"{app_server}/track?token={receipt.token}&lang=en"
    capped = t("share.capped", limit="10,000", kept="10,000")
    attacker_context, visitor_context = attacker_browser.new_context(), browser.new_context()
    try:
        visitor = visitor_context.new_page()

        def load_status() -> float:
            started = time.perf_counter()
            visitor.goto(status_link)
            wait_whole(visitor, heading, history, timeout_ms=30_000)
            return time.perf_counter() - started

        load_status()  # a visitor who has been here before: the browser holds the app's scripts
        attacker = attacker_context.new_page()
        track_runs(attacker)
        attacker.goto(app_server + ordinary_link(ROUNDS))  # a server that has shown a quote before
        wait_for_app(attacker)
        # A new server's first quote loads the charting and PDF libraries: warm, not measured.
        expect(attacker.get_by_test_id("stMetric").first).to_be_visible(timeout=60_000)
        # So does a browser's first long list the table's scripts, once whatever the list: the
        # first rounds measured that, not what a hostile link costs each time it is opened.
        attacker.goto(app_server + hostile_link(ROUNDS))
        expect(attacker.get_by_text(capped)).to_be_visible(timeout=60_000)
        expect(attacker.get_by_test_id("stDataFrame").first).to_be_visible(timeout=30_000)

        def loads_while_opening(link: str) -> list[float]:
            attacker.goto(app_server + link, wait_until="commit")
            loads = [load_status()]
            deadline = time.monotonic() + 60
            while not attacker.evaluate(_OPENED_JS):
                assert time.monotonic() < deadline, f"{link[:40]}... did not open in 60 s"
                loads.append(load_status())
            return loads

        ordinary: list[float] = []
        hostile: list[float] = []
        for round_number in range(ROUNDS):
            ordinary += loads_while_opening(ordinary_link(round_number))
            hostile += loads_while_opening(hostile_link(round_number))
            expect(attacker.get_by_text(capped)).to_be_visible(timeout=30_000)
            expect(attacker.get_by_test_id("stException")).to_have_count(0)
    finally:
        attacker_context.close()
        visitor_context.close()
    shown = f"loads (s) while hostile links opened {[round(load, 2) for load in hostile]}, " + (
        f"while ordinary ones did {[round(load, 2) for load in ordinary]}"
    )
    print(f"status page p95: {p95(hostile):.2f} s as hostile links open, {p95(ordinary):.2f} s as others do")
    print(shown)
    # Under 1 s, the goal, whenever this machine serves the page in 0.83 s or less while an
    # ordinary link opens; a machine too busy for that must still show the hostile link adding
    # under a fifth to it.
    assert p95(hostile) < max(1.0, 1.2 * p95(ordinary)), shown


def test_a_long_list_is_shown_a_page_at_a_time_and_downloads_whole(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    box = page.get_by_role("textbox", name=t("numbers.paste_label"))
    box.fill("21000000-21000249")
    run_and_wait(page, lambda: box.press("Control+Enter"))
    expect(page.get_by_text(t("table.page_rows", first="1", last="100", total="250"))).to_be_visible()
    selector = page.get_by_role("spinbutton", name=t("table.page_label"))
    selector.fill("3")
    run_and_wait(page, lambda: selector.press("Enter"))
    expect(page.get_by_text(t("table.page_rows", first="201", last="250", total="250"))).to_be_visible()
    saved = download_once_idle(page, page.get_by_role("button", name=t("numbers.download")))
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 + 250
