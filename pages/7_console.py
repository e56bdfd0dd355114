"""The porting team's console: behind a password, never linked from the customer's steps."""

import streamlit as st

import ui
from ui.console.page import render_console

st.title(ui.text("console.title"))
render_console()
