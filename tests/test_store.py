"""The store of submitted requests: what it keeps, the statuses it allows, and that it holds up
under failures and parallel submissions.

Every test runs on SQLite in a temporary folder, and also on PostgreSQL when ``DATABASE_URL``
names one: each test then gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from samples import BLAABAER, stored_documents
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

import porting.store as store_module
from porting.documents import UploadedDocument
from porting.store import (
    Store,
    StoredRequest,
    StoreError,
    Submitted,
    by_reference,
    by_token,
    change_status,
    database_url,
    document,
    events,
    list_requests,
    open_store,
    purge,
    submit,
)

POSTGRES_URL = (
    os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""
)
SUBMITTED_AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


@dataclass
class Clock:
    """The store's clock, set by the test: nothing depends on today's date."""

    now: datetime = SUBMITTED_AT

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def _postgres_schema(url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped at the end."""
    schema = f"test_store_{secrets.token_hex(6)}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(not POSTGRES_URL, reason="DATABASE_URL names no PostgreSQL"),
        ),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/t.db"
    else:
        with _postgres_schema(POSTGRES_URL) as url:
            yield url


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(store_url: str, clock: Clock) -> Iterator[Store]:
    opened = open_store(store_url, clock=clock)
    yield opened
    opened.close()


# --- Realistic requests ------------------------------------------------------------------------

DETAILS = asdict(BLAABAER)  # every Norwegian letter: names must round-trip and be found
NUMBERS = [
    {
        "input": "21 23 45 67",
        "line": 1,
        "e164": "+4721234567",
        "display": "21 23 45 67",
        "type": "geographic",
        "area": "Oslo",
        "portable": True,
    },
    {
        "input": "815 12 345",
        "line": 2,
        "e164": "+4781512345",
        "display": "815 12 345",
        "type": "shared_cost",
        "area": None,
        "portable": False,
    },
]
QUOTE = {"currency": "EUR", "total": Decimal("55.00"), "lines": [{"numbers": 1, "cents": 5500}]}
TIMELINE = {"submission_day": date(2026, 11, 24), "estimated_porting_day": date(2026, 12, 8)}
PREFLIGHT = [{"check": "invoice_date", "ok": True}, {"check": "org_number_on_invoice", "ok": True}]


def _documents(marker: str = "") -> list[UploadedDocument]:
    return stored_documents(marker)


def _submit(store: Store, key: str = "browser-tab-1", **changes: Any) -> Submitted:
    values: dict[str, Any] = {
        "idempotency_key": key,
        "language": "nb",
        "details": DETAILS,
        "numbers": NUMBERS,
        "quote": QUOTE,
        "timeline": TIMELINE,
        "preflight": PREFLIGHT,
        "documents": _documents(),
    }
    return submit(store, **(values | changes))


def _stored(store: Store, submitted: Submitted) -> StoredRequest:
    found = by_token(store, submitted.token)
    assert found is not None
    return found


def _move(store: Store, submitted: Submitted, *statuses: str) -> StoredRequest:
    request = _stored(store, submitted)
    for status in statuses:
        request = change_status(store, request, status, actor="Ola (porting team)")
    return request


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(text(table))).scalar_one()


def _hashes(request: StoredRequest) -> dict[str, str]:
    return {stored.slot: stored.sha256 for stored in request.documents}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Submitting ------------------------------------------------------------------------------


def test_submit_stores_the_request_with_everything_the_customer_entered(store: Store) -> None:
    request = _stored(store, _submit(store))

    assert (request.status, request.language, request.demo) == ("received", "nb", False)
    assert request.details["company_name"] == "Blåbærsyltetøy Ærlig AS"
    assert request.details["requested_date"] == "2027-04-15"
    assert [number["e164"] for number in request.numbers] == ["+4721234567", "+4781512345"]
    assert [number["portable"] for number in request.numbers] == [True, False]
    assert request.quote["total"] == "55.00"  # money stays exact: decimal text, never a float
    assert request.timeline["estimated_porting_day"] == "2026-12-08"
    assert request.preflight[1] == {"check": "org_number_on_invoice", "ok": True}
    assert request.created_at == request.updated_at == SUBMITTED_AT
    assert (request.porting_date, request.rejection_reason, request.closed_at) == (None, None, None)
    assert [(event.status, event.actor) for event in events(store, request)] == [("received", "customer")]


