"""The numbers page in a real browser: paste numbers, see the counts, download the table."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from browser_helpers import choose_option, run_and_wait, track_runs, wait_for_app
from playwright.sync_api import Page, expect

from porting.calendar import oslo_today
from porting.i18n import format_date, t
from porting.quote.timeline import timeline

PASTE = "+47 21 23 45 67\n21234567\n800 12 345\n41234567\n+46 8 123 456 78\n21 23 45 00-09"


def test_pasted_numbers_show_counts_and_a_table(app_server: str, page: Page, tmp_path: Path) -> None:
    page.goto(app_server)
    wait_for_app(page)
    box = page.get_by_role("textbox", name=t("numbers.paste_label"))
    box.fill(PASTE)
    run_and_wait(page, lambda: box.press("Control+Enter"))

    metrics = page.get_by_test_id("stMetric")
    expect(metrics.filter(has_text=t("numbers.metric_entered"))).to_contain_text("15")
    expect(metrics.filter(has_text=t("numbers.metric_distinct"))).to_contain_text("14")
    expect(metrics.filter(has_text=t("numbers.metric_portable"))).to_contain_text("12")
    expect(metrics.filter(has_text=t("numbers.metric_mobile"))).to_contain_text("1")
    expect(page.get_by_test_id("stAlert").filter(has_text="Virtual Caller ID")).to_contain_text("41 23 45 67")

    counts = page.get_by_test_id("stTable")
    expect(counts.get_by_role("row").filter(has_text=t("type.geographic"))).to_contain_text("11")
    expect(counts.get_by_role("row").filter(has_text=t("type.invalid"))).to_contain_text("1")
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()

    plan = timeline(oslo_today())
    quote_metrics = page.get_by_test_id("stMetric")
    expect(quote_metrics.filter(has_text=t("quote.metric_total"))).to_contain_text(
        "€90.00"
    )  # 1 request and 12 numbers
    expect(quote_metrics.filter(has_text=t("timeline.metric_porting_day"))).to_contain_text(
        format_date(plan.porting_day, "en", "medium")
    )
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name=t("numbers.download")).click()
    assert download.value.suggested_filename == t("numbers.download_name")
    saved = tmp_path / "numbers.csv"
    download.value.save_as(saved)
    with saved.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    numbers = [row[t("numbers.col_number")] for row in rows]
    assert numbers[:3] == ["'+4721234567", "'+4780012345", "'+4741234567"]  # E.164, kept as text
    statuses = {row[t("numbers.col_status")] for row in rows}
    assert statuses <= {
        t(f"status.{status}") for status in ("portable", "virtual_caller_id", "not_portable", "invalid")
    }
    assert len(rows) == 14
    assert rows[0][t("numbers.col_repeats")] == "1"
    assert "Sweden" in rows[3][t("numbers.col_note")]


def test_the_language_switch_in_the_sidebar_changes_the_page(app_server: str, page: Page) -> None:
    page.goto(app_server)
    wait_for_app(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("numbers.title", "en"))
    switch = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
    choose_option(page, switch, t("language.name", "nb"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("numbers.title", "nb"))


@pytest.mark.parametrize("viewport", [(1280, 720), (390, 844)], ids=["projector", "phone"])
def test_a_shared_link_reopens_the_same_quote(app_server: str, page: Page, viewport: tuple[int, int]) -> None:
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(app_server)
    wait_for_app(page)
    box = page.get_by_role("textbox", name=t("numbers.paste_label"))
    box.fill("21 23 45 67\n800 12 345\n41 23 45 67")
    run_and_wait(page, lambda: box.press("Control+Enter"))
    expect(page).to_have_url(re.compile(r"n=21\+23\+45\+67%2C800\+12\+345%2C41\+23\+45\+67"))
    shared = page.url

    other = page.context.new_page()
    other.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    track_runs(other)
    other.goto(shared)
    wait_for_app(other)
    expect(other.get_by_test_id("stMetric").filter(has_text=t("quote.metric_total"))).to_contain_text(
        "€40.00"
    )
    expect(other.get_by_role("textbox", name=t("numbers.paste_label"))).to_have_value(
        "21 23 45 67\n800 12 345\n41 23 45 67"
    )


def test_the_quote_downloads_as_a_pdf(app_server: str, page: Page, tmp_path: Path) -> None:
    from pypdf import PdfReader

    page.goto(app_server)
    wait_for_app(page)
    box = page.get_by_role("textbox", name=t("numbers.paste_label"))
    box.fill("21 23 45 67\n800 12 345\n41 23 45 67")
    run_and_wait(page, lambda: box.press("Control+Enter"))
    run_and_wait(page, lambda: page.get_by_role("button", name=t("quote.prepare_pdf")).click())
    with page.expect_download() as download:
        page.get_by_role("button", name=t("quote.download_pdf")).click()
    assert download.value.suggested_filename.startswith("quote-")
    saved = tmp_path / "quote.pdf"
    download.value.save_as(saved)
    text = "\n".join(page_.extract_text() for page_ in PdfReader(saved).pages)
    assert "€40.00" in text and "21 23 45 67" in text and "800 12 345" in text
