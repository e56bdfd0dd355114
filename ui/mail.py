"""Sending the outbox from the app: after a change that wrote notices, in the background.

The page never waits for the mail server: a change is stored with its notices (``porting.requests.outbox``)
and a thread sends what is waiting. Without SMTP settings nothing is sent; the console shows
the outbox instead. One sender runs at a time per server process; ``outbox.deliver`` keeps
senders of several processes from sending a notice twice.
"""

from __future__ import annotations

import logging
import threading

from porting.notify import mail as notify
from porting.requests import outbox
from porting.requests.schema import Store

_log = logging.getLogger(__name__)
_sending = threading.Lock()


def settings() -> notify.MailSettings | None:
    """The SMTP settings, or ``None`` when mail is off or its settings are wrong (logged)."""
    try:
        return notify.mail_settings()
    except notify.NotifyError as error:
        _log.error("mail is off: %s", error)
        return None


def deliver_soon(store: Store) -> threading.Thread | None:
    """Send the waiting notices in a background thread; the thread, or ``None`` when mail is off."""
    found = settings()
    if found is None:
        return None
    thread = threading.Thread(target=_deliver, args=(store, found), name="outbox", daemon=True)
    thread.start()
    return thread


def _deliver(store: Store, found: notify.MailSettings) -> None:
    if not _sending.acquire(blocking=False):
        return  # a sender is running; it goes on until the outbox is empty
    try:
        outbox.deliver(store, found)
    except Exception:  # a database hiccup must not kill the server; the notices stay queued
        _log.exception("the outbox could not be sent")
    finally:
        _sending.release()
