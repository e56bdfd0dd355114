"""The porting team's console: sign in, the queue of submitted requests, one request in full,
status changes and number-by-number decisions with the audit trail, and the outbox of notices.

The console is off unless a password is configured: ``porting_console_password`` in the Streamlit
secrets, else the ``PORTING_CONSOLE_PASSWORD`` environment variable. Five wrong passwords in a
browser session lock the sign-in for a minute. Everything the team reads comes from the catalogue
(``console.…``); what customers typed is escaped (``ui.plain``) or shown in tables.
"""

from __future__ import annotations

import hmac
import json
import math
import mimetypes
import os
import time
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
import streamlit as st

import ui
from porting import notify, outbox, store
from porting.calendar import OSLO
from porting.i18n import format_date, format_integer, format_money
from porting.requests_cli import archive_names, export_archive
from porting.rules import rules
from ui import mail
from ui.submit import shared_store

SECRET_NAME = "porting_console_password"
PASSWORD_VARIABLE = "PORTING_CONSOLE_PASSWORD"
MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 60
ACTOR = "porting team"  # who the audit trail says changed a status from the console
ALL = "all"  # the status filter's choice for every status
REQUESTS, OUTBOX = "requests", "outbox"  # the console's two views
KEEP, SPLIT = "keep", "split"  # where rejected numbers go: stay in the request, or a new one
OUTBOX_LIMIT = 100  # notices the outbox view shows, newest first

SIGNED_IN = "console_signed_in"
_FAILURES = "console_failures"  # monotonic times of wrong passwords since the last lockout ended
_FLASH = "console_flash"  # what the last status change did, shown once after the rerun

STATUS_ICONS: Mapping[str, str] = {
    store.RECEIVED: "📥",
    store.UNDER_REVIEW: "🔎",
    store.WAITING_FOR_DOCUMENTS: "📎",
    store.SUBMITTED_TO_CARRIER: "📤",
    store.ACCEPTED: "✅",
    store.REJECTED: "⛔",
    store.PORTED: "🎉",
    store.CANCELLED: "✖️",
}
_PREFLIGHT_ICONS = {"ok": "✅", "warning": "⚠️", "problem": "⛔"}
_DECISION_ICONS = {store.ACCEPTED_NUMBER: "✅", store.REJECTED_NUMBER: "⛔"}
_TIMELINE_DATES = ("start", "estimated_porting_day")


def _now() -> float:
    return time.monotonic()


# --- Signing in ------------------------------------------------------------------------------


def configured_password() -> str | None:
    """The console's password: the Streamlit secret, else the environment; ``None`` when neither is set."""
    try:
        secret = st.secrets[SECRET_NAME]
    except (KeyError, FileNotFoundError):  # no such secret, or no secrets file at all
        secret = None
    if isinstance(secret, str) and secret:
        return secret
    return os.environ.get(PASSWORD_VARIABLE) or None


def password_matches(entered: str, password: str) -> bool:
    """Whether ``entered`` is the password, compared in constant time."""
    return hmac.compare_digest(entered.encode("utf-8"), password.encode("utf-8"))


def _locked_seconds(now: float) -> int:
    """Seconds until the sign-in opens again, 0 when it is open; an expired lockout is forgotten."""
    failures: list[float] = st.session_state.setdefault(_FAILURES, [])
    if len(failures) < MAX_ATTEMPTS:
        return 0
    remaining = failures[-1] + LOCKOUT_SECONDS - now
    if remaining <= 0:
        failures.clear()
        return 0
    return math.ceil(remaining)


