"""The documents step through AppTest: good files are kept, bad ones explained, nothing lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import document_corpus as corpus
import pytest
from streamlit.testing.v1 import AppTest

from porting.i18n import t
from ui import plain

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def page() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    return app.switch_page("pages/4_documents.py").run()


def upload(page: AppTest, slot: str, name: str, data: bytes) -> AppTest:
    uploader = next(widget for widget in page.file_uploader if widget.key == f"upload_{slot}")
    return uploader.set_value((name, data, "application/octet-stream")).run()


def test_the_page_has_a_slot_for_each_required_document(page: AppTest) -> None:
    assert not page.exception
    assert [header.value for header in page.subheader][:3] == [
        t("uploads.slot.loa"),
        t("uploads.slot.invoice"),
        t("uploads.slot.registration"),
    ]


def test_a_good_invoice_is_kept_and_its_date_read(page: AppTest) -> None:
    upload(page, "invoice", "faktura.pdf", corpus.invoice_pdf())
    assert not page.exception and not page.error
    request = page.session_state["porting_request"]
    assert request.documents["invoice"].kind == "pdf"
    assert request.invoice_day == date(2026, 11, 3)
    assert any(plain("faktura.pdf") in shown.value for shown in page.markdown)  # escaped for markdown


def test_a_spoofed_file_is_refused_and_the_previous_good_file_kept(page: AppTest) -> None:
    upload(page, "invoice", "faktura.pdf", corpus.invoice_pdf())
    upload(page, "invoice", "faktura2.pdf", corpus.html_page())
    assert t("uploads.previous_kept") in page.error[0].value
    assert page.session_state["porting_request"].documents["invoice"].name == "faktura.pdf"


def test_a_password_protected_pdf_gets_its_own_message(page: AppTest) -> None:
    upload(page, "registration", "firmaattest.pdf", corpus.password_pdf())
    assert "password" in page.error[0].value.lower()
    assert "registration" not in page.session_state["porting_request"].documents


def test_a_kept_file_can_be_removed(page: AppTest) -> None:
    upload(page, "loa", "fullmakt.png", corpus.png_image())
    remove = next(button for button in page.button if button.key == "remove_loa")
    remove.click().run()
    assert "loa" not in page.session_state["porting_request"].documents
