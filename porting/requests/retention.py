"""What is kept of a closed request once the retention has passed: ``purge`` deletes its documents'
bytes, ``anonymise`` then leaves only what the team counts. ``python -m porting requests purge``
runs both, in that order; days are counted in UTC from when the request was closed.

>>> from datetime import UTC, date, datetime
>>> from porting.company.details import CompanyDetails
>>> from porting.numbers.intake import read_numbers
>>> from porting.quote.pricing import quote
>>> from porting.quote.timeline import timeline
>>> from porting.requests.model import RequestContent
>>> from porting.requests.store import by_reference, change_status, open_store, submit
>>> store = open_store("sqlite://", clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
>>> reading = read_numbers("90000000")
>>> content = RequestContent.of(CompanyDetails(company_name="Fjordlinje AS"), "", reading.unique_rows,
...                             quote(reading), timeline(date(2026, 11, 24)), (), "nb")
>>> sent = submit(store, idempotency_key="tab-1", language="nb", content=content, documents=[])
>>> _ = change_status(store, by_reference(store, sent.reference), "cancelled", actor="customer")
>>> later = date(2027, 3, 1)
>>> purge(store, retention_days=90, today=later), anonymise(store, retention_days=90, today=later)
(0, 1)
>>> kept = by_reference(store, sent.reference)
>>> kept.details, kept.numbers, kept.counts
(None, (), {'mobile': 1})
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session, selectinload

from porting.requests.lifecycle import CLOSED
from porting.requests.records import counts_by_type, numbers_of, to_json
from porting.requests.schema import (
    DocumentRow,
    EventRow,
    MessageRow,
    OutboxRow,
    RequestRow,
    Store,
    new_token,
    retention_cutoff,
    transaction,
)

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
    row.counts_json = to_json(counts_by_type(numbers_of(row)))
    row.details_json, row.numbers_json, row.preflight_json = "{}", "[]", "[]"
    row.note, row.token, row.anonymised_at = "", new_token(), now
    for document in row.documents:
        document.name, document.data = f"{document.slot}.{document.kind}", None
        document.purged_at = document.purged_at or now
    session.execute(update(EventRow).where(EventRow.request_id == row.id).values(note=""))
    session.execute(delete(OutboxRow).where(OutboxRow.request_id == row.id))
    session.execute(delete(MessageRow).where(MessageRow.request_id == row.id))
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
