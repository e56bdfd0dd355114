"""Step 3: the prefilled Letter of Authorization, to download, sign and send back."""

import streamlit as st

import ui
from ui.wizard.loa import render_loa

st.title(ui.text("loa.title"))
st.caption(ui.text("loa.intro"))
render_loa(ui.request())
