"""The customer's changes after submitting (``porting.requests.changes``): numbers removed and the
requested porting day changed until the carrier has the request, each in the history and told to
the team; a day checked as the wizard checks it. SQLite, and PostgreSQL when it is up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from store_fixtures import NUMBERS, Clock, move, stored_of, submit_sample

from porting.requests import outbox
from porting.requests.changes import change_requested_day, remove_numbers
from porting.requests.schema import Mailing, Store, StoreError, open_store
from porting.requests.store import by_reference, events

TEAM = "porting@example.no"
OSLO_NUMBER, SHARED_COST_NUMBER = "+4721234567", "+4781512345"  # the sample request's numbers
FRIDAY = date(2027, 1, 8)  # a business day well after the earliest for 24 November 2026


@pytest.fixture
def mailing_store(store_url: str, clock: Clock) -> Iterator[Store]:
    opened = open_store(store_url, clock=clock, mailing=Mailing("https://porting.example.no", TEAM, "en"))
    yield opened
    opened.close()


def _team_changes(store: Store) -> list[str]:
    return [notice.body for notice in outbox.notices(store) if notice.kind == "team_changed"]


def test_the_customer_removes_a_number_and_the_team_is_told(mailing_store: Store) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    changed = remove_numbers(mailing_store, request, [SHARED_COST_NUMBER])
    assert [number.e164 for number in changed.numbers] == [OSLO_NUMBER]
    stored = by_reference(mailing_store, request.reference)
    assert stored is not None and [number.e164 for number in stored.numbers] == [OSLO_NUMBER]
    last = events(mailing_store, request)[-1]
    assert (last.status, last.actor, last.note) == ("received", "customer", "the customer removed 815 12 345")
    (body,) = _team_changes(mailing_store)
    assert "Numbers removed: 815 12 345" in body and f"/team?ref={request.reference}" in body
    with pytest.raises(StoreError) as every:
        remove_numbers(mailing_store, changed, [OSLO_NUMBER])
    assert every.value.code == "store.change.all_numbers"
    with pytest.raises(StoreError) as unknown:
        remove_numbers(mailing_store, changed, ["+4799999999"])
    assert unknown.value.code == "store.numbers.unknown"


def test_the_customer_changes_the_requested_day_checked_as_the_wizard_does(mailing_store: Store) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    for day, code in [
        (date(2026, 12, 10), "timeline.requested_too_early"),
        (date(2027, 1, 9), "timeline.requested_not_business_day"),  # a Saturday
    ]:
        with pytest.raises(StoreError) as refused:
            change_requested_day(mailing_store, request, day)
        assert refused.value.code == code
    changed = change_requested_day(mailing_store, request, FRIDAY)
    assert changed.details is not None and changed.details.requested_date == FRIDAY
    assert events(mailing_store, request)[-1].note == "the customer asked for 2027-01-08 as the porting day"
    (body,) = _team_changes(mailing_store)
    assert "Requested porting day now: Friday 8 January 2027" in body


def test_nothing_changes_once_the_carrier_has_the_request(mailing_store: Store) -> None:
    request = move(mailing_store, submit_sample(mailing_store), "under_review", "submitted_to_carrier")
    for change in (
        lambda: remove_numbers(mailing_store, request, [SHARED_COST_NUMBER]),
        lambda: change_requested_day(mailing_store, request, FRIDAY),
    ):
        with pytest.raises(StoreError) as refused:
            change()
        assert refused.value.code == "store.change.not_allowed"
    assert len(stored_of(mailing_store, submit_sample(mailing_store)).numbers) == 2
    assert _team_changes(mailing_store) == []


def test_the_price_follows_the_numbers_the_customer_removes(mailing_store: Store) -> None:
    bergen = {**NUMBERS[0], "input": "55 12 34 56", "line": 3, "e164": "+4755123456"}
    bergen["display"] = "55 12 34 56"
    by_request = [{"numbers": 2, "subtotal": "60.00"}]
    quote = {"total": Decimal("60.00"), "portable_numbers": 2, "by_request": by_request}
    request = stored_of(mailing_store, submit_sample(mailing_store, numbers=[*NUMBERS, bergen], quote=quote))
    changed = remove_numbers(mailing_store, request, ["+4755123456"])
    assert (changed.quote.total, changed.quote.portable_numbers) == (Decimal("55.00"), 1)  # 50 + 1 x 5
    assert [(part.numbers, part.subtotal) for part in changed.quote.by_request] == [(1, Decimal("55.00"))]
    unchanged = remove_numbers(mailing_store, changed, [SHARED_COST_NUMBER])  # not portable: no price
    assert unchanged.quote.total == Decimal("55.00")
