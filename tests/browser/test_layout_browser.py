"""In Chromium at the four sizes the app is shown at: a phone, an old projector, a projector and a
full-HD screen. Back and Next are in the main area (a phone folds the sidebar away), and no key
figure is cut short; a screenshot of each size goes to test-output/ to look at."""

from __future__ import annotations

from contextlib import suppress

import pytest
from browser_helpers import run_and_wait, track_runs, wait_for_app
from conftest import OUTPUT_DIR
from playwright.sync_api import Browser, Page, TimeoutError as PlaywrightTimeoutError, expect

from porting.i18n import t

SIZES = [(390, 844), (1024, 768), (1280, 720), (1920, 1080)]
# A quote worth showing: Oslo and Bergen numbers, a toll-free series, a mobile number.
LINK = "/?n=21234567,55123456,80012300-80012399,41234567&lang=en"
# Every element holding a key figure or a table cell in the DOM whose text is wider than the
# element shows: the text is cut (an ellipsis or clipped).
_CUT = """() => [...document.querySelectorAll(
    '[data-testid="stMetricValue"] div, [data-testid="stMetricLabel"] p, [data-testid="stTable"] td, '
    + '[data-testid="stTable"] th')].filter((element) => element.scrollWidth > element.clientWidth + 1)
    .map((element) => element.textContent.trim())"""


def assert_nothing_cut(page: Page) -> None:
    """No key figure or table cell is cut, once the page has settled (a web font still loading
    lays text out wider for a moment)."""
    with suppress(PlaywrightTimeoutError):
        page.wait_for_function(f"() => ({_CUT})().length === 0", timeout=5_000)
    assert page.evaluate(_CUT) == []


def open_at(browser: Browser, size: tuple[int, int]) -> Page:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="en-US")
    page = context.new_page()
    track_runs(page)
    return page


@pytest.mark.parametrize("size", SIZES, ids=[f"{width}x{height}" for width, height in SIZES])
def test_each_step_shows_back_and_next_and_no_figure_is_cut(
    app_server: str, browser: Browser, size: tuple[int, int]
) -> None:
    page = open_at(browser, size)
    try:
        page.goto(app_server + LINK)
        wait_for_app(page)
        expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=60_000)
        main = page.get_by_test_id("stMain")
        next_button = main.get_by_role("button", name=t("flow.next"))
        next_button.scroll_into_view_if_needed()
        expect(next_button).to_be_visible()  # a phone's sidebar is folded: Next is under the step
        assert_nothing_cut(page)
        name = f"layout-{size[0]}x{size[1]}"
        OUTPUT_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT_DIR / f"{name}-numbers.png"), full_page=True)
        run_and_wait(page, lambda: next_button.click())
        expect(page.get_by_role("heading", level=1)).to_have_text(t("details.title"))
        back = main.get_by_role("button", name=t("flow.back"))
        back.scroll_into_view_if_needed()
        expect(back).to_be_visible()
        expect(main.get_by_role("button", name=t("flow.next"))).to_be_visible()
        assert_nothing_cut(page)
        page.screenshot(path=str(OUTPUT_DIR / f"{name}-company.png"), full_page=True)
    finally:
        page.context.close()
