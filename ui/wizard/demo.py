"""Demo mode: a realistic example company and a mix of numbers, clearly marked as a demo.

For sales demos: one click shows every part of the wizard (several areas, toll-free and
national numbers, a mobile number with the Virtual Caller ID offer, an invalid entry).
"""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

import ui
from porting.company.details import CompanyDetails
from porting.wizard.state import PortingRequest
from ui.wizard import keys

# An example company: the name is made up; the organisation number passes the check digit.
EXAMPLE_COMPANY = CompanyDetails(
    org_number="999 990 002",
    company_name="Fjordlinje Telekom AS",
    address="Dronning Eufemias gate 16",
    postcode="0191",
    city="OSLO",
    signatory_name="Kari Nordmann",
    signatory_title="Daglig leder",
    email="kari.nordmann@example.no",
    phone="+47 22 33 44 55",
    current_provider="Telenor Norge AS",
    account_number="1029384756",
)
EXAMPLE_NUMBERS = "\n".join(
    [
        "+47 21 23 45 67",  # Oslo
        "55 12 34 56",  # Bergen
        "73 80 90 10",  # Trondheim
        "77 64 40 00",  # Tromsø
        "22 33 44 00-03",  # a small range in Oslo
        "800 12 345",  # toll-free
        "850 12 345",  # national
        "+47 412 34 567",  # mobile: offered a Virtual Caller ID
        "+46 8 123 456 78",  # a Swedish number: invalid here
    ]
)


def fill(request: PortingRequest) -> None:
    """Fill the request, and the widgets showing it, with the example; mark it as a demo."""
    request.demo = True
    request.numbers_source = "paste"
    request.numbers_text = EXAMPLE_NUMBERS
    request.company = EXAMPLE_COMPANY
    st.session_state[keys.NUMBERS_SOURCE] = "paste"
    st.session_state[keys.NUMBERS_TEXT] = EXAMPLE_NUMBERS
    for field in fields(CompanyDetails):
        if field.name != "requested_date":  # the request's one requested day stays the customer's
            st.session_state[keys.company(field.name)] = getattr(EXAMPLE_COMPANY, field.name)


def sidebar_button(request: PortingRequest) -> None:
    st.sidebar.button(
        ui.text("demo.button"), on_click=fill, args=(request,), icon=":material/auto_awesome:",
        help=ui.text("demo.help"), width="stretch",
    )  # fmt: skip
    if request.demo:
        st.info(ui.text("demo.banner"), icon=":material/slideshow:")
