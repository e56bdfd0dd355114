"""Step 1: the numbers to port, read and classified as the customer types or uploads them."""

import streamlit as st

import ui
from porting.wizard.state import NumbersFile
from ui.wizard import keys
from ui.wizard.numbers import render_results
from ui.wizard.share import capped_notice

request = ui.request()

st.title(ui.text("numbers.title"))
st.caption(ui.text("numbers.intro"))

sources = {"paste": ui.text("numbers.source_paste"), "file": ui.text("numbers.source_file")}
ui.keep_widget(keys.NUMBERS_SOURCE, request.numbers_source)
request.numbers_source = st.segmented_control(
    ui.text("numbers.source_label"),
    options=list(sources),
    format_func=sources.__getitem__,
    key=keys.NUMBERS_SOURCE,
    required=True,
)

if request.numbers_source == "paste":
    ui.keep_widget(keys.NUMBERS_TEXT, request.numbers_text)
    request.numbers_text = st.text_area(
        ui.text("numbers.paste_label"),
        key=keys.NUMBERS_TEXT,
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
        ui.keep_widget(keys.NUMBERS_COLUMN, request.numbers_file.column or "")
        column = st.text_input(
            ui.text("numbers.column_label"), key=keys.NUMBERS_COLUMN, help=ui.text("numbers.column_help")
        )
        kept = request.numbers_file
        request.numbers_file = NumbersFile(kept.name, kept.data, column.strip() or None)

capped_notice()
view = ui.numbers_view(request)
if view is None:
    st.info(ui.text("numbers.empty"))
else:
    render_results(request, view)
