"""The Virtual Caller ID choice under the numbers: for each mobile number, whether the customer
wants one, a page at a time, with "all" and "none" for a long list."""

from __future__ import annotations

import streamlit as st

import ui
from porting.numbers.caller_id import caller_id_choice, offered
from porting.numbers.readings import Reading
from porting.wizard.state import PortingRequest
from ui.paging import page_of
from ui.wizard import keys

_ROWS = keys.caller_id("rows_")  # the editor of one page, by the page's first row


def render_caller_id_choice(request: PortingRequest, reading: Reading) -> None:
    mobiles = offered(reading)
    if not mobiles:
        return
    st.subheader(ui.text("vcid.choice.heading"))
    st.caption(ui.text("vcid.choice.help"))
    everyone = frozenset(row.national or "" for row in mobiles)
    with st.container(horizontal=True):  # each button as wide as its words, side by side
        every = st.button(ui.text("vcid.choice.all"), key=keys.caller_id("all"), icon=":material/done_all:")
        nothing = st.button(
            ui.text("vcid.choice.none"), key=keys.caller_id("none"), icon=":material/remove_done:"
        )
    if every:
        _choose(request, request.virtual_caller_id | everyone)
    if nothing:
        _choose(request, request.virtual_caller_id - everyone)
    # Keyed by the page's first row: an editor's edits are kept by their row on the page, so
    # pages sharing one key would carry one page's edits over to the next.
    shown = page_of(len(mobiles), key=keys.caller_id("page"))
    listed = mobiles[shown]
    wanted = set(request.virtual_caller_id)
    rows: dict[str, list[object]] = {
        "number": [row.display for row in listed],
        "wanted": [row.national in wanted for row in listed],
    }
    edited = st.data_editor(
        rows,
        column_config={
            "number": st.column_config.TextColumn(ui.text("numbers.col_number"), disabled=True),
            "wanted": st.column_config.CheckboxColumn(ui.text("vcid.choice.col_wanted")),
        },
        hide_index=True,
        width="stretch",
        key=keys.caller_id(f"rows_{shown.start}"),
    )
    for row, flag in zip(listed, edited["wanted"], strict=True):
        (wanted.add if flag else wanted.discard)(row.national or "")
    request.virtual_caller_id = frozenset(wanted)
    choice = caller_id_choice(reading, request.virtual_caller_id)
    st.caption(ui.text("vcid.choice.summary", chosen=len(choice.chosen), declined=len(choice.declined)))


def _choose(request: PortingRequest, wanted: frozenset[str]) -> None:
    """Every page's editor starts again from ``wanted``: their edits are forgotten."""
    request.virtual_caller_id = wanted
    for key in [key for key in st.session_state if isinstance(key, str) and key.startswith(_ROWS)]:
        del st.session_state[key]
