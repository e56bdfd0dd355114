"""The invoice slot in a real browser: two invoices with different dates in turn, the same file
removed and uploaded again, and the step left and come back to, the file shown the same way."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
from browser_helpers import paste_numbers, run_and_wait, wait_for_app
from playwright.sync_api import Locator, Page, expect

from porting.i18n import t

INVOICE_SLOT = 1  # the letter, the invoice, the certificate


def invoice_slot(page: Page) -> Locator:
    return page.get_by_test_id("stFileUploader").nth(INVOICE_SLOT)


def upload_invoice(page: Page, invoice: Path) -> None:
    drop_zone = invoice_slot(page).get_by_test_id("stFileUploaderDropzoneInput")
    run_and_wait(page, lambda: drop_zone.set_input_files(invoice))


def invoice_day(page: Page) -> Locator:
    return page.get_by_test_id("stDateInput").filter(has_text=t("quote.invoice_label")).locator("input")


def expect_invoice_kept(page: Page, name: str, day: str) -> None:
    """The invoice shown once, by its card, with one Remove, and its date beside it."""
    expect(page.get_by_text(name)).to_have_count(1)
    expect(invoice_slot(page)).not_to_contain_text(name)  # the drop zone holds no file of its own
    expect(page.get_by_role("button", name=t("uploads.remove"))).to_have_count(1)
    expect(invoice_day(page)).to_have_value(day)


def test_each_invoice_brings_its_date_and_is_shown_the_same_way_on_return(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    october = tmp_path / "faktura-oktober.pdf"
    october.write_bytes(corpus.invoice_pdf())
    november = tmp_path / "faktura-november.pdf"
    november.write_bytes(corpus.invoice_pdf("20.11.2026"))

    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67")
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())

    upload_invoice(page, october)
    expect_invoice_kept(page, "faktura-oktober.pdf", "2026-11-03")
    upload_invoice(page, november)
    expect(page.get_by_text("faktura-oktober.pdf")).to_have_count(0)
    expect_invoice_kept(page, "faktura-november.pdf", "2026-11-20")  # read again, not kept from before

    run_and_wait(page, lambda: page.get_by_role("button", name=t("uploads.remove")).click())
    expect(page.get_by_text("faktura-november.pdf")).to_have_count(0)
    expect(invoice_day(page)).to_have_count(0)
    upload_invoice(page, november)  # the same file again
    expect_invoice_kept(page, "faktura-november.pdf", "2026-11-20")

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.numbers")).click())
    expect(invoice_day(page)).to_have_value("2026-11-20")  # the quote shows the invoice's date
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())
    expect_invoice_kept(page, "faktura-november.pdf", "2026-11-20")
