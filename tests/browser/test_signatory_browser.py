"""Choosing who signs in a real browser: the people the register says may sign fill the form,
and a signatory who may not is warned about."""

from __future__ import annotations

from browser_helpers import paste_numbers, run_and_wait, type_into, wait_for_app
from brreg_register import ACTIVE
from playwright.sync_api import Page, expect

from porting.i18n import t


def test_choosing_a_signatory_from_the_register_fills_the_name_and_title(app_server: str, page: Page) -> None:
    page.goto(app_server)
    wait_for_app(page)
    paste_numbers(page, "21 23 45 67")
    run_and_wait(page, lambda: page.get_by_role("link", name=t("nav.company")).click())
    type_into(page, t("company.field.org_number"), ACTIVE)
    run_and_wait(page, lambda: page.get_by_role("button", name=t("details.lookup_button")).click())

    choices = page.get_by_role("radiogroup", name=t("signatory.choice"))
    expect(choices.get_by_text("Kari Fjeld Nordmann (Managing director)")).to_be_visible()
    run_and_wait(page, lambda: choices.get_by_text("Ola Hansen (Chair of the board)").click())
    name = page.get_by_role("textbox", name=t("company.field.signatory_name"), exact=True)
    expect(name).to_have_value("Ola Hansen")
    expect(page.get_by_role("textbox", name=t("company.field.signatory_title"), exact=True)).to_have_value(
        "Chair of the board"
    )
    expect(page.get_by_text("power of attorney (fullmakt)")).to_have_count(0)

    type_into(page, t("company.field.signatory_name"), "Per Berg")
    warning = page.get_by_text("Per Berg holds no role in the Brønnøysund register")
    expect(warning).to_be_visible()
    who = "Kari Fjeld Nordmann (Managing director) or Ola Hansen (Chair of the board)"
    expect(warning).to_contain_text(who)
