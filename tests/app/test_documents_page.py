"""The documents step through AppTest: good files are kept, bad ones explained, nothing lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import document_corpus as corpus
import pytest
from streamlit.testing.v1 import AppTest

from porting.i18n import t
from ui import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def page() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    return app.switch_page("pages/4_documents.py").run()


def upload(page: AppTest, slot: str, name: str, data: bytes) -> AppTest:
    # The slot's drop zone: its key changes with each file it takes, so that it is empty again.
    uploader = next(widget for widget in page.file_uploader if widget.key.startswith(f"upload_{slot}_"))
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
    assert plain(t("uploads.previous_kept")) in page.error[0].value
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


def with_numbers(numbers: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input(numbers).run()
    return app.switch_page("pages/4_documents.py").run()


def test_the_report_names_every_rejection_reason_in_the_guide() -> None:
    app = with_numbers("21234567\n80012345")
    assert not app.exception
    shown = " ".join(block.value for block in app.caption)  # each row's secondary text
    for issue in ("Missing registration", "Mismatched info", "Inactive number", "Outdated invoice"):
        assert issue in shown
    assert "Number is part of a range" in shown
    assert t("uploads.blocked") in app.warning[-1].value


def test_confirming_the_numbers_are_active_clears_that_warning() -> None:
    app = with_numbers("21234567\n80012345")
    app.checkbox(key="confirm_active").check().run()
    request = app.session_state["porting_request"]
    assert request.confirmations.active == frozenset({"21234567", "80012345"})


def test_a_block_of_numbers_asks_whether_it_is_a_range() -> None:
    app = with_numbers("21234500\n21234501\n21234502")
    box = app.checkbox(key="confirm_range_0")
    assert "21 23 45 00" in box.label and "21 23 45 02" in box.label
    box.check().run()
    assert app.session_state["porting_request"].confirmations.not_in_range == frozenset(
        {"21234500", "21234501", "21234502"}
    )


def test_a_large_file_shows_its_size_in_megabytes(page: AppTest) -> None:
    upload(page, "invoice", "faktura.pdf", corpus.invoice_pdf() + b"\n%" + b"0" * 1_600_000)
    assert not page.exception
    assert any("MB" in shown.value for shown in page.markdown)


def test_the_report_repeats_what_happens_to_the_other_numbers_of_a_partial_port() -> None:
    from porting.documents.findings import Confirmations

    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    partial = Confirmations(partial_port=True, main_number_included=False, rest="22 33 44 55: keep")
    app.session_state["porting_request"].confirmations = partial
    app.switch_page("pages/4_documents.py").run()
    assert any(plain("22 33 44 55: keep") in caption.value for caption in app.caption)


def test_a_hostile_file_name_in_a_refusal_is_shown_as_text(page: AppTest) -> None:
    name = "[Session expired - sign in again](https:evil.example).pdf"
    upload(page, "invoice", name, corpus.html_page())
    (shown,) = [item.value for item in page.error]
    assert plain(name) in shown  # every bracket escaped: no markdown link is left in what is drawn