def test_documents_come_back_byte_identical_with_their_hash(store: Store) -> None:
    request = _stored(store, _submit(store))
    sent = {uploaded.slot: uploaded for uploaded in _documents()}

    assert [stored.slot for stored in request.documents] == ["loa", "invoice", "registration"]
    for stored in request.documents:
        data = document(store, request, stored.id)
        assert data == sent[stored.slot].data
        assert stored.sha256 == _sha256(data)
        assert (stored.name, stored.kind, stored.size) == (
            sent[stored.slot].name,
            sent[stored.slot].kind,
            len(data),
        )


def test_a_document_of_another_request_is_not_found(store: Store) -> None:
    first = _stored(store, _submit(store, "tab-1"))
    second = _stored(store, _submit(store, "tab-2"))

    with pytest.raises(StoreError) as refused:
        document(store, second, first.documents[0].id)
    assert refused.value.code == "store.document.not_found"


def test_a_double_submit_with_one_idempotency_key_makes_one_request(store: Store) -> None:
    first = _submit(store)
    again = _submit(store, details=DETAILS | {"company_name": "Something Else AS"})

    assert again == first
    assert len(list_requests(store)) == 1
    assert _stored(store, first).details["company_name"] == "Blåbærsyltetøy Ærlig AS"
    assert _count(store, "documents") == 3
    assert _count(store, "events") == 1


def test_an_insert_that_loses_the_idempotency_race_returns_the_winner(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _submit(store)
    looked_up = store_module._submitted_by_key
    calls: list[str] = []

    def misses_once(session: Any, key: str) -> Submitted | None:
        calls.append(key)  # the first look-up misses, as if the winner committed a moment later
        return None if len(calls) == 1 else looked_up(session, key)

    monkeypatch.setattr(store_module, "_submitted_by_key", misses_once)

    assert _submit(store) == first
    assert len(calls) == 2
    assert len(list_requests(store)) == 1


def test_demo_requests_are_never_submitted(store: Store) -> None:
    with pytest.raises(StoreError) as refused:
        _submit(store, demo=True)

    assert refused.value.code == "store.demo"
    assert list_requests(store) == ()


def test_references_are_numbered_by_year_and_unique(store: Store) -> None:
    references = [_submit(store, f"tab-{index}").reference for index in range(5)]

    assert all(re.fullmatch(r"NO-2026-\d{6}", reference) for reference in references)
    assert len(set(references)) == 5


def test_tokens_carry_at_least_128_random_bits_and_are_unique(store: Store) -> None:
    tokens = [_submit(store, f"tab-{index}").token for index in range(5)]

    assert all(len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128 for token in tokens)
    assert len(set(tokens)) == 5


def test_a_wrong_or_missing_token_finds_nothing(store: Store) -> None:
    submitted = _submit(store)
    wrong = submitted.token[:-1] + ("A" if submitted.token[-1] != "A" else "B")

    assert by_token(store, "") is None
    assert by_token(store, wrong) is None
    assert by_token(store, submitted.reference) is None  # the guessable reference opens nothing
    assert submitted.token not in repr(submitted) + repr(_stored(store, submitted))  # kept out of logs


def test_the_team_finds_a_request_by_its_reference(store: Store) -> None:
    submitted = _submit(store)

    found = by_reference(store, submitted.reference.lower())
    assert found is not None and found.token == submitted.token
    assert by_reference(store, "NO-2026-999999") is None


def test_the_team_lists_requests_by_status_and_search(store: Store) -> None:
    first = _submit(store, "tab-1")
    second = _submit(store, "tab-2", details=DETAILS | {"company_name": "Østlandet Rør AS"}, numbers=[])
    _move(store, second, "under_review")

    assert [found.reference for found in list_requests(store)] == [second.reference, first.reference]
    assert [found.reference for found in list_requests(store, status="under_review")] == [second.reference]
    for search in ("BLÅBÆRSYLTETØY", "+47 21 23 45 67", "21234567", "815 12", first.reference[-6:]):
        assert [found.reference for found in list_requests(store, search=search)] == [first.reference]
    assert [found.reference for found in list_requests(store, search="østlandet")] == [second.reference]
    assert list_requests(store, search="Nordlys") == ()


# --- Statuses --------------------------------------------------------------------------------


def test_a_request_follows_the_guide_from_received_to_ported(store: Store, clock: Clock) -> None:
    submitted = _submit(store)
    request = _move(store, submitted, "under_review", "waiting_for_documents", "under_review")
    request = change_status(store, request, "submitted_to_carrier", actor="Ola", note="Sent to the carrier")
    clock.now = SUBMITTED_AT + timedelta(days=3)
    request = change_status(store, request, "accepted", actor="Ola", porting_date=date(2026, 12, 2))
    request = change_status(store, request, "ported", actor="Ola", note="Numbers live")

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
        (date(2027, 5, 15), "store.porting_date.not_business_day"),  # a Saturday
        (date(2027, 5, 17), "store.porting_date.not_business_day"),  # Constitution Day, a Monday
    ],
)
def test_acceptance_needs_a_business_day_for_porting(
    store: Store, porting_date: date | None, code: str
) -> None:
    submitted = _submit(store)
    request = _move(store, submitted, "under_review", "submitted_to_carrier")

    with pytest.raises(StoreError) as refused:
        change_status(store, request, "accepted", actor="Ola", porting_date=porting_date)
    assert refused.value.code == code
    assert _stored(store, submitted).status == "submitted_to_carrier"


