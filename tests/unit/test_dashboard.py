"""The console's dashboard figures against requests counted by hand, in SQLite and, when
``DATABASE_URL`` names one, PostgreSQL: open requests by status, their age in business days
across Easter 2027, rejection reasons by month, and requests and numbers ported per week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from store_fixtures import NUMBERS, Clock, move, stored_of, submit_sample

from porting.calendar import business_days_between
from porting.requests.dashboard import (
    AT_RISK,
    LATE,
    ON_TIME,
    AgeCount,
    PortedWeek,
    RejectionCount,
    StatusCount,
    age_band,
    dashboard,
)
from porting.requests.retention import anonymise
from porting.requests.schema import Store
from porting.requests.store import change_status
from porting.rules import rules

TODAY = date(2027, 4, 8)  # a Thursday, ten days after Easter Monday 2027
TEAM = "Ola (porting team)"


def _at(day: date, hour: int = 9, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def _sent(store: Store, clock: Clock, key: str, at: datetime, **changes: Any) -> Any:
    clock.now = at
    return submit_sample(store, key, **changes)


def _rejected(store: Store, clock: Clock, key: str, at: datetime, reason: str) -> None:
    sent = _sent(store, clock, key, at - timedelta(days=3))
    clock.now = at
    change_status(store, stored_of(store, sent), "rejected", actor=TEAM, reason=reason)


def _ported(store: Store, clock: Clock, key: str, at: datetime, **changes: Any) -> None:
    sent = _sent(store, clock, key, at - timedelta(days=30), **changes)
    request = move(store, sent, "under_review", "submitted_to_carrier")
    request = change_status(store, request, "accepted", actor=TEAM, porting_date=at.date(), confirmed=True)
    clock.now = at
    change_status(store, request, "ported", actor=TEAM, confirmed=True)


GEOGRAPHIC = NUMBERS[0]
THREE_PORTED = [  # three portable numbers, one of them rejected by the team, and a mobile number
    GEOGRAPHIC | {"input": "21 23 45 01", "e164": "+4721234501", "display": "21 23 45 01"},
    GEOGRAPHIC | {"input": "21 23 45 02", "e164": "+4721234502", "display": "21 23 45 02"},
    GEOGRAPHIC
    | {
        "input": "21 23 45 03",
        "e164": "+4721234503",
        "display": "21 23 45 03",
        "decision": "rejected",
        "reason": "mismatched_info",
    },
    {
        "input": "412 34 567",
        "line": 4,
        "e164": "+4741234567",
        "display": "412 34 567",
        "type": "mobile",
        "area": None,
        "portable": False,
    },
]


@pytest.fixture
def filled(store: Store, clock: Clock) -> Store:
    """Requests whose figures are counted by hand in the tests below."""
    # Open: sent Wednesday before Easter, 8 business days before TODAY (Maundy Thursday, Good
    # Friday and Easter Monday are off; 11 without them): on time.
    _sent(store, clock, "open-easter", _at(date(2027, 3, 24)))
    # Open, under review: sent 15 Mar, 15 business days old: at risk.
    move(store, _sent(store, clock, "open-risk", _at(date(2027, 3, 15))), "under_review")
    # Open, waiting for documents: sent 1 Mar, 25 business days old: late.
    move(store, _sent(store, clock, "open-late", _at(date(2027, 3, 1))), "waiting_for_documents")
    # Open: sent at 23:30 UTC on 7 Apr, which is 01:30 on 8 Apr in Oslo: 0 days old.
    _sent(store, clock, "open-night", _at(date(2027, 4, 7), 23))
    # Rejected: 22:30 UTC on 31 Mar is 1 Apr in Oslo, so April; two in March for two reasons.
    _rejected(store, clock, "rejected-april", _at(date(2027, 3, 31), 22), "outdated_invoice")
    _rejected(store, clock, "rejected-march-1", _at(date(2027, 3, 10)), "mismatched_info")
    _rejected(store, clock, "rejected-march-2", _at(date(2027, 3, 11)), "mismatched_info")
    _rejected(store, clock, "rejected-march-3", _at(date(2027, 3, 12)), "outdated_invoice")
    # Rejected a year before the window (12 months: May 2026 to April 2027): not counted.
    _rejected(store, clock, "rejected-old", _at(date(2026, 4, 20)), "outdated_invoice")
    # Ported in the week of 5 Apr: 2 numbers and 1 number; in the week of 22 Mar: 1 number.
    _ported(store, clock, "ported-three", _at(date(2027, 4, 5)), numbers=THREE_PORTED)
    _ported(store, clock, "ported-one", _at(date(2027, 4, 6)))
    _ported(store, clock, "ported-march", _at(date(2027, 3, 24)))
    # Cancelled and ported long ago: counted nowhere.
    move(store, _sent(store, clock, "cancelled", _at(date(2027, 3, 2))), "cancelled")
    _ported(store, clock, "ported-old", _at(date(2026, 12, 1)))
    return store


def test_open_requests_are_counted_by_status_in_the_process_order(filled: Store) -> None:
    figures = dashboard(filled, today=TODAY)
    assert figures.open_by_status == (
        StatusCount("received", 2),
        StatusCount("under_review", 1),
        StatusCount("waiting_for_documents", 1),
    )


def test_ages_are_business_days_in_oslo_with_easter_off(filled: Store) -> None:
    figures = dashboard(filled, today=TODAY)
    assert figures.ages == (
        AgeCount(0, ON_TIME, 1),  # 8 April in Oslo, though still 7 April in UTC
        AgeCount(8, ON_TIME, 1),  # across Easter: 11 weekdays, 3 of them holidays
        AgeCount(15, AT_RISK, 1),
        AgeCount(25, LATE, 1),
    )
    assert figures.band_totals() == {ON_TIME: 2, AT_RISK: 1, LATE: 1}


def test_easter_takes_three_business_days_out_of_an_age() -> None:
    assert business_days_between(date(2027, 3, 24), TODAY) == 8
    assert business_days_between(date(2027, 3, 10), date(2027, 3, 24)) == 10  # no holiday: weekdays


def test_bands_follow_the_rules_thresholds() -> None:
    timeline = rules().timeline
    assert timeline.porting_business_days == 17  # the guide's "~17 business days"
    assert age_band(timeline.at_risk_business_days - 1) == ON_TIME
    assert age_band(timeline.at_risk_business_days) == AT_RISK
    assert age_band(timeline.porting_business_days) == AT_RISK
    assert age_band(timeline.porting_business_days + 1) == LATE


def test_rejections_are_counted_by_oslo_month_and_reason(filled: Store) -> None:
    figures = dashboard(filled, today=TODAY)
    assert figures.rejections == (  # in a month, the reasons in the guide's order
        RejectionCount(date(2027, 3, 1), "mismatched_info", 2),
        RejectionCount(date(2027, 3, 1), "outdated_invoice", 1),
        RejectionCount(date(2027, 4, 1), "outdated_invoice", 1),
    )


def test_requests_and_numbers_ported_per_week(filled: Store) -> None:
    figures = dashboard(filled, today=TODAY)
    weeks = rules().dashboard.ported_weeks
    assert len(figures.ported) == weeks
    assert figures.ported[0].week == date(2027, 4, 5) - timedelta(weeks=weeks - 1)
    assert figures.ported[-1] == PortedWeek(date(2027, 4, 5), 2, 3)  # 2 + 1: the rejected and mobile are not
    assert figures.ported[-3] == PortedWeek(date(2027, 3, 22), 1, 1)
    assert sum(week.requests for week in figures.ported) == 3
    assert not figures.empty


def test_an_anonymous_ported_request_counts_its_portable_numbers(store: Store, clock: Clock) -> None:
    numbers = THREE_PORTED[:2] + THREE_PORTED[3:]  # two portable, one mobile
    _ported(store, clock, "ported-anonymous", _at(date(2027, 4, 5)), numbers=numbers)
    before = dashboard(store, today=TODAY).ported[-1]
    assert anonymise(store, retention_days=0, today=TODAY) == 1
    assert dashboard(store, today=TODAY).ported[-1] == before == PortedWeek(date(2027, 4, 5), 1, 2)


def test_an_empty_store_has_empty_figures(store: Store) -> None:
    figures = dashboard(store, today=TODAY)
    assert figures.empty
    assert (figures.open_by_status, figures.ages, figures.rejections) == ((), (), ())
    assert all(week.requests == week.numbers == 0 for week in figures.ported)
