"""What the customer sees of a submitted request: the guide's steps, dates, who acts next, the
team's decisions on each number, and what the customer can do now (cancel, send corrections)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import streamlit as st

import ui
from porting.documents.reading import UploadedDocument, UploadProblem, check_upload
from porting.email_address import address_problem
from porting.i18n import format_date, listing
from porting.notify.calendar_file import calendar_filename, porting_day_calendar
from porting.requests import lifecycle, messages, status_links, store
from porting.requests.schema import client_key
from porting.rules import rules
from ui import pages, remembered
from ui.mail import deliver_soon
from ui.messages import render_thread
from ui.status.changes import render_changes
from ui.wizard.documents import ACCEPTED_FILES
from ui.wizard.submit import shared_store

_LISTED = 50  # numbers listed in full in a line; a longer list ends "and N more"
_FLASH = "status_flash"  # what the customer's last action did, shown after the rerun
_SENT = "status_resubmitted"  # (token, upload ids) last sent: a second click sends nothing


def render_status(token: str) -> None:
    if not token:  # "Request status" in the sidebar: this browser's requests, or their links by e-mail
        _mine()
        return
    found = store.by_token(shared_store(), token)
    if found is None:
        # Nothing about any request: a wrong, old or missing link shows only this.
        st.info(ui.text("request_status.not_found"), icon=":material/lock:")
        return
    flash = st.session_state.pop(_FLASH, None)
    if flash is not None:
        st.success(ui.text(flash), icon=":material/check_circle:")
    language = ui.request().language
    st.subheader(ui.text("request_status.reference", reference=found.reference))
    if found.split_from is not None:
        st.caption(ui.text("tracking.split_from", reference=found.split_from))
    if found.siblings:  # their references only: each has its own status link
        st.caption(ui.text("journey_providers.status.siblings", references=", ".join(found.siblings)))
    show_status(found.reference, found.status, found.porting_date, found.rejection_reason, language)
    _decisions(found, language)
    _moved(found)
    if found.status in store.RESUBMITTABLE:
        _corrections(found, language)
    history = store.events(shared_store(), found)
    st.markdown(_steps(found, [event.status for event in history], language))
    render_thread(found, sender=messages.FROM_CUSTOMER)
    render_changes(found, _done)
    if store.customer_may_cancel(found):
        _cancel(found)
    st.subheader(ui.text("request_status.history"))
    previous = None
    for event in history:
        day = format_date(event.at.date(), language, "medium")
        if event.status != previous:
            what = ui.text(f"request_status.name.{event.status}")
        else:  # no new status: a decision on numbers, or documents deleted after the retention
            what = ui.text(
                "tracking.history_purged" if event.actor == "retention"
                else "journey_changes.history" if event.actor == lifecycle.CUSTOMER
                else "tracking.history_update"
            )  # fmt: skip
        st.caption(f"{day} · {what}")
        previous = event.status


def show_status(
    reference: str, status: str, porting_date: date | None, rejection_reason: str | None, language: str
) -> None:
    """The status with what it means, the confirmed porting day with its calendar file, and the
    reason of a rejection with the guide's fix."""
    name, meaning = (ui.text(f"request_status.{part}.{status}") for part in ("name", "meaning"))
    st.markdown(f"**{name}** · {meaning}")
    if porting_date is not None:
        st.success(
            ui.text("request_status.porting_date", day=format_date(porting_date, language)),
            icon=":material/event:",
        )
        st.download_button(
            ui.text("calendar.download"),
            data=porting_day_calendar(reference, porting_date, language),
            file_name=calendar_filename(reference),
            mime="text/calendar",
            icon=":material/calendar_add_on:",
            key="porting_day_calendar",
        )
    if rejection_reason is not None:
        texts = reason_texts(rejection_reason, language)
        st.error(ui.text("request_status.rejected", **texts))


_STEP_MARKS = {
    lifecycle.StepState.DONE: ":material/check_circle:",
    lifecycle.StepState.CURRENT: ":material/arrow_right:",
    lifecycle.StepState.TO_COME: ":material/radio_button_unchecked:",
    lifecycle.StepState.SKIPPED: ":material/skip_next:",
}


