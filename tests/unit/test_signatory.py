"""Who may sign for a company: the register's roles, the rules' signing roles, the pre-flight row
and ``preflight --register``, against the local stand-in of data.brreg.no."""

from __future__ import annotations

import io
import json
import logging
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from brreg_register import (
    ACTIVE,
    API_PATH,
    DATA,
    DELETED,
    MALFORMED,
    NOT_AN_OBJECT,
    SECRET,
    SERVER_ERROR,
    SHORT_TIMEOUT,
    SLOW,
    UNKNOWN,
    Register,
    serve_register,
)

from porting.cli.main import main
from porting.company.details import CompanyDetails
from porting.company.roles import (
    RolesLookup,
    holds_signing_role,
    may_sign,
    named,
    roles_from_json,
    title,
)
from porting.documents.findings import OK, WARNING, Confirmations, Row
from porting.documents.preflight import preflight
from porting.languages import LANGUAGES
from porting.lookup.brreg import BASE_URL_VARIABLE, roles_lookup
from porting.numbers.intake import read_numbers
from porting.rules import rules

ROLES = roles_from_json(json.loads((DATA / "active_as_roller.json").read_text(encoding="utf-8"))) or ()
FOUND = RolesLookup("found", ROLES)


@pytest.fixture(scope="module")
def register() -> Iterator[Register]:
    with serve_register() as stand_in:
        yield stand_in


@pytest.fixture
def closed_port_url() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{API_PATH}"


# The rules


def test_the_key_roles_may_sign_and_a_board_member_alone_may_not() -> None:
    codes = [role.code for role in rules().signing_roles]
    assert {"DAGL", "LEDE", "INNH", "DTPR", "DTSO"} <= set(codes)
    assert "MEDL" not in codes and "NEST" not in codes and "VARA" not in codes
    assert all(role.texts[language] for role in rules().signing_roles for language in LANGUAGES)


# Reading the register's answer


def test_roles_are_read_from_the_answer_without_those_who_stepped_down_died_or_are_entities() -> None:
    assert [(role.code, role.name) for role in ROLES] == [
        ("DAGL", "Kari Fjeld Nordmann"),
        ("LEDE", "Ola Hansen"),
        ("MEDL", "Per Berg"),
    ]
    assert ROLES[0].description == "Daglig leder/ adm.direktør"


def test_only_holders_of_a_signing_role_may_sign() -> None:
    assert [role.name for role in may_sign(ROLES)] == ["Kari Fjeld Nordmann", "Ola Hansen"]
    assert holds_signing_role("kari fjeld nordmann", ROLES)
    assert holds_signing_role("Kari  Nordmann", ROLES)  # without the middle name
    assert not holds_signing_role("Per Berg", ROLES)  # a board member alone
    assert not holds_signing_role("", ROLES)
    assert title(ROLES[1], "en") == "Chair of the board" and title(ROLES[1], "nb") == "Styrets leder"
    assert named(ROLES, "nb") == "Kari Fjeld Nordmann (Daglig leder) eller Ola Hansen (Styrets leder)"


def test_a_person_with_two_signing_roles_is_offered_once_by_the_first_role_in_the_rules() -> None:
    both = {
        "rollegrupper": [
            {"roller": [{"type": {"kode": "LEDE"}, "person": {"navn": {"fornavn": "A", "etternavn": "B"}}}]},
            {"roller": [{"type": {"kode": "DAGL"}, "person": {"navn": {"fornavn": "A", "etternavn": "B"}}}]},
        ]
    }
    assert [role.code for role in may_sign(roles_from_json(both) or ())] == ["DAGL"]


@pytest.mark.parametrize(
    "answer",
    [
        [],
        "roller",
        {"rollegrupper": "DAGL"},
        {"rollegrupper": [None, {"roller": "x"}, {"roller": [None, {"type": "DAGL"}, {"person": []}]}]},
        {"rollegrupper": [{"roller": [{"type": {"kode": 7}, "person": {"navn": {"fornavn": ["x"]}}}]}]},
    ],
)
def test_answers_of_any_other_shape_give_no_roles_and_never_raise(answer: object) -> None:
    assert not roles_from_json(answer)


def test_a_huge_list_of_roles_is_bounded() -> None:
    one = {"type": {"kode": "MEDL"}, "person": {"navn": {"fornavn": "A" * 5000, "etternavn": "B"}}}
    roles = roles_from_json({"rollegrupper": [{"roller": [one] * 10_000}]}) or ()
    assert len(roles) == 500 and len(roles[0].fornavn) == 200


# Asking the register


def test_roles_lookup_asks_the_roller_path_of_the_register(register: Register) -> None:
    found = roles_lookup(ACTIVE, base_url=register.base_url)
    assert found == RolesLookup("found", ROLES, ACTIVE)
    assert found.is_for(ACTIVE) and not found.is_for(UNKNOWN)
    assert register.requests[-1][0] == f"{API_PATH}/enheter/{ACTIVE}/roller"


@pytest.mark.parametrize(
    ("org_number", "status"),
    [
        (UNKNOWN, "unknown"),
        (SERVER_ERROR, "unreachable"),
        (MALFORMED, "unreachable"),
        (NOT_AN_OBJECT, "unreachable"),
    ],
)
def test_a_register_that_gives_no_roles_says_so(register: Register, org_number: str, status: str) -> None:
    assert roles_lookup(org_number, base_url=register.base_url) == RolesLookup(status, org_number=org_number)  # type: ignore[arg-type]


