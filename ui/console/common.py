"""What the console's parts share: statuses and rejection
reasons as the team reads them, days and Oslo times, and tables whose columns come from the catalogue.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

import ui
from porting.calendar import OSLO
from porting.i18n import format_date
from porting.requests import lifecycle
from porting.rules import rules
from ui.tables import fitted_table

FLASH = "console_flash"  # what the last change did, shown once after the rerun

STATUS_ICONS: Mapping[str, str] = {
    lifecycle.RECEIVED: ":material/move_to_inbox:",
    lifecycle.UNDER_REVIEW: ":material/search:",
    lifecycle.WAITING_FOR_DOCUMENTS: ":material/attach_file:",
    lifecycle.SUBMITTED_TO_CARRIER: ":material/outbox:",
    lifecycle.ACCEPTED: ":material/check_circle:",
    lifecycle.REJECTED: ":material/block:",
    lifecycle.PORTED: ":material/celebration:",
    lifecycle.CANCELLED: ":material/close:",
}


def status_label(status: str) -> str:
    """A status as the team reads it in a table or a choice: its name (icons show only in text)."""
    return ui.text(f"console.status.{status}")


def status_marked(status: str) -> str:
    """A status as text shows it (markdown): its Material icon and its name."""
    return f"{STATUS_ICONS.get(status, ':material/circle:')} {status_label(status)}"


def label_or(key: str, fallback: str) -> str:
    return ui.text(key) if ui.has_text(key) else fallback


def oslo_time(moment: datetime) -> str:
    return f"{moment.astimezone(OSLO):%Y-%m-%d %H:%M}"


def format_day(value: object) -> str:
    """An ISO date from the stored JSON as a person reads it; anything else as it is."""
    try:
        return format_date(date.fromisoformat(str(value)), ui.request().language, "medium")
    except ValueError:
        return str(value)


def _column(name: str) -> str:
    return ui.text(f"console.column.{name}")


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    shown = [
        {name: ui.visible(value) if isinstance(value, str) else value for name, value in row.items()}
        for row in rows
    ]
    return pd.DataFrame(shown, columns=list(columns)).rename(columns=_column)


def table(rows: list[dict[str, Any]], columns: tuple[str, ...], *, plain: bool = False) -> None:
    """Rows as a table: what people typed is shown as text, without controls that reorder it;
    ``plain``: a static table (``st.table``), for a short list beside the interactive ones."""
    if plain:
        st.table(_frame(rows, columns))
        return
    fitted_table(_frame(rows, columns))


_SEEN = "console_table_seen"  # the selection each table had when last drawn


def chosen_row(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> int | None:
    """Rows as ``table`` shows them, one of which may be clicked: the index of the row clicked
    since the last run, else ``None`` (a selection already seen is not a new choice, so a choice
    made elsewhere since holds). The table is keyed by its rows: other rows, a new selection."""
    key = "console_table_" + hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    event = fitted_table(
        _frame(rows, columns),
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    selected = tuple(event.selection.rows)
    if st.session_state.get(_SEEN) == (key, selected):
        return None
    st.session_state[_SEEN] = (key, selected)
    return selected[0] if selected and 0 <= selected[0] < len(rows) else None


def rejection_reasons() -> dict[str, str]:
    """The guide's rejection reasons: key and issue in the UI language."""
    return {item.key: item.texts[ui.request().language]["issue"] for item in rules().rejection_reasons}


def reason_issue(key: str) -> str:
    return rejection_reasons().get(key) or ui.plain(key)
