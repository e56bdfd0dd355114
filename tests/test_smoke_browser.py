"""Smoke tests: the app serves, and its first page renders in a real browser."""

from __future__ import annotations

from browser_helpers import fetch_text, wait_for_app
from playwright.sync_api import Page, expect


def test_health(app_server: str) -> None:
    assert fetch_text(f"{app_server}/_stcore/health").strip() == "ok"


def test_first_page_shows_a_title(app_server: str, page: Page) -> None:
    page.goto(app_server)
    wait_for_app(page)

    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
