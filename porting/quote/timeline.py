"""When a port goes live: business-day dates from submission to porting day.

From the guide: porting takes about 17 business days, and the confirmed porting date is
announced usually 2 to 4 business days before it; an invoice must have been issued within
the last 30 days when the request is submitted. The numbers live in ``rules.toml``; business
days come from ``porting.calendar``. Day 0 is the submission date.

>>> from datetime import date
>>> plan = timeline(date(2027, 3, 19))  # a Friday; Easter 2027 takes three business days
>>> plan.estimated_porting_day.isoformat(), [day.isoformat() for day in plan.confirmation_window]
('2027-04-16', ['2027-04-12', '2027-04-14'])
>>> invoice_check(date(2027, 3, 1), date(2027, 3, 19)).valid_until
datetime.date(2027, 3, 31)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from porting.calendar import (
    KNOWN_YEARS,
    Holiday,
    UnknownYear,
    add_business_days,
    business_days_between,
    holidays_between,
    is_business_day,
)
from porting.rules import rules


@dataclass(frozen=True)
class Timeline:
    start: date  # the submission date, day 0
    estimated_porting_day: date  # the earliest porting day: 17 business days after the start
    porting_day: date  # the requested day when it is valid, else the estimated one
    confirmation_window: tuple[date, date]  # when the confirmed date is announced, earliest first
    business_days: int  # business days after the start up to and including the porting day
    holidays: tuple[Holiday, ...]  # public holidays after the start up to the porting day


def timeline(start: date, requested: date | None = None) -> Timeline:
    """The dates of a port submitted on ``start``; ``requested`` is a later day the customer asks for."""
    durations = rules().timeline
    earliest = earliest_porting_day(start)
    porting_day = (
        requested if requested is not None and check_requested_day(requested, earliest).ok else earliest
    )
    window = (
        add_business_days(porting_day, -durations.confirmation_max_business_days),
        add_business_days(porting_day, -durations.confirmation_min_business_days),
    )
    return Timeline(
        start=start,
        estimated_porting_day=earliest,
        porting_day=porting_day,
        confirmation_window=window,
        business_days=business_days_between(start, porting_day),
        holidays=tuple(holidays_between(start + timedelta(days=1), porting_day)),
    )


@dataclass(frozen=True)
class DayCheck:
    """Whether a requested porting day can be had; if not, why and the nearest days that can.

    ``offered`` are the valid days nearest a refused one, earliest first: the earliest day for a
    day before it; the business days just before (never before the earliest) and after a
    weekend or holiday. ``nearest`` is the first day after it that can be had. ``note`` is set for
    a day that can be had although carriers rarely port on it (``rules().rarely_ported_days``).
    """

    ok: bool
    nearest: date
    reason: str | None = None  # catalogue key of the message
    offered: tuple[date, ...] = ()
    note: str | None = None  # catalogue key of the note on a day that can be had


def earliest_porting_day(start: date) -> date:
    """The earliest porting day of a request submitted on ``start``: 17 business days later."""
    return add_business_days(start, rules().timeline.porting_business_days)


def check_requested_day(requested: date, earliest: date) -> DayCheck:
    """A requested porting day must be a business day on or after the earliest one.

    >>> check = check_requested_day(date(2026, 12, 25), date(2026, 12, 24))  # Christmas Day
    >>> check.ok, check.reason, [day.isoformat() for day in check.offered]
    (False, 'timeline.requested_not_business_day', ['2026-12-24', '2026-12-28'])
    >>> check_requested_day(date(2026, 12, 24), date(2026, 12, 24)).note
    'porting_day.rarely_ported'
    """
    if requested < earliest:
        return DayCheck(False, earliest, "timeline.requested_too_early", (earliest,))
    if requested.year not in KNOWN_YEARS:
        return DayCheck(False, earliest, "porting_day.unknown_year", ())
    if not is_business_day(requested):
        before, after = _business_day_beside(requested, -1), _business_day_beside(requested, 1)
        offered = tuple(day for day in (before, after) if day is not None and day >= earliest)
        nearest = after or before or earliest
        return DayCheck(False, nearest, "timeline.requested_not_business_day", offered)
    rarely = (requested.month, requested.day) in rules().rarely_ported_days
    return DayCheck(True, requested, note="porting_day.rarely_ported" if rarely else None)


def _business_day_beside(day: date, step: int) -> date | None:
    """The business day just after ``day`` (``step`` 1) or before it (-1); ``None`` past the calendar."""
    try:
        return add_business_days(day, step)
    except UnknownYear:
        return None


@dataclass(frozen=True)
class InvoiceCheck:
    """An invoice's freshness at the planned submission date."""

    valid_until: date  # the last submission date at which the invoice is recent enough
    ok: bool
    reason: str | None = None  # catalogue key: in the future, or too old by the submission date


def invoice_check(issued: date, submission: date) -> InvoiceCheck:
    """An invoice must have been issued within the last 30 days when the request is submitted."""
    valid_until = issued + timedelta(days=rules().timeline.invoice_max_age_days)
    if issued > submission:
        return InvoiceCheck(valid_until, False, "timeline.invoice_in_future")
    if submission > valid_until:
        return InvoiceCheck(valid_until, False, "timeline.invoice_too_old")
    return InvoiceCheck(valid_until, True)


@dataclass(frozen=True)
class CalendarDay:
    """One day of the span a chart shows: a business day, a weekend day or a holiday."""

    day: date
    kind: str  # "business", "weekend" or "holiday"
    holiday: Holiday | None = None


def calendar_days(start: date, end: date) -> tuple[CalendarDay, ...]:
    """Every day from ``start`` to ``end``, inclusive, with its kind."""
    holidays = {holiday.day: holiday for holiday in holidays_between(start, end)}
    days = []
    day = start
    while day <= end:
        if day in holidays:
            days.append(CalendarDay(day, "holiday", holidays[day]))
        else:
            days.append(CalendarDay(day, "weekend" if day.weekday() >= 5 else "business"))
        day += timedelta(days=1)
    return tuple(days)
