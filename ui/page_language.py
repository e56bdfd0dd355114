"""The page's ``lang`` attribute follows the app's language, so that screen readers, spelling and
hyphenation read the page in the language it is written in (Streamlit's page always says ``en``).

Sent with every run, like ``ui.history``'s script; the page runs it again when the language, and
so the element, changes.
"""

from __future__ import annotations

import json

import streamlit as st

from porting.i18n import LANGUAGES

_SCRIPT = "<script>document.documentElement.lang = {language};</script>"


def page_language(language: str) -> None:
    """Set the page's ``lang`` to ``language``, one of the app's languages."""
    if language in LANGUAGES:  # never anything else into a script
        st.html(_SCRIPT.format(language=json.dumps(language)), unsafe_allow_javascript=True, width="content")
