"""One request's tabs in the console: the company's details, the numbers, the quote and timeline,
the preflight checks, the documents to download, and the history of status changes.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Sequence
from functools import partial

import streamlit as st

import ui
from porting.i18n import format_integer, format_money
from porting.requests import records, store
from porting.requests.archive import archive_names
from porting.requests.model import PreflightItem, StoredQuote, json_value
from porting.team import audit
from ui.console.common import format_day, label_or, oslo_time, status_label, table
from ui.console.numbers import render_numbers
from ui.wizard.documents import check_row
from ui.wizard.submit import shared_store


def render_tabs(request: records.StoredRequest) -> None:
    """The request shown tab by tab; only the numbers tab can change it."""
    tabs = st.tabs(
        [
            ui.text("console.detail.tab_company"),
            ui.text("console.detail.tab_numbers"),
            ui.text("console.detail.tab_quote"),
            ui.text("console.detail.tab_preflight"),
            ui.text("console.detail.tab_documents"),
            ui.text("console.detail.tab_history"),
        ]
    )
    sections = (_company, render_numbers, _quote_and_timeline, _preflight, _documents, _history)
    for tab, section in zip(tabs, sections, strict=True):
        with tab:
            section(request)


def _text_value(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# The company tab's rows, in the order the team reads them: who the company is, where, its
# current provider and account there, who signs, how to reach them, then the port's own wishes.
COMPANY_FIELDS = (
    "company_name", "org_number", "address", "postcode", "city", "current_provider", "account_number",
    "signatory_name", "signatory_title", "email", "phone", "requested_date", "rest",
)  # fmt: skip


def _company(request: records.StoredRequest) -> None:
    if request.anonymised_at is not None:
        counts = ", ".join(
            f"{label_or(f'type.{kind}', kind)}: {format_integer(count, ui.request().language)}"
            for kind, count in sorted(request.counts.items())
        )
        st.info(
            ui.text(
                "retention.anonymised", at=oslo_time(request.anonymised_at), counts=ui.plain(counts or "0")
            ),
            icon=":material/inventory_2:",
        )
    if request.details is None:
        table([], ("field", "value"))
        return
    details = json_value(request.details)
    rows = [
        {"field": ui.text(f"company.field.{key}"), "value": _company_value(key, details.get(key))}
        for key in COMPANY_FIELDS
    ]
    table(rows, ("field", "value"))


def _company_value(key: str, value: object) -> str:
    if key == "requested_date":
        return format_day(value) if value else ui.text("console.company.earliest")
    return _text_value(value)


def quote_total(quote: StoredQuote, language: str) -> str:
    """The stored quote's total as money in ``language``."""
    cents = quote.total * 100
    if quote.currency and cents.is_finite() and cents == cents.to_integral_value():
        return format_money(int(cents), quote.currency, language)
    return f"{quote.currency} {quote.total}".strip()


def _quote_and_timeline(request: records.StoredRequest) -> None:
    total = quote_total(request.quote, ui.request().language)
    st.markdown(ui.text("console.detail.quote_total", total=ui.plain(total)))
    plan = request.timeline
    first, last = plan.confirmation_window
    rows = [
        {"field": ui.text("console.timeline.start"), "value": format_day(plan.start.isoformat())},
        {
            "field": ui.text("console.timeline.estimated_porting_day"),
            "value": format_day(plan.estimated_porting_day.isoformat()),
        },
        {"field": ui.text("porting_day.console_field"), "value": _requested_day(request)},
        {
            "field": ui.text("console.timeline.confirmation_window"),
            "value": ui.text(
                "console.timeline.window",
                first=format_day(first.isoformat()),
                last=format_day(last.isoformat()),
            ),
        },
        {"field": ui.text("console.timeline.business_days"), "value": str(plan.business_days)},
    ]
    if plan.holidays:
        names = ", ".join(
            f"{holiday.name} ({format_day(holiday.date.isoformat())})" for holiday in plan.holidays
        )
        rows.append({"field": ui.text("console.timeline.holidays"), "value": names})
    table(rows, ("field", "value"))


