"""Status links by e-mail: a customer without their links asks for them with the address they used.

The status page offers it to a browser that remembers no request. ``mail_status_links`` queues,
through the outbox, one mail to the address with the reference and status link of each request
sent with it (the newest ``Limits.links``), and says nothing about whether there was any: the
page answers the same either way, so nobody learns which addresses have requests. The mail goes
only to the address itself, which is what keeps the links private.

It is bounded twice. Per address, at most ``Limits.per_address`` such mails in
``Limits.address_window`` (counted in the outbox, so every instance of the app counts them; an
ask beyond it sends nothing, silently, as the answer must not differ). Per visitor,
``VisitorAsks`` counts asks in the server process and the page refuses those beyond
``Limits.per_visitor`` in ``Limits.visitor_window`` with a message of its own: that answer is the
same whatever the address. Nothing here logs an address.

>>> from datetime import UTC, datetime
>>> asks = VisitorAsks(Limits(per_visitor=2))
>>> now = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
>>> [asks.allow("visitor-a", now) for _ in range(3)], asks.allow("visitor-b", now)
([True, True, False], True)
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from porting.email_address import AddressError, mail_address
from porting.notify import notices
from porting.requests.schema import OutboxRow, RequestRow, Store, transaction

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """How often status links are mailed: per address and per visitor."""

    per_address: int = 3  # mails to one address within ``address_window``
    address_window: timedelta = timedelta(hours=24)
    per_visitor: int = 5  # asks from one visitor within ``visitor_window``
    visitor_window: timedelta = timedelta(hours=1)
    links: int = 20  # the newest requests of an address listed in one mail
    visitors: int = 10_000  # visitors remembered at once; the oldest are forgotten first


def mail_status_links(store: Store, address: str, language: str, limits: Limits | None = None) -> None:
    """Queue a mail, in ``language``, to ``address`` with the status links of the requests sent
    with it, unless it has none or had its share of such mails; nothing tells which happened."""
    chosen = limits or Limits()
    try:
        recipient = mail_address(address)
    except AddressError:
        return  # the page checks the address before asking
    wanted = recipient.casefold()
    with transaction(store, write=True) as session:
        now = store.clock()
        sent = session.scalar(
            select(func.count())
            .select_from(OutboxRow)
            .where(
                OutboxRow.kind == notices.STATUS_LINKS,
                func.lower(OutboxRow.recipient) == wanted,  # ASCII: mail_address refuses other local parts
                OutboxRow.created_at > now - chosen.address_window,
            )
        )
        if (sent or 0) >= chosen.per_address:
            return
        query = (
            select(
                RequestRow.id,
                RequestRow.reference,
                RequestRow.token,
                RequestRow.language,
                RequestRow.details_json,
            )
            .where(RequestRow.anonymised_at.is_(None), RequestRow.demo.is_(False))
            .order_by(RequestRow.id.desc())
        )
        found = [row for row in session.execute(query) if _email_of(row.details_json) == wanted][
            : chosen.links
        ]
        if not found:
            return
        links = [
            (row.reference, notices.status_url(row.token, store.mailing.public_url, row.language))
            for row in found
        ]
        notice = notices.compose_status_links(recipient, language, links)
        session.add(
            OutboxRow(
                request_id=found[0].id,  # deleted with the newest request's notices after the retention
                kind=notice.kind,
                recipient=notice.recipient,
                language=notice.language,
                subject=notice.subject,
                body=notice.body,
                created_at=now,
                attempts=0,
                last_error="",
            )
        )
    _log.info("status links mailed for %d requests", len(found))


def _email_of(details_json: str) -> str:
    """The contact address of a request's details column, folded for comparing; ``""`` if none."""
    try:
        details = json.loads(details_json)
    except ValueError:
        return ""
    email = details.get("email") if isinstance(details, dict) else None
    if not isinstance(email, str) or not email.strip():
        return ""
    try:
        return mail_address(email).casefold()
    except AddressError:
        return ""


class VisitorAsks:
    """The asks of each visitor (a keyed hash of their address, never the address) in the window,
    kept in this server process for at most ``Limits.visitors`` visitors."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._asks: OrderedDict[str, list[datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, visitor: str, now: datetime) -> bool:
        """Count an ask of ``visitor`` now, or refuse it when they had their share."""
        with self._lock:
            recent = [at for at in self._asks.pop(visitor, []) if at > now - self.limits.visitor_window]
            allowed = len(recent) < self.limits.per_visitor
            if allowed:
                recent.append(now)
            self._asks[visitor] = recent
            while len(self._asks) > self.limits.visitors:
                self._asks.popitem(last=False)
            return allowed
