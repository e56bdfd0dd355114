"""The console's sign-in form: wrong passwords are counted in the database (``porting.team.signin``),
per client and in total, so a new browser session starts where the last one stopped.

The client is the address Streamlit saw (``st.context.ip_address``), or, when
``PORTING_BEHIND_PROXY`` says the app is behind a proxy of ours, the last ``X-Forwarded-For``
entry. Only a keyed hash of it (``schema.client_key``) is stored, and a shorter part of that is
logged; the password entered is never logged.
"""

from __future__ import annotations

import logging
import math
from datetime import UTC, datetime

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import ui
from porting.requests.schema import Store, client_key
from porting.team import audit, signin
from porting.team.members import ADMIN, MAX_NAME, Member, typed_name
from ui import client_address
from ui.console.identity import MEMBER
from ui.wizard.submit import shared_store

_log = logging.getLogger(__name__)

SIGNED_IN = "console_signed_in"
_LOGGED_KEY_CHARACTERS = 12  # enough to follow one client through the log, too few to be its key


def _now() -> datetime:
    return datetime.now(UTC)


def _refusal_text(refused: signin.Refusal, now: datetime) -> str:
    """What the refused person reads: when to try again, in seconds for a wait, minutes for a lockout."""
    seconds = refused.seconds_left(now)
    if refused.reason == signin.WAIT:
        return ui.plural("console.signin.wait", seconds)
    minutes = math.ceil(seconds / 60)
    if refused.reason == signin.LOCKED_ALL:
        return ui.plural("console.signin.locked_all", minutes)
    return ui.plural("console.signin.locked", minutes)


def render_sign_in(password: str) -> None:
    """The password form; a right one accepted in time signs this browser session in."""
    opened = shared_store()
    client = client_key(opened, client_address())
    notice = st.container()
    refused = signin.refusal(opened, client, _now())
    with st.form("console_sign_in", clear_on_submit=True):
        name = st.text_input(
            ui.text("console.identity.name"),
            max_chars=MAX_NAME,
            help=ui.text("console.identity.name_help"),
            key="console_name",
            disabled=bool(refused),
        )
        entered = st.text_input(
            ui.text("console.password"), type="password", key="console_password", disabled=bool(refused)
        )
        sent = st.form_submit_button(ui.text("console.sign_in"), type="primary", disabled=bool(refused))
    if refused is None and sent and not typed_name(name):
        notice.error(ui.text("console.identity.name_missing"), icon=":material/badge:")
    elif refused is None and sent:
        refused = _attempt(notice, opened, client, entered, password, typed_name(name))
    elif refused is not None and sent:  # typed in a form opened before the wait began
        _log.warning("console: sign-in refused unread (client %s, %s)", _logged(client), refused.reason)
    if refused is not None:
        notice.error(_refusal_text(refused, _now()), icon=":material/hourglass_top:")


def _attempt(
    notice: DeltaGenerator, opened: Store, client: str | None, entered: str, password: str, name: str
) -> signin.Refusal | None:
    """Count the attempt, then compare: signed in (and rerun), or why the next one must wait."""
    result = signin.attempt(opened, client, _now())
    if isinstance(result, signin.Refusal):  # another session of the client got there first
        _log.warning("console: sign-in refused unread (client %s, %s)", _logged(client), result.reason)
        return result
    if signin.password_matches(entered, password):
        signin.succeeded(opened, client)
        _log.info("console: signed in (client %s)", _logged(client))
        st.session_state[SIGNED_IN] = True
        st.session_state[MEMBER] = Member(name, None, ADMIN)  # the password is for local use: all may
        audit.record(opened, name, audit.SIGN_IN, _now())
        st.rerun()
    _log.warning("console: wrong password (client %s, %d in a row)", _logged(client), result.failures)
    audit.record(opened, name, audit.SIGN_IN_REFUSED, _now())
    refused = signin.refusal(opened, client, _now())
    if refused is None:
        notice.error(ui.text("console.signin.wrong"), icon=":material/lock:")
    return refused


def _logged(client: str | None) -> str:
    """The client as the log names it: the start of its keyed hash, never its address."""
    return (client or signin.UNKNOWN_CLIENT)[:_LOGGED_KEY_CHARACTERS]
