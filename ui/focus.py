"""A focus ring where the keyboard's focus would not show otherwise: the sidebar's page links
(the current page's among them), a table's canvas, and the main area the skip link leads to
(WCAG 2.4.7, focus visible)."""

from __future__ import annotations

import streamlit as st

from porting.rules import rules

# Only :focus-visible (the keyboard's focus, not a click's), and only where no widget draws a ring.
_STYLE = """<style>
a:focus-visible, [data-testid="data-grid-canvas"]:focus-visible, [data-testid="stMain"]:focus-visible {{
  outline: 2px solid {colour} !important;
  outline-offset: 2px;
}}
[data-testid="stMain"]:focus-visible {{  /* the main area, where "Skip to main content" leads: inside it */
  outline-offset: -2px;
}}
</style>"""


def show_focus() -> None:
    """Draw the app's focus ring: once a run, before the page's own content."""
    st.html(_STYLE.format(colour=rules().brand_colour), width="content")
