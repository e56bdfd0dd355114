"""The documents step: one upload slot per required document, each checked by its content."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

import streamlit as st

import ui
from porting.documents.findings import NOT_UPLOADED, OK, PROBLEM, WARNING, Finding, Row, blocker_texts
from porting.documents.preflight import preflight, range_blocks, virtual_caller_id_reminder
from porting.documents.reading import UploadedDocument, UploadProblem, check_upload, upload_limit
from porting.i18n import format_integer
from porting.numbers.intake import Reading
from porting.numbers.numbering import display
from porting.rules import rules
from porting.wizard.providers import (
    ProviderGroup,
    base_slot,
    document_slot,
    group_preflight,
    group_summary,
    provider_groups,
    provider_name,
    several,
)
from porting.wizard.state import INVOICE, PortingRequest
from ui import pages, uploads
from ui.wizard import keys
from ui.wizard.company import ask_register
from ui.wizard.invoice_day import invoice_day_input

ACCEPTED_FILES = ["pdf", "png", "jpg", "jpeg"]


def upload_slots(request: PortingRequest) -> None:
    """Each document the guide requires: what is needed, the upload, and the file kept. With
    several current providers, a letter and an invoice for each, then the company's firmaattest."""
    groups = provider_groups(request, ui.reading(request))
    if several(groups):
        _provider_slots(request, groups)
        return
    for document in rules().documents:
        st.subheader(ui.text(f"uploads.slot.{document.key}"))
        st.caption(document.texts[request.language])
        _slot(request, document.key)


def _provider_slots(request: PortingRequest, groups: tuple[ProviderGroup, ...]) -> None:
    language = request.language
    for group in groups:
        st.subheader(ui.plain(provider_name(group, language)))
        st.caption(ui.plain(group_summary(group, language)))
        for document in rules().documents:
            if document.per_provider:
                name = ui.text(
                    "journey_providers.documents.slot",
                    document=ui.text(f"uploads.slot.{document.key}"),
                    provider=provider_name(group, language),
                )
                st.markdown(f"**{ui.plain(name)}**")
                st.caption(document.texts[language])
                _slot(request, document_slot(document.key, group.index), name)
    for document in rules().documents:
        if not document.per_provider:
            st.subheader(ui.text(f"uploads.slot.{document.key}"))
            st.caption(document.texts[language])
            st.caption(ui.text("journey_providers.documents.shared", count=len(groups)))
            _slot(request, document.key)


def _slot(request: PortingRequest, slot: str, document: str | None = None) -> None:
    """The upload of ``slot``, labelled ``document`` (a provider's document), else by its slot."""
    uploads.drop_zone(
        ui.text("uploads.upload_label", document=document or ui.text(f"uploads.slot.{slot}")),
        key=f"upload_{slot}",
        types=ACCEPTED_FILES,
        help=ui.text("uploads.upload_help", limit=upload_limit(request.language)),
        on_file=partial(_received, request, slot),
    )
    problem: UploadProblem | None = st.session_state.get(keys.upload_problem(slot))
    if problem is not None:
        kept = ui.text("uploads.previous_kept") if slot in request.documents else ""
        st.error(ui.plain(f"{problem.text(request.language)} {kept}".strip()), icon=":material/warning:")
    kept_file = request.documents.get(slot)
    if kept_file is not None:
        _kept(request, kept_file)
        if slot == INVOICE:
            invoice_day_input(request, st.container(), ui.text("uploads.invoice_day_help"))


def _received(request: PortingRequest, slot: str, name: str, data: bytes) -> None:
    """A file dropped on ``slot``: kept when it can be used (in place of the one before), else
    its problem is shown and the file before it stays."""
    checked = check_upload(base_slot(slot), name, data)  # a provider's letter is read as a letter
    if isinstance(checked, UploadProblem):
        st.session_state[keys.upload_problem(slot)] = checked
        return
    st.session_state.pop(keys.upload_problem(slot), None)
    request.keep_document(replace(checked, slot=slot))


