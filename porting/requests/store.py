"""Submitted porting requests, kept in a database: the team's work list and the customer's receipt.

A request moves through the statuses of the guide's porting process (``rules().process_steps``):
``received`` when the customer submits; ``under_review`` and ``waiting_for_documents`` while we
check it; ``submitted_to_carrier`` once we send it on; then ``accepted`` with a confirmed porting
day (a business day, ``porting.calendar``), or ``rejected`` with one of the guide's rejection
reasons (``rules().rejection_reasons``), and finally ``ported``. The customer may cancel until the
carrier has the request. ``allowed_transitions`` is the whole of that process; every change is
an event in the request's audit trail.

The customer finds a request by its token (192 random bits), never by its reference: references
(``NO-2026-000123``) are counted and so guessable, and are for the team. Everything leaves this
module as frozen dataclasses. Nothing here logs document bytes or company details.

The database is ``DATABASE_URL`` (PostgreSQL in production), else a SQLite file in the data
directory (``PORTING_DATA_DIR``, by default ``data/`` in the repository).

>>> from datetime import UTC, datetime
>>> store = open_store("sqlite://", clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
>>> sent = submit(store, idempotency_key="tab-1", language="nb", details={"company_name": "Fjordlinje AS"},
...               numbers=[], quote={}, timeline={}, preflight=[], documents=[])
>>> sent.reference
'NO-2026-000001'
>>> request = by_token(store, sent.token)
>>> request.status, by_token(store, sent.reference)
('received', None)
>>> change_status(store, request, "under_review", actor="Kari (porting team)").status
'under_review'
>>> sorted(allowed_transitions["submitted_to_carrier"])
['accepted', 'rejected']
>>> change_status(store, request, "ported", actor="Kari")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
porting.requests.schema.StoreError: ... (store.status.not_allowed)
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, undefer
from sqlalchemy.sql.elements import ColumnElement

from porting.calendar import is_business_day
from porting.documents.reading import UploadedDocument
from porting.requests import drafts, outbox
from porting.requests.schema import DATA_DIR_VARIABLE as DATA_DIR_VARIABLE
from porting.requests.schema import DATABASE_URL_VARIABLE as DATABASE_URL_VARIABLE
from porting.requests.schema import SCHEMA_VERSION as SCHEMA_VERSION
from porting.requests.schema import (
    DocumentRow,
    EventRow,
    OutboxRow,
    RequestRow,
    new_token,
    retention_cutoff,
    transaction,
)
from porting.requests.schema import Mailing as Mailing
from porting.requests.schema import Store as Store
from porting.requests.schema import StoreError as StoreError
from porting.requests.schema import data_dir as data_dir
from porting.requests.schema import database_url as database_url
from porting.requests.schema import open_store as open_store
from porting.rules import rules

_log = logging.getLogger(__name__)


RECEIVED = "received"
UNDER_REVIEW = "under_review"
WAITING_FOR_DOCUMENTS = "waiting_for_documents"
SUBMITTED_TO_CARRIER = "submitted_to_carrier"
ACCEPTED = "accepted"
REJECTED = "rejected"
PORTED = "ported"
CANCELLED = "cancelled"
CLOSED = frozenset({PORTED, REJECTED, CANCELLED})  # documents of these are purged after the retention

# The team's changes. A rejected request is closed until the customer sends corrected documents
# (``resubmit``), which brings it back to received; the customer may cancel until the carrier has it.
allowed_transitions: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        RECEIVED: frozenset({UNDER_REVIEW, WAITING_FOR_DOCUMENTS, REJECTED, CANCELLED}),
        UNDER_REVIEW: frozenset({WAITING_FOR_DOCUMENTS, SUBMITTED_TO_CARRIER, REJECTED, CANCELLED}),
        WAITING_FOR_DOCUMENTS: frozenset({UNDER_REVIEW, REJECTED, CANCELLED}),
        SUBMITTED_TO_CARRIER: frozenset({ACCEPTED, REJECTED}),  # too late for the customer to cancel
        ACCEPTED: frozenset({PORTED}),
        REJECTED: frozenset(),
        PORTED: frozenset(),
        CANCELLED: frozenset(),
    }
)
STATUSES: tuple[str, ...] = tuple(allowed_transitions)
CUSTOMER = "customer"  # the actor of the customer's own changes
# The customer may send corrected documents while these: the request goes back to received.
RESUBMITTABLE = frozenset({WAITING_FOR_DOCUMENTS, REJECTED})
# The notice the customer gets when a request enters a status (porting.notify.notices kinds).
_NOTICE_OF: Mapping[str, str] = MappingProxyType(
    {
        WAITING_FOR_DOCUMENTS: "documents_missing",
        ACCEPTED: "date_confirmed",
        REJECTED: "rejected",
        PORTED: "ported",
        CANCELLED: "cancelled",
    }
)
ACCEPTED_NUMBER, REJECTED_NUMBER = "accepted", "rejected"  # a number's own decision


# --- What leaves the module ------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    """The receipt of a submission: the reference to quote and the token that opens the request."""

    reference: str
    token: str = field(repr=False)


@dataclass(frozen=True)
class StoredDocument:
    """A stored document without its bytes (``document`` reads them); ``purged_at`` once they are gone."""

    id: int
    slot: str
    name: str  # as uploaded, for display only
    kind: str
    size: int
    sha256: str
    created_at: datetime
    purged_at: datetime | None
    replaced_at: datetime | None = None  # a corrected document of the same slot came after it


@dataclass(frozen=True)
class Event:
    """One line of a request's audit trail: a status it entered, when, by whom and why."""

    at: datetime
    status: str
    note: str
    actor: str


