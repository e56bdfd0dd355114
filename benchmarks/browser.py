"""Benchmark: the wizard's journey in a real browser, each step beside the floor a bare Streamlit app
sets in the same run.

What is timed, for a request of 20 numbers pasted (``written_numbers.generate(20)``: as people
write them), in Chromium as the browser tests drive it, from the person's action until the page
is whole (``benchmarks/served.py``: the run over and what the step is for shown, checked by the
page at every frame):

* **Next**: Next, under the numbers step, until the company step's heading shows;
* **navigation**: the sidebar's link to the documents step, from the company step, until its
  heading shows;
* **field commit**: Tab out of the company name, typed anew each round, until the rerun ends
  (nothing new shows, so the end is read off the websocket, then the run seen over);
* **upload**: a small PDF invoice (one page of text, a new name each round) into its slot on the
  documents step, until the file's name shows, which it does once the file has been checked;
* **10,000 numbers**: Ctrl+Enter on a range of 10,000 numbers typed into the paste box
  (``21 00 00 00 - 21 00 99 99``, shifted each round so no cache has read it), until the count
  shows. The box then gets the 20 numbers back, untimed.

The floor is a bare two-page Streamlit app written to a temporary folder (the same Streamlit,
that folder's ``.streamlit/config.toml`` a copy of the app's) and served by its own server: Next
(``st.switch_page``) and a navigation link between its pages, a text input committed by Tab, a
text area committed by Ctrl+Enter with the same range, a PDF into a file uploader until its name
shows. The app is served as ``make run`` serves it (``python -m ui.serve``) with its embedded
SQLite database in a temporary folder, as the browser tests do.

A warm-up round is not counted (the first visit loads the charting and PDF libraries and starts
the document reader); then each round times the app's steps and then the floor's, so a shared
machine's drift falls on both alike. It prints p50 and p95 (nearest rank) of each step beside the
floor's and the app's p50 as a multiple of the floor's, the goals (Next, navigation and field
commit under 0.5 s p95; the 10,000 numbers shown under 1 s p95) as PASS/FAIL, and the load
average before and after: other work on the machine shows in every figure. It always exits 0.

    python benchmarks/browser.py [--rounds N]      # default 12 rounds, --quick 2
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the repository root first (benchmarks/measure.py)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import io
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from benchmarks.measure import (
    ROOT,
    environment,
    goals_line,
    load_average,
    nearest_rank,
    print_report,
    ratio,
    table,
)
from benchmarks.served import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HEADINGS,
    TIMEOUT_MS,
    is_run_end,
    served_app,
    serving,
    wait_whole,
)
from benchmarks.written_numbers import generate

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        FilePayload,
        Locator,
        Page,
        ViewportSize,
        WebSocket,
    )

ROUNDS = 12
QUICK_ROUNDS = 2
MAX_ROUNDS = 200  # the ranges of 21 00 00 00 upwards stay in the geographic series
REQUEST_NUMBERS = 20
RANGE_NUMBERS = 10_000
SWITCH_GOAL_S = 0.5
PASTE_GOAL_S = 1.0
STEPS = ("Next", "navigation", "field commit", "upload", "10,000 numbers")
METRIC_VALUES = '[data-testid="stMetricValue"]'
FILE_NAMES = "strong"  # the documents step shows a kept file's name in bold, as the floor does
VIEWPORT: ViewportSize = {"width": 1280, "height": 720}  # as tests/conftest.py opens its pages

Samples = dict[str, list[float]]  # seconds of each step, by step

# The floor: two pages, a Next under the page and the navigation, and one widget of each kind timed.
FLOOR_APP = '''"""A bare two-page Streamlit app, the floor benchmarks/browser.py sets beside the wizard."""

import streamlit as st


def first() -> None:
    st.title("Floor one")
    st.text_area("Floor numbers", key="numbers")
    upload = st.file_uploader("Floor document", type=["pdf"], key="document")
    if upload is not None:
        st.markdown(f"**{upload.name}**")


def second() -> None:
    st.title("Floor two")
    st.text_input("Floor field", key="field")


pages = [
    st.Page(first, title="One", url_path="one", default=True),
    st.Page(second, title="Two", url_path="two"),
]
current = st.navigation(pages)
current.run()
if st.button("Next", type="primary"):  # under the page, as the wizard's Next is
    st.switch_page(pages[(pages.index(current) + 1) % len(pages)])
'''


# --- What the rounds type and upload ----------------------------------------------------------


def pairs(number: int) -> str:
    """Eight digits in pairs, as people write them: ``21 00 00 00``."""
    digits = f"{number:08d}"
    return " ".join(digits[index : index + 2] for index in range(0, 8, 2))


def range_text(round_number: int) -> str:
    """A range of 10,000 numbers, shifted by the round so no cache has read it."""
    start = 21_000_000 + round_number * RANGE_NUMBERS
    return f"{pairs(start)} - {pairs(start + RANGE_NUMBERS - 1)}"


def invoice_pdf() -> bytes:
    """A small invoice: one page of text, as a provider's portal gives it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    lines = ("Faktura", "Telenor Norge AS", "Fakturadato: 03.11.2026", "Kunde: Fjordlinje Telekom AS",
             "Nummer: 21 23 45 67", "Kundenummer: 1234567", "Å betale: 1 250,00 kr")  # fmt: skip
    for index, line in enumerate(lines):
        canvas.drawString(72, 770 - 18 * index, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdf_upload(name: str, data: bytes) -> FilePayload:
    return {"name": name, "mimeType": "application/pdf", "buffer": data}


# --- One page on one server -------------------------------------------------------------------


class Visitor:
    """A page of its own on one server, and the end of each run, read off its websocket."""

    def __init__(self, context: BrowserContext, base_url: str) -> None:
        self.page: Page = context.new_page()
        self.base_url = base_url
        self._stream: WebSocket | None = None
        self.page.on("websocket", self._follow)

    def _follow(self, websocket: WebSocket) -> None:
        if websocket.url.endswith("/_stcore/stream"):
            self._stream = websocket  # a reconnect opens a new one: keep the newest

    def open(self, path: str, *headings: str) -> None:
        self.page.goto(self.base_url + path)
        wait_whole(self.page, *headings)

    def rerun(self, action: Callable[[], object]) -> float:
        """Seconds from ``action`` until the rerun it causes has ended (read off the websocket)."""
        if self._stream is None:
            raise RuntimeError("the page has no websocket to the server")
        with self._stream.expect_event("framereceived", predicate=is_run_end, timeout=TIMEOUT_MS):
            started = time.perf_counter()
            action()
        wait_whole(self.page)
        return time.perf_counter() - started

    def until_shown(self, action: Callable[[], object], *texts: str, selector: str = HEADINGS) -> float:
        """Seconds from ``action`` until the page is whole with ``texts`` shown."""
        started = time.perf_counter()
        action()
        wait_whole(self.page, *texts, selector=selector)
        return time.perf_counter() - started

    def click(self, target: Locator, *texts: str, selector: str = HEADINGS) -> float:
        """Seconds from clicking ``target`` until ``texts`` show. Playwright finds the element and
        sees it still before the clock starts: its own looking is not the app's time."""
        target.wait_for(state="visible", timeout=TIMEOUT_MS)
        element = target.element_handle(timeout=TIMEOUT_MS)
        element.wait_for_element_state("stable", timeout=TIMEOUT_MS)
        return self.until_shown(lambda: element.click(force=True), *texts, selector=selector)

    def commit(self, box: Locator, value: str, key: str) -> float:
        """Seconds from ``key`` (Tab, Control+Enter) in ``box``, filled with ``value``, to the rerun's end."""
        box.fill(value, timeout=TIMEOUT_MS)
        return self.rerun(lambda: self.page.keyboard.press(key))


# --- The journeys -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Wizard:
    """What the benchmark clicks, types and waits for in the wizard, from the message catalogue."""

    next: str
    documents_link: str
    numbers_link: str
    numbers_heading: str
    company_heading: str
    documents_heading: str
    paste_label: str
    company_field: str
    invoice_upload: str

    @classmethod
    def in_english(cls) -> Wizard:
        from porting.i18n import t

        return cls(
            next=t("flow.next"),
            documents_link=t("nav.documents"),
            numbers_link=t("nav.numbers"),
            numbers_heading=t("numbers.title"),
            company_heading=t("details.title"),
            documents_heading=t("uploads.title"),
            paste_label=t("numbers.paste_label"),
            company_field=t("company.field.company_name"),
            invoice_upload=t("uploads.upload_label", document=t("uploads.slot.invoice")),
        )


def shown_count(count: int) -> str:
    """The count as the numbers step's metric shows it (``tests/unit/test_benchmarks.py`` checks)."""
    return str(count)


@dataclass
class Journey:
    """The app's and the floor's pages, and the seconds of each step so far."""

    app: Visitor
    floor: Visitor
    wizard: Wizard
    request_text: str
    pdf: bytes
    app_seconds: Samples = field(default_factory=lambda: {step: [] for step in STEPS})
    floor_seconds: Samples = field(default_factory=lambda: {step: [] for step in STEPS})

    def start(self) -> None:
        """Both on their first page, the wizard with the 20 numbers pasted."""
        self.app.open("/?lang=en", self.wizard.numbers_heading)
        self.app.commit(self._paste_box(), self.request_text, "Control+Enter")
        self.floor.open("/", "Floor one")

    def _paste_box(self) -> Locator:
        return self.app.page.get_by_role("textbox", name=self.wizard.paste_label)

    def app_round(self, number: int) -> Mapping[str, float]:
        """The wizard from the numbers step round to it again; the seconds of each timed step."""
        app, wizard = self.app, self.wizard
        sidebar = app.page.get_by_test_id("stSidebar")
        seconds = {
            "Next": app.click(app.page.get_by_role("button", name=wizard.next), wizard.company_heading),
            "field commit": app.commit(
                app.page.get_by_role("textbox", name=wizard.company_field, exact=True),
                f"Fjordlinje Telekom {number} AS",
                "Tab",
            ),
            "navigation": app.click(
                sidebar.get_by_role("link", name=wizard.documents_link), wizard.documents_heading
            ),
        }
        name = f"faktura-{number}.pdf"
        slot = app.page.get_by_test_id("stFileUploader").filter(has_text=wizard.invoice_upload)
        files = slot.locator("input[type=file]")
        seconds["upload"] = app.until_shown(
            lambda: files.set_input_files(pdf_upload(name, self.pdf)), name, selector=FILE_NAMES
        )
        app.click(sidebar.get_by_role("link", name=wizard.numbers_link), wizard.numbers_heading)
        box = self._paste_box()
        box.fill(range_text(number), timeout=TIMEOUT_MS)
        seconds["10,000 numbers"] = app.until_shown(
            lambda: app.page.keyboard.press("Control+Enter"),
            shown_count(RANGE_NUMBERS),
            selector=METRIC_VALUES,
        )
        app.commit(box, self.request_text, "Control+Enter")  # the 20 numbers again
        return seconds

    def floor_round(self, number: int) -> Mapping[str, float]:
        """The bare app's same steps, from its first page round to it again."""
        floor = self.floor
        sidebar = floor.page.get_by_test_id("stSidebar")
        seconds = {
            "Next": floor.click(floor.page.get_by_role("button", name="Next"), "Floor two"),
            "field commit": floor.commit(
                floor.page.get_by_role("textbox", name="Floor field"), str(number), "Tab"
            ),
            "navigation": floor.click(sidebar.get_by_role("link", name="One"), "Floor one"),
        }
        name = f"floor-{number}.pdf"
        files = floor.page.get_by_test_id("stFileUploader").locator("input[type=file]")
        seconds["upload"] = floor.until_shown(
            lambda: files.set_input_files(pdf_upload(name, self.pdf)), name, selector=FILE_NAMES
        )
        box = floor.page.get_by_role("textbox", name="Floor numbers")
        seconds["10,000 numbers"] = floor.commit(box, range_text(number), "Control+Enter")
        return seconds

    def round(self, number: int, counted: bool = True) -> None:
        for visitor_round, samples in (
            (self.app_round, self.app_seconds),
            (self.floor_round, self.floor_seconds),
        ):
            seconds = visitor_round(number)
            if counted:
                for step in STEPS:
                    samples[step].append(seconds[step])


# --- The report -------------------------------------------------------------------------------


def p50(samples: Sequence[float]) -> float:
    return nearest_rank(samples, 0.5)


def p95(samples: Sequence[float]) -> float:
    return nearest_rank(samples, 0.95)


def goals(app: Samples) -> list[tuple[str, bool]]:
    switch = [(step, SWITCH_GOAL_S) for step in ("Next", "navigation", "field commit")]
    return [
        (f"{step} p95 under {goal} s ({p95(app[step]):.2f} s)", p95(app[step]) < goal)
        for step, goal in (*switch, ("10,000 numbers", PASTE_GOAL_S))
    ]


def report(app: Samples, floor: Samples, before: Sequence[float], after: Sequence[float]) -> str:
    count = len(app[STEPS[0]])
    rows = [("", "p50 s", "p95 s", "floor p50/p95", "x floor p50")]
    for step in STEPS:
        rows.append((
            step, f"{p50(app[step]):.3f}", f"{p95(app[step]):.3f}",
            f"{p50(floor[step]):.3f}/{p95(floor[step]):.3f}", ratio(p50(app[step]), p50(floor[step])),
        ))  # fmt: skip
    lines = [
        f"The wizard in Chromium, {count} rounds after a warm-up, {REQUEST_NUMBERS} numbers pasted "
        "(action until the page is whole), beside a bare two-page Streamlit app in the same run",
        *table(rows, 16, 16),
        "",
        goals_line(goals(app)),
        f"load average (1, 5, 15 min) before {load_average(before, 2, ' ')}, "
        f"after {load_average(after, 2, ' ')}",
        environment("streamlit", "playwright"),
    ]
    return "\n".join(lines)


# --- The servers and the run ------------------------------------------------------------------


def write_floor_app(folder: Path) -> Path:
    """The bare app in ``folder``, beside a copy of the app's Streamlit settings; its path."""
    settings = folder / ".streamlit"
    settings.mkdir()
    shutil.copyfile(ROOT / ".streamlit" / "config.toml", settings / "config.toml")
    script = folder / "floor.py"
    script.write_text(FLOOR_APP, encoding="utf-8")
    return script


@contextmanager
def served_floor(folder: Path) -> Iterator[str]:
    start = [sys.executable, "-m", "streamlit", "run", write_floor_app(folder).name]
    with serving(start, folder, folder / "server.log") as url:
        yield url


def measure(browser: Browser, app_url: str, floor_url: str, rounds: int) -> Journey:
    app_context = browser.new_context(viewport=VIEWPORT)
    floor_context = browser.new_context(viewport=VIEWPORT)
    try:
        journey = Journey(
            Visitor(app_context, app_url),
            Visitor(floor_context, floor_url),
            Wizard.in_english(),
            generate(REQUEST_NUMBERS).text,
            invoice_pdf(),
        )
        journey.start()
        journey.round(0, counted=False)  # warm-up: the first quote, chart, PDF and document check
        for number in range(1, rounds + 1):
            journey.round(number)
        return journey
    finally:
        app_context.close()
        floor_context.close()


def run(rounds: int) -> str:
    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory(prefix="browser-benchmark-app-") as app_folder,
        tempfile.TemporaryDirectory(prefix="browser-benchmark-floor-") as floor_folder,
        served_app(Path(app_folder)) as app_url,
        served_floor(Path(floor_folder)) as floor_url,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            before = os.getloadavg()
            journey = measure(browser, app_url, floor_url, rounds)
            after = os.getloadavg()
        finally:
            browser.close()
    return report(journey.app_seconds, journey.floor_seconds, before, after)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/browser.py",
        description="Time the wizard's steps in Chromium beside a bare Streamlit app's.",
    )
    parser.add_argument("--rounds", type=int, metavar="N", help=f"timed rounds (default {ROUNDS})")
    parser.add_argument("--quick", action="store_true", help=f"smoke test: {QUICK_ROUNDS} rounds")
    arguments = parser.parse_args(argv)
    rounds = arguments.rounds or (QUICK_ROUNDS if arguments.quick else ROUNDS)
    if not 1 <= rounds <= MAX_ROUNDS:
        parser.error(f"--rounds must be from 1 to {MAX_ROUNDS}")
    return print_report(run(rounds))


if __name__ == "__main__":
    sys.exit(main())
