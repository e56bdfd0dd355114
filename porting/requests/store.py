"""Submitted porting requests, kept in a database: the team's work list and the customer's receipt.

Here a request is submitted, read, moved to another status of its lifecycle
(``porting.requests.lifecycle``: the statuses and which may follow which) and resubmitted with
corrected documents; every change is an event in the request's audit trail. The team's decisions
on single numbers are ``porting.requests.decisions``; what the retention leaves of a closed request
is ``porting.requests.retention``.

The customer finds a request by its token (192 random bits), never by its reference: references
(``NO-2026-000123``) are counted and so guessable, and are for the team. Everything leaves this
module as the frozen dataclasses of ``porting.requests.records``. Nothing here logs document bytes
or company details.

The database is ``DATABASE_URL`` (PostgreSQL in production), else a SQLite file in the data
directory (``PORTING_DATA_DIR``, by default ``data/`` in the repository).

>>> from datetime import UTC, date, datetime
>>> from porting.company.details import CompanyDetails
>>> from porting.numbers.intake import read_numbers
>>> from porting.quote.pricing import quote
>>> from porting.quote.timeline import timeline
>>> store = open_store("sqlite://", clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
>>> reading = read_numbers("21234567")
>>> content = RequestContent.of(CompanyDetails(company_name="Fjordlinje AS"), "", reading.unique_rows,
...                             quote(reading), timeline(date(2026, 11, 24)), (), "nb")
>>> sent = submit(store, idempotency_key="tab-1", language="nb", content=content, documents=[])
>>> sent.reference
'NO-2026-000001'
>>> request = by_token(store, sent.token)
>>> request.status, by_token(store, sent.reference)
('received', None)
>>> change_status(store, request, "under_review", actor="Kari (porting team)").status
'under_review'
>>> change_status(store, request, "ported", actor="Kari")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
porting.requests.schema.StoreError: ... (store.status.not_allowed)
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, undefer
from sqlalchemy.sql.elements import ColumnElement

from porting.calendar import oslo_today
from porting.documents.reading import UploadedDocument
from porting.numbers.to_port import numbers_to_port
from porting.requests import drafts, outbox, queue
from porting.requests.decisions import decide_numbers
from porting.requests.lifecycle import (
    ACCEPTED,
    ACCEPTED_NUMBER,
    CANCELLED,
    CLOSED,
    CUSTOMER,
    NOTICE_OF,
    PORTED,
    RECEIVED,
    REJECTED,
    REJECTED_NUMBER,
    RESUBMITTABLE,
    STATUSES,
    SUBMITTED_TO_CARRIER,
    UNDER_REVIEW,
    WAITING_FOR_DOCUMENTS,
    DayWarning,
    allowed_transitions,
    check_change,
    confirm_change,
    confirmed_note,
    customer_may_cancel,
    day_warnings,
)
from porting.requests.model import RequestContent
from porting.requests.records import (
    Event,
    StoredRequest,
    Submitted,
    add_request_row,
    details_of,
    locked_row,
    numbers_of,
    reference_of,
    sibling_references,
    stored_request,
)
from porting.requests.retention import anonymise, purge
from porting.requests.schema import (
    DATA_DIR_VARIABLE,
    DATABASE_URL_VARIABLE,
    SCHEMA_VERSION,
    DocumentRow,
    EventRow,
    Mailing,
    RequestRow,
    Store,
    StoreError,
    data_dir,
    database_url,
    open_store,
    transaction,
)

# Besides its own functions and the database's names from porting.requests.schema, this module
# passes on those the status page and the page tests read through it: the lifecycle's names, the
# record of a request, and the team's decisions and the retention, which change stored requests.
__all__ = [
    "ACCEPTED", "ACCEPTED_NUMBER", "CANCELLED", "DATABASE_URL_VARIABLE", "DATA_DIR_VARIABLE", "PORTED",
    "RECEIVED", "REJECTED", "REJECTED_NUMBER", "RESUBMITTABLE", "SCHEMA_VERSION", "STATUSES",
    "SUBMITTED_TO_CARRIER", "UNDER_REVIEW", "WAITING_FOR_DOCUMENTS", "Mailing", "Store", "StoreError",
    "StoredRequest", "allowed_transitions", "anonymise", "by_reference", "by_token", "cancel",
    "change_status", "change_warnings", "customer_may_cancel", "data_dir", "database_url", "decide_numbers",
    "document", "events", "list_requests", "open_store", "purge", "resubmit", "split_requests", "submit",
    "submit_together",
]  # fmt: skip

_log = logging.getLogger(__name__)

# --- Submitting ------------------------------------------------------------------------------


def submit(
    store: Store,
    *,
    idempotency_key: str,
    language: str,
    content: RequestContent,
    documents: Sequence[UploadedDocument],
    demo: bool = False,
    draft_token: str | None = None,
) -> Submitted:
    """Store a request (``content``: its details, numbers, quote, timeline and pre-flight report),
    its documents, its first event and its notices in one transaction.

    Submitting again with the same ``idempotency_key`` (a double click, a retried request)
    stores nothing and returns the first receipt, whatever else was passed. The draft
    ``draft_token`` the request was resumed from, if any, is deleted in the same transaction.
    """
    (submitted,) = submit_together(
        store,
        idempotency_key=idempotency_key,
        language=language,
        parts=[(content, documents)],
        demo=demo,
        draft_token=draft_token,
    )
    return submitted


Part = tuple[RequestContent, Sequence[UploadedDocument]]  # one request: its content and documents


def submit_together(
    store: Store,
    *,
    idempotency_key: str,
    language: str,
    parts: Sequence[Part],
    demo: bool = False,
    draft_token: str | None = None,
) -> tuple[Submitted, ...]:
    """Store one request per part (one per current provider), as ``submit`` stores one, all in
    one transaction, linked to each other: each knows the others' references (``siblings``).

    Submitting again with the same ``idempotency_key`` stores nothing and returns the first
    receipts, in the same order; a single part is stored exactly as ``submit`` always stored one.
    """
    if demo:
        raise StoreError(
            "store.demo", "a demo request is never submitted: enter your own company and numbers"
        )
    key = idempotency_key.strip()
    if not key:
        raise StoreError("store.idempotency_key.missing", "a submission needs an idempotency key")
    if not parts:
        raise StoreError("store.request.nothing", "a submission needs at least one request")
    encoded = [(content, content.columns(), documents) for content, documents in parts]  # before the lock
    try:
        with transaction(store, write=True) as session:
            existing = _submitted_by_key(session, key)
            if existing:
                return existing
            now = store.clock()
            rows = []
            for index, (_, columns, documents) in enumerate(encoded):
                row = add_request_row(session, now, _part_key(key, index), language, columns)
                for document in documents:
                    row.documents.append(_document_row(document, now))
                row.events.append(EventRow(at=now, status=RECEIVED, note="", actor=CUSTOMER))
                rows.append(row)
            if len(rows) > 1:
                for row in rows:
                    row.group_id = rows[0].id
            session.flush()
            for row, (content, _, _) in zip(rows, encoded, strict=True):
                outbox.queue(session, store, row, "received", numbers=len(content.numbers))
                counted = numbers_to_port(content.numbers)  # the team counts only the numbers to port
                others = tuple(other.reference for other in rows if other is not row)
                outbox.queue(
                    session, store, row, "team_new", numbers=counted.to_port,
                    not_to_port=counted.not_to_port, siblings=others,
                )  # fmt: skip
            if draft_token:
                drafts.discard(session, draft_token)
            submitted = tuple(Submitted(row.reference, row.token) for row in rows)
    except IntegrityError:
        # Another submission with the same key committed between our look-up and our insert.
        with transaction(store, write=False) as session:
            existing = _submitted_by_key(session, key)
        if not existing:
            raise
        return existing
    for sent, (_, _, documents) in zip(submitted, encoded, strict=True):
        _log.info("stored porting request %s with %d documents", sent.reference, len(documents))
    return submitted


def _part_key(key: str, index: int) -> str:
    """The idempotency key of the part ``index``: the submission's own for the first, so one request
    is stored as it always was; for the others a digest of it, which fits the column whatever its length."""
    return key if index == 0 else f"{hashlib.sha256(key.encode()).hexdigest()}:{index}"


def _submitted_by_key(session: Session, key: str) -> tuple[Submitted, ...]:
    """The receipts of the submission with ``key``, the first one's and those sent with it."""
    found = session.execute(
        select(RequestRow.id, RequestRow.group_id).where(RequestRow.idempotency_key == key)
    ).one_or_none()
    if found is None:
        return ()
    condition = RequestRow.id == found.id if found.group_id is None else RequestRow.group_id == found.group_id
    query = select(RequestRow.reference, RequestRow.token).where(condition).order_by(RequestRow.id)
    return tuple(Submitted(row.reference, row.token) for row in session.execute(query))


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
        if row is None:
            return None
        return stored_request(row, reference_of(row.split_from), sibling_references(session, row))


