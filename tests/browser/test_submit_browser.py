"""The whole journey in a real browser: numbers, details, letter, documents, submit, the status link;
then the porting team accepts the request in its console, the customer's status page shows the
porting day, and the notices of each step arrive through SMTP."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

import document_corpus as corpus
from accessibility import assert_accessible
from browser_helpers import (
    choose_option,
    paste_numbers,
    run_and_wait,
    sign_in_to_console,
    track_runs,
    type_into,
    upload_documents,
    wait_for_app,
)
from brreg_register import ACTIVE
from conftest import OUTPUT_DIR
from icalendar import Calendar
from mail_server import Mailbox
from playwright.sync_api import Page, expect
from samples import CONSOLE_MEMBER, CONSOLE_PASSWORD, TEAM_EMAIL, TYPED_BY_HAND, signed

from porting.calendar import next_business_day, oslo_today
from porting.i18n import format_date, t
from porting.rules import rules


def fresh_invoice() -> bytes:
    """The corpus invoice, dated a few days ago so it is recent enough whatever today is."""
    day = (oslo_today() - timedelta(days=3)).strftime("%d.%m.%Y")
    return corpus.text_pdf([[line.replace(corpus.INVOICE_DATE, day) for line in corpus.INVOICE_LINES]])


def click_and_wait(page: Page, label: str) -> None:
    run_and_wait(page, lambda: page.get_by_text(label, exact=True).click())


def test_the_whole_journey_ends_in_a_request_the_team_accepts_and_the_customer_sees(
    app_server: str, page: Page, tmp_path: Path, mailbox: Mailbox
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67\n800 12 345")

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company")).click())
    type_into(page, t("company.field.org_number"), ACTIVE)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("details.lookup_button")).click())
    for field, value in TYPED_BY_HAND.items():
        type_into(page, t(f"company.field.{field}"), value)
    expect(page.get_by_text(t("details.complete"))).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.loa")).click())
    click_and_wait(page, t("uploads.answer_no"))  # the account holds no other numbers
    run_and_wait(page, lambda: page.get_by_role("button", name=t("loa.prepare")).click())
    with page.expect_download() as download:
        page.get_by_role("button", name=t("loa.download")).click()
    letter = tmp_path / "loa.pdf"
    letter.write_bytes(signed(Path(download.value.path()).read_bytes()))
    invoice, certificate = tmp_path / "faktura.pdf", tmp_path / "firmaattest.pdf"
    invoice.write_bytes(fresh_invoice())
    certificate.write_bytes(corpus.firmaattest_pdf())

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())
    upload_documents(page, (letter, invoice, certificate))
    click_and_wait(page, t("uploads.confirm_active.other", count=2))
    for acknowledgement in rules().acknowledgements:
        click_and_wait(page, acknowledgement.texts["en"])
    expect(page.get_by_text(t("uploads.ready"))).to_be_visible()
    assert_accessible(page, "every document uploaded and checked")

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.submit")).click())
    click_and_wait(page, t("submit.consent"))
    assert_accessible(page, "the review, ready to send")
    run_and_wait(page, lambda: page.get_by_role("button", name=t("submit.button")).click())
    expect(page.get_by_text("Request received.")).to_be_visible()
    assert_accessible(page, "the receipt")
    link = page.get_by_test_id("stCode").inner_text().strip()
    assert "/track?token=" in link

    status = page.context.new_page()
    track_runs(status)
    status.goto(link)
    wait_for_app(status)
    expect(status.get_by_text(t("request_status.name.received"), exact=True).first).to_be_visible()
    heading = status.get_by_role("heading", name="Request NO-")
    expect(heading).to_be_visible()
    reference = heading.inner_text().split()[-1]

    customer = TYPED_BY_HAND["email"]
    received = mailbox.wait_for(lambda mail: _to(mail) == customer and reference in str(mail["Subject"]))
    assert link in received.get_content() and received["Content-Language"] == "en"
    team = mailbox.wait_for(lambda mail: _to(mail) == TEAM_EMAIL and reference in str(mail["Subject"]))
    console_link = f"{app_server}/team?ref={reference}"  # the team's way in: never the customer's link
    assert console_link in team.get_content() and link not in team.get_content()
    assert not team.is_multipart()  # no document attached

    porting_day = accept_in_console(page.context.new_page(), console_link, reference)

    status.reload()
    wait_for_app(status)
    expect(status.get_by_text(t("request_status.name.accepted"), exact=True).first).to_be_visible()
    shown_day = format_date(porting_day, "en")
    expect(status.get_by_text(t("request_status.porting_date", day=shown_day))).to_be_visible()
    confirmed = mailbox.wait_for(lambda mail: _to(mail) == customer and shown_day in str(mail["Subject"]))
    text = confirmed.get_body(("plain",))
    assert text is not None and link in text.get_content()
    (calendar,) = confirmed.iter_attachments()  # the porting day, to add to a calendar
    event = Calendar.from_ical(calendar.get_payload(decode=True)).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == porting_day
    nothing_personal_is_logged(reference, token=link.split("token=")[1].split("&")[0])


def nothing_personal_is_logged(reference: str, token: str) -> None:
    """The server's whole log names the request and its notices, and none of the journey's personal values."""
    logged = wait_for_log(
        lambda text: "console: signed in" in text and text.count(") sent") >= 3,  # received, team, accepted
        OUTPUT_DIR / "app_server.log",
    )
    assert f"stored porting request {reference}" in logged
    personal = [
        *TYPED_BY_HAND.values(), "22334455", "+4722334455", ACTIVE, "999 990 002", "FJORDLINJE TELEKOM",
        "Fjordlinje Telekom", token, TEAM_EMAIL, CONSOLE_PASSWORD,
        "21 23 45 67", "21234567", "800 12 345", "80012345", "+4721234567", "+4780012345",
    ]  # fmt: skip
    assert [value for value in personal if value in logged] == []
    assert "@" not in logged  # no address of anyone, however written


def wait_for_log(ready: Callable[[str], bool], path: Path, timeout_s: float = 10) -> str:
    """The log's text once ``ready`` says so: notices are sent, and logged, by a background thread."""
    deadline = time.monotonic() + timeout_s
    while not ready(text := path.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, f"the log did not show the journey's events in {timeout_s} s"
        time.sleep(0.05)  # a file has nothing to wait on
    return text


def _to(mail: EmailMessage) -> str:
    return parseaddr(str(mail["To"]))[1]


def choose(page: Page, label: str, option: str) -> None:
    """Pick the option whose name contains ``option`` in the select box labelled ``label``."""
    choose_option(page, page.get_by_test_id("stSelectbox").filter(has_text=label).locator("input"), option)


def accept_in_console(console: Page, console_link: str, reference: str) -> date:
    """Open the team notice's link, sign in to the console, which shows the request at once, and
    take it through review to accepted; the porting day."""
    track_runs(console)
    console.goto(console_link)
    wait_for_app(console)
    sign_in_to_console(console, CONSOLE_PASSWORD, CONSOLE_MEMBER)
    expect(
        console.get_by_role("heading", name=t("console.detail.heading", reference=reference))
    ).to_be_visible()
    porting_day = next_business_day(oslo_today() + timedelta(days=21))
    for status in ("under_review", "submitted_to_carrier", "accepted"):
        choose(console, t("console.change.new_status"), t(f"console.status.{status}"))
        if status == "accepted":
            label = t("console.change.porting_date")
            console.get_by_role("spinbutton", name=f"year, {label}").click()
            console.keyboard.type(porting_day.strftime("%Y%m%d"))  # year, month, day: each moves on
            note = console.get_by_role("textbox", name=t("console.change.note"))
            run_and_wait(console, lambda note=note: note.click())  # the day is sent on leaving the field
        run_and_wait(console, lambda: console.get_by_role("button", name=t("console.change.button")).click())
        done = console.get_by_test_id("stAlert").filter(has_text=t(f"console.status.{status}"))
        expect(done).to_be_visible()  # the console confirms the change
    return porting_day
