"""The customer's changes to a submitted request on its status page, until it is with the carrier:
remove numbers, ask for another porting day (``porting.requests.changes``)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

import ui
from porting.requests import changes
from porting.requests.records import StoredRequest
from ui.wizard.submit import shared_store


def render_changes(found: StoredRequest, done: Callable[[str], None]) -> None:
    """The two changes in an expander; ``done`` sends the notices and shows the request again."""
    if not changes.customer_may_change(found.status):
        return
    with st.expander(ui.text("journey_changes.heading"), icon=":material/edit:"):
        st.caption(ui.text("journey_changes.intro"))
        shown = {number.e164: number.display for number in found.numbers if number.e164}
        chosen = st.multiselect(
            ui.text("journey_changes.remove"),
            options=list(shown),
            format_func=shown.__getitem__,
            placeholder=ui.text("journey_changes.remove_placeholder"),
            key="change_remove",
        )
        if st.button(
            ui.text("journey_changes.remove_button"), disabled=not chosen, key="change_remove_button"
        ):
            _apply(
                lambda: changes.remove_numbers(shared_store(), found, chosen), done, "journey_changes.removed"
            )
        requested = found.details.requested_date if found.details is not None else None
        day = st.date_input(
            ui.text("journey_changes.day"),
            value=requested,
            help=ui.text("journey_changes.day_help"),
            format=ui.date_format(),
            key="change_day",
        )
        asked = st.button(
            ui.text("journey_changes.day_button"), disabled=day is None, key="change_day_button"
        )
        if asked and day is not None:
            _apply(
                lambda: changes.change_requested_day(shared_store(), found, day),
                done,
                "journey_changes.day_changed",
            )


def _apply(change: Callable[[], object], done: Callable[[str], None], said: str) -> None:
    try:
        change()
    except changes.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return
    done(said)