def test_a_slow_register_is_given_up_on(register: Register) -> None:
    assert roles_lookup(SLOW, base_url=register.base_url, timeout=SHORT_TIMEOUT).status == "unreachable"


def test_an_unreachable_register_is_logged_without_its_body(
    register: Register, closed_port_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert roles_lookup(SERVER_ERROR, base_url=register.base_url).status == "unreachable"
        assert roles_lookup(ACTIVE, base_url=closed_port_url).status == "unreachable"
    assert caplog.records and SECRET not in caplog.text


def test_an_invalid_organisation_number_is_not_sent(register: Register) -> None:
    asked = len(register.requests)
    assert roles_lookup("974 760 674", base_url=register.base_url) == RolesLookup("invalid")
    assert len(register.requests) == asked


# The pre-flight row


def signatory_row(name: str, signatories: RolesLookup | None) -> Row | None:
    findings = preflight(
        CompanyDetails(org_number=ACTIVE, signatory_name=name),
        read_numbers("21 23 45 67"),
        {},
        invoice_day=None,
        submission_day=date(2027, 3, 1),
        registry=None,
        confirmations=Confirmations(),
        signatories=signatories,
    )
    (mismatched,) = [finding for finding in findings if finding.reason == "mismatched_info"]
    return next((row for row in mismatched.rows if row.check == "signatory"), None)


def test_a_signatory_who_holds_a_signing_role_is_ok() -> None:
    row = signatory_row("Kari Nordmann", FOUND)
    assert row is not None and row.state == OK
    assert row.name("en") == "Signatory authority" and row.name("nb") == "Signaturrett"
    assert "Daglig leder" in row.notes[0].text("en")


def test_a_signatory_without_a_signing_role_is_told_who_may_sign_and_to_attach_a_fullmakt() -> None:
    row = signatory_row("Per Berg", FOUND)
    assert row is not None and row.state == WARNING
    for language in LANGUAGES:
        text = row.notes[0].text(language)
        assert "Kari Fjeld Nordmann" in text and "Ola Hansen" in text and "fullmakt" in text
        assert "Per Berg (" not in text


@pytest.mark.parametrize("status", ["unreachable", "unknown", "removed", "invalid"])
def test_a_register_that_did_not_answer_is_a_warning_never_ok(status: str) -> None:
    row = signatory_row("Kari Nordmann", RolesLookup(status))  # type: ignore[arg-type]
    assert row is not None and row.state == WARNING
    assert row.notes[0].code == "preflight.signatory.unchecked"


def test_a_company_with_no_one_who_may_sign_is_a_warning() -> None:
    row = signatory_row("Per Berg", RolesLookup("found", ROLES[2:]))
    assert row is not None and (row.state, row.notes[0].code) == (WARNING, "preflight.signatory.nobody")


def test_without_asking_the_register_there_is_no_signatory_row() -> None:
    assert signatory_row("Kari Nordmann", None) is None


# The command line


def run_preflight(tmp_path: Path, org_number: str, *flags: str) -> list[dict[str, str]]:
    details = tmp_path / "details.json"
    details.write_text(json.dumps({"org_number": org_number, "signatory_name": "Per Berg"}), encoding="utf-8")
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("21234567\n", encoding="utf-8")
    out = io.StringIO()
    argv = ["preflight", "--details", str(details), "--numbers", str(numbers), "--json", *flags]
    assert main(argv, stdin=io.StringIO(""), stdout=out) == 0
    return list(json.loads(out.getvalue()))


def by_reason(records: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {record["reason"]: record for record in records}


def test_preflight_register_asks_the_register_at_brreg_base_url(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BASE_URL_VARIABLE, register.base_url)
    asked = len(register.requests)
    mismatched = by_reason(run_preflight(tmp_path, ACTIVE, "--register"))["Mismatched info"]
    assert "Per Berg holds no role" in mismatched["finding"]
    assert "Kari Fjeld Nordmann" in mismatched["finding"]
    paths = [path for path, _ in register.requests[asked:]]
    assert paths == [f"{API_PATH}/enheter/{ACTIVE}", f"{API_PATH}/enheter/{ACTIVE}/roller"]


def test_preflight_register_reports_a_deleted_company_as_missing_registration(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BASE_URL_VARIABLE, register.base_url)
    missing = by_reason(run_preflight(tmp_path, DELETED, "--register"))["Missing registration"]
    assert missing["status"] == "problem" and "deleted" in missing["finding"]


def test_preflight_register_with_the_register_down_says_it_could_not_be_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, closed_port_url: str
) -> None:
    monkeypatch.setenv(BASE_URL_VARIABLE, closed_port_url)
    mismatched = by_reason(run_preflight(tmp_path, ACTIVE, "--register"))["Mismatched info"]
    assert "could not be checked" in mismatched["finding"]


def test_preflight_without_the_flag_stays_offline(
    register: Register, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BASE_URL_VARIABLE, register.base_url)
    asked = len(register.requests)
    mismatched = by_reason(run_preflight(tmp_path, ACTIVE))["Mismatched info"]
    assert len(register.requests) == asked
    assert "Per Berg" not in mismatched["finding"]
