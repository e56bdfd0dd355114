"""The documents step: one upload slot per required document, each checked by its content."""

from __future__ import annotations

import streamlit as st

import ui
from porting.documents import UploadedDocument, UploadProblem, check_upload, find_invoice_date
from porting.i18n import format_integer
from porting.request import PortingRequest
from porting.rules import rules

_ACCEPTED = ["pdf", "png", "jpg", "jpeg"]


def upload_slots(request: PortingRequest) -> None:
    """Each document the guide requires: what is needed, the upload, and the file kept."""
    for document in rules().documents:
        st.subheader(ui.text(f"uploads.slot.{document.key}"))
        st.caption(document.texts[request.language])
        _slot(request, document.key)


def _slot(request: PortingRequest, slot: str) -> None:
    upload = st.file_uploader(
        ui.text("uploads.upload_label", document=ui.text(f"uploads.slot.{slot}")),
        type=_ACCEPTED,
        key=f"upload_{slot}",
        help=ui.text("uploads.upload_help"),
    )
    seen_key = f"upload_seen_{slot}"
    if upload is not None and st.session_state.get(seen_key) != upload.file_id:
        # Checked once per upload: a rerun must not check (or report) the same file again.
        st.session_state[seen_key] = upload.file_id
        checked = check_upload(slot, upload.name, upload.getvalue())
        if isinstance(checked, UploadProblem):
            st.session_state[f"upload_problem_{slot}"] = checked
        else:
            st.session_state.pop(f"upload_problem_{slot}", None)
            request.documents[slot] = checked
            if slot == "invoice" and request.invoice_day is None:
                request.invoice_day = find_invoice_date(checked.text)
    problem: UploadProblem | None = st.session_state.get(f"upload_problem_{slot}")
    if problem is not None:
        kept = ui.text("uploads.previous_kept") if slot in request.documents else ""
        st.error(f"{problem.text(request.language)} {kept}".strip(), icon="⚠️")
    kept_file = request.documents.get(slot)
    if kept_file is not None:
        _kept(request, kept_file)


def _kept(request: PortingRequest, document: UploadedDocument) -> None:
    facts, remove = st.columns([4, 1], vertical_alignment="center")
    facts.markdown(
        ui.text(
            "uploads.kept",
            name=ui.plain(document.name),
            size=_size(document.size),
            kind=document.kind.upper(),
            pages=format_integer(document.pages, request.language),
        )
    )
    if remove.button(ui.text("uploads.remove"), key=f"remove_{document.slot}", icon=":material/delete:"):
        del request.documents[document.slot]
        st.session_state.pop(f"upload_problem_{document.slot}", None)
        st.rerun()


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return ui.text(
            "uploads.kilobytes", size=format_integer(max(1, round(size / 1024)), ui.request().language)
        )
    return ui.text("uploads.megabytes", size=f"{size / (1024 * 1024):.1f}")
