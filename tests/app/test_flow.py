"""The wizard as one journey: steps in order, check marks, progress, Back and Next."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit import config
from streamlit.testing.v1 import AppTest

import ui.wizard.company
from porting.i18n import t
from ui.wizard.flow import STEPS

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def start() -> AppTest:
    return AppTest.from_file(APP, default_timeout=30).run()


def step_button(app: AppTest, key: str):
    """Back or Next, under the step."""
    return next(button for button in app.main.button if button.label == t(key))


def test_the_steps_are_in_the_guides_order() -> None:
    assert [step.title for step in STEPS] == [
        "nav.numbers",
        "nav.company",
        "nav.loa",
        "nav.documents",
        "nav.submit",
    ]


def test_next_and_back_move_between_steps() -> None:
    app = start()
    assert app.title[0].value == t("numbers.title")
    step_button(app, "flow.next").click().run()
    assert app.title[0].value == t("details.title")
    step_button(app, "flow.back").click().run()
    assert app.title[0].value == t("numbers.title")


def test_next_and_back_go_without_drawing_the_step_left_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A press of Next or Back costs one run of the step it goes to, not a run of the step it
    leaves as well (which Streamlit would draw only to throw away)."""
    drawn: list[str] = []
    company_form = ui.wizard.company.company_form

    def counted(request: object) -> None:
        drawn.append("company")
        company_form(request)

    monkeypatch.setattr(ui.wizard.company, "company_form", counted)
    app = start()
    step_button(app, "flow.next").click().run()
    assert app.title[0].value == t("details.title") and drawn == ["company"]
    step_button(app, "flow.next").click().run()
    assert app.title[0].value == t("loa.title") and drawn == ["company"]  # not run again on leaving
    step_button(app, "flow.back").click().run()
    assert app.title[0].value == t("details.title") and drawn == ["company", "company"]


def flow_buttons(app: AppTest) -> list[str]:
    return [button.label for button in app.main.button if button.label in (t("flow.back"), t("flow.next"))]


def test_the_first_step_has_no_back_and_the_last_no_next() -> None:
    app = start()
    assert flow_buttons(app) == [t("flow.next")]
    app.switch_page(STEPS[-1].path).run()
    assert flow_buttons(app) == [t("flow.back")]


def test_progress_counts_the_steps_that_are_done() -> None:
    app = start()
    assert app.sidebar.get("progress")[0].proto.text == t("flow.progress", done=0, steps=5)
    app.text_area[0].input("21234567").run()
    assert app.sidebar.get("progress")[0].proto.text == t("flow.progress", done=1, steps=5)


def test_a_step_that_needs_earlier_data_links_there_instead_of_failing() -> None:
    app = start().switch_page("pages/3_loa.py").run()
    assert not app.exception
    assert app.info[0].value == t("loa.needs_earlier_steps")


def test_demo_mode_fills_every_step_and_says_it_is_a_demo() -> None:
    app = start()
    next(button for button in app.sidebar.button if button.label == t("demo.button")).click().run()
    assert not app.exception
    assert app.info[0].value == t("demo.banner")
    shown = {metric.label: metric.value for metric in app.metric}
    assert int(shown[t("numbers.metric_mobile")]) == 1
    assert int(shown[t("numbers.metric_portable")]) >= 8
    app.switch_page("pages/2_company.py").run()
    assert app.text_input(key="company_company_name").value == "Fjordlinje Telekom AS"
    assert app.success[-1].value == t("details.complete")
    assert app.session_state["porting_request"].demo


ERROR_ID = re.compile(r"E-[0-9A-HJKMNP-TV-Z]{6}")


def _fail_on_the_company_step(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_request: object) -> None:
        raise RuntimeError("the form broke in /srv/porting/ui/company.py")

    monkeypatch.setattr(ui.wizard.company, "company_form", fail)


def test_a_failing_page_shows_an_error_id_and_logs_the_traceback_under_it(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _fail_on_the_company_step(monkeypatch)
    app = start()
    app.text_area[0].input("21234567").run()
    with caplog.at_level(logging.ERROR, logger="ui.errors"):
        app.switch_page("pages/2_company.py").run()
    assert not app.exception  # nothing escaped to Streamlit's own error box
    shown = app.error[0].value
    error_id = ERROR_ID.search(shown).group()
    assert shown == t("errors.internal", error_id=error_id)
    assert "/srv/" not in shown and "RuntimeError" not in shown
    logged = [record for record in caplog.records if error_id in record.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info is not None
    assert flow_buttons(app) == [t("flow.back"), t("flow.next")]  # the customer can still move on
    step_button(app, "flow.back").click().run()
    assert app.text_area[0].value == "21234567"  # what they entered is kept


def test_streamlits_page_switch_passes_through_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    def to_the_numbers(_request: object) -> None:
        st.switch_page("pages/1_numbers.py")

    monkeypatch.setattr(ui.wizard.company, "company_form", to_the_numbers)
    app = start().switch_page("pages/2_company.py").run()
    assert not app.exception and not app.error
    assert app.title[0].value == t("numbers.title")


def test_the_app_shows_no_error_details_of_its_own() -> None:
    start()
    assert config.get_option("client.showErrorDetails") == "none"
