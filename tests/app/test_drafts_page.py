"""The request kept as a draft through AppTest: a kept request comes back from its private link,
with its numbers, company and documents; a wrong link says so; submitting deletes the draft."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
import pytest
from streamlit.testing.v1 import AppTest
from test_submit_page import document, ready_to_submit

from porting.calendar import OSLO
from porting.i18n import format_date, t
from porting.requests import drafts
from ui import plain
from ui.wizard.submit import shared_store

pytestmark = pytest.mark.usefixtures("own_app_store")  # each test has a database of its own

APP = str(Path(__file__).resolve().parents[2] / "app.py")
NUMBERS = "21234567\n80012345"


def kept_notice(app: AppTest) -> list[str]:
    """The sidebar's captions that say the request is kept, or will be once something is entered."""
    days = drafts.Limits().retention_days
    said = {t("journey_drafts.kept", days=days), t("journey_drafts.kept_soon", days=days)}
    return [caption.value for caption in app.sidebar.caption if caption.value in said]


def saved_draft() -> tuple[AppTest, str]:
    """Numbers typed, company details and an invoice given: each kept as it is entered."""
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input(NUMBERS).run()
    request = app.session_state["porting_request"]
    request.company = corpus.DETAILS
    request.documents = {"invoice": document("invoice", corpus.invoice_pdf(), "faktura.pdf")}
    app.run()
    assert not app.exception
    token = app.session_state["porting_request"].draft_token
    assert token
    return app, token


def resumed(token: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["draft"] = token
    return app.run()


def test_a_saved_request_shows_its_private_link() -> None:
    app, token = saved_draft()
    assert [code.value for code in app.sidebar.code] == [f"/?draft={token}"]
    assert [caption.value for caption in app.sidebar.caption][-2:] == [
        t("journey_drafts.kept", days=drafts.Limits().retention_days),
        t("journey_drafts.private"),
    ]


def test_the_link_brings_back_numbers_company_and_documents() -> None:
    _, token = saved_draft()
    app = resumed(token)
    assert not app.exception
    draft = drafts.load(shared_store(), token)
    assert draft is not None
    saved = format_date(draft.updated_at.astimezone(OSLO).date(), "en", "medium")
    assert [success.value for success in app.success] == [t("save_draft.resumed", saved=saved)]
    assert app.text_area[0].value == NUMBERS
    request = app.session_state["porting_request"]
    assert request.draft_token == token
    app.switch_page("pages/2_company.py").run()
    assert app.text_input(key="company_company_name").value == corpus.DETAILS.company_name
    assert app.text_input(key="company_org_number").value == corpus.DETAILS.org_number
    app.switch_page("pages/4_documents.py").run()
    assert request.documents["invoice"].data == draft.documents[0].data
    assert any(plain("faktura.pdf") in shown.value for shown in app.markdown)


def test_saving_again_updates_the_same_draft() -> None:
    _, token = saved_draft()
    app = resumed(token)
    app.text_area[0].input("21234567").run()
    assert app.session_state["porting_request"].draft_token == token
    draft = drafts.load(shared_store(), token)
    assert draft is not None and draft.state["numbers_text"] == "21234567"


def test_the_link_is_taken_once_so_later_changes_stay() -> None:
    _, token = saved_draft()
    app = resumed(token)
    app.text_area[0].input("21234567").run()
    assert app.text_area[0].value == "21234567"
    assert not app.success
    assert app.query_params["draft"] == token  # the address keeps the private token, for a reload


def test_a_wrong_link_says_so_and_fills_in_nothing() -> None:
    app = resumed("not-a-real-token")
    assert not app.exception
    assert [warning.value for warning in app.warning] == [t("save_draft.not_found")]
    assert app.text_area[0].value == ""
    assert app.session_state["porting_request"].draft_token is None


def test_submitting_deletes_the_draft() -> None:
    app = ready_to_submit()
    token = app.session_state["porting_request"].draft_token
    assert drafts.load(shared_store(), token) is not None
    app.checkbox(key="submit_consent").check().run()
    next(button for button in app.button if button.label == t("submit.button")).click().run()
    assert app.session_state["porting_request"].submitted_reference is not None
    assert drafts.load(shared_store(), token) is None
    assert not kept_notice(app)  # nothing left to keep after the submission
    assert not app.sidebar.code
    assert "draft" not in app.query_params


def test_there_is_nothing_to_save_on_the_status_page_or_in_a_demo() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert kept_notice(app)
    app.switch_page("pages/6_status.py").run()
    assert not kept_notice(app)
    app.switch_page("pages/1_numbers.py").run()
    next(button for button in app.sidebar.button if button.label == t("demo.button")).click().run()
    assert not kept_notice(app)


def test_when_drafts_are_full_saving_says_so_and_keeps_what_was_entered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PORTING_DRAFTS_TOTAL_MB", "1")
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input(NUMBERS).run()
    request = app.session_state["porting_request"]
    request.documents = {
        "invoice": document("invoice", corpus.invoice_pdf() + b" " * 1_100_000, "faktura.pdf")
    }
    app.run()
    assert not app.exception
    assert [error.value for error in app.sidebar.error] == [
        f"{t('journey_drafts.not_saved')} {t('drafts.full')}"
    ]
    token = app.session_state["porting_request"].draft_token  # the numbers alone were kept
    draft = drafts.load(shared_store(), token)
    assert draft is not None and not draft.documents
    assert app.session_state["porting_request"].numbers_text == NUMBERS  # nothing typed is lost
