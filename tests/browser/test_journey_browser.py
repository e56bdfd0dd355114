"""A customer's journey in a real browser: numbers, company look-up, then the signed-ready LOA."""

from __future__ import annotations

import io
from pathlib import Path

from browser_helpers import paste_numbers, run_and_wait, type_into, wait_for_app
from brreg_register import ACTIVE
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from samples import TYPED_BY_HAND

from porting.i18n import t

TYPED = TYPED_BY_HAND


def test_from_numbers_to_a_downloaded_letter_of_authorization(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67\n800 12 345\n41 23 45 67")
    expect(page.get_by_test_id("stMetric").filter(has_text=t("quote.metric_total"))).to_contain_text("€40.00")

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company")).click())
    type_into(page, t("company.field.org_number"), ACTIVE)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("details.lookup_button")).click())
    expect(page.get_by_role("textbox", name=t("company.field.company_name"), exact=True)).to_have_value(
        "FJORDLINJE TELEKOM AS"
    )
    for field, value in TYPED.items():
        type_into(page, t(f"company.field.{field}"), value)
    expect(page.get_by_text(t("details.complete"))).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.loa")).click())
    run_and_wait(page, lambda: page.get_by_role("button", name=t("loa.prepare")).click())
    expect(page.get_by_test_id("stImage")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=t("loa.download")).click()
    assert download.value.suggested_filename.startswith(f"LOA-{ACTIVE}-")
    saved = tmp_path / "loa.pdf"
    download.value.save_as(saved)
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    text = "\n".join(page_.extract_text() for page_ in reader.pages)
    for expected in (
        "FJORDLINJE TELEKOM AS",
        "999 990 002",
        "Telenor Norge AS",
        "1234567",
        "21 23 45 67",
        "800 12 345",
    ):
        assert expected in text
    assert "41 23 45 67" not in text  # mobile numbers are never on the letter
    assert {"signature", "name", "title", "place", "date"} <= set(reader.get_fields() or {})
