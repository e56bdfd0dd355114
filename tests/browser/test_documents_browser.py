"""The documents step in a real browser: a good file is kept, a bad one explained, the report shown."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
from browser_helpers import run_and_wait, wait_for_app
from playwright.sync_api import Page, expect

from porting.i18n import t


def test_uploads_are_checked_and_the_report_follows(app_server: str, page: Page, tmp_path: Path) -> None:
    invoice = tmp_path / "faktura.pdf"
    invoice.write_bytes(corpus.invoice_pdf())
    spoofed = tmp_path / "firmaattest.pdf"
    spoofed.write_bytes(corpus.html_page())

    page.goto(app_server)
    wait_for_app(page)
    numbers = page.get_by_role("textbox", name=t("numbers.paste_label"))
    numbers.fill("21 23 45 67\n800 12 345")
    run_and_wait(page, lambda: numbers.press("Control+Enter"))
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())

    inputs = page.get_by_test_id("stFileUploaderDropzoneInput")
    run_and_wait(page, lambda: inputs.nth(1).set_input_files(invoice))  # the invoice slot
    expect(page.get_by_text("faktura.pdf").first).to_be_visible()
    date_inputs = page.get_by_test_id("stDateInput")
    invoice_day = date_inputs.filter(has_text=t("quote.invoice_label")).locator("input")
    expect(invoice_day).to_have_value("2026-11-03")

    run_and_wait(page, lambda: inputs.nth(2).set_input_files(spoofed))  # the certificate slot
    expect(page.get_by_test_id("stAlert").filter(has_text="HTML")).to_be_visible()

    for issue in ("Missing registration", "Mismatched info", "Outdated invoice", "Number is part of a range"):
        expect(page.get_by_text(issue, exact=False).first).to_be_visible()
    expect(page.get_by_text(t("uploads.blocked"))).to_be_visible()
