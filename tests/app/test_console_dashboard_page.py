"""The console's dashboard through AppTest: its four charts, each with its table and CSV download,
the figures of requests counted by hand, and a clear word when the store is empty.

Each test has a database of its own (``own_app_store``). Requests are stored with a clock of the
test's own on the app's engine, at times counted back from now, since the dashboard counts to
today in Oslo.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from store_fixtures import Clock, dashboard_requests
from streamlit.testing.v1 import AppTest

import ui.console.page as console
import ui.console.signin
from porting.calendar import business_days_between, oslo_today
from porting.i18n import t
from porting.requests.dashboard import week_of
from porting.requests.schema import Store
from ui.wizard.submit import shared_store

pytestmark = pytest.mark.usefixtures("own_app_store")

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "pages/7_console.py"
PASSWORD = "s3cret-fjord-harbour-2027"


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(console.PASSWORD_VARIABLE, PASSWORD)
    monkeypatch.setattr(ui.console.signin, "client_address", lambda: "198.51.100.7-dashboard")


def dashboard_view() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.switch_page(PAGE).run()
    app.text_input(key="console_name").input("Kari Teamleder")
    app.text_input(key="console_password").input(PASSWORD)
    next(item for item in app.button if item.label == t("console.sign_in")).click().run()
    # The sign-in ends in st.rerun(); AppTest takes the next widget change only after one more run.
    app.run()
    assert not app.exception
    return app


def test_the_console_opens_on_the_dashboard() -> None:
    app = dashboard_view()  # signed in, nothing chosen
    assert app.get("button_group")[0].value == console.DASHBOARD
    assert app.markdown or app.info  # the dashboard or its empty state, not the queue
    assert not [field for field in app.text_input if field.key == "console_search"]


def charts(app: AppTest) -> list[Any]:
    return list(app.get("vega_lite_chart"))


def frames(app: AppTest) -> list[pd.DataFrame]:
    return [frame.value for frame in app.dataframe]


def rows(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in frame.itertuples(index=False)]


def fill(now: datetime) -> Store:
    return dashboard_requests(Store(shared_store().engine, clock=Clock(now)))


def test_the_dashboard_shows_each_chart_with_its_table_and_csv() -> None:
    now = datetime.now(UTC)
    fill(now)
    today = oslo_today(now)
    app = dashboard_view()
    assert len(charts(app)) == 4
    specs = [json.loads(chart.proto.spec) for chart in charts(app)]
    assert all(
        t("dashboard.column.requests") in json.dumps(spec) for spec in specs
    )  # labels from the catalogue
    open_table, ages, rejections, ported = frames(app)
    assert list(open_table.columns) == [t("dashboard.column.status"), t("dashboard.column.requests")]
    assert rows(open_table) == [(t("console.status.received"), 1), (t("console.status.under_review"), 1)]
    age = business_days_between(oslo_today(now - timedelta(days=40)), today)
    assert rows(ages) == [(0, t("dashboard.band.on_time"), 1), (age, t("dashboard.band.late"), 1)]
    assert t("dashboard.age.totals", on_time=1, at_risk=0, late=1) in [item.value for item in app.markdown]
    assert rows(rejections) == [(f"{today:%Y-%m}", "Outdated invoice", 1)]
    assert rows(ported)[-1] == (week_of(today).isoformat(), 1, 1)  # its one geographic number
    downloads = app.get("download_button")
    assert [item.label for item in downloads] == [t("dashboard.download")] * 4
    assert [item.proto.url for item in downloads]  # each a file of its own


def test_the_dashboard_in_norwegian() -> None:
    fill(datetime.now(UTC))
    app = dashboard_view()
    app.sidebar.selectbox(key="language").set_value("nb").run()
    assert not app.exception
    open_table, ages, rejections, _ = frames(app)
    assert list(open_table.columns) == [
        t("dashboard.column.status", "nb"),
        t("dashboard.column.requests", "nb"),
    ]
    assert rows(open_table)[0] == (t("console.status.received", "nb"), 1)
    assert rows(ages)[-1][1] == t("dashboard.band.late", "nb")
    assert rows(rejections)[0][1] == "Utdatert faktura"
    specs = json.dumps([json.loads(chart.proto.spec) for chart in charts(app)], ensure_ascii=False)
    assert t("dashboard.column.requests", "nb") in specs and t("dashboard.column.requests") not in specs


def test_an_empty_store_says_there_is_nothing_to_show_yet() -> None:
    app = dashboard_view()
    assert [item.value for item in app.info] == [t("dashboard.empty")]
    assert not charts(app) and not app.dataframe and not app.get("download_button")


def test_the_csv_holds_the_tables_figures() -> None:
    from porting.requests.dashboard import StatusCount
    from ui.console.dashboard import open_frame

    frame = open_frame((StatusCount("received", 3), StatusCount("under_review", 1)), "nb")
    text = frame.to_csv(index=False)
    assert pd.read_csv(io.StringIO(text)).values.tolist() == [["Mottatt", 3], ["Under behandling", 1]]
