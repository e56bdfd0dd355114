"""The quote in the page's address: a reload or a shared link opens the same numbers and language."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import streamlit as st

import ui
from porting.i18n import LANGUAGES, format_integer
from porting.numbers.share import (
    MAX_LINK_CHARACTERS,
    decode_assignment,
    encode_assignment,
    encode_numbers,
    opened_numbers,
)
from porting.rules import rules
from porting.wizard.state import PortingRequest
from ui import pages
from ui.wizard import keys

_APPLIED = "link_applied"
_CAPPED = "link_capped"  # what a link over the cap opened, and how many numbers: for the notice


def apply_link(request: PortingRequest) -> None:
    """Once per session, take the language, numbers and provider count the link carries."""
    if st.session_state.get(_APPLIED):
        return
    st.session_state[_APPLIED] = True
    parameters = st.query_params
    language = parameters.get("lang")
    if language in LANGUAGES:
        request.language = st.session_state["language"] = language
    if parameters.get("n") and not request.numbers_text.strip():
        _open_numbers(request, parameters["n"])
    providers = parameters.get("p", "")
    if providers.isdigit() and 1 <= int(providers) <= 100:
        request.provider_count = st.session_state[keys.PROVIDER_COUNT] = int(providers)
        assigned = decode_assignment(parameters.get("a", ""), providers=request.provider_count)
        if assigned and not request.provider_of:
            request.provider_of = assigned


def _open_numbers(request: PortingRequest, value: str) -> None:
    """Paste what the link carries, no more than a link may open (anyone may craft one)."""
    opened = opened_numbers(value)
    if opened.capped:
        st.session_state[_CAPPED] = (opened.text, opened.kept)
    if opened.text:
        request.numbers_source = st.session_state[keys.NUMBERS_SOURCE] = "paste"
        request.numbers_text = st.session_state[keys.NUMBERS_TEXT] = opened.text


def capped_notice() -> None:
    """Say that the link held more numbers than it may open, while its numbers are still shown."""
    capped = st.session_state.get(_CAPPED)
    if capped is None:
        return
    current = ui.request()
    opened, kept = capped
    if current.numbers_source != "paste" or current.numbers_text != opened:
        del st.session_state[_CAPPED]  # another list now: the notice no longer applies
        return
    language = current.language
    limit = format_integer(rules().limits.max_numbers_per_link, language)
    st.warning(
        ui.text("share.capped", limit=limit, kept=format_integer(kept, language)),
        icon=":material/content_cut:",
    )


def link_parameters(request: PortingRequest) -> dict[str, str]:
    """What the address carries now; numbers only when they fit in a link."""
    parameters = {"lang": request.language}
    encoded = encode_numbers(request.numbers_text) if request.numbers_source == "paste" else None
    if encoded:
        parameters["n"] = encoded
    if request.provider_count > 1:
        parameters["p"] = str(request.provider_count)
        assigned = encode_assignment(request.provider_of)
        if assigned and "n" in parameters and len(parameters["n"]) + len(assigned) <= MAX_LINK_CHARACTERS:
            parameters["a"] = assigned  # which provider each number is with, when it fits in the link
    return parameters


def update_link(request: PortingRequest, wanted: Mapping[str, str] | None = None) -> None:
    """Keep the address in step with the request, so a reload keeps the numbers: ``wanted``, or
    ``link_parameters`` when not given."""
    if "token" in st.query_params or pages.opens_sandbox(st.query_params):
        return  # a status link, or the demo's sandbox: that is the page's whole address
    wanted = link_parameters(request) if wanted is None else dict(wanted)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def share_control(request: PortingRequest) -> None:
    """The link to this quote, with a copy button, or why there is none."""
    parameters = link_parameters(request)
    if "n" not in parameters:
        st.caption(ui.text("share.too_long"))
        return
    base = (st.context.url or "").split("?", 1)[0]
    st.caption(ui.text("share.label"))
    st.code(f"{base}?{urlencode(parameters)}", language=None, wrap_lines=True)
