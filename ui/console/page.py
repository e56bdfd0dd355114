"""The porting team's console: sign in, the queue of submitted requests, one request in full,
status changes and number-by-number decisions with the audit trail, and the outbox of notices.

The console is off unless a password is configured: ``porting_console_password`` in the Streamlit
secrets, else the ``PORTING_CONSOLE_PASSWORD`` environment variable, of at least 16 characters (a
shorter one keeps it off). Wrong passwords are counted in the database per client and in total,
with growing waits and lockouts (``ui.console.signin``, ``porting.team.signin``). Everything the team
reads comes from the catalogue (``console.…``); what customers typed is escaped (``ui.plain``) or
shown in tables.

This module is the entry point (``render_console``): the switch, the queue, one request's heading
and its status change. One request's tabs are in ``ui.console.tabs``, the numbers tab with its
decisions in ``ui.console.numbers``, the outbox in ``ui.console.outbox``, and what they share in
``ui.console.common``; the dashboard's charts in ``ui.console.dashboard``.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

import streamlit as st

import ui
from porting import settings
from porting.calendar import OSLO
from porting.i18n import format_integer
from porting.numbers.to_port import not_to_port_text, numbers_to_port
from porting.requests import lifecycle, messages, queue, records, store
from porting.requests.archive import export_archive
from porting.requests.search import MAX_SEARCH_CHARACTERS
from porting.team import audit
from porting.team.members import Member
from ui import mail
from ui.console.common import (
    FLASH,
    STATUS_ICONS as STATUS_ICONS,  # re-exported, as are KEEP and SPLIT
    chosen_row,
    format_day,
    oslo_time,
    reason_issue,
    rejection_reasons,
    status_label,
    status_marked,
    table,
)
from ui.console.dashboard import render_dashboard
from ui.console.identity import current_actor, current_member, provider_configured, provider_member, sign_out
from ui.console.numbers import KEEP as KEEP, SPLIT as SPLIT
from ui.console.outbox import render_outbox
from ui.console.signin import SIGNED_IN as SIGNED_IN, render_sign_in
from ui.console.tabs import render_tabs
from ui.messages import render_thread
from ui.paging import PAGE_ROWS, page_of
from ui.wizard.submit import shared_store

_log = logging.getLogger(__name__)

SECRET_NAME = "porting_console_password"
PASSWORD_VARIABLE = "PORTING_CONSOLE_PASSWORD"
MIN_PASSWORD_LENGTH = 16  # shorter ones fall to a patient guesser even behind the lockouts
ALL = "all"  # the status filter's choice for every status
REQUESTS, DASHBOARD, OUTBOX = "requests", "dashboard", "outbox"  # the console's views
TEAM_ACTIVITY_SHOWN = 100  # the latest sign-ins and exports an admin sees under the outbox


# --- Signing in ------------------------------------------------------------------------------


def configured_password() -> str | None:
    """The console's password: the Streamlit secret, else the environment; ``None`` when neither is set."""
    try:
        secret = st.secrets[SECRET_NAME]
    except (KeyError, FileNotFoundError):  # no such secret, or no secrets file at all
        secret = None
    if isinstance(secret, str) and secret:
        return secret
    password = settings.section(settings.Console).password  # PORTING_CONSOLE_PASSWORD
    return password.get_secret_value() if password is not None else None


def render_console() -> None:
    """The whole console: disabled without a password, the sign-in, then the queue and one request."""
    _remember_linked_request()
    if provider_configured():
        member = provider_member()
        if member is None:
            return
        _signed_in(member)
        return
    password = configured_password()
    if password is None:
        st.info(ui.text("console.disabled"), icon=":material/lock:")
        return
    if len(password) < MIN_PASSWORD_LENGTH:
        _log.warning("console: switched off, its password is shorter than %d characters", MIN_PASSWORD_LENGTH)
        st.info(ui.text("console.signin.too_short", minimum=MIN_PASSWORD_LENGTH), icon=":material/lock:")
        return
    member = current_member()
    if not st.session_state.get(SIGNED_IN) or member is None:
        st.session_state[SIGNED_IN] = False
        render_sign_in(password)
        return
    _signed_in(member)


