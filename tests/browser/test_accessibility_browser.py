"""Every page and the states that matter pass axe-core's WCAG 2.0 and 2.1 A and AA rules with no
serious or critical violation, in English and in Norwegian: each step and the accessibility
statement empty, the numbers read
(a mobile number blocked among them), the company's fields with errors, a document uploaded with
a problem, the review, the receipt, the status pages and the team's console signed in."""

from __future__ import annotations

from pathlib import Path

import document_corpus as corpus
import pytest
from accessibility import assert_accessible
from browser_helpers import paste_numbers, run_and_wait, sign_in_to_console, type_into, wait_for_app
from playwright.sync_api import Page, expect
from samples import CONSOLE_MEMBER, CONSOLE_PASSWORD
from store_fixtures import submit_sample

from porting.i18n import LANGUAGES, t
from porting.requests.store import open_store
from ui.wizard.flow import STEPS

LANGUAGE = pytest.mark.parametrize("language", LANGUAGES)


@LANGUAGE
def test_every_step_of_the_wizard_empty_and_filled_in(
    app_server: str, page: Page, tmp_path: Path, language: str
) -> None:
    for path in (*(step.url_path for step in STEPS), "accessibility"):
        page.goto(f"{app_server}/{path}?lang={language}")
        wait_for_app(page)
        assert_accessible(page, f"the page /{path}, empty ({language})")

    page.goto(f"{app_server}/?lang={language}")
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67\n800 12 345\n41 23 45 67\nfjord", language)
    expect(page.get_by_test_id("stMetric").first).to_be_visible()
    assert_accessible(page, f"the numbers read, one mobile and one invalid ({language})")

    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company", language)).click())
    type_into(page, t("company.field.org_number", language), "123")
    type_into(page, t("company.field.email", language), "kari@")
    expect(page.get_by_test_id("stAlertContentError").first).to_be_visible()
    expect(page.get_by_role("alert").filter(has=page.get_by_test_id("stAlertContentError"))).not_to_have_count(0)
    assert_accessible(page, f"the company's fields with errors ({language})")

    old_invoice = tmp_path / "faktura.pdf"
    lines = [line.replace(corpus.INVOICE_DATE, "02.01.2025") for line in corpus.INVOICE_LINES]
    old_invoice.write_bytes(corpus.text_pdf([lines]))
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.documents", language)).click())
    slots = page.get_by_test_id("stFileUploaderDropzoneInput")
    run_and_wait(page, lambda: slots.nth(1).set_input_files(old_invoice))
    expect(page.get_by_text(old_invoice.name).first).to_be_visible()
    assert_accessible(page, f"an invoice uploaded that is too old ({language})")


@LANGUAGE
def test_the_review_the_receipt_and_the_status_page_of_the_demo(
    app_server: str, page: Page, language: str
) -> None:
    page.goto(f"{app_server}/?lang={language}")
    wait_for_app(page)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.button", language)).click())
    expect(page.get_by_text(t("demo.banner", language))).to_be_visible()
    for step in STEPS[1:]:
        run_and_wait(page, lambda step=step: page.get_by_role("link", name=t(step.title, language)).click())
        assert_accessible(page, f"the demo's step {step.url_path}, filled in ({language})")

    run_and_wait(page, lambda: page.get_by_text(t("submit.consent", language), exact=True).click())
    run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.sandbox.submit", language)).click())
    expect(page.get_by_role("link", name=t("demo.sandbox.open_status", language))).to_be_visible()
    assert_accessible(page, f"the demo's receipt ({language})")
    run_and_wait(page, lambda: page.get_by_role("link", name=t("demo.sandbox.open_status", language)).click())
    expect(page.get_by_text(t("demo.sandbox.status_banner", language))).to_be_visible()
    for _ in range(3):  # received, under review, at the carrier
        run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.sandbox.next", language)).click())
    assert_accessible(page, f"the demo's status page ({language})")


@LANGUAGE
def test_a_requests_status_page_and_the_console_signed_in(app_server: str, page: Page, language: str) -> None:
    store = open_store()  # the served app's store: the session's data folder
    try:
        receipt = submit_sample(store, key=f"accessible-status-{language}", language=language)
    finally:
        store.close()
    page.goto(f"{app_server}/track?token={receipt.token}&lang={language}")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=t("request_status.history", language))).to_be_visible()
    assert_accessible(page, f"a request's status page ({language})")

    page.goto(f"{app_server}/track?lang={language}")
    assert_accessible(page, f"the status page without a link ({language})")

    page.goto(f"{app_server}/team?lang={language}")
    wait_for_app(page)
    assert_accessible(page, f"the console's sign-in ({language})")
    sign_in_to_console(page, CONSOLE_PASSWORD, CONSOLE_MEMBER, language)
    expect(page.get_by_role("heading", name=t("dashboard.heading", language))).to_be_visible()
    assert_accessible(page, f"the console's dashboard ({language})")
    for view, shown in (("view_requests", "console.queue.search"), ("view_outbox", "console.outbox.heading")):
        switch = page.get_by_role("radio", name=t(f"console.{view}", language), exact=True)
        run_and_wait(page, lambda switch=switch: switch.click())
        expect(page.get_by_text(t(shown, language)).first).to_be_visible()
        assert_accessible(page, f"the console's {view} ({language})")

    page.goto(f"{app_server}/team?ref={receipt.reference}&lang={language}")
    wait_for_app(page)
    if page.get_by_role("button", name=t("console.sign_in", language)).is_visible():
        sign_in_to_console(page, CONSOLE_PASSWORD, CONSOLE_MEMBER, language)
    heading = t("console.detail.heading", language, reference=receipt.reference)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert_accessible(page, f"a request in the console ({language})")


@LANGUAGE
def test_the_letters_preview_says_in_text_what_it_shows_each_passage_in_its_language(
    app_server: str, page: Page, language: str
) -> None:
    page.goto(f"{app_server}/?lang={language}")
    wait_for_app(page)
    page.wait_for_function("language => document.documentElement.lang === language", arg=language)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("demo.button", language)).click())
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.loa", language)).click())
    run_and_wait(page, lambda: page.get_by_role("button", name=t("loa.prepare", language)).click())
    page.get_by_text(t("loa.preview_text", language)).click()  # an expander opens without a run
    for passage_language, words in (("nb", "gir med dette"), ("en", "hereby authorizes")):
        passages = page.locator(f'[data-testid="stHtml"] p[lang="{passage_language}"]')
        expect(passages.filter(has_text=words)).to_have_count(1)
    assert_accessible(page, f"the letter's preview opened as text ({language})")


def test_the_keyboards_focus_shows_on_the_menus_links_and_the_main_area(app_server: str, page: Page) -> None:
    """Streamlit draws no focus ring on a page link (the current page's is already shaded) nor on
    the main area that "Skip to main content" leads to: the app's own ring shows there (2.4.7)."""
    page.goto(app_server)
    wait_for_app(page)
    page.keyboard.press("Tab")  # the keyboard is in use: a focus from here on shows as the keyboard's
    links = page.get_by_test_id("stPageLink-NavLink")
    expect(links).to_have_count(len(STEPS) + 2)  # the steps, the status page and the statement
    shown = {}
    for control in [*links.all(), page.get_by_test_id("stMain")]:
        control.focus()
        shown[control.inner_text()[:30]] = control.evaluate(
            "element => [element.matches(':focus-visible'), getComputedStyle(element).outlineStyle]"
        )
    assert all(style == [True, "solid"] for style in shown.values()), shown
