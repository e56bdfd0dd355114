"""The request lifecycle: its statuses, which status may follow which, what each change needs,
what the customer may do, and the step of the guide's porting process a request is at.

A request moves through the statuses of the guide's porting process (``rules().process_steps``):
``received`` when the customer submits; ``under_review`` and ``waiting_for_documents`` while we
check it; ``submitted_to_carrier`` once we send it on; then ``accepted`` with a confirmed porting
day (a business day, ``porting.calendar``, unless the team confirms another), or ``rejected`` with
one of the guide's rejection reasons (``rules().rejection_reasons``), and finally ``ported``. The
customer may cancel until the carrier has the request. ``allowed_transitions`` is the whole of
that process; the changes themselves, each an event in the request's audit trail, are
``porting.requests.store``'s.

>>> sorted(allowed_transitions["submitted_to_carrier"])
['accepted', 'rejected']
>>> CURRENT_STEP[WAITING_FOR_DOCUMENTS], set(CURRENT_STEP) == set(STATUSES)
(4, True)
>>> check_change(ACCEPTED, None, None)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
porting.requests.schema.StoreError: ... (store.porting_date.missing)

Some changes are allowed but rarely meant: a porting day before the one the customer asked
for, or on a weekend or public holiday, and marking a request ported before its porting day.
``day_warnings`` names them; the store makes such a change only when it is confirmed.

>>> [warning.kind for warning in day_warnings(ACCEPTED, date(2026, 12, 25), requested=date(2027, 1, 4),
...                                           confirmed=None, today=date(2026, 12, 1))]
['before_requested', 'holiday']
>>> day_warnings(PORTED, None, requested=None, confirmed=date(2026, 12, 8), today=date(2026, 12, 7))[0].kind
'ported_early'
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol

from porting.calendar import KNOWN_YEARS, Holiday, holiday_on, is_business_day
from porting.i18n import format_date, t
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


class StepState(StrEnum):
    """How one of the guide's steps stands for a request."""

    DONE = "done"
    CURRENT = "current"  # happening now, or waiting for whoever acts in it
    TO_COME = "to_come"
    SKIPPED = "skipped"  # did not happen and will not: not applicable to this request


# The guide's eight steps (rules().process_steps), by their place in it.
(SUBMIT_STEP, REVIEW_STEP, SIGN_LOA_STEP, SEND_DOCUMENTS_STEP, CARRIER_STEP, APPROVAL_STEP,
 CONFIRMED_DATE_STEP, REJECTION_STEP) = range(1, 9)  # fmt: skip
_REVIEWED = frozenset({WAITING_FOR_DOCUMENTS, SUBMITTED_TO_CARRIER, ACCEPTED, REJECTED, PORTED})
_AT_CARRIER = frozenset({SUBMITTED_TO_CARRIER, ACCEPTED, PORTED})


