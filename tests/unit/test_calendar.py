"""Norwegian business days as the porting guide counts them, checked against the law's holiday list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st

import porting.calendar as porting_calendar
from porting.calendar import (
    Holiday,
    add_business_days,
    business_day_on_or_after,
    business_days_between,
    business_days_lost,
    holiday_on,
    holidays_between,
    is_business_day,
    next_business_day,
    oslo_today,
)

YEARS = range(2025, 2031)
ONE_DAY = timedelta(days=1)


def gregorian_easter(year: int) -> date:
    """Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), independent of the app."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def public_holidays(year: int) -> dict[str, date]:
    """The law's public holidays of one year, written out from the list in NORWAY.md."""
    easter = gregorian_easter(year)
    return {
        "new_years_day": date(year, 1, 1),
        "maundy_thursday": easter - 3 * ONE_DAY,
        "good_friday": easter - 2 * ONE_DAY,
        "easter_sunday": easter,
        "easter_monday": easter + ONE_DAY,
        "may_1": date(year, 5, 1),
        "may_17": date(year, 5, 17),
        "ascension_day": easter + 39 * ONE_DAY,
        "whit_sunday": easter + 49 * ONE_DAY,
        "whit_monday": easter + 50 * ONE_DAY,
        "christmas_day": date(year, 12, 25),
        "boxing_day": date(year, 12, 26),
    }


DAYS_OFF = [
    pytest.param(day, id=f"{year}-{name}")
    for year in YEARS
    for name, day in public_holidays(year).items()
    if name not in ("easter_sunday", "whit_sunday")  # always Sundays: off anyway
]


def test_gregorian_easter_of_the_test_is_right() -> None:
    assert [gregorian_easter(year) for year in YEARS] == [
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2028, 4, 16),
        date(2029, 4, 1),
        date(2030, 4, 21),
    ]


@pytest.mark.parametrize("year", YEARS)
def test_the_holidays_are_exactly_the_law_s_list(year: int) -> None:
    listed = [holiday.day for holiday in holidays_between(date(year, 1, 1), date(year, 12, 31))]
    assert listed == sorted(set(public_holidays(year).values()))


@pytest.mark.parametrize("year", YEARS)
def test_easter_falls_where_an_independent_computation_puts_it(year: int) -> None:
    easter = gregorian_easter(year)
    assert [holiday_on(easter + offset * ONE_DAY).names["en"] for offset in (-3, -2, 0, 1)] == [
        "Maundy Thursday",
        "Good Friday",
        "Easter Sunday",
        "Easter Monday",
    ]


@pytest.mark.parametrize("day", DAYS_OFF)
def test_public_holidays_are_not_business_days(day: date) -> None:
    assert holiday_on(day) is not None
    assert not is_business_day(day)


@pytest.mark.parametrize("year", YEARS)
def test_christmas_eve_new_years_eve_and_easter_saturday_are_not_holidays(year: int) -> None:
    ordinary = [date(year, 12, 24), date(year, 12, 31), gregorian_easter(year) - ONE_DAY]
    assert [holiday_on(day) for day in ordinary] == [None, None, None]
    for eve in ordinary[:2]:
        assert is_business_day(eve) == (eve.weekday() < 5)


def test_christmas_eve_on_a_thursday_is_a_business_day() -> None:
    assert is_business_day(date(2026, 12, 24))
    assert is_business_day(date(2026, 12, 31))


def test_a_holiday_on_a_weekend_is_listed_but_not_moved() -> None:
    may_day = date(2027, 5, 1)  # a Saturday
    assert [holiday.day for holiday in holidays_between(may_day, may_day)] == [may_day]
    assert is_business_day(date(2027, 5, 3))
    assert is_business_day(date(2026, 12, 28))  # after Boxing Day on a Saturday


def test_17_may_2027_is_listed_once_with_both_names() -> None:
    listed = holidays_between(date(2027, 5, 17), date(2027, 5, 17))
    assert len(listed) == 1
    assert listed[0].names["nb"] == "Andre pinsedag; Grunnlovsdag"
    assert listed[0].names["en"] == "Constitution Day; Pentecost Monday"


def test_holidays_between_includes_both_ends_in_date_order() -> None:
    listed = holidays_between(date(2026, 12, 25), date(2027, 1, 1))
    assert [holiday.day for holiday in listed] == [date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1)]
    assert holidays_between(date(2027, 1, 2), date(2027, 1, 1)) == []


@pytest.mark.parametrize("year", YEARS)
def test_holiday_names_are_given_in_english_and_bokmal(year: int) -> None:
    for holiday in holidays_between(date(year, 1, 1), date(year, 12, 31)):
        assert set(holiday.names) == {"en", "nb"}
        assert all(name.strip() for name in holiday.names.values())
        assert holiday.names["en"] != holiday.names["nb"]


