"""The README's screenshots: the demo's journey, each step shot whole at 1280 pixels wide, the way
a projector shows it. ``make screenshots`` writes them to docs/screenshots (``SCREENSHOTS_DIR``);
the suite writes them to test-output/readme, so the journey they show is tried on every change."""

from __future__ import annotations

import os
from pathlib import Path

from browser_helpers import run_and_wait, wait_for_app
from conftest import OUTPUT_DIR
from PIL import Image
from playwright.sync_api import Page, expect

from porting.i18n import t

SHOTS_DIR = Path(os.environ.get("SCREENSHOTS_DIR") or OUTPUT_DIR / "readme")
WIDTH, SCREEN_HEIGHT = 1280, 800
TALLEST = 3200  # a step taller than this is shot from its top
# The main area's whole height: the page is as tall as the window and the main area scrolls in it.
_STEP_HEIGHT_JS = "main => main.scrollHeight"
# Every table shown (not one in a closed expander) has its canvas.
_TABLES_DRAWN_JS = """() => [
    ...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')]
    .filter(table => table.checkVisibility())
    .every(table => table.querySelector('[data-testid="data-grid-canvas"]'))"""


def shoot_whole_step(page: Page, name: str) -> Path:
    """Grow the window until the main area shows the whole step, shoot it, and shrink it back."""
    page.mouse.move(WIDTH - 2, 2)  # off every control: no tooltip or hover in the picture
    main = page.get_by_test_id("stMain")
    height = SCREEN_HEIGHT
    while (needed := min(int(main.evaluate(_STEP_HEIGHT_JS)), TALLEST)) > height:
        height = needed  # a taller window can lay the step out anew, so it is measured again
        page.set_viewport_size({"width": WIDTH, "height": height})
    drawn(page)
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SHOTS_DIR / f"{name}.png"
    page.screenshot(path=path, animations="disabled", caret="hide")
    page.set_viewport_size({"width": WIDTH, "height": SCREEN_HEIGHT})
    return path


def drawn(page: Page) -> None:
    """Wait until the step is drawn: Streamlit shows a grey skeleton where an element's code is
    still loading, and a table draws its cells on a canvas of its own once it is in view."""
    main = page.get_by_test_id("stMain")
    expect(main.get_by_test_id("stSkeleton")).to_have_count(0)
    page.wait_for_function(_TABLES_DRAWN_JS)
    expect(page.locator('[role="tooltip"]')).to_have_count(0)


def test_the_readmes_screenshots_show_every_step_of_the_demo_whole(app_server: str, page: Page) -> None:
    page.set_viewport_size({"width": WIDTH, "height": SCREEN_HEIGHT})
    page.goto(app_server)
    wait_for_app(page)
    next_step = page.get_by_test_id("stMain").get_by_role("button", name=t("flow.next"), exact=True)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.button")).click())
    expect(page.get_by_text(t("demo.banner"))).to_be_visible()
    shots = [shoot_whole_step(page, "numbers")]

    run_and_wait(page, next_step.click)
    expect(page.get_by_text(t("details.complete"))).to_be_visible()
    shots.append(shoot_whole_step(page, "company"))

    run_and_wait(page, next_step.click)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("loa.prepare")).click())
    expect(page.get_by_test_id("stImage")).to_be_visible()
    shots.append(shoot_whole_step(page, "letter"))

    run_and_wait(page, next_step.click)
    expect(page.get_by_text(t("uploads.ready"))).to_be_visible()
    shots.append(shoot_whole_step(page, "documents"))

    run_and_wait(page, next_step.click)
    run_and_wait(page, lambda: page.get_by_text(t("submit.consent"), exact=True).click())
    shots.append(shoot_whole_step(page, "review"))

    run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.sandbox.submit")).click())
    run_and_wait(page, lambda: page.get_by_role("link", name=t("demo.sandbox.open_status")).click())
    for _ in range(7):  # through a rejection and its correction to the accepted request
        run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.sandbox.next")).click())
    expect(page.get_by_text(t("demo.sandbox.status_banner"))).to_be_visible()
    shots.append(shoot_whole_step(page, "status"))
    for shot in shots:
        with Image.open(shot) as image:
            assert image.format == "PNG", shot
            width, height = image.size
        assert width == WIDTH and SCREEN_HEIGHT <= height <= TALLEST, (shot, width, height)
