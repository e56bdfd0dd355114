"""The one requested porting day through AppTest: refused on the company step with the nearest days
offered, the same on the quote and the company step, and the day the letter prints."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from samples import BLAABAER
from streamlit.testing.v1 import AppTest

from porting.i18n import format_date, t
from porting.letter.loa import build_loa
from porting.numbers.intake import read_numbers
from porting.wizard import steps

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PLANNED = date(2026, 12, 1)  # a planned submission: the earliest porting day is Thursday 24 December 2026
QUOTE_DAY, COMPANY_DAY = "requested_porting_day", "company_requested_date"


def planned_quote() -> AppTest:
    """The numbers and quote step with a number and the planned submission day."""
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    return app.date_input(key="submission_day").set_value(PLANNED).run()


def company_step(app: AppTest) -> AppTest:
    app.session_state["porting_request"].company = replace(BLAABAER, requested_date=None)
    return app.switch_page("pages/2_company.py").run()


def offered(app: AppTest) -> list[str]:
    return [button.label for button in app.button if button.label.startswith("Use ")]


def choose(app: AppTest, label: str) -> AppTest:
    return next(button for button in app.button if button.label == label).click().run()


def company_done(app: AppTest) -> bool:
    return steps.done(steps.Step.COMPANY, app.session_state["porting_request"], reading=None, today=PLANNED)


def test_the_company_step_refuses_christmas_day_and_offers_the_days_around_it() -> None:
    app = company_step(planned_quote())
    assert t("details.complete") in [success.value for success in app.success]
    app.date_input(key=COMPANY_DAY).set_value(date(2026, 12, 25)).run()
    assert not app.exception
    [refusal] = [error.value for error in app.error]
    assert refusal.startswith("Friday 25 December 2026 cannot be the porting day")
    assert "Thursday 24 December 2026 or Monday 28 December 2026" in refusal
    assert t("details.complete") not in [success.value for success in app.success]
    assert not company_done(app)
    assert offered(app) == ["Use 24 Dec 2026", "Use 28 Dec 2026"]
    choose(app, "Use 28 Dec 2026")
    assert app.date_input(key=COMPANY_DAY).value == date(2026, 12, 28)
    assert app.session_state["porting_request"].requested_porting_day == date(2026, 12, 28)
    assert not app.error
    assert t("details.complete") in [success.value for success in app.success]
    assert company_done(app)


def test_christmas_eve_is_accepted_on_the_company_step_with_a_note() -> None:
    app = company_step(planned_quote())
    app.date_input(key=COMPANY_DAY).set_value(date(2026, 12, 24)).run()
    assert not app.error
    assert any("rarely port" in info.value for info in app.info)


def test_the_quotes_day_is_the_company_steps_day_and_back() -> None:
    app = planned_quote()
    app.date_input(key=QUOTE_DAY).set_value(date(2027, 1, 14)).run()
    company_step(app)
    assert app.date_input(key=COMPANY_DAY).value == date(2027, 1, 14)
    app.date_input(key=COMPANY_DAY).set_value(date(2027, 1, 15)).run()
    app.switch_page("pages/1_numbers.py").run()
    assert app.date_input(key=QUOTE_DAY).value == date(2027, 1, 15)
    porting_day = next(metric for metric in app.metric if metric.label == t("timeline.metric_porting_day"))
    assert porting_day.value == "15 Jan 2027"


def test_the_quote_offers_the_nearest_days_of_a_refused_day_as_buttons() -> None:
    app = planned_quote()
    app.date_input(key=QUOTE_DAY).set_value(date(2026, 12, 23)).run()
    assert "before the earliest possible porting day" in app.error[0].value
    choose(app, "Use 24 Dec 2026")
    assert app.date_input(key=QUOTE_DAY).value == date(2026, 12, 24)
    assert not app.error


def test_the_letter_prints_the_chosen_day_and_never_a_refused_one() -> None:
    app = company_step(planned_quote())
    app.date_input(key=COMPANY_DAY).set_value(date(2026, 12, 25)).run()
    app.switch_page("pages/3_loa.py").run()
    assert app.info[0].value == t("loa.needs_earlier_steps")  # the company step is not done
    app.switch_page("pages/2_company.py").run()
    app.date_input(key=COMPANY_DAY).set_value(date(2027, 1, 14)).run()
    app.switch_page("pages/3_loa.py").run()
    app.button(key="prepare_loa").click().run()
    assert not app.exception and len(app.get("download_button")) == 1
    details = app.session_state["loa_prepared"][0]  # what the letter on offer was made from
    assert details.requested_date == date(2027, 1, 14)
    pdf = build_loa(details, read_numbers("21234567").rows, language="en", today=PLANNED)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert format_date(date(2027, 1, 14), "en") in text


def test_the_demo_keeps_the_requested_day_the_customer_chose() -> None:
    app = planned_quote()
    app.date_input(key=QUOTE_DAY).set_value(date(2027, 1, 14)).run()
    next(button for button in app.sidebar.button if button.label == t("demo.button")).click().run()
    app.switch_page("pages/2_company.py").run()
    assert app.date_input(key=COMPANY_DAY).value == date(2027, 1, 14)
    assert app.session_state["porting_request"].requested_porting_day == date(2027, 1, 14)
