"""Nothing is lost, in a real browser: a reload, or the private link opened anew, brings back the
company details and the documents on the step the customer was on; Back goes back one step."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
from browser_helpers import paste_numbers, run_and_wait, track_runs, type_into, wait_for_app
from playwright.sync_api import Browser, Page, expect

from porting.i18n import t

COMPANY = {"company_name": "Fjordlinje Telekom AS", "signatory_name": "Kari Nordmann"}
STEP_TITLES = ("numbers.title", "details.title", "loa.title", "uploads.title")


def title(page: Page, key: str) -> None:
    expect(page.get_by_role("heading", name=t(key), level=1)).to_be_visible()


def press(page: Page, label: str) -> None:
    run_and_wait(page, lambda: page.get_by_role("button", name=t(label)).click())


def fill_company_and_upload_an_invoice(page: Page, invoice: Path) -> None:
    """Numbers, then the company step, then an invoice on the documents step: where it stays."""
    paste_numbers(page, "21 23 45 67\n800 12 345")
    press(page, "flow.next")
    for field, value in COMPANY.items():
        type_into(page, t(f"company.field.{field}"), value)
    press(page, "flow.next")
    press(page, "flow.next")
    title(page, "uploads.title")
    inputs = page.get_by_test_id("stFileUploaderDropzoneInput")
    run_and_wait(page, lambda: inputs.nth(1).set_input_files(invoice))  # the invoice slot
    expect(page.get_by_text("faktura.pdf").first).to_be_visible()


def everything_is_back(page: Page) -> None:
    """On the documents step with the invoice, and the company step filled in."""
    title(page, "uploads.title")
    welcome = t("save_draft.resumed", saved="{saved}").split("{saved}")[0]
    expect(page.get_by_text(welcome, exact=False)).to_be_visible()
    expect(page.get_by_text("faktura.pdf").first).to_be_visible()
    press(page, "flow.back")
    press(page, "flow.back")
    title(page, "details.title")
    for field, value in COMPANY.items():
        expect(page.get_by_role("textbox", name=t(f"company.field.{field}"), exact=True)).to_have_value(value)


def invoice_file(folder: Path) -> Path:
    invoice = folder / "faktura.pdf"
    invoice.write_bytes(corpus.invoice_pdf())
    return invoice


def test_a_reload_brings_everything_back_on_the_same_step(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    fill_company_and_upload_an_invoice(page, invoice_file(tmp_path))
    assert "draft=" in page.url
    page.reload()
    wait_for_app(page)
    everything_is_back(page)


def test_the_link_opened_in_a_new_browser_brings_everything_back(
    app_server: str, page: Page, browser: Browser, tmp_path: Path
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    fill_company_and_upload_an_invoice(page, invoice_file(tmp_path))
    link = page.get_by_test_id("stSidebar").get_by_test_id("stCode").inner_text().strip()
    assert link.startswith(f"{app_server}/paperwork?draft=")  # the private link names the step
    first_step = f"{app_server}/?{link.split('?', 1)[1]}"  # as an e-mail sent on the first step has it
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        elsewhere = context.new_page()
        track_runs(elsewhere)
        elsewhere.goto(first_step)  # the draft opens the step it was saved on
        wait_for_app(elsewhere)
        everything_is_back(elsewhere)
    finally:
        context.close()


def test_back_goes_back_one_step_per_press(app_server: str, page: Page) -> None:
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67")  # kept at once: the address then carries the draft
    for key in STEP_TITLES[1:]:
        press(page, "flow.next")
        title(page, key)
    for key in reversed(STEP_TITLES[:-1]):
        run_and_wait(page, page.go_back)
        title(page, key)
