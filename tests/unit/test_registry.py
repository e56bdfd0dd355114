"""Looking companies up in the Brønnøysund register, against a local stand-in for data.brreg.no.

The real client talks HTTP to a server on 127.0.0.1 that answers like the register, from the
files in ``tests/data/brreg/`` (see its README). No test reaches the real register: an autouse
fixture points ``BRREG_BASE_URL`` at a closed port, so a test that forgot its ``base_url``
fails to connect instead of going out.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator
from datetime import date

import pytest
from brreg_register import (
    ACTIVE,
    ANSWERS,
    API_PATH,
    ASSOCIATION,
    BANKRUPT,
    DATA,
    DELETED,
    FORCED_WINDING_UP,
    MALFORMED,
    NOT_AN_OBJECT,
    REMOVED,
    SECRET,
    SERVER_ERROR,
    SHORT_TIMEOUT,
    SLOW,
    SLOW_ANSWER_DELAY,
    UNKNOWN,
    WINDING_UP,
    Register,
    recorded,
    serve_register,
)

from porting.company.details import CompanyDetails, validate_org_number
from porting.company.register import (
    EntityWarning,
    Lookup,
    RegistryEntity,
    Status,
    address_text,
    entity_from_json,
    prefill,
)
from porting.i18n import LANGUAGES
from porting.lookup.brreg import (
    BASE_URL_VARIABLE,
    DEFAULT_BASE_URL,
    USER_AGENT,
    entity_url,
    lookup,
)


@pytest.fixture(scope="module")
def register() -> Iterator[Register]:
    with serve_register() as stand_in:
        yield stand_in


@pytest.fixture(scope="module")
def closed_port_url() -> str:
    """A base URL on a port nothing listens on: connections are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{API_PATH}"


@pytest.fixture(autouse=True)
def no_real_register(monkeypatch: pytest.MonkeyPatch, closed_port_url: str) -> None:
    monkeypatch.setenv(BASE_URL_VARIABLE, closed_port_url)


def look_up(register: Register, org_number: str, timeout: float = 2.0) -> Lookup:
    return lookup(org_number, base_url=register.base_url, timeout=timeout)


def found_entity(register: Register, org_number: str) -> RegistryEntity:
    result = look_up(register, org_number)
    assert (result.status, result.message) == ("found", "registry.found")
    assert result.entity is not None
    return result.entity


# The test data


def test_the_recorded_answers_use_valid_organisation_numbers() -> None:
    assert [number for number in ANSWERS if validate_org_number(number) is not None] == []
    for name in ("active_as", "deleted", "bankrupt", "winding_up", "forced_winding_up", "association"):
        number = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))["organisasjonsnummer"]
        assert ANSWERS[number] == recorded(f"{name}.json")


# Found


def test_an_active_company_is_found_with_its_name_address_and_form(register: Register) -> None:
    entity = found_entity(register, ACTIVE)
    assert entity == RegistryEntity(
        org_number=ACTIVE,
        navn="FJORDLINJE TELEKOM AS",
        address_lines=("Dronning Eufemias gate 16",),
        postnummer="0191",
        poststed="OSLO",
        organisasjonsform="Aksjeselskap",
        warnings=(),
    )
    assert address_text(entity) == "Dronning Eufemias gate 16"


def test_the_request_asks_for_json_and_names_the_app(register: Register) -> None:
    found_entity(register, "999 990 002")
    path, headers = register.requests[-1]
    assert path == f"{API_PATH}/enheter/{ACTIVE}"
    assert headers["Accept"] == "application/json"
    assert headers["User-Agent"] == USER_AGENT


def test_an_address_of_several_lines_is_joined_with_commas(register: Register) -> None:
    entity = found_entity(register, BANKRUPT)
    assert entity.address_lines == ("c/o Advokatfirma Bostyrer", "Strandkaien 2")
    assert address_text(entity) == "c/o Advokatfirma Bostyrer, Strandkaien 2"
    assert (entity.postnummer, entity.poststed) == ("5003", "BERGEN")


def test_an_entity_without_a_business_address_gives_its_postal_address(register: Register) -> None:
    entity = found_entity(register, ASSOCIATION)
    assert (address_text(entity), entity.postnummer, entity.poststed) == ("Postboks 77", "1302", "SANDVIKA")
    assert entity.organisasjonsform == "Forening/lag/innretning"


def test_the_register_fills_in_the_company_details_but_keeps_what_was_typed(register: Register) -> None:
    typed = CompanyDetails(org_number="999990002", signatory_name="Kari Nordmann", city="Oslo")
    details = prefill(typed, found_entity(register, ACTIVE))
    assert details == CompanyDetails(
        org_number="999 990 002",
        company_name="FJORDLINJE TELEKOM AS",
        address="Dronning Eufemias gate 16",
        postcode="0191",
        city="OSLO",
        signatory_name="Kari Nordmann",
    )


# Warnings


def test_a_deleted_entity_is_found_with_its_deletion_date(register: Register) -> None:
    entity = found_entity(register, DELETED)
    assert (entity.org_number, entity.navn, entity.address_lines, entity.postnummer) == (DELETED, "", (), "")
    assert entity.warnings == (EntityWarning("registry.deleted", (("date", date(2023, 5, 2)),)),)
    assert "2 May 2023" in entity.warnings[0].text("en")
    assert "2. mai 2023" in entity.warnings[0].text("nb")