def _kept(request: PortingRequest, document: UploadedDocument) -> None:
    description = ui.text(
        "uploads.kept",
        name=ui.plain(document.name),
        size=uploads.file_size(document.size),
        kind=document.kind.upper(),
        pages=format_integer(document.pages, request.language),
    )
    remove = partial(_remove, request, document.slot)
    uploads.file_card(description, key=f"remove_{document.slot}", on_remove=remove)


def _remove(request: PortingRequest, slot: str) -> None:
    request.remove_document(slot)
    st.session_state.pop(keys.upload_problem(slot), None)


_STATUS_ICONS = {
    NOT_UPLOADED: ":material/description:",
    OK: ":material/check_circle:",
    WARNING: ":material/warning:",
    PROBLEM: ":material/block:",
}


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
        st.info(ui.text("uploads.report_needs_numbers"), icon=":material/edit_note:")
        st.page_link(pages.NUMBERS, label=ui.text("loa.go_to.numbers"), icon=":material/arrow_forward:")
        return
    language = request.language
    ask_register(request)  # the company and who may sign, when the company step did not ask
    groups = provider_groups(request, reading)
    if several(groups):  # each provider's request is checked on its own
        blockers: list[tuple[str, str]] = []
        for group in groups:
            st.subheader(ui.plain(provider_name(group, language)))
            found = group_preflight(request, group, request.submission_day or oslo_today())
            for finding in found:
                for row in finding.rows:
                    _row(finding, row, language)
            named = provider_name(group, language)
            blockers += [
                (key, f"{named}: {text}")
                for key, text in blocker_texts(found, request.confirmations, language)
            ]
        _after_rows(request, reading, blockers)
        return
    findings = preflight(
        request.company,
        reading,
        request.documents,
        invoice_day=request.invoice_day,
        submission_day=request.submission_day or oslo_today(),
        registry=request.registry,
        confirmations=request.confirmations,
        signatories=request.signatories,
    )
    for finding in findings:
        for row in finding.rows:
            _row(finding, row, language)
    _after_rows(request, reading, blocker_texts(findings, request.confirmations, language))


def _after_rows(request: PortingRequest, reading: Reading, blockers: Sequence[tuple[str, str]]) -> None:
    """Below the checks: the partial port's rest, the Virtual Caller ID and what blocks sending."""
    language = request.language
    confirmed = request.confirmations
    if confirmed.partial_port and confirmed.rest.strip():
        st.caption(ui.text("uploads.partial_summary", rest=ui.plain(" · ".join(confirmed.rest.split("\n")))))
    reminder = virtual_caller_id_reminder(reading, request.virtual_caller_id)  # as the customer chose
    if reminder:
        st.info("\n\n".join(note.text(language) for note in reminder), icon=":material/smartphone:")
    if blockers:
        st.warning(
            ui.text("uploads.blocked") + "\n" + "\n".join(f"- {text}" for _, text in blockers),
            icon=":material/block:",
        )
    else:
        st.success(ui.text("uploads.ready"), icon=":material/check_circle:")


def _row(finding: Finding, row: Row, language: str) -> None:
    """One check: its name and state, the rejection reason it guards, what was found, and for a
    warning or a problem the guide's explanation and fix."""
    advice = f"{finding.explanation(language)}. {ui.text('uploads.fix')}: {finding.fix(language)}."
    check_row(
        row.state,
        row.name(language),
        row.state_text(language),
        row.reason_text(language),
        [ui.plain(note.text(language)) for note in row.notes],
        advice,
    )


def check_row(
    state: str, name: str, state_text: str, reason_text: str, findings: Sequence[str], advice: str
) -> None:
    """One check of the pre-flight report as the wizard and the console show it: the state's icon,
    the check's name and state, the reason it guards, what was found (markdown, made safe), and
    for a warning or a problem ``advice``: what to do."""
    with st.container(border=True):
        st.markdown(f"{_STATUS_ICONS[state]} **{name}** · {state_text}")
        st.caption(reason_text)
        for found in findings:
            st.markdown(f"- {found}")
        if state in (WARNING, PROBLEM):
            st.caption(advice)
