"""Every page shows what a person typed or uploaded as text: no link, heading, icon or colour.

Each test puts hostile text where a person could (a file name, a CSV header, a company name, a
note) and reads the markdown the page sends: the text must be there, escaped by ``ui.plain``,
and Streamlit must find no live markup in it (``markdown_checks`` models its renderer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import document_corpus as corpus
import pytest
import test_console_page as console_tests
from markdown_checks import live_markup, shown
from samples import CONSOLE_MEMBER as ACTOR
from sqlalchemy import update
from store_fixtures import DETAILS, stored_of, submit_sample
from streamlit.testing.v1 import AppTest
from test_submit_page import document

import ui.console.signin
from porting.i18n import t
from porting.notify import mail as notify
from porting.requests import outbox, store
from porting.requests.decisions import decide_numbers
from porting.requests.rows import OutboxRow, RequestRow
from porting.requests.schema import transaction
from ui import plain
from ui.console.page import PASSWORD_VARIABLE
from ui.wizard.submit import shared_store

pytestmark = pytest.mark.usefixtures("own_app_store")

APP = str(Path(__file__).resolve().parents[2] / "app.py")
FILE_NAME = (
    "[Session expired - sign in again](https:evil.example) https://evil%2Eexample/ :material/lock:.pdf"
)
COMPANY = "Blåbær https://evil%2Eexample/ :material/verified: AS"
NOTE = "Call us\n===\n:red[now] at www.evil.example $x$ \u202eexe.pdf"
HEADER = "[Numbers](https://evil.example) :material/call:"


def rendered(app: AppTest) -> list[str]:
    """The markdown of every element that renders it: text, captions, alerts, expander labels."""
    kinds = ("markdown", "caption", "info", "warning", "error", "success", "expander")
    return [
        str(getattr(element, "label", None) or element.value) for kind in kinds for element in app.get(kind)
    ]


# The Material icons the app itself draws in text (``:material/x:`` in ui/): live on purpose.
APP_ICONS = frozenset(
    f"{kind}: :material_{name}:"
    for path in (Path(__file__).resolve().parents[2] / "ui").rglob("*.py")
    for name in re.findall(r":material/(\w+):", path.read_text(encoding="utf-8"))
    for kind in ("icon", "emoji")  # the emoji shortcode pattern matches an icon too
)


def live_made_of_text(source: str) -> list[str]:
    """The markup in ``source`` other than emphasis and the app's own icons."""
    return [
        found for found in live_markup(source) if not found.startswith("emphasis") and found not in APP_ICONS
    ]


def assert_shown_as_text(app: AppTest, typed: str) -> None:
    assert not app.exception
    holding = [source for source in rendered(app) if plain(typed) in source]
    assert holding, f"{typed!r} is not shown escaped"
    for source in holding:
        live = live_made_of_text(source)
        assert live == [], source
        for line in typed.replace("\u202e", "").splitlines():  # a line at a time: indents are dropped
            assert " ".join(line.split()) in shown(source)


def test_numbers_page_shows_a_hostile_csv_header_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.segmented_control[0].set_value("file").run()
    data = f"{HEADER};Name\n21234567;Oslo\n".encode()
    app.file_uploader[0].set_value((FILE_NAME.replace(".pdf", ".csv"), data, "text/csv")).run()
    assert_shown_as_text(app, HEADER)


def test_numbers_page_shows_a_hostile_column_asked_for_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.segmented_control[0].set_value("file").run()
    app.file_uploader[0].set_value(
        ("numbers.csv", f"{HEADER};Name\n21234567;Oslo\n".encode(), "text/csv")
    ).run()
    app.text_input(key="numbers_column").input("# Sign in at https://evil.example").run()
    assert_shown_as_text(app, "# Sign in at https://evil.example")
    assert_shown_as_text(app, HEADER)  # the columns it has, in the same message


def test_documents_page_shows_a_hostile_file_name_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run().switch_page("pages/4_documents.py").run()
    uploader = next(widget for widget in app.file_uploader if widget.key.startswith("upload_invoice_"))
    uploader.set_value((FILE_NAME, corpus.invoice_pdf(), "application/pdf")).run()
    assert_shown_as_text(app, FILE_NAME)


def test_documents_page_names_a_hostile_spoofed_file_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run().switch_page("pages/4_documents.py").run()
    uploader = next(widget for widget in app.file_uploader if widget.key.startswith("upload_invoice_"))
    uploader.set_value((FILE_NAME, b"PK\x03\x04 not a pdf", "application/pdf")).run()
    assert not app.exception
    errors = [error.value for error in app.error]
    assert errors and all(not live_markup(error) for error in errors)
    assert not any("](" in error for error in errors)


def test_review_shows_a_hostile_company_name_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    request = app.session_state["porting_request"]
    request.company = replace(corpus.DETAILS, company_name=COMPANY, current_provider=HEADER)
    app.switch_page("pages/5_submit.py").run()
    assert_shown_as_text(app, COMPANY)
    assert_shown_as_text(app, HEADER)


