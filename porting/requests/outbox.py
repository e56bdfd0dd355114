"""Notices waiting to be mailed: written with the change that causes them, sent when mail works.

``queue`` runs inside the store's transaction (a submission, a status change), so a notice
exists exactly when its change does. ``deliver`` sends what is waiting through SMTP
(``porting.notify.mail``): each notice is first claimed in a short transaction, for longer than the
slowest send the SMTP settings allow (``claim_period``), then sent, then marked sent. Two senders
never claim the same notice, so none is sent twice while both are running.

A notice the server refuses waits for a later try with a growing pause while the others go on;
after ``MAX_ATTEMPTS`` tries it is marked failed, and the console can ``retry`` it. A server that
cannot be reached at all stops the run: the others would fail the same way.
Without mail settings nothing is sent and the console shows the notices instead.

Notices carry the status link and plain text only, never a document. Logs name the reference,
the kind, the notice id and the class of an error, never an address, a body or a server's answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from porting.notify import mail, notices as notify
from porting.numbers.to_port import NotToPort
from porting.requests.model import caller_id_numbers
from porting.requests.records import details_of, numbers_of
from porting.requests.schema import OutboxRow, RequestRow, Store, transaction

_log = logging.getLogger(__name__)

MAX_PAUSE = timedelta(hours=1)  # between tries of a notice the mail server refused
# Tries before a notice is marked failed: with pauses of 2, 4, 8 … minutes (at most an hour)
# that is about three hours, longer than a mail server's usual maintenance window.
MAX_ATTEMPTS = 8


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
    failed_at: datetime | None = None  # given up after ``MAX_ATTEMPTS`` tries, until retried


@dataclass(frozen=True)
class Delivery:
    """What one ``deliver`` run did: notices sent, the last error if any was not, how many the
    server refused (they wait, or failed) and how many of those were given up."""

    sent: int
    error: str | None = None
    refused: int = 0
    failed: int = 0


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
    not_to_port: Sequence[NotToPort] = (),
    siblings: Sequence[str] = (),
    message: str = "",
) -> None:
    """Add the notices of ``kind`` about ``row`` to the outbox, in the caller's transaction.

    A team kind (``team_new``, ``team_message``, ``team_changed``) goes to the team's address when
    one is set, ``team_new`` with the mobile numbers the customer wants as a Virtual Caller ID;
    every other kind goes to the customer's contact
    e-mail. A request without a usable address gets no notice (logged). ``siblings`` are the
    references of the requests sent together with it, which the team's notice names.
    """
    details = details_of(row)  # a StoreError when the column does not fit the model
    caller_ids: tuple[str, ...] = ()
    if kind in notify.TEAM_KINDS:
        recipient, language = store.mailing.team_address, store.mailing.team_language
        if kind == "team_new" and not resubmission:  # corrected documents change no number
            caller_ids = caller_id_numbers(numbers_of(row))
    else:
        recipient, language = (details.email if details else ""), row.language
    if not recipient:
        _log.info("no address for the %s notice of %s", kind, row.reference)
        return
    try:
        notice = notify.compose(
            kind,
            recipient=recipient,
            language=language,
            reference=row.reference,
            company_name=details.company_name if details else "",
            signatory_name=details.signatory_name if details else "",
            status_url=notify.status_url(row.token, store.mailing.public_url, row.language),  # the customer's
            console_url=notify.console_url(row.reference, store.mailing.public_url),  # the team's
            porting_date=row.porting_date,
            requested_day=details.requested_date if details else None,
            reason=row.rejection_reason if kind == "rejected" else None,
            note=note,
            numbers=numbers,
            resubmission=resubmission,
            rejected_numbers=rejected_numbers,
            caller_ids=caller_ids,
            not_to_port=not_to_port,
            siblings=siblings,
            message=message,
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
            calendar=notice.calendar,
            created_at=store.clock(),
            attempts=0,
            last_error="",
        )
    )


def notices(
    store: Store, *, pending_only: bool = False, failed_only: bool = False, limit: int = 200
) -> tuple[QueuedNotice, ...]:
    """The outbox, newest first: what was sent and what still waits (``pending_only``, failed
    ones included), or only the failed ones (``failed_only``)."""
    query = (
        select(OutboxRow, RequestRow.reference)
        .outerjoin(RequestRow, OutboxRow.request_id == RequestRow.id)
        .order_by(OutboxRow.id.desc())
        .limit(limit)
    )
    if pending_only:
        query = query.where(OutboxRow.sent_at.is_(None))
    if failed_only:
        query = query.where(OutboxRow.sent_at.is_(None), OutboxRow.failed_at.is_not(None))
    with transaction(store, write=False) as session:
        return tuple(_queued(row, reference) for row, reference in session.execute(query))


def _queued(row: OutboxRow, reference: str | None) -> QueuedNotice:
    return QueuedNotice(
        row.id, reference, row.kind, row.recipient, row.language, row.subject, row.body,
        row.created_at, row.sent_at, row.attempts, row.last_error, row.failed_at,
    )  # fmt: skip


def claim_period(settings: mail.MailSettings) -> timedelta:
    """How long a sender holds a notice: longer than the slowest send ``settings`` allow (each step
    of a send may wait the whole timeout), so no other sender takes it while it is being sent."""
    return timedelta(seconds=settings.longest_send_seconds)


def retry(store: Store, notice_id: int) -> bool:
    """Try a failed notice again from the start, at the next ``deliver``; whether it was failed."""
    with transaction(store, write=True) as session:
        row = session.get(OutboxRow, notice_id)
        if row is None or row.failed_at is None or row.sent_at is not None:
            return False
        row.failed_at, row.claimed_until, row.attempts, row.last_error = None, None, 0, ""
        return True


def deliver(
    store: Store,
    settings: mail.MailSettings,
    *,
    send: Callable[[notify.Notice, mail.MailSettings], None] = mail.send,
    limit: int = 100,
) -> Delivery:
    """Send up to ``limit`` waiting notices, oldest first.

    A notice the server refuses waits 2, 4, 8 … minutes (at most an hour) before it is tried
    again, and the next one is sent meanwhile; after ``MAX_ATTEMPTS`` tries it is marked failed.
    A server that cannot be reached or used stops the run.
    """
    sent = refused = failed = 0
    error_text: str | None = None
    period = claim_period(settings)
    for _ in range(limit):
        claimed = _claim(store, period)
        if claimed is None:
            break
        notice_id, notice = claimed
        try:
            send(notice, settings)
        except mail.NotifyError as error:
            error_text = str(error)
            gave_up = _release(store, notice_id, error_text)
            if not error.refused:
                _log.warning("mail not sent: notice %d, %s; the outbox waits", notice_id, error.cause)
                break
            refused, failed = refused + 1, failed + gave_up
            outcome = "failed for good" if gave_up else "waits for the next try"
            _log.warning("notice %d refused (%s); it %s", notice_id, error.cause, outcome)
            continue
        _mark_sent(store, notice_id)
        _log.info("notice %d (%s) sent", notice_id, notice.kind)
        sent += 1
    return Delivery(sent, error_text, refused, failed)


def _claim(store: Store, period: timedelta) -> tuple[int, notify.Notice] | None:
    with transaction(store, write=True) as session:
        now = store.clock()
        row = session.scalars(
            select(OutboxRow)
            .where(
                OutboxRow.sent_at.is_(None),
                OutboxRow.failed_at.is_(None),
                or_(OutboxRow.claimed_until.is_(None), OutboxRow.claimed_until <= now),
            )
            .order_by(OutboxRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).one_or_none()
        if row is None:
            return None
        row.claimed_until = now + period
        row.attempts += 1
        calendar = row.calendar or b""
        return row.id, notify.Notice(row.kind, row.recipient, row.language, row.subject, row.body, calendar)


def _release(store: Store, notice_id: int, error: str) -> bool:
    """Keep ``error`` and pause the notice, or give it up after ``MAX_ATTEMPTS``; whether given up."""
    with transaction(store, write=True) as session:
        row = session.get(OutboxRow, notice_id)
        if row is None:
            return False
        row.last_error = error[:500]
        if row.attempts >= MAX_ATTEMPTS:
            row.failed_at, row.claimed_until = store.clock(), None
            return True
        pause = min(timedelta(minutes=2 ** min(row.attempts, 10)), MAX_PAUSE)
        row.claimed_until = store.clock() + pause
        return False


def _mark_sent(store: Store, notice_id: int) -> None:
    with transaction(store, write=True) as session:
        row = session.get(OutboxRow, notice_id)
        if row is not None:
            row.sent_at, row.claimed_until, row.last_error = store.clock(), None, ""