def _mine() -> None:
    """The requests this browser submitted, each with its reference, status and link; without
    any, the offer to mail the status links to the address used on a request."""
    found = [
        request
        for token in remembered.remembered_tokens()
        if (request := store.by_token(shared_store(), token))
    ]
    if not found:
        _mail_links()
        return
    st.subheader(ui.text("journey_status.mine.heading"))
    for request in found:
        status = ui.text(f"request_status.name.{request.status}")
        st.page_link(
            pages.STATUS,
            label=ui.text("journey_status.mine.line", reference=request.reference, status=status),
            query_params={"token": request.token},
            icon=":material/location_on:",
        )
    st.caption(ui.text("journey_status.mine.elsewhere"))


@st.cache_resource(show_spinner=False)
def _visitor_asks() -> status_links.VisitorAsks:
    """The asks for status links per visitor, counted in this server process."""
    return status_links.VisitorAsks()


def _mail_links() -> None:
    """Mail the status links to the address typed; the same answer whether or not it has requests."""
    st.subheader(ui.text("journey_status.lookup.heading"))
    st.caption(ui.text("journey_status.lookup.intro"))
    with st.form("status_links"):
        address = st.text_input(
            ui.text("journey_status.lookup.address"), max_chars=320, key="status_links_address"
        )
        asked = st.form_submit_button(ui.text("journey_status.lookup.button"), icon=":material/mail:")
    if not asked:
        return
    address = address.strip()
    problem = address_problem(address) if address else "invalid"
    if problem is not None:
        st.error(ui.text(f"journey_status.lookup.{problem}"), icon=":material/warning:")
        return
    opened = shared_store()
    visitor = client_key(opened, ui.client_address()) or "unknown"  # a keyed hash, never the address
    if not _visitor_asks().allow(visitor, opened.clock()):
        st.warning(ui.text("journey_status.lookup.too_many"), icon=":material/hourglass_top:")
        return
    try:
        status_links.mail_status_links(opened, address, ui.request().language)
    except store.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return
    deliver_soon(opened)
    st.success(ui.text("journey_status.lookup.sent"), icon=":material/send:")


def _steps(found: store.StoredRequest, history: Sequence[str], language: str) -> str:
    """The guide's steps as they stand for ``found``, whose audit trail entered ``history``."""
    slots = {document.slot for document in found.documents}
    return steps_text(lifecycle.step_states(found.status, history, slots), language)


def steps_text(states: Sequence[lifecycle.StepState], language: str) -> str:
    """The guide's steps, one paragraph each: those that happened ticked, the current one pointed
    at, those that did not happen and will not marked as not applicable (``lifecycle.step_states``).

    One element, not one per step: each element the page sends is a round trip through the
    server's event loop and a component for the browser to draw, which a busy server makes slow.
    """
    lines = []
    for number, (step, state) in enumerate(zip(rules().process_steps, states, strict=True), start=1):
        actor = ui.text(f"quote.actor.{step.actor}")
        line = f"{_STEP_MARKS[state]} {number}. **{actor}**: {step.texts[language]}"
        if state == lifecycle.StepState.SKIPPED:
            line += f" · _{ui.text('journey_status.step_skipped')}_"
        lines.append(line)
    return "\n\n".join(lines)


def reason_texts(key: str, language: str) -> Mapping[str, str]:
    """The guide's issue, explanation and fix of a rejection reason (one since removed: general words)."""
    reason = rules().rejection_reason(key)
    if reason is not None:
        return reason.texts[language]
    general = ui.text("tracking.reason_unknown")
    return {"issue": ui.text("request_status.name.rejected"), "explanation": general, "fix": general}


