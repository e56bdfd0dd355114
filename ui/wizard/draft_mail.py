"""E-mail me this link: the private link of the kept request, sent to an address the customer gives.

The mail is queued in the outbox (``porting.requests.draft_mail``) in the customer's language and
sent in the background like every notice; a draft's link goes out at most once every few
minutes, which the customer is told when they ask again too soon. The address is neither kept
nor logged.
"""

from __future__ import annotations

import streamlit as st

import ui
from porting.email_address import address_problem
from porting.requests import draft_mail, drafts
from porting.wizard.state import PortingRequest
from ui.mail import deliver_soon, settings as mail_settings
from ui.wizard.submit import shared_store

_FORM = "draft_mail"
_ADDRESS = "draft_mail_address"
_MAX_ADDRESS_CHARACTERS = 320  # RFC 5321's longest path: what the outbox's recipient column holds


def control(request: PortingRequest) -> None:
    """The e-mail field and its button, in a form: typing an address reruns nothing."""
    token = request.draft_token
    if token is None:
        return
    with st.expander(ui.text("journey_drafts.mail_heading"), icon=":material/mail:"):
        with st.form(_FORM, border=False):
            if _ADDRESS not in st.session_state:
                st.session_state[_ADDRESS] = request.company.email
            typed = st.text_input(
                ui.text("journey_drafts.mail_label"), key=_ADDRESS, max_chars=_MAX_ADDRESS_CHARACTERS
            )
            sent = st.form_submit_button(ui.text("journey_drafts.mail_button"), icon=":material/send:")
        if sent:
            _send(token, typed.strip(), request.language)


def _send(token: str, address: str, language: str) -> None:
    problem = address_problem(address)
    if problem is not None:
        st.error(ui.text(f"company.email.{problem}"), icon=":material/mail:")
        return
    if mail_settings() is None:
        st.warning(ui.text("journey_drafts.mail_off"), icon=":material/mail:")
        return
    opened = shared_store()
    try:
        draft_mail.mail_link(opened, token, recipient=address, language=language)
    except drafts.DraftError as error:
        st.warning(ui.text(error.code, **error.params), icon=":material/hourglass_top:")
        return
    deliver_soon(opened)
    st.success(ui.text("journey_drafts.mail_queued", address=ui.plain(address)), icon=":material/mail:")
