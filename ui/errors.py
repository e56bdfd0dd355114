"""What a person sees when something fails on our side: a message with an error id, never a traceback.

The traceback goes to the log under the same id (``porting.logs``), so the id a customer reads
out finds it. Streamlit's own control flow (``st.rerun``, ``st.stop``, ``st.switch_page``) is not
a failure and passes through. ``.streamlit/config.toml`` sets ``client.showErrorDetails`` to
``"none"`` for anything that would still escape.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.scriptrunner import RerunException, StopException

import ui
from porting.logs import new_error_id

_log = logging.getLogger(__name__)


@contextmanager
def caught(where: str) -> Iterator[None]:
    """Run the block; if it fails, log the traceback with a new error id and show the id.

    ``where`` names the part of the app in the log (a page's URL path), never a person's data.
    What the session holds is untouched, so the customer's entries are still there on reload.
    """
    try:
        yield
    except (RerunException, StopException):
        raise  # Streamlit's control flow (they are BaseExceptions; named here so no one widens this)
    except Exception:
        error_id = new_error_id()
        _log.exception("error %s on %s", error_id, where or "the app")
        st.error(ui.text("errors.internal", error_id=error_id), icon=":material/warning:")