@pytest.mark.parametrize("reason", [None, "bad_weather"])
def test_a_rejection_needs_one_of_the_guides_reasons(store: Store, reason: str | None) -> None:
    request = _move(store, _submit(store), "under_review")

    with pytest.raises(StoreError) as refused:
        change_status(store, request, "rejected", actor="Ola", reason=reason)
    assert refused.value.code == "store.rejection_reason.unknown"
    rejected = change_status(store, request, "rejected", actor="Ola", reason="outdated_invoice")
    assert (rejected.status, rejected.rejection_reason) == ("rejected", "outdated_invoice")


def test_the_customer_can_cancel_until_the_carrier_has_the_request(store: Store) -> None:
    waiting = _move(store, _submit(store, "tab-1"), "waiting_for_documents")
    cancelled = change_status(
        store, waiting, "cancelled", actor="customer", note="Staying with Telenor Norge AS"
    )
    assert cancelled.status == "cancelled"

    sent = _move(store, _submit(store, "tab-2"), "under_review", "submitted_to_carrier")
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
    request = _move(store, _submit(store), *statuses)

    with pytest.raises(StoreError) as refused:
        change_status(store, request, new_status, actor="Ola")
    assert refused.value.code == code
    assert len(events(store, request)) == 1 + len(statuses)


# --- Retention -------------------------------------------------------------------------------


def test_purge_deletes_document_bytes_only_after_the_retention_of_closed_requests(
    store: Store, clock: Clock
) -> None:
    closed_day = SUBMITTED_AT.date()
    ported = _move(store, _submit(store, "tab-1"), "under_review", "submitted_to_carrier")
    ported = change_status(store, ported, "accepted", actor="Ola", porting_date=date(2026, 11, 26))
    ported = change_status(store, ported, "ported", actor="Ola")
    cancelled = _move(store, _submit(store, "tab-2"), "cancelled")
    still_open = _move(store, _submit(store, "tab-3"), "under_review")

    assert purge(store, retention_days=30, today=closed_day + timedelta(days=30)) == 0
    clock.now = SUBMITTED_AT + timedelta(days=31)
    assert purge(store, retention_days=30, today=closed_day + timedelta(days=31)) == 6
    assert purge(store, retention_days=30, today=closed_day + timedelta(days=31)) == 0

    for request in (ported, cancelled):
        after = _stored(store, Submitted(request.reference, request.token))
        assert _hashes(after) == _hashes(request)  # name, size and hash stay
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
        _submit(store)

    assert list_requests(store) == ()
    assert (_count(store, "requests"), _count(store, "documents"), _count(store, "events")) == (0, 0, 0)
    monkeypatch.undo()
    assert _stored(store, _submit(store)).status == "received"  # the same key works once it succeeds


def test_parallel_submissions_are_all_stored_without_mixing_documents(store: Store) -> None:
    def submit_one(index: int) -> tuple[Submitted, dict[str, str]]:
        sent = _documents(marker=f"thread submission {index}")
        return _submit(store, f"tab-{index}", documents=sent), {doc.slot: _sha256(doc.data) for doc in sent}

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(submit_one, range(50)))

    assert len({submitted.reference for submitted, _ in results}) == 50
    assert len(list_requests(store)) == 50
    for submitted, hashes in results:
        assert _hashes(_stored(store, submitted)) == hashes


def test_parallel_submissions_with_one_key_make_one_request(store: Store) -> None:
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: _submit(store, "double-click"), range(10)))

    assert len(set(results)) == 1
    assert (_count(store, "requests"), _count(store, "documents"), _count(store, "events")) == (1, 3, 1)


# --- Opening ---------------------------------------------------------------------------------


def test_the_schema_version_is_written_once(store: Store, store_url: str) -> None:
    open_store(store_url).close()

    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version FROM schema_version")).scalars().all() == [1]


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
