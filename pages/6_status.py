"""The customer's status page: opened from the private link, never by reference; the demo's
sandbox request opens here too, from the demo's receipt."""

import streamlit as st

import ui
from ui import pages
from ui.status.page import render_status
from ui.status.sandbox import render_sandbox

st.title(ui.text("request_status.title"))
if pages.opens_sandbox(st.query_params):
    render_sandbox(ui.request())
else:
    render_status(st.query_params.get("token", ""))