def test_a_draft_link_shows_a_hostile_file_name_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21234567").run()
    request = app.session_state["porting_request"]
    request.company = replace(corpus.DETAILS, company_name=COMPANY)
    request.documents = {"invoice": document("invoice", corpus.invoice_pdf(), FILE_NAME)}
    app.run()  # the draft is kept as the request changes
    token = app.session_state["porting_request"].draft_token
    opened = AppTest.from_file(APP, default_timeout=30)
    opened.query_params["draft"] = token
    opened.run().switch_page("pages/4_documents.py").run()
    assert_shown_as_text(opened, FILE_NAME)
    opened.switch_page("pages/5_submit.py").run()
    assert_shown_as_text(opened, COMPANY)


# --- The later surfaces: the customer's status page, the team's console and its outbox ---------

REJECTION_NOTE = "Rejected: see [the fix](https://evil.example/fix) or mail fix@evil.example\n    # now"
DECISION_NOTE = "> Number kept :material/warning: [here](javascript:alert(1))"
UNKNOWN_REASON = "[Reason](https://evil.example) :red[gone]"  # a reason since removed from the rules
LAST_ERROR = "550 <kari@evil.example> [Retry](https://evil.example) \u202eexe.pdf"
TEAM_EMAIL = "porting-team@example.no"
CUSTOMER_EMAIL = "kari@example.no"
SPOOFED_NAME = "[Sign in](https:evil.example) www.evil.example :red[now] kari@evil.example.pdf"  # no "/"


def hostile_request(language: str = "en") -> store.StoredRequest:
    """The sample request with a hostile company name and hostile names of its documents."""
    receipt = submit_sample(
        shared_store(),
        f"plain-later-{language}",
        language=language,
        details=DETAILS | {"company_name": COMPANY, "email": CUSTOMER_EMAIL},
        documents=[
            document("invoice", corpus.invoice_pdf(), FILE_NAME),
            document("registration", corpus.invoice_pdf(), NOTE.replace("\n", " ") + ".pdf"),
        ],
    )
    return stored_of(shared_store(), receipt)


def rejected(request: store.StoredRequest) -> store.StoredRequest:
    """Reviewed with the team's note, a number rejected with a note, then rejected with a note."""
    reviewed = store.change_status(shared_store(), request, store.UNDER_REVIEW, actor=ACTOR, note=NOTE)
    kept, _ = decide_numbers(
        shared_store(), reviewed, {reviewed.numbers[0].e164 or "": "inactive_number"},
        actor=ACTOR, note=DECISION_NOTE, split=False,
    )  # fmt: skip
    return store.change_status(
        shared_store(), kept, store.REJECTED, actor=ACTOR, note=REJECTION_NOTE, reason="outdated_invoice"
    )


def assert_nothing_live(app: AppTest, *typed: str) -> None:
    """No markdown the page sends holds any of ``typed`` unescaped, or markup made of it (the
    app's own icons aside: a typed icon is caught as typed text left unescaped)."""
    assert not app.exception
    for source in rendered(app):
        for value in typed:
            for part in (part for part in value.split() if set(part) & set("[]():@#>$")):
                assert part not in source, source
        live = live_made_of_text(source)
        assert live == [], source


def cells(app: AppTest) -> list[str]:
    """Every cell of every table the page shows: a table shows text, never markup."""
    return [str(value) for frame in app.dataframe for value in frame.value.to_numpy().ravel()]


def status_page(token: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["token"] = token
    app.run().switch_page("pages/6_status.py").run()
    assert not app.exception
    return app


def test_the_status_page_never_shows_the_teams_internal_note() -> None:
    request = hostile_request()
    reviewed = store.change_status(shared_store(), request, store.UNDER_REVIEW, actor=ACTOR, note=NOTE)
    app = status_page(reviewed.token)
    assert not [source for source in rendered(app) if "Call us" in source]  # internal
    assert_nothing_live(app, COMPANY, FILE_NAME)


def test_the_status_page_hides_the_rejection_note_and_shows_a_hostile_file_name_as_text() -> None:
    app = status_page(rejected(hostile_request()).token)
    assert not [source for source in rendered(app) if "the fix" in source]  # internal
    assert_nothing_live(app, COMPANY, FILE_NAME, NOTE, DECISION_NOTE)
    uploader = next(widget for widget in app.file_uploader if widget.key == "resubmit_invoice")
    uploader.set_value((SPOOFED_NAME, b"PK\x03\x04 not a pdf", "application/pdf")).run()
    assert_shown_as_text(app, SPOOFED_NAME)  # the correction's problem names it
    assert_nothing_live(app, COMPANY, FILE_NAME, NOTE, DECISION_NOTE)


@pytest.fixture
def console(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], AppTest]]:
    """Signing in to the console as its AppTests do, with the team's notices on."""
    monkeypatch.setenv(PASSWORD_VARIABLE, console_tests.PASSWORD)
    monkeypatch.setenv(notify.TEAM_EMAIL_VARIABLE, TEAM_EMAIL)  # its notices name the company
    monkeypatch.setattr(ui.console.signin, "client_address", lambda: "198.51.100.7-plain")
    yield console_tests.signed_in


