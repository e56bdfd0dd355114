"""The days the team confirms: a porting day before the customer's requested day or on a weekend
or public holiday, and a request marked ported before its porting day, are warned of and go
ahead only when confirmed (``porting.requests.lifecycle.day_warnings``, ``store.change_status``).
"""

from __future__ import annotations

import argparse
import io
from contextlib import redirect_stdout
from datetime import date, timedelta

import pytest
from store_fixtures import SUBMITTED_AT, Clock, move, stored_of, submit_sample

from porting.cli.requests import EXIT_OK, EXIT_USAGE, add_requests_parser, requests_command
from porting.i18n import LANGUAGES, format_date, t
from porting.requests import messages, outbox
from porting.requests.lifecycle import (
    ACCEPTED,
    BEFORE_REQUESTED,
    HOLIDAY,
    PORTED,
    PORTED_EARLY,
    UNDER_REVIEW,
    WEEKEND,
    UnconfirmedChange,
    day_warnings,
    warning_text,
)
from porting.requests.store import Store, StoredRequest, StoreError, change_status, events
from porting.rules import rules

REQUESTED = date(2027, 4, 15)  # the sample request's requested day (samples.BLAABAER), a Thursday
SATURDAY = date(2027, 4, 17)
EASTER_MONDAY = date(2027, 3, 29)
BUSINESS_DAY_AFTER = date(2027, 4, 19)  # a Monday


def kinds(
    new_status: str,
    porting_date: date | None,
    *,
    requested: date | None = REQUESTED,
    confirmed: date | None = None,
    today: date = date(2027, 3, 1),
) -> list[str]:
    found = day_warnings(new_status, porting_date, requested=requested, confirmed=confirmed, today=today)
    return [warning.kind for warning in found]


# --- The warnings ------------------------------------------------------------------------------


def test_a_business_day_on_or_after_the_requested_day_needs_no_confirming() -> None:
    assert kinds(ACCEPTED, REQUESTED) == []
    assert kinds(ACCEPTED, BUSINESS_DAY_AFTER) == []
    assert kinds(ACCEPTED, date(2027, 4, 1), requested=None) == []  # no requested day: none to hold against


def test_a_porting_day_before_the_requested_day_is_warned_of() -> None:
    assert kinds(ACCEPTED, REQUESTED - timedelta(days=1)) == [BEFORE_REQUESTED]


def test_a_weekend_and_a_public_holiday_are_warned_of_as_no_business_days() -> None:
    assert kinds(ACCEPTED, SATURDAY) == [WEEKEND]
    assert kinds(ACCEPTED, EASTER_MONDAY, requested=None) == [HOLIDAY]
    assert kinds(ACCEPTED, EASTER_MONDAY) == [BEFORE_REQUESTED, HOLIDAY]  # both, each named


def test_marking_ported_before_the_confirmed_porting_day_is_warned_of() -> None:
    assert kinds(PORTED, None, confirmed=REQUESTED, today=REQUESTED - timedelta(days=1)) == [PORTED_EARLY]
    assert kinds(PORTED, None, confirmed=REQUESTED, today=REQUESTED) == []
    assert kinds(PORTED, None, confirmed=REQUESTED, today=BUSINESS_DAY_AFTER) == []


def test_other_changes_have_nothing_to_confirm() -> None:
    assert kinds(UNDER_REVIEW, None, confirmed=REQUESTED) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_warning_names_its_days_in_the_teams_language(language: str) -> None:
    before, holiday = day_warnings(
        ACCEPTED, EASTER_MONDAY, requested=REQUESTED, confirmed=None, today=REQUESTED
    )
    text = warning_text(before, language)
    assert format_date(EASTER_MONDAY, language) in text and format_date(REQUESTED, language) in text
    assert ("Easter Monday" if language == "en" else "Andre påskedag") in warning_text(holiday, language)
    (early,) = day_warnings(
        PORTED, None, requested=None, confirmed=REQUESTED, today=SATURDAY - timedelta(days=9)
    )
    text = warning_text(early, language)
    assert format_date(REQUESTED, language) in text and format_date(date(2027, 4, 8), language) in text


