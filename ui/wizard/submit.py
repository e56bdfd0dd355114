"""Review & submit: everything in one view, what still blocks sending, and the receipt."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.documents.checks import document_checks
from porting.documents.findings import Finding, blocker_texts
from porting.documents.preflight import preflight
from porting.documents.reading import UploadedDocument
from porting.i18n import format_date, format_integer, format_money
from porting.numbers.caller_id import caller_id_choice, listing
from porting.numbers.intake import Reading
from porting.quote.pricing import quote
from porting.quote.timeline import timeline
from porting.requests import store
from porting.requests.model import RequestContent
from porting.requests.sandbox import sandbox_reference
from porting.rules import rules
from porting.wizard import steps
from porting.wizard.consent import consent_fingerprint, consent_holds
from porting.wizard.porting_day import letter_details
from porting.wizard.providers import (
    ProviderGroup,
    group_documents,
    group_preflight,
    group_summary,
    provider_groups,
    provider_name,
    request_quote,
    several,
)
from porting.wizard.state import PortingRequest
from ui import pages, remembered
from ui.mail import deliver_soon
from ui.paging import page_of
from ui.tables import fitted_table
from ui.wizard import flow, keys
from ui.wizard.company import ask_register

_PAGE_PATHS = frozenset({step.url_path for step in flow.STEPS} | {"track", "team"})  # as flow names them
# The earlier steps that must be done before sending, and what the review says while one is not.
_MISSING = {steps.Step.NUMBERS: "submit.missing_numbers", steps.Step.COMPANY: "submit.missing_company"}
_KEY = "submission_key"  # one idempotency key per browser session: a double click submits once
# As the pre-flight report marks them.
_STATUS_ICONS = {
    "ok": ":material/check_circle:",
    "warning": ":material/warning:",
    "problem": ":material/block:",
}


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
        st.info(ui.text("submit.demo"), icon=":material/slideshow:")
    reading = ui.reading(request)
    today = oslo_today()
    missing: list[tuple[str, pages.PagePath]] = [  # (message, page to fix it)
        (ui.text(_MISSING[step.name]), step.path) for step in flow.missing(request, *_MISSING)
    ]
    findings: tuple[Finding, ...] = ()
    by_provider: list[tuple[ProviderGroup, tuple[Finding, ...]]] = []  # with several providers
    if reading is not None:
        ask_register(request)  # the company and who may sign, when the company step did not ask
        groups = provider_groups(request, reading)
        if several(groups):  # each provider's request is checked on its own
            by_provider = [(group, group_preflight(request, group, today)) for group in groups]
        else:
            findings = preflight(
                request.company, reading, request.documents, invoice_day=request.invoice_day,
                submission_day=today, registry=request.registry, confirmations=request.confirmations,
                signatories=request.signatories,
            )  # fmt: skip
        fixed_on = {"partial_port": pages.LOA, "partial_port_rest": pages.LOA}
        named = [(provider_name(group, request.language) + ": ", found) for group, found in by_provider]
        for provider, found in named or [("", findings)]:
            for key, text in blocker_texts(found, request.confirmations, request.language):
                missing.append((provider + text, fixed_on.get(key, pages.DOCUMENTS)))
    _summary(request, reading)
    _review(request, reading, findings, today, by_provider)
    if missing:
        st.subheader(ui.text("submit.blocked"))
        for message, page in missing:
            st.warning(message, icon=":material/block:")
            st.page_link(page, label=ui.text("submit.fix_here"), icon=":material/arrow_forward:")
        return
    consent = _consent(request)
    if request.demo:  # to the sandbox: never stored, never mailed
        st.button(
            ui.text("demo.sandbox.submit"), type="primary", disabled=not consent, icon=":material/send:",
            help=ui.text("demo.sandbox.submit_help"), on_click=_submit_demo, args=(request,),
        )  # fmt: skip
        return
    if st.button(ui.text("submit.button"), type="primary", disabled=not consent, icon=":material/send:"):
        if by_provider and reading is not None:
            _submit_providers(request, reading, by_provider)
        else:
            _submit(request, reading, findings)
        st.rerun()


def _summary(request: PortingRequest, reading: Reading | None) -> None:
    company = request.company
    st.subheader(ui.text("submit.summary"))
    left, right = st.columns(2)
    left.markdown(
        ui.text("submit.company_line", name=ui.plain(company.company_name), org=ui.plain(company.org_number))
    )
    groups = provider_groups(request, reading)
    providers = ", ".join(group.account.name for group in groups)  # one per current provider
    right.markdown(ui.text("submit.provider_line", provider=ui.plain(providers)))  # documents: below


def _review(
    request: PortingRequest,
    reading: Reading | None,
    findings: tuple[Finding, ...],
    today: date,
    by_provider: Sequence[tuple[ProviderGroup, tuple[Finding, ...]]] = (),
) -> None:
    """What is being sent: the numbers, the price, the porting days, the documents with their
    checks and the Virtual Caller ID, each computed as the earlier steps compute it."""
    view = ui.numbers_view(request)
    if reading is None or view is None or view.summary.fatal:
        return
    _numbers(view)
    language = request.language
    offer = request_quote(request, reading)
    plan = timeline(request.submission_day or today, request.requested_porting_day)
    # The requested day when it can be had (the company step refuses any other): as the letter has it.
    requested = plan.porting_day if plan.porting_day == request.requested_porting_day else None
    st.markdown(
        "\n\n".join(
            [
                ui.text(
                    "journey_status.review.price",
                    total=format_money(offer.total_cents, offer.currency, language),
                    requests=ui.plural("journey_status.review.requests", len(offer.requests)),
                    numbers=ui.plural("journey_status.review.numbers", offer.portable_numbers),
                ),
                ui.text("journey_status.review.requested_day", day=format_date(requested, language))
                if requested is not None
                else ui.text("journey_status.review.requested_none"),
                ui.text(
                    "journey_status.review.estimated_day",
                    day=format_date(plan.estimated_porting_day, language),
                ),
            ]
        )
    )
    if by_provider:
        for group, found in by_provider:
            st.markdown(f"**{ui.plain(group_summary(group, language))}**")
            _documents(request, found, group_documents(request.documents, group.index))
    else:
        _documents(request, findings)
    st.markdown(virtual_caller_id_line(reading, request.virtual_caller_id, language))


def _numbers(view: ui.NumbersView) -> None:
    """The numbers counted by type, and every one of them on demand, a page at a time."""
    summary = view.summary
    st.markdown(f"**{ui.text('journey_status.review.numbers_heading')}**")
    st.table(
        {
            ui.text("numbers.col_type"): [label for label, _ in summary.counts_by_type],
            ui.text("numbers.col_count"): [count for _, count in summary.counts_by_type],
        }
    )
    language = ui.request().language
    with st.expander(
        ui.text("journey_status.review.all_numbers", count=format_integer(summary.distinct, language))
    ):
        shown = page_of(summary.distinct, key="review_numbers_page")
        columns = ["number", "type", "area", "status"]
        fitted_table(
            ui.numbers_table(summary, shown)[columns],
            {column: ui.text(f"numbers.col_{column}") for column in columns},
            pinned=("number",),
        )


def _documents(
    request: PortingRequest,
    findings: tuple[Finding, ...],
    documents: Mapping[str, UploadedDocument] | None = None,
) -> None:
    """One line per document of the guide: the file uploaded, and whether the pre-flight checks
    that read it pass, named as the pre-flight report names them; ``documents`` one provider's."""
    language = request.language
    lines = [f"**{ui.text('journey_status.review.documents_heading')}**"]
    for check in document_checks(request.documents if documents is None else documents, findings):
        document = ui.text(f"uploads.slot.{check.slot}")
        if check.name is None:
            lines.append(
                f":material/block: {ui.text('journey_status.review.document_missing', document=document)}"
            )
            continue
        status = ui.text(f"uploads.status.{check.status}")
        if check.passes:
            line = ui.text("journey_status.review.document_ok", document=document, name=ui.plain(check.name))
        else:
            issues = ", ".join(finding.issue(language) for finding in check.failing)
            line = ui.text(
                "journey_status.review.document_failing",
                document=document, name=ui.plain(check.name), status=status, issues=issues,
            )  # fmt: skip
        lines.append(f"{_STATUS_ICONS[check.status]} {line}")
    st.markdown("\n\n".join(lines))


