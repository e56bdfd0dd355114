"""The invoice's date goes with the invoice it belongs to: read again from each new invoice, and a
date typed for one invoice never outlives it (PortingRequest.keep_document, remove_document)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import document_corpus as corpus

from porting.documents.reading import UploadedDocument, check_upload
from porting.wizard.state import PortingRequest, from_state, to_state

TYPED = date(2026, 11, 10)


def invoice(data: bytes, name: str = "faktura.pdf") -> UploadedDocument:
    checked = check_upload("invoice", name, data)
    assert isinstance(checked, UploadedDocument)
    return checked


def test_each_new_invoice_is_read_for_its_own_date() -> None:
    request = PortingRequest()
    request.keep_document(invoice(corpus.invoice_pdf()))
    assert request.invoice_day == date(2026, 11, 3)
    request.keep_document(invoice(corpus.invoice_pdf("20.11.2026")))
    assert request.invoice_day == date(2026, 11, 20)


def test_a_date_typed_for_an_invoice_is_dropped_with_it() -> None:
    request = PortingRequest()
    request.keep_document(invoice(corpus.unreadable_scan_pdf(), "skannet.pdf"))
    request.invoice_day = TYPED
    request.keep_document(invoice(corpus.invoice_pdf()))
    assert request.invoice_day == date(2026, 11, 3)  # the new invoice's own
    request.invoice_day = TYPED
    request.keep_document(invoice(corpus.unreadable_scan_pdf(), "skannet.pdf"))
    assert request.invoice_day is None  # asked for again
    request.invoice_day = TYPED
    request.remove_document("invoice")
    assert request.invoice_day is None and "invoice" not in request.documents


def test_the_same_invoice_uploaded_again_keeps_its_date() -> None:
    scan = invoice(corpus.unreadable_scan_pdf(), "skannet.pdf")
    request = PortingRequest()
    request.keep_document(scan)
    request.invoice_day = TYPED
    request.keep_document(replace(scan, name="skannet (1).pdf"))
    assert request.invoice_day == TYPED


def test_a_date_typed_before_any_invoice_gives_way_to_the_first_one() -> None:
    request = PortingRequest(invoice_day=TYPED)  # typed on the quote
    request.keep_document(invoice(corpus.invoice_pdf()))
    assert request.invoice_day == date(2026, 11, 3)


def test_other_documents_leave_the_invoice_date_alone() -> None:
    request = PortingRequest(invoice_day=TYPED)
    request.keep_document(replace(invoice(corpus.invoice_pdf()), slot="loa"))
    request.remove_document("registration")  # none kept: nothing happens
    assert request.invoice_day == TYPED and list(request.documents) == ["loa"]


def test_a_draft_keeps_the_date_of_its_invoice() -> None:
    request = PortingRequest()
    request.keep_document(invoice(corpus.unreadable_scan_pdf(), "skannet.pdf"))
    request.invoice_day = TYPED
    assert from_state(to_state(request), "en").invoice_day == TYPED  # the state as drafts wrote it before
