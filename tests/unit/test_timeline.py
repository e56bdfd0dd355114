"""The porting timeline: about 17 business days, the confirmation window and invoice freshness."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from porting.calendar import business_days_between, is_business_day
from porting.quote.timeline import calendar_days, check_requested_day, invoice_check, timeline


@pytest.mark.parametrize(
    ("start", "porting_day"),
    [
        (date(2027, 3, 19), date(2027, 4, 16)),  # Easter 2027 takes three business days
        (date(2026, 12, 18), date(2027, 1, 14)),  # Christmas and New Year
        (date(2027, 4, 26), date(2027, 5, 21)),  # 1 May on a Saturday, Ascension, 17 May (also Whit Monday)
        (date(2026, 11, 25), date(2026, 12, 18)),  # no holidays on the way
        (date(2026, 11, 28), date(2026, 12, 22)),  # submitted on a Saturday
    ],
)
def test_porting_day_is_the_17th_business_day_after_submission(start: date, porting_day: date) -> None:
    plan = timeline(start)
    assert plan.estimated_porting_day == porting_day
    assert plan.business_days == 17


def test_porting_day_skips_easter() -> None:
    names = [holiday.names["en"] for holiday in timeline(date(2027, 3, 19)).holidays]
    assert names == ["Maundy Thursday", "Good Friday", "Easter Sunday", "Easter Monday"]


def test_confirmation_is_announced_two_to_four_business_days_ahead() -> None:
    plan = timeline(date(2027, 4, 26))
    assert plan.estimated_porting_day == date(2027, 5, 21)
    # 17 May (Whit Monday too) is no business day: four business days back is 14 May.
    assert plan.confirmation_window == (date(2027, 5, 14), date(2027, 5, 19))


def test_a_later_requested_day_moves_the_porting_day_and_the_window() -> None:
    plan = timeline(date(2027, 3, 19), requested=date(2027, 5, 3))
    assert plan.porting_day == date(2027, 5, 3)
    assert plan.estimated_porting_day == date(2027, 4, 16)
    assert plan.confirmation_window == (date(2027, 4, 27), date(2027, 4, 29))


def test_a_requested_day_before_the_earliest_is_refused_with_the_earliest() -> None:
    check = check_requested_day(date(2027, 4, 1), date(2027, 4, 16))
    assert (check.ok, check.nearest, check.reason) == (
        False,
        date(2027, 4, 16),
        "timeline.requested_too_early",
    )
    assert timeline(date(2027, 3, 19), requested=date(2027, 4, 1)).porting_day == date(2027, 4, 16)


@pytest.mark.parametrize(
    ("requested", "nearest"),
    [
        (date(2027, 5, 1), date(2027, 5, 3)),
        (date(2027, 5, 17), date(2027, 5, 18)),
        (date(2027, 12, 25), date(2027, 12, 27)),
    ],
)
def test_a_requested_day_off_is_refused_with_the_next_business_day(requested: date, nearest: date) -> None:
    check = check_requested_day(requested, date(2027, 4, 16))
    assert (check.ok, check.nearest, check.reason) == (False, nearest, "timeline.requested_not_business_day")


def test_an_invoice_is_valid_for_30_days() -> None:
    check = invoice_check(date(2027, 3, 1), date(2027, 3, 31))
    assert (check.valid_until, check.ok) == (date(2027, 3, 31), True)


def test_an_invoice_too_old_by_the_submission_says_until_when_it_was_valid() -> None:
    check = invoice_check(date(2027, 3, 1), date(2027, 4, 1))
    assert (check.valid_until, check.ok, check.reason) == (
        date(2027, 3, 31),
        False,
        "timeline.invoice_too_old",
    )


def test_an_invoice_from_the_future_is_refused() -> None:
    assert invoice_check(date(2027, 4, 2), date(2027, 4, 1)).reason == "timeline.invoice_in_future"


def test_calendar_days_mark_weekends_and_holidays() -> None:
    days = calendar_days(date(2027, 3, 24), date(2027, 3, 30))
    assert [day.kind for day in days] == [
        "business",
        "holiday",
        "holiday",
        "weekend",
        "holiday",
        "holiday",
        "business",
    ]
    assert days[1].holiday is not None and days[1].holiday.names["nb"] == "Skjærtorsdag"


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 11, 30)))
def test_the_porting_day_is_always_a_business_day_17_business_days_on(start: date) -> None:
    plan = timeline(start)
    assert is_business_day(plan.estimated_porting_day)
    assert business_days_between(start, plan.estimated_porting_day) == 17
    assert business_days_between(start, plan.estimated_porting_day - timedelta(days=1)) == 16
    first, last = plan.confirmation_window
    assert first < last < plan.estimated_porting_day
    assert is_business_day(first) and is_business_day(last)