def _signed_in(member: Member) -> None:
    """The console for a member: who is signed in, the sign-out, then the dashboard, the queue or
    the outbox."""
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(ui.text(f"console.identity.signed_in_{member.role}", name=ui.plain(member.actor)))
    with right:
        sign_out(member)
    _open_linked_request()
    # A switch rather than tabs: only the chosen view runs its queries.
    view = st.segmented_control(
        ui.text("console.view"),
        options=(DASHBOARD, REQUESTS, OUTBOX),
        default=DASHBOARD,  # the console opens on the dashboard; a notice's link opens its request
        required=True,
        format_func=lambda value: ui.text(f"console.view_{value}"),
        label_visibility="collapsed",
        key="console_view",
    )
    if view == OUTBOX:
        render_outbox()
        if member.may_export:
            _team_activity()
        return
    if view == DASHBOARD:
        render_dashboard()
        return
    chosen = _queue()
    if chosen is not None:
        _detail(chosen)


# --- The queue -------------------------------------------------------------------------------


def _queue() -> records.StoredRequest | None:
    """The filters, one page of the requests they find (the database filters, searches and pages:
    ``porting.requests.queue``), and the request chosen, by a click on its row or by reference."""
    left, middle, right = st.columns([1, 1, 2])
    status = left.selectbox(
        ui.text("console.queue.status"),
        options=(ALL, *lifecycle.STATUSES),
        format_func=lambda value: ui.text("console.queue.all") if value == ALL else status_label(value),
        key="console_status",
    )
    order = middle.selectbox(
        ui.text("console.queue.order"),
        options=queue.ORDERS,
        format_func=lambda value: ui.text(f"console.queue.order_{value}"),
        key="console_order",
    )
    search = right.text_input(
        ui.text("console.queue.search"),
        placeholder=ui.text("console.queue.search_placeholder"),
        max_chars=MAX_SEARCH_CHARACTERS,
        key="console_search",
    )
    filters = {"status": None if status == ALL else status, "search": search, "order": order}
    if st.session_state.get(_FILTERS) != filters:  # other filters: from their first page
        st.session_state[_FILTERS], st.session_state[PAGE_KEY] = filters, 1
    try:
        page = _page(filters)
    except store.StoreError as error:  # a search longer than the box takes, sent some other way
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return None
    if not page.total:
        st.info(ui.text("console.queue.none"), icon=":material/inbox:")
        return None
    st.caption(ui.plural(f"console.queue.count_{order}", page.total))
    page_of(page.total, PAGE_KEY)  # the page selector and which rows these are, for a long queue
    found = page.requests
    rows = [
        {
            "reference": request.reference,
            "status": status_label(request.status),
            "created": request.created_at.astimezone(OSLO).date(),
            "company": request.details.company_name if request.details else "",
            "to_port": (counted := numbers_to_port(request.numbers)).to_port,  # only the portable ones
            "not_to_port": len(counted.not_to_port),
        }
        for request in found
    ]
    references = [request.reference for request in found]
    clicked = chosen_row(rows, ("reference", "status", "created", "company", "to_port", "not_to_port"))
    if clicked is not None:
        st.session_state["console_reference"] = references[clicked]
    by_reference = {request.reference: request for request in found}
    reference = st.selectbox(
        ui.text("console.queue.choose"),
        options=references,
        index=None,
        placeholder=ui.text("console.queue.choose_placeholder"),
        key="console_reference",
    )
    return None if reference is None else by_reference.get(reference)


PAGE_KEY = "console_page"  # the queue's page selector (ui.paging)
_FILTERS = "console_queue_filters"  # the filters the page selector counts from


