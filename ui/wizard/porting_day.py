"""The requested porting day's field and its check, the same on the quote and the company step.

Each step draws the field under its own key (``keys.REQUESTED_PORTING_DAY`` on the quote,
``keys.company("requested_date")`` on the company step), given its value from the request by
``ui.keep_widget``: a day set on one step is the day the other shows. One key for both would not
do: Streamlit tells widgets on different pages apart, so the page shown next would find the key
still held by the last page's widget and draw its own empty. The check is
``porting.wizard.porting_day``'s; a refused day offers the nearest days that work as buttons.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.i18n import format_date
from porting.wizard.porting_day import day_check, note_text, refusal_text
from porting.wizard.state import PortingRequest
from ui.wizard import keys

QUOTE_KEY = keys.REQUESTED_PORTING_DAY
COMPANY_KEY = keys.company("requested_date")


def requested_day_input(request: PortingRequest, key: str, where: Any = st) -> None:
    """The requested day's date field under ``key``, in ``where`` (a column, or the page)."""
    ui.keep_widget(key, request.requested_porting_day)
    request.requested_porting_day = where.date_input(
        ui.text("quote.requested_label"), key=key, value=None, format=ui.date_format(),
        help=ui.text("quote.requested_help"),
    )  # fmt: skip


def requested_day_check(request: PortingRequest, key: str) -> bool:
    """Why the requested day cannot be had, with the nearest days as buttons that set it, or the
    note on a day carriers rarely port on. Whether the day (or no day) can be had."""
    requested = request.requested_porting_day
    check = day_check(request, oslo_today())
    if requested is None or check is None:
        return True
    language = request.language
    if check.ok:
        note = note_text(requested, check, language)
        if note is not None:
            st.info(note, icon=":material/park:")
        return True
    st.error(refusal_text(requested, check, language), icon=":material/warning:")
    if check.offered:
        for column, day in zip(st.columns(len(check.offered) + 2), check.offered, strict=False):
            column.button(
                ui.text("porting_day.choose", day=format_date(day, language, "medium")),
                on_click=_choose,
                args=(request, key, day),
                icon=":material/event_available:",
            )
    return False


def _choose(request: PortingRequest, key: str, day: date) -> None:
    """Runs before the page is drawn again, so the field under ``key`` can take the chosen day."""
    request.requested_porting_day = st.session_state[key] = day
