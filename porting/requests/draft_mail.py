"""Mailing a draft's private link: queued in the outbox, at most one mail per draft a while.

The wizard offers to e-mail the link of the draft it saves as the customer goes
(``porting.requests.drafts``). The notice (``porting.notify.draft_link``) is written to the outbox
like every other and sent from there; as anyone may type any address, a draft gets one such mail
per ``MAIL_PAUSE``, and the address is never logged.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import func, select

from porting.notify import draft_link
from porting.requests.drafts import DraftError, Limits
from porting.requests.schema import DraftRow, OutboxRow, Store, transaction

_log = logging.getLogger(__name__)

MAIL_PAUSE = timedelta(minutes=5)  # between two mails of one draft's link


def mail_link(
    store: Store, token: str, *, recipient: str, language: str, limits: Limits | None = None
) -> None:
    """Queue the mail of draft ``token``'s link to ``recipient``, in ``language``.

    Raises ``DraftError`` when the draft is gone (``journey_drafts.mail_gone``), when its link was
    mailed less than ``MAIL_PAUSE`` ago (``journey_drafts.mail_wait``), and ``ValueError`` when the
    address is not one a notice can go to (the caller checks it first, with its reason).
    """
    url = draft_link.draft_url(token, store.mailing.public_url)
    days = (limits or Limits.from_environment()).retention_days
    notice = draft_link.compose(recipient=recipient, language=language, draft_url=url, days=days)
    with transaction(store, write=True) as session:
        if session.scalar(select(DraftRow.id).where(DraftRow.token == token)) is None:
            raise DraftError("journey_drafts.mail_gone", "the draft to mail the link of is gone")
        now = store.clock()
        recent = select(func.count(OutboxRow.id)).where(
            OutboxRow.kind == draft_link.KIND,
            OutboxRow.created_at > now - MAIL_PAUSE,
            OutboxRow.body.contains(url, autoescape=True),  # the token holds "_", a LIKE wildcard
        )
        if session.scalar(recent):
            minutes = str(int(MAIL_PAUSE.total_seconds() // 60))
            raise DraftError("journey_drafts.mail_wait", "the link was mailed just now", minutes=minutes)
        row = OutboxRow(
            request_id=None, kind=notice.kind, recipient=notice.recipient, language=notice.language,
            subject=notice.subject, body=notice.body, created_at=now, attempts=0, last_error="",
        )  # fmt: skip
        session.add(row)
    _log.info("the link of a draft is queued to be mailed")
