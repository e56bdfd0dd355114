"""One requested porting day in a real browser, from the quote to the team's console: set on the
quote, shown in the company step's field, printed on the letter, named on review and on the
receipt, in the team's notice and in the console's request. And a holiday asked for on the company
step is refused with the nearest days that work, one of which a click sets.

The days are worked out from today with ``porting.calendar``, so the test holds on any date. The
journey is the customer's own (the demo fills no porting day and is never submitted): the company
looked up and typed, the letter downloaded and signed, the documents uploaded.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import document_corpus as corpus
from browser_helpers import (
    paste_date,
    paste_numbers,
    run_and_wait,
    shown_date,
    sign_in_to_console,
    track_runs,
    type_into,
    upload_documents,
    wait_for_app,
)
from brreg_register import ACTIVE
from mail_server import Mailbox
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from samples import CONSOLE_MEMBER, CONSOLE_PASSWORD, TEAM_EMAIL, TYPED_BY_HAND, signed
from test_submit_browser import click_and_wait, fresh_invoice

from porting.calendar import (
    add_business_days,
    business_day_on_or_after,
    holiday_on,
    is_business_day,
    oslo_today,
)
from porting.i18n import format_date, t
from porting.rules import rules

REQUESTED_LABEL = t("quote.requested_label")
WEEKS_AFTER_THE_EARLIEST = 5
REFERENCE = re.compile(r"NO-\d{4}-\d+")


def earliest_porting_day(today: date) -> date:
    """The earliest porting day of a request submitted ``today``, as the guide counts it."""
    return add_business_days(today, rules().timeline.porting_business_days)


def requested_day(today: date) -> date:
    """A business day some weeks after the earliest, not one carriers rarely port on."""
    day = business_day_on_or_after(earliest_porting_day(today) + timedelta(weeks=WEEKS_AFTER_THE_EARLIEST))
    while (day.month, day.day) in rules().rarely_ported_days:
        day = business_day_on_or_after(day + timedelta(days=1))
    return day


def next_christmas_day(today: date) -> date:
    """The next 25 December late enough that the business days on either side can both be had."""
    christmas = date(today.year, 12, 25)
    while christmas - timedelta(weeks=1) < earliest_porting_day(today):
        christmas = christmas.replace(year=christmas.year + 1)
    return christmas


def business_day_beside(day: date, step: int) -> date:
    """The nearest business day before ``day`` (``step`` -1) or after it (1)."""
    day += timedelta(days=step)
    while not is_business_day(day):
        day += timedelta(days=step)
    return day


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_the_day_requested_on_the_quote_is_the_day_everyone_sees_through_to_the_console(
    app_server: str, page: Page, tmp_path: Path, mailbox: Mailbox
) -> None:
    day = requested_day(oslo_today())
    long_day, medium_day = format_date(day, "en"), format_date(day, "en", "medium")
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67\n800 12 345")
    paste_date(page, REQUESTED_LABEL, day)
    expect(shown_date(page, REQUESTED_LABEL)).to_have_value(day.isoformat())
    porting = page.get_by_test_id("stMetric").filter(has_text=t("timeline.metric_porting_day"))
    expect(porting).to_contain_text(medium_day)  # the quote's porting day is the day asked for

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company")).click())
    expect(shown_date(page, REQUESTED_LABEL)).to_have_value(day.isoformat())
    type_into(page, t("company.field.org_number"), ACTIVE)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("details.lookup_button")).click())
    for field, value in TYPED_BY_HAND.items():
        type_into(page, t(f"company.field.{field}"), value)
    expect(page.get_by_text(t("details.complete"))).to_be_visible()
    expect(shown_date(page, REQUESTED_LABEL)).to_have_value(day.isoformat())

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.loa")).click())
    click_and_wait(page, t("uploads.answer_no"))  # the account holds no other numbers
    run_and_wait(page, lambda: page.get_by_role("button", name=t("loa.prepare")).click())
    with page.expect_download() as download:
        page.get_by_role("button", name=t("loa.download")).click()
    letter = tmp_path / "loa.pdf"
    letter.write_bytes(signed(Path(download.value.path()).read_bytes()))
    assert long_day in pdf_text(letter)
    invoice, certificate = tmp_path / "faktura.pdf", tmp_path / "firmaattest.pdf"
    invoice.write_bytes(fresh_invoice())
    certificate.write_bytes(corpus.firmaattest_pdf())

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())
    upload_documents(page, (letter, invoice, certificate))
    click_and_wait(page, t("uploads.confirm_active.other", count=2))
    for acknowledgement in rules().acknowledgements:
        click_and_wait(page, acknowledgement.texts["en"])
    expect(page.get_by_text(t("uploads.ready"))).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.submit")).click())
    expect(page.get_by_text(t("journey_status.review.requested_day", day=long_day))).to_be_visible()
    click_and_wait(page, t("submit.consent"))
    run_and_wait(page, lambda: page.get_by_role("button", name=t("submit.button")).click())
    expect(page.get_by_text(t("porting_day.receipt_requested", day=long_day))).to_be_visible()
    received = page.get_by_test_id("stAlert").filter(has_text=REFERENCE)
    expect(received).to_be_visible()
    found = REFERENCE.search(received.inner_text())
    assert found is not None
    reference = found.group()

    team = mailbox.wait_for(lambda mail: TEAM_EMAIL in str(mail["To"]) and reference in str(mail["Subject"]))
    assert t("porting_day.team_requested", day=long_day) in team.get_content()

    console = page.context.new_page()
    track_runs(console)
    console.goto(f"{app_server}/team?ref={reference}")
    wait_for_app(console)
    sign_in_to_console(console, CONSOLE_PASSWORD, CONSOLE_MEMBER)
    expect(
        console.get_by_role("heading", name=t("console.detail.heading", reference=reference))
    ).to_be_visible()
    console.get_by_role("tab", name=t("console.detail.tab_quote")).click()
    # The table is drawn on a canvas; its cells are also written out, inside it, for screen readers.
    table = console.get_by_role("tabpanel", name=t("console.detail.tab_quote")).get_by_test_id("stDataFrame")
    row = table.locator("tr").filter(has_text=t("porting_day.console_field"))
    expect(row).to_contain_text(medium_day)


def test_christmas_day_on_the_company_step_is_refused_and_a_day_offered_is_set_by_a_click(
    app_server: str, page: Page
) -> None:
    christmas = next_christmas_day(oslo_today())
    before, after = business_day_beside(christmas, -1), business_day_beside(christmas, 1)
    page.goto(app_server)
    wait_for_app(page)
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company")).click())
    paste_date(page, REQUESTED_LABEL, christmas)

    holiday = holiday_on(christmas)
    assert holiday is not None
    why = t("porting_day.why.holiday", holiday=holiday.names["en"])
    refusal = page.get_by_test_id("stAlert").filter(has_text=why)
    expect(refusal).to_contain_text(format_date(christmas, "en"))
    expect(refusal).to_contain_text(f"{format_date(before, 'en')} or {format_date(after, 'en')}")
    offered = [t("porting_day.choose", day=format_date(day, "en", "medium")) for day in (before, after)]
    for label in offered:
        expect(page.get_by_role("button", name=label)).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("button", name=offered[1]).click())
    expect(shown_date(page, REQUESTED_LABEL)).to_have_value(after.isoformat())
    expect(refusal).to_have_count(0)
    expect(page.get_by_role("button", name=offered[0])).to_have_count(0)