def step_states(status: str, history: Sequence[str], documents: Collection[str]) -> tuple[StepState, ...]:
    """How each of the guide's eight steps stands for a request in ``status``, whose audit trail
    entered ``history`` (statuses, oldest first) and which was sent ``documents`` (slots).

    A step is done when it happened: the LOA and the invoice sent with the request are steps 3
    and 4. A step that did not happen and will not is skipped: a ported request was never rejected,
    a request rejected before it reached the carrier never went to the carrier. Corrected
    documents start a new round (the request is received again): the carrier's steps count from
    there, while a rejection before it stays done (it was corrected).

    >>> [state.value for state in step_states(PORTED, ["received", "under_review",
    ...     "submitted_to_carrier", "accepted", "ported"], {"loa", "invoice", "registration"})]
    ['done', 'done', 'done', 'done', 'done', 'done', 'done', 'skipped']
    """
    check_status(status)
    statuses = [*history, status]
    last_received = max((index for index, entered in enumerate(statuses) if entered == RECEIVED), default=0)
    this_round = frozenset(statuses[last_received:])
    at_carrier = bool(this_round & _AT_CARRIER)
    documents_sent = {"loa", "invoice"} <= set(documents)
    waiting = status == WAITING_FOR_DOCUMENTS
    later = StepState.SKIPPED if status == CANCELLED else StepState.TO_COME

    def state(done: bool, current: bool = False, skipped: bool = False) -> StepState:
        if done:
            return StepState.DONE
        if current:
            return StepState.CURRENT
        return StepState.SKIPPED if skipped else later

    rejected, finished = status == REJECTED, status in (ACCEPTED, PORTED)
    approved = bool(this_round & {ACCEPTED, PORTED}) or (rejected and at_carrier)  # the carrier answered
    corrected = REJECTED in statuses[:-1] and not rejected
    return (
        StepState.DONE,  # a stored request was submitted
        state(bool(this_round & _REVIEWED), current=status in (RECEIVED, UNDER_REVIEW)),
        state("loa" in documents, current=waiting),
        state(documents_sent and not waiting, current=waiting),
        state(at_carrier, skipped=rejected),
        state(approved, current=status == SUBMITTED_TO_CARRIER, skipped=rejected),
        state(finished, skipped=rejected),
        state(corrected, current=rejected, skipped=finished),
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
    ``accepted`` needs a porting day in a year whose holidays are known (whether it is a business
    day is ``day_warnings``'), ``rejected`` a reason of the guide."""
    check_status(new_status)
    if new_status == ACCEPTED:
        if porting_date is None:
            raise StoreError("store.porting_date.missing", "an accepted request needs its porting date")
        if porting_date.year not in KNOWN_YEARS:  # no holidays known: no business day to check
            raise StoreError(
                "store.porting_date.unknown_year",
                f"{porting_date.isoformat()} is outside the years whose public holidays are known",
                day=porting_date.isoformat(),
                first=str(KNOWN_YEARS.start),
                last=str(KNOWN_YEARS.stop - 1),
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


# --- Changes to confirm ----------------------------------------------------------------------

BEFORE_REQUESTED = "before_requested"  # the porting day is before the customer's requested day
WEEKEND = "weekend"  # the porting day is a Saturday or a Sunday
HOLIDAY = "holiday"  # the porting day is a Norwegian public holiday
PORTED_EARLY = "ported_early"  # marked ported before the confirmed porting day
WARNING_KINDS = (BEFORE_REQUESTED, WEEKEND, HOLIDAY, PORTED_EARLY)


@dataclass(frozen=True)
class DayWarning:
    """A day in a status change that the team confirms before the change goes ahead.

    ``day`` is the porting day chosen (``ported_early``: today); ``other`` the day it is held
    against: the customer's requested day, or the confirmed porting day; ``holiday`` the public
    holiday on ``day``.
    """

    kind: str
    day: date
    other: date | None = None
    holiday: Holiday | None = None


class UnconfirmedChange(StoreError):
    """A change with ``warnings`` that nobody confirmed: nothing was changed."""

    def __init__(self, warnings: tuple[DayWarning, ...]) -> None:
        kinds = ", ".join(warning.kind for warning in warnings)
        super().__init__("store.change.unconfirmed", f"confirm the change first ({kinds})")
        self.warnings = warnings


def day_warnings(
    new_status: str, porting_date: date | None, *, requested: date | None, confirmed: date | None, today: date
) -> tuple[DayWarning, ...]:
    """What to confirm about a change to ``new_status``: an ``accepted`` request's ``porting_date``
    before the customer's ``requested`` day or on a day that is not a business day; a request
    marked ``ported`` ``today`` before its ``confirmed`` porting day. Empty when there is nothing."""
    warnings: list[DayWarning] = []
    if new_status == ACCEPTED and porting_date is not None and porting_date.year in KNOWN_YEARS:
        if requested is not None and porting_date < requested:
            warnings.append(DayWarning(BEFORE_REQUESTED, porting_date, requested))
        if not is_business_day(porting_date):
            holiday = holiday_on(porting_date)
            warnings.append(
                DayWarning(WEEKEND if holiday is None else HOLIDAY, porting_date, holiday=holiday)
            )
    if new_status == PORTED and confirmed is not None and today < confirmed:
        warnings.append(DayWarning(PORTED_EARLY, today, confirmed))
    return tuple(warnings)


def confirm_change(warnings: tuple[DayWarning, ...], *, confirmed: bool) -> None:
    """Refuse a change with ``warnings`` unless it was ``confirmed``."""
    if warnings and not confirmed:
        raise UnconfirmedChange(warnings)


def confirmed_note(note: str, warnings: tuple[DayWarning, ...]) -> str:
    """The history's note of a change that went ahead despite ``warnings``: the team's ``note``,
    then what was confirmed (in English, as the stored record is written), so the audit trail
    shows that a warning was overridden and which."""
    if not warnings:
        return note
    listed = "; ".join(warning_text(warning, "en") for warning in warnings)
    confirmed = t("journey_console.confirmed", "en", warnings=listed)
    return f"{note}\n{confirmed}" if note else confirmed


def warning_text(warning: DayWarning, language: str) -> str:
    """The warning as the team reads it, naming its days, in ``language``."""
    other = format_date(warning.other, language) if warning.other is not None else ""
    holiday = warning.holiday.names[language] if warning.holiday is not None else ""
    return t(
        f"journey_console.warning.{warning.kind}",
        language,
        day=format_date(warning.day, language),
        other=other,
        holiday=holiday,
    )
