"""The whole customer journey in a real browser: numbers, details, letter, documents, submit, status."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import document_corpus as corpus
from browser_helpers import paste_numbers, run_and_wait, track_runs, type_into, wait_for_app
from brreg_register import ACTIVE
from playwright.sync_api import Page, expect
from pypdf import PdfReader, PdfWriter
from samples import TYPED_BY_HAND

from porting.calendar import oslo_today
from porting.i18n import t
from porting.rules import rules


def signed(letter: bytes) -> bytes:
    """The downloaded letter with its signature field filled, as signing on screen does."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter)))
    for page in writer.pages:
        writer.update_page_form_field_values(page, {"signature": "Kari Nordmann"}, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def fresh_invoice() -> bytes:
    """The corpus invoice, dated a few days ago so it is recent enough whatever today is."""
    day = (oslo_today() - timedelta(days=3)).strftime("%d.%m.%Y")
    return corpus.text_pdf([[line.replace(corpus.INVOICE_DATE, day) for line in corpus.INVOICE_LINES]])


def click_and_wait(page: Page, label: str) -> None:
    run_and_wait(page, lambda: page.get_by_text(label, exact=True).click())


def test_the_whole_journey_ends_in_a_request_the_status_link_opens(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67\n800 12 345")

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company")).click())
    type_into(page, t("company.field.org_number"), ACTIVE)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("details.lookup_button")).click())
    for field, value in TYPED_BY_HAND.items():
        type_into(page, t(f"company.field.{field}"), value)
    expect(page.get_by_text(t("details.complete"))).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.loa")).click())
    click_and_wait(page, t("uploads.answer_no"))  # the account holds no other numbers
    with page.expect_download() as download:
        page.get_by_role("button", name=t("loa.download")).click()
    letter = tmp_path / "loa.pdf"
    letter.write_bytes(signed(Path(download.value.path()).read_bytes()))
    invoice, certificate = tmp_path / "faktura.pdf", tmp_path / "firmaattest.pdf"
    invoice.write_bytes(fresh_invoice())
    certificate.write_bytes(corpus.firmaattest_pdf())

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())
    inputs = page.get_by_test_id("stFileUploaderDropzoneInput")
    for index, path in enumerate((letter, invoice, certificate)):
        run_and_wait(page, lambda index=index, path=path: inputs.nth(index).set_input_files(path))
    click_and_wait(page, t("uploads.confirm_active.other", count=2))
    for acknowledgement in rules().acknowledgements:
        click_and_wait(page, acknowledgement.texts["en"])
    expect(page.get_by_text(t("uploads.ready"))).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.submit")).click())
    click_and_wait(page, t("submit.consent"))
    run_and_wait(page, lambda: page.get_by_role("button", name=t("submit.button")).click())
    expect(page.get_by_text("Request received.")).to_be_visible()
    link = page.get_by_test_id("stCode").inner_text().strip()
    assert "/track?token=" in link

    status = page.context.new_page()
    track_runs(status)
    status.goto(link)
    wait_for_app(status)
    expect(status.get_by_text(t("request_status.name.received"), exact=True).first).to_be_visible()
    expect(status.get_by_role("heading", name="Request NO-")).to_be_visible()
