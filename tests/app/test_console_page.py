"""The porting team's console through AppTest: the password, the queue, one request, its status,
its numbers one by one, its documents, and the outbox of notices.

The console is reached as the navigation lists it (``pages/7_console.py``). Requests go into the
test session's database (``PORTING_DATA_DIR``), each with an idempotency key of its own, and each
test searches for its own company so that the others' requests do not matter.
"""

from __future__ import annotations

import io
import json
import logging
import os
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from mail_server import free_port, serve_mail
from samples import CONSOLE_MEMBER as MEMBER, MAIL_SENDER
from sqlalchemy import select
from store_fixtures import request_content
from streamlit.testing.v1 import AppTest

import ui.console.page as console
import ui.console.signin
import ui.console.tabs as console_tabs
import ui.mail
from porting import notify
from porting.documents.reading import UploadedDocument
from porting.i18n import LANGUAGES, catalogue, format_date, t, tn
from porting.requests import outbox, store
from porting.requests.archive import export_archive
from porting.requests.schema import OutboxRow, client_key, transaction
from porting.team import audit, signin
from porting.team.members import ADMIN, Member
from ui import plain
from ui.console.common import oslo_time
from ui.wizard.submit import shared_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "pages/7_console.py"
PASSWORD = "s3cret-fjord-harbour-2027"  # at least console.MIN_PASSWORD_LENGTH
SATURDAY = date(2027, 1, 9)
MONDAY = date(2027, 1, 11)
PDF = b"%PDF-1.4\n% console test\n"


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(console.PASSWORD_VARIABLE, PASSWORD)
    return PASSWORD


@dataclass
class Clock:
    """This test's client (an address of its own, so no other test's wrong passwords count) and
    the time the sign-in sees."""

    address: str
    now: datetime


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    own = Clock(f"198.51.100.{uuid.uuid4().int % 250 + 1}-{uuid.uuid4().hex[:8]}", datetime.now(UTC))
    monkeypatch.setattr(ui.console.signin, "client_address", lambda: own.address)
    monkeypatch.setattr(ui.console.signin, "_now", lambda: own.now)
    yield own
    signin.succeeded(shared_store(), client_key(shared_store(), own.address))  # leave no count behind


