"""The documents step: one upload slot per required document, each checked by its content."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import ui
from porting.documents.facts import find_invoice_date
from porting.documents.findings import NOT_UPLOADED, OK, PROBLEM, WARNING, Finding, Row, blocker_texts
from porting.documents.preflight import preflight, range_blocks, virtual_caller_id_reminder
from porting.documents.reading import UploadedDocument, UploadProblem, check_upload, megabytes, upload_limit
from porting.i18n import format_integer
from porting.numbers.intake import Reading
from porting.numbers.numbering import display
from porting.rules import rules
from porting.wizard.state import PortingRequest
from ui import pages
from ui.wizard import keys

ACCEPTED_FILES = ["pdf", "png", "jpg", "jpeg"]


def upload_slots(request: PortingRequest) -> None:
    """Each document the guide requires: what is needed, the upload, and the file kept."""
    for document in rules().documents:
        st.subheader(ui.text(f"uploads.slot.{document.key}"))
        st.caption(document.texts[request.language])
        _slot(request, document.key)


def _slot(request: PortingRequest, slot: str) -> None:
    upload = st.file_uploader(
        ui.text("uploads.upload_label", document=ui.text(f"uploads.slot.{slot}")),
        type=ACCEPTED_FILES,
        key=f"upload_{slot}",
        help=ui.text("uploads.upload_help", limit=upload_limit(request.language)),
    )
    seen_key = f"upload_seen_{slot}"
    if upload is not None and st.session_state.get(seen_key) != upload.file_id:
        # Checked once per upload: a rerun must not check (or report) the same file again.
        st.session_state[seen_key] = upload.file_id
        checked = check_upload(slot, upload.name, upload.getvalue())
        if isinstance(checked, UploadProblem):
            st.session_state[keys.upload_problem(slot)] = checked
        else:
            st.session_state.pop(keys.upload_problem(slot), None)
            request.documents[slot] = checked
            found = find_invoice_date(checked.text) if slot == "invoice" else None
            if found is not None and request.invoice_day is None:
                request.invoice_day = st.session_state[keys.INVOICE_DAY] = found
    problem: UploadProblem | None = st.session_state.get(keys.upload_problem(slot))
    if problem is not None:
        kept = ui.text("uploads.previous_kept") if slot in request.documents else ""
        st.error(ui.plain(f"{problem.text(request.language)} {kept}".strip()), icon="⚠️")
    kept_file = request.documents.get(slot)
    if kept_file is not None:
        _kept(request, kept_file)
    if slot == "invoice":
        _invoice_day(request)


def _invoice_day(request: PortingRequest) -> None:
    """The invoice's date, which the customer states; read from the invoice when it says it."""
    from porting.calendar import oslo_today

    ui.keep_widget(keys.INVOICE_DAY, request.invoice_day)
    request.invoice_day = st.date_input(
        ui.text("quote.invoice_label"), key=keys.INVOICE_DAY, max_value=oslo_today(), format="YYYY-MM-DD",
        help=ui.text("uploads.invoice_day_help"),
    )  # fmt: skip


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
        st.session_state.pop(keys.upload_problem(document.slot), None)
        st.rerun()


def _size(size: int) -> str:
    language = ui.request().language
    if size < 1024 * 1024:
        return ui.text("uploads.kilobytes", size=format_integer(max(1, -(-size // 1024)), language))
    return megabytes(size, language)


_STATUS_ICONS = {NOT_UPLOADED: "📄", OK: "✅", WARNING: "⚠️", PROBLEM: "⛔"}


def confirmations(request: PortingRequest, reading: Reading | None) -> None:
    """What only the customer can confirm: active numbers, ranges and the promises. (Whether the
    port is partial is asked with the letter of authorization, which carries the answer.)"""
    st.header(ui.text("uploads.confirm_heading"))
    current = request.confirmations
    rows = reading.portable_rows if reading is not None else ()
    nationals = frozenset(row.national or "" for row in rows)
    ui.keep_widget(keys.CONFIRM_ACTIVE, bool(nationals) and nationals <= current.active)
    all_active = st.checkbox(ui.plural("uploads.confirm_active", len(rows)), key=keys.CONFIRM_ACTIVE)
    blocks = range_blocks(nationals)
    not_in_range: set[str] = set()
    for index, block in enumerate(blocks):
        ui.keep_widget(keys.confirm_range(index), set(block) <= current.not_in_range)
        first, last = display(block[0]), display(block[-1])
        if st.checkbox(
            ui.text("uploads.confirm_not_range", first=first, last=last), key=keys.confirm_range(index)
        ):
            not_in_range.update(block)
    acknowledged = set()
    for acknowledgement in rules().acknowledgements:
        ui.keep_widget(keys.acknowledge(acknowledgement.key), acknowledgement.key in current.acknowledged)
        if st.checkbox(acknowledgement.texts[request.language], key=keys.acknowledge(acknowledgement.key)):
            acknowledged.add(acknowledgement.key)
    request.confirmations = replace(
        current,
        active=nationals if all_active else frozenset(),
        not_in_range=frozenset(not_in_range),
        acknowledged=frozenset(acknowledged),
    )


def report(request: PortingRequest, reading: Reading | None) -> None:
    """The pre-flight report: one row per check, named for what it checks, in its state, with the
    guide's rejection reason it guards; then what blocks sending."""
    from porting.calendar import oslo_today

    st.header(ui.text("uploads.report_heading"))
    if reading is None:
        st.info(ui.text("uploads.report_needs_numbers"), icon="📝")
        st.page_link(pages.NUMBERS, label=ui.text("loa.go_to.numbers"), icon="➡️")
        return
    language = request.language
    findings = preflight(
        request.company,
        reading,
        request.documents,
        invoice_day=request.invoice_day,
        submission_day=request.submission_day or oslo_today(),
        registry=request.registry,
        confirmations=request.confirmations,
    )
    for finding in findings:
        for row in finding.rows:
            _row(finding, row, language)
    confirmed = request.confirmations
    if confirmed.partial_port and confirmed.rest.strip():
        st.caption(ui.text("uploads.partial_summary", rest=ui.plain(" · ".join(confirmed.rest.split("\n")))))
    reminder = virtual_caller_id_reminder(reading)
    if reminder is not None:
        st.info(reminder.text(language), icon="📱")
    blockers = blocker_texts(findings, request.confirmations, language)
    if blockers:
        st.warning(
            ui.text("uploads.blocked") + "\n" + "\n".join(f"- {text}" for _, text in blockers),
            icon="⛔",
        )
    else:
        st.success(ui.text("uploads.ready"), icon="✅")


def _row(finding: Finding, row: Row, language: str) -> None:
    """One check: its name and state, the rejection reason it guards, what was found, and for a
    warning or a problem the guide's explanation and fix."""
    with st.container(border=True):
        st.markdown(f"{_STATUS_ICONS[row.state]} **{row.name(language)}** · {row.state_text(language)}")
        st.caption(row.reason_text(language))
        for note in row.notes:
            st.markdown(f"- {ui.plain(note.text(language))}")
        if row.state in (WARNING, PROBLEM):
            st.caption(f"{finding.explanation(language)}. {ui.text('uploads.fix')}: {finding.fix(language)}.")
