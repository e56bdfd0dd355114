"""The console's numbers tab: each number with its type, portability, decision and, for a mobile
number, whether the customer wants it as a Virtual Caller ID; and the form that accepts or rejects
chosen numbers, keeping rejected ones in the request or moving them to a new one.
"""

from __future__ import annotations

import streamlit as st

import ui
from porting.numbers.caller_id import listing
from porting.requests import lifecycle, records, store
from porting.requests.decisions import decide_numbers
from porting.requests.model import caller_id_numbers
from ui import mail
from ui.console.common import FLASH, label_or, reason_issue, rejection_reasons, status_label, table
from ui.console.identity import current_actor
from ui.wizard.submit import shared_store

KEEP, SPLIT = "keep", "split"  # where rejected numbers go: stay in the request, or a new one


def render_numbers(request: records.StoredRequest) -> None:
    """The numbers with their decisions so far, then the form that decides on chosen ones."""
    if not request.numbers:
        st.caption(ui.text("console.detail.no_numbers"))
        return
    rows = [
        {
            "display": number.display,
            "type": label_or(f"type.{number.type}", number.type),
            "portable": number.portable,
            "decision": _decision_label(number.decision),
            "reason": reason_issue(number.reason) if number.reason else "",
            "virtual_caller_id": _caller_id_label(number.virtual_caller_id),
        }
        for number in request.numbers
    ]
    columns = ("display", "type", "portable", "decision", "reason")
    asked = any(number.virtual_caller_id is not None for number in request.numbers)
    table(rows, (*columns, "virtual_caller_id") if asked else columns)  # asked only of mobile numbers
    if asked:
        _caller_ids(request)
    _decide(request)


def _caller_id_label(wanted: bool | None) -> str:
    if wanted is None:
        return ""
    return ui.text("vcid.console.yes" if wanted else "vcid.console.no")


def _caller_ids(request: records.StoredRequest) -> None:
    """Which mobile numbers want a Virtual Caller ID, the first of them listed (the table has all)."""
    wanted = caller_id_numbers(request.numbers)
    if not wanted:
        st.caption(ui.text("vcid.console.none"))
        return
    listed = listing(wanted, ui.request().language)
    st.info(
        ui.plural("vcid.console.numbers", len(wanted), numbers=ui.plain(listed)), icon=":material/smartphone:"
    )


def _decision_label(decision: str | None) -> str:
    if decision is None:
        return ui.text("console.decision.none")
    return ui.text(f"console.decision.{decision}")  # in a table: a word, as icons show only in text


def _decide(request: records.StoredRequest) -> None:
    """Accept or reject chosen numbers; rejected ones stay here or move to a request of their own."""
    st.subheader(ui.text("console.decide.heading"))
    if request.status in lifecycle.CLOSED:
        st.caption(ui.text("console.decide.closed", status=status_label(request.status)))
        return
    prefix = f"console_decide_{request.id}"
    shown = {n.e164: n.display for n in request.numbers if n.e164}
    chosen = st.multiselect(
        ui.text("console.decide.numbers"),
        options=list(shown),
        format_func=shown.__getitem__,
        placeholder=ui.text("console.decide.numbers_placeholder"),
        key=f"{prefix}_numbers",
    )
    reasons = rejection_reasons()
    decision = st.selectbox(
        ui.text("console.decide.decision"),
        options=(lifecycle.ACCEPTED_NUMBER, *reasons),
        index=None,
        format_func=lambda value: (
            ui.text("console.decide.accept")
            if value == lifecycle.ACCEPTED_NUMBER
            else ui.text("console.decide.reject", issue=reasons[value])
        ),
        placeholder=ui.text("console.decide.decision_placeholder"),
        key=f"{prefix}_decision",
    )
    where = KEEP
    if decision not in (None, lifecycle.ACCEPTED_NUMBER):
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
    request: records.StoredRequest, decisions: dict[str, str], *, split: bool, note: str
) -> None:
    try:
        kept, moved = decide_numbers(
            shared_store(), request, decisions, actor=current_actor(), note=note, split=split
        )
    except store.StoreError as error:
        st.error(ui.text(error.code, **dict(error.params)), icon=":material/warning:")
        return
    mail.deliver_soon(shared_store())
    done = [ui.plural("console.decide.done", len(decisions), reference=kept.reference)]
    if moved is not None:
        done.append(ui.plural("console.decide.moved", len(moved.numbers), reference=moved.reference))
    st.session_state[FLASH] = " ".join(done)
    prefix = f"console_decide_{request.id}"
    for widget in ("numbers", "decision", "where", "note"):  # the next decision starts afresh
        st.session_state.pop(f"{prefix}_{widget}", None)
    st.rerun()
