"""Quotes in links through AppTest: a link opens the same quote, and the page keeps its link current."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from porting.i18n import t
from porting.numbers.share import encode_numbers

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def opened_with(**parameters: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    for name, value in parameters.items():
        app.query_params[name] = value
    return app.run()


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def test_a_shared_link_opens_the_same_quote() -> None:
    app = opened_with(n=encode_numbers("21234567\n80012345\n41234567") or "", p="2")
    assert not app.exception
    shown = metrics(app)
    assert shown[t("quote.metric_portable")] == "2"
    assert app.number_input(key="provider_count").value == 2


def test_the_language_is_kept_in_the_link() -> None:
    app = opened_with(lang="nb")
    assert app.title[0].value == t("numbers.title", "nb")
    assert app.query_params["lang"] == "nb"


def test_pasting_numbers_puts_them_in_the_link() -> None:
    app = opened_with()
    app.text_area[0].input("21234567\n80012345").run()
    assert app.query_params["n"] == "21234567,80012345"


def test_a_broken_link_is_ignored_not_a_crash() -> None:
    app = opened_with(n="z%%%broken", p="999", lang="xx")
    assert not app.exception
    assert app.title[0].value == t("numbers.title")


def test_a_link_asking_for_more_providers_than_numbers_is_capped() -> None:
    app = opened_with(n="21234567", p="5")
    assert not app.exception
    assert app.number_input(key="provider_count").value == 1


HOSTILE = ",".join(f"{21000000 + block * 10_000}-{21000000 + block * 10_000 + 9_999}" for block in range(10))


def test_a_link_of_ten_ranges_opens_no_more_than_a_link_may_and_says_so() -> None:
    app = opened_with(n=HOSTILE)  # 179 characters that once opened 100,000 numbers
    assert not app.exception
    assert metrics(app)[t("numbers.metric_entered")] == "10000"
    assert app.session_state["porting_request"].numbers_text == "21000000-21009999"
    assert app.warning[0].value == t("share.capped", limit="10,000", kept="10,000")


def test_the_capped_notice_goes_when_the_list_is_changed() -> None:
    app = opened_with(n=HOSTILE)
    app.text_area[0].input("21234567").run()
    assert not any("10,000" in warning.value for warning in app.warning)


def test_a_link_with_one_1576_digit_entry_opens_without_a_traceback() -> None:
    app = opened_with(n="zeNozMhoFo2AUjIJRMApwAwBT3DPg")
    assert not app.exception
    table = app.dataframe[0].value
    assert table["entered"][0] == "2" * 59 + "…"
    assert table["number"][0] == "2" * 59 + "…"


def test_a_shared_quote_keeps_which_provider_each_number_is_with() -> None:
    app = opened_with()
    app.text_area[0].input("21234567\n22334455\n23456789").run()
    app.number_input(key="provider_count").set_value(2).run()
    request = app.session_state["porting_request"]
    request.provider_of = {"21234567": 0, "22334455": 1, "23456789": 1}
    app.run()
    assert app.query_params["a"] == "22334455.1,23456789.1"
    shared = opened_with(**{name: app.query_params[name] for name in ("n", "p", "a")})
    assigned = shared.session_state["porting_request"].provider_of
    assert {number: index for number, index in assigned.items() if index} == {"22334455": 1, "23456789": 1}
    # A crafted assignment opens no more than the link's providers allow.
    crafted = opened_with(n="21234567,22334455", p="2", a="22334455.5,=1.1,21234567.1")
    assigned = crafted.session_state["porting_request"].provider_of
    assert {number: index for number, index in assigned.items() if index} == {"21234567": 1}