def submitted(
    company: str, documents: tuple[UploadedDocument, ...] = (), opened: Any = None, email: str = ""
) -> Any:
    """A request of ``company`` in the store, as the console reads it; with ``email``, it gets notices."""
    target = opened or shared_store()
    details = {"company_name": company, "org_number": "974760673", "city": "Tromsø"}
    receipt = store.submit(
        target,
        idempotency_key=f"console-test-{uuid.uuid4().hex}",
        language="en",
        content=request_content(
            details=details | ({"email": email} if email else {}),
            numbers=[
                {"input": "21234567", "line": 1, "e164": "+4721234567", "display": "21 23 45 67",
                 "type": "geographic", "area": "Oslo", "portable": True},
                {"input": "80012345", "line": 2, "e164": "+4780012345", "display": "800 12 345",
                 "type": "toll_free", "area": None, "portable": False},
            ],
            quote={"total": "55.00", "currency": "EUR"},
            timeline={"start": "2026-11-24", "estimated_porting_day": "2026-12-08", "business_days": 10,
                      "confirmation_window": ["2026-12-03", "2026-12-07"], "holidays": []},
            preflight=[("missing_registration", "ok")],
        ),
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


def sign_in(app: AppTest, password: str = PASSWORD, name: str = MEMBER, *, to_queue: bool = True) -> AppTest:
    app.text_input(key="console_name").input(name)
    app.text_input(key="console_password").input(password)
    button(app, "console.sign_in").click().run()
    assert not app.exception
    if to_queue and is_signed_in(app):  # the console opens on the dashboard: the tests work the queue
        app.button_group(key="console_view").set_value(console.REQUESTS).run()
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
    app.text_input(key="console_search").input(request.details.company_name).run()
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


def decide(
    app: AppTest,
    request: store.StoredRequest,
    numbers: list[str],
    decision: str,
    where: str = "",
    note: str = "",
) -> AppTest:
    """Decide on ``numbers`` (E.164) of ``request`` in the numbers tab: accepted or a reason's key."""
    prefix = f"console_decide_{request.id}"
    app.multiselect(key=f"{prefix}_numbers").set_value(numbers)
    app.selectbox(key=f"{prefix}_decision").select(decision).run()
    if where:
        app.radio(key=f"{prefix}_where").set_value(where)
    app.text_input(key=f"{prefix}_note").input(note)
    app.button(key=f"{prefix}_button").click().run()
    assert not app.exception
    return app


def stored(request: store.StoredRequest) -> store.StoredRequest:
    found = store.by_reference(shared_store(), request.reference)
    assert found is not None
    return found


def decisions_of(request: store.StoredRequest) -> list[tuple[str, str | None, str | None]]:
    return [(n.e164, n.decision, n.reason) for n in stored(request).numbers]


def markdown_texts(app: AppTest) -> list[str]:
    return [item.value for item in app.markdown]


# --- Signing in ------------------------------------------------------------------------------


def test_without_a_password_the_console_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(console.PASSWORD_VARIABLE)
    app = open_console()
    assert app.title[0].value == t("console.title")
    assert [info.value for info in app.info] == [t("console.disabled")]
    assert not app.text_input


def test_a_password_shorter_than_sixteen_characters_keeps_the_console_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(console.PASSWORD_VARIABLE, "x" * (console.MIN_PASSWORD_LENGTH - 1))
    app = open_console()
    assert [info.value for info in app.info] == [
        t("console.signin.too_short", minimum=console.MIN_PASSWORD_LENGTH)
    ]
    assert not app.text_input and not is_signed_in(app)
    monkeypatch.setenv(console.PASSWORD_VARIABLE, "x" * console.MIN_PASSWORD_LENGTH)
    app = open_console()
    assert not app.info and app.text_input(key="console_password")


def test_a_wrong_password_is_refused() -> None:
    app = sign_in(open_console(), "guess")
    assert not is_signed_in(app)
    assert [error.value for error in app.error] == [t("console.signin.wrong")]
    assert not app.dataframe


def refusal_now(clock: Clock) -> signin.Refusal | None:
    """What the console refuses this test's client now (the database's count)."""
    return signin.refusal(shared_store(), client_key(shared_store(), clock.address), clock.now)


def test_wrong_passwords_from_fresh_sessions_keep_counting_and_the_right_one_waits(clock: Clock) -> None:
    for _ in range(signin.Limits().delay_after - 1):
        app = sign_in(open_console(), "guess")  # a new browser session each time
        assert [error.value for error in app.error] == [t("console.signin.wrong")]
    waiting = open_console()  # opened before the wait begins: its form is still open
    assert not waiting.text_input(key="console_password").disabled
    app = sign_in(open_console(), "guess")
    refused = refusal_now(clock)
    assert refused is not None and refused.reason == signin.WAIT
    assert [error.value for error in app.error] == [tn("console.signin.wait", 2)]
    sign_in(waiting)  # the right password, during the wait
    assert not is_signed_in(waiting)
    assert [error.value for error in waiting.error] == [tn("console.signin.wait", 2)]
    fresh = open_console()
    assert fresh.text_input(key="console_password").disabled and button(fresh, "console.sign_in").disabled
    clock.now = refused.until
    assert is_signed_in(sign_in(open_console()))


def test_a_locked_out_client_is_refused_the_right_password_until_the_lockout_ends(clock: Clock) -> None:
    def wait_out() -> None:
        waited = refusal_now(clock)
        clock.now = waited.until if waited else clock.now

    for _ in range(signin.Limits().lockout_after - 1):
        wait_out()
        sign_in(open_console(), "guess")
    wait_out()
    early = open_console()  # opened before the lockout: its form is still open
    sign_in(open_console(), "guess")
    locked = refusal_now(clock)
    assert locked is not None and locked.reason == signin.LOCKED
    clock.now = locked.until - timedelta(seconds=1)
    sign_in(early)  # the right password, during the lockout
    assert not is_signed_in(early)
    assert [error.value for error in early.error] == [tn("console.signin.locked", 1)]
    assert open_console().text_input(key="console_password").disabled
    clock.now = locked.until
    assert is_signed_in(sign_in(open_console()))


def test_signing_in_forgets_the_clients_wrong_passwords(clock: Clock) -> None:
    for _ in range(signin.Limits().delay_after - 1):
        sign_in(open_console(), "guess")
    app = signed_in()
    button(app, "console.sign_out").click().run()
    for _ in range(signin.Limits().delay_after - 1):
        sign_in(app, "guess")
        assert [error.value for error in app.error] == [t("console.signin.wrong")]
    assert refusal_now(clock) is None


def test_the_log_names_each_attempt_without_the_password_or_the_address(
    clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="ui.console.signin")
    sign_in(open_console(), "guess-Ola-typed")
    signed_in()
    messages = [record.getMessage() for record in caplog.records if record.name == "ui.console.signin"]
    logged = client_key(shared_store(), clock.address)[:12]
    assert messages == [
        f"console: wrong password (client {logged}, 1 in a row)",
        f"console: signed in (client {logged})",
    ]
    everything = "\n".join(messages) + caplog.text
    assert "guess-Ola-typed" not in everything and PASSWORD not in everything
    assert clock.address not in everything


def test_the_password_may_come_from_the_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(console.PASSWORD_VARIABLE)
    app = AppTest.from_file(APP, default_timeout=30)
    app.secrets[console.SECRET_NAME] = "from-the-secrets-file"
    app.run().switch_page(PAGE).run()
    sign_in(app, PASSWORD)
    assert app.error
    sign_in(app, "from-the-secrets-file")
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
    app.text_input(key="console_search").input(request.details.company_name).run()
    queue = app.dataframe[0].value
    assert queue[t("console.column.reference")].tolist() == [request.reference]
    assert queue[t("console.column.status")].tolist() == [console.status_label(store.RECEIVED)]
    # Only the portable number is to port: the sample's second is marked not portable
    assert queue[t("console.column.to_port")].tolist() == [1]
    assert queue[t("console.column.not_to_port")].tolist() == [1]
    app.selectbox(key="console_status").select(store.ACCEPTED).run()
    assert [info.value for info in app.info] == [t("console.queue.none")]


def test_choosing_a_request_shows_its_details() -> None:
    request = submitted(f"Detaljer {uuid.uuid4().hex[:8]} AS", (pdf("invoice", "faktura_*mars*.pdf"),))
    app = choose(signed_in(), request)
    assert app.subheader[0].value == t("console.detail.heading", reference=request.reference)
    texts = table_texts(app)
    for shown in (request.details.company_name, "Tromsø", "21 23 45 67", t("type.toll_free")):
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
        store.UNDER_REVIEW, MEMBER, "Checking the <numbers>",
    )  # fmt: skip
    status = console.status_marked(store.UNDER_REVIEW)  # in text: with its Material icon
    assert app.success[0].value == t("console.change.done", reference=request.reference, status=status)
    assert "Checking the <numbers>" in table_texts(app)
    assert MEMBER in table_texts(app)  # the history names who changed it


