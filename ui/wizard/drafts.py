"""Nothing is lost: the request kept as a draft as the customer goes, resumed from a private link.

After each run of a wizard's step in which what the customer entered changed (``autosave``), the
request, the documents uploaded so far and the step are saved as the session's one draft, and the
address carries its link ``…?draft=<token>`` from then on: a reload, the link opened in another
tab or sent by e-mail (``ui.wizard.draft_mail``) fills the request in again on the same step
(``apply_link``). A run that changed nothing saves nothing; submitting deletes the draft, and a
demo is never saved.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, replace
from typing import Any
from urllib.parse import urlsplit

import streamlit as st

import ui
from porting.calendar import OSLO, oslo_today
from porting.documents.reading import SLOTS, UploadedDocument, check_upload
from porting.i18n import LANGUAGES, format_date
from porting.requests import drafts
from porting.requests.schema import client_key
from porting.wizard import steps
from porting.wizard.providers import base_slot, per_provider
from porting.wizard.state import PortingRequest, from_state, to_state
from ui.wizard import draft_mail, flow, keys, share
from ui.wizard.submit import app_address, shared_store

PARAMETER = "draft"
_APPLIED = "draft_link_applied"  # the draft token this session took from its address
_SAVED = "draft_saved_digest"  # what the draft holds now (or held when it was resumed)
_REFUSED = "draft_refused_digest"  # what a save was last refused for: not tried again as it is
_REFUSAL = "draft_refusal"  # the code of the last refusal said, so it is said once
_NOTICE = "draft_refusal_notice"  # the refusal to say beside the draft notice, this run only
_HASHES = "draft_upload_hashes"  # slot or "numbers_file" -> (the upload, its SHA-256): hashed once
_GO_TO = "draft_saved_step"  # the step a resumed draft was saved on, until the wizard is there
_RESUMED = "draft_resumed_notices"  # what resuming says, kept to say on that step
_NOTHING_ENTERED = {key: value for key, value in to_state(PortingRequest()).items() if key != "step"}


def apply_link(request: PortingRequest) -> None:
    """Once per session and link, resume the draft the address names on the step it was saved on,
    or say that it names none."""
    if _GO_TO not in st.session_state:
        _say(st.session_state.pop(_RESUMED, []))
    token = st.query_params.get(PARAMETER, "")
    if not token or st.session_state.get(_APPLIED) == token:
        return
    st.session_state[_APPLIED] = token
    draft = drafts.load(shared_store(), token)
    if draft is None:
        st.warning(ui.text("save_draft.not_found"), icon=":material/lock:")
        return
    language = draft.language if draft.language in LANGUAGES else request.language
    try:
        resumed = from_state(draft.state, language)
    except ValueError:
        st.error(ui.text("save_draft.unreadable"), icon=":material/warning:")
        return
    unreadable = _documents(resumed, draft.documents)
    if resumed.submission_day is not None and resumed.submission_day < oslo_today():
        resumed.submission_day = None  # a planned day now past: plan from today again
    resumed.draft_token = draft.token
    for field in fields(PortingRequest):
        setattr(request, field.name, getattr(resumed, field.name))
    _forget_widgets()
    st.session_state["language"] = request.language
    light = to_state(replace(request, numbers_file=None))
    st.session_state[_SAVED] = _digest(request, light, _draft_documents(request))
    saved = format_date(draft.updated_at.astimezone(OSLO).date(), request.language, "medium")
    notices = [("success", ui.text("save_draft.resumed", saved=saved), ":material/folder_open:")]
    if unreadable:
        names = ", ".join(ui.text(f"uploads.slot.{slot}") for slot in unreadable)
        again = ui.plural("save_draft.documents_again", len(unreadable), documents=names)
        notices.append(("warning", again, ":material/attach_file:"))
    saved_on = _step(request.step)
    if saved_on is not None and saved_on.url_path != _opened_step():
        st.session_state[_GO_TO], st.session_state[_RESUMED] = request.step, notices  # autosave goes there
    else:
        _say(notices)


def _say(notices: list[tuple[str, str, str]]) -> None:
    for kind, message, icon in notices:
        (st.success if kind == "success" else st.warning)(message, icon=icon)


def _documents(request: PortingRequest, saved: tuple[drafts.DraftDocument, ...]) -> list[str]:
    """Check the saved documents again as uploads; the slots of those that no longer pass."""
    unreadable = []
    for document in saved:
        kind = base_slot(document.slot)  # a second provider's letter (loa:1) is read as a letter
        if kind not in SLOTS or (kind != document.slot and not per_provider(kind)):
            continue  # a slot the guide no longer asks for
        checked = check_upload(kind, document.name, document.data)
        if isinstance(checked, UploadedDocument):
            request.documents[document.slot] = replace(checked, slot=document.slot)
            st.session_state.setdefault(_HASHES, {})[document.slot] = (checked, document.sha256)
        else:
            unreadable.append(kind)  # named as its document is
    return unreadable


def _forget_widgets() -> None:
    """Forget the widgets that show the request (``ui.wizard.keys``), so each shows the resumed
    value. The file uploaders keep their files: those cannot be set."""
    for key in list(st.session_state.keys()):
        if keys.shows_request(key):
            del st.session_state[key]


def _step(url_path: str) -> flow.Step | None:
    return next((step for step in flow.STEPS if step.url_path == url_path), None)


def _opened_step() -> str:
    """The url path of the step the address opens: its last part, or the first step's."""
    last = urlsplit(st.context.url or "").path.rstrip("/").rpartition("/")[2]
    paths = {step.url_path for step in flow.STEPS}
    return last if last in paths else flow.STEPS[0].url_path


