"""The store of submitted requests: what it keeps, the statuses it allows, and that it holds up
under failures and parallel submissions.

Every test runs on SQLite in a temporary folder, and also on PostgreSQL when ``DATABASE_URL``
names one: each test then gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import base64
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from store_fixtures import (
    DETAILS,
    SUBMITTED_AT,
    Clock,
    count_rows,
    document_hashes,
    documents_of,
    move,
    sha256,
    stored_of,
    submit_sample,
)

import porting.requests.store as store_module
from porting.documents.reading import UploadedDocument
from porting.requests.model import PreflightItem, json_value
from porting.requests.records import Submitted
from porting.requests.retention import purge
from porting.requests.store import (
    SCHEMA_VERSION,
    Store,
    StoreError,
    by_reference,
    by_token,
    change_status,
    database_url,
    document,
    events,
    list_requests,
    open_store,
)

# --- Submitting ------------------------------------------------------------------------------


def test_submit_stores_the_request_with_everything_the_customer_entered(store: Store) -> None:
    request = stored_of(store, submit_sample(store))

    assert (request.status, request.language, request.demo) == ("received", "nb", False)
    assert request.details is not None
    assert request.details.company_name == "Blåbærsyltetøy Ærlig AS"
    assert request.details.requested_date == date(2027, 4, 15)
    assert [number.e164 for number in request.numbers] == ["+4721234567", "+4781512345"]
    assert [number.portable for number in request.numbers] == [True, False]
    assert json_value(request.quote)["total"] == "55.00"  # money stays exact: decimal text, never a float
    assert request.quote.total == Decimal("55.00")
    assert request.timeline.estimated_porting_day == date(2026, 12, 8)
    assert request.preflight[1] == PreflightItem(
        reason="Mismatched info",
        status="ok",
        finding="",
        fix="Confirm your data with provider before submitting LOA",
    )
    assert request.created_at == request.updated_at == SUBMITTED_AT
    assert (request.porting_date, request.rejection_reason, request.closed_at) == (None, None, None)
    assert [(event.status, event.actor) for event in events(store, request)] == [("received", "customer")]


def test_documents_come_back_byte_identical_with_their_hash(store: Store) -> None:
    request = stored_of(store, submit_sample(store))
    sent = {uploaded.slot: uploaded for uploaded in documents_of()}

    assert [stored.slot for stored in request.documents] == ["loa", "invoice", "registration"]
    for stored in request.documents:
        data = document(store, request, stored.id)
        assert data == sent[stored.slot].data
        assert stored.sha256 == sha256(data)
        assert (stored.name, stored.kind, stored.size) == (
            sent[stored.slot].name,
            sent[stored.slot].kind,
            len(data),
        )


def test_a_document_of_another_request_is_not_found(store: Store) -> None:
    first = stored_of(store, submit_sample(store, "tab-1"))
    second = stored_of(store, submit_sample(store, "tab-2"))

    with pytest.raises(StoreError) as refused:
        document(store, second, first.documents[0].id)
    assert refused.value.code == "store.document.not_found"


def test_a_double_submit_with_one_idempotency_key_makes_one_request(store: Store) -> None:
    first = submit_sample(store)
    again = submit_sample(store, details=DETAILS | {"company_name": "Something Else AS"})

    assert again == first
    assert len(list_requests(store)) == 1
    assert stored_of(store, first).details.company_name == "Blåbærsyltetøy Ærlig AS"
    assert count_rows(store, "documents") == 3
    assert count_rows(store, "events") == 1


def test_an_insert_that_loses_the_idempotency_race_returns_the_winner(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = submit_sample(store)
    looked_up = store_module._submitted_by_key
    calls: list[str] = []

    def misses_once(session: Any, key: str) -> Submitted | None:
        calls.append(key)  # the first look-up misses, as if the winner committed a moment later
        return None if len(calls) == 1 else looked_up(session, key)

    monkeypatch.setattr(store_module, "_submitted_by_key", misses_once)

    assert submit_sample(store) == first
    assert len(calls) == 2
    assert len(list_requests(store)) == 1


def test_demo_requests_are_never_submitted(store: Store) -> None:
    with pytest.raises(StoreError) as refused:
        submit_sample(store, demo=True)

    assert refused.value.code == "store.demo"
    assert list_requests(store) == ()


def test_references_are_numbered_by_year_and_unique(store: Store) -> None:
    references = [submit_sample(store, f"tab-{index}").reference for index in range(5)]

    assert all(re.fullmatch(r"NO-2026-\d{6}", reference) for reference in references)
    assert len(set(references)) == 5


def test_tokens_carry_at_least_128_random_bits_and_are_unique(store: Store) -> None:
    tokens = [submit_sample(store, f"tab-{index}").token for index in range(5)]

    assert all(len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128 for token in tokens)
    assert len(set(tokens)) == 5


def test_a_wrong_or_missing_token_finds_nothing(store: Store) -> None:
    submitted = submit_sample(store)
    wrong = submitted.token[:-1] + ("A" if submitted.token[-1] != "A" else "B")

    assert by_token(store, "") is None
    assert by_token(store, wrong) is None
    assert by_token(store, submitted.reference) is None  # the guessable reference opens nothing
    assert submitted.token not in repr(submitted) + repr(stored_of(store, submitted))  # kept out of logs


def test_the_team_finds_a_request_by_its_reference(store: Store) -> None:
    submitted = submit_sample(store)

    found = by_reference(store, submitted.reference.lower())
    assert found is not None and found.token == submitted.token
    assert by_reference(store, "NO-2026-999999") is None


def test_the_team_lists_requests_by_status_and_search(store: Store) -> None:
    first = submit_sample(store, "tab-1")
    second = submit_sample(store, "tab-2", details=DETAILS | {"company_name": "Østlandet Rør AS"}, numbers=[])
    move(store, second, "under_review")

    assert [found.reference for found in list_requests(store)] == [second.reference, first.reference]
    assert [found.reference for found in list_requests(store, status="under_review")] == [second.reference]
    for search in ("BLÅBÆRSYLTETØY", "+47 21 23 45 67", "21234567", "815 12", first.reference[-6:]):
        assert [found.reference for found in list_requests(store, search=search)] == [first.reference]
    assert [found.reference for found in list_requests(store, search="østlandet")] == [second.reference]
    assert list_requests(store, search="Nordlys") == ()


# --- Statuses --------------------------------------------------------------------------------


def test_a_request_follows_the_guide_from_received_to_ported(store: Store, clock: Clock) -> None:
    submitted = submit_sample(store)
    request = move(store, submitted, "under_review", "waiting_for_documents", "under_review")
    request = change_status(store, request, "submitted_to_carrier", actor="Ola", note="Sent to the carrier")
    clock.now = SUBMITTED_AT + timedelta(days=3)
    request = change_status(  # before the requested day, confirmed
        store, request, "accepted", actor="Ola", porting_date=date(2026, 12, 2), confirmed=True
    )
    request = change_status(store, request, "ported", actor="Ola", note="Numbers live", confirmed=True)

    assert (request.status, request.porting_date, request.note) == (
        "ported",
        date(2026, 12, 2),
        "Numbers live",
    )
    assert request.closed_at == request.updated_at == clock.now
    trail = events(store, request)
    assert [event.status for event in trail] == [
        "received",
        "under_review",
        "waiting_for_documents",
        "under_review",
        "submitted_to_carrier",
        "accepted",
        "ported",
    ]
    assert trail[4].note == "Sent to the carrier"
    assert [event.at for event in trail] == sorted(event.at for event in trail)


@pytest.mark.parametrize(
    ("porting_date", "code"),
    [
        (None, "store.porting_date.missing"),
        # Not a business day: refused until the team confirms it (tests/unit/test_console_days.py)
        (date(2027, 5, 15), "store.change.unconfirmed"),  # a Saturday
        (date(2027, 5, 17), "store.change.unconfirmed"),  # Constitution Day, a Monday
        (date(2101, 5, 16), "store.porting_date.unknown_year"),  # no holidays known: never
    ],
)
def test_acceptance_needs_a_business_day_for_porting(
    store: Store, porting_date: date | None, code: str
) -> None:
    submitted = submit_sample(store)
    request = move(store, submitted, "under_review", "submitted_to_carrier")

    with pytest.raises(StoreError) as refused:
        change_status(store, request, "accepted", actor="Ola", porting_date=porting_date)
    assert refused.value.code == code
    assert stored_of(store, submitted).status == "submitted_to_carrier"


@pytest.mark.parametrize("reason", [None, "bad_weather"])
def test_a_rejection_needs_one_of_the_guides_reasons(store: Store, reason: str | None) -> None:
    request = move(store, submit_sample(store), "under_review")

    with pytest.raises(StoreError) as refused:
        change_status(store, request, "rejected", actor="Ola", reason=reason)
    assert refused.value.code == "store.rejection_reason.unknown"
    rejected = change_status(store, request, "rejected", actor="Ola", reason="outdated_invoice")
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "outdated_invoice")


def test_the_customer_can_cancel_until_the_carrier_has_the_request(store: Store) -> None:
    waiting = move(store, submit_sample(store, "tab-1"), "waiting_for_documents")
    cancelled = change_status(
        store, waiting, "cancelled", actor="customer", note="Staying with Telenor Norge AS"
    )
    assert cancelled.status == "cancelled"

    sent = move(store, submit_sample(store, "tab-2"), "under_review", "submitted_to_carrier")
    with pytest.raises(StoreError) as refused:
        change_status(store, sent, "cancelled", actor="customer")
    assert refused.value.code == "store.status.not_allowed"
    assert [event.status for event in events(store, sent)][-1] == "submitted_to_carrier"


@pytest.mark.parametrize(
    ("statuses", "new_status", "code"),
    [
        ((), "ported", "store.status.not_allowed"),  # skips review and the carrier
        ((), "received", "store.status.not_allowed"),  # no change is not a change
        (("cancelled",), "under_review", "store.status.not_allowed"),  # closed stays closed
        ((), "lost", "store.status.unknown"),
    ],
)
def test_changes_outside_the_process_are_refused(
    store: Store, statuses: tuple[str, ...], new_status: str, code: str
) -> None:
    request = move(store, submit_sample(store), *statuses)

    with pytest.raises(StoreError) as refused:
        change_status(store, request, new_status, actor="Ola")
    assert refused.value.code == code
    assert len(events(store, request)) == 1 + len(statuses)


# --- Retention -------------------------------------------------------------------------------


def test_purge_deletes_document_bytes_only_after_the_retention_of_closed_requests(
    store: Store, clock: Clock
) -> None:
    closed_day = SUBMITTED_AT.date()
    ported = move(store, submit_sample(store, "tab-1"), "under_review", "submitted_to_carrier")
    ported = change_status(
        store, ported, "accepted", actor="Ola", porting_date=date(2026, 11, 26), confirmed=True
    )
    ported = change_status(store, ported, "ported", actor="Ola", confirmed=True)
    cancelled = move(store, submit_sample(store, "tab-2"), "cancelled")
    still_open = move(store, submit_sample(store, "tab-3"), "under_review")

    assert purge(store, retention_days=30, today=closed_day + timedelta(days=30)) == 0
    clock.now = SUBMITTED_AT + timedelta(days=31)
    assert purge(store, retention_days=30, today=closed_day + timedelta(days=31)) == 6
    assert purge(store, retention_days=30, today=closed_day + timedelta(days=31)) == 0

    for request in (ported, cancelled):
        after = stored_of(store, Submitted(request.reference, request.token))
        assert document_hashes(after) == document_hashes(request)  # name, size and hash stay
        assert all(stored.purged_at == clock.now for stored in after.documents)
        with pytest.raises(StoreError) as refused:
            document(store, after, after.documents[0].id)
        assert refused.value.code == "store.document.purged"
        assert events(store, after)[-1].actor == "retention"
    assert document(store, still_open, still_open.documents[0].id).startswith(b"%PDF")


# --- Failures and parallel use ---------------------------------------------------------------


def test_a_failure_midway_through_a_submission_leaves_nothing_behind(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(document: UploadedDocument, now: datetime) -> Any:
        raise OSError("disk full")

    monkeypatch.setattr(store_module, "_document_row", disk_full)
    with pytest.raises(OSError, match="disk full"):
        submit_sample(store)

    assert list_requests(store) == ()
    assert tuple(count_rows(store, table) for table in ("requests", "documents", "events")) == (0, 0, 0)
    monkeypatch.undo()
    assert stored_of(store, submit_sample(store)).status == "received"  # the same key works once it succeeds


def test_parallel_submissions_are_all_stored_without_mixing_documents(store: Store) -> None:
    def submit_one(index: int) -> tuple[Submitted, dict[str, str]]:
        sent = documents_of(marker=f"thread submission {index}")
        sent_hashes = {doc.slot: sha256(doc.data) for doc in sent}
        return submit_sample(store, f"tab-{index}", documents=sent), sent_hashes

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(submit_one, range(50)))

    assert len({submitted.reference for submitted, _ in results}) == 50
    assert len(list_requests(store)) == 50
    for submitted, sent_hashes in results:
        assert document_hashes(stored_of(store, submitted)) == sent_hashes


def test_parallel_submissions_with_one_key_make_one_request(store: Store) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: submit_sample(store, "double-click"), range(10)))

    assert len(set(results)) == 1
    assert tuple(count_rows(store, table) for table in ("requests", "documents", "events")) == (1, 3, 1)


# --- Opening ---------------------------------------------------------------------------------


def test_the_schema_version_is_written_once(store: Store, store_url: str) -> None:
    open_store(store_url).close()

    with store.engine.connect() as connection:
        versions = connection.execute(text("SELECT version FROM schema_version")).scalars().all()
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_the_default_database_is_a_file_in_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "porting-data"
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("PORTING_DATA_DIR", str(data))

    assert database_url() == f"sqlite:///{data}/porting.db"
    open_store().close()
    assert (data / "porting.db").is_file()
    monkeypatch.setenv("DATABASE_URL", "postgres://porting@db.internal/porting")
    assert database_url() == "postgresql://porting@db.internal/porting"
