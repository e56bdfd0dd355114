"""Demo mode: a realistic example company, a mix of numbers and the documents its customer would
upload, clearly marked as a demo (``porting.wizard.demo``).

For sales demos: one click fills every step (several areas, toll-free and national numbers, a
mobile number with the Virtual Caller ID offer, an invalid entry, a signed letter, an invoice
and a firmaattest that pass every pre-flight check), and the review sends it to a sandbox whose
status page can be stepped through (``ui.status.sandbox``). A demo is never stored or mailed.
"""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.company.details import CompanyDetails
from porting.documents.reading import UploadedDocument, check_upload
from porting.rules import rules
from porting.wizard.demo import (
    EXAMPLE_COMPANY,
    EXAMPLE_NUMBERS,
    example_confirmations,
    example_register,
    sample_documents,
)
from porting.wizard.porting_day import letter_details
from porting.wizard.state import PortingRequest
from ui import pages
from ui.wizard import keys

# The widgets that show what the demo fills in and the earlier state kept them at: dropped, so
# that each is drawn again from the request (``ui.keep_widget``).
_SHOWN = (
    keys.PROVIDER_COUNT, keys.CONFIRM_ACTIVE, keys.PARTIAL_PORT, keys.MAIN_NUMBER, keys.PARTIAL_REST,
    keys.SUBMIT_CONSENT, keys.INVOICE_DAY,
)  # fmt: skip


def fill(request: PortingRequest) -> None:
    """Fill the request, and the widgets showing it, with the example; mark it as a demo."""
    request.demo = True
    request.demo_stage = 0
    request.submitted_reference = request.submitted_token = None
    request.submitted_others = ()
    request.numbers_source = "paste"
    request.numbers_text = EXAMPLE_NUMBERS
    request.numbers_file = None
    request.provider_count, request.provider_of, request.providers = 1, {}, ()
    request.company = EXAMPLE_COMPANY
    request.registry, request.signatories = example_register()
    st.session_state[keys.NUMBERS_SOURCE] = "paste"
    st.session_state[keys.NUMBERS_TEXT] = EXAMPLE_NUMBERS
    for field in fields(CompanyDetails):
        if field.name != "requested_date":  # the request's one requested day stays the customer's
            st.session_state[keys.company(field.name)] = getattr(EXAMPLE_COMPANY, field.name)
    reading = ui.reading(request)
    if reading is None:
        return
    today = oslo_today()
    request.documents = {}
    for sample in sample_documents(letter_details(request, today), reading, today, request.language):
        checked = check_upload(sample.slot, sample.name, sample.data)
        if isinstance(checked, UploadedDocument):  # the app's own documents: read as any upload
            request.keep_document(checked)
        st.session_state.pop(keys.upload_problem(sample.slot), None)
    request.confirmations = example_confirmations(reading)
    request.loa_downloaded = True  # the sample letter is the one the letter step makes
    for key in (*_SHOWN, *(keys.acknowledge(item.key) for item in rules().acknowledgements)):
        st.session_state.pop(key, None)
    for key in [key for key in st.session_state if str(key).startswith(keys.confirm_range(""))]:
        st.session_state.pop(key, None)


def sidebar_button(request: PortingRequest) -> None:
    st.sidebar.button(
        ui.text("demo.button"), on_click=fill, args=(request,), icon=":material/auto_awesome:",
        help=ui.text("demo.help"), width="stretch",
    )  # fmt: skip
    if request.demo and not pages.opens_sandbox(st.query_params):  # the sandbox says it its own way
        st.info(ui.text("demo.banner"), icon=":material/slideshow:")
