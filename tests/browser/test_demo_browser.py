"""The sales demo in a real browser: one click fills the wizard, and the LOA downloads."""

from __future__ import annotations

import io
from pathlib import Path

from browser_helpers import run_and_wait, track_runs, wait_for_app
from conftest import OUTPUT_DIR
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from porting.i18n import t
from porting.requests.sandbox import SANDBOX_PATH


def shoot(page: Page, name: str) -> None:
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / f"demo-{name}.png", full_page=True)


def test_the_demo_goes_from_the_button_to_a_downloaded_letter(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.button")).click())
    expect(page.get_by_text(t("demo.banner"))).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text=t("numbers.metric_mobile"))).to_contain_text("1")
    shoot(page, "1-numbers")

    run_and_wait(page, lambda: page.get_by_role("button", name=t("flow.next")).click())
    expect(page.get_by_text(t("details.complete"))).to_be_visible()
    shoot(page, "2-company")

    run_and_wait(page, lambda: page.get_by_role("button", name=t("flow.next")).click())
    run_and_wait(page, lambda: page.get_by_role("button", name=t("loa.prepare")).click())
    expect(page.get_by_test_id("stImage")).to_be_visible()
    shoot(page, "3-letter")
    with page.expect_download() as download:
        page.get_by_role("button", name=t("loa.download")).click()
    saved = tmp_path / "loa.pdf"
    download.value.save_as(saved)
    text = "\n".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    assert "Fjordlinje Telekom AS" in text and "800 12 345" in text
    assert "412 34 567" not in text and "41 23 45 67" not in text  # the mobile number is never on the letter


def close_sidebar(page: Page) -> None:
    """On a phone the open sidebar covers the page."""
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.get_attribute("data-collapsed") == "false":
        sidebar.hover()  # the collapse button shows on hover
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        expect(page.get_by_test_id("stSidebarContent")).not_to_be_in_viewport()  # slid away


def test_the_demo_works_on_a_phone_sized_screen(app_server: str, browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    try:
        phone = context.new_page()
        track_runs(phone)
        phone.goto(app_server)
        wait_for_app(phone)
        expand = phone.get_by_test_id("stExpandSidebarButton")
        if expand.is_visible():
            expand.click()
        run_and_wait(phone, lambda: phone.get_by_role("button", name=t("demo.button")).click())
        expect(phone.get_by_text(t("demo.banner"))).to_be_visible()
        expect(
            phone.get_by_test_id("stMetric").filter(has_text=t("quote.metric_total")).first
        ).to_be_visible()
        phone.screenshot(path=OUTPUT_DIR / "demo-phone-numbers.png", full_page=True)
        if expand.is_visible():  # the sidebar closes again after a choice on a small screen
            expand.click()
        run_and_wait(phone, lambda: phone.get_by_role("link", name=t("nav.loa")).click())
        close_sidebar(phone)
        run_and_wait(phone, lambda: phone.get_by_role("button", name=t("loa.prepare")).click())
        with phone.expect_download() as download:
            phone.get_by_role("button", name=t("loa.download")).click()
        assert download.value.suggested_filename.startswith("LOA-999990002-")
        phone.screenshot(path=OUTPUT_DIR / "demo-phone-letter.png", full_page=True)
    finally:
        context.close()


def test_the_demo_goes_from_the_button_to_its_sandbox_status_page(app_server: str, page: Page) -> None:
    """Every check green with the demo's documents, the review sends it to the sandbox, and its
    status page steps from received to ported; nothing is stored."""
    page.goto(app_server)
    wait_for_app(page)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.button")).click())
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())
    expect(page.get_by_text(t("uploads.ready"))).to_be_visible()
    for name in ("loa_file", "invoice_file", "certificate_file"):
        expect(page.get_by_text(t(f"demo.documents.{name}")).first).to_be_visible()
    expect(page.get_by_text(t("checks.state.problem"))).to_have_count(0)
    expect(page.get_by_text(t("checks.state.warning"))).to_have_count(0)
    shoot(page, "4-documents")

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.submit")).click())
    expect(page.get_by_text(t("submit.blocked"))).to_have_count(0)
    run_and_wait(page, lambda: page.get_by_text(t("submit.consent"), exact=True).click())
    run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.sandbox.submit")).click())
    received = page.get_by_text("Demo request DEMO-")
    expect(received).to_be_visible()
    reference = received.inner_text().split()[2]
    shoot(page, "5-receipt")

    run_and_wait(page, lambda: page.get_by_role("link", name=t("demo.sandbox.open_status")).click())
    expect(page.get_by_role("heading", name=t("demo.sandbox.heading", reference=reference))).to_be_visible()
    expect(page.get_by_text(t("demo.sandbox.status_banner"))).to_be_visible()
    assert "demo=1" in page.url
    stages = len(SANDBOX_PATH)
    for number in range(2, stages + 1):
        run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.sandbox.next")).click())
        expect(page.get_by_text(t("demo.sandbox.stage", number=number, count=stages))).to_be_visible()
        if SANDBOX_PATH[number - 1] == "rejected":
            shoot(page, "6-sandbox-rejected")
    expect(page.get_by_text(t("request_status.name.ported"), exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=t("demo.sandbox.next"))).to_be_disabled()
    shoot(page, "7-sandbox-ported")
    page.reload()  # the sandbox lives in the browser session only: a new session has none
    wait_for_app(page)
    expect(page.get_by_text(t("demo.sandbox.missing"))).to_be_visible()