def _sign_in(password: str) -> None:
    notice = st.container()
    locked = _locked_seconds(_now())
    with st.form("console_sign_in", clear_on_submit=True):
        entered = st.text_input(
            ui.text("console.password"), type="password", key="console_password", disabled=bool(locked)
        )
        sent = st.form_submit_button(ui.text("console.sign_in"), type="primary", disabled=bool(locked))
    if locked:
        notice.error(ui.plural("console.locked", locked), icon="⏳")
        return
    if not sent:
        return
    if password_matches(entered, password):
        st.session_state[SIGNED_IN] = True
        st.session_state[_FAILURES] = []
        st.rerun()
    failures: list[float] = st.session_state[_FAILURES]
    failures.append(_now())
    left = MAX_ATTEMPTS - len(failures)
    if left > 0:
        notice.error(ui.plural("console.wrong_password", left), icon="🔒")
    else:
        notice.error(ui.plural("console.locked", LOCKOUT_SECONDS), icon="⏳")


def render_console() -> None:
    """The whole console: disabled without a password, the sign-in, then the queue and one request."""
    password = configured_password()
    if password is None:
        st.info(ui.text("console.disabled"), icon="🔒")
        return
    if not st.session_state.get(SIGNED_IN):
        _sign_in(password)
        return
    if st.button(ui.text("console.sign_out"), icon=":material/logout:", key="console_sign_out"):
        st.session_state[SIGNED_IN] = False
        st.rerun()
    # A switch rather than tabs: only the chosen view runs its queries.
    view = st.segmented_control(
        ui.text("console.view"),
        options=(REQUESTS, OUTBOX),
        default=REQUESTS,
        required=True,
        format_func=lambda value: ui.text(f"console.view_{value}"),
        label_visibility="collapsed",
        key="console_view",
    )
    if view == OUTBOX:
        _outbox()
        return
    chosen = _queue()
    if chosen is not None:
        _detail(chosen)


# --- Labels ----------------------------------------------------------------------------------


def status_label(status: str) -> str:
    """A status as the team reads it: its icon and its name."""
    return f"{STATUS_ICONS.get(status, '•')} {ui.text(f'console.status.{status}')}"


def _label_or(key: str, fallback: str) -> str:
    return ui.text(key) if ui.has_text(key) else fallback


def _oslo_time(moment: datetime) -> str:
    return f"{moment.astimezone(OSLO):%Y-%m-%d %H:%M}"


def _day(value: object) -> str:
    """An ISO date from the stored JSON as a person reads it; anything else as it is."""
    try:
        return format_date(date.fromisoformat(str(value)), ui.request().language, "medium")
    except ValueError:
        return str(value)


def _column(name: str) -> str:
    return ui.text(f"console.column.{name}")


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    frame = pd.DataFrame(rows, columns=list(columns)).rename(columns=_column)
    st.dataframe(frame, hide_index=True, width="stretch")


# --- The queue -------------------------------------------------------------------------------


def _queue() -> store.StoredRequest | None:
    """The filters and the table of requests; the request chosen, if any."""
    left, right = st.columns([1, 2])
    status = left.selectbox(
        ui.text("console.queue.status"),
        options=(ALL, *store.STATUSES),
        format_func=lambda value: ui.text("console.queue.all") if value == ALL else status_label(value),
        key="console_status",
    )
    search = right.text_input(
        ui.text("console.queue.search"),
        placeholder=ui.text("console.queue.search_placeholder"),
        key="console_search",
    )
    found = store.list_requests(shared_store(), status=None if status == ALL else status, search=search)
    if not found:
        st.info(ui.text("console.queue.none"), icon="📭")
        return None
    st.caption(ui.plural("console.queue.count", len(found)))
    rows = [
        {
            "reference": request.reference,
            "status": status_label(request.status),
            "created": request.created_at.astimezone(OSLO).date(),
            "company": str(request.details.get("company_name") or ""),
            "numbers": len(request.numbers),
        }
        for request in found
    ]
    _table(rows, ("reference", "status", "created", "company", "numbers"))
    by_reference = {request.reference: request for request in found}
    reference = st.selectbox(
        ui.text("console.queue.choose"),
        options=list(by_reference),
        index=None,
        placeholder=ui.text("console.queue.choose_placeholder"),
        key="console_reference",
    )
    return None if reference is None else by_reference.get(reference)