# --- The store goes ahead only when confirmed --------------------------------------------------


def with_carrier(store: Store) -> StoredRequest:
    return move(store, submit_sample(store), "under_review", "submitted_to_carrier")


@pytest.mark.parametrize(
    ("porting_date", "warned"),
    [(SATURDAY, [WEEKEND]), (REQUESTED - timedelta(days=7), [BEFORE_REQUESTED])],
)
def test_the_store_refuses_an_unconfirmed_day_and_takes_it_confirmed(
    store: Store, porting_date: date, warned: list[str]
) -> None:
    request = with_carrier(store)
    with pytest.raises(UnconfirmedChange) as refused:
        change_status(store, request, ACCEPTED, actor="Ola", porting_date=porting_date)
    assert [warning.kind for warning in refused.value.warnings] == warned
    assert refused.value.code == "store.change.unconfirmed"
    assert stored_of(store, submit_sample(store)).status == "submitted_to_carrier"  # nothing changed

    accepted = change_status(store, request, ACCEPTED, actor="Ola", porting_date=porting_date, confirmed=True)
    assert (accepted.status, accepted.porting_date) == (ACCEPTED, porting_date)
    assert [event.status for event in events(store, accepted)][-1] == ACCEPTED
    # The history says the warning was confirmed, and which.
    (warning,) = refused.value.warnings
    assert events(store, accepted)[-1].note == t(
        "journey_console.confirmed", "en", warnings=warning_text(warning, "en")
    )


def test_a_change_without_warnings_keeps_the_teams_note_as_it_is(store: Store) -> None:
    accepted = change_status(
        store, with_carrier(store), ACCEPTED, actor="Ola", porting_date=REQUESTED, note="Carrier said yes"
    )
    assert events(store, accepted)[-1].note == "Carrier said yes"


def test_the_store_refuses_to_mark_ported_before_the_porting_day_unless_confirmed(
    store: Store, clock: Clock
) -> None:
    request = change_status(store, with_carrier(store), ACCEPTED, actor="Ola", porting_date=REQUESTED)
    clock.now = SUBMITTED_AT.replace(year=2027, month=4, day=14)  # the day before, in Oslo too
    with pytest.raises(UnconfirmedChange) as refused:
        change_status(store, request, PORTED, actor="Ola")
    (early,) = refused.value.warnings
    assert (early.kind, early.day, early.other) == (PORTED_EARLY, date(2027, 4, 14), REQUESTED)
    assert stored_of(store, submit_sample(store)).status == ACCEPTED

    clock.now = SUBMITTED_AT.replace(year=2027, month=4, day=15)
    assert (
        change_status(store, request, PORTED, actor="Ola").status == PORTED
    )  # on the day: nothing to confirm


def test_a_day_whose_holidays_nobody_knows_is_refused_even_when_confirmed(store: Store) -> None:
    request = with_carrier(store)
    with pytest.raises(StoreError) as refused:
        change_status(store, request, ACCEPTED, actor="Ola", porting_date=date(2101, 4, 15), confirmed=True)
    assert refused.value.code == "store.porting_date.unknown_year"


# --- The command line: the same warnings, and --force ------------------------------------------


