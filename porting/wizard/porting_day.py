"""The request's one requested porting day: checked from its submission day, and carried as such.

The wizard keeps a single requested day, ``PortingRequest.requested_porting_day``, edited on the
quote and on the company step. It is checked against business days (``porting.calendar``) and the
earliest porting day from the planned submission day, or today in Oslo when none is planned
(``porting.quote.timeline.check_requested_day``). The letter and the stored request carry it in
``CompanyDetails.requested_date`` (``letter_details``), and only when it can be had: a refused day
never reaches them.

>>> request = PortingRequest(submission_day=date(2026, 12, 1), requested_porting_day=date(2026, 12, 25))
>>> check = day_check(request, date(2026, 12, 1))
>>> check.ok, [day.isoformat() for day in check.offered]
(False, ['2026-12-24', '2026-12-28'])
>>> print(refusal_text(date(2026, 12, 25), check, "en"))
Friday 25 December 2026 cannot be the porting day: it is a public holiday (Christmas Day). \
The nearest days that work: Thursday 24 December 2026 or Monday 28 December 2026.
>>> letter_details(request, date(2026, 12, 1)).requested_date is None
True
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from porting.calendar import KNOWN_YEARS, UnknownYear, holiday_on
from porting.company.details import CompanyDetails
from porting.formatting import either
from porting.i18n import format_date, t, tn
from porting.quote.timeline import DayCheck, check_requested_day, earliest_porting_day
from porting.wizard.state import PortingRequest

UNKNOWN_YEAR = "porting_day.unknown_year"


def check_day(requested: date, start: date) -> DayCheck:
    """``requested`` checked for a request submitted on ``start``; a year the calendar does not
    know (on either day) is refused, never raised."""
    try:
        earliest = earliest_porting_day(start)
    except UnknownYear:
        return DayCheck(False, requested, UNKNOWN_YEAR)
    return check_requested_day(requested, earliest)


def day_check(request: PortingRequest, today: date) -> DayCheck | None:
    """The check of the request's requested day (``None`` when it asks for none), from the planned
    submission day or else ``today``, as the quote's timeline counts."""
    requested = request.requested_porting_day
    if requested is None:
        return None
    return check_day(requested, request.submission_day or today)


def requested_day_ok(request: PortingRequest, today: date) -> bool:
    """Whether the request asks for no day, or for one that can be had."""
    check = day_check(request, today)
    return check is None or check.ok


def letter_details(request: PortingRequest, today: date) -> CompanyDetails:
    """The company details as the letter and the stored request carry them: with the requested
    porting day when it can be had, and none otherwise."""
    check = day_check(request, today)
    day = request.requested_porting_day if check is not None and check.ok else None
    return replace(request.company, requested_date=day)


def refusal_text(requested: date, check: DayCheck, language: str) -> str:
    """Why ``requested`` cannot be the porting day, and the nearest days that can."""
    day = format_date(requested, language)
    if check.reason == UNKNOWN_YEAR:
        return t(UNKNOWN_YEAR, language, day=day, first=KNOWN_YEARS.start, last=KNOWN_YEARS.stop - 1)
    if check.reason == "timeline.requested_too_early":
        why = t("porting_day.why.too_early", language, earliest=format_date(check.nearest, language))
    else:
        holiday = holiday_on(requested)
        why = (
            t("porting_day.why.weekend", language)
            if holiday is None
            else t("porting_day.why.holiday", language, holiday=holiday.names[language])
        )
    text = t("porting_day.refused", language, day=day, why=why)
    if check.offered:
        days = either(tuple(format_date(offered, language) for offered in check.offered), language)
        text += " " + tn("porting_day.offered", len(check.offered), language, days=days)
    return text


def note_text(requested: date, check: DayCheck, language: str) -> str | None:
    """The note on a day that can be had although carriers rarely port then; ``None`` for others."""
    if check.note is None:
        return None
    return t(check.note, language, day=format_date(requested, language))
