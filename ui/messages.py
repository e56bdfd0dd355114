"""A request's thread as each side sees it: the customer on the status page, the team in the
console. Messages are shown as plain text (``ui.plain``); a new one is stored and mailed to the
other side by ``porting.requests.messages``."""

from __future__ import annotations

import streamlit as st

import ui
from porting.calendar import OSLO
from porting.i18n import format_date
from porting.requests import messages
from porting.requests.records import StoredRequest
from porting.rules import rules
from ui.mail import deliver_soon
from ui.wizard.submit import shared_store

_FLASH = "thread_flash"  # what the last send did, shown after the rerun


def render_thread(request: StoredRequest, *, sender: str, actor: str = "") -> None:
    """The thread of ``request`` and the box to write in it, as ``sender`` (a side of
    ``messages.SENDERS``; ``actor`` names the team member) sees them."""
    team = sender == messages.FROM_TEAM
    st.subheader(ui.text("journey_messages.console_heading" if team else "journey_messages.heading"))
    flash = st.session_state.pop(_FLASH, None)
    if flash is not None:
        st.success(ui.text(flash), icon=":material/mail:")
    found = messages.thread(shared_store(), request)
    if not found:
        st.caption(ui.text("journey_messages.none"))
    for message in found:
        st.markdown(ui.text("journey_messages.line", who=_who(message, team), at=_when(message)))
        st.markdown(ui.plain(message.body))
    most = rules().limits.max_message_characters
    prefix = f"thread_{request.id}"
    with st.form(f"{prefix}_form", clear_on_submit=True):
        body = st.text_area(
            ui.text("journey_messages.console_write" if team else "journey_messages.write"),
            max_chars=most,
            help=ui.text("journey_messages.write_help", most=f"{most:,}"),
            key=f"{prefix}_body",
        )
        if not st.form_submit_button(ui.text("journey_messages.send"), icon=":material/send:"):
            return
    try:
        messages.post_message(shared_store(), request, body, sender=sender, actor=actor)
    except messages.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return
    deliver_soon(shared_store())
    st.session_state[_FLASH] = "journey_messages.console_sent" if team else "journey_messages.sent"
    st.rerun()


def _who(message: messages.Message, team: bool) -> str:
    if message.sender == messages.FROM_CUSTOMER:
        return ui.text("journey_messages.team_from_customer" if team else "journey_messages.from_customer")
    if team:  # the team sees who of them wrote; the customer sees the team
        return ui.text("journey_messages.team_from_team", actor=ui.plain(message.actor))
    return ui.text("journey_messages.from_team")


def _when(message: messages.Message) -> str:
    local = message.at.astimezone(OSLO)
    return f"{format_date(local.date(), ui.request().language, 'medium')} {local:%H:%M}"
