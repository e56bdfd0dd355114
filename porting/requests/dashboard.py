"""The console's dashboard in figures: open requests by status, their age against the guide's
porting time, rejection reasons by month, and requests and numbers ported per week.

Each figure is one aggregate query over the ``requests`` table, in SQLite and PostgreSQL alike: no
request is loaded and decoded. Times are stored in UTC and the team counts days in Oslo, whose
offset from UTC is always whole hours, so the queries count by UTC hour and the hours are then
put on their Oslo day here (a handful of rows per day, whatever the number of requests).

The age of an open request is counted in business days (``porting.calendar``, Norwegian public
holidays included) from the day it was sent to today: the guide ports in about
``rules().timeline.porting_business_days`` (17) of them, and a request
``at_risk_business_days`` (13) old is at risk of being late (``rules.toml`` gives the reasons).

>>> age_band(12), age_band(13), age_band(17), age_band(18)
('on_time', 'at_risk', 'at_risk', 'late')
>>> week_of(date(2026, 12, 3)), month_of(date(2026, 12, 3))
(datetime.date(2026, 11, 30), datetime.date(2026, 12, 1))

A rejection is counted in the month the request was rejected, with the reason it carries; a
request the customer sent again with corrected documents has no reason any more and is counted
no longer. A ported request's numbers are those it ported: portable and not rejected one by one
(an anonymous record, ``porting.requests.retention``, counts its portable types).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, select, text
from sqlalchemy.orm import Session

from porting.calendar import OSLO, business_days_between, oslo_today
from porting.requests.lifecycle import CLOSED, PORTED, REJECTED, REJECTED_NUMBER, STATUSES
from porting.requests.schema import RequestRow, Store, transaction
from porting.rules import rules

ON_TIME, AT_RISK, LATE = "on_time", "at_risk", "late"
AGE_BANDS: tuple[str, ...] = (ON_TIME, AT_RISK, LATE)
OPEN_STATUSES: tuple[str, ...] = tuple(status for status in STATUSES if status not in CLOSED)


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How many open requests have ``status``."""

    status: str
    requests: int


@dataclass(frozen=True, slots=True)
class AgeCount:
    """How many open requests are ``age`` business days old, and the band that age is in."""

    age: int
    band: str  # one of AGE_BANDS
    requests: int


@dataclass(frozen=True, slots=True)
class RejectionCount:
    """How many requests were rejected for ``reason`` (a key of ``rules().rejection_reasons``) in
    the month that starts on ``month``."""

    month: date
    reason: str
    requests: int


@dataclass(frozen=True, slots=True)
class PortedWeek:
    """The requests ported in the week that starts on Monday ``week``, and their numbers."""

    week: date
    requests: int
    numbers: int


@dataclass(frozen=True)
class Dashboard:
    """The figures as of ``today`` in Oslo; every tuple in the order the charts show it."""

    today: date
    open_by_status: tuple[StatusCount, ...]
    ages: tuple[AgeCount, ...]
    rejections: tuple[RejectionCount, ...]
    ported: tuple[PortedWeek, ...]  # every week of the window, those with nothing ported too

    @property
    def empty(self) -> bool:
        """Nothing to show: no request open, rejected or ported in the windows."""
        return not (self.open_by_status or self.rejections or any(week.requests for week in self.ported))

    def band_totals(self) -> dict[str, int]:
        """Open requests by age band, every band named."""
        totals = dict.fromkeys(AGE_BANDS, 0)
        for count in self.ages:
            totals[count.band] += count.requests
        return totals


