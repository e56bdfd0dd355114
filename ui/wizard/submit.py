"""Review & submit: everything in one view, what still blocks sending, and the receipt."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.documents.findings import Finding, blocker_texts
from porting.documents.preflight import preflight
from porting.i18n import format_date
from porting.numbers.intake import Reading
from porting.quote.pricing import quote
from porting.quote.timeline import timeline
from porting.requests import store
from porting.requests.model import RequestContent
from porting.rules import rules
from porting.wizard import steps
from porting.wizard.state import PortingRequest
from ui import pages
from ui.mail import deliver_soon
from ui.wizard import flow, keys

_PAGE_PATHS = frozenset({step.url_path for step in flow.STEPS} | {"track", "team"})  # as flow names them
# The earlier steps that must be done before sending, and what the review says while one is not.
_MISSING = {steps.Step.NUMBERS: "submit.missing_numbers", steps.Step.COMPANY: "submit.missing_company"}
_KEY = "submission_key"  # one idempotency key per browser session: a double click submits once


@st.cache_resource(show_spinner=False)
def shared_store() -> store.Store:
    """The store, opened once per server process (SQLite under data/ unless DATABASE_URL says)."""
    return store.open_store()


def app_address(url_path: str, **parameters: str) -> str:
    """The address of this app's page ``url_path`` (``""``: the first step) with ``parameters``,
    on the host and path the session was opened at, whichever page that was."""
    address = urlsplit(st.context.url or "")
    path = address.path.rstrip("/")
    above, _, last = path.rpartition("/")
    if last in _PAGE_PATHS:
        path = above
    return urlunsplit((address.scheme, address.netloc, f"{path}/{url_path}", urlencode(parameters), ""))


def status_link(token: str, language: str) -> str:
    """The private status link, opening in the customer's language (as the notices' link does)."""
    return app_address("track", token=token, lang=language)


def render_submit(request: PortingRequest) -> None:
    if steps.submitted(request):
        _receipt(request)
        return
    if request.demo:
        st.warning(ui.text("submit.demo"), icon="🎬")
        return
    reading = ui.reading(request)
    today = oslo_today()
    missing: list[tuple[str, pages.PagePath]] = [  # (message, page to fix it)
        (ui.text(_MISSING[step.name]), step.path) for step in flow.missing(request, *_MISSING)
    ]
    findings: tuple[Finding, ...] = ()
    if reading is not None:
        findings = preflight(
            request.company, reading, request.documents, invoice_day=request.invoice_day,
            submission_day=today, registry=request.registry, confirmations=request.confirmations,
        )  # fmt: skip
        fixed_on = {"partial_port": pages.LOA, "partial_port_rest": pages.LOA}
        for key, text in blocker_texts(findings, request.confirmations, request.language):
            missing.append((text, fixed_on.get(key, pages.DOCUMENTS)))
    _summary(request, reading)
    if missing:
        st.subheader(ui.text("submit.blocked"))
        for message, page in missing:
            st.warning(message, icon="⛔")
            st.page_link(page, label=ui.text("submit.fix_here"), icon="➡️")
        return
    consent = st.checkbox(ui.text("submit.consent"), key=keys.SUBMIT_CONSENT)
    if st.button(ui.text("submit.button"), type="primary", disabled=not consent, icon=":material/send:"):
        _submit(request, reading, findings)
        st.rerun()


def _summary(request: PortingRequest, reading: Reading | None) -> None:
    company = request.company
    st.subheader(ui.text("submit.summary"))
    left, right = st.columns(2)
    left.markdown(
        ui.text("submit.company_line", name=ui.plain(company.company_name), org=ui.plain(company.org_number))
    )
    right.markdown(ui.text("submit.provider_line", provider=ui.plain(company.current_provider)))
    documents = ", ".join(ui.text(f"uploads.slot.{slot}") for slot in request.documents) or ui.text(
        "submit.none"
    )
    st.caption(ui.text("submit.documents_line", documents=documents))


def _submit(request: PortingRequest, reading: Reading | None, findings: tuple[Finding, ...]) -> None:
    if reading is None:
        return
    key = st.session_state.setdefault(_KEY, uuid.uuid4().hex)
    offer = quote(reading, assignment=request.provider_of if request.provider_count > 1 else None)
    plan = timeline(request.submission_day or oslo_today(), request.requested_porting_day)
    content = RequestContent.of(
        request.company,
        request.confirmations.rest,
        reading.unique_rows,
        offer,
        plan,
        findings,
        request.language,
    )
    try:
        receipt = store.submit(
            shared_store(),
            idempotency_key=key,
            language=request.language,
            content=content,
            documents=list(request.documents.values()),
            demo=request.demo,
            draft_token=request.draft_token,  # a saved draft is deleted with the submission
        )
    except store.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon="⚠️")
        return
    request.submitted_reference, request.submitted_token = receipt.reference, receipt.token
    request.draft_token = None
    deliver_soon(shared_store())


def _receipt(request: PortingRequest) -> None:
    token = request.submitted_token or ""
    st.success(ui.text("submit.received", reference=request.submitted_reference), icon="✅")
    st.caption(ui.text("submit.status_link"))
    st.code(status_link(token, request.language), language=None, wrap_lines=True)
    plan = timeline(request.submission_day or oslo_today(), request.requested_porting_day)
    first, last = plan.confirmation_window
    language = request.language
    st.subheader(ui.text("submit.next_heading"))
    st.markdown(
        ui.text(
            "submit.next_steps",
            porting_day=format_date(plan.porting_day, language),
            first=format_date(first, language),
            last=format_date(last, language),
            brand=rules().brand,
        )
    )
