"""Save and continue later: the request kept as a draft, resumed from a private link.

The sidebar of the wizard's steps saves what the customer entered, and the documents uploaded
so far, and shows the link ``…/?draft=<token>``. Opening a step with that link fills the
request in again; saving again updates the same draft, and submitting deletes it.
"""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

import ui
from porting.calendar import OSLO, oslo_today
from porting.documents.reading import SLOTS, UploadedDocument, check_upload
from porting.i18n import LANGUAGES, format_date
from porting.requests import drafts
from porting.requests.schema import client_key
from porting.wizard import steps
from porting.wizard.state import PortingRequest, from_state, to_state
from ui.wizard import keys
from ui.wizard.submit import app_address, shared_store

PARAMETER = "draft"
_APPLIED = "draft_link_applied"  # the draft token this session took from its address


def apply_link(request: PortingRequest) -> None:
    """Once per session and link, resume the draft the address names, or say that it names none."""
    token = st.query_params.get(PARAMETER, "")
    if not token or st.session_state.get(_APPLIED) == token:
        return
    st.session_state[_APPLIED] = token
    draft = drafts.load(shared_store(), token)
    if draft is None:
        st.warning(ui.text("save_draft.not_found"), icon="🔒")
        return
    language = draft.language if draft.language in LANGUAGES else request.language
    try:
        resumed = from_state(draft.state, language)
    except ValueError:
        st.error(ui.text("save_draft.unreadable"), icon="⚠️")
        return
    unreadable = _documents(resumed, draft.documents)
    if resumed.submission_day is not None and resumed.submission_day < oslo_today():
        resumed.submission_day = None  # a planned day now past: plan from today again
    resumed.draft_token = draft.token
    for field in fields(PortingRequest):
        setattr(request, field.name, getattr(resumed, field.name))
    _forget_widgets()
    st.session_state["language"] = request.language
    saved = format_date(draft.updated_at.astimezone(OSLO).date(), request.language, "medium")
    st.success(ui.text("save_draft.resumed", saved=saved), icon="📂")
    if unreadable:
        names = ", ".join(ui.text(f"uploads.slot.{slot}") for slot in unreadable)
        st.warning(ui.plural("save_draft.documents_again", len(unreadable), documents=names), icon="📎")


def _documents(request: PortingRequest, saved: tuple[drafts.DraftDocument, ...]) -> list[str]:
    """Check the saved documents again as uploads; the slots of those that no longer pass."""
    unreadable = []
    for document in saved:
        if document.slot not in SLOTS:
            continue  # a slot the guide no longer asks for
        checked = check_upload(document.slot, document.name, document.data)
        if isinstance(checked, UploadedDocument):
            request.documents[document.slot] = checked
        else:
            unreadable.append(document.slot)
    return unreadable


def _forget_widgets() -> None:
    """Forget the widgets that show the request (``ui.wizard.keys``), so each shows the resumed
    value. The file uploaders keep their files: those cannot be set."""
    for key in list(st.session_state.keys()):
        if keys.shows_request(key):
            del st.session_state[key]


def sidebar_control(request: PortingRequest) -> None:
    """Save the request, and the private link to it once saved: for the wizard's steps."""
    if request.demo or steps.submitted(request):
        return
    with st.sidebar:
        st.divider()
        saved = st.button(
            ui.text("save_draft.button"), icon=":material/bookmark:", help=ui.text("save_draft.help"),
            width="stretch",
        )  # fmt: skip
        if saved and not _save(request):
            return
        if request.draft_token is None:
            return
        st.caption(ui.text("save_draft.saved" if saved else "save_draft.link"))
        st.code(draft_link(request.draft_token), language=None, wrap_lines=True)
        st.caption(ui.text("save_draft.private"))


def draft_link(token: str) -> str:
    """The private address that resumes the draft: the wizard's first step. That is the app's
    default page, whose address is the app's own (``…/quote`` would first say "Page not found")."""
    return app_address("", **{PARAMETER: token})


def _save(request: PortingRequest) -> bool:
    documents = [drafts.DraftDocument(item.slot, item.name, item.data) for item in request.documents.values()]
    try:
        opened = shared_store()
        request.draft_token = drafts.save(
            opened, token=request.draft_token, language=request.language, state=to_state(request),
            documents=documents, client=client_key(opened, ui.client_address()),
        )  # fmt: skip
    except drafts.DraftError as error:
        st.error(ui.text(error.code, **error.params), icon="⚠️")
        return False
    return True
