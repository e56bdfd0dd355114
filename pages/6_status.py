"""The customer's status page: opened from the private link, never by reference."""

import streamlit as st

import ui
from ui.status.page import render_status

st.title(ui.text("request_status.title"))
render_status(st.query_params.get("token", ""))
