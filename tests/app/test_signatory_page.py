"""Who signs, on the company step through AppTest: the people the register says may sign are
offered as choices, and a signatory who holds no such role is warned about."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import document_corpus as corpus
import pytest
from brreg_register import (
    ACTIVE,
    API_PATH,
    ASSOCIATION,
    DATA,
    HOSTILE_NAME,
    SERVER_ERROR,
    Register,
    serve_register,
)
from streamlit.testing.v1 import AppTest

from porting.company.roles import RolesLookup, roles_from_json
from porting.i18n import t
from porting.lookup.brreg import BASE_URL_VARIABLE
from ui.wizard.company import SIGNATORY_CHOICE, SOMEONE_ELSE

APP = str(Path(__file__).resolve().parents[2] / "app.py")
FOUND = RolesLookup("found", roles_from_json(json.loads((DATA / "active_as_roller.json").read_bytes())) or ())


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


def shown(text: str) -> str:
    """What a person reads of text made plain (``ui.plain``): without its escapes."""
    return text.replace("\u2060", "").replace("\\", "")


def warnings(page: AppTest) -> list[str]:
    return [shown(warning.value) for warning in page.warning]


def options(page: AppTest) -> list[str]:
    return [shown(option) for option in page.radio(key=SIGNATORY_CHOICE).options]


def test_the_people_who_may_sign_are_offered_and_fill_the_name_and_title(page: AppTest) -> None:
    look_up(page, ACTIVE)
    choice = page.radio(key=SIGNATORY_CHOICE)
    assert choice.label == t("signatory.choice")
    assert options(page) == [
        "Kari Fjeld Nordmann (Managing director)",
        "Ola Hansen (Chair of the board)",
        "Someone else",
    ]
    choice.set_value(1).run()
    assert not page.exception
    assert field(page, "signatory_name") == "Ola Hansen"
    assert field(page, "signatory_title") == "Chair of the board"
    assert not [text for text in warnings(page) if "power of attorney" in text]


def test_someone_else_keeps_what_was_typed(page: AppTest) -> None:
    look_up(page, ACTIVE)
    page.text_input(key="company_signatory_name").input("Kari Nordmann").run()
    page.radio(key=SIGNATORY_CHOICE).set_value(SOMEONE_ELSE).run()
    assert field(page, "signatory_name") == "Kari Nordmann"
    assert not [text for text in warnings(page) if "power of attorney" in text]  # without her middle name


def test_a_signatory_without_a_signing_role_is_told_who_may_sign_and_to_attach_a_fullmakt(
    page: AppTest,
) -> None:
    look_up(page, ACTIVE)
    page.text_input(key="company_signatory_name").input("Per Berg").run()
    (warning,) = [text for text in warnings(page) if "Per Berg" in text]
    assert "Kari Fjeld Nordmann (Managing director) or Ola Hansen (Chair of the board)" in warning
    assert "power of attorney (fullmakt)" in warning


def test_in_norwegian_the_titles_and_the_warning_are_norwegian(page: AppTest) -> None:
    page.sidebar.selectbox(key="language").select_index(1).run()  # the options are en, nb
    look_up(page, ACTIVE)
    assert options(page)[0] == "Kari Fjeld Nordmann (Daglig leder)"
    page.text_input(key="company_signatory_name").input("Per Berg").run()
    assert [text for text in warnings(page) if "Legg ved en fullmakt" in text]


def test_roles_that_cannot_be_fetched_are_said_and_the_fields_stay_free(page: AppTest) -> None:
    look_up(page, ACTIVE)
    page.radio(key=SIGNATORY_CHOICE).set_value(0).run()
    look_up(page, SERVER_ERROR)
    assert not page.exception
    assert not [radio for radio in page.radio if radio.key == SIGNATORY_CHOICE]
    assert field(page, "signatory_name") == "Kari Fjeld Nordmann"  # what was chosen stays as typed


def documents_step(signatories: RolesLookup, signatory: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    request = app.session_state["porting_request"]
    request.company = replace(corpus.DETAILS, signatory_name=signatory)
    request.signatories = signatories
    return app.switch_page("pages/4_documents.py").run()


def rows(app: AppTest) -> list[str]:
    return [block.value for block in app.markdown if " · " in block.value and "**" in block.value]


def test_the_documents_step_shows_the_signatory_authority_row() -> None:
    app = documents_step(FOUND, "Ola Hansen")
    assert not app.exception
    assert [row for row in rows(app) if row.endswith("**Signatory authority** · Checked and fine")]
    app = documents_step(FOUND, "Per Berg")
    assert [row for row in rows(app) if row.endswith("**Signatory authority** · Check this")]
    assert [block for block in app.markdown if "Per Berg holds no role" in shown(block.value)]


def test_a_register_that_could_not_be_reached_is_a_row_to_check_never_fine(
    page: AppTest, monkeypatch: pytest.MonkeyPatch, closed_port_url: str
) -> None:
    monkeypatch.setenv(BASE_URL_VARIABLE, closed_port_url)
    look_up(page, ACTIVE)
    assert page.session_state["porting_request"].signatories == RolesLookup("unreachable", org_number=ACTIVE)
    assert t("signatory.lookup_failed") in [info.value for info in page.info]
    app = documents_step(RolesLookup("unreachable"), "Ola Hansen")
    assert [row for row in rows(app) if row.endswith("**Signatory authority** · Check this")]
    assert [block for block in app.markdown if "could not be checked" in shown(block.value)]


def test_a_name_from_the_register_is_shown_as_written_never_as_markdown(page: AppTest) -> None:
    look_up(page, ASSOCIATION)
    (option, _) = page.radio(key=SIGNATORY_CHOICE).options
    assert "](" not in option and "**" not in option  # escaped: no link, no bold
    assert shown(option) == f"{HOSTILE_NAME} **X** (Managing director)"
    page.radio(key=SIGNATORY_CHOICE).set_value(0).run()
    assert field(page, "signatory_name") == f"{HOSTILE_NAME} **X**"


def by_hand(app: AppTest, org_number: str, signatory: str) -> AppTest:
    """The company step filled in by hand: Look up never pressed."""
    app.switch_page("pages/2_company.py").run()
    request = app.session_state["porting_request"]
    details = replace(corpus.DETAILS, org_number=org_number, signatory_name=signatory)
    for name in ("org_number", "signatory_name"):
        app.text_input(key=f"company_{name}").input(getattr(details, name)).run()
    assert request.company.org_number == org_number and request.registry is None
    return app


def test_who_signs_is_checked_even_when_look_up_was_never_pressed(register_stand_in: Register) -> None:
    """A company typed in by hand, or a draft reopened (it keeps what was typed, not what the
    register said): the pre-flight asks the register itself, once for the number."""
    before = len(register_stand_in.requests)
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    by_hand(app, ACTIVE, "Ola Hansen").switch_page("pages/4_documents.py").run()
    assert not app.exception
    assert [row for row in rows(app) if row.endswith("**Signatory authority** · Checked and fine")]
    app.run()
    app.switch_page("pages/5_submit.py").run()
    asked = [path.rpartition("/")[2] for path, _ in register_stand_in.requests[before:]]
    assert sorted(asked) == [ACTIVE, "roller"]


def test_the_roles_checked_are_those_of_the_number_typed_now_not_one_looked_up_before(
    page: AppTest,
) -> None:
    look_up(page, ASSOCIATION)  # its one role is held by someone else
    page.text_input(key="company_org_number").input(ACTIVE).run()
    page.text_input(key="company_signatory_name").input("Ola Hansen").run()
    page.switch_page("pages/1_numbers.py").run()
    page.text_area[0].input("21234567").run()
    page.switch_page("pages/4_documents.py").run()
    assert not page.exception
    assert [row for row in rows(page) if row.endswith("**Signatory authority** · Checked and fine")]
    request = page.session_state["porting_request"]
    assert request.registry.is_for(ACTIVE) and request.signatories.is_for(ACTIVE)


def test_the_demo_never_asks_the_register(register_stand_in: Register) -> None:
    asked = len(register_stand_in.requests)
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.sidebar.button[0].click().run()  # the demo
    assert app.session_state["porting_request"].demo
    app.switch_page("pages/4_documents.py").run()
    app.switch_page("pages/5_submit.py").run()
    assert not app.exception
    assert len(register_stand_in.requests) == asked


def test_the_choice_shows_the_person_the_fields_name_whoever_filled_them(page: AppTest) -> None:
    """The demo filled Kari Nordmann in while the choice said no one; typing another name over a
    chosen person left that person chosen."""
    page.text_input(key="company_signatory_name").input("kari  NORDMANN").run()  # before the look-up
    look_up(page, ACTIVE)
    assert page.radio(key=SIGNATORY_CHOICE).value == 0  # Kari Fjeld Nordmann, without her middle name
    page.text_input(key="company_signatory_name").input("Ola Hansen").run()
    assert page.radio(key=SIGNATORY_CHOICE).value == 1
    page.text_input(key="company_signatory_name").input("Per Berg").run()
    assert page.radio(key=SIGNATORY_CHOICE).value == SOMEONE_ELSE
    page.text_input(key="company_signatory_name").input("Ola Hansen").run()
    assert page.radio(key=SIGNATORY_CHOICE).value == SOMEONE_ELSE  # "someone else" is the customer's word
    assert not page.exception and not page.warning


def test_the_demo_shows_its_signatory_chosen() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.sidebar.button[0].click().run()  # the demo
    app.switch_page("pages/2_company.py").run()
    assert not app.exception
    choice = app.radio(key=SIGNATORY_CHOICE)
    name = app.session_state["porting_request"].company.signatory_name
    assert choice.value is not None and choice.value != SOMEONE_ELSE
    assert shown(choice.options[choice.value]).startswith(name)
