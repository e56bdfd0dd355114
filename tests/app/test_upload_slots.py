"""The upload slots through AppTest: each new file is read again, a typed invoice date goes with the
invoice it was typed for, a removed file can be uploaded again, and a slot's file is shown the same
way right after its upload and on coming back to the step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import document_corpus as corpus
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import FileUploader

from porting.i18n import t
from ui import plain

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DOCUMENTS = "pages/4_documents.py"
NUMBERS = "pages/1_numbers.py"
NOVEMBER_3 = date(2026, 11, 3)  # corpus.INVOICE_DATE
NOVEMBER_20 = date(2026, 11, 20)


@pytest.fixture
def page() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    return app.switch_page(DOCUMENTS).run()


def uploader(app: AppTest, label: str) -> FileUploader:
    (found,) = [widget for widget in app.file_uploader if widget.label == label]
    return found


def slot_uploader(app: AppTest, slot: str) -> FileUploader:
    return uploader(app, t("uploads.upload_label", document=t(f"uploads.slot.{slot}")))


def upload(app: AppTest, slot: str, name: str, data: bytes) -> AppTest:
    return slot_uploader(app, slot).set_value((name, data, "application/pdf")).run()


def remove(app: AppTest, slot: str) -> AppTest:
    return app.button(key=f"remove_{slot}").click().run()


def invoice_day(app: AppTest) -> date | None:
    day: date | None = app.session_state["porting_request"].invoice_day
    return day


def shown_day(app: AppTest) -> date | None:
    day: date | None = app.date_input(key="invoice_day").value
    return day


def test_a_new_invoice_is_read_again_for_its_own_date(page: AppTest) -> None:
    upload(page, "invoice", "faktura-oktober.pdf", corpus.invoice_pdf())
    assert invoice_day(page) == NOVEMBER_3
    upload(page, "invoice", "faktura-november.pdf", corpus.invoice_pdf("20.11.2026"))
    assert not page.exception
    assert invoice_day(page) == shown_day(page) == NOVEMBER_20
    assert page.session_state["porting_request"].documents["invoice"].name == "faktura-november.pdf"


def test_a_date_typed_for_an_invoice_does_not_outlive_it(page: AppTest) -> None:
    upload(page, "invoice", "skannet.pdf", corpus.unreadable_scan_pdf())
    assert invoice_day(page) is None and shown_day(page) is None  # no text layer: the date is asked for
    page.date_input(key="invoice_day").set_value(date(2026, 11, 10)).run()
    assert invoice_day(page) == date(2026, 11, 10)

    upload(page, "invoice", "faktura.pdf", corpus.invoice_pdf())
    assert invoice_day(page) == shown_day(page) == NOVEMBER_3  # the new invoice's own date

    page.date_input(key="invoice_day").set_value(date(2026, 11, 4)).run()
    upload(page, "invoice", "skannet.pdf", corpus.unreadable_scan_pdf())
    assert invoice_day(page) is None and shown_day(page) is None  # asked for again


def test_removing_the_invoice_drops_its_date(page: AppTest) -> None:
    upload(page, "invoice", "skannet.pdf", corpus.unreadable_scan_pdf())
    page.date_input(key="invoice_day").set_value(date(2026, 11, 10)).run()
    remove(page, "invoice")
    assert not page.exception
    assert invoice_day(page) is None
    assert "invoice" not in page.session_state["porting_request"].documents
    upload(page, "invoice", "skannet.pdf", corpus.unreadable_scan_pdf())
    assert invoice_day(page) is None and shown_day(page) is None


def test_the_invoice_date_is_asked_for_beside_an_invoice_only(page: AppTest) -> None:
    assert not [field for field in page.date_input if field.key == "invoice_day"]
    upload(page, "invoice", "faktura.pdf", corpus.invoice_pdf())
    assert shown_day(page) == NOVEMBER_3


def test_a_refused_invoice_keeps_the_invoice_and_the_date_before_it(page: AppTest) -> None:
    upload(page, "invoice", "skannet.pdf", corpus.unreadable_scan_pdf())
    page.date_input(key="invoice_day").set_value(date(2026, 11, 10)).run()
    upload(page, "invoice", "faktura.pdf", corpus.html_page())
    assert plain(t("uploads.previous_kept")) in page.error[0].value
    assert invoice_day(page) == shown_day(page) == date(2026, 11, 10)


def test_the_same_file_can_be_uploaded_again_after_removing_it(page: AppTest) -> None:
    data = corpus.invoice_pdf()
    upload(page, "invoice", "faktura.pdf", data)
    remove(page, "invoice")
    assert slot_uploader(page, "invoice").value is None  # nothing left to upload "again" over
    upload(page, "invoice", "faktura.pdf", data)
    assert not page.exception
    assert page.session_state["porting_request"].documents["invoice"].data == data
    assert invoice_day(page) == NOVEMBER_3


def slot_shown(app: AppTest, slot: str, name: str) -> tuple[object, ...]:
    """What a slot shows of its file: the uploader's own file, the card naming it, its remove buttons."""
    cards = [shown.value for shown in app.markdown if plain(name) in shown.value]
    removes = [button.key for button in app.button if button.label == t("uploads.remove")]
    return slot_uploader(app, slot).value, cards, removes