def _decisions(found: store.StoredRequest, language: str) -> None:
    """The team's decision on each number: rejected ones by reason with the fix, accepted ones."""
    rejected: dict[str, list[str]] = {}
    accepted: list[str] = []
    for number in found.numbers:
        if number.decision == store.REJECTED_NUMBER:
            rejected.setdefault(str(number.reason), []).append(number.display)
        elif number.decision == store.ACCEPTED_NUMBER:
            accepted.append(number.display)
    if not rejected and not accepted:
        return
    st.subheader(ui.text("tracking.numbers_heading"))
    for key, numbers in rejected.items():
        texts = reason_texts(key, language)
        st.error(
            ui.plural("tracking.numbers_rejected", len(numbers), numbers=_listed(numbers), **texts),
            icon=":material/block:",
        )
    if accepted:
        st.success(
            ui.plural("tracking.numbers_accepted", len(accepted), numbers=_listed(accepted)),
            icon=":material/check_circle:",
        )


def _listed(numbers: Sequence[str]) -> str:
    return listing(numbers, ui.request().language, most=_LISTED, show=ui.plain)


def _moved(found: store.StoredRequest) -> None:
    """The requests the team moved rejected numbers to: each has its own status page."""
    for moved in store.split_requests(shared_store(), found):
        st.warning(
            ui.plural("tracking.moved", len(moved.numbers), reference=moved.reference), icon=":material/redo:"
        )
        st.page_link(
            pages.STATUS,
            label=ui.text("tracking.open_moved", reference=moved.reference),
            query_params={"token": moved.token},
            icon=":material/arrow_forward:",
        )


def _corrections(found: store.StoredRequest, language: str) -> None:
    """Corrected documents, one upload per document the guide asks for, checked as on the
    documents step; sending them brings the request back to received."""
    st.subheader(ui.text("tracking.resubmit_heading"))
    st.caption(ui.text("tracking.resubmit_intro"))
    ready: dict[str, tuple[str, UploadedDocument]] = {}  # slot -> (upload id, document)
    for document in rules().documents:
        upload = st.file_uploader(
            ui.text(f"uploads.slot.{document.key}"), type=ACCEPTED_FILES, key=f"resubmit_{document.key}",
            help=document.texts[language],
        )  # fmt: skip
        if upload is None:
            continue
        checked = _checked(document.key, upload.file_id, upload.name, upload.getvalue())
        if isinstance(checked, UploadProblem):
            st.error(ui.plain(checked.text(language)), icon=":material/warning:")
        else:
            ready[document.key] = (upload.file_id, checked)
    note = st.text_area(ui.text("tracking.resubmit_note"), key="resubmit_note", max_chars=1000)
    if not st.button(
        ui.text("tracking.resubmit_button"), type="primary", disabled=not ready, icon=":material/send:"
    ):
        return
    sent = (found.token, tuple(sorted(upload_id for upload_id, _ in ready.values())))
    if st.session_state.get(_SENT) == sent:
        return  # these very files were sent by an earlier click
    st.session_state[_SENT] = sent  # before sending: a run cut short by a second click still counts
    documents = [document for _, document in ready.values()]
    try:
        store.resubmit(shared_store(), found, documents, note=note.strip())
    except store.StoreError as error:
        st.session_state.pop(_SENT)
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return
    _done("tracking.resubmitted")


def _checked(slot: str, upload_id: str, name: str, data: bytes) -> UploadedDocument | UploadProblem:
    """``check_upload`` once per upload: a rerun does not read the same file again."""
    key = f"resubmit_checked_{slot}"
    kept = st.session_state.get(key)
    if kept is None or kept[0] != upload_id:
        kept = st.session_state[key] = (upload_id, check_upload(slot, name, data))
    return kept[1]


def _cancel(found: store.StoredRequest) -> None:
    """Cancel, behind a confirmation: possible until the request is with the carrier."""
    with st.expander(ui.text("tracking.cancel_heading"), icon=":material/cancel:"):
        st.caption(ui.text("tracking.cancel_intro"))
        sure = st.checkbox(ui.text("tracking.cancel_confirm"), key="cancel_confirm")
        if not st.button(ui.text("tracking.cancel_button"), disabled=not sure, key="cancel_request"):
            return
        try:
            store.cancel(shared_store(), found)
        except store.StoreError as error:
            st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
            return
        _done("tracking.cancelled")


def _done(message: str) -> None:
    """After a change the customer made: send its notices, and show the request as it now is."""
    deliver_soon(shared_store())
    st.session_state[_FLASH] = message
    st.rerun()
