"""The wizard as one journey: steps in order, check marks, progress, Back and Next."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from porting.i18n import t
from ui.flow import STEPS

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def start() -> AppTest:
    return AppTest.from_file(APP, default_timeout=30).run()


def sidebar_button(app: AppTest, key: str):
    return next(button for button in app.sidebar.button if button.label == t(key))


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
    sidebar_button(app, "flow.next").click().run()
    assert app.title[0].value == t("details.title")
    sidebar_button(app, "flow.back").click().run()
    assert app.title[0].value == t("numbers.title")


def flow_buttons(app: AppTest) -> list[str]:
    return [button.label for button in app.sidebar.button if button.label in (t("flow.back"), t("flow.next"))]


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
