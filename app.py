"""Entry point: page set-up and navigation between the wizard's steps."""

import streamlit as st

import ui

st.set_page_config(page_title=ui.text("app.title"), page_icon="📞", layout="wide")

navigation = st.navigation(
    [st.Page("pages/1_numbers.py", title=ui.text("nav.numbers"), icon="🔢", default=True)]
)
navigation.run()
