"""Long tables a page at a time, so a list of 100,000 numbers costs a visit what 100 rows cost.

Streamlit sends a table's every row to the browser on every rerun; a page selector sends
one page, and the table's download still holds every row.
"""

from __future__ import annotations

import streamlit as st

import ui
from porting.i18n import format_integer

PAGE_ROWS = 100


def page_of(total: int, key: str) -> slice:
    """The rows of a table of ``total`` rows to show now: all of a short table, one page of a
    long one, with a page selector (``key``) and a caption saying which rows these are."""
    if total <= PAGE_ROWS:
        return slice(0, total)
    pages = -(-total // PAGE_ROWS)
    if st.session_state.get(key, 1) > pages:  # a shorter list than the page last shown
        st.session_state[key] = pages
    page = st.number_input(ui.text("table.page_label"), min_value=1, max_value=pages, step=1, key=key)
    start = (int(page) - 1) * PAGE_ROWS
    stop = min(start + PAGE_ROWS, total)
    language = ui.request().language
    st.caption(
        ui.text(
            "table.page_rows",
            first=format_integer(start + 1, language),
            last=format_integer(stop, language),
            total=format_integer(total, language),
        )
    )
    return slice(start, stop)
