"""The console shows a request's pre-flight report as the wizard showed it: each check named for
what it checks, in its state (not uploaded yet, fine, check this, must be fixed), with what it
found and the fix; a request stored before the checks were kept shows one row per reason.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
import test_console_page as console_tests
from store_fixtures import request_content

import ui.console.signin
from porting.company.details import CompanyDetails
from porting.documents.findings import Confirmations
from porting.documents.preflight import preflight
from porting.i18n import t
from porting.numbers.intake import read_numbers
from porting.requests import store
from porting.requests.model import PreflightItem
from ui import plain
from ui.console.page import PASSWORD_VARIABLE
from ui.wizard.submit import shared_store


@pytest.fixture(autouse=True)
def console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, console_tests.PASSWORD)
    address = f"198.51.100.10-preflight-{uuid.uuid4().hex[:8]}"  # no other test's wrong passwords count
    monkeypatch.setattr(ui.console.signin, "client_address", lambda: address)


def with_report(report: tuple[PreflightItem, ...]) -> Any:
    company = f"Sjekk {uuid.uuid4().hex[:8]} AS"
    content = request_content(details={"company_name": company}).model_copy(update={"preflight": report})
    receipt = store.submit(
        shared_store(),
        idempotency_key=f"console-preflight-{uuid.uuid4().hex}",
        language="en",
        content=content,
        documents=[],
    )
    return store.by_reference(shared_store(), receipt.reference)


def wizard_report() -> tuple[PreflightItem, ...]:
    """What the wizard stores for a request sent with no document read: the letter and the invoice
    not uploaded yet, the number confirmed active, no range."""
    details = CompanyDetails(org_number="974760673", company_name="Fjordtelefon AS")
    findings = preflight(
        details, read_numbers("21 23 45 67"), {}, invoice_day=None, submission_day=date(2027, 3, 1),
        registry=None, confirmations=Confirmations(active=frozenset({"21234567"})),
    )  # fmt: skip
    return PreflightItem.report(findings)


def test_the_stored_report_keeps_the_rows_the_wizard_showed() -> None:
    report = wizard_report()
    mismatched = report[1]
    assert mismatched.reason == "Mismatched info"
    assert [(row.check, row.state) for row in mismatched.rows] == [
        ("loa", "not_uploaded"), ("invoice_holder", "not_uploaded"),
        ("invoice_numbers", "not_uploaded"), ("certificate_company", "not_uploaded"),
    ]  # fmt: skip
    assert mismatched.rows[0].finding == t("preflight.mismatched.loa_missing", "en")
    assert [(row.check, row.state) for row in report[2].rows] == [("active", "ok")]


def test_the_console_shows_each_check_in_its_state_with_its_finding() -> None:
    request = with_report(wizard_report())
    app = console_tests.choose(console_tests.signed_in(), request)
    markdown = console_tests.markdown_texts(app)
    letter = f":material/description: **{t('checks.name.loa')}** · {t('checks.state.not_uploaded')}"
    active = f":material/check_circle: **{t('checks.name.active')}** · {t('checks.state.ok')}"
    assert letter in markdown and active in markdown
    assert f"- {plain(t('preflight.mismatched.loa_missing'))}" in markdown
    captions = [caption.value for caption in app.caption]
    assert t("checks.reason.not_uploaded", reason="Mismatched info") in captions
    # The reasons' table of older requests is not shown beside the rows.
    assert "Mismatched info" not in console_tests.table_texts(app)


def test_a_problem_row_says_the_fix() -> None:
    findings = preflight(
        CompanyDetails(org_number="974760673", company_name="Fjordtelefon AS"), read_numbers("21 23 45 67"),
        {}, invoice_day=None, submission_day=date(2027, 3, 1), registry=None,
        confirmations=Confirmations(),
    )  # fmt: skip
    report = PreflightItem.report(findings)
    app = console_tests.choose(console_tests.signed_in(), with_report(report))
    markdown = console_tests.markdown_texts(app)
    assert f":material/warning: **{t('checks.name.active')}** · {t('checks.state.warning')}" in markdown
    captions = [caption.value for caption in app.caption]
    assert f"{t('uploads.fix')}: {plain(report[2].fix)}" in captions


def test_a_request_stored_before_the_rows_shows_its_reasons() -> None:
    old = tuple(item.model_copy(update={"rows": ()}) for item in wizard_report())
    app = console_tests.choose(console_tests.signed_in(), with_report(old))
    assert "Mismatched info" in console_tests.table_texts(app)
    assert not any(text.startswith(":material/description: **") for text in console_tests.markdown_texts(app))
