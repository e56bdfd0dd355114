"""The quote's timeline chart in a real browser: each date written over the strip sits over
that day's cell, the porting day's included.

The chart is drawn as SVG (``usermeta.embedOptions.renderer``), so its axis labels are
``<text>`` elements and its cells ``<path>`` elements named (``aria-label``) by their tooltip.
"""

from __future__ import annotations

from datetime import date

from browser_helpers import paste_date, paste_numbers, wait_for_app
from playwright.sync_api import Locator, Page, expect

from porting.i18n import format_date, t
from porting.quote.timeline import calendar_days

SUBMISSION = date(2026, 12, 1)  # a Tuesday: 17 business days on, the porting day is Thursday 24 December
PORTING_DAY = date(2026, 12, 24)


def cell(chart: Locator, day: date) -> Locator:
    """The strip's cell of ``day``, found by the day its tooltip names."""
    named = f"{t('timeline.chart_day')}: {format_date(day, 'en')};"
    return chart.locator(f'path[aria-roledescription="rect mark"][aria-label*="{named}"]')


def span(element: Locator) -> tuple[float, float]:
    box = element.bounding_box()
    assert box is not None
    return box["x"], box["x"] + box["width"]


def centre(element: Locator) -> float:
    left, right = span(element)
    return (left + right) / 2


def test_each_date_label_sits_over_its_days_cell(app_server: str, page: Page) -> None:
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67")
    paste_date(page, t("quote.submission_label"), SUBMISSION)
    porting = page.get_by_test_id("stMetric").filter(has_text=t("timeline.metric_porting_day"))
    expect(porting).to_contain_text(format_date(PORTING_DAY, "en", "medium"))
    wait_for_app(page)

    chart = page.get_by_test_id("stVegaLiteChart")
    porting_cell = cell(chart, PORTING_DAY)
    expect(porting_cell).to_be_visible()
    left, right = span(porting_cell)
    labels = chart.locator("g.role-axis-label text")
    above = [label.text_content() for label in labels.all() if left <= centre(label) <= right]
    assert above == ["24.12"], f"over the porting day's cell ({left:.0f}–{right:.0f} px): {above}"

    days = {day.day.strftime("%d.%m"): day.day for day in calendar_days(SUBMISSION, PORTING_DAY)}
    for label in labels.all():
        text = label.text_content() or ""
        day_left, day_right = span(cell(chart, days[text]))
        assert day_left <= centre(label) <= day_right, f"{text} is not over its day's cell"
