"""The numbers step's file, and its results: counts, the Virtual Caller ID offer, the table, the
choice of Virtual Caller IDs and the quote."""

from __future__ import annotations

from functools import partial

import streamlit as st

import ui
from porting.wizard.state import NumbersFile, PortingRequest
from ui import uploads
from ui.paging import page_of
from ui.tables import fitted_table
from ui.wizard import keys
from ui.wizard.caller_id import render_caller_id_choice
from ui.wizard.quote import render_quote

NUMBERS_FILES = ["csv", "tsv", "xlsx", "xlsm", "txt"]


def numbers_file(request: PortingRequest) -> None:
    """The file of numbers: a drop zone, the file the numbers are read from, and its column."""
    uploads.drop_zone(
        ui.text("numbers.file_label"), key="upload_numbers", types=NUMBERS_FILES,
        help=ui.text("numbers.file_help"), on_file=partial(_received, request),
    )  # fmt: skip
    kept = request.numbers_file
    if kept is None:
        return
    size = uploads.file_size(len(kept.data))
    description = ui.text("numbers_file.kept", name=ui.plain(kept.name), size=size)
    uploads.file_card(description, key="remove_numbers", on_remove=partial(_remove, request))
    ui.keep_widget(keys.NUMBERS_COLUMN, kept.column or "")
    column = st.text_input(
        ui.text("numbers.column_label"), key=keys.NUMBERS_COLUMN, help=ui.text("numbers.column_help")
    )
    request.numbers_file = NumbersFile(kept.name, kept.data, column.strip() or None)


def _received(request: PortingRequest, name: str, data: bytes) -> None:
    """A new file of numbers, in place of the one before; the column given for that one is kept
    only for a file of the same name (the same export, made again)."""
    kept = request.numbers_file
    column = kept.column if kept is not None and kept.name == name else None
    request.numbers_file = NumbersFile(name, data, column)
    st.session_state[keys.NUMBERS_COLUMN] = column or ""


def _remove(request: PortingRequest) -> None:
    request.numbers_file = None


def render_results(request: PortingRequest, view: ui.NumbersView) -> None:
    summary = view.summary
    for problem in summary.problems:
        (st.error if summary.fatal else st.warning)(ui.plain(problem), icon=":material/warning:")
    if summary.fatal:
        return
    if summary.column:
        st.caption(ui.text("numbers.column_used", column=ui.plain(summary.column)))

    ui.metrics(
        [
            (ui.text("numbers.metric_entered"), summary.entered),
            (ui.text("numbers.metric_distinct"), summary.distinct),
            (ui.text("numbers.metric_portable"), summary.portable),
            (ui.text("numbers.metric_mobile"), len(summary.virtual_caller_id)),
        ]
    )

    if summary.virtual_caller_id:
        st.info(
            ui.plural(
                "numbers.vcid_offer",
                len(summary.virtual_caller_id),
                numbers=", ".join(summary.virtual_caller_id),
            ),
            icon=":material/smartphone:",
        )

    counts_column, table_column = st.columns([1, 3])
    with counts_column:
        st.subheader(ui.text("numbers.counts_heading"))
        st.table(
            {
                ui.text("numbers.col_type"): [label for label, _ in summary.counts_by_type],
                ui.text("numbers.col_count"): [count for _, count in summary.counts_by_type],
            }
        )
    with table_column:
        st.subheader(ui.text("numbers.results_heading"))
        shown = page_of(summary.distinct, key="numbers_page")
        fitted_table(
            ui.numbers_table(summary, shown),
            {column: ui.text(f"numbers.col_{column}") for column in ui.TABLE_COLUMNS},
            pinned=("number",),  # in view while the other columns are scrolled to
        )
        # Made when the button is pressed, in its own thread: a run does not write out every number.
        st.download_button(
            ui.text("numbers.download"),
            data=partial(ui.numbers_csv, view),
            file_name=ui.text("numbers.download_name"),
            mime="text/csv",
            icon=":material/download:",
        )

    numbers = ui.reading(request)
    if numbers is not None:
        render_caller_id_choice(request, numbers)
        render_quote(request, numbers)
