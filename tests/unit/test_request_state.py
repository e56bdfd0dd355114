"""Drafts of a request: what the customer entered survives a trip through JSON, and a broken
draft is refused with a ValueError, never half read."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from samples import BLAABAER

from porting.documents.findings import Confirmations
from porting.wizard.state import NumbersFile, PortingRequest, from_state, to_state


def through_json(request: PortingRequest) -> PortingRequest:
    return from_state(json.loads(json.dumps(to_state(request))), request.language)


def test_everything_the_customer_entered_comes_back() -> None:
    request = PortingRequest(
        language="nb",
        numbers_text="21 23 45 67\n800 12 345",
        provider_count=2,
        provider_of={"21234567": 0, "80012345": 1},
        submission_day=date(2027, 3, 1),
        requested_porting_day=date(2027, 3, 22),
        invoice_day=date(2027, 2, 20),
        company=replace(BLAABAER, requested_date=None),  # the requested day is the request's, above
        confirmations=Confirmations(
            active=frozenset({"21234567", "80012345"}),
            not_in_range=frozenset({"21234567"}),
            partial_port=True,
            main_number_included=False,
            rest="Hovednummeret 21 00 00 00 beholdes hos Telenor",
            acknowledged=frozenset({"keep_service", "details_match"}),
        ),
        loa_downloaded=True,
        letters_downloaded=frozenset({0, 1}),
    )
    assert through_json(request) == request


def test_a_file_of_numbers_comes_back_byte_for_byte() -> None:
    data = "Nummer;Avdeling\n21 23 45 67;Tromsø\n".encode("utf-16") + bytes(range(256))
    request = PortingRequest(numbers_source="file", numbers_file=NumbersFile("nummer.csv", data, "Nummer"))
    assert through_json(request).numbers_file == request.numbers_file


def test_documents_the_look_up_and_the_receipt_are_not_in_the_state() -> None:
    state = to_state(PortingRequest(submitted_reference="NO-2027-000001", draft_token="secret", demo=True))
    assert not {"documents", "registry", "submitted_reference", "draft_token", "demo"} & state.keys()
    assert "secret" not in json.dumps(state)


def test_sets_are_written_sorted_so_saving_twice_writes_the_same() -> None:
    request = PortingRequest(confirmations=Confirmations(active=frozenset({"80012345", "21234567"})))
    assert to_state(request)["confirmations"]["active"] == ["21234567", "80012345"]


def test_unknown_keys_are_ignored_and_missing_ones_keep_their_defaults() -> None:
    resumed = from_state({"numbers_text": "21234567", "from_a_later_version": {"x": 1}}, "en")
    assert resumed == PortingRequest(numbers_text="21234567")
    assert from_state({}, "nb") == PortingRequest(language="nb")


@pytest.mark.parametrize(
    "state",
    [
        [],
        {"numbers_source": "fax"},
        {"numbers_text": 21234567},
        {"provider_count": True},
        {"provider_of": {"21234567": "first"}},
        {"invoice_day": "2027-02-30"},
        {"company": {"company_name": ["Blåbær"]}},
        {"company": {"requested_date": "soon"}},
        {"company": "Blåbærsyltetøy Ærlig AS"},
        {"confirmations": {"active": [21234567]}},
        {"confirmations": {"partial_port": "yes"}},
        {"numbers_file": {"name": "n.csv", "data": "not base64!"}},
        {"loa_downloaded": "yes"},
        {"letters_downloaded": "0,1"},
    ],
)
def test_a_broken_draft_is_a_value_error(state: object) -> None:
    with pytest.raises(ValueError, match="draft"):
        from_state(state, "en")  # type: ignore[arg-type]
