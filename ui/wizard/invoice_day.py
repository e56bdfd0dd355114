"""The invoice's date: one field on two pages, on the quote and beside the invoice upload.

Streamlit keeps a widget's value per page, so the field on one page would not show a date
changed on the other (or read from a new invoice meanwhile). The request holds the date: the
field shows it on each run, and a date typed into it goes to the request before the page is
drawn. Which invoice a date belongs to is the request's to say (``PortingRequest.keep_document``).
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import ui
from porting.calendar import oslo_today
from porting.wizard.state import PortingRequest
from ui.wizard import keys


def invoice_day_input(request: PortingRequest, where: DeltaGenerator, help: str) -> None:
    """The invoice's date field in ``where`` (a column or a container), showing the request's."""
    st.session_state[keys.INVOICE_DAY] = request.invoice_day
    where.date_input(
        ui.text("quote.invoice_label"), key=keys.INVOICE_DAY, value=None, max_value=oslo_today(),
        format=ui.date_format(), help=help, on_change=_typed, args=(request,),
    )  # fmt: skip


def _typed(request: PortingRequest) -> None:
    request.invoice_day = st.session_state[keys.INVOICE_DAY]
