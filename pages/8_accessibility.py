"""The accessibility statement: what the app meets, how it was tested, what is known not to be
met and how to tell us about a barrier."""

import streamlit as st

import ui

st.title(ui.text("accessibility.title"))
st.markdown(ui.text("accessibility.intro"))
for section in ("tested", "met", "limits", "feedback"):
    st.subheader(ui.text(f"accessibility.{section}.heading"))
    st.markdown(ui.text(f"accessibility.{section}.body"))
