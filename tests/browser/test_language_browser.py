"""In Chromium: a first visit opens in the language the browser asks for, and the page's ``lang``
attribute follows the language shown, through the language switch too."""

from __future__ import annotations

import pytest
from browser_helpers import choose_option, track_runs, wait_for_app
from playwright.sync_api import Browser, expect

from porting.i18n import t


@pytest.mark.parametrize(
    ("locale", "language"), [("nb-NO", "nb"), ("nn-NO", "nb"), ("en-GB", "en"), ("de-DE", "en")]
)
def test_a_first_visit_speaks_the_browsers_language_and_the_page_says_which(
    app_server: str, browser: Browser, locale: str, language: str
) -> None:
    context = browser.new_context(locale=locale)  # Chromium's Accept-Language follows its locale
    try:
        page = context.new_page()
        track_runs(page)
        page.goto(app_server)
        wait_for_app(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(t("numbers.title", language))
        expect(page.locator("html")).to_have_attribute("lang", language)
        other = "en" if language == "nb" else "nb"
        switch = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
        choose_option(page, switch, t("language.name", other))
        expect(page.get_by_role("heading", level=1)).to_have_text(t("numbers.title", other))
        expect(page.locator("html")).to_have_attribute("lang", other)
    finally:
        context.close()


def test_a_links_language_wins_over_the_browsers(app_server: str, browser: Browser) -> None:
    context = browser.new_context(locale="nb-NO")
    try:
        page = context.new_page()
        track_runs(page)
        page.goto(app_server + "/?lang=en")
        wait_for_app(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(t("numbers.title", "en"))
        expect(page.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()
