"""The pre-flight rows on the documents step and at review, through AppTest: each row is named
for its check and says its state; nothing is a problem before the customer has uploaded."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
from streamlit.testing.v1 import AppTest

from porting.documents.reading import UploadedDocument, check_upload
from porting.i18n import t

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def opened(page: str, *, norwegian: bool = False) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    if norwegian:
        app.sidebar.selectbox(key="language").select_index(1).run()
    app.text_area[0].input("21234567\n80012345").run()
    app.session_state["porting_request"].company = corpus.DETAILS
    return app.switch_page(page).run()


def rows(app: AppTest) -> list[str]:
    return [block.value for block in app.markdown if " · " in block.value and "**" in block.value]


def test_before_any_upload_each_document_is_not_uploaded_yet_in_its_own_row() -> None:
    app = opened("pages/4_documents.py")
    assert not app.exception
    shown = rows(app)
    assert ":material/description: **Letter of authorization** · Not uploaded yet" in shown
    assert ":material/description: **Invoice date** · Not uploaded yet" in shown
    assert ":material/description: **Company registration** · Not uploaded yet" in shown
    # No problem before there is a chance.
    assert not [row for row in shown if row.startswith(":material/block:")]
    assert not [row for row in shown if "Mismatched info" in row]  # a reason is secondary text
    assert "Checks for the rejection reason “Mismatched info”." in [caption.value for caption in app.caption]


def test_the_blockers_ask_for_each_missing_document_by_name() -> None:
    app = opened("pages/4_documents.py")
    blocked = app.warning[-1].value
    assert t("checks.blocking.upload.loa") in blocked
    assert t("checks.blocking.upload.invoice") in blocked
    assert "Mismatched info" not in blocked


def document(slot: str, data: bytes, name: str) -> UploadedDocument:
    checked = check_upload(slot, name, data)
    assert isinstance(checked, UploadedDocument)
    return checked


def test_a_problem_row_names_the_check_and_the_reason_it_would_be_rejected_for() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567\n21998877").run()  # the second is not on the invoice
    request = app.session_state["porting_request"]
    request.company = corpus.DETAILS
    request.documents = {"invoice": document("invoice", corpus.invoice_pdf(), "faktura.pdf")}
    app.switch_page("pages/4_documents.py").run()
    assert ":material/block: **Numbers on the invoice** · Must be fixed" in rows(app)
    assert ":material/check_circle: **Account holder on the invoice** · Checked and fine" in rows(app)
    captions = [caption.value for caption in app.caption]
    assert "The provider would reject the request as “Mismatched info”." in captions


def test_the_rows_read_in_bokmal() -> None:
    app = opened("pages/4_documents.py", norwegian=True)
    assert ":material/description: **Fullmakt** · Ikke lastet opp ennå" in rows(app)


def test_review_names_what_is_missing_by_document_not_by_reason() -> None:
    app = opened("pages/5_submit.py")
    assert not app.exception
    warnings = [warning.value for warning in app.warning]
    assert t("checks.blocking.upload.loa") in warnings
    assert not [warning for warning in warnings if "Mismatched info" in warning]
