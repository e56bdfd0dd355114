"""Notices waiting to be mailed: written with the change that causes them, sent when mail works.

``queue`` runs inside the store's transaction (a submission, a status change), so a notice
exists exactly when its change does. ``deliver`` sends what is waiting through SMTP
(``porting.notify``): each notice is first claimed for a while in a short transaction, then
sent, then marked sent; a sender that fails leaves it for a later try, with a growing pause.
Two senders never claim the same notice, so none is sent twice while both are running.
Without mail settings nothing is sent and the console shows the notices instead.

Notices carry the status link and plain text only, never a document. Logs name the
reference and the kind, never an address or a body.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from porting import notify
from porting.logs import scrub
from porting.schema import OutboxRow, RequestRow, Store, transaction

_log = logging.getLogger(__name__)

CLAIM = timedelta(minutes=2)  # a sender has this long to send a notice before another may
MAX_PAUSE = timedelta(hours=1)  # between tries of a notice the mail server refused


@dataclass(frozen=True)
class QueuedNotice:
    """A notice in the outbox, as the console shows it."""

    id: int
    reference: str | None
    kind: str
    recipient: str
    language: str
    subject: str
    body: str
    created_at: datetime
    sent_at: datetime | None
    attempts: int
    last_error: str


@dataclass(frozen=True)
class Delivery:
    """What one ``deliver`` run did: notices sent, and the error that stopped it, if any."""

    sent: int
    error: str | None = None


def queue(
    session: Session,
    store: Store,
    row: RequestRow,
    kind: str,
    *,
    note: str = "",
    numbers: int = 0,
    resubmission: bool = False,
    rejected_numbers: Mapping[str, str] | None = None,
) -> None:
    """Add the notices of ``kind`` about ``row`` to the outbox, in the caller's transaction.

    ``team_new`` goes to the team's address when one is set; every other kind goes to the
    customer's contact e-mail. A request without a usable address gets no notice (logged).
    """
    details = json.loads(row.details_json)
    if kind == "team_new":
        recipient, language = store.mailing.team_address, store.mailing.team_language
    else:
        recipient, language = str(details.get("email") or ""), row.language
    if not recipient:
        _log.info("no address for the %s notice of %s", kind, row.reference)
        return
    try:
        notice = notify.compose(
            kind,
            recipient=recipient,
            language=language,
            reference=row.reference,
            company_name=str(details.get("company_name") or ""),
            status_url=notify.status_url(row.token, store.mailing.public_url, row.language),  # the customer's
            porting_date=row.porting_date,
            reason=row.rejection_reason if kind == "rejected" else None,
            note=note,
            numbers=numbers,
            resubmission=resubmission,
            rejected_numbers=rejected_numbers,
        )
    except ValueError:
        _log.warning("the %s notice of %s could not be written (address?)", kind, row.reference)
        return
    session.add(
        OutboxRow(
            request_id=row.id,
            kind=notice.kind,
            recipient=notice.recipient,
            language=notice.language,
            subject=notice.subject,
            body=notice.body,
            created_at=store.clock(),
            attempts=0,
            last_error="",
        )
    )


def notices(store: Store, *, pending_only: bool = False, limit: int = 200) -> tuple[QueuedNotice, ...]:
    """The outbox, newest first: what was sent and what still waits."""
    query = (
        select(OutboxRow, RequestRow.reference)
        .outerjoin(RequestRow, OutboxRow.request_id == RequestRow.id)
        .order_by(OutboxRow.id.desc())
        .limit(limit)
    )
    if pending_only:
        query = query.where(OutboxRow.sent_at.is_(None))
    with transaction(store, write=False) as session:
        return tuple(_queued(row, reference) for row, reference in session.execute(query))


def _queued(row: OutboxRow, reference: str | None) -> QueuedNotice:
    return QueuedNotice(
        row.id, reference, row.kind, row.recipient, row.language, row.subject, row.body,
        row.created_at, row.sent_at, row.attempts, row.last_error,
    )  # fmt: skip


def deliver(
    store: Store,
    settings: notify.MailSettings,
    *,
    send: Callable[[notify.Notice, notify.MailSettings], None] = notify.send,
    limit: int = 100,
) -> Delivery:
    """Send up to ``limit`` waiting notices, oldest first; stop at the first the server refuses.

    A refused notice waits 2, 4, 8 … minutes (at most an hour) before it is tried again.
    """
    sent = 0
    for _ in range(limit):
        claimed = _claim(store)
        if claimed is None:
            break
        notice_id, notice = claimed
        try:
            send(notice, settings)
        except notify.NotifyError as error:
            _release(store, notice_id, str(error))
            _log.warning(
                "notice %d (%s) not sent (%s); it waits for the next try",
                notice_id,
                notice.kind,
                scrub(str(error)),
            )
            return Delivery(sent, str(error))
        _mark_sent(store, notice_id)
        _log.info("notice %d (%s) sent", notice_id, notice.kind)
        sent += 1
    return Delivery(sent)


def _claim(store: Store) -> tuple[int, notify.Notice] | None:
    with transaction(store, write=True) as session:
        now = store.clock()
        row = session.scalars(
            select(OutboxRow)
            .where(
                OutboxRow.sent_at.is_(None),
                or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until <= now),
            )
            .order_by(OutboxRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).one_or_none()
        if row is None:
            return None
        row.claimed_until = now + CLAIM
        row.attempts += 1
        return row.id, notify.Notice(row.kind, row.recipient, row.language, row.subject, row.body)


def _release(store: Store, notice_id: int, error: str) -> None:
    with transaction(store, write=True) as session:
        row = session.get(OutboxRow, notice_id)
        if row is not None:
            pause = min(timedelta(minutes=2 ** min(row.attempts, 10)), MAX_PAUSE)
            row.claimed_until, row.last_error = store.clock() + pause, error[:500]


def _mark_sent(store: Store, notice_id: int) -> None:
    with transaction(store, write=True) as session:
        row = session.get(OutboxRow, notice_id)
        if row is not None:
            row.sent_at, row.claimed_until, row.last_error = store.clock(), None, ""
