""" "Request status" without a link: the requests this browser submitted, listed from the cookie
of their status tokens; without any, their links by e-mail, the same answer for every address,
bounded per address and per visitor, and the address never logged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from store_fixtures import submit_sample
from streamlit.testing.v1 import AppTest

from porting.i18n import t
from porting.requests import outbox
from porting.requests.status_links import Limits
from ui import remembered
from ui.status import page
from ui.wizard.submit import shared_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CUSTOMER = "kari.ostgard@blaabaer.no"  # the sample request's contact address

pytestmark = pytest.mark.usefixtures("own_app_store")


@pytest.fixture(autouse=True)
def fresh_visitor_counts() -> None:
    page._visitor_asks.clear()


def request_status(cookie: str = "", monkeypatch: pytest.MonkeyPatch | None = None) -> AppTest:
    if monkeypatch is not None:
        monkeypatch.setattr(remembered, "cookie_value", lambda: cookie)
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.switch_page("pages/6_status.py").run()
    assert not app.exception
    return app


def listed(app: AppTest) -> list[str]:
    return [link.proto.label for link in app.get("page_link") if link.proto.query_string.startswith("token=")]


def ask(app: AppTest, address: str) -> AppTest:
    app.text_input(key="status_links_address").input(address)
    next(button for button in app.button if button.label == t("journey_status.lookup.button")).click().run()
    assert not app.exception
    return app


def status_mails() -> list[outbox.QueuedNotice]:
    return [notice for notice in outbox.notices(shared_store()) if notice.kind == "status_links"]


def test_the_requests_remembered_by_this_browser_are_listed_with_reference_and_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = submit_sample(shared_store(), "tab-1"), submit_sample(shared_store(), "tab-2")
    app = request_status(f"{first.token}.{second.token}", monkeypatch)
    name = t("request_status.name.received")
    assert listed(app) == [
        t("journey_status.mine.line", reference=second.reference, status=name),
        t("journey_status.mine.line", reference=first.reference, status=name),
    ]
    assert not app.text_input  # no e-mail offer while requests are remembered


def test_a_hostile_cookie_is_read_within_bounds_and_shows_nothing_it_should_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent = submit_sample(shared_store())
    junk = ".".join(["<script>", "x" * 5000, "a" * 40] * 50) + "." + sent.token
    app = request_status(junk, monkeypatch)
    assert listed(app) == []  # the token came after what is read: the cookie is not read to its end
    assert [shown.value for shown in app.subheader] == [t("journey_status.lookup.heading")]


def test_the_receipt_remembers_only_the_status_token(monkeypatch: pytest.MonkeyPatch) -> None:
    sent = submit_sample(shared_store())
    app = AppTest.from_file(APP, default_timeout=30).run()
    request = app.session_state["porting_request"]
    request.submitted_reference, request.submitted_token = sent.reference, sent.token
    app.switch_page("pages/5_submit.py").run()
    (script,) = [element.proto.body for element in app.get("html") if remembered.COOKIE in element.proto.body]
    assert f'token = "{sent.token}"' in script and remembered.COOKIE in script
    assert sent.reference not in script and CUSTOMER not in script
    app.switch_page("pages/6_status.py").run()  # the same session: listed before the cookie comes back
    assert listed(app) == [
        t("journey_status.mine.line", reference=sent.reference, status=t("request_status.name.received"))
    ]


def test_the_answer_is_the_same_whether_or_not_the_address_sent_a_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    sent = submit_sample(shared_store())
    caplog.set_level(logging.DEBUG)
    answers = []
    for address in ("Kari.Ostgard@Blaabaer.no", "nobody@example.no"):
        app = ask(request_status(), address)
        answers.append(
            ([s.value for s in app.success], [e.value for e in app.error], [w.value for w in app.warning])
        )
    assert answers[0] == answers[1] == ([t("journey_status.lookup.sent")], [], [])
    (mail,) = status_mails()
    assert mail.recipient.casefold() == CUSTOMER and mail.reference == sent.reference
    assert f"{sent.reference}: " in mail.body and f"track?token={sent.token}" in mail.body
    assert not [record for record in caplog.records if "blaabaer" in record.getMessage().casefold()]
    assert not [record for record in caplog.records if "nobody@" in record.getMessage()]


def test_a_wrong_address_is_explained() -> None:
    app = ask(request_status(), "post@fjordlinje")
    assert [error.value for error in app.error] == [t("journey_status.lookup.invalid")]
    assert not status_mails()


def test_an_address_gets_only_its_share_of_mails_and_the_answer_does_not_change() -> None:
    submit_sample(shared_store())
    app = request_status()
    for _ in range(Limits().per_address + 1):
        page._visitor_asks.clear()  # a different visitor each time
        ask(app, CUSTOMER)
        assert [success.value for success in app.success] == [t("journey_status.lookup.sent")]
    assert len(status_mails()) == Limits().per_address


def test_a_visitor_who_asks_too_often_is_told_to_wait() -> None:
    app = request_status()
    for number in range(Limits().per_visitor):
        ask(app, f"someone{number}@example.no")
        assert not app.warning
    ask(app, "one-more@example.no")
    assert [warning.value for warning in app.warning] == [t("journey_status.lookup.too_many")]
