"""The one requested porting day: a business day on or after the earliest, with the nearest days
offered when it is not, a note on the days carriers rarely port, and one field in the request."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from samples import BLAABAER

from porting.quote.timeline import DayCheck, check_requested_day, earliest_porting_day, timeline
from porting.rules import RULES_PATH, RulesError, load_rules
from porting.wizard import steps
from porting.wizard.porting_day import day_check, letter_details, note_text, refusal_text
from porting.wizard.state import PortingRequest, from_state, to_state

SUBMITTED = date(2026, 12, 1)  # a Tuesday: the earliest porting day is Christmas Eve
EARLIEST = date(2026, 12, 24)


def check(day: date) -> DayCheck:
    return check_requested_day(day, EARLIEST)


def test_the_earliest_day_from_1_december_2026_is_christmas_eve() -> None:
    assert earliest_porting_day(SUBMITTED) == EARLIEST


def test_christmas_day_is_refused_with_the_business_days_before_and_after() -> None:
    refused = check(date(2026, 12, 25))
    assert (refused.ok, refused.reason) == (False, "timeline.requested_not_business_day")
    assert refused.offered == (date(2026, 12, 24), date(2026, 12, 28))  # 26 December is a holiday too
    text = refusal_text(date(2026, 12, 25), refused, "en")
    assert "public holiday (Christmas Day)" in text
    assert "Thursday 24 December 2026 or Monday 28 December 2026" in text


def test_a_weekend_is_refused_with_the_friday_before_and_the_monday_after() -> None:
    refused = check(date(2027, 1, 9))  # a Saturday
    assert not refused.ok
    assert refused.offered == (date(2027, 1, 8), date(2027, 1, 11))
    assert "weekend" in refusal_text(date(2027, 1, 9), refused, "en")
    assert "helg" in refusal_text(date(2027, 1, 9), refused, "nb")


def test_a_day_off_just_after_the_earliest_never_offers_a_day_before_it() -> None:
    refused = check_requested_day(date(2026, 12, 26), date(2026, 12, 28))
    assert refused.reason == "timeline.requested_too_early"
    refused = check_requested_day(date(2027, 1, 1), date(2026, 12, 31))  # New Year's Day
    assert refused.offered == (date(2026, 12, 31), date(2027, 1, 4))
    refused = check_requested_day(date(2027, 1, 2), date(2027, 1, 4))
    assert refused.offered == (date(2027, 1, 4),)


def test_a_day_before_the_earliest_is_refused_with_the_earliest_offered() -> None:
    refused = check(date(2026, 12, 23))
    assert (refused.ok, refused.reason, refused.offered) == (
        False,
        "timeline.requested_too_early",
        (EARLIEST,),
    )
    assert "before the earliest possible porting day, Thursday 24 December 2026" in refusal_text(
        date(2026, 12, 23), refused, "en"
    )


@pytest.mark.parametrize("day", [date(2026, 12, 24), date(2026, 12, 31)])
def test_christmas_eve_and_new_years_eve_are_accepted_with_a_note(day: date) -> None:
    accepted = check(day)
    assert accepted.ok and accepted.offered == ()
    assert accepted.note == "porting_day.rarely_ported"
    assert "rarely port" in (note_text(day, accepted, "en") or "")
    assert "sjelden" in (note_text(day, accepted, "nb") or "")


def test_an_ordinary_business_day_is_accepted_without_a_note() -> None:
    accepted = check(date(2027, 1, 14))
    assert (accepted.ok, accepted.nearest, accepted.note) == (True, date(2027, 1, 14), None)
    assert timeline(SUBMITTED, date(2027, 1, 14)).porting_day == date(2027, 1, 14)


def test_a_day_outside_the_known_calendar_is_refused_not_raised() -> None:
    request = PortingRequest(submission_day=date(2100, 12, 20), requested_porting_day=date(2101, 1, 5))
    refused = day_check(request, SUBMITTED)
    assert refused is not None and not refused.ok
    assert "1901 to 2100" in refusal_text(date(2101, 1, 5), refused, "en")
    far = check_requested_day(date(2101, 1, 5), EARLIEST)
    assert not far.ok and "2100" in refusal_text(date(2101, 1, 5), far, "en")


def test_the_days_carriers_rarely_port_on_come_from_the_rules(tmp_path: Path) -> None:
    text = RULES_PATH.read_text(encoding="utf-8")
    path = tmp_path / "rules.toml"
    path.write_text(text.replace('rarely_ported = ["12-24", "12-31"]', 'rarely_ported = ["12-24"]'), "utf-8")
    assert load_rules(path).rarely_ported_days == frozenset({(12, 24)})
    path.write_text(text.replace('rarely_ported = ["12-24", "12-31"]', 'rarely_ported = ["12-32"]'), "utf-8")
    with pytest.raises(RulesError, match=r"line \d+: '12-32' is not a day written MM-DD"):
        load_rules(path)


def test_the_company_step_is_not_done_with_a_refused_day() -> None:
    request = PortingRequest(submission_day=SUBMITTED, company=replace(BLAABAER, requested_date=None))
    assert steps.done(steps.Step.COMPANY, request, reading=None, today=SUBMITTED)
    request.requested_porting_day = date(2026, 12, 25)
    assert not steps.done(steps.Step.COMPANY, request, reading=None, today=SUBMITTED)
    request.requested_porting_day = date(2026, 12, 28)
    assert steps.done(steps.Step.COMPANY, request, reading=None, today=SUBMITTED)


def test_the_letter_carries_the_requested_day_only_when_it_can_be_had() -> None:
    request = PortingRequest(submission_day=SUBMITTED, company=replace(BLAABAER, requested_date=None))
    assert letter_details(request, SUBMITTED).requested_date is None
    request.requested_porting_day = date(2026, 12, 28)
    assert letter_details(request, SUBMITTED) == replace(BLAABAER, requested_date=date(2026, 12, 28))
    request.requested_porting_day = date(2026, 12, 25)
    assert letter_details(request, SUBMITTED).requested_date is None


def test_the_earliest_day_counts_from_today_when_no_submission_day_is_planned() -> None:
    request = PortingRequest(requested_porting_day=date(2026, 12, 24))
    assert day_check(request, SUBMITTED).ok  # type: ignore[union-attr]
    assert not day_check(request, date(2026, 12, 2)).ok  # type: ignore[union-attr]


def test_an_old_draft_resumes_with_the_company_steps_day_as_the_requested_day() -> None:
    old = to_state(PortingRequest(company=BLAABAER))  # the old code kept the day in the company
    assert old["company"]["requested_date"] == "2027-04-15" and old["requested_porting_day"] is None
    resumed = from_state(old, "en")
    assert resumed.requested_porting_day == date(2027, 4, 15)
    assert resumed.company == replace(BLAABAER, requested_date=None)
    both = to_state(PortingRequest(requested_porting_day=date(2027, 3, 22), company=BLAABAER))
    assert from_state(both, "en").requested_porting_day == date(2027, 4, 15)  # the day its letter printed


def test_a_new_draft_keeps_the_one_requested_day() -> None:
    request = PortingRequest(
        requested_porting_day=date(2027, 3, 22), company=replace(BLAABAER, requested_date=None)
    )
    assert from_state(to_state(request), "en") == request


def test_the_teams_new_request_notice_names_the_requested_day() -> None:
    from porting.notify.notices import compose

    def team_notice(requested: date | None, language: str = "en") -> str:
        return compose(
            "team_new", recipient="porting@example.com", language=language, reference="NO-2026-000001",
            company_name="Fjordlinje AS", status_url="", console_url="https://porting.example/team?ref=x",
            numbers=2, requested_day=requested,
        ).body  # fmt: skip

    assert "Requested porting day: Monday 28 December 2026" in team_notice(date(2026, 12, 28))
    assert "Requested porting day: none (the earliest possible)" in team_notice(None)
    assert "Ønsket porteringsdag: mandag 28. desember 2026" in team_notice(date(2026, 12, 28), "nb")