@dataclass(frozen=True)
class StoredRequest:
    """A submitted request as the team and the customer see it; times are UTC."""

    id: int
    reference: str
    token: str = field(repr=False)
    status: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    language: str
    demo: bool
    details: Mapping[str, Any] = field(repr=False)  # the company details, as JSON values
    numbers: tuple[Mapping[str, Any], ...]  # input, line, e164, display, type, area, portable
    quote: Mapping[str, Any]
    timeline: Mapping[str, Any]
    preflight: tuple[Mapping[str, Any], ...]
    porting_date: date | None  # confirmed when accepted
    rejection_reason: str | None  # a key of rules().rejection_reasons when rejected
    note: str  # the note of the latest status change, shown with the status
    documents: tuple[StoredDocument, ...]
    split_from: str | None = None  # the reference of the request these numbers were moved out of
    # Once the retention has passed for a closed request: when it was made anonymous, and its
    # numbers counted by type (its details, numbers and documents are gone by then).
    anonymised_at: datetime | None = None
    counts: Mapping[str, int] = field(default_factory=dict)


# --- Submitting ------------------------------------------------------------------------------


def submit(
    store: Store,
    *,
    idempotency_key: str,
    language: str,
    details: Mapping[str, Any],
    numbers: Sequence[Mapping[str, Any]],
    quote: Mapping[str, Any],
    timeline: Mapping[str, Any],
    preflight: Sequence[Mapping[str, Any]],
    documents: Sequence[UploadedDocument],
    demo: bool = False,
    draft_token: str | None = None,
) -> Submitted:
    """Store a request, its documents, its first event and its notices in one transaction.

    Submitting again with the same ``idempotency_key`` (a double click, a retried request)
    stores nothing and returns the first receipt, whatever else was passed. The draft
    ``draft_token`` the request was resumed from, if any, is deleted in the same transaction.
    """
    if demo:
        raise StoreError(
            "store.demo", "a demo request is never submitted: enter your own company and numbers"
        )
    key = idempotency_key.strip()
    if not key:
        raise StoreError("store.idempotency_key.missing", "a submission needs an idempotency key")
    content = {  # encoded before the transaction, so a value JSON cannot hold fails without a lock
        "details_json": _json(details),
        "numbers_json": _json(numbers),
        "quote_json": _json(quote),
        "timeline_json": _json(timeline),
        "preflight_json": _json(preflight),
    }
    try:
        with transaction(store, write=True) as session:
            existing = _submitted_by_key(session, key)
            if existing is not None:
                return existing
            now = store.clock()
            row = _add_request(session, now, key, language, content)
            for document in documents:
                row.documents.append(_document_row(document, now))
            row.events.append(EventRow(at=now, status=RECEIVED, note="", actor=CUSTOMER))
            session.flush()
            outbox.queue(session, store, row, "received", numbers=len(numbers))
            outbox.queue(session, store, row, "team_new", numbers=len(numbers))
            if draft_token:
                drafts.discard(session, draft_token)
            submitted = Submitted(row.reference, row.token)
    except IntegrityError:
        # Another submission with the same key committed between our look-up and our insert.
        with transaction(store, write=False) as session:
            existing = _submitted_by_key(session, key)
        if existing is None:
            raise
        return existing
    _log.info("stored porting request %s with %d documents", submitted.reference, len(documents))
    return submitted


