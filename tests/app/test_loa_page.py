"""The LOA step through AppTest: it says what is missing, then offers the prefilled letter."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from samples import BLAABAER
from streamlit.testing.v1 import AppTest

from porting.company.details import CompanyDetails
from porting.i18n import t

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DETAILS = replace(BLAABAER, requested_date=None)  # a past date would not validate


def loa_page(numbers: str = "", details: CompanyDetails | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    if numbers:
        app.text_area[0].input(numbers).run()
    if details is not None:
        app.session_state["porting_request"].company = details
    return app.switch_page("pages/3_loa.py").run()


def test_without_numbers_or_details_the_page_links_to_the_steps_that_fill_them() -> None:
    app = loa_page()
    assert not app.exception
    assert app.info[0].value == t("loa.needs_earlier_steps")
    links = [link.label for link in app.main.get("page_link")]  # the sidebar holds the menu
    assert links == [t("loa.go_to.numbers"), t("loa.go_to.company")]


def test_only_mobile_numbers_still_need_numbers_that_can_be_ported() -> None:
    app = loa_page("41234567", DETAILS)
    assert [link.label for link in app.main.get("page_link")] == [t("loa.go_to.numbers")]


def test_with_numbers_and_details_the_letter_can_be_downloaded() -> None:
    app = loa_page("21234567\n80012345\n41234567", DETAILS)
    app.button(key="prepare_loa").click().run()
    assert not app.exception
    assert not app.error
    assert len(app.get("download_button")) == 1
    assert t("loa.sign_hint") in [caption.value for caption in app.caption]


def test_the_letter_is_made_only_when_asked_for_and_again_when_its_details_change() -> None:
    app = loa_page("21234567", DETAILS)
    assert not app.exception
    assert not app.get("download_button")  # no letter made for merely opening the page
    assert app.button(key="prepare_loa").label == t("loa.prepare")
    app.button(key="prepare_loa").click().run()
    assert len(app.get("download_button")) == 1
    app.run()  # a rerun with the same details keeps the letter on offer
    assert len(app.get("download_button")) == 1
    app.text_input(key="loa_place").input("Bergen").run()
    assert not app.get("download_button")
    assert app.button(key="prepare_loa").label == t("loa.prepare")


def test_a_partial_port_asks_what_happens_to_the_other_numbers() -> None:
    app = loa_page("21234567", DETAILS)
    app.radio(key="partial_port").set_value("yes").run()
    app.radio(key="main_number").set_value("no").run()
    app.text_area(key="partial_rest").input("22 33 44 55 stays with Telenor").run()
    assert not app.exception
    confirmed = app.session_state["porting_request"].confirmations
    assert (confirmed.partial_port, confirmed.main_number_included) == (True, False)
    assert confirmed.rest == "22 33 44 55 stays with Telenor"