def test_a_holiday_is_frozen_and_hashable() -> None:
    holiday = holiday_on(date(2027, 3, 29))
    assert holiday == Holiday(date(2027, 3, 29), {"en": "Easter Monday", "nb": "Andre påskedag"})
    assert len({holiday, holiday_on(date(2027, 3, 29))}) == 1
    with pytest.raises(AttributeError):
        holiday.day = date(2027, 3, 30)
    with pytest.raises(TypeError):
        holiday.names["en"] = "Easter"


@pytest.fixture
def fresh_holiday_tables() -> Iterator[None]:
    """The year tables are cached; rebuild them under the locale a test sets."""
    porting_calendar._holidays_of.cache_clear()
    yield
    porting_calendar._holidays_of.cache_clear()


@pytest.mark.usefixtures("fresh_holiday_tables")
def test_english_names_stay_english_on_a_norwegian_server(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.setenv(variable, "nb_NO.UTF-8")
    monkeypatch.setenv("LANGUAGE", "no")
    assert holiday_on(date(2027, 3, 29)).names["en"] == "Easter Monday"


@pytest.mark.usefixtures("fresh_holiday_tables")
@pytest.mark.parametrize("locale", ["C.UTF-8", "en_US.UTF-8"])
def test_norwegian_names_stay_norwegian_on_an_english_server(
    monkeypatch: pytest.MonkeyPatch, locale: str
) -> None:
    for variable in ("LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.setenv(variable, locale)
    monkeypatch.setenv("LANGUAGE", "en_US")
    assert holiday_on(date(2027, 3, 29)).names["nb"] == "Andre påskedag"


def test_porting_day_skips_easter() -> None:
    assert add_business_days(date(2027, 3, 24), 1) == date(2027, 3, 30)
    assert add_business_days(date(2028, 4, 12), 1) == date(2028, 4, 18)
    assert add_business_days(date(2027, 3, 30), -1) == date(2027, 3, 24)


def test_porting_day_skips_christmas_and_new_year() -> None:
    # 24 and 31 Dec 2026 are Thursdays and count; 25 Dec and 1 Jan are Fridays and do not.
    assert add_business_days(date(2026, 12, 18), 4) == date(2026, 12, 24)
    assert add_business_days(date(2026, 12, 18), 5) == date(2026, 12, 28)
    assert add_business_days(date(2026, 12, 18), 8) == date(2026, 12, 31)
    assert add_business_days(date(2026, 12, 18), 9) == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("start", "porting_day"),
    [
        (date(2027, 3, 20), date(2027, 4, 16)),  # a Saturday before Easter: 3 days off
        (date(2026, 12, 18), date(2027, 1, 14)),  # Christmas Day and New Year's Day on Fridays
        (date(2028, 4, 10), date(2028, 5, 9)),  # Easter and 1 May
        (date(2029, 5, 1), date(2029, 5, 29)),  # starts on 1 May; Ascension, 17 May, Whit Monday
        (date(2027, 5, 3), date(2027, 5, 28)),  # Ascension, and 17 May on Whit Monday counts once
        (date(2025, 12, 21), date(2026, 1, 16)),  # a Sunday before Christmas
    ],
)
def test_seventeen_business_days_from_fixed_dates(start: date, porting_day: date) -> None:
    assert add_business_days(start, 17) == porting_day
    assert business_days_between(start, porting_day) == 17


@pytest.mark.parametrize(
    ("weekend_day", "monday"),
    [(date(2026, 11, 28), date(2026, 11, 30)), (date(2026, 11, 29), date(2026, 11, 30))],
)
def test_counting_from_a_weekend_starts_on_monday(weekend_day: date, monday: date) -> None:
    assert add_business_days(weekend_day, 1) == monday
    assert next_business_day(weekend_day) == monday
    assert business_day_on_or_after(weekend_day) == monday
    assert add_business_days(weekend_day, -1) == date(2026, 11, 27)


def test_counting_from_a_holiday_starts_after_it() -> None:
    good_friday = date(2027, 3, 26)
    assert add_business_days(good_friday, 1) == date(2027, 3, 30)
    assert business_day_on_or_after(date(2027, 3, 25)) == date(2027, 3, 30)
    assert business_day_on_or_after(date(2027, 3, 24)) == date(2027, 3, 24)


def test_zero_business_days_leave_the_day_unchanged() -> None:
    assert add_business_days(date(2027, 3, 27), 0) == date(2027, 3, 27)  # Easter Saturday


def test_business_days_between_counts_the_end_and_not_the_start() -> None:
    assert business_days_between(date(2026, 11, 23), date(2026, 11, 24)) == 1
    assert business_days_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert business_days_between(date(2026, 11, 24), date(2026, 11, 23)) == 0
    assert business_days_between(date(2026, 1, 1), date(2026, 12, 31)) == 253


def test_business_days_lost_groups_the_holidays() -> None:
    assert business_days_lost(date(2027, 3, 20), date(2027, 4, 16)) == [("easter", 3)]
    assert business_days_lost(date(2027, 5, 1), date(2027, 5, 31)) == [("ascension", 1), ("may_17", 1)]
    assert business_days_lost(date(2026, 12, 18), date(2027, 1, 14)) == [("christmas", 1), ("new_year", 1)]
    assert business_days_lost(date(2029, 5, 1), date(2029, 5, 31)) == [
        ("may_1", 1),
        ("ascension", 1),
        ("may_17", 1),
        ("whitsun", 1),
    ]


@pytest.mark.parametrize("year", YEARS)
def test_every_weekday_holiday_belongs_to_a_named_group(year: int) -> None:
    groups = dict(business_days_lost(date(year, 1, 1), date(year, 12, 31)))
    assert set(groups) <= {"easter", "ascension", "whitsun", "may_1", "may_17", "christmas", "new_year"}
    assert groups["easter"] == 3
    assert sum(groups.values()) == sum(
        1 for holiday in holidays_between(date(year, 1, 1), date(year, 12, 31)) if holiday.day.weekday() < 5
    )


@pytest.mark.parametrize("count", [100_001, -100_001])
def test_absurd_counts_are_refused(count: int) -> None:
    with pytest.raises(ValueError, match="at most 100,000"):
        add_business_days(date(2027, 1, 1), count)


@pytest.mark.parametrize("day", [date(2101, 1, 3), date(2101, 1, 4), date(1900, 12, 31)])
def test_years_without_holiday_data_are_refused(day: date) -> None:
    with pytest.raises(ValueError, match="1901 to 2100"):
        is_business_day(day)


def test_counting_past_the_known_years_is_refused() -> None:
    with pytest.raises(ValueError, match="not for 2101"):
        add_business_days(date(2100, 12, 30), 5)
    with pytest.raises(ValueError, match="not for 2101"):
        business_days_between(date(2100, 12, 1), date(2101, 1, 5))


@pytest.mark.parametrize(
    ("now", "today"),
    [
        (datetime(2026, 11, 24, 23, 30, tzinfo=UTC), date(2026, 11, 25)),  # winter time, UTC+1
        (datetime(2026, 11, 24, 22, 59, tzinfo=UTC), date(2026, 11, 24)),
        (datetime(2026, 7, 1, 22, 30, tzinfo=UTC), date(2026, 7, 2)),  # summer time, UTC+2
        (datetime(2026, 7, 1, 21, 59, tzinfo=UTC), date(2026, 7, 1)),
        (datetime(2026, 7, 1, 22, 30), date(2026, 7, 2)),  # naive means UTC
        (datetime(2026, 7, 1, 18, 30, tzinfo=timezone(timedelta(hours=-4))), date(2026, 7, 2)),
    ],
)
def test_today_is_the_date_in_oslo(now: datetime, today: date) -> None:
    assert oslo_today(now) == today


def test_today_without_a_clock_is_near_the_utc_date() -> None:
    utc_today = datetime.now(UTC).date()
    assert oslo_today() in (utc_today, utc_today + ONE_DAY)


DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31))
COUNTS = st.integers(min_value=0, max_value=60)


