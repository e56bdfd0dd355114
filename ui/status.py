"""What the customer sees of a submitted request: the guide's steps, dates, and who acts next."""

from __future__ import annotations

import streamlit as st

import ui
from porting import store
from porting.i18n import format_date
from porting.rules import rules
from ui.submit import shared_store

# The guide's eight steps (rules().process_steps), by the status a request is in: the step it
# is at now (1-based). Step 8 is where a rejected request is.
_CURRENT_STEP = {
    store.RECEIVED: 2,
    store.UNDER_REVIEW: 2,
    store.WAITING_FOR_DOCUMENTS: 4,
    store.SUBMITTED_TO_CARRIER: 6,
    store.ACCEPTED: 7,
    store.REJECTED: 8,
    store.PORTED: 9,  # past the last step: done
    store.CANCELLED: 0,
}


def render_status(token: str) -> None:
    found = store.by_token(shared_store(), token) if token else None
    if found is None:
        # Nothing about any request: a wrong, old or missing link shows only this.
        st.info(ui.text("request_status.not_found"), icon="🔒")
        return
    language = ui.request().language
    st.subheader(ui.text("request_status.reference", reference=found.reference))
    name, meaning = (ui.text(f"request_status.{part}.{found.status}") for part in ("name", "meaning"))
    st.markdown(f"**{name}** · {meaning}")
    if found.porting_date is not None:
        st.success(
            ui.text("request_status.porting_date", day=format_date(found.porting_date, language)), icon="📅"
        )
    if found.rejection_reason is not None:
        reason = next(item for item in rules().rejection_reasons if item.key == found.rejection_reason)
        texts = reason.texts[language]
        st.error(
            ui.text(
                "request_status.rejected",
                issue=texts["issue"],
                explanation=texts["explanation"],
                fix=texts["fix"],
            )
        )
    current = _CURRENT_STEP.get(found.status, 0)
    for number, step in enumerate(rules().process_steps, start=1):
        mark = "✅" if number < current else ("👉" if number == current else "◻️")
        actor = ui.text(f"quote.actor.{step.actor}")
        st.markdown(f"{mark} {number}. **{actor}**: {step.texts[language]}")
    st.subheader(ui.text("request_status.history"))
    for event in store.events(shared_store(), found):
        day = format_date(event.at.date(), language, "medium")
        st.caption(f"{day} · {ui.text(f'request_status.name.{event.status}')}")
