"""The request kept as the customer goes, through AppTest: a change saves the one draft of the
session and puts its token in the address; a run that changed nothing saves nothing; a refused save
is said once; a demo and a submitted request are not kept; the link can be e-mailed, within bounds."""

from __future__ import annotations

import logging
from pathlib import Path

import document_corpus as corpus
import pytest
from streamlit.testing.v1 import AppTest
from test_submit_page import document, ready_to_submit

from porting.i18n import t
from porting.requests import draft_mail, drafts, outbox
from porting.wizard.state import NumbersFile
from ui.wizard.submit import shared_store

pytestmark = pytest.mark.usefixtures("own_app_store")  # each test has a database of its own

APP = str(Path(__file__).resolve().parents[2] / "app.py")
NUMBERS = "21234567\n80012345"
ADDRESS = "kari.nordmann@fjordlinje.no"


@pytest.fixture
def saves(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The token each save of a draft was given (``None`` for a new draft)."""
    seen: list[str | None] = []
    save = drafts.save

    def counted(*args, **kwargs):
        seen.append(kwargs.get("token"))
        return save(*args, **kwargs)

    monkeypatch.setattr(drafts, "save", counted)
    return seen


def typed() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input(NUMBERS).run()
    return app


def token_of(app: AppTest) -> str:
    token = app.session_state["porting_request"].draft_token
    assert token
    return token


def sidebar_errors(app: AppTest) -> list[str]:
    return [error.value for error in app.sidebar.error]


def test_nothing_is_saved_before_anything_is_entered(saves: list[str | None]) -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.run()
    assert saves == []
    assert "draft" not in app.query_params
    days = drafts.Limits().retention_days
    assert t("journey_drafts.kept_soon", days=days) in [caption.value for caption in app.sidebar.caption]


def test_a_change_saves_the_draft_and_the_address_carries_its_token(saves: list[str | None]) -> None:
    app = typed()
    assert saves == [None]
    token = token_of(app)
    assert app.query_params["draft"] == token
    draft = drafts.load(shared_store(), token)
    assert draft is not None and draft.state["numbers_text"] == NUMBERS and draft.state["step"] == "quote"
    days = drafts.Limits().retention_days
    assert t("journey_drafts.kept", days=days) in [caption.value for caption in app.sidebar.caption]
    assert [code.value for code in app.sidebar.code] == [f"/?draft={token}"]


def test_a_run_that_changes_nothing_saves_nothing(saves: list[str | None]) -> None:
    app = typed()
    app.run()
    app.run()
    assert saves == [None]


def test_each_change_updates_the_same_draft(saves: list[str | None]) -> None:
    app = typed()
    token = token_of(app)
    app.text_area[0].input("21234567").run()
    request = app.session_state["porting_request"]
    request.documents = {"invoice": document("invoice", corpus.invoice_pdf(), "faktura.pdf")}
    app.run()
    assert saves == [None, token, token]
    draft = drafts.load(shared_store(), token)
    assert draft is not None and draft.state["numbers_text"] == "21234567"
    assert [item.name for item in draft.documents] == ["faktura.pdf"]


def test_a_file_of_numbers_is_saved_and_a_new_one_saved_again(saves: list[str | None]) -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    request = app.session_state["porting_request"]
    request.numbers_source, request.numbers_file = "file", NumbersFile("numbers.csv", b"21234567\n")
    app.run()
    app.run()
    request.numbers_file = NumbersFile("numbers.csv", b"21234567\n80012345\n")
    app.run()
    token = token_of(app)
    assert saves == [None, token]
    draft = drafts.load(shared_store(), token)
    assert draft is not None and draft.state["numbers_file"]["data"] == "MjEyMzQ1NjcKODAwMTIzNDUK"


def test_next_keeps_the_step_and_carries_the_address(saves: list[str | None]) -> None:
    app = typed()
    token = token_of(app)
    next(button for button in app.main.button if button.label == t("flow.next")).click().run()
    assert app.title[0].value == t("details.title")
    assert app.query_params["draft"] == token and app.query_params["n"]
    draft = drafts.load(shared_store(), token)
    assert draft is not None and draft.state["step"] == "details"
    assert [code.value for code in app.sidebar.code] == [f"/details?draft={token}"]


def test_the_link_opens_the_step_the_draft_was_saved_on() -> None:
    app = typed()
    token = token_of(app)
    next(button for button in app.main.button if button.label == t("flow.next")).click().run()
    opened = AppTest.from_file(APP, default_timeout=30)
    opened.query_params["draft"] = token
    opened.run()
    assert not opened.exception
    assert opened.title[0].value == t("details.title")
    assert len(opened.success) == 1  # the welcome, on the step it opened


def test_a_refused_save_is_said_once_and_the_page_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTING_DRAFTS_TOTAL_MB", "1")
    app = typed()
    request = app.session_state["porting_request"]
    large = corpus.invoice_pdf() + b" " * 1_100_000
    request.documents = {"invoice": document("invoice", large, "faktura.pdf")}
    app.run()
    assert not app.exception
    refused = f"{t('journey_drafts.not_saved')} {t('drafts.full')}"
    assert sidebar_errors(app) == [refused]
    app.run()
    assert sidebar_errors(app) == []  # not on every rerun
    app.text_area[0].input("21234567").run()  # refused again, alike: said once is enough
    assert sidebar_errors(app) == []
    assert app.session_state["porting_request"].numbers_text == "21234567"  # nothing typed is lost


def test_a_demo_is_never_saved(saves: list[str | None]) -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    next(button for button in app.sidebar.button if button.label == t("demo.button")).click().run()
    app.run()
    assert saves == []
    assert "draft" not in app.query_params


def test_after_submitting_nothing_is_saved_and_the_address_drops_the_draft(saves: list[str | None]) -> None:
    app = ready_to_submit()
    token = token_of(app)
    app.checkbox(key="submit_consent").check().run()
    next(button for button in app.button if button.label == t("submit.button")).click().run()
    assert app.session_state["porting_request"].submitted_reference is not None
    before = len(saves)
    app.run()
    assert len(saves) == before
    assert "draft" not in app.query_params
    assert drafts.load(shared_store(), token) is None


# --- E-mail me this link ----------------------------------------------------------------------


@pytest.fixture
def mail_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Mail settings, and no sending: the notice stays in the outbox to be read."""
    monkeypatch.setenv("PORTING_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PORTING_SMTP_SENDER", "porting@example.com")
    monkeypatch.setattr("ui.wizard.draft_mail.deliver_soon", lambda store: None)


def mail_the_link(app: AppTest, address: str) -> AppTest:
    app.text_input(key="draft_mail_address").input(address)
    button = next(button for button in app.sidebar.button if button.label == t("journey_drafts.mail_button"))
    return button.click().run()


@pytest.mark.usefixtures("mail_on")
def test_the_link_is_mailed_once_a_while_and_the_address_is_not_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    app = typed()
    token = token_of(app)
    mail_the_link(app, ADDRESS)
    assert not app.exception
    assert [success.value for success in app.sidebar.success][-1].startswith(
        t("journey_drafts.mail_queued", address="{address}").split("{address}")[0]
    )
    queued = outbox.notices(shared_store())
    assert [(notice.kind, notice.recipient, notice.language) for notice in queued] == [
        ("draft_link", ADDRESS, "en")
    ]
    assert f"?draft={token}" in queued[0].body
    mail_the_link(app, ADDRESS)
    minutes = str(int(draft_mail.MAIL_PAUSE.total_seconds() // 60))
    warnings = [warning.value for warning in app.sidebar.warning]
    assert t("journey_drafts.mail_wait", minutes=minutes) in warnings
    assert len(outbox.notices(shared_store())) == 1
    assert ADDRESS not in caplog.text and token not in caplog.text


@pytest.mark.usefixtures("mail_on")
def test_a_wrong_address_is_explained_and_nothing_is_queued() -> None:
    app = typed()
    mail_the_link(app, "kari@fjordlinje.no, boss@fjordlinje.no")
    assert t("company.email.invalid") in [error.value for error in app.sidebar.error]
    assert outbox.notices(shared_store()) == ()


def test_without_mail_settings_the_customer_is_told_to_copy_the_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PORTING_SMTP_HOST", raising=False)
    app = typed()
    mail_the_link(app, ADDRESS)
    assert t("journey_drafts.mail_off") in [warning.value for warning in app.sidebar.warning]
    assert outbox.notices(shared_store()) == ()