# --- One request -----------------------------------------------------------------------------


def _detail(request: store.StoredRequest) -> None:
    st.divider()
    flash = st.session_state.pop(_FLASH, None)
    if flash is not None:
        st.success(flash, icon="✅")
    st.subheader(ui.text("console.detail.heading", reference=request.reference))
    st.markdown(ui.text("console.detail.status", status=status_label(request.status)))
    if request.porting_date is not None:
        st.markdown(ui.text("console.detail.porting_date", day=_day(request.porting_date.isoformat())))
    if request.rejection_reason is not None:
        st.markdown(ui.text("console.detail.rejection", issue=_reason_issue(request.rejection_reason)))
    if request.note:
        st.markdown(ui.text("console.detail.note", note=ui.plain(request.note)))
    _relations(request)
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
    with tabs[0]:
        _company(request)
    with tabs[1]:
        _numbers(request)
    with tabs[2]:
        _quote(request)
        _timeline(request)
    with tabs[3]:
        _preflight(request)
    with tabs[4]:
        _documents(request)
    with tabs[5]:
        _history(request)
    _change_status(request)
    st.download_button(
        ui.text("console.detail.export"),
        data=lambda: export_archive(shared_store(), request).data,
        file_name=f"{request.reference}.zip",
        mime="application/zip",
        help=ui.text("console.detail.export_help"),
        icon=":material/folder_zip:",
        on_click="ignore",
        key=f"console_export_{request.id}",
    )


def _reasons() -> dict[str, str]:
    """The guide's rejection reasons: key and issue in the UI language."""
    return {item.key: item.texts[ui.request().language]["issue"] for item in rules().rejection_reasons}


def _reason_issue(key: str) -> str:
    return _reasons().get(key) or ui.plain(key)


def _open(reference: str) -> None:
    """Show the request ``reference``: the queue filtered to it, and it chosen (a button's callback)."""
    st.session_state.update(console_status=ALL, console_search=reference, console_reference=reference)


def _open_buttons(request: store.StoredRequest, references: list[str]) -> None:
    row = st.container(horizontal=True)
    for reference in references:
        row.button(
            ui.text("console.detail.open", reference=reference),
            on_click=_open,
            args=(reference,),
            icon=":material/open_in_new:",
            key=f"console_open_{request.id}_{reference}",
        )


def _relations(request: store.StoredRequest) -> None:
    """Where this request's numbers came from, and the requests numbers of it were moved to."""
    moved = [found.reference for found in store.split_requests(shared_store(), request)]
    if request.split_from is not None:
        st.markdown(ui.text("console.detail.split_from", reference=request.split_from))
    if moved:
        st.markdown(ui.text("console.detail.split_to", references=", ".join(moved)))
    related = ([request.split_from] if request.split_from else []) + moved
    if related:
        _open_buttons(request, related)


