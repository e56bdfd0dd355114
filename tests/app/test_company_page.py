"""The company step through AppTest: the register look-up, the checks, and nothing typed is lost."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from brreg_register import ACTIVE, BANKRUPT, DELETED, UNKNOWN, Register, serve_register
from samples import TYPED_BY_HAND
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox

from porting.i18n import t
from porting.lookup.brreg import BASE_URL_VARIABLE
from porting.rules import rules
from ui import plain
from ui.wizard.company import PROVIDER_OTHER

APP = str(Path(__file__).resolve().parents[2] / "app.py")
COMPLETE = TYPED_BY_HAND


@pytest.fixture(scope="module")
def register() -> Iterator[Register]:
    with serve_register() as stand_in:
        yield stand_in


@pytest.fixture
def page(register: Register, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv(BASE_URL_VARIABLE, register.base_url)
    app = AppTest.from_file(APP, default_timeout=30).run()
    return app.switch_page("pages/2_company.py").run()


def look_up(page: AppTest, org_number: str) -> AppTest:
    page.text_input(key="company_org_number").input(org_number).run()
    return page.button[0].click().run()


def field(page: AppTest, name: str) -> str:
    return page.text_input(key=f"company_{name}").value


def test_a_look_up_fills_the_name_and_address_from_the_register(page: AppTest) -> None:
    look_up(page, ACTIVE)
    assert not page.exception
    assert page.success[0].value == t("registry.found")
    assert field(page, "org_number") == "999 990 002"
    assert field(page, "company_name") == "FJORDLINJE TELEKOM AS"
    assert (field(page, "address"), field(page, "postcode"), field(page, "city")) == (
        "Dronning Eufemias gate 16",
        "0191",
        "OSLO",
    )


@pytest.mark.parametrize(
    ("org_number", "warning"), [(DELETED, "registry.deleted"), (BANKRUPT, "registry.bankrupt")]
)
def test_a_deleted_or_bankrupt_company_is_warned_about(page: AppTest, org_number: str, warning: str) -> None:
    look_up(page, org_number)
    first_words = t(warning).split("{")[0].strip()[:20]
    assert any(first_words in shown.value for shown in page.warning)


def test_an_unreachable_register_lets_the_customer_type_the_details(
    page: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    monkeypatch.setenv(BASE_URL_VARIABLE, f"http://127.0.0.1:{closed}/enhetsregisteret/api")
    look_up(page, "974760673")
    assert page.warning[0].value == t("registry.unreachable")
    page.text_input(key="company_company_name").input("Typed By Hand AS").run()
    assert field(page, "company_name") == "Typed By Hand AS"


def closed_register(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    monkeypatch.setenv(BASE_URL_VARIABLE, f"http://127.0.0.1:{closed}/enhetsregisteret/api")


BY_HAND = {"company_name": "Typed By Hand AS", "address": "Storgata 1", "postcode": "0155", "city": "Oslo"}


def test_the_register_warning_gives_way_once_the_details_are_typed(
    page: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed_register(monkeypatch)
    look_up(page, "974760673")
    assert [shown.value for shown in page.warning] == [t("registry.unreachable")]
    for name, value in list(BY_HAND.items())[:-1]:
        page.text_input(key=f"company_{name}").input(value)
    page.run()
    assert t("registry.unreachable") in [shown.value for shown in page.warning]  # the city is still missing
    page.text_input(key="company_city").input(BY_HAND["city"]).run()
    assert t("registry.unreachable") not in [shown.value for shown in page.warning]
    assert t("registry.typed_by_hand") in [caption.value for caption in page.caption]


def test_a_register_answer_for_a_number_typed_before_is_not_shown(page: AppTest) -> None:
    look_up(page, UNKNOWN)  # no such company in the stand-in
    assert t("registry.unknown") in [shown.value for shown in page.warning]
    page.text_input(key="company_org_number").input(ACTIVE).run()
    assert t("registry.unknown") not in [shown.value for shown in page.warning]


def test_an_invalid_organisation_number_says_what_is_wrong(page: AppTest) -> None:
    page.text_input(key="company_org_number").input("974760674").run()
    assert plain(t("company.org_number.checksum")) in [shown.value for shown in page.error]


def test_a_complete_form_is_confirmed(page: AppTest) -> None:
    look_up(page, ACTIVE)
    for name, value in COMPLETE.items():
        page.text_input(key=f"company_{name}").input(value)
    page.run()
    assert page.success[-1].value == t("details.complete")
    assert page.session_state["porting_request"].company.signatory_name == "Kari Nordmann"


def test_the_details_survive_going_to_another_step_and_back(page: AppTest) -> None:
    look_up(page, ACTIVE)
    page.text_input(key="company_email").input("kari@fjordlinje.no").run()
    page.switch_page("pages/1_numbers.py").run()
    page.switch_page("pages/2_company.py").run()
    assert field(page, "email") == "kari@fjordlinje.no"
    assert field(page, "company_name") == "FJORDLINJE TELEKOM AS"


def test_a_problem_is_shown_for_what_is_typed_now(page: AppTest) -> None:
    page.text_input(key="company_email").input("kari@").run()
    assert plain(t("company.email.invalid")) in [shown.value for shown in page.error]
    page.text_input(key="company_email").input("kari@fjordlinje.no").run()
    assert not page.error


@pytest.mark.parametrize(
    ("typed", "key"),
    [("kåre@fjordlinje.no", "company.email.international_local_part"),
     ("postmaster,kopi@fjordlinje.no", "company.email.one_address")],
)  # fmt: skip
def test_an_address_mail_cannot_reach_as_typed_is_refused_saying_what_to_do(
    page: AppTest, typed: str, key: str
) -> None:
    page.text_input(key="company_email").input(typed).run()
    assert not page.exception
    assert plain(t(key)) in [shown.value for shown in page.error]
    assert t("details.complete") not in [shown.value for shown in page.success]


# The current provider, from the list in rules.toml or typed


def provider_choice(page: AppTest) -> Selectbox[str]:
    return page.selectbox(key="company_current_provider_choice")


def test_the_current_provider_is_chosen_from_the_rules_list(page: AppTest) -> None:
    assert list(provider_choice(page).options) == [*rules().providers, t("details.provider_other")]
    provider_choice(page).select("Telia Norge AS").run()
    assert field(page, "current_provider") == "Telia Norge AS"
    assert page.session_state["porting_request"].company.current_provider == "Telia Norge AS"


def test_a_provider_not_in_the_list_is_typed_and_the_choice_follows_what_is_typed(page: AppTest) -> None:
    provider_choice(page).select("Telia Norge AS").run()
    provider_choice(page).select(PROVIDER_OTHER).run()
    assert field(page, "current_provider") == ""  # to type in
    assert provider_choice(page).value == PROVIDER_OTHER
    page.text_input(key="company_current_provider").input("Lokal Tele AS").run()
    assert provider_choice(page).value == PROVIDER_OTHER
    assert page.session_state["porting_request"].company.current_provider == "Lokal Tele AS"
    page.text_input(key="company_current_provider").input("telenor norge as").run()
    assert provider_choice(page).value == "Telenor Norge AS"  # never contradicts the field


def test_the_chosen_provider_survives_going_to_another_step_and_back(page: AppTest) -> None:
    provider_choice(page).select("Phonero AS").run()
    page.switch_page("pages/1_numbers.py").run()
    page.switch_page("pages/2_company.py").run()
    assert provider_choice(page).value == "Phonero AS" and field(page, "current_provider") == "Phonero AS"
