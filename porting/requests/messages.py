"""A request's thread: messages between the customer (status page) and the team (console).

Each message is stored and mailed to the other side through the outbox, in the same transaction:
a customer's to the team's address (``PORTING_TEAM_EMAIL``) in the team's language, linking to the
console; the team's to the customer's contact e-mail in the request's language, with the status
link. The team's internal notes are not messages: they stay in the audit trail (``events.note``)
and are never shown or mailed to the customer.

A message is bounded (``rules().limits``): at most ``max_message_characters`` characters, and each
side sends at most ``messages_per_request_per_day`` on a request in any 24 hours. Nothing here logs
what a message says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from porting.requests import outbox
from porting.requests.lifecycle import CUSTOMER
from porting.requests.records import StoredRequest, locked_row
from porting.requests.schema import MessageRow, Store, StoreError, transaction
from porting.rules import rules

__all__ = [
    "FROM_CUSTOMER",
    "FROM_TEAM",
    "SENDERS",
    "Message",
    "StoreError",
    "check_message",
    "post_message",
    "thread",
]

FROM_CUSTOMER, FROM_TEAM = "customer", "team"
SENDERS = (FROM_CUSTOMER, FROM_TEAM)
_RATE_WINDOW = timedelta(hours=24)
_NOTICE = {FROM_CUSTOMER: "team_message", FROM_TEAM: "message"}  # the notice to the other side


@dataclass(frozen=True)
class Message:
    """One message of a thread: when, from which side, who (the team member's name), what."""

    at: datetime
    sender: str
    actor: str
    body: str


def check_message(body: str) -> str:
    """The message as it is stored (stripped), or a ``StoreError`` naming what to do instead."""
    text = body.strip()
    if not text:
        raise StoreError("store.message.empty", "write a message first")
    most = rules().limits.max_message_characters
    if len(text) > most:
        raise StoreError(
            "store.message.too_long", f"a message holds at most {most} characters", most=f"{most:,}"
        )
    return text


def post_message(store: Store, request: StoredRequest, body: str, *, sender: str, actor: str) -> Message:
    """Store ``body`` in the thread of ``request`` from ``sender`` and mail it to the other side.

    ``actor`` names the team member (``"customer"`` for the customer). Refused with a
    ``StoreError`` when empty, too long, or when ``sender`` sent their day's share on this request.
    """
    if sender not in SENDERS:
        raise ValueError(f"unknown sender {sender!r}; known: {', '.join(SENDERS)}")
    text = check_message(body)
    who = CUSTOMER if sender == FROM_CUSTOMER else actor.strip()
    if not who:
        raise StoreError("store.actor.missing", "say who writes the message")
    with transaction(store, write=True) as session:
        row = locked_row(session, request.id)  # one sender at a time: the count below holds
        now = store.clock()
        most = rules().limits.messages_per_request_per_day
        sent = session.scalar(
            select(func.count())
            .select_from(MessageRow)
            .where(MessageRow.request_id == row.id, MessageRow.sender == sender)
            .where(MessageRow.at > now - _RATE_WINDOW)
        )
        if (sent or 0) >= most:
            raise StoreError(
                "store.message.too_many", f"at most {most} messages a day on one request", most=str(most)
            )
        session.add(MessageRow(request_id=row.id, at=now, sender=sender, actor=who, body=text))
        row.updated_at = now
        session.flush()
        outbox.queue(session, store, row, _NOTICE[sender], message=text)
        return Message(now, sender, who, text)


def thread(store: Store, request: StoredRequest) -> tuple[Message, ...]:
    """The messages of ``request``, oldest first."""
    query = select(MessageRow).where(MessageRow.request_id == request.id).order_by(MessageRow.id)
    with transaction(store, write=False) as session:
        return tuple(Message(row.at, row.sender, row.actor, row.body) for row in session.scalars(query))
