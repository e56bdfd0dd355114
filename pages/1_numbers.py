"""Step 1: the numbers to port, read and classified as the customer types or uploads them."""

import streamlit as st

import ui
from porting.request import NumbersFile
from ui.quote import render_quote

request = ui.request()

st.title(ui.text("numbers.title"))
st.caption(ui.text("numbers.intro"))

sources = {"paste": ui.text("numbers.source_paste"), "file": ui.text("numbers.source_file")}
ui.keep_widget("numbers_source", request.numbers_source)
request.numbers_source = st.segmented_control(
    ui.text("numbers.source_label"),
    options=list(sources),
    format_func=sources.__getitem__,
    key="numbers_source",
    required=True,
)

if request.numbers_source == "paste":
    ui.keep_widget("numbers_text", request.numbers_text)
    request.numbers_text = st.text_area(
        ui.text("numbers.paste_label"),
        key="numbers_text",
        height=180,
        placeholder=ui.text("numbers.paste_placeholder"),
        help=ui.text("numbers.paste_help"),
    )
else:
    upload = st.file_uploader(
        ui.text("numbers.file_label"),
        type=["csv", "tsv", "xlsx", "xlsm", "txt"],
        help=ui.text("numbers.file_help"),
    )
    if upload is not None:
        kept = request.numbers_file
        column = kept.column if kept is not None and kept.name == upload.name else None
        request.numbers_file = NumbersFile(upload.name, upload.getvalue(), column)
    if request.numbers_file is not None:
        ui.keep_widget("numbers_column", request.numbers_file.column or "")
        column = st.text_input(
            ui.text("numbers.column_label"), key="numbers_column", help=ui.text("numbers.column_help")
        )
        kept = request.numbers_file
        request.numbers_file = NumbersFile(kept.name, kept.data, column.strip() or None)

view = ui.numbers_view(request)
if view is None:
    st.info(ui.text("numbers.empty"))
    st.stop()

summary = view.summary
for problem in summary.problems:
    (st.error if summary.fatal else st.warning)(problem, icon="⚠️")
if summary.fatal:
    st.stop()
if summary.column:
    st.caption(ui.text("numbers.column_used", column=ui.plain(summary.column)))

entered, distinct, portable, mobile = st.columns(4)
entered.metric(ui.text("numbers.metric_entered"), summary.entered)
distinct.metric(ui.text("numbers.metric_distinct"), summary.distinct)
portable.metric(ui.text("numbers.metric_portable"), summary.portable)
mobile.metric(ui.text("numbers.metric_mobile"), len(summary.virtual_caller_id))

if summary.virtual_caller_id:
    st.info(
        ui.plural(
            "numbers.vcid_offer", len(summary.virtual_caller_id), numbers=", ".join(summary.virtual_caller_id)
        ),
        icon="📱",
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
    st.dataframe(
        view.table,
        hide_index=True,
        width="stretch",
        column_config={
            column: st.column_config.Column(
                ui.text(f"numbers.col_{column}"), width="large" if column == "note" else None
            )
            for column in view.table.columns
        },
    )
    st.download_button(
        ui.text("numbers.download"),
        data=view.csv,
        file_name=ui.text("numbers.download_name"),
        mime="text/csv",
        icon=":material/download:",
    )

numbers = ui.reading(request)
if numbers is not None:
    render_quote(request, numbers)