def _page(filters: dict[str, str | None]) -> queue.QueuePage:
    """The page of the queue the selector names; the last one when the queue is shorter now."""

    def read(number: int) -> queue.QueuePage:
        return queue.queue_page(
            shared_store(),
            status=filters["status"],
            search=filters["search"],
            order=filters["order"] or queue.NEWEST,
            offset=(number - 1) * PAGE_ROWS,
            limit=PAGE_ROWS,
        )

    page = read(max(1, int(st.session_state.get(PAGE_KEY, 1))))
    if page.requests or not page.total:
        return page
    last = -(-page.total // PAGE_ROWS)
    st.session_state[PAGE_KEY] = last
    return read(last)


# --- One request -----------------------------------------------------------------------------


def _detail(request: records.StoredRequest) -> None:
    st.divider()
    flash = st.session_state.pop(FLASH, None)
    if flash is not None:
        st.success(flash, icon=":material/check_circle:")
    st.subheader(ui.text("console.detail.heading", reference=request.reference))
    st.markdown(ui.text("console.detail.status", status=status_marked(request.status)))
    if request.porting_date is not None:
        st.markdown(ui.text("console.detail.porting_date", day=format_day(request.porting_date.isoformat())))
    _numbers_to_port(request)
    if request.rejection_reason is not None:
        st.markdown(ui.text("console.detail.rejection", issue=reason_issue(request.rejection_reason)))
    if request.note:
        st.markdown(ui.text("console.detail.note", note=ui.plain(request.note)))
    _relations(request)
    render_tabs(request)
    render_thread(request, sender=messages.FROM_TEAM, actor=current_actor())
    _change_status(request)
    member = current_member()
    if member is None or not member.may_export:
        st.caption(ui.text("console.identity.export_admins_only"))
        return
    st.download_button(
        ui.text("console.detail.export"),
        data=lambda: _exported(request, member),
        file_name=f"{request.reference}.zip",
        mime="application/zip",
        help=ui.text("console.detail.export_help"),
        icon=":material/folder_zip:",
        on_click="ignore",
        key=f"console_export_{request.id}",
    )


def _team_activity() -> None:
    """For admins: the team's latest sign-ins, refused sign-ins and exports, newest first."""
    with st.expander(ui.text("console.audit.heading")):
        rows = [
            {
                "time": oslo_time(event.at),
                "actor": event.actor,
                "note": ui.text(f"console.audit.{event.action}"),
                "reference": event.reference or "",
            }
            for event in audit.recent(shared_store(), TEAM_ACTIVITY_SHOWN)
        ]
        table(rows, ("time", "actor", "note", "reference"), plain=True)


def _exported(request: records.StoredRequest, member: Member) -> bytes:
    """The request's archive, made when the member downloads it; the audit trail records who."""
    archive = export_archive(shared_store(), request).data
    audit.record(shared_store(), member.actor, audit.EXPORT, datetime.now(UTC), reference=request.reference)
    return archive


def _numbers_to_port(request: records.StoredRequest) -> None:
    """How many numbers are ported, and the others with why (none are left once anonymous)."""
    if request.anonymised_at is not None:
        return
    counted = numbers_to_port(request.numbers)
    language = ui.request().language
    st.markdown(ui.text("journey_console.detail.to_port", count=format_integer(counted.to_port, language)))
    if counted.not_to_port:
        st.markdown(not_to_port_text(counted.not_to_port, language, clean=ui.plain))


LINK_PARAMETER = "ref"  # /team?ref=NO-2026-000123: the link in the team's notices (notify.console_url)
_LINKED = "console_linked_reference"


def _remember_linked_request() -> None:
    """Keep the reference a notice's link names until the team has signed in: the address itself
    is rewritten after the first run (``ui.wizard.share.update_link``)."""
    reference = st.query_params.get(LINK_PARAMETER, "").strip()[:64]
    if reference:
        st.session_state[_LINKED] = reference
        del st.query_params[LINK_PARAMETER]


def _open_linked_request() -> None:
    """The request a notice's link names, opened once after sign-in; the link is then spent, so
    the team's own choices afterwards are not overridden."""
    reference = st.session_state.pop(_LINKED, None)
    if not reference:
        return
    if store.by_reference(shared_store(), reference) is None:
        st.warning(ui.text("console.link.unknown", reference=ui.plain(reference)), icon=":material/link:")
        return
    st.session_state["console_view"] = REQUESTS
    _open(reference)


def _open(reference: str) -> None:
    """Show the request ``reference``: the queue filtered to it, and it chosen (a button's callback)."""
    st.session_state.update(
        console_status=ALL, console_search=reference, console_reference=reference, **{PAGE_KEY: 1}
    )


def _open_buttons(request: records.StoredRequest, references: list[str]) -> None:
    row = st.container(horizontal=True)
    for reference in references:
        row.button(
            ui.text("console.detail.open", reference=reference),
            on_click=_open,
            args=(reference,),
            icon=":material/open_in_new:",
            key=f"console_open_{request.id}_{reference}",
        )


def _relations(request: records.StoredRequest) -> None:
    """Where this request's numbers came from, the requests numbers of it were moved to, and those
    sent together with it to the customer's other current providers."""
    moved = [found.reference for found in store.split_requests(shared_store(), request)]
    if request.split_from is not None:
        st.markdown(ui.text("console.detail.split_from", reference=request.split_from))
    if moved:
        st.markdown(ui.text("console.detail.split_to", references=", ".join(moved)))
    if request.siblings:  # sent with it, one request per current provider
        st.markdown(ui.text("journey_providers.console.siblings", references=", ".join(request.siblings)))
    related = ([request.split_from] if request.split_from else []) + moved + list(request.siblings)
    if related:
        _open_buttons(request, related)


# --- Changing the status ---------------------------------------------------------------------


def _change_status(request: records.StoredRequest) -> None:
    st.subheader(ui.text("console.change.heading"))
    options = sorted(lifecycle.allowed_transitions[request.status], key=lifecycle.STATUSES.index)
    if not options:
        st.caption(ui.text("console.change.final", status=status_marked(request.status)))
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
    if new_status == lifecycle.ACCEPTED:
        porting_date = st.date_input(
            ui.text("console.change.porting_date"),
            value=None,
            help=ui.text("console.change.porting_date_help"),
            key=f"{prefix}_date",
        )
    if new_status == lifecycle.REJECTED:
        reasons = rejection_reasons()
        reason = st.selectbox(
            ui.text("console.change.reason"),
            options=list(reasons),
            index=None,
            format_func=reasons.__getitem__,
            placeholder=ui.text("console.change.reason_placeholder"),
            key=f"{prefix}_reason",
        )
    warnings = _day_warnings(request, new_status, porting_date)
    confirmed = _confirmation(warnings, f"{prefix}_confirm_{porting_date}")  # a new day asks again
    note = st.text_area(ui.text("console.change.note"), key=f"{prefix}_note")
    if not st.button(
        ui.text("console.change.button"), type="primary", disabled=new_status is None, key=f"{prefix}_button"
    ):
        return
    if new_status is None:
        return
    if new_status == lifecycle.REJECTED and reason is None:
        st.error(ui.text("console.change.reason_required"), icon=":material/warning:")
        return
    if warnings and not confirmed:
        st.error(ui.text("journey_console.confirm_first"), icon=":material/warning:")
        return
    try:
        changed = store.change_status(
            shared_store(),
            request,
            new_status,
            actor=current_actor(),
            note=note.strip(),
            porting_date=porting_date,
            reason=reason,
            confirmed=confirmed,
        )
    except lifecycle.UnconfirmedChange as error:  # the request or the day changed since the page was drawn
        texts = [lifecycle.warning_text(warning, ui.request().language) for warning in error.warnings]
        st.error("\n\n".join([ui.text(error.code), *texts]), icon=":material/warning:")
        return
    except store.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return
    mail.deliver_soon(shared_store())
    st.session_state[FLASH] = ui.text(
        "console.change.done", reference=changed.reference, status=status_marked(changed.status)
    )
    st.rerun()


def _day_warnings(
    request: records.StoredRequest, new_status: str | None, porting_date: date | None
) -> tuple[lifecycle.DayWarning, ...]:
    """What the team confirms about the change's days, as the store will check it."""
    if new_status is None:
        return ()
    return store.change_warnings(shared_store(), request, new_status, porting_date)


def _confirmation(warnings: tuple[lifecycle.DayWarning, ...], key: str) -> bool:
    """The warnings, each naming its days, and the box that confirms them; whether it is ticked."""
    if not warnings:
        return False
    for warning in warnings:
        st.warning(lifecycle.warning_text(warning, ui.request().language), icon=":material/event:")
    return st.checkbox(
        ui.text("journey_console.confirm"), help=ui.text("journey_console.confirm_help"), key=key
    )