def _submitted_by_key(session: Session, key: str) -> Submitted | None:
    found = session.execute(
        select(RequestRow.reference, RequestRow.token).where(RequestRow.idempotency_key == key)
    ).one_or_none()
    return None if found is None else Submitted(found.reference, found.token)


def _add_request(
    session: Session, now: datetime, key: str, language: str, content: Mapping[str, str]
) -> RequestRow:
    """The request row, flushed so its id gives its reference."""
    token = new_token()
    row = RequestRow(
        reference=f"pending:{token}",  # unique until the id is known, a moment later
        token=token,
        idempotency_key=key,
        status=RECEIVED,
        created_at=now,
        updated_at=now,
        language=language,
        demo=False,
        note="",
        **content,
    )
    session.add(row)
    session.flush()
    row.reference = f"NO-{now.year}-{row.id:06d}"
    return row


def _document_row(document: UploadedDocument, now: datetime) -> DocumentRow:
    return DocumentRow(
        slot=document.slot,
        name=document.name,
        kind=document.kind,
        size=len(document.data),
        sha256=hashlib.sha256(document.data).hexdigest(),
        data=document.data,
        created_at=now,
    )


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_value)


def _json_value(value: object) -> object:
    """Dates as ISO text, money as exact decimal text, read-only mappings as objects."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"a {type(value).__name__} cannot be stored as JSON")  # the type only: no details


# --- Reading ---------------------------------------------------------------------------------


def by_token(store: Store, token: str) -> StoredRequest | None:
    """The request the customer's token opens, or ``None``; the customer's only way in."""
    return _find(store, RequestRow.token == token) if token else None


def by_reference(store: Store, reference: str) -> StoredRequest | None:
    """The request with this reference, or ``None``: for the team only, as references are guessable."""
    return _find(store, RequestRow.reference == reference.strip().upper()) if reference.strip() else None


def _find(store: Store, condition: ColumnElement[bool]) -> StoredRequest | None:
    with transaction(store, write=False) as session:
        query = select(RequestRow).where(condition).options(selectinload(RequestRow.documents))
        row = session.scalars(query).one_or_none()
        return None if row is None else _stored(row, _reference(row.split_from))


def list_requests(
    store: Store, *, status: str | None = None, search: str | None = None
) -> tuple[StoredRequest, ...]:
    """The requests, newest first, in one status if given, matching ``search`` if given.

    The search matches part of the reference, the company name or a number (E.164 or as shown),
    ignoring case and spaces. It runs here, not in SQL: the JSON columns are text to the
    database, and SQLite folds only ASCII case (Ø, Æ, Å).
    """
    if status is not None:
        _check_status(status)
    query = select(RequestRow).options(selectinload(RequestRow.documents)).order_by(RequestRow.id.desc())
    if status is not None:
        query = query.where(RequestRow.status == status)
    with transaction(store, write=False) as session:
        found = tuple(_stored(row, _reference(row.split_from)) for row in session.scalars(query))
    needle = "".join((search or "").split()).casefold()
    return tuple(request for request in found if _matches(request, needle)) if needle else found


def _matches(request: StoredRequest, needle: str) -> bool:
    def compact(value: object) -> str:
        return "".join(str(value or "").split()).casefold()

    texts = [request.reference, request.details.get("company_name")]
    texts += [number.get(key) for number in request.numbers for key in ("e164", "display")]
    return any(needle in compact(text) for text in texts)


def document(store: Store, request: StoredRequest, document_id: int) -> bytes:
    """The bytes of one of ``request``'s documents, as uploaded."""
    with transaction(store, write=False) as session:
        row = session.scalars(
            select(DocumentRow)
            .where(DocumentRow.id == document_id, DocumentRow.request_id == request.id)
            .options(undefer(DocumentRow.data))
        ).one_or_none()
        if row is None:
            raise StoreError("store.document.not_found", "this request has no such document")
        if row.data is None:
            raise StoreError("store.document.purged", "the document was deleted after the retention period")
        return bytes(row.data)


