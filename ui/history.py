"""The browser's Back goes back one page: a change of the address's parameters adds no history entry.

Streamlit's front end adds a history entry (``history.pushState``) for every change of
``st.query_params`` the server sends, and ``st.switch_page`` first clears the parameters, which is
one such change. The wizard keeps its quote and its draft in the address as the customer goes
(``ui.wizard.share``, ``ui.wizard.drafts``), so each Next added three entries, and typing on a step
one more: Back then stayed on the step. Once per page load this wraps ``history.pushState`` so that
an entry for the same page replaces the current one; moving to another page still adds one.

The script is sent with every run (a run cut short by a rerun may never reach the page); the page
runs it once, as the element stays the same, and the wrapper itself is put in place only once.
"""

from __future__ import annotations

import streamlit as st

_SCRIPT = """<script>
(() => {
  const history = window.history;
  if (history.oneEntryPerPage) return;
  const push = history.pushState.bind(history);
  history.pushState = (state, title, url) => {
    const next = url === undefined || url === null ? window.location : new URL(url, window.location.href);
    if (next.pathname === window.location.pathname) return history.replaceState(state, title, url);
    return push(state, title, url);
  };
  history.oneEntryPerPage = true;
})();
</script>"""


def one_entry_per_page() -> None:
    """Put the wrapper in place in this page (it stays until the page is reloaded)."""
    st.html(_SCRIPT, unsafe_allow_javascript=True, width="content")
