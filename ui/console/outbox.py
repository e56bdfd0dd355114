"""The console's outbox: the notices, newest first, whether each was sent, a button that sends
those waiting when SMTP is configured, and a retry button on each notice the server refused for good.
"""

from __future__ import annotations

import streamlit as st

import ui
from porting.notify import mail as notify
from porting.requests import outbox
from ui import mail
from ui.console.common import label_or, oslo_time
from ui.wizard.submit import shared_store

OUTBOX_LIMIT = 100  # notices the outbox view shows, newest first


def _mail_settings() -> tuple[notify.MailSettings | None, str | None]:
    """The SMTP settings (``None`` when mail is off) and what is wrong with them, if anything."""
    try:
        return notify.mail_settings(), None
    except notify.NotifyError as error:
        return None, str(error)


def render_outbox() -> None:
    """The notices, newest first; the way to send those waiting when SMTP is configured."""
    st.subheader(ui.text("console.outbox.heading"))
    settings, problem = _mail_settings()
    if problem is not None:
        st.warning(
            ui.text("console.outbox.misconfigured", detail=ui.plain(problem)), icon=":material/warning:"
        )
    elif settings is None:
        st.info(ui.text("console.outbox.off", variable=notify.HOST_VARIABLE), icon=":material/mail:")
    else:
        server = ui.plain(f"{settings.host}:{settings.port}")
        st.caption(ui.text("console.outbox.on", server=server))
        if st.button(
            ui.text("console.outbox.send"), type="primary", icon=":material/send:", key="console_outbox_send"
        ):
            delivery = outbox.deliver(shared_store(), settings)
            if delivery.error is None:
                st.success(ui.plural("console.outbox.sent", delivery.sent), icon=":material/check_circle:")
            elif delivery.refused:
                refused = ui.plural(
                    "console.outbox.mail.refused_some",
                    delivery.sent,
                    refused=str(delivery.refused),
                    error=ui.plain(delivery.error),
                )
                st.warning(refused, icon=":material/warning:")
            else:
                failure = ui.plural("console.outbox.failed", delivery.sent, error=ui.plain(delivery.error))
                st.error(failure, icon=":material/warning:")
    waiting_only = st.toggle(ui.text("console.outbox.waiting_only"), key="console_outbox_waiting")
    found = outbox.notices(shared_store(), pending_only=waiting_only, limit=OUTBOX_LIMIT)
    if not found:
        st.caption(ui.text("console.outbox.none"))
        return
    waiting = sum(notice.sent_at is None for notice in found)
    st.caption(ui.plural("console.outbox.count", len(found), waiting=waiting))
    failed = sum(notice.failed_at is not None and notice.sent_at is None for notice in found)
    if failed:
        st.warning(ui.plural("console.outbox.mail.failed_count", failed), icon=":material/cancel:")
    for notice in found:
        _notice(notice)


def _notice(notice: outbox.QueuedNotice) -> None:
    if notice.sent_at is not None:
        sent = oslo_time(notice.sent_at)
        icon, state = ":material/check_circle:", ui.text("console.outbox.sent_at", time=sent)
    elif notice.failed_at is not None:
        icon, state = ":material/cancel:", ui.text("console.outbox.mail.given_up", attempts=notice.attempts)
    elif notice.last_error:
        icon, state = ":material/warning:", ui.plural("console.outbox.refused", notice.attempts)
    else:
        icon, state = ":material/hourglass_top:", ui.text("console.outbox.waiting")
    label = ui.text(
        "console.outbox.label",
        state=f"{icon} {state}",  # an expander's label draws Material icons
        reference=notice.reference or ui.text("console.outbox.no_reference"),
        subject=ui.plain(notice.subject),
    )
    with st.expander(label):
        kind = label_or(f"console.outbox.kind.{notice.kind}", ui.plain(notice.kind))
        st.markdown(ui.text("console.outbox.to", recipient=ui.plain(notice.recipient), kind=kind))
        st.markdown(ui.text("console.outbox.queued", time=oslo_time(notice.created_at)))
        if notice.sent_at is None and notice.last_error:
            st.markdown(ui.text("console.outbox.last_error", error=ui.plain(notice.last_error)))
        if notice.sent_at is None and notice.failed_at is not None:
            st.caption(ui.text("console.outbox.mail.given_up_detail", attempts=notice.attempts))
            st.button(
                ui.text("console.outbox.mail.retry"),
                on_click=_retry,
                args=(notice.id,),
                icon=":material/replay:",
                key=f"console_outbox_retry_{notice.id}",
            )
        st.text(notice.body)


def _retry(notice_id: int) -> None:
    """A failed notice waits again, and a background sender takes it if mail is on (a callback)."""
    if outbox.retry(shared_store(), notice_id):
        mail.deliver_soon(shared_store())
        st.toast(ui.text("console.outbox.mail.retried"), icon=":material/autorenew:")
