"""Every page shows what a person typed or uploaded as text: no link, heading, icon or colour.

Each test puts hostile text where a person could (a file name, a CSV header, a company name, a
note) and reads the markdown the page sends: the text must be there, escaped by ``ui.plain``,
and Streamlit must find no live markup in it (``markdown_checks`` models its renderer).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import document_corpus as corpus
import pytest
from markdown_checks import live_markup, shown
from store_fixtures import request_content
from streamlit.testing.v1 import AppTest
from test_submit_page import document

from porting.i18n import t
from porting.notify import mail as notify
from porting.requests import store
from ui import plain
from ui.console.page import PASSWORD_VARIABLE
from ui.wizard.submit import shared_store

pytestmark = pytest.mark.usefixtures("own_app_store")

APP = str(Path(__file__).resolve().parents[2] / "app.py")
FILE_NAME = (
    "[Session expired - sign in again](https:evil.example) https://evil%2Eexample/ :material/lock:.pdf"
)
COMPANY = "Blåbær https://evil%2Eexample/ :material/verified: AS"
NOTE = "Call us\n===\n:red[now] at www.evil.example $x$ \u202eexe.pdf"
HEADER = "[Numbers](https://evil.example) :material/call:"


def rendered(app: AppTest) -> list[str]:
    """The markdown of every element that renders it: text, captions, alerts, expander labels."""
    kinds = ("markdown", "caption", "info", "warning", "error", "success", "expander")
    return [
        str(getattr(element, "label", None) or element.value) for kind in kinds for element in app.get(kind)
    ]


def assert_shown_as_text(app: AppTest, typed: str) -> None:
    assert not app.exception
    holding = [source for source in rendered(app) if plain(typed) in source]
    assert holding, f"{typed!r} is not shown escaped"
    for source in holding:
        live = [found for found in live_markup(source) if not found.startswith("emphasis")]
        assert live == [], source
        assert " ".join(typed.replace("\u202e", "").split()) in shown(source)


def test_numbers_page_shows_a_hostile_csv_header_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.segmented_control[0].set_value("file").run()
    data = f"{HEADER};Name\n21234567;Oslo\n".encode()
    app.file_uploader[0].set_value((FILE_NAME.replace(".pdf", ".csv"), data, "text/csv")).run()
    assert_shown_as_text(app, HEADER)


def test_numbers_page_shows_a_hostile_column_asked_for_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.segmented_control[0].set_value("file").run()
    app.file_uploader[0].set_value(
        ("numbers.csv", f"{HEADER};Name\n21234567;Oslo\n".encode(), "text/csv")
    ).run()
    app.text_input(key="numbers_column").input("# Sign in at https://evil.example").run()
    assert_shown_as_text(app, "# Sign in at https://evil.example")
    assert_shown_as_text(app, HEADER)  # the columns it has, in the same message


def test_documents_page_shows_a_hostile_file_name_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run().switch_page("pages/4_documents.py").run()
    uploader = next(widget for widget in app.file_uploader if widget.key == "upload_invoice")
    uploader.set_value((FILE_NAME, corpus.invoice_pdf(), "application/pdf")).run()
    assert_shown_as_text(app, FILE_NAME)


def test_documents_page_names_a_hostile_spoofed_file_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run().switch_page("pages/4_documents.py").run()
    uploader = next(widget for widget in app.file_uploader if widget.key == "upload_invoice")
    uploader.set_value((FILE_NAME, b"PK\x03\x04 not a pdf", "application/pdf")).run()
    assert not app.exception
    errors = [error.value for error in app.error]
    assert errors and all(not live_markup(error) for error in errors)
    assert not any("](" in error for error in errors)


def test_review_shows_a_hostile_company_name_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    request = app.session_state["porting_request"]
    request.company = replace(corpus.DETAILS, company_name=COMPANY, current_provider=HEADER)
    app.switch_page("pages/5_submit.py").run()
    assert_shown_as_text(app, COMPANY)
    assert_shown_as_text(app, HEADER)


def submitted(company: str, note: str = "") -> store.StoredRequest:
    receipt = store.submit(
        shared_store(),
        idempotency_key=f"plain-{company}-{note}",
        language="en",
        content=request_content(
            details={"company_name": company, "org_number": "974760673", "email": "kari@example.no"},
            numbers=[{"input": "21234567", "line": 1, "e164": "+4721234567", "display": "21 23 45 67",
                      "type": "geographic", "area": "Oslo", "portable": True}],
            preflight=[],
        ),
        documents=[document("invoice", corpus.invoice_pdf(), FILE_NAME)],
    )  # fmt: skip
    found = store.by_reference(shared_store(), receipt.reference)
    assert found is not None
    if note:
        found = store.change_status(
            shared_store(), found, store.UNDER_REVIEW, actor="porting team", note=note
        )
    return found


@pytest.fixture
def console(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret")
    monkeypatch.setenv(notify.TEAM_EMAIL_VARIABLE, "porting-team@example.no")  # its notices name the company
    app = AppTest.from_file(APP, default_timeout=30).run().switch_page("pages/7_console.py").run()
    app.text_input(key="console_password").input("s3cret")
    next(button for button in app.button if button.label == t("console.sign_in")).click().run()
    assert not app.exception
    return app


def test_a_draft_link_shows_a_hostile_file_name_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    request = app.session_state["porting_request"]
    request.company = replace(corpus.DETAILS, company_name=COMPANY)
    request.documents = {"invoice": document("invoice", corpus.invoice_pdf(), FILE_NAME)}
    next(button for button in app.sidebar.button if button.label == t("save_draft.button")).click().run()
    token = app.session_state["porting_request"].draft_token
    opened = AppTest.from_file(APP, default_timeout=30)
    opened.query_params["draft"] = token
    opened.run().switch_page("pages/4_documents.py").run()
    assert_shown_as_text(opened, FILE_NAME)
    opened.switch_page("pages/5_submit.py").run()
    assert_shown_as_text(opened, COMPANY)