def events(store: Store, request: StoredRequest) -> tuple[Event, ...]:
    """The request's audit trail, oldest first."""
    query = select(EventRow).where(EventRow.request_id == request.id).order_by(EventRow.id)
    with transaction(store, write=False) as session:
        return tuple(Event(row.at, row.status, row.note, row.actor) for row in session.scalars(query))


def _stored(row: RequestRow, split_from: str | None = None) -> StoredRequest:
    numbers = tuple(json.loads(row.numbers_json))
    return StoredRequest(
        id=row.id,
        reference=row.reference,
        token=row.token,
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
        language=row.language,
        demo=row.demo,
        details=json.loads(row.details_json),
        numbers=numbers,
        quote=json.loads(row.quote_json),
        timeline=json.loads(row.timeline_json),
        preflight=tuple(json.loads(row.preflight_json)),
        porting_date=row.porting_date,
        rejection_reason=row.rejection_reason,
        note=row.note,
        documents=tuple(
            StoredDocument(
                d.id, d.slot, d.name, d.kind, d.size, d.sha256, d.created_at, d.purged_at, d.replaced_at
            )
            for d in row.documents
        ),
        split_from=split_from,
        anonymised_at=row.anonymised_at,
        counts=json.loads(row.counts_json) if row.counts_json else _counts(numbers),
    )


