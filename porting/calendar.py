"""Norwegian business days (virkedager): every day that is not a Saturday, Sunday or public holiday.

The public holidays are the ones the ``holidays`` package lists for Norway (it cites lovdata
LOV-1947-04-26-1, the law on public holidays, for 1 and 17 May): 1 January; Maundy Thursday,
Good Friday, Easter Sunday and Easter Monday; 1 May; 17 May; Ascension Day; Whit Sunday and
Whit Monday; 25 and 26 December. A holiday on a weekend is not moved to a weekday, and
Christmas Eve and New Year's Eve are ordinary days. Sundays are not listed as holidays
(``include_sundays=False``), so only real holidays carry names.

Days in years the package does not cover (``holidays.Norway.start_year`` to ``end_year``,
1901 to 2100, ``KNOWN_YEARS``) raise ``UnknownYear``, a ``ValueError``: a day off we do not
know about would move a porting day without anyone noticing.

>>> add_business_days(date(2027, 3, 24), 1)  # Maundy Thursday to Easter Monday are off
datetime.date(2027, 3, 30)
>>> business_days_between(date(2027, 3, 24), date(2027, 3, 30))
1
>>> [holiday.names["nb"] for holiday in holidays_between(date(2027, 5, 16), date(2027, 5, 17))]
['Første pinsedag', 'Andre pinsedag; Grunnlovsdag']
>>> business_days_lost(date(2027, 3, 20), date(2027, 5, 31))  # 1 May 2027 is a Saturday
[('easter', 3), ('ascension', 1), ('may_17', 1)]
>>> oslo_today(datetime(2026, 11, 24, 23, 30, tzinfo=UTC))
datetime.date(2026, 11, 25)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter
from holidays.countries.norway import Norway

OSLO = ZoneInfo("Europe/Oslo")
MAX_BUSINESS_DAYS = 100_000  # about 380 years: far past any porting date, small enough to fail fast

_ONE_DAY = timedelta(days=1)

# The app's languages and the holidays package's names for them. Always passed: without a
# language the package follows the server's locale (LANG=C.UTF-8 gives English names).
_NAME_LANGUAGES: Mapping[str, str] = MappingProxyType({"en": "en_US", "nb": "no"})

# Holidays a person counts together ("Easter: 3 business days off"). Fixed dates are looked up
# first, so a day that is both (17 May 2027 is also Whit Monday) counts once, under the date.
_FIXED_DATE_GROUPS: Mapping[tuple[int, int], str] = MappingProxyType(
    {(1, 1): "new_year", (5, 1): "may_1", (5, 17): "may_17", (12, 25): "christmas", (12, 26): "christmas"}
)
_EASTER_GROUPS: Mapping[int, str] = MappingProxyType(  # days after Easter Sunday
    {-3: "easter", -2: "easter", 0: "easter", 1: "easter", 39: "ascension", 49: "whitsun", 50: "whitsun"}
)
OTHER_GROUP = "other"  # a holiday the tables above do not know, should the law or the package change
KNOWN_YEARS = range(Norway.start_year, Norway.end_year + 1)


class UnknownYear(ValueError):
    """A day in a year whose public holidays are not known; ``year`` is that year.

    Callers that take dates from a person say which years they may give (``KNOWN_YEARS``).
    """

    def __init__(self, year: int) -> None:
        super().__init__(
            f"Norwegian public holidays are known for {KNOWN_YEARS.start} to "
            f"{KNOWN_YEARS.stop - 1} only, not for {year}"
        )
        self.year = year


@dataclass(frozen=True, slots=True)
class Holiday:
    """A public holiday: its day and its name by language (``"en"`` and ``"nb"``).

    When two holidays share a day, ``names`` joins them with ``"; "`` as the holidays
    package does (``"Andre pinsedag; Grunnlovsdag"``).
    """

    day: date
    names: Mapping[str, str] = field(hash=False)


def oslo_today(now: datetime | None = None) -> date:
    """Today's date in Oslo; ``now`` (aware, or naive meaning UTC) stands in for the clock in tests."""
    if now is None:
        return datetime.now(OSLO).date()
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(OSLO).date()


