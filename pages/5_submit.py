"""Step 5: review everything, and submit the request once nothing blocks it."""

import streamlit as st

import ui
from ui.wizard.submit import render_submit

st.title(ui.text("submit.title"))
st.caption(ui.text("submit.intro"))
render_submit(ui.request())
