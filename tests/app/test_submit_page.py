"""Review & submit and the status page through AppTest: blocked until ready, submitted once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import document_corpus as corpus
from streamlit.testing.v1 import AppTest

from porting.calendar import oslo_today
from porting.documents.findings import Confirmations
from porting.documents.reading import UploadedDocument, check_upload
from porting.i18n import t
from porting.requests import store
from porting.rules import rules
from ui.wizard.submit import shared_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def document(slot: str, data: bytes, name: str) -> UploadedDocument:
    checked = check_upload(slot, name, data)
    assert isinstance(checked, UploadedDocument)
    return checked


def ready_to_submit() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567\n80012345").run()
    request = app.session_state["porting_request"]
    request.company = corpus.DETAILS
    request.documents = {
        "loa": document("loa", corpus.png_image(), "fullmakt.png"),  # a scan: cannot be checked, only warned
        "invoice": document("invoice", corpus.invoice_pdf(), "faktura.pdf"),
        "registration": document("registration", corpus.firmaattest_pdf(), "firmaattest.pdf"),
    }
    # Submitting is always today: an invoice of three days ago is recent enough whatever the date.
    request.invoice_day = oslo_today() - timedelta(days=3)
    request.confirmations = Confirmations(
        active=frozenset({"21234567", "80012345"}),
        partial_port=False,
        acknowledged=frozenset(ack.key for ack in rules().acknowledgements),
    )
    return app.switch_page("pages/5_submit.py").run()


def test_nothing_to_submit_says_what_is_missing_and_links_there() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run().switch_page("pages/5_submit.py").run()
    assert not app.exception
    assert t("submit.missing_numbers") in [warning.value for warning in app.warning]
    assert not [button for button in app.button if button.label == t("submit.button")]


def test_a_demo_is_never_submitted() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    next(button for button in app.sidebar.button if button.label == t("demo.button")).click().run()
    app.switch_page("pages/5_submit.py").run()
    assert app.info[-1].value == t("submit.demo")
    assert not [button for button in app.button if button.label == t("submit.button")]  # the sandbox's only


def test_a_complete_request_is_submitted_once_and_its_status_link_works() -> None:
    app = ready_to_submit()
    assert not app.exception
    submit = next(button for button in app.button if button.label == t("submit.button"))
    assert submit.disabled  # consent first
    app.checkbox(key="submit_consent").check().run()
    next(button for button in app.button if button.label == t("submit.button")).click().run()
    assert not app.exception
    request = app.session_state["porting_request"]
    reference, token = request.submitted_reference, request.submitted_token
    assert reference is not None and reference.startswith("NO-") and token
    assert app.success[0].value == t("submit.received", reference=reference)
    stored = store.by_token(shared_store(), token)
    assert stored is not None and stored.reference == reference
    assert {document.slot for document in stored.documents} == {"loa", "invoice", "registration"}
    app.switch_page("pages/5_submit.py").run()  # a reload shows the receipt again, nothing new is stored
    assert len(store.list_requests(shared_store(), search=reference)) == 1

    status = AppTest.from_file(APP, default_timeout=30)
    status.query_params["token"] = token
    status.run().switch_page("pages/6_status.py").run()
    assert not status.exception
    assert status.subheader[0].value == t("request_status.reference", reference=reference)


def test_a_wrong_status_link_shows_nothing() -> None:
    status = AppTest.from_file(APP, default_timeout=30)
    status.query_params["token"] = "not-a-real-token"
    status.run().switch_page("pages/6_status.py").run()
    assert status.info[0].value == t("request_status.not_found")