@cache
def _holidays_of(year: int) -> Mapping[date, Holiday]:
    """The public holidays of one year in date order, built once per year."""
    if year not in KNOWN_YEARS:
        raise UnknownYear(year)
    tables = {
        language: holidays.country_holidays("NO", years=year, language=code)
        for language, code in _NAME_LANGUAGES.items()
    }
    days = sorted(tables["en"])
    return MappingProxyType(
        {
            day: Holiday(day, MappingProxyType({language: table[day] for language, table in tables.items()}))
            for day in days
        }
    )


def holiday_on(day: date) -> Holiday | None:
    """The public holiday on ``day``, or ``None`` for an ordinary day (weekends included)."""
    return _holidays_of(day.year).get(day)


def is_business_day(day: date) -> bool:
    """Whether ``day`` is a virkedag: not a Saturday, Sunday or public holiday."""
    closed = _holidays_of(day.year)  # first, so a weekend in an unknown year raises too
    return day.weekday() < 5 and day not in closed


def next_business_day(day: date) -> date:
    """The first business day strictly after ``day``."""
    return add_business_days(day, 1)


def business_day_on_or_after(day: date) -> date:
    """``day`` itself if it is a business day, else the next one."""
    return day if is_business_day(day) else next_business_day(day)


def add_business_days(day: date, count: int) -> date:
    """The ``count``-th business day after ``day`` (before it when ``count`` is negative).

    ``day`` itself never counts, so it need not be a business day; ``count`` 0 returns it unchanged.
    """
    if abs(count) > MAX_BUSINESS_DAYS:
        raise ValueError(f"cannot move {count} business days; at most {MAX_BUSINESS_DAYS:,} either way")
    step = _ONE_DAY if count > 0 else -_ONE_DAY
    remaining = abs(count)
    # Day by day against the cached year table: a porting window is a few weeks, so this
    # costs microseconds, and the table is only looked up again when the year changes.
    year, closed = day.year, _holidays_of(day.year)
    while remaining:
        day += step
        if day.year != year:
            year, closed = day.year, _holidays_of(day.year)
        if day.weekday() < 5 and day not in closed:
            remaining -= 1
    return day


def _weekdays_through(day: date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) up to and including ``day``."""
    full_weeks, rest = divmod(day.toordinal(), 7)
    return full_weeks * 5 + min(rest, 5)


def business_days_between(start: date, end: date) -> int:
    """How many business days ``d`` have ``start < d <= end``; 0 when ``end <= start``."""
    if end <= start:
        return 0
    weekday_holidays = sum(
        1 for holiday in holidays_between(start + _ONE_DAY, end) if holiday.day.weekday() < 5
    )
    return _weekdays_through(end) - _weekdays_through(start) - weekday_holidays


def holidays_between(start: date, end: date) -> list[Holiday]:
    """The public holidays with ``start <= day <= end`` in date order, including those on weekends.

    A day with two holidays appears once, with both names.
    """
    return [
        holiday
        for year in range(start.year, end.year + 1)
        for holiday in _holidays_of(year).values()
        if start <= holiday.day <= end
    ]


def _group_of(day: date) -> str:
    fixed = _FIXED_DATE_GROUPS.get((day.month, day.day))
    if fixed is not None:
        return fixed
    return _EASTER_GROUPS.get((day - easter(day.year)).days, OTHER_GROUP)


def business_days_lost(start: date, end: date) -> list[tuple[str, int]]:
    """The business days public holidays take out of ``[start, end]``, by group, in date order.

    Groups: ``easter`` (Maundy Thursday, Good Friday, Easter Monday), ``ascension``,
    ``whitsun`` (Whit Monday), ``may_1``, ``may_17``, ``christmas`` (25 and 26 December) and
    ``new_year``. Holidays on weekends take nothing and are left out; 17 May on Whit Monday
    counts once, as ``may_17``.
    """
    lost: dict[str, int] = {}
    for holiday in holidays_between(start, end):
        if holiday.day.weekday() < 5:
            group = _group_of(holiday.day)
            lost[group] = lost.get(group, 0) + 1
    return list(lost.items())