def address(request: PortingRequest) -> dict[str, str]:
    """What the address carries: the quote's parameters (``ui.wizard.share``) and, while the
    request is kept as a draft, its private token."""
    parameters = share.link_parameters(request)
    if request.draft_token and not request.demo and not steps.submitted(request):
        parameters[PARAMETER] = request.draft_token
    return parameters


def autosave(request: PortingRequest, step: str) -> dict[str, str]:
    """After step ``step`` (its url path) has run: save the draft when what the customer entered
    has changed since it was last saved; what the address carries then (``address``).

    One draft per session, updated in place through its token; nothing is saved before the
    customer has entered anything, for a demo, or once the request is submitted. A refused save
    is said once beside the draft notice and not tried again until something changes.
    """
    if request.demo or steps.submitted(request):
        return address(request)
    step = step or flow.STEPS[0].url_path  # the default page's url path is ""
    saved_on = _step(st.session_state.pop(_GO_TO, ""))
    if saved_on is not None and saved_on.url_path != step:  # a resumed draft, opened on another step
        st.switch_page(saved_on.path, query_params=address(request))
    request.step = step
    light, documents = to_state(replace(request, numbers_file=None)), _draft_documents(request)
    digest = _digest(request, light, documents)
    unchanged = digest in (st.session_state.get(_SAVED), st.session_state.get(_REFUSED))
    if not unchanged and (request.draft_token or _entered(light, request) or documents):
        _save(request, to_state(request), documents, digest)
    return address(request)


def _entered(light: dict[str, Any], request: PortingRequest) -> bool:
    entered = {key: value for key, value in light.items() if key != "step"} != _NOTHING_ENTERED
    return entered or request.numbers_file is not None


def _draft_documents(request: PortingRequest) -> list[drafts.DraftDocument]:
    """The request's documents for the draft, each hashed once while it stays uploaded."""
    return [
        drafts.DraftDocument(slot, document.name, document.data, _hash(slot, document, document.data))
        for slot, document in request.documents.items()
    ]


def _hash(name: str, holder: object, data: bytes) -> str:
    """The SHA-256 of ``data``, which ``holder`` (an upload, or the bytes themselves, kept as long as
    they are the request's) holds under ``name``: worked out once per upload."""
    known: dict[str, tuple[object, str]] = st.session_state.setdefault(_HASHES, {})
    held = known.get(name)
    if held is None or held[0] is not holder:
        held = known[name] = (holder, hashlib.sha256(data).hexdigest())
    return held[1]


def _digest(request: PortingRequest, light: dict[str, Any], documents: list[drafts.DraftDocument]) -> str:
    """What a save would hold, as one SHA-256: the language, the state without the file of numbers
    (``light``: a file's bytes as base64 at each run would cost more than the rest), that file's
    hash and the documents' hashes."""
    digest = hashlib.sha256(request.language.encode())
    digest.update(json.dumps(light, ensure_ascii=False, sort_keys=True).encode())
    upload = request.numbers_file
    if upload is not None:
        file_hash = _hash("numbers_file", upload.data, upload.data)
        digest.update(f"\0{upload.name}\0{upload.column}\0{file_hash}".encode())
    for document in documents:
        digest.update(f"\0{document.slot}\0{document.name}\0{document.sha256}".encode())
    return digest.hexdigest()


def _save(
    request: PortingRequest, state: dict[str, Any], documents: list[drafts.DraftDocument], digest: str
) -> None:
    try:
        opened = shared_store()
        request.draft_token = drafts.save(
            opened, token=request.draft_token, language=request.language, state=state,
            documents=documents, client=client_key(opened, ui.client_address()),
        )  # fmt: skip
    except drafts.DraftError as error:
        st.session_state[_REFUSED] = digest
        if st.session_state.get(_REFUSAL) != error.code:  # said once, not at each change refused alike
            st.session_state[_REFUSAL] = error.code
            st.session_state[_NOTICE] = (error.code, error.params)
        return
    st.session_state[_SAVED] = digest
    st.session_state[_APPLIED] = request.draft_token  # the address then names this session's own draft
    st.session_state.pop(_REFUSAL, None)


def sidebar_control(request: PortingRequest) -> None:
    """Beside the wizard's steps: that what is typed is kept, the private link once it is, a save
    that was refused just now, and the link by e-mail."""
    if request.demo or steps.submitted(request):
        return
    days = drafts.Limits.from_environment().retention_days
    with st.sidebar:
        st.divider()
        refusal = st.session_state.pop(_NOTICE, None)
        if refusal is not None:
            code, params = refusal
            st.error(
                f"{ui.text('journey_drafts.not_saved')} {ui.text(code, **params)}", icon=":material/warning:"
            )
        if request.draft_token is None:
            st.caption(ui.text("journey_drafts.kept_soon", days=days))
            return
        st.caption(ui.text("journey_drafts.kept", days=days))
        st.code(draft_link(request.draft_token, request.step), language=None, wrap_lines=True)
        st.caption(ui.text("journey_drafts.private"))
        draft_mail.control(request)


def draft_link(token: str, step: str = "") -> str:
    """The private address that resumes the draft on ``step`` (a url path; the first step is the
    app's own address). A draft saved on another step since then opens that step."""
    first = step in ("", flow.STEPS[0].url_path)
    return app_address("" if first else step, **{PARAMETER: token})
