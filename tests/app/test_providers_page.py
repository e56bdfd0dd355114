"""Two current providers through AppTest: the company step asks for the account at each, named by
its numbers, and the documents step has a letter and an invoice slot for each."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import document_corpus as corpus
import pytest
from samples import BLAABAER
from streamlit.testing.v1 import AppTest

import ui
from porting.documents.reading import UploadedDocument, check_upload
from porting.i18n import t
from porting.wizard.providers import base_slot
from porting.wizard.state import PortingRequest, ProviderAccount

APP = str(Path(__file__).resolve().parents[2] / "app.py")
NUMBERS = "21 23 45 67\n22 33 44 55\n23 34 45 56"


def opened(page: str, request: PortingRequest) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30)
    app.session_state["porting_request"] = request
    app.run()
    return app.switch_page(page).run()


def two_providers() -> PortingRequest:
    return PortingRequest(
        numbers_text=NUMBERS,
        provider_count=2,
        provider_of={"22334455": 1},
        company=replace(BLAABAER, requested_date=None),
    )


def request_of(app: AppTest) -> PortingRequest:
    found: PortingRequest = app.session_state["porting_request"]
    return found


def test_the_company_step_asks_for_the_account_at_each_provider_named_by_its_numbers() -> None:
    app = opened("pages/2_company.py", two_providers())
    assert not app.exception
    shown = [block.value for block in app.markdown]
    assert any("Provider 2" in text and "1 number, 22 33 44 55" in text for text in shown)
    assert any("Provider 1" in text and "2 numbers, 21 23 45 67, 23 34 45 56" in text for text in shown)
    assert app.text_input(key="company_current_provider").value == "Telenor Norge AS"  # the first's
    assert app.text_input(key="provider_account_1_current_provider").value == ""
    assert t("details.complete") not in [box.value for box in app.success]
    assert app.info[-1].value == t("details.still_missing.other", count=2)


def test_the_company_step_is_complete_once_the_second_provider_has_its_account() -> None:
    app = opened("pages/2_company.py", two_providers())
    app.text_input(key="provider_account_1_current_provider").input("Telia Norge AS")
    app.text_input(key="provider_account_1_account_number").input("TN-998877").run()
    assert not app.exception
    assert request_of(app).provider_account(1) == ProviderAccount("Telia Norge AS", "TN-998877")
    assert t("details.complete") in [box.value for box in app.success]


def test_a_problem_of_a_providers_field_is_shown_beside_it() -> None:
    app = opened("pages/2_company.py", two_providers())
    app.text_input(key="provider_account_1_current_provider").input("Telia\u200bNorge").run()
    assert ui.plain(t("company.control_characters")) in [box.value for box in app.error]


def test_changing_the_first_providers_fields_keeps_the_company_in_step() -> None:
    app = opened("pages/2_company.py", two_providers())
    app.text_input(key="company_account_number").input("42").run()
    assert request_of(app).company.account_number == "42"
    assert request_of(app).provider_account(0).account_number == "42"


@pytest.mark.parametrize("count", [1])
def test_one_provider_keeps_the_one_provider_field_group(count: int) -> None:
    request = replace(two_providers(), provider_count=count)
    app = opened("pages/2_company.py", request)
    assert not app.exception
    assert not [widget for widget in app.text_input if widget.key.startswith("provider_account_")]
    assert t("details.group_provider") in [header.value for header in app.subheader]


def complete_two_providers() -> PortingRequest:
    request = two_providers()
    request.set_provider_account(1, ProviderAccount("Telia Norge AS", "TN-998877"))
    return request


def test_the_letter_step_offers_one_letter_per_provider_each_with_only_its_numbers() -> None:
    app = opened("pages/3_loa.py", complete_two_providers())
    app.button(key="prepare_loa").click().run()
    assert not app.exception and not app.error
    downloads = app.get("download_button")
    assert len(downloads) == 2
    letters = app.session_state["loa_prepared"]
    first, second = (letter[0] for letter in letters)
    assert (first.current_provider, second.current_provider) == ("Telenor Norge AS", "Telia Norge AS")
    assert second.account_number == "TN-998877"
    assert [letter[-1] for letter in letters] == [("21234567", "23344556"), ("22334455",)]


def slot_label(document: str, provider: str) -> str:
    name = t("journey_providers.documents.slot", document=t(f"uploads.slot.{document}"), provider=provider)
    return t("uploads.upload_label", document=name)


def test_the_documents_step_has_a_letter_and_an_invoice_slot_per_provider_and_one_firmaattest() -> None:
    app = opened("pages/4_documents.py", complete_two_providers())
    assert not app.exception
    labels = [widget.label for widget in app.file_uploader]
    assert labels == [
        slot_label("loa", "Provider 1 (Telenor Norge AS)"),
        slot_label("invoice", "Provider 1 (Telenor Norge AS)"),
        slot_label("loa", "Provider 2 (Telia Norge AS)"),
        slot_label("invoice", "Provider 2 (Telia Norge AS)"),
        t("uploads.upload_label", document=t("uploads.slot.registration")),
    ]


def test_a_second_providers_invoice_is_kept_in_its_own_slot_and_checked_for_its_numbers() -> None:
    app = opened("pages/4_documents.py", complete_two_providers())
    (second_invoice,) = [
        widget
        for widget in app.file_uploader
        if widget.label == slot_label("invoice", "Provider 2 (Telia Norge AS)")
    ]
    second_invoice.set_value(("faktura-telia.pdf", corpus.invoice_pdf(), "application/pdf")).run()
    assert not app.exception
    documents = request_of(app).documents
    assert set(documents) == {"invoice:1"}
    assert documents["invoice:1"].slot == "invoice:1"
    assert request_of(app).invoice_day is None  # the first provider's invoice date is its own
    assert ui.plain("Provider 2 (Telia Norge AS)") in [header.value for header in app.subheader]


def ready_for_two_providers() -> AppTest:
    """Two providers with everything each needs: 22 33 44 55 is with Telia, the others with Telenor."""
    from datetime import timedelta

    from porting.calendar import oslo_today
    from porting.documents.findings import Confirmations
    from porting.documents.reading import UploadedDocument, check_upload
    from porting.rules import rules

    def document(slot: str, data: bytes, name: str) -> UploadedDocument:
        checked = check_upload(slot.partition(":")[0], name, data)
        assert isinstance(checked, UploadedDocument)
        return replace(checked, slot=slot)

    recent = (oslo_today() - timedelta(days=3)).strftime("%d.%m.%Y")
    request = PortingRequest(
        numbers_text="21234567\n80012345\n22334455",
        provider_count=2,
        provider_of={"22334455": 1},
        company=corpus.DETAILS,
        invoice_day=oslo_today() - timedelta(days=3),
    )
    request.set_provider_account(1, ProviderAccount("Telia Norge AS", "TN-998877"))
    request.documents = {
        "loa": document("loa", corpus.png_image(), "fullmakt-telenor.png"),
        "invoice": document("invoice", corpus.invoice_pdf(recent), "faktura-telenor.pdf"),
        "loa:1": document("loa:1", corpus.png_image(), "fullmakt-telia.png"),
        "invoice:1": document("invoice:1", corpus.invoice_pdf(recent), "faktura-telia.pdf"),
        "registration": document("registration", corpus.firmaattest_pdf(), "firmaattest.pdf"),
    }
    request.confirmations = Confirmations(
        active=frozenset({"21234567", "80012345", "22334455"}),
        partial_port=False,
        acknowledged=frozenset(ack.key for ack in rules().acknowledgements),
    )
    return opened("pages/5_submit.py", request)


@pytest.mark.usefixtures("own_app_store")
def test_two_providers_are_submitted_as_two_linked_requests_listed_on_the_receipt() -> None:
    from porting.requests import store
    from ui.wizard.submit import shared_store

    app = ready_for_two_providers()
    assert not app.exception
    assert not [box.value for box in app.warning], "nothing blocks sending"
    app.checkbox(key="submit_consent").check().run()
    next(button for button in app.button if button.label == t("submit.button")).click().run()
    assert not app.exception
    request = request_of(app)
    assert request.submitted_reference is not None and len(request.submitted_others) == 1
    ((other_reference, other_token),) = request.submitted_others
    shown = [block.value for block in app.markdown]
    assert f"**{request.submitted_reference}**" in shown and f"**{other_reference}**" in shown
    first = store.by_token(shared_store(), request.submitted_token or "")
    second = store.by_token(shared_store(), other_token)
    assert first is not None and second is not None
    assert [number.national for number in second.numbers] == ["22334455"]
    assert {number.national for number in first.numbers} == {"21234567", "80012345"}
    assert second.details is not None and second.details.current_provider == "Telia Norge AS"
    assert second.quote.total == 35 and first.quote.total == 40  # one request's price each
    names = {document.slot: document.name for document in second.documents}
    assert names == {
        "loa": "fullmakt-telia.png",
        "invoice": "faktura-telia.pdf",
        "registration": "firmaattest.pdf",
    }
    assert first.siblings == (other_reference,)

    app.switch_page("pages/5_submit.py").run()  # a reload stores nothing more
    assert len(store.list_requests(shared_store())) == 2

    status = AppTest.from_file(APP, default_timeout=30)
    status.query_params["token"] = other_token
    status.run().switch_page("pages/6_status.py").run()
    assert not status.exception
    captions = [caption.value for caption in status.caption]
    expected = t("journey_providers.status.siblings", references=request.submitted_reference)
    assert ui.plain(expected) in captions or expected in captions
    token = request.submitted_token
    assert token and not any(token in caption for caption in captions)  # a reference, never a link


def test_a_resumed_draft_brings_back_the_second_providers_documents() -> None:
    """A draft keeps every slot: the second provider's letter and invoice come back with it."""
    request = two_providers()
    request.documents = {
        "loa:1": ui_document("loa:1", corpus.png_image(), "fullmakt-2.png"),
        "invoice:1": ui_document("invoice:1", corpus.invoice_pdf(), "faktura-2.pdf"),
    }
    app = opened("pages/4_documents.py", request)
    token = request_of(app).draft_token
    assert token
    resumed = AppTest.from_file(APP, default_timeout=30)
    resumed.query_params["draft"] = token
    resumed.run()
    documents = request_of(resumed).documents
    assert sorted(documents) == ["invoice:1", "loa:1"]
    assert documents["loa:1"].name == "fullmakt-2.png" and documents["loa:1"].slot == "loa:1"


def ui_document(slot: str, data: bytes, name: str) -> UploadedDocument:
    checked = check_upload(base_slot(slot), name, data)
    assert isinstance(checked, UploadedDocument)
    return replace(checked, slot=slot)


def test_each_provider_is_chosen_from_the_list_on_its_own() -> None:
    app = opened("pages/2_company.py", two_providers())
    assert app.selectbox(key="company_current_provider_choice").value == "Telenor Norge AS"  # the first's
    app.selectbox(key="provider_account_1_current_provider_choice").select("Telia Norge AS").run()
    assert app.text_input(key="provider_account_1_current_provider").value == "Telia Norge AS"
    request = request_of(app)
    names = [request.provider_account(index).name for index in (0, 1)]
    assert names == ["Telenor Norge AS", "Telia Norge AS"]
