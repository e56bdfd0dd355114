"""The console's dashboard in a real browser: Chromium draws each of its four charts (as SVG, so
their bars are elements a screen reader finds), each with its table and CSV download below it,
and the CSV downloaded holds the table's figures."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from browser_helpers import sign_in_to_console, track_runs, wait_for_app
from playwright.sync_api import Page, expect
from samples import CONSOLE_MEMBER, CONSOLE_PASSWORD
from store_fixtures import Clock, dashboard_requests

from porting.i18n import t
from porting.requests.schema import Store
from ui.wizard.submit import shared_store


def test_the_dashboard_draws_four_charts_each_with_its_table_and_csv(app_server: str, page: Page) -> None:
    dashboard_requests(Store(shared_store().engine, clock=Clock(datetime.now(UTC))))
    track_runs(page)
    page.goto(f"{app_server}/team")
    wait_for_app(page)
    sign_in_to_console(page, CONSOLE_PASSWORD, CONSOLE_MEMBER)  # the console opens on the dashboard

    for key in ("open", "age", "rejections", "ported"):
        expect(page.get_by_role("heading", name=t(f"dashboard.{key}.heading"))).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(4)
    for index in range(4):
        expect(charts.nth(index).locator('path[aria-roledescription="bar"]').first).to_be_attached()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(4)
    downloads = page.get_by_role("button", name=t("dashboard.download"))
    expect(downloads).to_have_count(4)

    with page.expect_download() as download:
        downloads.first.click()
    path = download.value.path()
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == [t("dashboard.column.status"), t("dashboard.column.requests")]
    statuses = {status: int(count) for status, count in rows[1:]}
    assert statuses[t("console.status.received")] >= 1  # other tests of the session add theirs
    assert statuses[t("console.status.under_review")] >= 1
