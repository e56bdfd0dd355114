"""The porting team's console through AppTest: the password, the queue, one request and its status.

The console is reached as the navigation lists it (``pages/7_console.py``). Requests go into the
test session's database (``PORTING_DATA_DIR``), each with an idempotency key of its own, and each
test searches for its own company so that the others' requests do not matter.
"""

from __future__ import annotations

import io
import json
import time
import uuid
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import ui.console as console
from porting import store
from porting.documents import UploadedDocument
from porting.i18n import LANGUAGES, catalogue, t, tn
from ui.submit import shared_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "pages/7_console.py"
PASSWORD = "s3cret"
SATURDAY = date(2027, 1, 9)
MONDAY = date(2027, 1, 11)
PDF = b"%PDF-1.4\n% console test\n"


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(console.PASSWORD_VARIABLE, PASSWORD)
    return PASSWORD


def submitted(company: str, documents: tuple[UploadedDocument, ...] = (), opened: Any = None) -> Any:
    """A request of ``company`` in the store, as the console reads it."""
    target = opened or shared_store()
    receipt = store.submit(
        target,
        idempotency_key=f"console-test-{uuid.uuid4().hex}",
        language="en",
        details={"company_name": company, "org_number": "974760673", "city": "Tromsø"},
        numbers=[
            {"input": "21234567", "line": 1, "e164": "+4721234567", "display": "21 23 45 67",
             "type": "geographic", "area": "Oslo", "portable": True},
            {"input": "80012345", "line": 2, "e164": "+4780012345", "display": "800 12 345",
             "type": "toll_free", "area": None, "portable": False},
        ],
        quote={"total": "55.00", "currency": "EUR"},
        timeline={"start": "2026-11-24", "estimated_porting_day": "2026-12-08",
                  "confirmation_window": ["2026-12-03", "2026-12-07"], "business_days": 10, "holidays": []},
        preflight=[{"reason": "Missing registration", "status": "ok", "finding": "Found.", "fix": "None."}],
        documents=list(documents),
    )  # fmt: skip
    found = store.by_reference(target, receipt.reference)
    assert found is not None
    return found


def pdf(slot: str, name: str) -> UploadedDocument:
    return UploadedDocument(slot=slot, name=name, kind="pdf", size=len(PDF), pages=1, data=PDF)


def open_console() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.switch_page(PAGE).run()
    assert not app.exception
    return app


def button(app: AppTest, key: str) -> Any:
    return next(item for item in app.button if item.label == t(key))


def sign_in(app: AppTest, password: str = PASSWORD) -> AppTest:
    app.text_input(key="console_password").input(password)
    button(app, "console.sign_in").click().run()
    assert not app.exception
    return app


def is_signed_in(app: AppTest) -> bool:
    try:
        return bool(app.session_state[console.SIGNED_IN])
    except KeyError:
        return False


def signed_in() -> AppTest:
    app = sign_in(open_console())
    assert is_signed_in(app)
    return app


def choose(app: AppTest, request: store.StoredRequest) -> AppTest:
    app.text_input(key="console_search").input(request.details["company_name"]).run()
    app.selectbox(key="console_reference").select(request.reference).run()
    assert not app.exception
    return app


def change(app: AppTest, request: store.StoredRequest, status: str, note: str = "", **fields: Any) -> AppTest:
    prefix = f"console_change_{request.id}_{request.status}"
    app.selectbox(key=f"{prefix}_status").select(status).run()
    if "porting_date" in fields:
        app.date_input(key=f"{prefix}_date").set_value(fields["porting_date"])
    if "reason" in fields:
        app.selectbox(key=f"{prefix}_reason").select(fields["reason"])
    app.text_area(key=f"{prefix}_note").input(note)
    app.button(key=f"{prefix}_button").click().run()
    assert not app.exception
    return app


def table_texts(app: AppTest) -> str:
    return "\n".join(frame.value.to_string() for frame in app.dataframe)


# --- Signing in ------------------------------------------------------------------------------


def test_without_a_password_the_console_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(console.PASSWORD_VARIABLE)
    app = open_console()
    assert app.title[0].value == t("console.title")
    assert [info.value for info in app.info] == [t("console.disabled")]
    assert not app.text_input


