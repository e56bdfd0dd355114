"""Step 4: the required documents, checked by their content, and the pre-flight report."""

import streamlit as st

import ui
from ui.wizard.documents import confirmations, report, upload_slots

request = ui.request()

st.title(ui.text("uploads.title"))
st.caption(ui.text("uploads.intro"))
upload_slots(request)
numbers = ui.reading(request)
confirmations(request, numbers)
report(request, numbers)
