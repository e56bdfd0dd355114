"""Step 2: who the company is and where the numbers are today, checked as the customer types."""

import streamlit as st

import ui
from ui.wizard.company import company_form, registry_lookup

request = ui.request()

st.title(ui.text("details.title"))
st.caption(ui.text("details.intro"))
registry_lookup(request)
company_form(request)