def _counts(numbers: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """A request's numbers counted by type, the part of them an anonymous record keeps."""
    counted: dict[str, int] = {}
    for number in numbers:
        kind = str(number.get("type") or "unknown")
        counted[kind] = counted.get(kind, 0) + 1
    return counted


# --- Changing status -------------------------------------------------------------------------


def change_status(
    store: Store,
    request: StoredRequest,
    new_status: str,
    *,
    actor: str,
    note: str = "",
    porting_date: date | None = None,
    reason: str | None = None,
) -> StoredRequest:
    """Move the request to ``new_status`` and record the event; the request as it now is.

    ``accepted`` needs the confirmed ``porting_date``, a business day; ``rejected`` needs the
    ``reason``, a key of ``rules().rejection_reasons``. The status is read under a lock, so
    two people changing the same request at once cannot both succeed from the same status.
    """
    _check_change(new_status, porting_date, reason)
    if not actor.strip():
        raise StoreError("store.actor.missing", "say who changes the status")
    with transaction(store, write=True) as session:
        row = _locked(session, request.id)
        if new_status not in allowed_transitions[row.status]:
            raise StoreError(
                "store.status.not_allowed",
                f"a request that is {row.status} cannot become {new_status}",
                current=row.status,
                new=new_status,
            )
        now = store.clock()
        row.status, row.updated_at, row.note = new_status, now, note
        if new_status == ACCEPTED:
            row.porting_date = porting_date
        if new_status == REJECTED:
            row.rejection_reason = reason
        if new_status in CLOSED:
            row.closed_at = now
        row.events.append(EventRow(at=now, status=new_status, note=note, actor=actor.strip()))
        session.flush()
        if new_status in _NOTICE_OF:
            outbox.queue(session, store, row, _NOTICE_OF[new_status], note=note, numbers=len(_numbers(row)))
        return _stored(row, _reference(row.split_from))


def cancel(store: Store, request: StoredRequest) -> StoredRequest:
    """The customer cancels their request: allowed until it is submitted to the carrier."""
    return change_status(store, request, CANCELLED, actor=CUSTOMER)


def customer_may_cancel(request: StoredRequest) -> bool:
    return CANCELLED in allowed_transitions[request.status]


def resubmit(
    store: Store, request: StoredRequest, documents: Sequence[UploadedDocument], *, note: str = ""
) -> StoredRequest:
    """Corrected documents from the customer: they replace those of their slots, and the request
    is received again (rejection reason cleared, reopened), with notices to both sides.

    Allowed while the request waits for documents or was rejected, and only with at least one
    document; a request whose documents were already deleted after the retention is a new one.
    """
    if not documents:
        raise StoreError("store.resubmit.no_documents", "send at least one corrected document")
    with transaction(store, write=True) as session:
        row = _locked(session, request.id)
        if row.status not in RESUBMITTABLE:
            raise StoreError(
                "store.resubmit.not_allowed",
                f"a request that is {row.status} takes no corrected documents",
                current=row.status,
            )
        if any(document.purged_at is not None for document in row.documents):
            raise StoreError(
                "store.resubmit.purged", "this request's documents were deleted: start a new request"
            )
        now = store.clock()
        slots = {document.slot for document in documents}
        for old in row.documents:
            if old.slot in slots and old.replaced_at is None:
                old.replaced_at = now
        for document in documents:
            row.documents.append(_document_row(document, now))
        row.status, row.updated_at, row.note = RECEIVED, now, note
        row.rejection_reason, row.closed_at = None, None
        row.events.append(EventRow(at=now, status=RECEIVED, note=note, actor=CUSTOMER))
        session.flush()
        count = len(_numbers(row))
        outbox.queue(session, store, row, "resubmitted", note=note, numbers=count)
        outbox.queue(session, store, row, "team_new", note=note, numbers=count, resubmission=True)
        return _stored(row, _reference(row.split_from))


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
            _check_reason(decision)
    with transaction(store, write=True) as session:
        row = _locked(session, request.id)
        if row.status in CLOSED:
            raise StoreError(
                "store.numbers.closed",
                f"the numbers of a {row.status} request cannot change",
                current=row.status,
            )
        numbers = _numbers(row)
        present = {str(number.get("e164")) for number in numbers}
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
        for number in numbers:
            decision = decisions.get(str(number.get("e164")))
            if decision is not None:
                number["decision"] = ACCEPTED_NUMBER if decision == ACCEPTED_NUMBER else REJECTED_NUMBER
                number["reason"] = None if decision == ACCEPTED_NUMBER else decision
        moved: RequestRow | None = None
        if split and rejected:
            out = [number for number in numbers if number.get("e164") in rejected]
            moved = _split_off(session, row, out, now, note, actor.strip())
            numbers = [number for number in numbers if number.get("e164") not in rejected]
        row.numbers_json, row.updated_at = _json(numbers), now
        summary = _decision_note(decisions, moved, note)
        row.events.append(EventRow(at=now, status=row.status, note=summary, actor=actor.strip()))
        session.flush()
        if moved is not None:
            outbox.queue(session, store, moved, "rejected", note=note, numbers=len(rejected))
        elif rejected:
            shown = {
                str(n.get("display") or n.get("e164")): str(n["reason"])
                for n in numbers
                if n.get("e164") in rejected
            }
            outbox.queue(session, store, row, "numbers_rejected", note=note, rejected_numbers=shown)
        new = None if moved is None else _stored(moved, row.reference)
        return _stored(row, _reference(row.split_from)), new


def _split_off(
    session: Session, row: RequestRow, numbers: list[dict[str, Any]], now: datetime, note: str, actor: str
) -> RequestRow:
    """A new rejected request with ``numbers`` and copies of ``row``'s details and documents."""
    reasons = [str(number["reason"]) for number in numbers]
    content = {
        "details_json": row.details_json,
        "numbers_json": _json(numbers),
        "quote_json": row.quote_json,
        "timeline_json": row.timeline_json,
        "preflight_json": row.preflight_json,
    }
    moved = _add_request(session, now, f"split:{secrets.token_hex(16)}", row.language, content)
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


def split_requests(store: Store, request: StoredRequest) -> tuple[StoredRequest, ...]:
    """The requests numbers of ``request`` were moved to, oldest first."""
    query = (
        select(RequestRow)
        .where(RequestRow.split_from_id == request.id)
        .options(selectinload(RequestRow.documents))
        .order_by(RequestRow.id)
    )
    with transaction(store, write=False) as session:
        return tuple(_stored(row, request.reference) for row in session.scalars(query))


def _locked(session: Session, request_id: int) -> RequestRow:
    row = session.scalars(
        select(RequestRow).where(RequestRow.id == request_id).with_for_update()
    ).one_or_none()
    if row is None:
        raise StoreError("store.request.not_found", "there is no such request")
    return row


def _numbers(row: RequestRow) -> list[dict[str, Any]]:
    return list(json.loads(row.numbers_json))


def _reference(row: RequestRow | None) -> str | None:
    return None if row is None else row.reference


def _check_status(status: str) -> None:
    if status not in allowed_transitions:
        raise StoreError(
            "store.status.unknown", f"unknown status {status!r}", status=status, known=", ".join(STATUSES)
        )


def _check_change(new_status: str, porting_date: date | None, reason: str | None) -> None:
    _check_status(new_status)
    if new_status == ACCEPTED:
        if porting_date is None:
            raise StoreError("store.porting_date.missing", "an accepted request needs its porting date")
        if not _is_business_day(porting_date):
            raise StoreError(
                "store.porting_date.not_business_day",
                f"{porting_date.isoformat()} is not a Norwegian business day",
                day=porting_date.isoformat(),
            )
    elif porting_date is not None:
        raise StoreError("store.porting_date.unexpected", "only an accepted request has a porting date")
    if new_status == REJECTED:
        _check_reason(reason)
    elif reason is not None:
        raise StoreError("store.rejection_reason.unexpected", "only a rejected request has a reason")


def _check_reason(reason: str | None) -> None:
    """Refuse anything but a key of the guide's rejection reasons."""
    if rules().rejection_reason(reason) is None:
        known = ", ".join(known_reason.key for known_reason in rules().rejection_reasons)
        raise StoreError(
            "store.rejection_reason.unknown",
            f"a rejection needs one of the guide's reasons: {known}",
            reason=str(reason),
            known=known,
        )


def _is_business_day(day: date) -> bool:
    try:
        return is_business_day(day)
    except ValueError:  # a year the holiday tables do not cover
        return False


# --- Retention -------------------------------------------------------------------------------

RETENTION_ACTOR = "retention"


def anonymise(store: Store, *, retention_days: int, today: date) -> int:
    """Make requests closed more than ``retention_days`` days ago anonymous; how many.

    What stays is what the team counts: the reference, the dates, the statuses of the audit
    trail, the quote and timeline, and the numbers counted by type. The company details
    (names, e-mail, phone, organisation number), the numbers, the pre-flight report, the notes,
    the documents' bytes and names and the notices go; the status token is replaced by one
    nobody was ever given, so the old link opens nothing. ``requests purge`` runs it after
    ``purge``, which records when the documents went.
    """
    cutoff = retention_cutoff(today, retention_days)
    due = select(RequestRow).where(
        RequestRow.status.in_(CLOSED), RequestRow.closed_at < cutoff, RequestRow.anonymised_at.is_(None)
    )
    with transaction(store, write=True) as session:
        now, rows = store.clock(), session.scalars(due.options(selectinload(RequestRow.documents))).all()
        for row in rows:
            _anonymise(session, row, now, retention_days)
        return len(rows)


def _anonymise(session: Session, row: RequestRow, now: datetime, retention_days: int) -> None:
    row.counts_json = _json(_counts(json.loads(row.numbers_json)))
    row.details_json, row.numbers_json, row.preflight_json = "{}", "[]", "[]"
    row.note, row.token, row.anonymised_at = "", new_token(), now
    for document in row.documents:
        document.name, document.data = f"{document.slot}.{document.kind}", None
        document.purged_at = document.purged_at or now
    session.execute(update(EventRow).where(EventRow.request_id == row.id).values(note=""))
    session.execute(delete(OutboxRow).where(OutboxRow.request_id == row.id))
    note = f"anonymised after {retention_days} days"
    session.add(EventRow(request_id=row.id, at=now, status=row.status, note=note, actor=RETENTION_ACTOR))


def purge(store: Store, *, retention_days: int, today: date) -> int:
    """Delete the bytes of documents of requests closed more than ``retention_days`` days ago.

    Name, size and hash stay, so the request still shows what was sent; each request purged
    gets an event. Days are counted in UTC. Returns how many documents lost their bytes.
    """
    cutoff = retention_cutoff(today, retention_days)
    closed = select(RequestRow.id).where(RequestRow.status.in_(CLOSED), RequestRow.closed_at < cutoff)
    kept = (DocumentRow.request_id.in_(closed), DocumentRow.data.is_not(None))
    with transaction(store, write=True) as session:
        request_ids = session.scalars(select(DocumentRow.request_id).where(*kept).distinct()).all()
        if not request_ids:
            return 0
        now = store.clock()
        result = cast(
            "CursorResult[Any]",
            session.execute(
                update(DocumentRow).where(*kept).values(data=None, purged_at=now),
                execution_options={"synchronize_session": False},
            ),
        )
        for request_id, status in session.execute(
            select(RequestRow.id, RequestRow.status).where(RequestRow.id.in_(request_ids))
        ):
            note = f"documents deleted after {retention_days} days"
            session.add(
                EventRow(request_id=request_id, at=now, status=status, note=note, actor=RETENTION_ACTOR)
            )
        return result.rowcount