@settings(max_examples=300, deadline=None)
@given(DAYS, COUNTS)
def test_adding_business_days_lands_on_a_business_day_that_many_days_on(day: date, count: int) -> None:
    result = add_business_days(day, count)
    if count > 0:
        assert result > day
        assert is_business_day(result)
    assert business_days_between(day, result) == count


@settings(max_examples=300, deadline=None)
@given(DAYS, COUNTS.filter(bool))
def test_going_back_and_forth_meets_the_nearest_business_days(day: date, count: int) -> None:
    assert add_business_days(add_business_days(day, -count), count) == business_day_on_or_after(day)
    back = add_business_days(add_business_days(day, count), -count)  # the last business day up to day
    assert back <= day
    assert is_business_day(back)
    assert business_days_between(back, day) == 0


@settings(max_examples=300, deadline=None)
@given(DAYS)
def test_the_next_business_day_is_the_first_one_after(day: date) -> None:
    following = next_business_day(day)
    assert following > day
    assert is_business_day(following)
    assert business_days_between(day, following) == 1
    assert business_day_on_or_after(day) == (day if is_business_day(day) else following)


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(min_value=0, max_value=400))
def test_business_days_between_agrees_with_counting_day_by_day(start: date, length: int) -> None:
    end = start + length * ONE_DAY
    by_hand = sum(1 for offset in range(1, length + 1) if is_business_day(start + offset * ONE_DAY))
    assert business_days_between(start, end) == by_hand


@settings(max_examples=200, deadline=None)
@given(DAYS, DAYS)
def test_holidays_between_are_sorted_distinct_and_inside(start: date, end: date) -> None:
    days = [holiday.day for holiday in holidays_between(start, end)]
    assert days == sorted(set(days))
    assert all(start <= day <= end for day in days)
