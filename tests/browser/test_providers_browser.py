"""Two current providers in a real browser, from the quote to the receipt: one number is assigned to
the second provider, each provider gets its own account, letter, invoice and request, and each
request's status page and the console name the other one."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import document_corpus as corpus
from browser_helpers import (
    paste_numbers,
    run_and_wait,
    sign_in_to_console,
    track_runs,
    type_into,
    wait_for_app,
)
from brreg_register import ACTIVE
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from samples import CONSOLE_MEMBER, CONSOLE_PASSWORD, TYPED_BY_HAND, signed

from porting.calendar import oslo_today
from porting.i18n import t, tn
from porting.rules import rules

FIRST_NUMBERS = ("21 23 45 67", "800 12 345")  # with the first provider, Telenor (TYPED_BY_HAND)
SECOND_NUMBER = "23 45 67 89"  # moved to the second provider on the quote
SECOND_PROVIDER, SECOND_ACCOUNT = "Telia Norge AS", "TN-998877"
FIRST_PROVIDER, FIRST_ACCOUNT = TYPED_BY_HAND["current_provider"], TYPED_BY_HAND["account_number"]
REFERENCE = re.compile(r"NO-\d{4}-\d{6}")
ROW_HEIGHT_PX = 35  # a row of Streamlit's data editor, its header row included


def invoice(provider: str, account: str) -> bytes:
    """The corpus invoice from ``provider`` for ``account``, dated a few days ago."""
    day = (oslo_today() - timedelta(days=3)).strftime("%d.%m.%Y")
    swapped = {corpus.INVOICE_LINES[0]: provider, "Kundenummer: 1234567": f"Kundenummer: {account}"}
    lines = [swapped.get(line, line).replace(corpus.INVOICE_DATE, day) for line in corpus.INVOICE_LINES]
    return corpus.text_pdf([lines])


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def click_and_wait(page: Page, label: str) -> None:
    run_and_wait(page, lambda: page.get_by_text(label, exact=True).click())


def assign_to_second_provider(page: Page, row: int) -> None:
    """Choose "Provider 2" in the assignment table's provider cell of ``row`` (0: the first number).

    The table is a canvas: its cell is found by position (the provider column is the right half),
    its editor opened with a double click, and the option typed in the list it opens."""
    table = (
        page.get_by_test_id("stDataFrame")
        .filter(has_text=t("quote.col_provider"))
        .filter(has_text=SECOND_NUMBER)  # the numbers' table has no provider column, the requests' no numbers
    )
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    table.dblclick(position={"x": box["width"] * 0.75, "y": ROW_HEIGHT_PX * (row + 1.5)})
    choice = page.get_by_test_id("portal").get_by_role("combobox")
    choice.fill(t("quote.provider_name", index=2))  # the list keeps only that option
    run_and_wait(page, lambda: choice.press("Enter"))


def upload(page: Page, label: str, path: Path) -> None:
    """Upload ``path`` in the slot whose label contains ``label``."""
    slot = page.get_by_test_id("stFileUploader").filter(has_text=label)
    run_and_wait(page, lambda: slot.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path))


def slot_label(document: str, provider: str) -> str:
    return t("journey_providers.documents.slot", document=t(f"uploads.slot.{document}"), provider=provider)


def test_two_current_providers_get_a_letter_an_invoice_and_a_request_each(
    app_server: str, page: Page, tmp_path: Path
) -> None:
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "\n".join((*FIRST_NUMBERS, SECOND_NUMBER)))
    providers = page.get_by_role("spinbutton", name=t("quote.providers_label"))
    providers.fill("2")
    run_and_wait(page, lambda: providers.press("Enter"))
    assign_to_second_provider(page, row=2)
    first, second = (t("quote.provider_name", index=index) for index in (1, 2))
    expect(page.get_by_text(tn("quote.request_numbers", 2, provider=first))).to_be_visible()
    expect(page.get_by_text(tn("quote.request_numbers", 1, provider=second))).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company")).click())
    type_into(page, t("company.field.org_number"), ACTIVE)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("details.lookup_button")).click())
    for field, value in TYPED_BY_HAND.items():
        if field not in ("current_provider", "account_number"):
            type_into(page, t(f"company.field.{field}"), value)
    # Each provider's name and account, in the providers' order, each under its numbers.
    accounts = ((FIRST_PROVIDER, FIRST_ACCOUNT), (SECOND_PROVIDER, SECOND_ACCOUNT))
    for index, (name, account) in enumerate(accounts):
        fill_in(page, t("company.field.current_provider"), index, name)
        fill_in(page, t("company.field.account_number"), index, account)
    expect(page.get_by_text(t("details.complete"))).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.loa")).click())
    click_and_wait(page, t("uploads.answer_no"))  # the accounts hold no other numbers
    run_and_wait(page, lambda: page.get_by_role("button", name=t("loa.prepare")).click())
    letters = {}
    for index, (name, provider) in enumerate(((first, FIRST_PROVIDER), (second, SECOND_PROVIDER)), start=1):
        named = t("journey_providers.named", provider=name, name=provider)
        button = page.get_by_role("button", name=t("journey_providers.loa.download", provider=named))
        with page.expect_download() as download:
            run_and_wait(page, button.click)  # the download marks the letter downloaded: a rerun
        assert download.value.suggested_filename.endswith(f"-{index}-{provider.replace(' ', '-')}.pdf")
        letters[name] = signed(Path(download.value.path()).read_bytes())
    first_letter, second_letter = (pdf_text(letters[name]) for name in (first, second))
    assert all(number in first_letter for number in (*FIRST_NUMBERS, FIRST_PROVIDER, FIRST_ACCOUNT))
    assert not any(text in first_letter for text in (SECOND_NUMBER, SECOND_PROVIDER, SECOND_ACCOUNT))
    assert all(text in second_letter for text in (SECOND_NUMBER, SECOND_PROVIDER, SECOND_ACCOUNT))
    assert not any(text in second_letter for text in (*FIRST_NUMBERS, FIRST_PROVIDER, FIRST_ACCOUNT))

    files = {
        slot_label("loa", first): letters[first],
        slot_label("invoice", first): invoice(FIRST_PROVIDER, FIRST_ACCOUNT),
        slot_label("loa", second): letters[second],
        slot_label("invoice", second): invoice(SECOND_PROVIDER, SECOND_ACCOUNT),
        t("uploads.slot.registration"): corpus.firmaattest_pdf(),
    }
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents")).click())
    for index, (label, data) in enumerate(files.items()):
        path = tmp_path / f"document-{index}.pdf"
        path.write_bytes(data)
        upload(page, label, path)
    click_and_wait(page, t("uploads.confirm_active.other", count=3))
    for acknowledgement in rules().acknowledgements:
        click_and_wait(page, acknowledgement.texts["en"])
    expect(page.get_by_text(t("uploads.ready"))).to_be_visible()

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.submit")).click())
    click_and_wait(page, t("submit.consent"))
    run_and_wait(page, lambda: page.get_by_role("button", name=t("submit.button")).click())
    expect(page.get_by_text(t("journey_providers.receipt.received", count=2))).to_be_visible()
    links = [code.inner_text().strip() for code in page.get_by_test_id("stCode").all()]
    references = REFERENCE.findall(page.get_by_test_id("stMain").inner_text())
    assert len(links) == 2 and len(set(references)) == 2, (links, references)
    assert all("/track?token=" in link for link in links)

    for link, reference, other in zip(links, references, reversed(references), strict=True):
        status = page.context.new_page()
        track_runs(status)
        status.goto(link)
        wait_for_app(status)
        heading = t("request_status.reference", reference=reference)
        expect(status.get_by_role("heading", name=heading)).to_be_visible()
        expect(status.get_by_text(t("journey_providers.status.siblings", references=other))).to_be_visible()
        status.close()

    in_console(page.context.new_page(), f"{app_server}/team?ref={references[0]}", *references)


def in_console(console: Page, link: str, first: str, second: str) -> None:
    """The console opens the first request from its link, with the first provider's two numbers,
    names the second beside it and opens it, with the second provider's one number."""
    track_runs(console)
    console.goto(link)
    wait_for_app(console)
    sign_in_to_console(console, CONSOLE_PASSWORD, CONSOLE_MEMBER)
    expect(console.get_by_role("heading", name=t("console.detail.heading", reference=first))).to_be_visible()
    expect(console.get_by_text(t("journey_providers.console.siblings", references=second))).to_be_visible()
    expect(console.get_by_text(to_port(len(FIRST_NUMBERS)))).to_be_visible()
    opened = console.get_by_role("button", name=t("console.detail.open", reference=second))
    run_and_wait(console, opened.click)
    expect(console.get_by_role("heading", name=t("console.detail.heading", reference=second))).to_be_visible()
    expect(console.get_by_text(t("journey_providers.console.siblings", references=first))).to_be_visible()
    expect(console.get_by_text(to_port(1))).to_be_visible()


def to_port(count: int) -> str:
    """The console's line of how many numbers a request ports, as its page shows it (no markdown)."""
    return t("journey_console.detail.to_port", count=str(count)).replace("**", "")


def fill_in(page: Page, label: str, index: int, value: str) -> None:
    """Type ``value`` into the ``index``-th text field labelled ``label`` and wait for the rerun."""
    field = page.get_by_role("textbox", name=label, exact=True).nth(index)
    field.fill(value)
    run_and_wait(page, lambda: field.press("Enter"))
