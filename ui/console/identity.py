"""Who is signed in to the console: a member of the team, named in the audit trail.

In production the team signs in with the company's identity provider through Streamlit's own
``st.login`` (OpenID Connect, configured in ``.streamlit/secrets.toml`` under ``[auth]`` as
Streamlit documents); the members allowed and their roles are ``PORTING_TEAM_MEMBERS``
(``porting.team.members``). Streamlit keeps the sign-in in a cookie, so a reload keeps the member
signed in. Without an ``[auth]`` section the console asks for its password (``ui.console.signin``)
and the name of whoever signs in, for local use and demos.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime

import streamlit as st

import ui
from porting import settings
from porting.team import audit
from porting.team.members import Member, role_of, typed_name
from ui.wizard.submit import shared_store

_log = logging.getLogger(__name__)

MEMBER = "console_member"  # the Member signed in, in the session
_REFUSED = "console_refused_logged"  # a refused address is logged once per session


def provider_configured() -> bool:
    """Whether the secrets name an identity provider for ``st.login``."""
    try:
        auth = st.secrets.get("auth")
    except (FileNotFoundError, KeyError):  # no secrets file at all
        return False
    return isinstance(auth, Mapping) and bool(auth.get("client_id") or auth.get("server_metadata_url"))


def provider_member() -> Member | None:
    """The member the identity provider signed in, or ``None`` after offering the sign-in or
    refusing an address that is not one of the team's."""
    user = st.user
    if not user.is_logged_in:
        st.info(ui.text("console.identity.intro"), icon=":material/lock:")
        st.button(
            ui.text("console.identity.sign_in"),
            on_click=st.login,
            type="primary",
            icon=":material/login:",
            key="console_login",
        )
        return None
    email = str(user.get("email") or "").strip()
    role = role_of(email, settings.section(settings.Console).members)
    if role is None:
        if not st.session_state.get(_REFUSED):
            _log.warning("console: sign-in refused, the address is not one of the team's")
            audit.record(shared_store(), email or "?", audit.SIGN_IN_REFUSED, datetime.now(UTC))
            st.session_state[_REFUSED] = True
        st.error(ui.text("console.identity.refused", email=ui.plain(email or "?")), icon=":material/block:")
        _provider_sign_out()
        return None
    member = Member(typed_name(str(user.get("name") or "")) or email, email, role)
    if st.session_state.get(MEMBER) != member:  # once per session: the first run signed in
        audit.record(shared_store(), member.actor, audit.SIGN_IN, datetime.now(UTC))
    st.session_state[MEMBER] = member
    return member


def _provider_sign_out() -> None:
    st.button(ui.text("console.sign_out"), on_click=st.logout, icon=":material/logout:", key="console_logout")


def sign_out(member: Member) -> None:
    """The sign-out button: the provider's session is ended by ``st.logout``, the password's here."""
    if member.email is not None and provider_configured():
        _provider_sign_out()
        return
    if st.button(ui.text("console.sign_out"), icon=":material/logout:", key="console_sign_out"):
        st.session_state.pop(MEMBER, None)
        st.rerun()


def current_member() -> Member | None:
    """The member this session's console runs for: set by ``render_console`` at each run."""
    member = st.session_state.get(MEMBER)
    return member if isinstance(member, Member) else None


def current_actor() -> str:
    """Who the audit trail names for what the console does in this session."""
    member = current_member()
    return member.actor if member is not None else ""