@pytest.mark.parametrize(
    ("org_number", "code"),
    [
        (BANKRUPT, "registry.bankrupt"),
        (WINDING_UP, "registry.winding_up"),
        (FORCED_WINDING_UP, "registry.forced_winding_up"),
    ],
)
def test_a_company_in_bankruptcy_or_being_wound_up_is_found_with_a_warning(
    register: Register, org_number: str, code: str
) -> None:
    assert found_entity(register, org_number).warnings == (EntityWarning(code),)


def test_an_active_company_has_no_warnings(register: Register) -> None:
    assert found_entity(register, ACTIVE).warnings == ()


def test_a_deletion_date_the_register_wrote_oddly_is_shown_as_written() -> None:
    entity = entity_from_json({"slettedato": "02.05.2023", "konkurs": True}, "974760673")
    assert entity is not None
    assert entity.warnings == (
        EntityWarning("registry.deleted", (("date", "02.05.2023"),)),
        EntityWarning("registry.bankrupt"),
    )
    assert "02.05.2023" in entity.warnings[0].text("nb")


@pytest.mark.parametrize(
    "document",
    [
        {},
        {"navn": 42, "forretningsadresse": "Oslo", "organisasjonsform": ["AS"], "konkurs": "true"},
        {"forretningsadresse": {"adresse": "Storgata 1", "postnummer": 191}},
        {"forretningsadresse": {"adresse": [None, " Storgata 1 ", "", 7]}, "slettedato": None},
    ],
)
def test_missing_or_odd_fields_are_read_as_empty_never_as_an_error(document: dict[str, object]) -> None:
    entity = entity_from_json(document, "974760673")
    assert entity is not None
    assert entity.org_number == "974760673"
    assert entity.navn == entity.postnummer == entity.organisasjonsform == ""
    assert entity.address_lines in ((), ("Storgata 1",))
    assert entity.warnings == ()


# Not found, or no answer


@pytest.mark.parametrize(("org_number", "status"), [(UNKNOWN, "unknown"), (REMOVED, "removed")])
def test_unknown_and_removed_numbers_say_so(register: Register, org_number: str, status: str) -> None:
    assert look_up(register, org_number) == Lookup(status, None, f"registry.{status}", org_number=org_number)


@pytest.mark.parametrize("org_number", [SERVER_ERROR, MALFORMED, NOT_AN_OBJECT])
def test_a_broken_answer_counts_as_unreachable(register: Register, org_number: str) -> None:
    unreachable = Lookup("unreachable", None, "registry.unreachable", org_number=org_number)
    assert look_up(register, org_number) == unreachable


def test_a_slow_register_is_given_up_on_after_the_timeout(register: Register) -> None:
    started = time.monotonic()
    result = look_up(register, SLOW, timeout=SHORT_TIMEOUT)
    assert result.status == "unreachable"
    assert time.monotonic() - started < SLOW_ANSWER_DELAY


def test_a_refused_connection_counts_as_unreachable(closed_port_url: str) -> None:
    assert lookup(ACTIVE, base_url=closed_port_url, timeout=SHORT_TIMEOUT).status == "unreachable"


@pytest.mark.parametrize("base_url", ["file:///etc", "not a url", "http://"])
def test_a_base_url_that_is_not_http_counts_as_unreachable(base_url: str) -> None:
    assert lookup(ACTIVE, base_url=base_url, timeout=SHORT_TIMEOUT).status == "unreachable"


def test_when_unreachable_people_are_told_to_type_the_details_themselves() -> None:
    result = Lookup("unreachable", None, "registry.unreachable")
    assert "could not be reached" in result.text("en")
    assert "type the company details yourself" in result.text("en").lower()
    assert "fyll inn firmaopplysningene selv" in result.text("nb").lower()


def test_answers_are_never_logged(register: Register, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="porting.company.register"):
        look_up(register, SERVER_ERROR)
        look_up(register, MALFORMED)
    assert "500" in caplog.text
    assert SECRET not in caplog.text
    assert "HALV" not in caplog.text


# Where the client goes


def test_an_invalid_number_is_never_sent(register: Register) -> None:
    before = len(register.requests)
    for wrong in ("974760674", "123456785", "12345678", "", "NO974760673MVA"):
        assert look_up(register, wrong) == Lookup("invalid", None, "registry.invalid")
    assert len(register.requests) == before


def test_brreg_base_url_in_the_environment_is_honoured(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BASE_URL_VARIABLE, register.base_url + "/")
    before = len(register.requests)
    result = lookup(ACTIVE, timeout=2.0)
    assert result.status == "found"
    assert len(register.requests) == before + 1


def test_a_base_url_argument_wins_over_the_environment(register: Register) -> None:
    assert lookup(ACTIVE, base_url=register.base_url, timeout=2.0).status == "found"


def test_without_settings_the_client_asks_data_brreg_no(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BASE_URL_VARIABLE)
    assert DEFAULT_BASE_URL == "https://data.brreg.no/enhetsregisteret/api"
    assert entity_url("974 760 673") == "https://data.brreg.no/enhetsregisteret/api/enheter/974760673"


# Every message, in both languages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_status_and_warning_reads_in_both_languages(language: str) -> None:
    statuses: tuple[Status, ...] = ("found", "unknown", "removed", "unreachable", "invalid")
    texts = [Lookup(status, None, f"registry.{status}").text(language) for status in statuses]
    warnings = [EntityWarning("registry.deleted", (("date", date(2023, 5, 2)),))] + [
        EntityWarning(f"registry.{code}") for code in ("bankrupt", "winding_up", "forced_winding_up")
    ]
    texts += [warning.text(language) for warning in warnings]
    assert all(text.strip() and "{" not in text for text in texts)