def test_a_wrong_password_is_refused() -> None:
    app = sign_in(open_console(), "guess")
    assert not is_signed_in(app)
    assert [error.value for error in app.error] == [tn("console.wrong_password", console.MAX_ATTEMPTS - 1)]
    assert not app.dataframe


def test_five_wrong_passwords_lock_the_sign_in_for_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_console()
    for _ in range(console.MAX_ATTEMPTS):
        sign_in(app, "guess")
    assert [error.value for error in app.error] == [tn("console.locked", console.LOCKOUT_SECONDS)]
    app.run()  # still locked: nobody can even type the password
    waiting = {tn("console.locked", seconds) for seconds in range(1, console.LOCKOUT_SECONDS + 1)}
    assert app.error[0].value in waiting
    assert app.text_input(key="console_password").disabled and button(app, "console.sign_in").disabled
    later = time.monotonic() + console.LOCKOUT_SECONDS + 1
    monkeypatch.setattr(console, "_now", lambda: later)
    app.run()
    assert not app.error
    sign_in(app)
    assert is_signed_in(app)


def test_the_password_may_come_from_the_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(console.PASSWORD_VARIABLE)
    app = AppTest.from_file(APP, default_timeout=30)
    app.secrets[console.SECRET_NAME] = "from-secrets"
    app.run().switch_page(PAGE).run()
    sign_in(app, PASSWORD)
    assert app.error
    sign_in(app, "from-secrets")
    assert is_signed_in(app)


def test_signing_out_asks_for_the_password_again() -> None:
    app = signed_in()
    button(app, "console.sign_out").click().run()
    assert app.text_input(key="console_password")
    assert not app.dataframe


# --- The queue and one request ---------------------------------------------------------------


def test_the_queue_lists_a_submitted_request_and_filters_it() -> None:
    request = submitted(f"Køtest {uuid.uuid4().hex[:8]} AS")
    app = signed_in()
    assert request.reference in app.dataframe[0].value[t("console.column.reference")].tolist()
    app.text_input(key="console_search").input(request.details["company_name"]).run()
    queue = app.dataframe[0].value
    assert queue[t("console.column.reference")].tolist() == [request.reference]
    assert queue[t("console.column.status")].tolist() == [console.status_label(store.RECEIVED)]
    assert queue[t("console.column.numbers")].tolist() == [2]
    app.selectbox(key="console_status").select(store.ACCEPTED).run()
    assert [info.value for info in app.info] == [t("console.queue.none")]


def test_choosing_a_request_shows_its_details() -> None:
    request = submitted(f"Detaljer {uuid.uuid4().hex[:8]} AS", (pdf("invoice", "faktura_*mars*.pdf"),))
    app = choose(signed_in(), request)
    assert app.subheader[0].value == t("console.detail.heading", reference=request.reference)
    texts = table_texts(app)
    for shown in (request.details["company_name"], "Tromsø", "21 23 45 67", t("type.toll_free")):
        assert shown in texts
    markdown = [item.value for item in app.markdown]
    assert t("console.detail.quote_total", total="€55\\.00") in markdown
    slot = t("uploads.slot.invoice")
    assert t("console.detail.document", slot=slot, name="faktura\\_\\*mars\\*\\.pdf", size="24") in markdown
    downloads = app.get("download_button")
    assert len(downloads) == 2  # the document and the export


def test_changing_the_status_records_an_event() -> None:
    request = submitted(f"Behandling {uuid.uuid4().hex[:8]} AS")
    app = change(choose(signed_in(), request), request, store.UNDER_REVIEW, note="Checking the <numbers>")
    trail = store.events(shared_store(), request)
    assert [(event.status, event.actor, event.note) for event in trail][-1] == (
        store.UNDER_REVIEW, console.ACTOR, "Checking the <numbers>",
    )  # fmt: skip
    status = console.status_label(store.UNDER_REVIEW)
    assert app.success[0].value == t("console.change.done", reference=request.reference, status=status)
    assert "Checking the <numbers>" in table_texts(app)
    assert t("console.actor.porting_team") in table_texts(app)


