"""In Chromium: the sidebar's menu links the wizard's steps and the status page, never the team's
console, which still opens at ``/team`` (with a notice's ``?ref=``) on its sign-in."""

from __future__ import annotations

from browser_helpers import run_and_wait, wait_for_app
from playwright.sync_api import Page, expect

from porting.i18n import t
from ui.wizard.flow import STEPS


def test_the_sidebar_links_the_steps_and_the_status_page_but_not_the_console(
    app_server: str, page: Page
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    for step in STEPS:
        expect(sidebar.get_by_role("link", name=t(step.title))).to_be_visible()
    expect(sidebar.get_by_role("link", name=t("nav.status"))).to_be_visible()
    expect(page.get_by_role("link", name=t("console.nav"))).to_have_count(0)
    expect(page.locator("a[href$='/team'], a[href*='/team?']")).to_have_count(0)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # Streamlit's own menu would list it

    run_and_wait(page, lambda: sidebar.get_by_role("link", name=t("nav.company")).click())
    expect(page.get_by_role("heading", level=1)).to_have_text(t("details.title"))
    expect(page.get_by_role("link", name=t("console.nav"))).to_have_count(0)


def test_the_console_still_opens_at_team_with_its_link_parameters(app_server: str, page: Page) -> None:
    for address in (f"{app_server}/team", f"{app_server}/team?ref=NO-2026-000001"):
        page.goto(address)
        wait_for_app(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(t("console.title"))
        expect(page.get_by_label(t("console.password"))).to_be_visible()
        expect(page.get_by_role("link", name=t("console.nav"))).to_have_count(0)