def virtual_caller_id_line(reading: Reading, wanted: Collection[str], language: str) -> str:
    """The review's lines on the Virtual Caller ID: the mobile numbers the customer wants one for,
    and those they do not (``porting.numbers.caller_id``)."""
    choice = caller_id_choice(reading, wanted)
    if not choice.chosen and not choice.declined:
        return ui.text("journey_status.review.vcid_none")
    lines = []
    for key, numbers in (
        ("journey_status.review.vcid", choice.chosen_numbers),
        ("journey_status.review.vcid_declined", choice.declined_numbers),
    ):
        if numbers:
            listed = ui.plain(listing(numbers, language))
            lines.append(ui.plural(key, len(numbers), numbers=listed))
    return "\n\n".join(lines)


def _consent(request: PortingRequest) -> bool:
    """The consent checkbox, kept with the request: ticked again when the customer comes back to
    an unchanged request, unticked (with a word why) when the request changed after it."""
    holds = consent_holds(request)
    if request.consented_to is not None and not holds:
        st.info(ui.text("journey_status.review.consent_again"), icon=":material/edit:")
        request.consented_to = None
        st.session_state.pop(keys.SUBMIT_CONSENT, None)
    ui.keep_widget(keys.SUBMIT_CONSENT, holds)
    consent = st.checkbox(ui.text("submit.consent"), key=keys.SUBMIT_CONSENT)
    request.consented_to = consent_fingerprint(request) if consent else None
    return consent


