"""Quotes in links through AppTest: a link opens the same quote, and the page keeps its link current."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from porting.i18n import t
from porting.share import encode_numbers

APP = str(Path(__file__).resolve().parent.parent / "app.py")


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
