"""The console's queue in a real browser: the team searches for a company with Norwegian letters
typed in capitals and opens its request with a click on the row's selection box."""

from __future__ import annotations

import uuid

from browser_helpers import run_and_wait, sign_in_to_console, track_runs, wait_for_app
from playwright.sync_api import Page, expect
from samples import CONSOLE_MEMBER, CONSOLE_PASSWORD
from store_fixtures import DETAILS, submit_sample

from porting.i18n import t, tn
from porting.requests.store import open_store

HEADER_PX = 35  # Streamlit's dataframe: the header row's height, then each row's
ROW_MARKER_PX = 20  # the middle of the selection box left of each row


def test_a_click_on_a_row_of_the_queue_opens_its_request(app_server: str, page: Page) -> None:
    company = f"Kølabrygga Ærø {uuid.uuid4().hex[:8]} AS"
    store = open_store()  # the served app's store: the session's data folder or DATABASE_URL
    try:
        key = f"queue-click-{uuid.uuid4().hex}"
        receipt = submit_sample(store, key=key, details=DETAILS | {"company_name": company})
    finally:
        store.close()
    track_runs(page)
    page.goto(f"{app_server}/team")
    wait_for_app(page)
    sign_in_to_console(page, CONSOLE_PASSWORD, CONSOLE_MEMBER)
    views = page.get_by_test_id("stButtonGroup")
    run_and_wait(page, lambda: views.get_by_text(t("console.view_requests"), exact=True).click())
    search = page.get_by_role("textbox", name=t("console.queue.search"))
    search.fill(company.upper().replace("Ø", "OE"))
    run_and_wait(page, lambda: search.press("Enter"))
    expect(page.get_by_text(tn("console.queue.count_newest", 1))).to_be_visible()  # the company's one
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box is not None
    heading = page.get_by_role("heading", name=t("console.detail.heading", reference=receipt.reference))
    expect(heading).to_have_count(0)

    run_and_wait(page, lambda: page.mouse.click(box["x"] + ROW_MARKER_PX, box["y"] + HEADER_PX * 1.5))

    expect(heading).to_be_visible()
