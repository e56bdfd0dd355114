"""The customer's own changes to a submitted request, on its status page: removing numbers and
changing the requested porting day.

Allowed until the request is with the carrier (``lifecycle.customer_may_cancel``: received, under
review, waiting for documents); after that the carrier has the numbers and the day. A requested
day is checked as the wizard checks it (``porting.quote.timeline.check_requested_day``), from
today in Oslo: a business day no earlier than 17 business days from now. Each change is an event in
the request's history (by ``customer``) and a ``team_changed`` notice to the team, saying what
changed. Removing every number is refused: that is cancelling.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy.orm import Session

from porting.calendar import KNOWN_YEARS, UnknownYear, oslo_today
from porting.i18n import format_date, t
from porting.quote.timeline import check_requested_day, earliest_porting_day
from porting.requests import outbox
from porting.requests.lifecycle import CANCELLED, CUSTOMER, allowed_transitions
from porting.requests.model import StoredQuote, stored_text
from porting.requests.records import (
    StoredRequest,
    details_of,
    locked_row,
    numbers_of,
    reference_of,
    stored_request,
)
from porting.requests.schema import EventRow, RequestRow, Store, StoreError, transaction

__all__ = ["StoreError", "change_requested_day", "customer_may_change", "remove_numbers"]


def customer_may_change(status: str) -> bool:
    """Whether a request in ``status`` takes the customer's changes: until the carrier has it."""
    return CANCELLED in allowed_transitions[status]


def remove_numbers(store: Store, request: StoredRequest, numbers: Collection[str]) -> StoredRequest:
    """Take ``numbers`` (E.164) out of ``request``; the request as it now is."""
    if not numbers:
        raise StoreError("store.change.no_numbers", "choose the numbers to remove")
    with transaction(store, write=True) as session:
        row = _changeable(session, request)
        kept = [number for number in numbers_of(row) if number.e164 not in numbers]
        removed = [number for number in numbers_of(row) if number.e164 in numbers]
        if len(removed) != len(set(numbers)):
            raise StoreError("store.numbers.unknown", "these numbers are not in the request", numbers="")
        if not kept:
            raise StoreError("store.change.all_numbers", "every number removed: cancel the request instead")
        shown = ", ".join(number.display for number in removed)
        row.numbers_json = stored_text(kept)
        quoted = StoredQuote.model_validate_json(row.quote_json)  # at the prices quoted, for what is left
        row.quote_json = stored_text(quoted.for_numbers(sum(1 for number in kept if number.portable)))
        _record(session, store, row, f"the customer removed {shown}", "journey_changes.team.removed", shown)
        return stored_request(row, reference_of(row.split_from))


def change_requested_day(store: Store, request: StoredRequest, day: date) -> StoredRequest:
    """Ask for ``day`` as the porting day instead; the request as it now is."""
    with transaction(store, write=True) as session:
        row = _changeable(session, request)
        today = oslo_today(store.clock())
        try:
            check = check_requested_day(day, earliest_porting_day(today))
        except UnknownYear:  # today's year past the calendar: nothing can be checked
            check = None
        if check is None or not check.ok:
            code = "porting_day.unknown_year" if check is None else check.reason or "porting_day.unknown_year"
            raise StoreError(
                code,
                f"{day.isoformat()} cannot be the porting day",
                day=format_date(day, row.language),
                earliest=format_date(check.nearest, row.language) if check is not None else "",
                first=str(KNOWN_YEARS.start),
                last=str(KNOWN_YEARS.stop - 1),
            )
        details = details_of(row)
        if details is None:  # made anonymous: closed, so _changeable refused it already
            raise StoreError("store.request.not_found", "there is no such request")
        row.details_json = stored_text(details.model_copy(update={"requested_date": day}))
        shown = format_date(day, store.mailing.team_language)
        note = f"the customer asked for {day.isoformat()} as the porting day"
        _record(session, store, row, note, "journey_changes.team.day", shown)
        return stored_request(row, reference_of(row.split_from))


def _changeable(session: Session, request: StoredRequest) -> RequestRow:
    row = locked_row(session, request.id)
    if not customer_may_change(row.status):
        raise StoreError(
            "store.change.not_allowed",
            f"a request that is {row.status} is with the carrier: it no longer changes",
            current=row.status,
        )
    return row


def _record(session: Session, store: Store, row: RequestRow, note: str, said: str, shown: str) -> None:
    """The change in the history, and the team's notice saying what changed, in the team's language."""
    now = store.clock()
    row.updated_at = now
    row.events.append(EventRow(at=now, status=row.status, note=note, actor=CUSTOMER))
    what = t(said, store.mailing.team_language, value=shown)
    outbox.queue(session, store, row, "team_changed", message=what)
