"""The console warns before a day the team rarely means: a porting day before the customer's
requested day or on a weekend or public holiday, and marking a request ported before its porting
day. The warning names the days; the change goes ahead only once "Confirm anyway" is ticked.
And the queue and the request count only the numbers to port, the others apart with why.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
import test_console_page as console_tests
from store_fixtures import request_content

import ui.console.signin
from porting.calendar import business_day_on_or_after, oslo_today
from porting.i18n import format_date, t
from porting.numbers.intake import read_numbers
from porting.requests import store
from porting.requests.model import StoredNumber
from ui.console.page import PASSWORD_VARIABLE
from ui.wizard.submit import shared_store

REQUESTED = date(2027, 1, 13)  # a Wednesday
SATURDAY = date(2027, 1, 16)
MONDAY = date(2027, 1, 18)


@pytest.fixture(autouse=True)
def console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, console_tests.PASSWORD)
    address = f"198.51.100.9-days-{uuid.uuid4().hex[:8]}"  # no other test's wrong passwords count
    monkeypatch.setattr(ui.console.signin, "client_address", lambda: address)


def with_carrier(requested: date | None = REQUESTED) -> Any:
    """A request the carrier has, whose customer asked for ``requested``."""
    company = f"Dager {uuid.uuid4().hex[:8]} AS"
    details = {"company_name": company, "requested_date": requested.isoformat() if requested else None}
    receipt = store.submit(
        shared_store(),
        idempotency_key=f"console-days-{uuid.uuid4().hex}",
        language="en",
        content=request_content(details=details),
        documents=[],
    )
    request = store.by_reference(shared_store(), receipt.reference)
    for status in (store.UNDER_REVIEW, store.SUBMITTED_TO_CARRIER):
        request = store.change_status(shared_store(), request, status, actor="test")
    return request


def choose_status(app: Any, request: Any, status: str, porting_date: date | None = None) -> str:
    prefix = f"console_change_{request.id}_{request.status}"
    app.selectbox(key=f"{prefix}_status").select(status).run()
    if porting_date is not None:
        app.date_input(key=f"{prefix}_date").set_value(porting_date).run()
    assert not app.exception
    return prefix


def warnings(app: Any) -> list[str]:
    return [warning.value for warning in app.warning]


def confirm_box(app: Any, prefix: str) -> Any:
    return next(box for box in app.checkbox if box.key.startswith(f"{prefix}_confirm"))


def status_of(request: Any) -> str:
    return store.by_reference(shared_store(), request.reference).status


def test_a_saturday_is_warned_of_and_accepted_only_once_confirmed() -> None:
    request = with_carrier()
    app = console_tests.choose(console_tests.signed_in(), request)
    prefix = choose_status(app, request, store.ACCEPTED, SATURDAY)
    assert warnings(app) == [t("journey_console.warning.weekend", day=format_date(SATURDAY, "en"))]

    app.button(key=f"{prefix}_button").click().run()  # not confirmed: it says what to do
    assert [error.value for error in app.error] == [t("journey_console.confirm_first")]
    assert status_of(request) == store.SUBMITTED_TO_CARRIER

    confirm_box(app, prefix).check().run()
    app.button(key=f"{prefix}_button").click().run()
    accepted = store.by_reference(shared_store(), request.reference)
    assert (accepted.status, accepted.porting_date) == (store.ACCEPTED, SATURDAY)


def test_a_day_before_the_requested_day_names_both_days() -> None:
    request = with_carrier(requested=MONDAY)
    app = console_tests.choose(console_tests.signed_in(), request)
    prefix = choose_status(app, request, store.ACCEPTED, REQUESTED)
    expected = t(
        "journey_console.warning.before_requested",
        day=format_date(REQUESTED, "en"),
        other=format_date(MONDAY, "en"),
    )
    assert warnings(app) == [expected]
    assert confirm_box(app, prefix).label == t("journey_console.confirm")


def test_a_new_day_asks_for_confirmation_again() -> None:
    request = with_carrier()
    app = console_tests.choose(console_tests.signed_in(), request)
    prefix = choose_status(app, request, store.ACCEPTED, SATURDAY)
    confirm_box(app, prefix).check().run()
    app.date_input(key=f"{prefix}_date").set_value(SATURDAY + timedelta(days=1)).run()  # the Sunday
    assert not confirm_box(app, prefix).value


def test_a_business_day_after_the_requested_day_goes_ahead_without_a_warning() -> None:
    request = with_carrier()
    app = console_tests.choose(console_tests.signed_in(), request)
    prefix = choose_status(app, request, store.ACCEPTED, MONDAY)
    assert warnings(app) == [] and not [
        box for box in app.checkbox if box.key.startswith(f"{prefix}_confirm")
    ]
    app.button(key=f"{prefix}_button").click().run()
    assert status_of(request) == store.ACCEPTED


def test_marking_ported_before_the_porting_day_is_warned_of_and_needs_confirming() -> None:
    porting_day = business_day_on_or_after(oslo_today() + timedelta(days=30))  # ahead, whatever today is
    request = store.change_status(
        shared_store(), with_carrier(requested=None), store.ACCEPTED, actor="test", porting_date=porting_day
    )
    app = console_tests.choose(console_tests.signed_in(), request)
    prefix = choose_status(app, request, store.PORTED)
    (shown,) = warnings(app)
    assert format_date(porting_day, "en") in shown and format_date(oslo_today(), "en") in shown

    app.button(key=f"{prefix}_button").click().run()
    assert status_of(request) == store.ACCEPTED
    confirm_box(app, prefix).check().run()
    app.button(key=f"{prefix}_button").click().run()
    assert status_of(request) == store.PORTED


# --- The numbers to port ------------------------------------------------------------------------


def test_the_queue_and_the_request_count_only_the_numbers_to_port() -> None:
    company = f"Telling {uuid.uuid4().hex[:8]} AS"
    entered = read_numbers("21234567\n22334455\n41234567\n1234").unique_rows
    numbers = [StoredNumber.of(row, "en").model_dump() for row in entered]
    content = request_content(details={"company_name": company}, numbers=numbers)
    receipt = store.submit(
        shared_store(), idempotency_key=f"console-counts-{uuid.uuid4().hex}", language="en", content=content,
        documents=[],
    )  # fmt: skip
    request = store.by_reference(shared_store(), receipt.reference)
    app = console_tests.choose(console_tests.signed_in(), request)
    queue = app.dataframe[0].value
    row = queue[queue[t("console.column.reference")] == receipt.reference].iloc[0]
    assert (row[t("console.column.to_port")], row[t("console.column.not_to_port")]) == (2, 2)
    shown = [item.value for item in app.markdown]
    assert t("journey_console.detail.to_port", count="2") in shown
    listed = next(text for text in shown if text.startswith("Not to port (2): "))
    assert "41 23 45 67 (mobile number)" in listed and "1234 (invalid)" in listed
