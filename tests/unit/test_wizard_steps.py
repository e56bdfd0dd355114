"""When each step of the wizard is done: one rule per step, over the request."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from porting.documents.reading import UploadedDocument
from porting.numbers.intake import read_numbers
from porting.rules import rules
from porting.wizard.state import PortingRequest
from porting.wizard.steps import Step, done, progress, submitted
from tests.fixtures.samples import BLAABAER
from ui.wizard.loa import _downloaded

TODAY = date(2027, 3, 1)  # a Monday, weeks before the sample company's requested day


def test_a_new_request_has_no_step_done() -> None:
    assert progress(PortingRequest(), reading=None, today=TODAY) == dict.fromkeys(Step, False)


def test_the_steps_are_in_the_guides_order() -> None:
    assert list(Step) == ["numbers", "company", "loa", "documents", "submit"]


def test_the_numbers_step_is_done_once_a_number_can_be_ported() -> None:
    request = PortingRequest(numbers_text="21 23 45 67")
    assert done(Step.NUMBERS, request, reading=read_numbers(request.numbers_text), today=TODAY)


def test_numbers_that_cannot_be_ported_do_not_finish_the_numbers_step() -> None:
    reading = read_numbers("12345")
    assert not reading.portable_rows
    assert not done(Step.NUMBERS, PortingRequest(numbers_text="12345"), reading=reading, today=TODAY)


def test_the_company_step_is_done_when_the_details_pass_every_check() -> None:
    assert done(Step.COMPANY, PortingRequest(company=BLAABAER), reading=None, today=TODAY)
    no_email = PortingRequest(company=replace(BLAABAER, email=""))
    assert not done(Step.COMPANY, no_email, reading=None, today=TODAY)


def test_the_letter_step_is_done_once_the_letter_is_downloaded() -> None:
    assert done(Step.LOA, PortingRequest(loa_downloaded=True), reading=None, today=TODAY)


def test_with_two_current_providers_the_letter_step_waits_for_both_letters() -> None:
    numbers = "21 23 45 67\n22 33 44 55"
    request = PortingRequest(numbers_text=numbers, provider_count=2, provider_of={"22334455": 1})
    reading = read_numbers(numbers)
    _downloaded(request, 0)
    assert request.loa_downloaded and not done(Step.LOA, request, reading=reading, today=TODAY)
    _downloaded(request, 1)
    assert done(Step.LOA, request, reading=reading, today=TODAY)


def test_the_documents_step_needs_every_document_the_guide_asks_for() -> None:
    slots = [document.key for document in rules().documents]
    uploads = {slot: UploadedDocument(slot, f"{slot}.pdf", "pdf", 8, 1, b"%PDF-1.7") for slot in slots}
    assert done(Step.DOCUMENTS, PortingRequest(documents=uploads), reading=None, today=TODAY)
    del uploads[slots[-1]]
    assert not done(Step.DOCUMENTS, PortingRequest(documents=uploads), reading=None, today=TODAY)


def test_the_last_step_is_done_once_the_request_is_submitted() -> None:
    request = PortingRequest(submitted_reference="NP-2027-0001")
    assert submitted(request)
    assert done(Step.SUBMIT, request, reading=None, today=TODAY)
    assert not submitted(PortingRequest())