def age_band(age: int) -> str:
    """``on_time``, ``at_risk`` or ``late`` for an open request ``age`` business days old."""
    timeline = rules().timeline
    if age > timeline.porting_business_days:
        return LATE
    return AT_RISK if age >= timeline.at_risk_business_days else ON_TIME


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def month_of(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def dashboard(store: Store, today: date | None = None) -> Dashboard:
    """The dashboard's figures; ``today`` in Oslo stands in for the store's clock in tests."""
    today = oslo_today(store.clock()) if today is None else today
    settings = rules().dashboard
    first_month = _months_before(month_of(today), settings.rejection_months - 1)
    first_week = week_of(today) - timedelta(weeks=settings.ported_weeks - 1)
    with transaction(store, write=False) as session:
        by_status = dict(
            session.execute(
                select(RequestRow.status, func.count())
                .where(RequestRow.status.in_(OPEN_STATUSES))
                .group_by(RequestRow.status)
            ).all()
        )
        open_days = _count_by_day(session, RequestRow.created_at, RequestRow.status.in_(OPEN_STATUSES))
        rejected = _rejections(session, first_month)
        ported = _ported(session, first_week)
    return Dashboard(
        today=today,
        open_by_status=tuple(
            StatusCount(status, by_status[status]) for status in OPEN_STATUSES if by_status.get(status)
        ),
        ages=_ages(open_days, today),
        rejections=rejected,
        ported=tuple(
            PortedWeek(week, *ported.get(week, (0, 0)))
            for week in (first_week + timedelta(weeks=n) for n in range(settings.ported_weeks))
        ),
    )


# --- The queries -----------------------------------------------------------------------------


def _utc_hour(session: Session, column: Any) -> ColumnElement[Any]:
    """``column``'s UTC hour, what the queries group by: in PostgreSQL a timestamp cut to the hour,
    in SQLite (which keeps UTC times without an offset) text, ``2026-11-24 09``."""
    if session.get_bind().dialect.name == "postgresql":
        return func.date_trunc("hour", func.timezone("UTC", column))
    return func.strftime("%Y-%m-%d %H", column)


def _oslo_day(hour: str | datetime) -> date:
    """The Oslo day of a UTC hour as ``_utc_hour`` gives it."""
    # fromisoformat, not strptime: a year of open requests is some 9,000 hours, and strptime's
    # pattern matching was half of the dashboard's time.
    moment = hour if isinstance(hour, datetime) else datetime.fromisoformat(f"{hour}:00")
    return moment.replace(tzinfo=UTC).astimezone(OSLO).date()


def _since(day: date) -> datetime:
    """The instant the Oslo day ``day`` starts."""
    return datetime.combine(day, time(), tzinfo=OSLO).astimezone(UTC)


def _count_by_day(session: Session, column: Any, *where: ColumnElement[bool]) -> dict[date, int]:
    """Rows matching ``where`` counted by the Oslo day of ``column``."""
    hour = _utc_hour(session, column)
    counted: dict[date, int] = {}
    for at, count in session.execute(select(hour, func.count()).where(*where).group_by(hour)).all():
        day = _oslo_day(at)
        counted[day] = counted.get(day, 0) + count
    return counted


def _ages(open_days: dict[date, int], today: date) -> tuple[AgeCount, ...]:
    by_age: dict[int, int] = {}
    for day, count in open_days.items():
        age = business_days_between(day, today)
        by_age[age] = by_age.get(age, 0) + count
    return tuple(AgeCount(age, age_band(age), count) for age, count in sorted(by_age.items()))


def _rejections(session: Session, first_month: date) -> tuple[RejectionCount, ...]:
    hour = _utc_hour(session, RequestRow.closed_at)
    query = (
        select(hour, RequestRow.rejection_reason, func.count())
        .where(
            RequestRow.status == REJECTED,
            RequestRow.rejection_reason.is_not(None),
            RequestRow.closed_at >= _since(first_month),
        )
        .group_by(hour, RequestRow.rejection_reason)
    )
    counted: dict[tuple[date, str], int] = {}
    for at, reason, count in session.execute(query).all():
        key = (month_of(_oslo_day(at)), str(reason))
        counted[key] = counted.get(key, 0) + count
    order = {reason.key: index for index, reason in enumerate(rules().rejection_reasons)}
    return tuple(
        RejectionCount(month, reason, count)
        for (month, reason), count in sorted(
            counted.items(), key=lambda item: (item[0][0], order.get(item[0][1], len(order)), item[0][1])
        )
    )


# A request's numbers ported: those it stores, portable and not rejected one by one, and for an
# anonymous record (numbers gone, counted by type) those of its portable types.
_SQLITE_NUMBERS = text(
    "(SELECT count(*) FROM json_each(requests.numbers_json) AS n"
    " WHERE json_extract(n.value, '$.portable') = 1"
    " AND coalesce(json_extract(n.value, '$.decision'), '') <> :rejected)"
    " + coalesce((SELECT sum(c.value) FROM json_each(requests.counts_json) AS c"
    " WHERE c.key IN :portable), 0)"
)
_POSTGRES_NUMBERS = text(
    "(SELECT count(*) FROM json_array_elements(requests.numbers_json::json) AS n(value)"
    " WHERE (n.value ->> 'portable')::boolean"
    " AND coalesce(n.value ->> 'decision', '') <> :rejected)"
    " + coalesce((SELECT sum(c.value::integer) FROM json_each_text(requests.counts_json::json) AS c"
    " WHERE c.key IN :portable), 0)"
)


def _ported(session: Session, first_week: date) -> dict[date, tuple[int, int]]:
    """Requests and numbers ported by week since ``first_week``."""
    postgres = session.get_bind().dialect.name == "postgresql"
    portable = sorted(key for key, kind in rules().types.items() if kind.portable)
    numbers = (_POSTGRES_NUMBERS if postgres else _SQLITE_NUMBERS).bindparams(
        bindparam("rejected", REJECTED_NUMBER), bindparam("portable", portable, expanding=True)
    )
    hour = _utc_hour(session, RequestRow.closed_at)
    query = (
        select(hour, func.count(), func.sum(numbers))
        .where(RequestRow.status == PORTED, RequestRow.closed_at >= _since(first_week))
        .group_by(hour)
    )
    weeks: dict[date, tuple[int, int]] = {}
    for at, requests, ported in session.execute(query).all():
        week = week_of(_oslo_day(at))
        before = weeks.get(week, (0, 0))
        weeks[week] = (before[0] + requests, before[1] + int(ported or 0))
    return weeks


def _months_before(month: date, count: int) -> date:
    """The first day of the month ``count`` months before ``month`` (a first day)."""
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)
