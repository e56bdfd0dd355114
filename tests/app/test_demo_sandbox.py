"""The demo through AppTest: one click fills every step with documents that pass every check, and
the review sends it to a sandbox whose status page steps through the guide's eight steps, while
nothing is stored and nothing is mailed."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from porting.i18n import t
from porting.requests import outbox, store
from porting.requests.sandbox import SANDBOX_PATH, SANDBOX_REJECTION
from porting.rules import rules
from ui.wizard.submit import shared_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def demo(language: str = "en") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = language
    app.run()
    next(button for button in app.sidebar.button if button.label == t("demo.button", language)).click().run()
    assert not app.exception
    return app


def test_the_demo_uploads_a_signed_letter_an_invoice_and_a_firmaattest_that_pass_every_check() -> None:
    app = demo().switch_page("pages/4_documents.py").run()
    assert not app.exception
    request = app.session_state["porting_request"]
    assert set(request.documents) == {"loa", "invoice", "registration"}
    assert request.invoice_day is not None  # read from the sample invoice
    shown = [block.value for block in app.markdown]
    rows = [text for text in shown if " **" in text and " · " in text]  # "<icon> **check** · state"
    assert len(rows) >= 8 and all(t("checks.state.ok") in row for row in rows), rows
    assert not app.error and t("uploads.ready") in [success.value for success in app.success]


def test_the_documents_say_they_are_examples_in_the_visitors_language() -> None:
    app = demo("nb")
    documents = app.session_state["porting_request"].documents
    assert documents["invoice"].name == t("demo.documents.invoice_file", "nb")
    assert t("demo.documents.mark", "nb") in documents["invoice"].text
    assert "Fakturadato" in documents["invoice"].text and "FIRMAATTEST" in documents["registration"].text


def test_the_demo_is_sent_to_a_sandbox_and_neither_stored_nor_mailed() -> None:
    opened = shared_store()
    requests_before, notices_before = len(store.list_requests(opened)), len(outbox.notices(opened))
    app = demo().switch_page("pages/5_submit.py").run()
    assert app.info[-1].value == t("submit.demo")
    assert not [header for header in app.subheader if header.value == t("submit.blocked")]
    send = next(button for button in app.button if button.label == t("demo.sandbox.submit"))
    assert send.disabled  # consent first, as for a real request
    app.checkbox(key="submit_consent").check().run()
    next(button for button in app.button if button.label == t("demo.sandbox.submit")).click().run()
    assert not app.exception
    request = app.session_state["porting_request"]
    assert request.submitted_reference.startswith("DEMO-") and request.submitted_token is None
    assert app.success[0].value == t("demo.sandbox.received", reference=request.submitted_reference)
    assert len(store.list_requests(opened)) == requests_before
    assert len(outbox.notices(opened)) == notices_before
    assert store.list_requests(opened, search=request.submitted_reference) == ()


def test_the_sandbox_status_page_steps_through_the_guides_eight_steps() -> None:
    app = demo().switch_page("pages/5_submit.py").run()
    app.checkbox(key="submit_consent").check().run()
    next(button for button in app.button if button.label == t("demo.sandbox.submit")).click().run()
    reference = app.session_state["porting_request"].submitted_reference
    app.switch_page("pages/6_status.py")
    app.query_params["demo"] = "1"
    app.run()
    assert not app.exception
    assert t("demo.sandbox.status_banner") in [info.value for info in app.info]
    assert app.subheader[0].value == t("demo.sandbox.heading", reference=reference)
    assert app.button(key="sandbox_previous").disabled
    seen: list[str] = []
    for index, status in enumerate(SANDBOX_PATH):
        assert app.caption[0].value == t("demo.sandbox.stage", number=index + 1, count=len(SANDBOX_PATH))
        shown = "\n".join(block.value for block in app.markdown)
        assert f"**{t(f'request_status.name.{status}')}**" in shown
        seen.append(status)
        if status == "rejected":
            issue = rules().rejection_reason(SANDBOX_REJECTION).texts["en"]["issue"]
            assert issue in app.error[0].value
        if status in ("accepted", "ported"):
            assert app.get("download_button")  # the porting day as a calendar file
        if index < len(SANDBOX_PATH) - 1:
            app.button(key="sandbox_next").click().run()
            assert not app.exception
    assert app.button(key="sandbox_next").disabled
    steps = next(block.value for block in app.markdown if block.value.startswith(":material/"))
    assert steps.count(":material/check_circle:") == len(rules().process_steps)  # every step happened
    assert len([caption for caption in app.caption if " · " in caption.value]) == len(SANDBOX_PATH)
    app.button(key="sandbox_again").click().run()
    assert app.caption[0].value == t("demo.sandbox.stage", number=1, count=len(SANDBOX_PATH))


def test_the_sandbox_page_without_a_demo_says_how_to_start_one() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run().switch_page("pages/6_status.py")
    app.query_params["demo"] = "1"
    app.run()
    assert not app.exception
    assert [info.value for info in app.info] == [t("demo.sandbox.missing")]