def test_the_console_shows_a_hostile_request_as_text_in_its_queue_and_tabs(
    console: Callable[[], AppTest],
) -> None:
    request = rejected(hostile_request())
    app = console_tests.choose(console(), request)
    assert COMPANY in cells(app)  # the queue's row and the details tab, as typed
    notes = cells(app)  # the history's, as typed but for the control that would reverse its end
    assert NOTE.replace("\u202e", "") in notes and REJECTION_NOTE in notes
    assert not any("\u202e" in cell for cell in notes)
    assert any(note.endswith(f"; {DECISION_NOTE}") for note in notes)  # after the numbers decided
    assert_shown_as_text(app, REJECTION_NOTE)  # the note of the latest change, above the tabs
    assert_shown_as_text(app, FILE_NAME)  # the documents tab
    assert_shown_as_text(app, NOTE.replace("\n", " ") + ".pdf")
    assert_nothing_live(app, COMPANY, NOTE, DECISION_NOTE)


def test_the_console_shows_a_hostile_reason_it_no_longer_knows_as_text(
    console: Callable[[], AppTest],
) -> None:
    request = rejected(hostile_request())
    with transaction(shared_store(), write=True) as session:
        session.execute(
            update(RequestRow).where(RequestRow.id == request.id).values(rejection_reason=UNKNOWN_REASON)
        )
    app = console_tests.choose(console(), request)
    assert_shown_as_text(app, UNKNOWN_REASON)
    assert_nothing_live(app, COMPANY, NOTE, DECISION_NOTE)


def test_the_console_names_a_hostile_linked_reference_as_text(console: Callable[[], AppTest]) -> None:
    hostile = "[NO-2026-000001](https://evil.example) :material/lock:"
    app = console_tests.open_console()
    app.query_params["ref"] = hostile  # as /team?ref=… opens it
    app.run()
    console_tests.sign_in(app, to_queue=False)
    assert_shown_as_text(app, hostile)


def test_the_outbox_shows_notices_built_from_hostile_names_as_text(console: Callable[[], AppTest]) -> None:
    request = rejected(hostile_request())
    with transaction(shared_store(), write=True) as session:
        session.execute(update(OutboxRow).values(last_error=LAST_ERROR))
    app = console()
    app.button_group(key="console_view").set_value("outbox").run()
    found = [notice for notice in outbox.notices(shared_store()) if notice.reference == request.reference]
    assert {notice.recipient for notice in found} == {TEAM_EMAIL, CUSTOMER_EMAIL}
    for notice in found:
        assert_shown_as_text(app, notice.subject)  # the expander's label
        assert_shown_as_text(app, notice.recipient)
        assert notice.body.strip() in [text.value for text in app.text]  # a body is shown as text
    assert any(COMPANY in notice.body for notice in found)
    assert_shown_as_text(app, LAST_ERROR)
    assert_nothing_live(app, COMPANY, NOTE, REJECTION_NOTE)


MESSAGE = "Hi\n# [Reset your password](https://evil.example/reset) :material/lock: $x$"
REPLY = "> Done :red[now]: see [here](javascript:alert(1))"


def send_in_thread(app: AppTest, request: store.StoredRequest, text: str) -> AppTest:
    app.text_area(key=f"thread_{request.id}_body").input(text)
    next(found for found in app.button if found.label == t("journey_messages.send")).click().run()
    assert not app.exception and not app.error, [error.value for error in app.error]
    return app


def test_messages_go_both_ways_shown_as_text_and_the_internal_note_never_reaches_the_customer(
    console: Callable[[], AppTest],
) -> None:
    request = hostile_request()
    app = send_in_thread(status_page(request.token), request, MESSAGE)
    assert t("journey_messages.sent") in [shown.value for shown in app.success]
    assert_shown_as_text(app, MESSAGE)
    assert_nothing_live(app, COMPANY)

    team = console_tests.choose(console(), request)
    assert_shown_as_text(team, MESSAGE)
    reviewed = store.change_status(shared_store(), request, store.UNDER_REVIEW, actor=ACTOR, note=NOTE)
    team = send_in_thread(console_tests.choose(console(), reviewed), reviewed, REPLY)
    assert t("journey_messages.console_sent") in [shown.value for shown in team.success]

    app = status_page(request.token)
    assert_shown_as_text(app, REPLY)
    assert not [source for source in rendered(app) if "Call us" in source]  # the note is internal
    mailed = [notice for notice in outbox.notices(shared_store()) if notice.reference == request.reference]
    assert [notice.recipient for notice in mailed if notice.kind == "team_message"] == [TEAM_EMAIL]
    assert MESSAGE in next(notice.body for notice in mailed if notice.kind == "team_message")
    (to_customer,) = [notice for notice in mailed if notice.kind == "message"]
    assert to_customer.recipient == CUSTOMER_EMAIL and REPLY in to_customer.body
    assert all("Call us" not in notice.body for notice in mailed if notice.recipient == CUSTOMER_EMAIL)