def _text_value(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _company(request: store.StoredRequest) -> None:
    rows = [
        {"field": _label_or(f"company.field.{key}", key), "value": _text_value(value)}
        for key, value in request.details.items()
    ]
    _table(rows, ("field", "value"))


def _numbers(request: store.StoredRequest) -> None:
    if not request.numbers:
        st.caption(ui.text("console.detail.no_numbers"))
        return
    rows = [
        {
            "display": str(number.get("display") or number.get("input") or ""),
            "type": _label_or(f"type.{number.get('type')}", str(number.get("type") or "")),
            "portable": bool(number.get("portable")),
            "decision": _decision_label(number.get("decision")),
            "reason": _reason_issue(str(number["reason"])) if number.get("reason") else "",
        }
        for number in request.numbers
    ]
    _table(rows, ("display", "type", "portable", "decision", "reason"))
    _decide(request)


def _decision_label(decision: object) -> str:
    if decision not in _DECISION_ICONS:
        return ui.text("console.decision.none")
    return f"{_DECISION_ICONS[str(decision)]} {ui.text(f'console.decision.{decision}')}"


def _decide(request: store.StoredRequest) -> None:
    """Accept or reject chosen numbers; rejected ones stay here or move to a request of their own."""
    st.subheader(ui.text("console.decide.heading"))
    if request.status in store.CLOSED:
        st.caption(ui.text("console.decide.closed", status=status_label(request.status)))
        return
    prefix = f"console_decide_{request.id}"
    shown = {str(n["e164"]): str(n.get("display") or n["e164"]) for n in request.numbers if n.get("e164")}
    chosen = st.multiselect(
        ui.text("console.decide.numbers"),
        options=list(shown),
        format_func=shown.__getitem__,
        placeholder=ui.text("console.decide.numbers_placeholder"),
        key=f"{prefix}_numbers",
    )
    reasons = _reasons()
    decision = st.selectbox(
        ui.text("console.decide.decision"),
        options=(store.ACCEPTED_NUMBER, *reasons),
        index=None,
        format_func=lambda value: (
            ui.text("console.decide.accept")
            if value == store.ACCEPTED_NUMBER
            else ui.text("console.decide.reject", issue=reasons[value])
        ),
        placeholder=ui.text("console.decide.decision_placeholder"),
        key=f"{prefix}_decision",
    )
    where = KEEP
    if decision not in (None, store.ACCEPTED_NUMBER):
        where = st.radio(
            ui.text("console.decide.where"),
            options=(KEEP, SPLIT),
            format_func=lambda value: ui.text(f"console.decide.{value}"),
            key=f"{prefix}_where",
        )
    note = st.text_input(ui.text("console.decide.note"), key=f"{prefix}_note")
    clicked = st.button(
        ui.text("console.decide.button"), disabled=not chosen or decision is None, key=f"{prefix}_button"
    )
    if clicked and chosen and decision is not None:
        _apply_decision(request, dict.fromkeys(chosen, decision), split=where == SPLIT, note=note.strip())


def _apply_decision(
    request: store.StoredRequest, decisions: dict[str, str], *, split: bool, note: str
) -> None:
    try:
        kept, moved = store.decide_numbers(
            shared_store(), request, decisions, actor=ACTOR, note=note, split=split
        )
    except store.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon="⚠️")
        return
    mail.deliver_soon(shared_store())
    done = [ui.plural("console.decide.done", len(decisions), reference=kept.reference)]
    if moved is not None:
        done.append(ui.plural("console.decide.moved", len(moved.numbers), reference=moved.reference))
    st.session_state[_FLASH] = " ".join(done)
    prefix = f"console_decide_{request.id}"
    for widget in ("numbers", "decision", "where", "note"):  # the next decision starts afresh
        st.session_state.pop(f"{prefix}_{widget}", None)
    st.rerun()


def quote_total(quote: Mapping[str, Any], language: str) -> str | None:
    """The stored quote's total as money in ``language``, or ``None`` when the quote has none."""
    amount, currency = quote.get("total"), str(quote.get("currency") or "")
    if amount is None:
        return None
    try:
        cents = Decimal(str(amount)) * 100
    except InvalidOperation:
        cents = Decimal("NaN")
    if currency and cents.is_finite() and cents == cents.to_integral_value():
        return format_money(int(cents), currency, language)
    return f"{currency} {amount}".strip()


def _quote(request: store.StoredRequest) -> None:
    total = quote_total(request.quote, ui.request().language)
    if total is None:
        st.caption(ui.text("console.detail.no_quote"))
    else:
        st.markdown(ui.text("console.detail.quote_total", total=ui.plain(total)))


