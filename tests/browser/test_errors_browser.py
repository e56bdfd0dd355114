"""A failure on the server side, seen in a real browser: an error id, never a traceback or a path."""

from __future__ import annotations

import re
from pathlib import Path

from browser_helpers import wait_for_app
from brreg_register import Register
from conftest import OUTPUT_DIR, REPO_ROOT, serve_app
from mail_server import Mailbox
from playwright.sync_api import Page, expect

from porting.i18n import t
from porting.requests.store import DATA_DIR_VARIABLE, DATABASE_URL_VARIABLE

LOG_NAME = "broken_store_app_server.log"


def test_a_store_that_cannot_be_opened_shows_an_error_id_and_no_internals(
    brreg: Register, mailbox: Mailbox, page: Page, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "data-dir-is-a-file"
    not_a_folder.write_text("the database cannot live under a file\n", encoding="utf-8")
    settings = {DATA_DIR_VARIABLE: str(not_a_folder), DATABASE_URL_VARIABLE: None}
    with serve_app(brreg, mailbox, LOG_NAME, settings) as base_url:
        page.goto(f"{base_url}/track?token=any-token-at-all")  # the status page opens the store
        wait_for_app(page)
        alert = page.get_by_test_id("stAlert").filter(has_text="Something went wrong on our side")
        expect(alert).to_be_visible()
        shown = page.locator("body").inner_text()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    error_id = re.search(r"\(error (E-[0-9A-Z]{6})\)", shown)
    assert error_id is not None
    assert t("errors.internal", error_id=error_id.group(1)) in alert.inner_text()
    for internal in ("Traceback", "Error:", str(REPO_ROOT), str(tmp_path), "site-packages", ".py"):
        assert internal not in shown
    log = (OUTPUT_DIR / LOG_NAME).read_text(encoding="utf-8")
    logged = log[log.index(f"error {error_id.group(1)} on track") :]
    assert logged.splitlines()[1].startswith("Traceback")  # the id's line, then its traceback
