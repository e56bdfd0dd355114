"""'Request status' in a real browser: a request submitted here is remembered by its status token
in a cookie and listed on /track; another browser, which remembers none, has the status links
mailed to the address on the request."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
from browser_helpers import paste_numbers, run_and_wait, track_runs, type_into, upload_documents, wait_for_app
from brreg_register import ACTIVE
from mail_server import Mailbox
from playwright.sync_api import Browser, Page, expect
from samples import TYPED_BY_HAND, signed
from test_submit_browser import click_and_wait, fresh_invoice

from porting.i18n import t
from porting.rules import rules
from ui.remembered import COOKIE


def submit_a_request(page: Page, app_server: str, tmp_path: Path) -> tuple[str, str]:
    """The wizard from numbers to the receipt; the reference and the status token."""
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67\n800 12 345")
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company")).click())
    type_into(page, t("company.field.org_number"), ACTIVE)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("details.lookup_button")).click())
    for field, value in TYPED_BY_HAND.items():
        type_into(page, t(f"company.field.{field}"), value)
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.loa")).click())
    click_and_wait(page, t("uploads.answer_no"))
    run_and_wait(page, lambda: page.get_by_role("button", name=t("loa.prepare")).click())
    with page.expect_download() as download:
        page.get_by_role("button", name=t("loa.download")).click()
    letter, invoice, certificate = (tmp_path / name for name in ("loa.pdf", "faktura.pdf", "firmaattest.pdf"))
    letter.write_bytes(signed(Path(download.value.path()).read_bytes()))
    invoice.write_bytes(fresh_invoice())
    certificate.write_bytes(corpus.firmaattest_pdf())
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())
    upload_documents(page, (letter, invoice, certificate))
    click_and_wait(page, t("uploads.confirm_active.other", count=2))
    for acknowledgement in rules().acknowledgements:
        click_and_wait(page, acknowledgement.texts["en"])
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.submit")).click())
    click_and_wait(page, t("submit.consent"))
    run_and_wait(page, lambda: page.get_by_role("button", name=t("submit.button")).click())
    received = page.get_by_text("Request received.")
    expect(received).to_be_visible()
    reference = received.inner_text().rstrip(".").split()[-1]
    link = page.get_by_test_id("stCode").inner_text().strip()
    return reference, link.split("token=")[1].split("&")[0]


def test_a_request_sent_from_this_browser_is_listed_and_another_browser_gets_its_links_by_mail(
    app_server: str, page: Page, browser: Browser, tmp_path: Path, mailbox: Mailbox
) -> None:
    reference, token = submit_a_request(page, app_server, tmp_path)
    page.wait_for_function(f"document.cookie.includes({token!r})")
    (cookie,) = [found for found in page.context.cookies() if found["name"] == COOKIE]
    assert cookie["value"].split(".")[-1] == token  # the status token and nothing else
    assert all(part.isascii() and "@" not in part for part in cookie["value"].split("."))

    mine = page.context.new_page()  # a new session of the same browser: only the cookie remembers
    track_runs(mine)
    mine.goto(f"{app_server}/track")
    wait_for_app(mine)
    line = t("journey_status.mine.line", reference=reference, status=t("request_status.name.received"))
    run_and_wait(mine, lambda: mine.get_by_role("link", name=line).click())
    heading = t("request_status.reference", reference=reference)
    expect(mine.get_by_role("heading", name=heading)).to_be_visible()

    other = browser.new_context().new_page()
    track_runs(other)
    try:
        other.goto(f"{app_server}/track")
        wait_for_app(other)
        expect(other.get_by_role("heading", name=t("journey_status.lookup.heading"))).to_be_visible()
        type_into(other, t("journey_status.lookup.address"), TYPED_BY_HAND["email"])
        ask = other.get_by_role("button", name=t("journey_status.lookup.button"))
        run_and_wait(other, ask.click)
        expect(other.get_by_text(t("journey_status.lookup.sent"))).to_be_visible()
        subject = t("journey_status.mail.subject", brand=rules().brand)
        mail = mailbox.wait_for(lambda found: str(found["Subject"]) == subject)
        assert f"{reference}: {app_server}/track?token={token}" in mail.get_content()
    finally:
        other.context.close()