def list_requests(
    store: Store, *, status: str | None = None, search: str | None = None
) -> tuple[StoredRequest, ...]:
    """Every request, newest first, in one status if given, matching ``search`` if given (part of
    the reference, company name or organisation number, or a number's first digits in any
    spacing; ``porting.requests.queue``, which the console uses a page at a time)."""
    return queue.queue_page(store, status=status, search=search, limit=None).requests


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


def split_requests(store: Store, request: StoredRequest) -> tuple[StoredRequest, ...]:
    """The requests numbers of ``request`` were moved to, oldest first."""
    query = (
        select(RequestRow)
        .where(RequestRow.split_from_id == request.id)
        .options(selectinload(RequestRow.documents))
        .order_by(RequestRow.id)
    )
    with transaction(store, write=False) as session:
        return tuple(stored_request(row, request.reference) for row in session.scalars(query))


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
    confirmed: bool = False,
) -> StoredRequest:
    """Move the request to ``new_status`` and record the event; the request as it now is.

    ``accepted`` needs the confirmed ``porting_date``; ``rejected`` needs the ``reason``, a key
    of ``rules().rejection_reasons``. A change with ``lifecycle.day_warnings`` (a porting day
    before the requested one or not a business day, ported before the porting day) is refused
    with ``UnconfirmedChange`` unless ``confirmed``. The status is read under a lock, so two
    people changing the same request at once cannot both succeed from the same status.
    """
    check_change(new_status, porting_date, reason)
    if not actor.strip():
        raise StoreError("store.actor.missing", "say who changes the status")
    with transaction(store, write=True) as session:
        row = locked_row(session, request.id)
        if new_status not in allowed_transitions[row.status]:
            raise StoreError(
                "store.status.not_allowed",
                f"a request that is {row.status} cannot become {new_status}",
                current=row.status,
                new=new_status,
            )
        now = store.clock()
        details = details_of(row)  # the customer's requested day, and the day confirmed before
        requested = details.requested_date if details is not None else None
        warnings = day_warnings(
            new_status, porting_date, requested=requested, confirmed=row.porting_date, today=oslo_today(now)
        )
        confirm_change(warnings, confirmed=confirmed)
        row.status, row.updated_at, row.note = new_status, now, note
        if new_status == ACCEPTED:
            row.porting_date = porting_date
        if new_status == REJECTED:
            row.rejection_reason = reason
        if new_status in CLOSED:
            row.closed_at = now
        row.events.append(
            EventRow(at=now, status=new_status, note=confirmed_note(note, warnings), actor=actor.strip())
        )
        session.flush()
        if new_status in NOTICE_OF:
            # The note is the team's own, for the audit trail: it is never mailed to the customer.
            outbox.queue(session, store, row, NOTICE_OF[new_status], numbers=len(numbers_of(row)))
        return stored_request(row, reference_of(row.split_from))


def change_warnings(
    store: Store, request: StoredRequest, new_status: str, porting_date: date | None = None
) -> tuple[DayWarning, ...]:
    """What ``change_status`` asks to have confirmed for this change of ``request`` as it was read,
    today in Oslo by the store's clock: to show the team before they make it."""
    requested = request.details.requested_date if request.details is not None else None
    today = oslo_today(store.clock())
    confirmed = request.porting_date
    return day_warnings(new_status, porting_date, requested=requested, confirmed=confirmed, today=today)


def cancel(store: Store, request: StoredRequest) -> StoredRequest:
    """The customer cancels their request: allowed until it is submitted to the carrier."""
    return change_status(store, request, CANCELLED, actor=CUSTOMER)


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
        row = locked_row(session, request.id)
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
        numbers = numbers_of(row)
        outbox.queue(session, store, row, "resubmitted", note=note, numbers=len(numbers))
        counted = numbers_to_port(numbers)  # the team counts only the numbers to port
        outbox.queue(
            session, store, row, "team_new", note=note, numbers=counted.to_port,
            not_to_port=counted.not_to_port, resubmission=True,
        )  # fmt: skip
        return stored_request(row, reference_of(row.split_from))
