"""The Virtual Caller ID choice: made per mobile number, kept in drafts, stored with the request,
and named in the team's notice of a new request. The guide names no price for it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from samples import BLAABAER
from store_fixtures import DETAILS, NUMBERS, Clock, stored_of, submit_sample

from porting.calendar import oslo_today
from porting.i18n import tn
from porting.notify.notices import compose
from porting.numbers.caller_id import LISTED, caller_id_choice, offered
from porting.numbers.intake import read_numbers
from porting.quote.pricing import quote
from porting.quote.timeline import timeline
from porting.requests import outbox
from porting.requests.model import RequestContent, StoredNumber, caller_id_numbers, json_value
from porting.requests.schema import Mailing
from porting.requests.store import Store, open_store
from porting.wizard.state import PortingRequest, from_state, to_state

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "stored_request_v1"
ENTERED = "41 23 45 67\n91 23 45 67\n21 23 45 67\n41 23 45 67\n47 11 22 33"
TEAM = "porting@example.no"
MOBILE = {
    "input": "41 23 45 67", "line": 3, "e164": "+4741234567", "display": "41 23 45 67",
    "type": "mobile", "area": None, "portable": False,
}  # fmt: skip


# --- The choice ---------------------------------------------------------------------------------


def test_each_mobile_number_is_chosen_or_declined_once() -> None:
    choice = caller_id_choice(read_numbers(ENTERED), {"91234567"})
    assert choice.chosen_numbers == ("91 23 45 67",)
    assert choice.declined_numbers == ("41 23 45 67", "47 11 22 33")  # the repeat once, in order


def test_only_mobile_numbers_entered_can_be_chosen() -> None:
    # A landline, and a mobile number no longer among those entered, are no choice at all.
    choice = caller_id_choice(read_numbers(ENTERED), ["21234567", "99999999", "41234567"])
    assert choice.chosen_numbers == ("41 23 45 67",)
    assert [row.display for row in offered(read_numbers("21 23 45 67\n800 12 345"))] == []


def test_nothing_chosen_declines_every_mobile_number() -> None:
    choice = caller_id_choice(read_numbers(ENTERED), frozenset())
    assert choice.chosen == () and len(choice.declined) == 3


def test_the_choice_of_ten_thousand_numbers_is_quick_from_a_list() -> None:
    reading = read_numbers("40000000-40009999")
    wanted = [f"4000{index:04d}" for index in range(0, 10_000, 2)]  # a list, as a draft gives it
    choice = caller_id_choice(reading, wanted)
    assert len(choice.chosen) == 5_000 and len(choice.declined) == 5_000


def test_the_guide_names_no_price_for_a_virtual_caller_id() -> None:
    reading = read_numbers(ENTERED)
    offer = quote(reading)
    assert offer.total_cents == offer.per_request_cents + offer.per_number_cents  # the landline only
    assert offer.virtual_caller_id == ("41 23 45 67", "91 23 45 67", "47 11 22 33")


# --- Drafts ---------------------------------------------------------------------------------------


def test_a_draft_keeps_the_choice() -> None:
    request = PortingRequest(numbers_text=ENTERED, virtual_caller_id=frozenset({"91234567", "41234567"}))
    state = json.loads(json.dumps(to_state(request)))
    assert state["virtual_caller_id"] == ["41234567", "91234567"]
    assert from_state(state, "en").virtual_caller_id == frozenset({"41234567", "91234567"})


def test_a_draft_saved_before_the_choice_reads_with_none_chosen() -> None:
    state = to_state(PortingRequest(numbers_text=ENTERED))
    del state["virtual_caller_id"]
    assert from_state(state, "nb").virtual_caller_id == frozenset()


@pytest.mark.parametrize("value", ["41234567", [41234567], {"41234567": True}])
def test_a_broken_choice_in_a_draft_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="virtual_caller_id"):
        from_state({"virtual_caller_id": value}, "en")


# --- The stored request -----------------------------------------------------------------------


def _content(wanted: frozenset[str]) -> RequestContent:
    reading = read_numbers(ENTERED)
    return RequestContent.of(
        BLAABAER, "", reading.unique_rows, quote(reading), timeline(oslo_today()), (), "en", caller_ids=wanted
    )


def test_the_stored_request_says_which_mobile_numbers_want_a_virtual_caller_id() -> None:
    content = _content(frozenset({"91234567"}))
    by_number = {number.display: number.virtual_caller_id for number in content.numbers}
    assert by_number == {"41 23 45 67": False, "91 23 45 67": True, "21 23 45 67": None, "47 11 22 33": False}
    assert caller_id_numbers(content.numbers) == ("91 23 45 67",)
    stored = json_value(content.numbers)
    assert "virtual_caller_id" not in stored[2]  # a landline is stored as it always was
    assert StoredNumber.model_validate(stored[1]).virtual_caller_id is True


def test_a_stored_request_of_the_first_version_still_reads_with_no_choice() -> None:
    columns = json.loads((FIXTURE / "columns.json").read_text(encoding="utf-8"))
    numbers = [StoredNumber.model_validate(number) for number in json.loads(columns["numbers_json"])]
    assert numbers and all(number.virtual_caller_id is None for number in numbers)
    assert caller_id_numbers(numbers) == ()


def test_a_mobile_number_stored_before_the_choice_reads_as_not_asked() -> None:
    assert StoredNumber.model_validate(MOBILE).virtual_caller_id is None


# --- Submitted, and the team's notice -----------------------------------------------------------


@pytest.fixture
def mailing_store(store_url: str, clock: Clock) -> Iterator[Store]:
    opened = open_store(store_url, clock=clock, mailing=Mailing("https://porting.example.no", TEAM, "en"))
    yield opened
    opened.close()


def _team_notice(store: Store) -> str:
    return next(notice.body for notice in outbox.notices(store) if notice.kind == "team_new")


def test_the_team_is_told_which_mobile_numbers_want_a_virtual_caller_id(mailing_store: Store) -> None:
    chosen = MOBILE | {"virtual_caller_id": True}
    declined = MOBILE | {"input": "91 23 45 67", "e164": "+4791234567", "display": "91 23 45 67",
                         "line": 4, "virtual_caller_id": False}  # fmt: skip
    submitted = submit_sample(mailing_store, numbers=[*NUMBERS, chosen, declined])
    stored = stored_of(mailing_store, submitted)
    assert caller_id_numbers(stored.numbers) == ("41 23 45 67",)
    body = _team_notice(mailing_store)
    assert tn("vcid.notice.numbers", 1, "en", numbers="41 23 45 67") in body
    customer = next(notice.body for notice in outbox.notices(mailing_store) if notice.kind == "received")
    assert "41 23 45 67" not in customer


def test_a_request_without_a_chosen_number_tells_the_team_of_none(mailing_store: Store) -> None:
    submit_sample(mailing_store, numbers=[*NUMBERS, MOBILE | {"virtual_caller_id": False}])
    assert "Virtual Caller ID" not in _team_notice(mailing_store)


def test_the_team_notice_lists_a_long_choice_bounded() -> None:
    numbers = [f"40 00 {index // 100:02d} {index % 100:02d}" for index in range(10_000)]
    notice = compose(
        "team_new", recipient=TEAM, language="nb", reference="NO-2026-000001",
        company_name=DETAILS["company_name"],
        status_url="", console_url="https://porting.example.no/team?ref=NO-2026-000001", caller_ids=numbers,
    )  # fmt: skip
    line = next(part for part in notice.body.split("\n\n") if "oppringer-ID" in part)
    assert line.startswith(tn("vcid.notice.numbers", 10_000, "nb", numbers="")[:-1])
    assert line.count(", ") == LISTED - 1 and line.endswith(tn("quote.and_more", 10_000 - LISTED, "nb"))


def test_corrected_documents_do_not_repeat_the_choice() -> None:
    notice = compose(
        "team_new", recipient=TEAM, language="en", reference="NO-2026-000001", company_name="Fjordlinje AS",
        status_url="", console_url="https://porting.example.no/team?ref=NO-2026-000001", resubmission=True,
        caller_ids=["41 23 45 67"],
    )  # fmt: skip
    assert "41 23 45 67" not in notice.body


def test_what_a_customer_typed_stays_on_its_line_of_the_notice() -> None:
    notice = compose(
        "team_new", recipient=TEAM, language="en", reference="NO-2026-000001", company_name="Fjordlinje AS",
        status_url="", console_url="https://porting.example.no/team?ref=NO-2026-000001",
        caller_ids=["41 23\nBcc: x@example.com"],
    )  # fmt: skip
    assert "41 23 Bcc: x@example.com" in notice.body and "\nBcc" not in notice.body

