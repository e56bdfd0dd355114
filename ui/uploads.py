"""An upload slot that takes one file at a time: a drop zone, and the file kept shown as a card.

Streamlit's uploader shows the file it holds, but only until another page is shown, and its
value cannot be set; the request keeps the file for longer. So the drop zone hands each file
over once and is then drawn empty again (under a new key), and the file kept is always shown
by its card, with the one control that removes it: the same right after the upload as on
coming back to the step, and the same file can be uploaded again after it was removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

import ui
from porting.documents.reading import megabytes
from porting.i18n import format_integer
from ui import errors

_ROUNDS = "upload_rounds"  # per slot key: how many files its drop zone has handed over


def drop_zone(
    label: str, *, key: str, types: Sequence[str], help: str, on_file: Callable[[str, bytes], None]
) -> None:
    """A drop zone for one file: ``on_file(name, data)`` runs once for each file dropped on it,
    before the page is drawn again, and the zone is then empty."""
    rounds: dict[str, int] = st.session_state.setdefault(_ROUNDS, {})
    current = f"{key}_{rounds.get(key, 0)}"
    st.file_uploader(
        label, type=list(types), key=current, help=help, on_change=_received, args=(key, current, on_file)
    )


def _received(key: str, current: str, on_file: Callable[[str, bytes], None]) -> None:
    upload = st.session_state.get(current)
    rounds: dict[str, int] = st.session_state.setdefault(_ROUNDS, {})
    rounds[key] = rounds.get(key, 0) + 1  # a new, empty drop zone, whatever becomes of this file
    if upload is not None:
        with errors.caught("upload"):
            on_file(upload.name, upload.getvalue())


def file_card(description: str, *, key: str, on_remove: Callable[[], None]) -> None:
    """The file kept: ``description`` (markdown, the file's name made ``ui.plain``) and Remove."""
    facts, remove = st.columns([4, 1], vertical_alignment="center")
    facts.markdown(description)
    remove.button(ui.text("uploads.remove"), key=key, icon=":material/delete:", on_click=on_remove)


def file_size(size: int) -> str:
    """A file's size as a card shows it: whole kilobytes, rounded up, under a megabyte."""
    language = ui.request().language
    if size < 1024 * 1024:
        return ui.text("uploads.kilobytes", size=format_integer(max(1, -(-size // 1024)), language))
    return megabytes(size, language)