def _timeline(request: store.StoredRequest) -> None:
    plan, rows = request.timeline, []
    for key in _TIMELINE_DATES:
        if plan.get(key):
            rows.append({"field": ui.text(f"console.timeline.{key}"), "value": _day(plan[key])})
    window = plan.get("confirmation_window")
    if isinstance(window, list) and len(window) == 2:
        first, last = (_day(day) for day in window)
        rows.append(
            {
                "field": ui.text("console.timeline.confirmation_window"),
                "value": ui.text("console.timeline.window", first=first, last=last),
            }
        )
    if plan.get("business_days") is not None:
        rows.append({"field": ui.text("console.timeline.business_days"), "value": str(plan["business_days"])})
    holidays = plan.get("holidays")
    if isinstance(holidays, list) and holidays:
        names = ", ".join(f"{holiday.get('name', '')} ({_day(holiday.get('date'))})" for holiday in holidays)
        rows.append({"field": ui.text("console.timeline.holidays"), "value": names})
    if rows:
        _table(rows, ("field", "value"))
    else:
        st.caption(ui.text("console.detail.no_timeline"))


def _preflight(request: store.StoredRequest) -> None:
    if not request.preflight:
        st.caption(ui.text("console.detail.no_preflight"))
        return
    rows = []
    for item in request.preflight:
        status = str(item.get("status") or "")
        shown = _label_or(f"console.preflight.{status}", status)
        rows.append(
            {
                "check": str(item.get("reason") or ""),
                "result": f"{_PREFLIGHT_ICONS.get(status, '•')} {shown}",
                "finding": str(item.get("finding") or ""),
                "fix": str(item.get("fix") or ""),
            }
        )
    _table(rows, ("check", "result", "finding", "fix"))


def _documents(request: store.StoredRequest) -> None:
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
                slot=_label_or(f"uploads.slot.{stored.slot}", ui.plain(stored.slot)),
                name=ui.plain(stored.name),
                size=format_integer(stored.size, language),
            )
        )
        if stored.replaced_at is not None:
            text.caption(ui.text("console.detail.replaced", time=_oslo_time(stored.replaced_at)))
        if stored.purged_at is not None:
            action.caption(ui.text("console.detail.purged", day=_day(stored.purged_at.date().isoformat())))
            continue
        action.download_button(
            ui.text("console.detail.download"),
            data=lambda document_id=stored.id: store.document(shared_store(), request, document_id),
            file_name=names[stored.id].replace("/", "-"),
            mime=mimetypes.guess_type(names[stored.id])[0] or "application/octet-stream",
            icon=":material/download:",
            on_click="ignore",
            key=f"console_document_{stored.id}",
        )


def _actor(actor: str) -> str:
    return _label_or(f"console.actor.{actor.replace(' ', '_')}", actor)


def _history(request: store.StoredRequest) -> None:
    rows = [
        {
            "time": _oslo_time(event.at),
            "status": status_label(event.status),
            "actor": _actor(event.actor),
            "note": event.note,
        }
        for event in store.events(shared_store(), request)
    ]
    _table(rows, ("time", "status", "actor", "note"))


# --- Changing the status ---------------------------------------------------------------------


def _change_status(request: store.StoredRequest) -> None:
    st.subheader(ui.text("console.change.heading"))
    options = sorted(store.allowed_transitions[request.status], key=store.STATUSES.index)
    if not options:
        st.caption(ui.text("console.change.final", status=status_label(request.status)))
        return
    # Keyed by the status too: after a change the choices differ, and the form starts empty.
    prefix = f"console_change_{request.id}_{request.status}"
    new_status = st.selectbox(
        ui.text("console.change.new_status"),
        options=options,
        index=None,
        format_func=status_label,
        placeholder=ui.text("console.change.placeholder"),
        key=f"{prefix}_status",
    )
    porting_date: date | None = None
    reason: str | None = None
    if new_status == store.ACCEPTED:
        porting_date = st.date_input(
            ui.text("console.change.porting_date"),
            value=None,
            help=ui.text("console.change.porting_date_help"),
            key=f"{prefix}_date",
        )
    if new_status == store.REJECTED:
        reasons = {item.key: item.texts[ui.request().language]["issue"] for item in rules().rejection_reasons}
        reason = st.selectbox(
            ui.text("console.change.reason"),
            options=list(reasons),
            index=None,
            format_func=reasons.__getitem__,
            placeholder=ui.text("console.change.reason_placeholder"),
            key=f"{prefix}_reason",
        )
    note = st.text_area(ui.text("console.change.note"), key=f"{prefix}_note")
    if not st.button(
        ui.text("console.change.button"), type="primary", disabled=new_status is None, key=f"{prefix}_button"
    ):
        return
    if new_status is None:
        return
    if new_status == store.REJECTED and reason is None:
        st.error(ui.text("console.change.reason_required"), icon="⚠️")
        return
    try:
        changed = store.change_status(
            shared_store(),
            request,
            new_status,
            actor=ACTOR,
            note=note.strip(),
            porting_date=porting_date,
            reason=reason,
        )
    except store.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon="⚠️")
        return
    mail.deliver_soon(shared_store())
    st.session_state[_FLASH] = ui.text(
        "console.change.done", reference=changed.reference, status=status_label(changed.status)
    )
    st.rerun()