def test_accepting_on_a_saturday_shows_the_stores_error_then_a_business_day_is_accepted() -> None:
    request = submitted(f"Lørdag {uuid.uuid4().hex[:8]} AS")
    for status in (store.UNDER_REVIEW, store.SUBMITTED_TO_CARRIER):
        request = store.change_status(shared_store(), request, status, actor="test")
    app = change(choose(signed_in(), request), request, store.ACCEPTED, porting_date=SATURDAY)
    assert [error.value for error in app.error] == [
        t("store.porting_date.not_business_day", day=SATURDAY.isoformat())
    ]
    assert store.by_reference(shared_store(), request.reference).status == store.SUBMITTED_TO_CARRIER
    change(app, request, store.ACCEPTED, porting_date=MONDAY)
    accepted = store.by_reference(shared_store(), request.reference)
    assert (accepted.status, accepted.porting_date) == (store.ACCEPTED, MONDAY)


def test_rejecting_needs_a_reason_and_the_reason_shows_in_the_trail() -> None:
    request = submitted(f"Avvist {uuid.uuid4().hex[:8]} AS")
    app = change(choose(signed_in(), request), request, store.REJECTED, note="Number is gone")
    assert [error.value for error in app.error] == [t("console.change.reason_required")]
    change(app, request, store.REJECTED, note="Number is gone", reason="inactive_number")
    rejected = store.by_reference(shared_store(), request.reference)
    assert (rejected.status, rejected.rejection_reason) == (store.REJECTED, "inactive_number")
    texts = table_texts(app)
    assert console.status_label(store.REJECTED) in texts and "Number is gone" in texts
    assert t("console.detail.rejection", issue="Inactive number") in [item.value for item in app.markdown]
    final = t("console.change.final", status=console.status_label(store.REJECTED))
    assert final in [caption.value for caption in app.caption]


def test_the_choices_are_only_the_allowed_next_statuses() -> None:
    request = submitted(f"Valg {uuid.uuid4().hex[:8]} AS")
    app = choose(signed_in(), request)
    choices = app.selectbox(key=f"console_change_{request.id}_{store.RECEIVED}_status").options
    allowed = sorted(store.allowed_transitions[store.RECEIVED], key=store.STATUSES.index)
    assert choices == [console.status_label(status) for status in allowed]


# --- The export and the texts ----------------------------------------------------------------


def test_the_export_holds_the_documents_and_a_manifest_and_lists_purged_ones() -> None:
    opened = store.open_store("sqlite://", clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
    try:
        request = submitted("Eksport AS", (pdf("loa", "../fullmakt.pdf"), pdf("invoice", "f.pdf")), opened)
        with zipfile.ZipFile(io.BytesIO(console.export_zip(opened, request))) as archive:
            assert sorted(archive.namelist()) == ["invoice-1.pdf", "loa-1.pdf", "manifest.json"]
            assert archive.read("loa-1.pdf") == PDF
            manifest = json.loads(archive.read("manifest.json"))
        assert manifest["request"]["reference"] == request.reference and "token" not in manifest["request"]
        assert [entry["name"] for entry in manifest["documents"]] == ["../fullmakt.pdf", "f.pdf"]
        store.change_status(opened, request, store.CANCELLED, actor="test")
        store.purge(opened, retention_days=0, today=date(2026, 11, 25))
        purged = store.by_reference(opened, request.reference)
        with zipfile.ZipFile(io.BytesIO(console.export_zip(opened, purged))) as archive:
            assert archive.namelist() == ["manifest.json"]
            manifest = json.loads(archive.read("manifest.json"))
        assert [entry["purged"] for entry in manifest["documents"]] == [True, True]
    finally:
        opened.close()


def test_every_status_and_actor_has_a_label_in_both_languages() -> None:
    for language in LANGUAGES:
        names = catalogue(language)
        assert [status for status in store.STATUSES if f"console.status.{status}" not in names] == []
        assert "console.actor.porting_team" in names
    assert set(console.STATUS_ICONS) == set(store.STATUSES)