def test_accepting_on_a_saturday_asks_to_confirm_then_a_business_day_is_accepted() -> None:
    request = submitted(f"Lørdag {uuid.uuid4().hex[:8]} AS")
    for status in (store.UNDER_REVIEW, store.SUBMITTED_TO_CARRIER):
        request = store.change_status(shared_store(), request, status, actor="test")
    app = change(choose(signed_in(), request), request, store.ACCEPTED, porting_date=SATURDAY)
    # A warning to confirm now, no longer a refusal (tests/app/test_console_days_page.py confirms it)
    assert [error.value for error in app.error] == [t("journey_console.confirm_first")]
    assert [warning.value for warning in app.warning] == [
        t("journey_console.warning.weekend", day=format_date(SATURDAY, "en"))
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
    final = t("console.change.final", status=console.status_marked(store.REJECTED))
    assert final in [caption.value for caption in app.caption]


def test_the_choices_are_only_the_allowed_next_statuses() -> None:
    request = submitted(f"Valg {uuid.uuid4().hex[:8]} AS")
    app = choose(signed_in(), request)
    choices = app.selectbox(key=f"console_change_{request.id}_{store.RECEIVED}_status").options
    allowed = sorted(store.allowed_transitions[store.RECEIVED], key=store.STATUSES.index)
    assert choices == [console.status_label(status) for status in allowed]


# --- The export ----------------------------------------------------------------


def test_the_export_holds_the_documents_and_a_manifest_and_lists_purged_ones() -> None:
    # The console's ZIP download is the CLI's archive (porting.requests.archive.export_archive).
    opened = store.open_store("sqlite://", clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
    try:
        request = submitted("Eksport AS", (pdf("loa", "../fullmakt.pdf"), pdf("invoice", "f.pdf")), opened)
        with zipfile.ZipFile(io.BytesIO(export_archive(opened, request).data)) as archive:
            assert sorted(archive.namelist()) == ["invoice-1.pdf", "loa-1.pdf", "manifest.json"]
            assert archive.read("loa-1.pdf") == PDF
            manifest = json.loads(archive.read("manifest.json"))
        assert manifest["request"]["reference"] == request.reference and "token" not in manifest["request"]
        assert [entry["name"] for entry in manifest["documents"]] == ["../fullmakt.pdf", "f.pdf"]
        store.change_status(opened, request, store.CANCELLED, actor="test")
        store.purge(opened, retention_days=0, today=date(2026, 11, 25))
        purged = store.by_reference(opened, request.reference)
        with zipfile.ZipFile(io.BytesIO(export_archive(opened, purged).data)) as archive:
            assert archive.namelist() == ["manifest.json"]
            manifest = json.loads(archive.read("manifest.json"))
        assert [entry["purged"] for entry in manifest["documents"]] == [True, True]
    finally:
        opened.close()


# --- Numbers one by one ----------------------------------------------------------------------

TOLL_FREE, GEOGRAPHIC = "+4780012345", "+4721234567"


def test_a_rejected_number_can_stay_in_the_request_while_the_other_is_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mailed: list[Any] = []
    monkeypatch.setattr(ui.mail, "deliver_soon", mailed.append)
    request = submitted(f"Nummer {uuid.uuid4().hex[:8]} AS")
    app = choose(signed_in(), request)
    assert app.button(key=f"console_decide_{request.id}_button").disabled  # nothing chosen yet
    assert t("console.decision.none") in table_texts(app)
    decide(app, request, [TOLL_FREE], "inactive_number", where=console.KEEP, note="Number is <gone>")
    assert decisions_of(request) == [(GEOGRAPHIC, None, None), (TOLL_FREE, "rejected", "inactive_number")]
    assert app.success[0].value == tn("console.decide.done", 1, reference=request.reference)
    texts = table_texts(app)
    assert t("console.decision.rejected") in texts and "Inactive number" in texts  # a table: words
    assert "Number is <gone>" in texts  # the audit trail
    decide(app, request, [GEOGRAPHIC], store.ACCEPTED_NUMBER)
    assert decisions_of(request)[0] == (GEOGRAPHIC, "accepted", None)
    assert t("console.decision.accepted") in table_texts(app)
    assert stored(request).status == store.RECEIVED and store.split_requests(shared_store(), request) == ()
    assert mailed == [shared_store(), shared_store()]  # each decision sends what it queued


def test_rejected_numbers_can_move_to_a_new_request_that_the_detail_links_both_ways() -> None:
    request = submitted(f"Deling {uuid.uuid4().hex[:8]} AS")
    app = decide(choose(signed_in(), request), request, [TOLL_FREE], "inactive_number", where=console.SPLIT)
    (moved,) = store.split_requests(shared_store(), request)
    assert [number.e164 for number in stored(request).numbers] == [GEOGRAPHIC]
    assert (moved.status, moved.rejection_reason, moved.split_from) == (
        store.REJECTED, "inactive_number", request.reference,
    )  # fmt: skip
    assert app.success[0].value == " ".join(
        (
            tn("console.decide.done", 1, reference=request.reference),
            tn("console.decide.moved", 1, reference=moved.reference),
        )
    )
    assert t("console.detail.split_to", references=moved.reference) in markdown_texts(app)
    app.button(key=f"console_open_{request.id}_{moved.reference}").click().run()
    assert app.subheader[0].value == t("console.detail.heading", reference=moved.reference)
    assert t("console.detail.split_from", reference=request.reference) in markdown_texts(app)
    closed = t("console.decide.closed", status=console.status_label(store.REJECTED))
    assert closed in [caption.value for caption in app.caption]
    app.button(key=f"console_open_{moved.id}_{request.reference}").click().run()
    assert app.subheader[0].value == t("console.detail.heading", reference=request.reference)


def test_moving_every_number_out_is_refused_with_the_stores_reason() -> None:
    request = submitted(f"Alle {uuid.uuid4().hex[:8]} AS")
    app = choose(signed_in(), request)
    decide(app, request, [GEOGRAPHIC, TOLL_FREE], "inactive_number", where=console.SPLIT)
    assert [error.value for error in app.error] == [t("store.numbers.split_all")]
    assert decisions_of(request) == [(GEOGRAPHIC, None, None), (TOLL_FREE, None, None)]


# --- Documents the customer corrected --------------------------------------------------------


def test_a_replaced_document_shows_as_superseded_below_the_current_one() -> None:
    request = submitted(f"Rettet {uuid.uuid4().hex[:8]} AS", (pdf("invoice", "gammel.pdf"),))
    waiting = store.change_status(shared_store(), request, store.WAITING_FOR_DOCUMENTS, actor="test")
    corrected = store.resubmit(shared_store(), waiting, [pdf("invoice", "ny.pdf")])
    app = choose(signed_in(), request)
    slot = t("uploads.slot.invoice")
    markdown = markdown_texts(app)
    current = t("console.detail.document", slot=slot, name="ny\\.pdf", size="24")
    superseded = t("console.detail.superseded", slot=slot, name="gammel\\.pdf", size="24")
    assert markdown.index(current) < markdown.index(superseded)
    replaced_at = next(document.replaced_at for document in corrected.documents if document.replaced_at)
    replaced = t("console.detail.replaced", time=f"{replaced_at.astimezone(console.OSLO):%Y-%m-%d %H:%M}")
    assert replaced in [caption.value for caption in app.caption]
    assert len(app.get("download_button")) == 3  # both documents and the export


# --- The outbox ------------------------------------------------------------------------------


def smtp(monkeypatch: pytest.MonkeyPatch, port: int | None = None) -> None:
    """No SMTP settings, or a plain-SMTP server on 127.0.0.1:``port``."""
    for variable in [name for name in os.environ if name.startswith("PORTING_SMTP_")]:
        monkeypatch.delenv(variable)
    if port is not None:
        values = {
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "TLS": "none",
            "SENDER": MAIL_SENDER,
            "TIMEOUT": "5",
        }
        for name, value in values.items():
            monkeypatch.setenv(f"PORTING_SMTP_{name}", value)


def outbox_view() -> AppTest:
    app = signed_in()
    app.button_group(key="console_view").set_value(console.OUTBOX).run()
    assert not app.exception
    return app


def notice_of(app: AppTest, request: store.StoredRequest) -> Any:
    """The expander of ``request``'s newest notice."""
    return next(item for item in app.expander if f" · {request.reference} · " in item.label)


def test_without_smtp_the_outbox_keeps_the_notices_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    smtp(monkeypatch)
    request = submitted(f"Utboks {uuid.uuid4().hex[:8]} AS", email="post@utboks.example")
    app = outbox_view()
    assert [info.value for info in app.info] == [t("console.outbox.off", variable=notify.HOST_VARIABLE)]
    assert not [item for item in app.button if item.label == t("console.outbox.send")]
    (queued,) = [notice for notice in outbox.notices(shared_store()) if notice.reference == request.reference]
    expander = notice_of(app, request)
    waiting = ":material/hourglass_top: " + t("console.outbox.waiting")  # the label draws the icon
    assert expander.label == t(
        "console.outbox.label", state=waiting, reference=request.reference, subject=ui.plain(queued.subject)
    )
    received = t("console.outbox.kind.received")
    assert t("console.outbox.to", recipient=plain("post@utboks.example"), kind=received) in [
        item.value for item in expander.markdown
    ]
    assert queued.body.strip() in [item.value for item in expander.text]
    assert not app.dataframe  # the queue is not shown with the outbox


def test_the_outbox_sends_the_waiting_notices_through_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    request = submitted(f"Sendt {uuid.uuid4().hex[:8]} AS", email="post@sendt.example")
    with serve_mail() as (mailbox, port):
        smtp(monkeypatch, port)
        app = outbox_view()
        assert not app.info
        on = t("console.outbox.on", server=plain(f"127.0.0.1:{port}"))
        assert on in [caption.value for caption in app.caption]
        for _ in range(5):  # a click sends the oldest hundred: other tests' notices may wait too
            button(app, "console.outbox.send").click().run()
            assert not app.exception
            assert app.success[0].value in {tn("console.outbox.sent", count) for count in range(1, 101)}
            if request.reference not in {
                notice.reference for notice in outbox.notices(shared_store(), pending_only=True)
            }:
                break
        mailbox.wait_for(lambda mail: request.reference in str(mail["Subject"]))
    assert notice_of(app, request).label.startswith(":material/check_circle: ")


def test_a_refusing_mail_server_is_reported_and_the_notice_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    submitted(f"Avvist post {uuid.uuid4().hex[:8]} AS", email="post@avvist.example")
    port = free_port()  # nobody listens there
    smtp(monkeypatch, port)
    app = outbox_view()
    button(app, "console.outbox.send").click().run()
    assert not app.exception
    (error,) = [item.value for item in app.error]
    assert error.startswith(tn("console.outbox.failed", 0, error="@@").split("@@")[0])
    assert plain(f"127.0.0.1:{port}") in error
    waiting = outbox.notices(shared_store(), pending_only=True)
    assert any(f"127.0.0.1:{port}" in notice.last_error for notice in waiting)


def test_the_send_button_reports_what_the_outbox_delivered(monkeypatch: pytest.MonkeyPatch) -> None:
    smtp(monkeypatch, 2525)
    monkeypatch.setattr(outbox, "deliver", lambda opened, settings: outbox.Delivery(3))
    app = outbox_view()
    button(app, "console.outbox.send").click().run()
    assert [item.value for item in app.success] == [tn("console.outbox.sent", 3)]


def test_smtp_settings_that_do_not_work_are_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    smtp(monkeypatch)
    monkeypatch.setenv(notify.HOST_VARIABLE, "smtp.example.no")  # but no sender
    app = outbox_view()
    (warning,) = [item.value for item in app.warning]
    assert warning.startswith(t("console.outbox.misconfigured", detail="@@").split("@@")[0])
    assert not [item for item in app.button if item.label == t("console.outbox.send")]


def test_a_status_change_sends_its_notices_soon(monkeypatch: pytest.MonkeyPatch) -> None:
    mailed: list[Any] = []
    monkeypatch.setattr(ui.mail, "deliver_soon", mailed.append)
    request = submitted(f"Varsel {uuid.uuid4().hex[:8]} AS")
    change(choose(signed_in(), request), request, store.UNDER_REVIEW)
    assert mailed == [shared_store()]


def test_a_failed_notice_is_shown_with_a_button_that_tries_it_again(monkeypatch: pytest.MonkeyPatch) -> None:
    smtp(monkeypatch)
    mailed: list[Any] = []
    monkeypatch.setattr(ui.mail, "deliver_soon", mailed.append)
    request = submitted(f"Feilet {uuid.uuid4().hex[:8]} AS", email="post@feilet.example")
    (queued,) = [notice for notice in outbox.notices(shared_store()) if notice.reference == request.reference]
    refused = notify.NotifyError("the mail server refused the recipient: 550", refused=True)
    settings = notify.MailSettings("127.0.0.1", free_port(), MAIL_SENDER, "none", None, None, 5.0)

    def refuse(notice: notify.Notice, _settings: notify.MailSettings) -> None:
        raise refused

    with transaction(shared_store(), write=True) as session:  # as after seven refusals
        for row in session.scalars(select(OutboxRow).where(OutboxRow.sent_at.is_(None))):
            # Other tests' notices wait on; this one is tried an eighth time.
            row.claimed_until = None if row.id == queued.id else datetime(2100, 1, 1, tzinfo=UTC)
            if row.id == queued.id:
                row.attempts = outbox.MAX_ATTEMPTS - 1
    assert outbox.deliver(shared_store(), settings, send=refuse).failed == 1

    app = outbox_view()
    expander = notice_of(app, request)
    given_up = t("console.outbox.mail.given_up", attempts=outbox.MAX_ATTEMPTS)
    assert expander.label.startswith(":material/cancel: " + given_up)
    failed_counts = {tn("console.outbox.mail.failed_count", count) for count in range(1, 101)}
    assert failed_counts & {item.value for item in app.warning}
    retry = next(item for item in expander.button if item.label == t("console.outbox.mail.retry"))
    retry.click().run()
    assert not app.exception
    (again,) = [notice for notice in outbox.notices(shared_store()) if notice.id == queued.id]
    assert again.failed_at is None and again.attempts == 0 and mailed == [shared_store()]
    assert notice_of(app, request).label.startswith(":material/hourglass_top: " + t("console.outbox.waiting"))
    assert not [
        item for item in notice_of(app, request).button if item.label == t("console.outbox.mail.retry")
    ]


def test_the_link_in_the_teams_notice_opens_the_request_after_sign_in() -> None:
    request = submitted(f"Lenke {uuid.uuid4().hex[:8]} AS")
    link = notify.console_url(request.reference, "http://localhost:8501")
    app = open_console()
    app.query_params[console.LINK_PARAMETER] = link.partition("ref=")[2]  # as /team?ref=… opens it
    app.run()
    assert not app.subheader or t("console.detail.heading", reference=request.reference) not in [
        item.value for item in app.subheader
    ]  # nothing of it before sign-in
    sign_in(app)
    headings = [item.value for item in app.subheader]
    assert t("console.detail.heading", reference=request.reference) in headings
    assert app.selectbox(key="console_reference").value == request.reference
    app.selectbox(key="console_reference").set_value(None).run()  # the link does not hold the team
    assert t("console.detail.heading", reference=request.reference) not in [
        item.value for item in app.subheader
    ]


def test_a_link_to_a_request_that_does_not_exist_says_so() -> None:
    app = open_console()
    app.query_params[console.LINK_PARAMETER] = "NO-1999-999999"
    app.run()
    sign_in(app, to_queue=False)
    assert [item.value for item in app.warning] == [
        t("console.link.unknown", reference=ui.plain("NO-1999-999999"))
    ]


# --- The texts -------------------------------------------------------------------------------


def test_every_status_and_actor_has_a_label_in_both_languages() -> None:
    for language in LANGUAGES:
        names = catalogue(language)
        assert [status for status in store.STATUSES if f"console.status.{status}" not in names] == []
        assert "console.actor.porting_team" in names
    assert set(console.STATUS_ICONS) == set(store.STATUSES)


# --- After the retention -------------------------------------------------------------------------


def test_an_anonymous_request_shows_what_it_keeps_and_says_why_the_rest_is_gone() -> None:
    request = submitted(f"Anonym {uuid.uuid4().hex[:8]} AS")
    closed = store.change_status(shared_store(), request, store.CANCELLED, actor="test")
    assert closed.closed_at is not None
    later = closed.closed_at.date().replace(year=closed.closed_at.year + 1)
    assert store.anonymise(shared_store(), retention_days=90, today=later) >= 1
    app = signed_in()
    app.text_input(key="console_search").input(request.reference).run()
    app.selectbox(key="console_reference").select(request.reference).run()
    assert not app.exception
    anonymous = store.by_reference(shared_store(), request.reference)
    assert anonymous is not None and anonymous.anonymised_at is not None
    counts = f"{t('type.geographic')}: 1, {t('type.toll_free')}: 1"
    expected = t("retention.anonymised", at=oslo_time(anonymous.anonymised_at), counts=plain(counts))
    assert expected in [info.value for info in app.info]
    assert request.details.company_name not in json.dumps(markdown_texts(app), ensure_ascii=False)


# --- Who is signed in --------------------------------------------------------------------------


def test_the_password_sign_in_asks_for_a_name_and_the_console_says_who_is_signed_in() -> None:
    app = sign_in(open_console(), name="  ")
    assert not is_signed_in(app)
    assert t("console.identity.name_missing") in [error.value for error in app.error]
    app = sign_in(app, name="Ola\u202e Nordmann")
    assert is_signed_in(app)
    captions = [caption.value for caption in app.caption]
    assert t("console.identity.signed_in_admin", name="Ola Nordmann") in captions


def test_a_status_change_records_the_member_who_made_it() -> None:
    request = submitted(f"Endring {uuid.uuid4().hex[:8]} AS")
    app = choose(sign_in(open_console(), name="Per Saksbehandler"), request)
    assert not app.exception
    app = change(app, request, store.UNDER_REVIEW, note="")
    assert store.events(shared_store(), request)[-1].actor == "Per Saksbehandler"


def test_sign_ins_and_refused_ones_are_in_the_teams_audit_trail() -> None:
    name = f"Revisor {uuid.uuid4().hex[:8]}"
    app = sign_in(open_console(), "guess", name=name)
    assert not is_signed_in(app)
    assert is_signed_in(sign_in(app, name=name))
    mine = [event.action for event in audit.recent(shared_store(), 500) if event.actor == name]
    assert mine == [audit.SIGN_IN, audit.SIGN_IN_REFUSED]  # newest first


def test_an_exported_archive_is_in_the_requests_history_with_who_exported_it() -> None:
    request = submitted(f"Eksportert {uuid.uuid4().hex[:8]} AS")
    member = Member("Kari Arkiv", None, ADMIN)
    archive = console._exported(request, member)
    assert archive[:2] == b"PK"
    app = choose(sign_in(open_console(), name="Per"), request)
    history = table_texts(app)
    assert "Kari Arkiv" in history and t("console.audit.export") in history


def test_the_company_tab_lists_every_field_labelled_in_a_fixed_order() -> None:
    request = submitted(f"Ordnet {uuid.uuid4().hex[:8]} AS")
    app = choose(signed_in(), request)
    company = next(
        frame.value for frame in app.dataframe if t("company.field.org_number") in frame.value.to_string()
    )
    labels = list(company.iloc[:, 0])
    assert labels == [t(f"company.field.{key}") for key in console_tabs.COMPANY_FIELDS]
    assert labels[:2] == [t("company.field.company_name"), t("company.field.org_number")]
    values = dict(zip(labels, company.iloc[:, 1], strict=True))
    assert values[t("company.field.org_number")] == "974760673"
    assert values[t("company.field.city")] == "Tromsø"


def test_an_admin_sees_the_teams_latest_sign_ins_under_the_outbox() -> None:
    name = f"Admin {uuid.uuid4().hex[:8]}"
    app = sign_in(open_console(), name=name)
    app.button_group(key="console_view").set_value(console.OUTBOX).run()
    (activity,) = [item for item in app.expander if item.label == t("console.audit.heading")]
    shown = " ".join(frame.value.to_string() for frame in activity.table)
    assert name in shown and t("console.audit.sign_in") in shown
