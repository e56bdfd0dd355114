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
    Holiday,
    add_business_days,
    business_day_on_or_after,
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
    earliest = add_business_days(start, durations.porting_business_days)
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
    """Whether a requested porting day can be had, and if not, why and the nearest one that can."""

    ok: bool
    nearest: date
    reason: str | None = None  # catalogue key of the message


def check_requested_day(requested: date, earliest: date) -> DayCheck:
    """A requested porting day must be a business day on or after the earliest one."""
    if requested < earliest:
        return DayCheck(False, earliest, "timeline.requested_too_early")
    if not is_business_day(requested):
        return DayCheck(False, business_day_on_or_after(requested), "timeline.requested_not_business_day")
    return DayCheck(True, requested)


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
