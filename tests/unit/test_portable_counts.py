"""The numbers to port are the portable ones: the team's notice, the command line and the console
count only those, and list the others apart with why (a mobile number, not
portable, invalid, rejected by the team).

The request here has 14 portable numbers, a mobile number and an invalid entry: "Numbers to
port: 16" is what the team's notice said before.
"""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from samples import stored_documents
from store_fixtures import Clock, request_content

from porting.cli.requests import add_requests_parser, requests_command
from porting.i18n import LANGUAGES, t, tn
from porting.numbers.intake import read_numbers
from porting.numbers.to_port import (
    INVALID_ENTRY,
    LISTED,
    NOT_PORTABLE,
    REJECTED,
    VIRTUAL_CALLER_ID,
    not_to_port_text,
    numbers_to_port,
)
from porting.requests import outbox
from porting.requests.decisions import decide_numbers
from porting.requests.model import StoredNumber
from porting.requests.schema import Mailing
from porting.requests.store import Store, by_reference, change_status, open_store, resubmit, submit

TEAM = "porting@example.no"
PORTABLE = [f"2123450{digit}" for digit in range(10)] + ["80012345", "85012345", "33012345", "55012345"]
MOBILE, INVALID = "41234567", "1234"


def numbers(language: str = "en") -> list[StoredNumber]:
    reading = read_numbers("\n".join([*PORTABLE, MOBILE, INVALID]))
    return [StoredNumber.of(row, language) for row in reading.unique_rows]


@pytest.fixture
def mailing_store(store_url: str, clock: Clock) -> Iterator[Store]:
    opened = open_store(store_url, clock=clock, mailing=Mailing("https://porting.example.no", TEAM, "en"))
    yield opened
    opened.close()


def submitted(store: Store, key: str = "tab-1") -> Any:
    content = request_content(
        details={"company_name": "Fjordlinje AS", "email": "post@fjordlinje.no"},
        numbers=[number.model_dump() for number in numbers()],
    )
    receipt = submit(store, idempotency_key=key, language="en", content=content, documents=[])
    return by_reference(store, receipt.reference)


def team_bodies(store: Store) -> list[str]:
    return [notice.body for notice in outbox.notices(store) if notice.recipient == TEAM]


# --- Counting -----------------------------------------------------------------------------------


def test_only_the_portable_numbers_are_to_port_and_the_others_say_why() -> None:
    counted = numbers_to_port(numbers())
    assert counted.to_port == 14
    assert [(number.display, number.why) for number in counted.not_to_port] == [
        ("41 23 45 67", VIRTUAL_CALLER_ID),
        ("1234", INVALID_ENTRY),
    ]


def test_a_type_the_guide_does_not_port_and_a_number_the_team_rejected_are_not_to_port() -> None:
    (special,) = [StoredNumber.of(row, "en") for row in read_numbers("116117").unique_rows]
    (rejected,) = [
        StoredNumber.of(row, "en").decided("inactive_number") for row in read_numbers("22000000").unique_rows
    ]
    counted = numbers_to_port([special, rejected])
    assert counted.to_port == 0
    assert [number.why for number in counted.not_to_port] == [NOT_PORTABLE, REJECTED]


# --- The team's notice --------------------------------------------------------------------------


def test_the_team_notice_counts_the_numbers_to_port_and_lists_the_others(mailing_store: Store) -> None:
    submitted(mailing_store)
    (body,) = team_bodies(mailing_store)
    assert "Numbers to port: 14\n" in body
    assert "Numbers to port: 16" not in body
    assert "Not to port (2): 41 23 45 67 (mobile number), 1234 (invalid)" in body


def test_the_resubmission_notice_counts_the_same_way(mailing_store: Store) -> None:
    request = change_status(mailing_store, submitted(mailing_store), "waiting_for_documents", actor="Ola")
    resubmit(mailing_store, request, stored_documents("again")[:1])
    newest = team_bodies(mailing_store)[0]
    assert t("notify.team_new.resubmission_body", "en", company_name="Fjordlinje AS", numbers="14") in newest
    assert "Not to port (2):" in newest


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_long_list_of_numbers_not_to_port_is_cut_with_a_count(language: str) -> None:
    mobiles = read_numbers("\n".join(f"4000{index:04d}" for index in range(LISTED + 10))).unique_rows
    counted = numbers_to_port(StoredNumber.of(row, language) for row in mobiles)
    text = not_to_port_text(counted.not_to_port, language)
    assert text.count("40 00 00") == LISTED  # the first ones named, the rest counted
    assert text.endswith(tn("quote.and_more", 10, language))


def test_an_invalid_entry_cannot_break_a_line_of_the_notice(mailing_store: Store) -> None:
    hostile = StoredNumber(
        input="12",
        line=1,
        e164=None,
        display="12\r\nBcc: all@example.com",
        type="invalid",
        area=None,
        portable=False,
    )
    content = request_content(details={"company_name": "Fjordlinje AS"}, numbers=[hostile.model_dump()])
    submit(mailing_store, idempotency_key="tab-hostile", language="en", content=content, documents=[])
    (body,) = team_bodies(mailing_store)
    assert "12 Bcc: all@example.com (invalid)" in body and "\r" not in body


# --- The command line ---------------------------------------------------------------------------


def run(store_url: str, *argv: str) -> str:
    parser = argparse.ArgumentParser(prog="python -m porting")
    add_requests_parser(parser.add_subparsers(dest="command", required=True), "en")
    stdout = io.StringIO()
    assert (
        requests_command(parser.parse_args(["requests", *argv, "--database", store_url]), "en", stdout) == 0
    )
    return stdout.getvalue()


def test_the_cli_list_and_show_count_the_numbers_to_port(store: Store, store_url: str) -> None:
    request = submitted(store)
    (line,) = run(store_url, "list").splitlines()
    assert line.endswith("14 to port, 2 not to port")
    (record,) = json.loads(run(store_url, "list", "--json"))
    assert (record["numbers"], record["numbers_to_port"]) == (16, 14)
    assert f"{t('requests_cli.label.numbers', 'en')} (16): 14 to port, 2 not to port" in run(
        store_url, "show", request.reference
    )


def test_a_number_the_team_rejects_is_no_longer_counted_to_port(store: Store, store_url: str) -> None:
    request = submitted(store)
    decide_numbers(store, request, {"+4721234500": "inactive_number"}, actor="Ola")
    assert run(store_url, "list").splitlines()[0].endswith("13 to port, 3 not to port")
