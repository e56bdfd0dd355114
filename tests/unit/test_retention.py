"""What the store keeps, for how long and for whom: anonymous records after the retention, the
limits on drafts, and a database file only the app's user can read."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from store_fixtures import SUBMITTED_AT, Clock, count_rows, move, stored_of, submit_sample

from porting.requests import drafts
from porting.requests.records import Submitted
from porting.requests.retention import anonymise, purge
from porting.requests.schema import OutboxRow, client_key, open_store, transaction
from porting.requests.store import (
    Store,
    by_reference,
    by_token,
    change_status,
    events,
)

CLOSED_DAY = SUBMITTED_AT.date()


def _ported(store: Store, key: str) -> Submitted:
    submitted = submit_sample(store, key)
    request = move(store, submitted, "under_review", "submitted_to_carrier")
    request = change_status(
        store, request, "accepted", actor="Ola", porting_date=date(2026, 11, 26), note="ring Kari",
        confirmed=True,  # before the requested day, and ported before it
    )  # fmt: skip
    change_status(store, request, "ported", actor="Ola", confirmed=True)
    return submitted


# --- Anonymous records after the retention ---------------------------------------------------


def test_a_closed_request_past_the_retention_keeps_only_an_anonymous_record(
    store: Store, clock: Clock
) -> None:
    closed = _ported(store, "tab-1")
    still_open = move(store, submit_sample(store, "tab-2"), "under_review")
    before = stored_of(store, closed)

    assert anonymise(store, retention_days=30, today=CLOSED_DAY + timedelta(days=30)) == 0
    clock.now = SUBMITTED_AT + timedelta(days=31)
    purge(store, retention_days=30, today=CLOSED_DAY + timedelta(days=31))
    assert anonymise(store, retention_days=30, today=CLOSED_DAY + timedelta(days=31)) == 1
    assert anonymise(store, retention_days=30, today=CLOSED_DAY + timedelta(days=31)) == 0

    assert by_token(store, closed.token) is None  # the customer's old link opens nothing
    after = by_reference(store, closed.reference)
    assert after is not None and after.anonymised_at == clock.now
    assert (after.status, after.created_at, after.closed_at) == (
        before.status,
        before.created_at,
        before.closed_at,
    )
    assert after.counts == {"geographic": 1, "special_service": 1} == before.counts
    assert after.details is None and after.numbers == () and after.preflight == () and after.note == ""
    assert after.quote == before.quote and after.timeline == before.timeline
    assert [document.name for document in after.documents] == [f"{d.slot}.{d.kind}" for d in before.documents]
    assert all(document.purged_at is not None for document in after.documents)
    history = events(store, after)
    assert [event.status for event in history][: len(events(store, before))] == [
        event.status for event in events(store, before)
    ]
    assert all(event.note in ("", "anonymised after 30 days") for event in history)
    assert "Kari" not in json.dumps([event.note for event in history])
    with transaction(store, write=False) as session:
        assert session.scalars(select(OutboxRow).where(OutboxRow.request_id == after.id)).all() == []

    kept = by_token(store, still_open.token)
    assert (
        kept is not None
        and kept.details.company_name == "Blåbærsyltetøy Ærlig AS"
        and kept.anonymised_at is None
    )


def test_nothing_personal_is_left_in_an_anonymous_record(store: Store, clock: Clock) -> None:
    closed = _ported(store, "tab-1")
    before = stored_of(store, closed)
    clock.now = SUBMITTED_AT + timedelta(days=91)
    purge(store, retention_days=90, today=CLOSED_DAY + timedelta(days=91))
    anonymise(store, retention_days=90, today=CLOSED_DAY + timedelta(days=91))
    with store.engine.connect() as connection:
        dumped = "\n".join(
            repr(row) for table in ("requests", "documents", "events", "outbox")
            for row in connection.exec_driver_sql(f"SELECT * FROM {table}")
        )  # fmt: skip
    for personal in ("Kari", "Østgård", "kari.ostgard", "974760673", "77 60 12 34", "21234567", before.token):
        assert personal not in dumped


# --- Limits on drafts --------------------------------------------------------------------------


def _save(
    store: Store, client: str | None, limits: drafts.Limits, size: int = 10, token: str | None = None
) -> str:
    return drafts.save(
        store, token=token, language="nb", state={"numbers_text": "2" * size}, documents=[],
        client=client, limits=limits,
    )  # fmt: skip


def test_a_visitor_keeps_only_so_many_drafts_and_may_still_save_their_own(store: Store) -> None:
    limits = drafts.Limits(per_client=2)
    first = _save(store, "visitor-a", limits)
    _save(store, "visitor-a", limits)
    with pytest.raises(drafts.DraftError) as refused:
        _save(store, "visitor-a", limits)
    assert refused.value.code == "drafts.too_many" and refused.value.params == {"limit": "2", "days": "14"}
    assert _save(store, "visitor-a", limits, token=first) == first  # saving one again is fine
    _save(store, "visitor-b", limits)  # another visitor is not held back
    assert count_rows(store, "drafts") == 3


def test_the_documents_of_a_visitors_drafts_count_towards_their_limit(store: Store) -> None:
    limits = drafts.Limits(bytes_per_client=3 * drafts.MEGABYTE)
    document = drafts.DraftDocument("loa", "LOA.pdf", b"%PDF" + b"0" * 2_000_000)
    drafts.save(store, token=None, language="nb", state={}, documents=[document], client="a", limits=limits)
    with pytest.raises(drafts.DraftError) as refused:
        drafts.save(
            store, token=None, language="nb", state={}, documents=[document], client="a", limits=limits
        )
    assert refused.value.code == "drafts.client_full" and refused.value.params["limit"] == "3"
    drafts.save(store, token=None, language="nb", state={}, documents=[document], client="b", limits=limits)


def test_all_drafts_together_are_limited(store: Store) -> None:
    limits = drafts.Limits(bytes_total=1 * drafts.MEGABYTE)
    kept = _save(store, "a", limits, size=600_000)
    with pytest.raises(drafts.DraftError) as refused:
        _save(store, "b", limits, size=600_000)
    assert refused.value.code == "drafts.full"
    assert _save(store, "a", limits, size=900_000, token=kept) == kept  # it replaces its own bytes


def test_draft_limits_come_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTING_DRAFTS_PER_CLIENT", "3")
    monkeypatch.setenv("PORTING_DRAFT_MB_PER_CLIENT", "40")
    monkeypatch.setenv("PORTING_DRAFTS_TOTAL_MB", "500")
    monkeypatch.setenv("PORTING_DRAFT_RETENTION_DAYS", "7")
    assert drafts.Limits.from_environment() == drafts.Limits(3, 40_000_000, 500_000_000, 7)
    monkeypatch.setenv("PORTING_DRAFTS_PER_CLIENT", "lots")  # a mistyped limit still limits
    monkeypatch.setenv("PORTING_DRAFT_RETENTION_DAYS", "0")
    assert drafts.Limits.from_environment().per_client == drafts.Limits.per_client
    assert drafts.Limits.from_environment().retention_days == drafts.Limits.retention_days


def test_a_visitor_is_known_by_a_keyed_hash_never_by_address(store: Store, tmp_path: Path) -> None:
    key = client_key(store, "203.0.113.7")
    assert key is not None and "203.0.113.7" not in key and key == client_key(store, "203.0.113.7")
    assert key != client_key(store, "203.0.113.8") and client_key(store, None) is None
    other = open_store(f"sqlite:///{tmp_path}/other.db")
    try:
        assert client_key(other, "203.0.113.7") != key  # each database has its own key
    finally:
        other.close()


# --- Files only the app can read ----------------------------------------------------------------


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_and_its_folder_are_readable_by_the_app_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    opened = open_store(f"sqlite:///{folder}/porting.db")
    try:
        submit_sample(opened, "tab-1")
        files = [folder / name for name in ("porting.db", "porting.db-wal", "porting.db-shm")]
        assert all(path.exists() for path in files)
        assert _mode(folder) == 0o700
        assert [_mode(path) for path in files] == [0o600, 0o600, 0o600]
    finally:
        opened.close()


def test_an_older_world_readable_database_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    open_store(f"sqlite:///{folder}/porting.db").close()
    os.chmod(folder, 0o755)
    os.chmod(folder / "porting.db", 0o644)
    open_store(f"sqlite:///{folder}/porting.db").close()
    assert (_mode(folder), _mode(folder / "porting.db")) == (0o700, 0o600)
