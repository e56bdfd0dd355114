"""Step 1: the numbers to port, read and classified as the customer types or uploads them."""

import streamlit as st

import ui
from ui.wizard import keys
from ui.wizard.numbers import numbers_file, render_results
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
    numbers_file(request)

capped_notice()
view = ui.numbers_view(request)
if view is None:
    st.info(ui.text("numbers.empty"))
else:
    render_results(request, view)