def test_a_slot_shows_its_file_the_same_way_on_coming_back(page: AppTest) -> None:
    upload(page, "loa", "fullmakt.png", corpus.png_image())
    just_uploaded = slot_shown(page, "loa", "fullmakt.png")
    page.switch_page(NUMBERS).run()
    page.switch_page(DOCUMENTS).run()
    assert slot_shown(page, "loa", "fullmakt.png") == just_uploaded
    assert just_uploaded == (None, [just_uploaded[1][0]], ["remove_loa"])  # one card, one way to remove


def test_the_quote_shows_the_date_of_the_invoice_kept() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    app.date_input(key="invoice_day").set_value(date(2026, 11, 1)).run()  # typed on the quote, no file yet
    app.switch_page(DOCUMENTS).run()
    upload(app, "invoice", "faktura.pdf", corpus.invoice_pdf())
    upload(app, "invoice", "faktura-november.pdf", corpus.invoice_pdf("20.11.2026"))
    app.switch_page(NUMBERS).run()
    assert not app.exception
    assert shown_day(app) == invoice_day(app) == NOVEMBER_20


# --- The numbers step's file ------------------------------------------------------------------

NUMBERS_CSV = b"Kontor;Telefon\nOslo;21234567\nBergen;55123456\n"


@pytest.fixture
def numbers_page() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    return app.segmented_control(key="numbers_source").set_value("file").run()


def upload_numbers(app: AppTest, name: str, data: bytes) -> AppTest:
    return uploader(app, t("numbers.file_label")).set_value((name, data, "text/csv")).run()


def numbers_file_shown(app: AppTest, name: str) -> tuple[object, ...]:
    cards = [shown.value for shown in app.markdown if plain(name) in shown.value]
    removes = [button.key for button in app.button if button.label == t("uploads.remove")]
    return uploader(app, t("numbers.file_label")).value, cards, removes


def test_the_numbers_file_can_be_removed_and_uploaded_again(numbers_page: AppTest) -> None:
    upload_numbers(numbers_page, "nummer.csv", NUMBERS_CSV)
    numbers_page.button(key="remove_numbers").click().run()
    assert numbers_page.session_state["porting_request"].numbers_file is None
    assert uploader(numbers_page, t("numbers.file_label")).value is None
    assert numbers_page.info[0].value == t("numbers.empty")
    upload_numbers(numbers_page, "nummer.csv", NUMBERS_CSV)
    assert not numbers_page.exception
    assert numbers_page.session_state["porting_request"].numbers_file.data == NUMBERS_CSV


def test_the_numbers_file_is_shown_the_same_way_on_coming_back(numbers_page: AppTest) -> None:
    upload_numbers(numbers_page, "nummer.csv", NUMBERS_CSV)
    just_uploaded = numbers_file_shown(numbers_page, "nummer.csv")
    numbers_page.switch_page(DOCUMENTS).run()
    numbers_page.switch_page(NUMBERS).run()
    assert numbers_file_shown(numbers_page, "nummer.csv") == just_uploaded
    assert just_uploaded == (None, [just_uploaded[1][0]], ["remove_numbers"])


def test_a_new_numbers_file_does_not_keep_the_column_given_for_the_one_before(numbers_page: AppTest) -> None:
    upload_numbers(numbers_page, "nummer.csv", NUMBERS_CSV)
    numbers_page.text_input(key="numbers_column").input("Telefon").run()
    upload_numbers(numbers_page, "eksport.csv", b"Nummer\n21234567\n")
    assert numbers_page.session_state["porting_request"].numbers_file.column is None
    assert numbers_page.text_input(key="numbers_column").value == ""
    numbers_page.text_input(key="numbers_column").input("Nummer").run()
    upload_numbers(numbers_page, "eksport.csv", b"Nummer\n21234567\n22334455\n")  # the same file, updated
    assert numbers_page.session_state["porting_request"].numbers_file.column == "Nummer"