# --- The outbox ------------------------------------------------------------------------------


def _mail_settings() -> tuple[notify.MailSettings | None, str | None]:
    """The SMTP settings (``None`` when mail is off) and what is wrong with them, if anything."""
    try:
        return notify.mail_settings(), None
    except notify.NotifyError as error:
        return None, str(error)


def _outbox() -> None:
    """The notices, newest first; the way to send those waiting when SMTP is configured."""
    st.subheader(ui.text("console.outbox.heading"))
    settings, problem = _mail_settings()
    if problem is not None:
        st.warning(ui.text("console.outbox.misconfigured", detail=ui.plain(problem)), icon="⚠️")
    elif settings is None:
        st.info(ui.text("console.outbox.off", variable=notify.HOST_VARIABLE), icon="✉️")
    else:
        server = ui.plain(f"{settings.host}:{settings.port}")
        st.caption(ui.text("console.outbox.on", server=server))
        if st.button(
            ui.text("console.outbox.send"), type="primary", icon=":material/send:", key="console_outbox_send"
        ):
            delivery = outbox.deliver(shared_store(), settings)
            if delivery.error is None:
                st.success(ui.plural("console.outbox.sent", delivery.sent), icon="✅")
            else:
                failed = ui.plural("console.outbox.failed", delivery.sent, error=ui.plain(delivery.error))
                st.error(failed, icon="⚠️")
    waiting_only = st.toggle(ui.text("console.outbox.waiting_only"), key="console_outbox_waiting")
    found = outbox.notices(shared_store(), pending_only=waiting_only, limit=OUTBOX_LIMIT)
    if not found:
        st.caption(ui.text("console.outbox.none"))
        return
    waiting = sum(notice.sent_at is None for notice in found)
    st.caption(ui.plural("console.outbox.count", len(found), waiting=waiting))
    for notice in found:
        _notice(notice)


def _notice(notice: outbox.QueuedNotice) -> None:
    if notice.sent_at is not None:
        state = ui.text("console.outbox.sent_at", time=_oslo_time(notice.sent_at))
    elif notice.last_error:
        state = ui.plural("console.outbox.refused", notice.attempts)
    else:
        state = ui.text("console.outbox.waiting")
    label = ui.text(
        "console.outbox.label",
        state=state,
        reference=notice.reference or ui.text("console.outbox.no_reference"),
        subject=ui.plain(notice.subject),
    )
    with st.expander(label):
        kind = _label_or(f"console.outbox.kind.{notice.kind}", ui.plain(notice.kind))
        st.markdown(ui.text("console.outbox.to", recipient=ui.plain(notice.recipient), kind=kind))
        st.markdown(ui.text("console.outbox.queued", time=_oslo_time(notice.created_at)))
        if notice.sent_at is None and notice.last_error:
            st.markdown(ui.text("console.outbox.last_error", error=ui.plain(notice.last_error)))
        st.text(notice.body)
