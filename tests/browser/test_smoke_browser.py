"""Smoke tests: the app serves, and its first page renders in a real browser."""

from __future__ import annotations

from browser_helpers import fetch_text, wait_for_app
from playwright.sync_api import Page, expect

from porting.i18n import t


def test_health(app_server: str) -> None:
    assert fetch_text(f"{app_server}/_stcore/health").strip() == "ok"


def test_first_page_shows_a_title(app_server: str, page: Page) -> None:
    page.goto(app_server)
    wait_for_app(page)

    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_a_first_visit_straight_to_a_status_link_opens_that_page(fresh_app_server: str, page: Page) -> None:
    # Straight after a start, the first run would once take the pages/ folder's own page list
    # and say "Page not found" (ui/serve.py).
    page.goto(f"{fresh_app_server}/track?token=not-a-real-token")
    wait_for_app(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(t("request_status.title"))
    expect(page.get_by_text(t("request_status.not_found"))).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
