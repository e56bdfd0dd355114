"""The request lifecycle: its statuses, which status may follow which, what each change needs,
what the customer may do, and the step of the guide's porting process a request is at.

A request moves through the statuses of the guide's porting process (``rules().process_steps``):
``received`` when the customer submits; ``under_review`` and ``waiting_for_documents`` while we
check it; ``submitted_to_carrier`` once we send it on; then ``accepted`` with a confirmed porting
day (a business day, ``porting.calendar``), or ``rejected`` with one of the guide's rejection
reasons (``rules().rejection_reasons``), and finally ``ported``. The customer may cancel until the
carrier has the request. ``allowed_transitions`` is the whole of that process; the changes
themselves, each an event in the request's audit trail, are ``porting.requests.store``'s.

>>> sorted(allowed_transitions["submitted_to_carrier"])
['accepted', 'rejected']
>>> CURRENT_STEP[WAITING_FOR_DOCUMENTS], set(CURRENT_STEP) == set(STATUSES)
(4, True)
>>> check_change(ACCEPTED, None, None)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
porting.requests.schema.StoreError: ... (store.porting_date.missing)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Protocol

from porting.calendar import is_business_day
from porting.requests.schema import StoreError
from porting.rules import rules

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
NOTICE_OF: Mapping[str, str] = MappingProxyType(
    {
        WAITING_FOR_DOCUMENTS: "documents_missing",
        ACCEPTED: "date_confirmed",
        REJECTED: "rejected",
        PORTED: "ported",
        CANCELLED: "cancelled",
    }
)
ACCEPTED_NUMBER, REJECTED_NUMBER = "accepted", "rejected"  # a number's own decision

# The guide's eight steps (rules().process_steps), by the status a request is in: the step it
# is at now (1-based). Step 8 is where a rejected request is.
CURRENT_STEP: Mapping[str, int] = MappingProxyType(
    {
        RECEIVED: 2,
        UNDER_REVIEW: 2,
        WAITING_FOR_DOCUMENTS: 4,
        SUBMITTED_TO_CARRIER: 6,
        ACCEPTED: 7,
        REJECTED: 8,
        PORTED: 9,  # past the last step: done
        CANCELLED: 0,
    }
)


class _InStatus(Protocol):
    @property
    def status(self) -> str: ...


def customer_may_cancel(request: _InStatus) -> bool:
    """Whether the customer may still cancel: until the carrier has the request."""
    return CANCELLED in allowed_transitions[request.status]


def check_status(status: str) -> None:
    """Refuse a status the lifecycle does not have."""
    if status not in allowed_transitions:
        raise StoreError(
            "store.status.unknown", f"unknown status {status!r}", status=status, known=", ".join(STATUSES)
        )


def check_change(new_status: str, porting_date: date | None, reason: str | None) -> None:
    """Refuse a change to ``new_status`` without what it needs, or with what it does not take:
    ``accepted`` needs a porting day that is a business day, ``rejected`` a reason of the guide."""
    check_status(new_status)
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
        check_reason(reason)
    elif reason is not None:
        raise StoreError("store.rejection_reason.unexpected", "only a rejected request has a reason")


def check_reason(reason: str | None) -> None:
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
