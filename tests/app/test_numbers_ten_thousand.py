"""10,000 numbers on the numbers step: one page of the table is made, and the download only
when it is pressed."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from porting.i18n import t

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TEN_THOUSAND = "22 00 00 00 - 22 00 99 99"


@pytest.fixture
def app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60).run()
    return app.text_area[0].input(TEN_THOUSAND).run()


def test_the_table_shows_one_page_of_ten_thousand(app: AppTest) -> None:
    assert not app.exception
    assert {metric.label: metric.value for metric in app.metric}[t("numbers.metric_distinct")] == "10000"
    table = app.dataframe[0].value
    assert len(table) == 100
    assert table["number"].iloc[0] == "22 00 00 00"
    app.number_input(key="numbers_page").set_value(2).run()
    table = app.dataframe[0].value
    assert len(table) == 100 and table["number"].iloc[0] == "22 00 01 00"
    app.number_input(key="numbers_page").set_value(100).run()
    assert app.dataframe[0].value["number"].iloc[-1] == "22 00 99 99"


def test_the_download_is_made_when_pressed_not_on_every_run(app: AppTest) -> None:
    download = app.get("download_button")[0]
    assert download.proto.label == t("numbers.download")
    # a deferred file: the run sent no file, the press makes it (tests/browser/test_numbers_browser.py)
    assert download.proto.deferred_file_id and not download.proto.url
