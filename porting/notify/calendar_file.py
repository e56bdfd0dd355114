"""The confirmed porting day as a calendar file (iCalendar, RFC 5545, by the ``icalendar`` library):
offered on the status page and attached to the "date confirmed" notice.

The event is the whole day, in the customer's language, and holds the reference and the brand
only: never the private status link (a calendar is shared more widely than a mailbox) and
nothing the customer typed.

>>> from datetime import date, datetime, timezone
>>> made = porting_day_calendar("NO-2026-000001", date(2027, 4, 16), "en",
...                             stamp=datetime(2027, 4, 12, 8, 0, tzinfo=timezone.utc))
>>> event = Calendar.from_ical(made).walk("VEVENT")[0]
>>> event.decoded("DTSTART"), event.decoded("DTEND"), str(event["UID"])
(datetime.date(2027, 4, 16), datetime.date(2027, 4, 17), 'NO-2026-000001.porting-day@cloudtalk')
>>> calendar_filename("NO-2026-000001")
'porting-day-NO-2026-000001.ics'
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from porting.i18n import format_date, t
from porting.rules import rules


def porting_day_calendar(reference: str, day: date, language: str, *, stamp: datetime | None = None) -> bytes:
    """The calendar file of request ``reference``'s porting day ``day``, in ``language``. The
    event's UID is the same for the same request, so a calendar that has the day already
    moves it when a new day is confirmed."""
    brand = rules().brand
    calendar = Calendar()
    calendar.add("prodid", f"-//{brand}//Number porting//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{reference}.porting-day@{_domain_label(brand)}")
    event.add("dtstamp", stamp or datetime.now(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    said = {"brand": brand, "reference": reference, "day": format_date(day, language)}
    event.add("summary", t("calendar.summary", language, **said))
    event.add("description", t("calendar.description", language, **said))
    event.add("transp", "TRANSPARENT")  # a day to remember, not time taken
    calendar.add_component(event)
    made: bytes = calendar.to_ical()
    return made


def calendar_filename(reference: str = "") -> str:
    """The calendar file's name: ``porting-day-NO-2026-000001.ics``, or ``porting-day.ics``."""
    return f"porting-day-{reference}.ics" if reference else "porting-day.ics"


def _domain_label(brand: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", brand.casefold()).strip("-") or "porting"
