"""After submission: the notices a change writes, the customer's cancellation and corrected
documents, the team's per-number decisions, drafts, and the database's version 2 migration.

Runs on SQLite always and on PostgreSQL when ``DATABASE_URL`` names one (``store_fixtures``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import revisions
from mail_server import Hold, free_port, serve_mail
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    inspect,
    select,
    text,
)
from store_fixtures import (
    DETAILS,
    NUMBERS,
    Clock,
    count_rows,
    documents_of,
    move,
    request_content,
    sha256,
    stored_of,
    submit_sample,
)

from porting import notify
from porting.documents.reading import UploadedDocument
from porting.requests import drafts, migrations, outbox
from porting.requests.decisions import decide_numbers
from porting.requests.lifecycle import customer_may_cancel
from porting.requests.records import to_json
from porting.requests.schema import SCHEMA_VERSION, Mailing, RequestRow, columns_added_in, transaction
from porting.requests.store import (
    Store,
    StoreError,
    by_token,
    cancel,
    change_status,
    document,
    events,
    list_requests,
    open_store,
    resubmit,
    split_requests,
)

TEAM = "porting@example.no"
PUBLIC = "https://porting.example.no"


@pytest.fixture
def mailing_store(store_url: str, clock: Clock) -> Iterator[Store]:
    """A store whose notices link to ``PUBLIC`` and copy the team at ``TEAM``."""
    opened = open_store(store_url, clock=clock, mailing=Mailing(PUBLIC, TEAM, "en"))
    yield opened
    opened.close()


def _kinds(store: Store) -> list[tuple[str, str]]:
    return [(notice.kind, notice.recipient) for notice in reversed(outbox.notices(store))]


# --- Notices in the outbox ---------------------------------------------------------------------


def test_a_submission_writes_the_customer_and_team_notices_in_its_transaction(mailing_store: Store) -> None:
    submitted = submit_sample(mailing_store)

    assert _kinds(mailing_store) == [("received", "kari.ostgard@blaabaer.no"), ("team_new", TEAM)]
    customer, team = reversed(outbox.notices(mailing_store))
    assert customer.language == "nb" and team.language == "en"
    link = f"{PUBLIC}/track?token={submitted.token}&lang=nb"  # opens in the customer's language
    assert link in customer.body
    # The team's notice opens the request in the console; the customer's private link is theirs.
    assert f"{PUBLIC}/team?ref={submitted.reference}" in team.body
    assert link not in team.body and submitted.token not in team.body
    assert submitted.reference in customer.subject + customer.body
    assert customer.sent_at is None and customer.attempts == 0


def test_a_failed_submission_leaves_no_notice(mailing_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import porting.requests.store as store_module

    def disk_full(*_args: object) -> object:
        raise OSError("disk full")

    monkeypatch.setattr(store_module, "_document_row", disk_full)
    with pytest.raises(OSError):
        submit_sample(mailing_store)
    assert count_rows(mailing_store, "outbox") == count_rows(mailing_store, "requests") == 0


def test_a_notice_reads_the_details_through_the_stored_model(mailing_store: Store) -> None:
    submitted = submit_sample(mailing_store)
    drifted = {key: value for key, value in DETAILS.items() if key != "company_name"}
    with transaction(mailing_store, write=True) as session:
        row = session.scalars(select(RequestRow).where(RequestRow.reference == submitted.reference)).one()
        row.details_json = to_json(drifted)
        with pytest.raises(StoreError) as refused:
            outbox.queue(session, mailing_store, row, "cancelled")
    assert refused.value.code == "store.request.invalid"
    assert dict(refused.value.params)["column"] == "details"
    assert "company_name" in dict(refused.value.params)["fields"]
    assert [kind for kind, _ in _kinds(mailing_store)] == ["received", "team_new"]  # none guessed at


def test_without_a_team_address_only_the_customer_is_told(store_url: str, clock: Clock) -> None:
    opened = open_store(store_url, clock=clock, mailing=Mailing(PUBLIC, None, "en"))
    try:
        submit_sample(opened)
        assert [kind for kind, _ in _kinds(opened)] == ["received"]
    finally:
        opened.close()


@pytest.mark.parametrize(
    ("statuses", "kind"),
    [
        (("waiting_for_documents",), "documents_missing"),
        (("under_review", "submitted_to_carrier", "accepted"), "date_confirmed"),
        (("rejected",), "rejected"),
        (("under_review", "submitted_to_carrier", "accepted", "ported"), "ported"),
        (("cancelled",), "cancelled"),
    ],
)
def test_each_status_the_customer_must_hear_of_writes_one_notice(
    mailing_store: Store, statuses: tuple[str, ...], kind: str
) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    for status in statuses:
        extra: dict[str, object] = {}
        if status == "accepted":
            extra["porting_date"] = date(2026, 12, 17)
        if status == "rejected":
            extra["reason"] = "outdated_invoice"
        extra["confirmed"] = True  # the porting day is before the sample's requested day, and not yet here
        request = change_status(mailing_store, request, status, actor="Ola", note="Faktura mangler", **extra)

    customer = [notice for notice in outbox.notices(mailing_store) if notice.recipient != TEAM]
    assert customer[0].kind == kind  # the newest
    assert all("Faktura mangler" not in notice.body for notice in customer)  # the team's note is internal
    assert [notice.kind for notice in customer].count(kind) == 1
    if kind == "date_confirmed":
        assert "17. desember 2026" in customer[0].body
    if kind == "rejected":
        assert "Send inn et nytt fakturagrunnlag" in customer[0].body  # the guide's fix, in Norwegian


def test_review_steps_write_no_notice(mailing_store: Store) -> None:
    submitted = submit_sample(mailing_store)
    move(mailing_store, submitted, "under_review", "submitted_to_carrier")
    assert len(outbox.notices(mailing_store)) == 2  # received and team_new only


# --- Delivering ---------------------------------------------------------------------------------

SETTINGS = notify.MailSettings("127.0.0.1", 2525, "porting@cloudtalk.example", "none", None, None, 5.0)


def test_deliver_sends_each_waiting_notice_once(mailing_store: Store) -> None:
    submit_sample(mailing_store, "tab-1")
    submit_sample(mailing_store, "tab-2")
    sent: list[str] = []

    first = outbox.deliver(
        mailing_store, SETTINGS, send=lambda notice, _settings: sent.append(notice.subject)
    )
    again = outbox.deliver(
        mailing_store, SETTINGS, send=lambda notice, _settings: sent.append(notice.subject)
    )

    assert (first.sent, first.error, again.sent) == (4, None, 0)
    assert len(sent) == len(set(sent)) == 4
    assert all(notice.sent_at is not None for notice in outbox.notices(mailing_store))


def test_a_refused_notice_waits_and_is_sent_later(mailing_store: Store, clock: Clock) -> None:
    submit_sample(mailing_store)

    def down(_notice: notify.Notice, _settings: notify.MailSettings) -> None:
        raise notify.NotifyError("connection refused")

    failed = outbox.deliver(mailing_store, SETTINGS, send=down)
    assert (failed.sent, failed.error) == (0, "connection refused")
    waiting = outbox.notices(mailing_store, pending_only=True)
    assert len(waiting) == 2 and {notice.last_error for notice in waiting} >= {"connection refused"}

    sent: list[str] = []
    assert outbox.deliver(mailing_store, SETTINGS, send=lambda n, _s: sent.append(n.kind)).sent == 1  # team
    clock.now += timedelta(minutes=3)  # the refused one's pause is over
    assert outbox.deliver(mailing_store, SETTINGS, send=lambda n, _s: sent.append(n.kind)).sent == 1
    assert sorted(sent) == ["received", "team_new"]
    assert outbox.notices(mailing_store, pending_only=True) == ()


def test_two_senders_at_once_never_send_a_notice_twice(mailing_store: Store) -> None:
    for index in range(10):
        submit_sample(mailing_store, f"tab-{index}")
    sent: list[int] = []
    lock = threading.Lock()

    def send(notice: notify.Notice, _settings: notify.MailSettings) -> None:
        with lock:
            sent.append(hash(notice.body + notice.recipient))

    threads = [
        threading.Thread(target=outbox.deliver, args=(mailing_store, SETTINGS), kwargs={"send": send})
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(sent) == len(set(sent)) == 20


def _real_smtp(port: int, timeout: float = 5.0) -> notify.MailSettings:
    return notify.MailSettings("127.0.0.1", port, "porting@cloudtalk.example", "none", None, None, timeout)


def test_a_notice_the_server_refuses_does_not_hold_back_the_others(
    mailing_store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    poison = "kari.ostgard@blaabaer.no"  # the customer's address in every sample request
    submit_sample(mailing_store, "tab-1")  # its "received" notice is the oldest: refused
    submit_sample(mailing_store, "tab-2", details=DETAILS | {"email": "ola@fjordlinje.no"})
    caplog.set_level(logging.INFO, logger="porting.requests.outbox")
    with serve_mail(refuse=frozenset({poison})) as (mailbox, port):
        delivery = outbox.deliver(mailing_store, _real_smtp(port))
        assert (delivery.sent, delivery.refused, delivery.failed) == (3, 1, 0)
        assert sorted(rcpt for envelope in mailbox.envelopes for rcpt in envelope.rcpt_tos) == sorted(
            [TEAM, TEAM, "ola@fjordlinje.no"]
        )
        (waiting,) = outbox.notices(mailing_store, pending_only=True)
        assert waiting.recipient == poison and waiting.attempts == 1 and "550" in waiting.last_error
        for _ in range(outbox.MAX_ATTEMPTS - 1):  # every pause over, the server refuses each time
            clock.now += outbox.MAX_PAUSE
            again = outbox.deliver(mailing_store, _real_smtp(port))
            assert again.sent == 0 and again.refused == 1
        assert again.failed == 1
    (failed,) = outbox.notices(mailing_store, failed_only=True)
    assert (failed.id, failed.attempts, failed.failed_at) == (waiting.id, outbox.MAX_ATTEMPTS, clock.now)
    clock.now += outbox.MAX_PAUSE * 10
    assert outbox.deliver(mailing_store, _real_smtp(free_port())).sent == 0  # given up: not even tried
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"notice {waiting.id} refused (SMTPRecipientsRefused)" in logged
    assert "@" not in logged and "550" not in logged  # never an address, nor what the server said


def test_a_failed_notice_is_sent_once_the_team_retries_it(mailing_store: Store, clock: Clock) -> None:
    submit_sample(mailing_store)

    def refused(_notice: notify.Notice, _settings: notify.MailSettings) -> None:
        raise notify.NotifyError("the mail server refused the notice: 554", refused=True)

    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.deliver(mailing_store, SETTINGS, send=refused)
        clock.now += outbox.MAX_PAUSE
    assert len(outbox.notices(mailing_store, failed_only=True)) == 2
    notice_id = outbox.notices(mailing_store, failed_only=True)[0].id
    assert outbox.retry(mailing_store, notice_id) and not outbox.retry(mailing_store, notice_id)
    sent: list[str] = []
    assert outbox.deliver(mailing_store, SETTINGS, send=lambda n, _s: sent.append(n.kind)).sent == 1
    assert len(outbox.notices(mailing_store, failed_only=True)) == 1
    assert not outbox.retry(mailing_store, notice_id)  # sent: nothing to retry


def test_a_send_slower_than_two_minutes_is_not_sent_again_by_another_sender(
    mailing_store: Store, clock: Clock
) -> None:
    submit_sample(mailing_store)
    settings = _real_smtp(0, timeout=30.0)  # each step of a send may take 30 s: 6 minutes in all
    assert outbox.claim_period(settings) > timedelta(seconds=30 * 12)
    hold = Hold()
    with serve_mail(hold=hold) as (mailbox, port):
        settings = _real_smtp(port, timeout=30.0)
        first = threading.Thread(target=outbox.deliver, args=(mailing_store, settings))
        first.start()
        assert hold.reached.wait(30)  # the first notice is at DATA, and the server is slow
        clock.now += timedelta(minutes=5)  # slower than the old two-minute claim
        second = outbox.deliver(mailing_store, settings)
        hold.released.set()
        first.join(30)
        mailbox.wait_for(lambda mail: "mottatt" in str(mail["Subject"]) or "New" in str(mail["Subject"]))
    assert second.sent == 1  # only the other notice, never the one being sent
    assert len(mailbox.envelopes) == 2
    assert sorted(rcpt for envelope in mailbox.envelopes for rcpt in envelope.rcpt_tos) == sorted(
        ["kari.ostgard@blaabaer.no", TEAM]
    )
    assert outbox.notices(mailing_store, pending_only=True) == ()


# --- The customer's own changes ---------------------------------------------------------------


def test_the_customer_may_cancel_until_the_carrier_has_the_request(mailing_store: Store) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    assert customer_may_cancel(request)
    cancelled = cancel(mailing_store, request)
    assert (cancelled.status, events(mailing_store, cancelled)[-1].actor) == ("cancelled", "customer")

    late = move(mailing_store, submit_sample(mailing_store, "tab-2"), "under_review", "submitted_to_carrier")
    assert not customer_may_cancel(late)
    with pytest.raises(StoreError) as refused:
        cancel(mailing_store, late)
    assert refused.value.code == "store.status.not_allowed"


def _corrected_invoice() -> UploadedDocument:
    data = b"%PDF-1.4\nFakturadato: 20.11.2026\ncorrected\n%%EOF\n"
    return UploadedDocument("invoice", "faktura-ny.pdf", "pdf", len(data), 1, data)


def test_corrected_documents_reopen_a_rejected_request(mailing_store: Store, clock: Clock) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    request = change_status(mailing_store, request, "rejected", actor="Ola", reason="outdated_invoice")
    clock.now += timedelta(days=2)

    reopened = resubmit(mailing_store, request, [_corrected_invoice()], note="Ny faktura")

    assert (reopened.status, reopened.rejection_reason, reopened.closed_at) == ("received", None, None)
    invoices = [stored for stored in reopened.documents if stored.slot == "invoice"]
    assert [stored.name for stored in invoices] == ["faktura-2026-11.pdf", "faktura-ny.pdf"]
    assert invoices[0].replaced_at == clock.now and invoices[1].replaced_at is None
    assert document(mailing_store, reopened, invoices[1].id) == _corrected_invoice().data
    assert [(event.status, event.actor) for event in events(mailing_store, reopened)][-1] == (
        "received",
        "customer",
    )
    assert [kind for kind, _ in _kinds(mailing_store)][-2:] == ["resubmitted", "team_new"]


def test_corrected_documents_answer_a_request_waiting_for_them(mailing_store: Store) -> None:
    request = move(mailing_store, submit_sample(mailing_store), "waiting_for_documents")
    assert resubmit(mailing_store, request, [_corrected_invoice()]).status == "received"


@pytest.mark.parametrize("statuses", [(), ("under_review",), ("cancelled",)])
def test_corrected_documents_are_refused_when_nothing_asks_for_them(
    mailing_store: Store, statuses: tuple[str, ...]
) -> None:
    request = move(mailing_store, submit_sample(mailing_store), *statuses)
    with pytest.raises(StoreError) as refused:
        resubmit(mailing_store, request, [_corrected_invoice()])
    assert refused.value.code == "store.resubmit.not_allowed"
    with pytest.raises(StoreError) as empty:
        resubmit(mailing_store, request, [])
    assert empty.value.code == "store.resubmit.no_documents"


# --- Per-number decisions -----------------------------------------------------------------------

THREE = [
    *NUMBERS[:1],
    {**NUMBERS[0], "input": "22 11 00 00", "line": 3, "e164": "+4722110000", "display": "22 11 00 00"},
    {**NUMBERS[0], "input": "800 12 345", "line": 4, "e164": "+4780012345", "display": "800 12 345"},
]


def test_a_rejected_number_can_stay_in_the_request_marked(mailing_store: Store) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store, numbers=THREE))

    kept, moved = decide_numbers(
        mailing_store, request, {"+4722110000": "inactive_number", "+4721234567": "accepted"}, actor="Ola"
    )

    assert moved is None and kept.status == "received"
    decisions = {number.e164: (number.decision, number.reason) for number in kept.numbers}
    assert decisions == {
        "+4721234567": ("accepted", None),
        "+4722110000": ("rejected", "inactive_number"),
        "+4780012345": (None, None),
    }
    assert "+4722110000: rejected (inactive_number)" in events(mailing_store, kept)[-1].note
    assert _kinds(mailing_store)[-1][0] == "numbers_rejected"
    reviewed = change_status(mailing_store, kept, "under_review", actor="Ola")
    sent_on = change_status(mailing_store, reviewed, "submitted_to_carrier", actor="Ola")
    assert sent_on.status == "submitted_to_carrier"  # one rejected number holds nothing else back


def test_rejected_numbers_can_move_to_a_request_of_their_own(mailing_store: Store) -> None:
    submitted = submit_sample(mailing_store, numbers=THREE)
    request = stored_of(mailing_store, submitted)

    kept, moved = decide_numbers(
        mailing_store, request, {"+4780012345": "part_of_range"}, actor="Ola", note="Del av serie", split=True
    )

    assert moved is not None
    assert [number.e164 for number in kept.numbers] == ["+4721234567", "+4722110000"]
    assert [number.e164 for number in moved.numbers] == ["+4780012345"]
    assert (moved.status, moved.rejection_reason, moved.split_from) == (
        "rejected",
        "part_of_range",
        kept.reference,
    )
    assert moved.reference != kept.reference and moved.token != kept.token
    assert [stored.sha256 for stored in moved.documents] == [stored.sha256 for stored in kept.documents]
    assert document(mailing_store, moved, moved.documents[0].id) == documents_of()[0].data
    assert split_requests(mailing_store, kept) == (moved,)
    assert by_token(mailing_store, moved.token) == moved
    assert len(list_requests(mailing_store)) == 2
    newest = outbox.notices(mailing_store)[0]
    assert newest.kind == "rejected" and moved.token in newest.body
    # The moved numbers can be corrected and sent again on their own.
    assert resubmit(mailing_store, moved, [_corrected_invoice()]).status == "received"


@pytest.mark.parametrize(
    ("decisions", "split", "code"),
    [
        ({"+4799999999": "inactive_number"}, False, "store.numbers.unknown"),
        ({"+4721234567": "no_such_reason"}, False, "store.rejection_reason.unknown"),
        (
            {"+4721234567": "inactive_number", "+4781512345": "inactive_number"},
            True,
            "store.numbers.split_all",
        ),
    ],
)
def test_per_number_decisions_are_checked(
    store: Store, decisions: dict[str, str], split: bool, code: str
) -> None:
    request = stored_of(store, submit_sample(store))
    with pytest.raises(StoreError) as refused:
        decide_numbers(store, request, decisions, actor="Ola", split=split)
    assert refused.value.code == code


def test_the_numbers_of_a_closed_request_do_not_change(store: Store) -> None:
    request = move(store, submit_sample(store), "cancelled")
    with pytest.raises(StoreError) as refused:
        decide_numbers(store, request, {"+4721234567": "accepted"}, actor="Ola")
    assert refused.value.code == "store.numbers.closed"


# --- Drafts ------------------------------------------------------------------------------------


def test_a_draft_comes_back_with_its_documents_and_is_saved_over(store: Store, clock: Clock) -> None:
    sent = [drafts.DraftDocument(d.slot, d.name, d.data) for d in documents_of()]
    token = drafts.save(
        store, token=None, language="nb", state={"numbers_text": "21 23 45 67"}, documents=sent
    )

    draft = drafts.load(store, token)
    assert draft is not None
    assert (draft.language, dict(draft.state)) == ("nb", {"numbers_text": "21 23 45 67"})
    assert [(d.slot, sha256(d.data)) for d in draft.documents] == [(d.slot, sha256(d.data)) for d in sent]

    clock.now += timedelta(hours=1)
    again = drafts.save(store, token=token, language="en", state={"numbers_text": "22"}, documents=sent[:1])
    reloaded = drafts.load(store, token)
    assert again == token and reloaded is not None
    assert (reloaded.language, reloaded.state["numbers_text"], len(reloaded.documents)) == ("en", "22", 1)
    assert reloaded.updated_at == clock.now and reloaded.created_at < reloaded.updated_at
    assert count_rows(store, "draft_documents") == 1


def test_a_wrong_token_opens_no_draft_and_saving_with_it_makes_a_new_one(store: Store) -> None:
    token = drafts.save(store, token=None, language="en", state={}, documents=[])
    assert drafts.load(store, "") is None and drafts.load(store, token + "x") is None
    chosen = drafts.save(store, token="chosen-by-someone", language="en", state={}, documents=[])
    assert chosen != "chosen-by-someone" and len(chosen) >= 32


def test_submitting_deletes_the_draft_in_the_same_transaction(store: Store) -> None:
    sent = [drafts.DraftDocument(d.slot, d.name, d.data) for d in documents_of()]
    token = drafts.save(store, token=None, language="nb", state={}, documents=sent)

    submit_sample(store, draft_token=token)

    assert drafts.load(store, token) is None
    assert count_rows(store, "drafts") == count_rows(store, "draft_documents") == 0


def test_old_drafts_are_purged(store: Store, clock: Clock) -> None:
    old = drafts.save(store, token=None, language="nb", state={}, documents=[])
    clock.now += timedelta(days=40)
    fresh = drafts.save(store, token=None, language="nb", state={}, documents=[])

    assert drafts.purge(store, retention_days=30, today=clock.now.date()) == 1
    assert drafts.load(store, old) is None and drafts.load(store, fresh) is not None


def test_a_huge_draft_is_refused_with_a_reason(store: Store) -> None:
    with pytest.raises(drafts.DraftError) as refused:
        drafts.save(store, token=None, language="nb", state={"numbers_text": "1" * 7_000_000}, documents=[])
    assert refused.value.code == "drafts.too_large"


# --- Version 2 of the database ------------------------------------------------------------------


def _version_1(url: str) -> None:
    """The tables as version 1 made them, with one submitted request in them."""
    metadata = MetaData()
    Table("schema_version", metadata, Column("version", Integer, primary_key=True, autoincrement=False),
          Column("applied_at", DateTime(timezone=True)))  # fmt: skip
    Table(
        "requests", metadata,
        Column("id", Integer, primary_key=True), Column("reference", String(64), unique=True),
        Column("token", String(64), unique=True), Column("idempotency_key", String(200), unique=True),
        Column("status", String(32)), Column("created_at", DateTime(timezone=True)),
        Column("updated_at", DateTime(timezone=True)), Column("closed_at", DateTime(timezone=True)),
        Column("language", String(8)), Column("demo", Boolean), Column("details_json", Text),
        Column("numbers_json", Text), Column("quote_json", Text), Column("timeline_json", Text),
        Column("preflight_json", Text), Column("porting_date", Date), Column("rejection_reason", String(64)),
        Column("note", Text),
    )  # fmt: skip
    Table(
        "documents", metadata,
        Column("id", Integer, primary_key=True), Column("request_id", ForeignKey("requests.id")),
        Column("slot", String(32)), Column("name", Text), Column("kind", String(16)), Column("size", Integer),
        Column("sha256", String(64)), Column("data", LargeBinary),
        Column("created_at", DateTime(timezone=True)), Column("purged_at", DateTime(timezone=True)),
    )  # fmt: skip
    Table(
        "events", metadata,
        Column("id", Integer, primary_key=True), Column("request_id", ForeignKey("requests.id")),
        Column("at", DateTime(timezone=True)), Column("status", String(32)), Column("note", Text),
        Column("actor", String(200)),
    )  # fmt: skip
    engine = create_engine(url)
    at = datetime(2026, 10, 1, 8, 0)
    with engine.begin() as connection:
        metadata.create_all(connection)
        connection.execute(metadata.tables["schema_version"].insert().values(version=1, applied_at=at))
        inserted = connection.execute(
            metadata.tables["requests"].insert().values(
                reference="NO-2026-000001", token="t" * 32, idempotency_key="k", status="received",
                created_at=at, updated_at=at, language="nb", demo=False,
                note="", **request_content(details={"company_name": "Gammel AS"}, numbers=[]).columns(),
            )
        )  # fmt: skip
        connection.execute(
            metadata.tables["documents"].insert().values(
                request_id=inserted.inserted_primary_key[0], slot="loa", name="LOA.pdf", kind="pdf",
                size=3, sha256=sha256(b"abc"), data=b"abc", created_at=at,
            )
        )  # fmt: skip
    engine.dispose()


def test_a_version_1_database_is_brought_up_to_date_and_keeps_its_requests(
    store_url: str, clock: Clock
) -> None:
    _version_1(store_url)

    opened = open_store(store_url, clock=clock)
    try:
        with opened.engine.connect() as connection:
            versions = connection.execute(
                text("SELECT version FROM schema_version ORDER BY version")
            ).scalars()
            assert list(versions) == list(range(1, SCHEMA_VERSION + 1))
            columns = {column["name"] for column in inspect(connection).get_columns("documents")}
            assert "replaced_at" in columns
            assert "failed_at" in {column["name"] for column in inspect(connection).get_columns("outbox")}
            tables = set(inspect(connection).get_table_names())
            assert {"drafts", "draft_documents", "outbox", "sign_in_failures"} <= tables
        old = by_token(opened, "t" * 32)
        assert old is not None and old.details.company_name == "Gammel AS"
        assert document(opened, old, old.documents[0].id) == b"abc"
        assert old.split_from is None and old.documents[0].replaced_at is None
        assert change_status(opened, old, "under_review", actor="Ola").status == "under_review"
        assert submit_sample(opened).reference == "NO-2026-000002"
    finally:
        opened.close()
    open_store(store_url, clock=clock).close()  # opening again changes nothing
    with create_engine(store_url).connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM schema_version")).scalar_one() == SCHEMA_VERSION


def test_a_version_2_outbox_gets_the_failed_at_of_version_3_and_keeps_its_notices(
    store_url: str, clock: Clock
) -> None:
    opened = open_store(store_url, clock=clock, mailing=Mailing(PUBLIC, TEAM, "en"))
    submit_sample(opened)
    added = columns_added_in(3)
    # Nor what the revisions after the baseline added: a version 2 database is stamped there.
    revisions.downgrade(opened.engine, migrations.BASELINE)
    with opened.engine.begin() as connection:  # back to version 2: none of version 3's columns yet
        for table, column in added:
            connection.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column.name}")
        connection.exec_driver_sql("DELETE FROM schema_version WHERE version = 3")
    opened.close()

    reopened = open_store(store_url, clock=clock)
    try:
        with reopened.engine.connect() as connection:
            for table, column in added:
                assert column.name in {known["name"] for known in inspect(connection).get_columns(table)}
            versions = connection.execute(text("SELECT version FROM schema_version ORDER BY version"))
            assert list(versions.scalars()) == [1, 2, 3]
        assert [notice.failed_at for notice in outbox.notices(reopened)] == [None, None]
    finally:
        reopened.close()


def test_a_new_database_records_every_version(tmp_path: Path) -> None:
    opened = open_store(f"sqlite:///{tmp_path}/new.db", clock=lambda: datetime(2026, 11, 25, tzinfo=UTC))
    opened.close()
    with create_engine(f"sqlite:///{tmp_path}/new.db").connect() as connection:
        versions = connection.execute(text("SELECT version FROM schema_version")).scalars().all()
        assert versions == list(range(1, SCHEMA_VERSION + 1))
