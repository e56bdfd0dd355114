"""The team's decision on each number of a request, and moving rejected numbers to a request of their own.

A number is ``accepted`` or rejected with one of the guide's reasons (``rules().rejection_reasons``);
a rejected number never holds back the others. Split off, the rejected numbers become a new
rejected request that the customer may correct and resubmit from its own status link
(``porting.requests.store.split_requests`` reads them back).

>>> from datetime import UTC, date, datetime
>>> from porting.company.details import CompanyDetails
>>> from porting.numbers.intake import read_numbers
>>> from porting.quote.pricing import quote
>>> from porting.quote.timeline import timeline
>>> from porting.requests.model import RequestContent
>>> from porting.requests.store import by_token, open_store, submit
>>> store = open_store("sqlite://", clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
>>> reading = read_numbers("22000000\\n90000000")
>>> content = RequestContent.of(CompanyDetails(), "", reading.unique_rows, quote(reading),
...                             timeline(date(2026, 11, 24)), (), "nb")
>>> sent = submit(store, idempotency_key="tab-1", language="nb", content=content, documents=[])
>>> kept, moved = decide_numbers(store, by_token(store, sent.token),
...                              {"+4790000000": "inactive_number"}, actor="Kari", split=True)
>>> [number.e164 for number in kept.numbers], moved.reference, moved.status, moved.split_from
(['+4722000000'], 'NO-2026-000002', 'rejected', 'NO-2026-000001')
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from porting.requests import outbox
from porting.requests.lifecycle import ACCEPTED_NUMBER, CLOSED, REJECTED, check_reason
from porting.requests.model import StoredNumber, stored_text
from porting.requests.records import (
    StoredRequest,
    add_request_row,
    locked_row,
    numbers_of,
    reference_of,
    stored_request,
)
from porting.requests.schema import DocumentRow, EventRow, RequestRow, Store, StoreError, transaction


def decide_numbers(
    store: Store,
    request: StoredRequest,
    decisions: Mapping[str, str | None],
    *,
    actor: str,
    note: str = "",
    split: bool = False,
) -> tuple[StoredRequest, StoredRequest | None]:
    """Accept or reject numbers one by one: ``decisions`` maps an E.164 number to ``accepted``,
    or to the key of a rejection reason of the guide (``rules().rejection_reasons``).

    A rejected number never holds back the others. With ``split`` the rejected numbers move to
    a new request of their own, rejected with their reason (the customer may correct and
    resubmit it from its own status link), and this request goes on with the rest; without
    it they stay in this request, marked rejected, and are not ported with it. Returns this
    request as it now is and the new one, if any.
    """
    if not actor.strip():
        raise StoreError("store.actor.missing", "say who changes the status")
    for decision in decisions.values():
        if decision != ACCEPTED_NUMBER:
            check_reason(decision)
    with transaction(store, write=True) as session:
        row = locked_row(session, request.id)
        if row.status in CLOSED:
            raise StoreError(
                "store.numbers.closed",
                f"the numbers of a {row.status} request cannot change",
                current=row.status,
            )
        numbers = numbers_of(row)
        present = {number.e164 for number in numbers if number.e164}
        unknown = sorted(set(decisions) - present)
        if unknown:
            raise StoreError(
                "store.numbers.unknown", "these numbers are not in the request", numbers=", ".join(unknown)
            )
        rejected = {number: reason for number, reason in decisions.items() if reason != ACCEPTED_NUMBER}
        if split and rejected and len(rejected) == len(numbers):
            raise StoreError(
                "store.numbers.split_all", "every number is rejected: reject the request instead"
            )
        now = store.clock()
        numbers = [_decided(number, decisions.get(number.e164 or "")) for number in numbers]
        moved: RequestRow | None = None
        if split and rejected:
            out = [number for number in numbers if number.e164 in rejected]
            moved = _split_off(session, row, out, now, note, actor.strip())
            numbers = [number for number in numbers if number.e164 not in rejected]
        row.numbers_json, row.updated_at = stored_text(numbers), now
        summary = _decision_note(decisions, moved, note)
        row.events.append(EventRow(at=now, status=row.status, note=summary, actor=actor.strip()))
        session.flush()
        if moved is not None:
            outbox.queue(session, store, moved, "rejected", numbers=len(rejected))  # the note stays internal
        elif rejected:
            shown = {n.display or str(n.e164): str(n.reason) for n in numbers if n.e164 in rejected}
            outbox.queue(session, store, row, "numbers_rejected", rejected_numbers=shown)
        new = None if moved is None else stored_request(moved, row.reference)
        return stored_request(row, reference_of(row.split_from)), new


def _decided(number: StoredNumber, decision: str | None) -> StoredNumber:
    """``number`` with the team's ``decision`` (accepted, or a rejection reason's key), if any."""
    if decision is None:
        return number
    return number.decided(None if decision == ACCEPTED_NUMBER else decision)


def _split_off(
    session: Session, row: RequestRow, numbers: list[StoredNumber], now: datetime, note: str, actor: str
) -> RequestRow:
    """A new rejected request with ``numbers`` and copies of ``row``'s details and documents."""
    reasons = [str(number.reason) for number in numbers]
    content = {
        "details_json": row.details_json,
        "numbers_json": stored_text(numbers),
        "quote_json": row.quote_json,
        "timeline_json": row.timeline_json,
        "preflight_json": row.preflight_json,
    }
    moved = add_request_row(session, now, f"split:{secrets.token_hex(16)}", row.language, content)
    moved.status, moved.split_from_id, moved.note = REJECTED, row.id, note
    moved.rejection_reason = max(set(reasons), key=reasons.count)
    moved.closed_at = now
    data = {
        document.id: document.data
        for document in session.scalars(
            select(DocumentRow).where(DocumentRow.request_id == row.id).options(undefer(DocumentRow.data))
        )
    }
    for document in row.documents:
        if document.replaced_at is None and document.purged_at is None:
            moved.documents.append(
                DocumentRow(
                    slot=document.slot, name=document.name, kind=document.kind, size=document.size,
                    sha256=document.sha256, data=data[document.id], created_at=now,
                )
            )  # fmt: skip
    moved_note = f"numbers moved out of {row.reference}" + (f": {note.strip()}" if note.strip() else "")
    moved.events.append(EventRow(at=now, status=REJECTED, note=moved_note, actor=actor))
    session.flush()
    return moved


def _decision_note(decisions: Mapping[str, str | None], moved: RequestRow | None, note: str) -> str:
    """The audit line of a per-number decision, in plain words for the team."""
    parts = [
        f"{number}: {'accepted' if decision == ACCEPTED_NUMBER else f'rejected ({decision})'}"
        for number, decision in sorted(decisions.items())
    ]
    if moved is not None:
        parts.append(f"rejected numbers moved to {moved.reference}")
    if note.strip():
        parts.append(note.strip())
    return "; ".join(parts)
