"""The Virtual Caller ID choice through AppTest: asked per mobile number on the numbers step, a
page at a time with "all" and "none", carried into the stored request, and shown in the console."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import document_corpus as corpus
import pytest
from store_fixtures import request_content
from streamlit.testing.v1 import AppTest

import ui.console.page as console
import ui.console.signin
from porting.calendar import oslo_today
from porting.documents.findings import Confirmations
from porting.documents.reading import UploadedDocument, check_upload
from porting.i18n import t, tn
from porting.requests import store
from porting.requests.model import caller_id_numbers
from porting.requests.schema import client_key
from porting.rules import rules
from porting.team import signin
from ui.wizard.submit import shared_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
EDITOR = "caller_id_rows_0"
PASSWORD = "s3cret-fjord-harbour-2027"


def numbers_page(text: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input(text).run()
    assert not app.exception
    return app


def click(app: AppTest, label_key: str) -> AppTest:
    next(button for button in app.button if button.label == t(label_key)).click().run()
    assert not app.exception
    return app


def editor(app: AppTest, key: str = EDITOR) -> Any:
    return next(frame for frame in app.dataframe if frame.key == key).value


def test_each_mobile_number_is_asked_about_and_none_is_chosen_at_first() -> None:
    app = numbers_page("41234567\n21234567\n91234567")
    assert app.subheader.values.count(t("vcid.choice.heading")) == 1
    shown = editor(app)
    assert list(shown["number"]) == ["41 23 45 67", "91 23 45 67"]  # the landline is no choice
    assert list(shown["wanted"]) == [False, False]
    assert t("vcid.choice.summary", chosen=0, declined=2) in app.caption.values


def test_numbers_without_a_mobile_one_ask_nothing() -> None:
    app = numbers_page("21234567\n80012345")
    assert t("vcid.choice.heading") not in app.subheader.values
    assert not [frame for frame in app.dataframe if frame.key == EDITOR]


def test_all_and_none_choose_every_mobile_number_at_once() -> None:
    app = click(numbers_page("41234567\n21234567\n91234567"), "vcid.choice.all")
    assert app.session_state["porting_request"].virtual_caller_id == {"41234567", "91234567"}
    assert list(editor(app)["wanted"]) == [True, True]
    assert t("vcid.choice.summary", chosen=2, declined=0) in app.caption.values
    click(app, "vcid.choice.none")
    assert app.session_state["porting_request"].virtual_caller_id == frozenset()
    assert list(editor(app)["wanted"]) == [False, False]


def test_a_long_list_is_chosen_a_page_at_a_time_and_the_other_pages_keep_their_choice() -> None:
    app = numbers_page("40000000-40000249")
    assert len(editor(app)) == 100
    request = app.session_state["porting_request"]
    request.virtual_caller_id = frozenset({"40000210"})  # as if ticked on the last page
    app.number_input(key="caller_id_page").set_value(3).run()
    assert not app.exception
    last = editor(app, "caller_id_rows_200")
    assert len(last) == 50 and last["number"].iloc[0] == "40 00 02 00"
    assert last["wanted"].iloc[10] and not last["wanted"].iloc[11]
    app.number_input(key="caller_id_page").set_value(1).run()
    assert app.session_state["porting_request"].virtual_caller_id == {"40000210"}
    click(app, "vcid.choice.all")  # every page's numbers, not only those shown
    assert len(app.session_state["porting_request"].virtual_caller_id) == 250


def test_the_quote_is_the_same_whatever_is_chosen() -> None:
    app = numbers_page("41234567\n21234567")
    before = {metric.label: metric.value for metric in app.metric}
    click(app, "vcid.choice.all")
    assert {metric.label: metric.value for metric in app.metric} == before


def _document(slot: str, data: bytes, name: str) -> UploadedDocument:
    checked = check_upload(slot, name, data)
    assert isinstance(checked, UploadedDocument)
    return checked


def test_the_choice_is_stored_with_the_submitted_request() -> None:
    app = numbers_page("21234567\n80012345\n41234567\n91234567")
    request = app.session_state["porting_request"]
    request.virtual_caller_id = frozenset({"91234567"})
    request.company = corpus.DETAILS
    request.documents = {
        "loa": _document("loa", corpus.png_image(), "fullmakt.png"),
        "invoice": _document("invoice", corpus.invoice_pdf(), "faktura.pdf"),
        "registration": _document("registration", corpus.firmaattest_pdf(), "firmaattest.pdf"),
    }
    request.invoice_day = oslo_today() - timedelta(days=3)
    request.confirmations = Confirmations(
        active=frozenset({"21234567", "80012345"}),
        partial_port=False,
        acknowledged=frozenset(ack.key for ack in rules().acknowledgements),
    )
    app.switch_page("pages/5_submit.py").run()
    app.checkbox(key="submit_consent").check().run()
    click(app, "submit.button")
    token = app.session_state["porting_request"].submitted_token
    stored = store.by_token(shared_store(), token or "")
    assert stored is not None
    assert caller_id_numbers(stored.numbers) == ("91 23 45 67",)
    assert {n.display: n.virtual_caller_id for n in stored.numbers if n.type == "mobile"} == {
        "41 23 45 67": False,
        "91 23 45 67": True,
    }


# --- The console ---------------------------------------------------------------------------------


@pytest.fixture
def team(monkeypatch: pytest.MonkeyPatch) -> Any:
    address = f"198.51.100.{uuid.uuid4().int % 250 + 1}-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv(console.PASSWORD_VARIABLE, PASSWORD)
    monkeypatch.setattr(ui.console.signin, "client_address", lambda: address)
    yield
    signin.succeeded(shared_store(), client_key(shared_store(), address))  # leave no count behind


def _submitted(company: str, mobiles: dict[str, bool | None]) -> store.StoredRequest:
    numbers = [
        {"input": "21234567", "line": 1, "e164": "+4721234567", "display": "21 23 45 67",
         "type": "geographic", "area": "Oslo", "portable": True},
    ] + [
        {"input": national, "line": line, "e164": f"+47{national}", "display": national,
         "type": "mobile", "area": None, "portable": False, "virtual_caller_id": wanted}
        for line, (national, wanted) in enumerate(mobiles.items(), start=2)
    ]  # fmt: skip
    receipt = store.submit(
        shared_store(),
        idempotency_key=f"vcid-test-{uuid.uuid4().hex}",
        language="en",
        content=request_content(
            details={"company_name": company, "org_number": "974760673", "city": "Tromsø"}, numbers=numbers
        ),
        documents=[],
    )
    found = store.by_reference(shared_store(), receipt.reference)
    assert found is not None
    return found


def _detail(request: store.StoredRequest) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.switch_page("pages/7_console.py").run()
    app.text_input(key="console_name").input("Kari Teamleder")
    app.text_input(key="console_password").input(PASSWORD)
    click(app, "console.sign_in")
    app.button_group(key="console_view").set_value("requests").run()
    app.text_input(key="console_search").input(request.details.company_name if request.details else "").run()
    app.selectbox(key="console_reference").select(request.reference).run()
    assert not app.exception
    return app


def _numbers_table(app: AppTest) -> Any:
    column = t("console.column.display")
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


@pytest.mark.usefixtures("team")
def test_the_console_shows_which_mobile_numbers_want_a_virtual_caller_id() -> None:
    request = _submitted(f"Mobilfjord {uuid.uuid4().hex[:6]} AS", {"41234567": True, "91234567": False})
    app = _detail(request)
    table = _numbers_table(app)
    wanted = list(table[t("console.column.virtual_caller_id")])
    assert wanted == ["", t("vcid.console.yes"), t("vcid.console.no")]
    shown = [info.value for info in app.info]
    assert tn("vcid.console.numbers", 1, "en", numbers="41234567") in shown


@pytest.mark.usefixtures("team")
def test_the_console_says_when_no_mobile_number_wants_one() -> None:
    request = _submitted(f"Mobilfri {uuid.uuid4().hex[:6]} AS", {"41234567": False})
    app = _detail(request)
    assert t("vcid.console.none") in app.caption.values


@pytest.mark.usefixtures("team")
def test_a_request_stored_before_the_choice_shows_the_numbers_as_before() -> None:
    request = _submitted(f"Gammelfjord {uuid.uuid4().hex[:6]} AS", {"41234567": None})
    app = _detail(request)
    assert t("console.column.virtual_caller_id") not in _numbers_table(app).columns
    assert t("vcid.console.none") not in app.caption.values


def test_the_choice_names_the_brand_the_calls_go_out_on() -> None:
    app = numbers_page("41 23 45 67")
    captions = [caption.value for caption in app.caption]
    assert t("vcid.choice.help") in captions and not [text for text in captions if "{" in text]
    assert any(f" {rules().brand}." in text for text in captions)
