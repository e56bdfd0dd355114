"""The customer's status page through AppTest: the team's decisions and note, numbers moved to
a request of their own, cancelling, and sending corrected documents after a rejection; and what
keeps it quick to load (tests/test_limits_browser.py times it in a browser)."""

from __future__ import annotations

import gc
import tomllib
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import document_corpus as corpus
import pytest
from store_fixtures import submit_sample
from streamlit.testing.v1 import AppTest

from porting.i18n import t, tn
from porting.requests import outbox, store
from porting.requests.records import StoredRequest
from porting.rules import rules
from ui.wizard.submit import shared_store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
TEAM = "Ola (porting team)"
OSLO_NUMBER, SHARED_COST_NUMBER = "+4721234567", "+4781512345"  # the sample request's numbers


# The marks the status page gives each step: Material icons.
DONE, CURRENT = ":material/check_circle:", ":material/arrow_right:"
TO_COME, SKIPPED = ":material/radio_button_unchecked:", ":material/skip_next:"


pytestmark = pytest.mark.usefixtures("own_app_store")  # each test has a database of its own


def submitted() -> StoredRequest:
    found = store.by_token(shared_store(), submit_sample(shared_store()).token)
    assert found is not None
    return found


def status_page(token: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["token"] = token
    app.run().switch_page("pages/6_status.py").run()
    assert not app.exception
    return app


def reason(key: str) -> dict[str, str]:
    return next(item for item in rules().rejection_reasons if item.key == key).texts["en"]


def button(app: AppTest, label: str) -> list:
    return [found for found in app.button if found.label == label]


def current(request: StoredRequest) -> StoredRequest:
    found = store.by_token(shared_store(), request.token)
    assert found is not None
    return found


def test_the_link_in_the_notices_opens_the_page_in_the_customers_language() -> None:
    request = submitted()  # a request in Norwegian: its notices' link says so
    (notice, *_) = [n for n in outbox.notices(shared_store()) if n.reference == request.reference]
    link = next(word for word in notice.body.split() if "/track?" in word)
    query = parse_qs(urlsplit(link).query)
    assert query == {"token": [request.token], "lang": ["nb"]}

    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params.update({"token": request.token, "lang": "nb"})
    app.run().switch_page("pages/6_status.py").run()
    assert app.title[0].value == t("request_status.title", "nb")
    assert app.subheader[0].value == t("request_status.reference", "nb", reference=request.reference)


def test_a_wrong_or_missing_link_shows_nothing_of_any_request() -> None:
    submitted()
    app = status_page("not-a-real-token")
    assert [info.value for info in app.info] == [t("request_status.not_found")]
    assert not app.subheader and not app.main.button and not app.error and not app.file_uploader
    # Without a link, a browser that sent no request is offered its links by e-mail, and shown none.
    app = status_page("")
    assert [shown.value for shown in app.subheader] == [t("journey_status.lookup.heading")]
    assert [button.label for button in app.main.button] == [t("journey_status.lookup.button")]
    # The menu is the sidebar's; the main area links to no request.
    assert not app.error and not app.file_uploader and not app.main.get("page_link")


def test_the_teams_decisions_on_each_number_are_shown_and_its_internal_note_is_not() -> None:
    request = submitted()
    store.decide_numbers(
        shared_store(), request, {OSLO_NUMBER: "accepted", SHARED_COST_NUMBER: "inactive_number"},
        actor=TEAM, note="",
    )  # fmt: skip
    store.change_status(
        shared_store(), request, "under_review", actor=TEAM, note="Vi venter på svar fra Telenor"
    )
    app = status_page(request.token)
    assert not app.exception
    kinds = ("markdown", "caption", "info", "warning", "error", "success")
    assert all("Vi venter" not in str(element.value) for kind in kinds for element in app.get(kind))
    inactive = reason("inactive_number")
    assert tn("tracking.numbers_rejected", 1, numbers="815 12 345", **inactive) in [
        error.value for error in app.error
    ]
    assert tn("tracking.numbers_accepted", 1, numbers="21 23 45 67") in [ok.value for ok in app.success]
    history = [caption.value.split(" · ")[-1] for caption in app.caption if " · " in caption.value]
    assert history[-3:] == [  # the decision changed no status: it reads as an update, not "received" again
        t("request_status.name.received"),
        t("tracking.history_update"),
        t("request_status.name.under_review"),
    ]


def test_numbers_moved_to_a_request_of_their_own_link_to_its_status_page() -> None:
    request = submitted()
    _, moved = store.decide_numbers(
        shared_store(), request, {SHARED_COST_NUMBER: "part_of_range"}, actor=TEAM, split=True
    )
    assert moved is not None
    app = status_page(request.token)
    assert tn("tracking.moved", 1, reference=moved.reference) in [warning.value for warning in app.warning]
    link = app.get("page_link")[0]
    assert link.proto.label == t("tracking.open_moved", reference=moved.reference)
    assert (link.proto.page, link.proto.query_string) == ("track", f"token={moved.token}")

    split = status_page(moved.token)  # the new request says where its numbers came from
    assert t("tracking.split_from", reference=request.reference) in [
        caption.value for caption in split.caption
    ]
    assert tn("tracking.numbers_rejected", 1, numbers="815 12 345", **reason("part_of_range")) in [
        error.value for error in split.error
    ]


def test_the_customer_cancels_after_confirming() -> None:
    request = submitted()
    app = status_page(request.token)
    cancel = app.button(key="cancel_request")
    assert cancel.disabled  # the confirmation first
    app.checkbox(key="cancel_confirm").check().run()
    app.button(key="cancel_request").click().run()
    assert not app.exception
    assert [success.value for success in app.success] == [t("tracking.cancelled")]
    assert current(request).status == store.CANCELLED
    assert any(t("request_status.name.cancelled") in shown.value for shown in app.markdown)
    assert not [found for found in app.button if found.key == "cancel_request"]


def test_a_request_with_the_carrier_can_no_longer_be_cancelled() -> None:
    request = submitted()
    for status in ("under_review", "submitted_to_carrier"):
        request = store.change_status(shared_store(), request, status, actor=TEAM)
    app = status_page(request.token)
    assert not [found for found in app.button if found.key == "cancel_request"]
    assert not app.file_uploader


def test_corrected_documents_after_a_rejection_bring_the_request_back_once() -> None:
    request = store.change_status(
        shared_store(),
        submitted(),
        "rejected",
        actor=TEAM,
        reason="outdated_invoice",
        note="Fakturaen er fra august",
    )
    app = status_page(request.token)
    outdated = reason("outdated_invoice")
    assert t("request_status.rejected", **outdated) in [error.value for error in app.error]
    assert [uploader.key for uploader in app.file_uploader] == [
        f"resubmit_{d.key}" for d in rules().documents
    ]
    send = button(app, t("tracking.resubmit_button"))[0]
    assert send.disabled  # nothing to send yet

    app.file_uploader(key="resubmit_invoice").set_value(
        ("faktura.pdf", corpus.html_page(), "text/html")
    ).run()
    assert "HTML" in app.error[-1].value  # a web page saved as .pdf is refused, as on the documents step
    assert button(app, t("tracking.resubmit_button"))[0].disabled
    app.file_uploader(key="resubmit_invoice").set_value(
        ("faktura.pdf", corpus.invoice_pdf(), "application/pdf")
    )
    app.text_area(key="resubmit_note").input("Ny faktura fra november").run()
    button(app, t("tracking.resubmit_button"))[0].click().run()
    assert not app.exception
    assert [success.value for success in app.success] == [t("tracking.resubmitted")]
    assert any(t("request_status.name.received") in shown.value for shown in app.markdown)
    after = current(request)
    assert (after.status, after.rejection_reason, after.note) == ("received", None, "Ny faktura fra november")
    invoices = [document for document in after.documents if document.slot == "invoice"]
    assert [document.replaced_at is None for document in invoices] == [False, True]
    assert not app.file_uploader  # received: nothing more to send

    app.run()  # what a second click on the button sends: the page again, with nothing to send
    received = [event for event in store.events(shared_store(), after) if event.status == "received"]
    assert [event.actor for event in received] == ["customer", "customer"]  # submitted, corrected once


def test_the_guides_steps_are_one_block_with_the_current_step_pointed_at() -> None:
    app = status_page(submitted().token)  # received: the guide's second step
    steps = rules().process_steps
    texts = [step.texts["en"] for step in steps]
    (block,) = [shown.value for shown in app.markdown if all(text in shown.value for text in texts)]
    # The LOA and the invoice came with the request: steps 3 and 4 have happened.
    marks = [DONE, CURRENT, DONE, DONE] + [TO_COME] * (len(steps) - 4)
    assert block.split("\n\n") == [
        f"{mark} {number}. **{t(f'quote.actor.{step.actor}')}**: {step.texts['en']}"
        for number, (mark, step) in enumerate(zip(marks, steps, strict=True), start=1)
    ]


def test_the_server_watches_no_source_files() -> None:
    """Streamlit's watcher walked the path of every loaded module after every run, on the event
    loop that sends all visitors their pages: 0.3 s of CPU a status page load, and the page's last
    elements held back by half a second or more."""
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["fileWatcherType"] == "none"


def test_the_first_run_freezes_what_is_loaded_and_later_runs_do_not() -> None:
    """Frozen objects are left out of full garbage collections, which otherwise walk every module
    while holding up all visitors; freezing again would keep each run's garbage for good."""
    status_page(submitted().token)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    status_page(submitted().token)
    assert gc.get_freeze_count() == frozen


def test_the_customer_removes_a_number_and_changes_the_day_until_the_carrier_has_the_request() -> None:
    request = submitted()
    app = status_page(request.token)
    app.multiselect(key="change_remove").select(SHARED_COST_NUMBER).run()
    app.button(key="change_remove_button").click().run()
    assert t("journey_changes.removed") in [shown.value for shown in app.success]
    assert [number.e164 for number in current(request).numbers] == [OSLO_NUMBER]

    app.date_input(key="change_day").set_value(date(2027, 9, 4)).run()  # a Saturday
    app.button(key="change_day_button").click().run()
    assert [error.value for error in app.error] == [t("timeline.requested_not_business_day")]
    app.date_input(key="change_day").set_value(date(2027, 9, 3)).run()
    app.button(key="change_day_button").click().run()
    assert t("journey_changes.day_changed") in [shown.value for shown in app.success]
    changed = current(request)
    assert changed.details is not None and changed.details.requested_date == date(2027, 9, 3)
    history = [caption.value.split(" · ")[-1] for caption in app.caption if " · " in caption.value]
    assert history[-2:] == [t("journey_changes.history")] * 2

    store.change_status(shared_store(), changed, "under_review", actor=TEAM)
    store.change_status(shared_store(), current(request), "submitted_to_carrier", actor=TEAM)
    app = status_page(request.token)
    assert not [widget for widget in app.multiselect if widget.key == "change_remove"]
    assert not [widget for widget in app.date_input if widget.key == "change_day"]


def test_a_confirmed_porting_day_is_offered_as_a_calendar_file() -> None:
    request = submitted()
    assert not [found for found in status_page(request.token).get("download_button")]  # no day yet
    for status in ("under_review", "submitted_to_carrier"):
        request = store.change_status(shared_store(), current(request), status, actor=TEAM)
    day = date(2027, 4, 16)
    store.change_status(
        shared_store(), current(request), "accepted", actor=TEAM, porting_date=day, confirmed=True
    )
    (offered,) = status_page(request.token).get("download_button")
    assert offered.proto.label == t("calendar.download")
