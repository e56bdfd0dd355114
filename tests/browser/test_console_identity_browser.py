"""The team signs in to the console through a real OpenID Connect provider (oidc-provider on
127.0.0.1) with Streamlit's ``st.login``: a member gets in and stays in across a reload, an
address that is not the team's is refused with a message, and an agent cannot export an
archive."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import wait_for_app
from brreg_register import Register
from conftest import OUTPUT_DIR, serve_app
from mail_server import Mailbox
from oidc_provider import free_port, serve_identity_provider
from playwright.sync_api import Page, expect
from store_fixtures import submit_sample

from porting.i18n import t
from porting.requests import store

MEMBERS = "kari@fjord.example:admin, @fjord.example"


@pytest.fixture(scope="module")
def team_app(
    brreg: Register, mailbox: Mailbox, data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The app with its console behind the identity provider (no password set)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    OUTPUT_DIR.mkdir(exist_ok=True)
    with serve_identity_provider(f"{base_url}/oauth2callback", OUTPUT_DIR / "identity_provider.log") as idp:
        secrets = tmp_path_factory.mktemp("identity") / "secrets.toml"
        secrets.write_text(idp.secrets_toml(), encoding="utf-8")
        settings = {"PORTING_TEAM_MEMBERS": MEMBERS, "PORTING_CONSOLE_PASSWORD": None}
        options = ("--secrets.files", str(secrets))
        with serve_app(brreg, mailbox, "identity_app.log", settings, port=port, options=options) as url:
            yield url


def sign_in(page: Page, base_url: str, email: str) -> None:
    """Through the provider's login page (any password), back to the console."""
    page.goto(f"{base_url}/team")
    wait_for_app(page)
    page.get_by_role("button", name=t("console.identity.sign_in")).click()
    page.wait_for_url(re.compile(r".*/interaction/.*"))
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if "/interaction/" in page.url:  # the provider's consent, the first time
        page.locator("button[type=submit]").click()
    page.wait_for_url(f"{base_url}/**")
    page.goto(f"{base_url}/team")
    wait_for_app(page)


def test_a_member_signs_in_and_stays_signed_in_across_a_reload(page: Page, team_app: str) -> None:
    sign_in(page, team_app, "kari@fjord.example")
    signed_in = t("console.identity.signed_in_admin", name="kari <kari\u2060@fjord.example>")
    expect(page.get_by_text(signed_in)).to_be_visible()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text(signed_in)).to_be_visible()


def test_an_address_that_is_not_the_teams_is_refused(page: Page, team_app: str) -> None:
    sign_in(page, team_app, "eve@elsewhere.example")
    refused = t("console.identity.refused", email="eve\u2060@elsewhere.example")
    expect(page.get_by_text(refused)).to_be_visible()
    expect(page.get_by_text(t("console.view_requests"))).to_have_count(0)


def test_an_agent_opens_a_request_but_cannot_export_its_archive(page: Page, team_app: str) -> None:
    opened = store.open_store()
    submitted = submit_sample(opened, key=f"identity-{uuid.uuid4().hex}")
    page.goto(f"{team_app}/team?ref={submitted.reference}")
    sign_in(page, team_app, "ola@fjord.example")
    page.goto(f"{team_app}/team?ref={submitted.reference}")
    wait_for_app(page)
    heading = t("console.detail.heading", reference=submitted.reference)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_text(t("console.identity.export_admins_only"))).to_be_visible()
    expect(page.get_by_role("button", name=t("console.detail.export"))).to_have_count(0)