def change(store_url: str, language: str, *argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="python -m porting")
    add_requests_parser(parser.add_subparsers(dest="command", required=True), language)
    arguments = parser.parse_args(["requests", "change", "--database", store_url, *argv])
    stdout = io.StringIO()
    return requests_command(arguments, language, stdout), stdout.getvalue()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cli_warns_of_a_saturday_and_changes_nothing_without_force(
    store: Store, store_url: str, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    request = with_carrier(store)
    code, out = change(
        store_url, language, request.reference, ACCEPTED, "--porting-date", SATURDAY.isoformat()
    )
    err = capsys.readouterr().err
    assert (code, out) == (EXIT_USAGE, "")
    assert format_date(SATURDAY, language) in err
    assert t("requests_cli.change.needs_force", language) in err
    assert stored_of(store, submit_sample(store)).status == "submitted_to_carrier"

    code, out = change(
        store_url, language, request.reference, ACCEPTED, "--porting-date", SATURDAY.isoformat(), "--force"
    )
    assert code == EXIT_OK and request.reference in out
    assert format_date(SATURDAY, language) in capsys.readouterr().err  # still said what was confirmed
    accepted = stored_of(store, submit_sample(store))
    assert (accepted.status, accepted.porting_date) == (ACCEPTED, SATURDAY)


def test_the_cli_changes_without_warnings_and_records_who_and_why(store: Store, store_url: str) -> None:
    request = with_carrier(store)
    code, out = change(
        store_url, "en", request.reference, ACCEPTED, "--porting-date", BUSINESS_DAY_AFTER.isoformat(),
        "--note", "Carrier confirmed", "--actor", "Kari",
    )  # fmt: skip
    assert code == EXIT_OK
    assert (
        out == t("requests_cli.change.changed", "en", reference=request.reference, status="Accepted") + "\n"
    )
    last = events(store, request)[-1]
    assert (last.status, last.actor, last.note) == (ACCEPTED, "Kari", "Carrier confirmed")


def test_the_cli_refuses_ported_before_the_porting_day_without_force(
    store: Store, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    request = change_status(store, with_carrier(store), ACCEPTED, actor="Ola", porting_date=REQUESTED)
    code, _ = change(store_url, "en", request.reference, PORTED)  # the clock is in November 2026
    assert code == EXIT_USAGE and format_date(REQUESTED, "en") in capsys.readouterr().err
    assert change(store_url, "en", request.reference, PORTED, "--force")[0] == EXIT_OK
    assert stored_of(store, submit_sample(store)).status == PORTED


def test_the_cli_help_names_force() -> None:
    parser = argparse.ArgumentParser(prog="python -m porting")
    add_requests_parser(parser.add_subparsers(dest="command", required=True), "en")
    helped = io.StringIO()
    with pytest.raises(SystemExit), redirect_stdout(helped):
        parser.parse_args(["requests", "change", "--help"])
    assert "--force" in helped.getvalue() and t("requests_cli.change.force", "en") in helped.getvalue()


CUSTOMER_EMAIL = "kari.ostgard@blaabaer.no"  # the sample request's contact


def test_the_cli_sends_a_message_to_the_customer_while_the_note_stays_internal(
    store: Store, store_url: str
) -> None:
    request = with_carrier(store)
    code, _ = change(
        store_url, "en", request.reference, ACCEPTED, "--porting-date", BUSINESS_DAY_AFTER.isoformat(),
        "--note", "Kari at the carrier said yes", "--message", "Your numbers move on the day shown.",
        "--actor", "Kari",
    )  # fmt: skip
    assert code == EXIT_OK
    assert [(m.sender, m.actor, m.body) for m in messages.thread(store, request)] == [
        (messages.FROM_TEAM, "Kari", "Your numbers move on the day shown.")
    ]
    to_customer = [notice for notice in outbox.notices(store) if notice.recipient == CUSTOMER_EMAIL]
    assert {"date_confirmed", "message"} <= {notice.kind for notice in to_customer}
    assert all("Kari at the carrier" not in notice.body for notice in to_customer)
    assert events(store, request)[-1].note == "Kari at the carrier said yes"


def test_the_cli_refuses_a_message_too_long_and_changes_nothing(
    store: Store, store_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    request = with_carrier(store)
    too_long = "x" * (rules().limits.max_message_characters + 1)
    code, _ = change(
        store_url, "en", request.reference, ACCEPTED, "--porting-date", BUSINESS_DAY_AFTER.isoformat(),
        "--message", too_long,
    )  # fmt: skip
    assert code == EXIT_USAGE and "at most" in capsys.readouterr().err
    assert stored_of(store, submit_sample(store)).status == "submitted_to_carrier"
    assert messages.thread(store, request) == ()
