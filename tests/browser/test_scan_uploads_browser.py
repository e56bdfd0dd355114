"""A photographed invoice on the documents step in a real browser: read, and its date filled in."""

from __future__ import annotations

from pathlib import Path

import scan_corpus
from browser_helpers import run_and_wait, wait_for_app
from playwright.sync_api import Page, expect

from porting.i18n import t


def test_a_photo_of_the_invoice_is_read_and_its_date_filled_in(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    scan = scan_corpus.case("invoice-00")
    photo = tmp_path / "faktura.png"
    photo.write_bytes(scan.data())

    page.goto(app_server)
    wait_for_app(page)
    numbers = page.get_by_role("textbox", name=t("numbers.paste_label"))
    numbers.fill("\n".join(scan.numbers))
    run_and_wait(page, lambda: numbers.press("Control+Enter"))
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())

    inputs = page.get_by_test_id("stFileUploaderDropzoneInput")
    run_and_wait(page, lambda: inputs.nth(1).set_input_files(photo))  # the invoice slot
    expect(page.get_by_text("faktura.png").first).to_be_visible()
    invoice_day = (
        page.get_by_test_id("stDateInput").filter(has_text=t("quote.invoice_label")).locator("input")
    )
    assert scan.invoice_day is not None
    expect(invoice_day).to_have_value(scan.invoice_day.isoformat())
    expect(page.get_by_text(t("preflight.mismatched.unreadable.invoice"))).to_have_count(0)
