"""Photos and scans on the documents step through AppTest: read with OCR, or said to need it."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
import pytesseract
import pytest
import scan_corpus
from streamlit.testing.v1 import AppTest

from porting.i18n import t
from ui import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def documents_page(numbers: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.text_area[0].input(numbers).run()
    return app.switch_page("pages/4_documents.py").run()


def upload(page: AppTest, slot: str, name: str, data: bytes) -> AppTest:
    uploader = next(widget for widget in page.file_uploader if widget.key.startswith(f"upload_{slot}_"))
    return uploader.set_value((name, data, "application/octet-stream")).run()


def shown(page: AppTest) -> str:
    return " ".join(block.value for block in [*page.caption, *page.markdown, *page.warning])


def test_a_photographed_invoice_is_read_and_its_date_taken() -> None:
    scan = scan_corpus.case("invoice-00")
    page = documents_page("\n".join(scan.numbers))
    upload(page, "invoice", "faktura.png", scan.data())
    assert not page.exception and not page.error
    request = page.session_state["porting_request"]
    assert request.documents["invoice"].read_by_ocr
    assert request.invoice_day == scan.invoice_day
    assert plain(t("preflight.mismatched.unreadable.invoice")) not in shown(page)


def test_without_tesseract_the_page_says_which_checks_need_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    page = documents_page("21234567")
    upload(page, "invoice", "faktura.jpg", corpus.jpeg_image())
    assert not page.exception and not page.error
    assert plain(t("preflight.mismatched.no_ocr.invoice")) in shown(page)
    assert page.session_state["porting_request"].documents["invoice"].ocr == "missing"