def _submit(request: PortingRequest, reading: Reading | None, findings: tuple[Finding, ...]) -> None:
    if reading is None:
        return
    key = st.session_state.setdefault(_KEY, uuid.uuid4().hex)
    offer = request_quote(request, reading)
    plan = timeline(request.submission_day or oslo_today(), request.requested_porting_day)
    content = RequestContent.of(
        letter_details(request, oslo_today()),  # the requested porting day, as the letter has it
        request.confirmations.rest,
        reading.unique_rows,
        offer,
        plan,
        findings,
        request.language,
        caller_ids=request.virtual_caller_id,
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
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return
    request.submitted_reference, request.submitted_token = receipt.reference, receipt.token
    request.draft_token = None
    deliver_soon(shared_store())


def _submit_providers(
    request: PortingRequest,
    reading: Reading,
    by_provider: Sequence[tuple[ProviderGroup, tuple[Finding, ...]]],
) -> None:
    """One request per current provider, all stored at once: each with its provider's account,
    numbers, price, letter and invoice, and the company's firmaattest. The numbers that are not
    ported (a Virtual Caller ID, numbers we cannot port) go with the first provider's request."""
    key = st.session_state.setdefault(_KEY, uuid.uuid4().hex)
    plan = timeline(request.submission_day or oslo_today(), request.requested_porting_day)
    details = letter_details(request, oslo_today())  # the requested porting day, as the letters have it
    others = tuple(row for row in reading.unique_rows if not row.portable)
    parts = []
    for position, (group, found) in enumerate(by_provider):
        account = group.account
        content = RequestContent.of(
            replace(details, current_provider=account.name, account_number=account.account_number),
            request.confirmations.rest,
            group.numbers + (others if position == 0 else ()),
            quote(Reading(group.numbers)),  # one request's price
            plan,
            found,
            request.language,
            caller_ids=request.virtual_caller_id,
        )
        parts.append((content, list(group_documents(request.documents, group.index).values())))
    try:
        receipts = store.submit_together(
            shared_store(), idempotency_key=key, language=request.language, parts=parts,
            demo=request.demo, draft_token=request.draft_token,
        )  # fmt: skip
    except store.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return
    first, *rest = receipts
    request.submitted_reference, request.submitted_token = first.reference, first.token
    request.submitted_others = tuple((receipt.reference, receipt.token) for receipt in rest)
    request.draft_token = None
    deliver_soon(shared_store())


def _submit_demo(request: PortingRequest) -> None:
    """The demo's request, sent to its sandbox: a reference marked as a demo, and nothing else."""
    request.submitted_reference = sandbox_reference(uuid.uuid4().hex)
    request.demo_stage = 0


def _demo_receipt(request: PortingRequest) -> None:
    st.success(
        ui.text("demo.sandbox.received", reference=request.submitted_reference), icon=":material/slideshow:"
    )
    st.page_link(
        pages.STATUS, label=ui.text("demo.sandbox.open_status"), query_params=pages.SANDBOX,
        icon=":material/location_on:",
    )  # fmt: skip
    _next_steps(request)


def _receipt(request: PortingRequest) -> None:
    if request.demo:
        _demo_receipt(request)
        return
    token = request.submitted_token or ""
    if request.submitted_others:
        _receipts(request)
    else:
        st.success(
            ui.text("submit.received", reference=request.submitted_reference), icon=":material/check_circle:"
        )
        st.caption(ui.text("submit.status_link"))
        st.code(status_link(token, request.language), language=None, wrap_lines=True)
    remembered.remember(token)  # "Request status" in the sidebar opens it from now on
    _next_steps(request)


def _next_steps(request: PortingRequest) -> None:
    """What happens next, and when: the porting day and the window its confirmation comes in."""
    plan = timeline(request.submission_day or oslo_today(), request.requested_porting_day)
    first, last = plan.confirmation_window
    language = request.language
    st.subheader(ui.text("submit.next_heading"))
    if plan.porting_day == request.requested_porting_day:
        st.markdown(ui.text("porting_day.receipt_requested", day=format_date(plan.porting_day, language)))
    st.markdown(
        ui.text(
            "submit.next_steps",
            porting_day=format_date(plan.porting_day, language),
            first=format_date(first, language),
            last=format_date(last, language),
            brand=rules().brand,
        )
    )


def _receipts(request: PortingRequest) -> None:
    """The receipt of one request per current provider: every reference with its status link."""
    sent = [(request.submitted_reference or "", request.submitted_token or ""), *request.submitted_others]
    st.success(ui.text("journey_providers.receipt.received", count=len(sent)), icon=":material/check_circle:")
    for reference, token in sent:
        st.markdown(ui.text("journey_providers.receipt.reference", reference=reference))
        st.code(status_link(token, request.language), language=None, wrap_lines=True)
        remembered.remember(token)