def _requested_day(request: records.StoredRequest) -> str:
    """The porting day the customer asked for, as the letter they signed carries it."""
    requested = request.details.requested_date if request.details is not None else None
    return format_day(requested.isoformat()) if requested is not None else ui.text("porting_day.console_none")


def _preflight(request: records.StoredRequest) -> None:
    """The report as stored with the request: each check as the wizard showed it (its name, its
    state, what it found and the fix), under the guide's rejection reason it guards. A request
    stored before the checks were kept shows one row per reason (what the carrier's rejection names)."""
    if not request.preflight:
        st.caption(ui.text("console.detail.no_preflight"))
        return
    if not any(item.rows for item in request.preflight):
        _preflight_reasons(request.preflight)
        return
    for item in request.preflight:
        for row in item.rows:
            state = row.state
            check_row(
                state,
                label_or(f"checks.name.{row.check}", ui.plain(row.check)),
                label_or(f"checks.state.{state}", state),
                ui.text(f"checks.reason.{state}", reason=ui.plain(item.reason)),
                [ui.plain(row.finding)] if row.finding else [],
                f"{ui.text('uploads.fix')}: {ui.plain(item.fix)}",
            )


def _preflight_reasons(report: Sequence[PreflightItem]) -> None:
    rows = []
    for item in report:
        shown = label_or(f"console.preflight.{item.status}", item.status)
        rows.append(
            {
                "reason": item.reason,
                "result": shown,  # in a table: a word, as icons show only in text
                "finding": item.finding,
                "fix": item.fix,
            }
        )
    table(rows, ("reason", "result", "finding", "fix"))


def _documents(request: records.StoredRequest) -> None:
    if not request.documents:
        st.caption(ui.text("console.detail.no_documents"))
        return
    names = archive_names(request.documents)
    language = ui.request().language
    # The current documents first: those a corrected one replaced are kept, marked superseded.
    for stored in sorted(request.documents, key=lambda document: document.replaced_at is not None):
        text, action = st.columns([3, 1], vertical_alignment="center")
        text.markdown(
            ui.text(
                "console.detail.document" if stored.replaced_at is None else "console.detail.superseded",
                slot=label_or(f"uploads.slot.{stored.slot}", ui.plain(stored.slot)),
                name=ui.plain(stored.name),
                size=format_integer(stored.size, language),
            )
        )
        if stored.replaced_at is not None:
            text.caption(ui.text("console.detail.replaced", time=oslo_time(stored.replaced_at)))
        if stored.purged_at is not None:
            action.caption(
                ui.text("console.detail.purged", day=format_day(stored.purged_at.date().isoformat()))
            )
            continue
        action.download_button(
            ui.text("console.detail.download"),
            data=partial(_document_bytes, request, stored.id),
            file_name=names[stored.id].replace("/", "-"),
            mime=mimetypes.guess_type(names[stored.id])[0] or "application/octet-stream",
            icon=":material/download:",
            on_click="ignore",
            key=f"console_document_{stored.id}",
        )


def _document_bytes(request: records.StoredRequest, document_id: int) -> bytes:
    """A document's bytes, read only when the team downloads it."""
    return store.document(shared_store(), request, document_id)


def _actor(actor: str) -> str:
    return label_or(f"console.actor.{actor.replace(' ', '_')}", actor)


def _history(request: records.StoredRequest) -> None:
    """The request's events and what the team did about it otherwise (its archive exported), in
    the order they happened, each naming who."""
    rows = [
        (
            event.at,
            {
                "time": oslo_time(event.at),
                "status": status_label(event.status),
                "actor": _actor(event.actor),
                "note": event.note,
            },
        )
        for event in store.events(shared_store(), request)
    ]
    rows += [
        (
            event.at,
            {
                "time": oslo_time(event.at),
                "status": "",
                "actor": event.actor,
                "note": ui.text(f"console.audit.{event.action}"),
            },
        )
        for event in audit.for_reference(shared_store(), request.reference)
    ]
    table([row for _, row in sorted(rows, key=lambda pair: pair[0])], ("time", "status", "actor", "note"))
