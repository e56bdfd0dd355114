"""Entry point: page set-up, the language switch and navigation between the wizard's steps."""

import streamlit as st

import ui
from porting.i18n import LANGUAGES, t

request = ui.request()
st.set_page_config(page_title=ui.text("app.title"), page_icon="📞", layout="wide")

with st.sidebar:
    ui.keep_widget("language", request.language)
    request.language = st.selectbox(
        ui.text("language.label"),
        options=LANGUAGES,
        format_func=lambda language: t("language.name", language),
        key="language",
    )

# Each page's url_path differs from its file's stem: Streamlit still maps pages/ by file name
# (the older multipage layout), and a page whose path matches would run without this script.
navigation = st.navigation(
    [
        st.Page(
            "pages/1_numbers.py", title=ui.text("nav.numbers"), icon="🔢", url_path="quote", default=True
        ),
        st.Page("pages/2_company.py", title=ui.text("nav.company"), icon="🏢", url_path="details"),
        st.Page("pages/3_loa.py", title=ui.text("nav.loa"), icon="✍️", url_path="authorization"),
        st.Page("pages/4_documents.py", title=ui.text("nav.documents"), icon="📎", url_path="paperwork"),
    ],
)
navigation.run()
