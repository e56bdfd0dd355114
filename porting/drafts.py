"""Drafts: a request saved before it is submitted, resumed later from its private link.

A draft holds what the customer entered (a JSON object the wizard writes and reads back,
``porting.request.to_state`` / ``from_state``) and the documents uploaded so far, as bytes.
Its token (192 random bits) is the only way to it. Saving again with the token replaces the
draft; submitting the request deletes it in the same transaction (``porting.store.submit``).
Drafts untouched for the retention period are deleted by ``purge``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from porting.schema import DraftDocumentRow, DraftRow, Store, new_token, retention_cutoff, transaction

MAX_STATE_BYTES = 6_000_000  # a pasted list of 100,000 numbers is ~1.5 MB; a file more


@dataclass(frozen=True)
class DraftDocument:
    """A document of a draft: bytes to check again when the draft is resumed."""

    slot: str
    name: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Draft:
    token: str = field(repr=False)
    language: str
    created_at: datetime
    updated_at: datetime
    state: Mapping[str, Any] = field(repr=False)
    documents: tuple[DraftDocument, ...]


class DraftError(Exception):
    """The draft cannot be saved: a catalogue key and a message in English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{message} ({code})")
        self.code = code


def save(
    store: Store,
    *,
    token: str | None,
    language: str,
    state: Mapping[str, Any],
    documents: Sequence[DraftDocument],
) -> str:
    """Save the draft with ``token`` (a new one when ``None`` or unknown); its token.

    An unknown token gets a new draft with a new token rather than one the caller chose.
    """
    encoded = json.dumps(state, ensure_ascii=False, sort_keys=True)
    if len(encoded.encode()) > MAX_STATE_BYTES:
        raise DraftError("drafts.too_large", "the draft is too large to save")
    with transaction(store, write=True) as session:
        now = store.clock()
        row = _row(session, token) if token else None
        if row is None:
            row = DraftRow(token=new_token(), created_at=now)
            session.add(row)
        row.updated_at, row.language, row.state_json = now, language, encoded
        row.documents = [
            DraftDocumentRow(slot=d.slot, name=d.name, sha256=hashlib.sha256(d.data).hexdigest(), data=d.data)
            for d in documents
        ]
        session.flush()
        return row.token


def load(store: Store, token: str) -> Draft | None:
    """The draft ``token`` opens, or ``None`` (a wrong, deleted or submitted draft)."""
    if not token:
        return None
    with transaction(store, write=False) as session:
        row = _row(session, token)
        if row is None:
            return None
        return Draft(
            token=row.token,
            language=row.language,
            created_at=row.created_at,
            updated_at=row.updated_at,
            state=json.loads(row.state_json),
            documents=tuple(DraftDocument(d.slot, d.name, bytes(d.data)) for d in row.documents),
        )


def discard(session: Session, token: str) -> None:
    """Delete the draft ``token`` in the caller's transaction (it was submitted)."""
    found = session.scalar(select(DraftRow.id).where(DraftRow.token == token))
    if found is not None:
        session.execute(delete(DraftDocumentRow).where(DraftDocumentRow.draft_id == found))
        session.execute(delete(DraftRow).where(DraftRow.id == found))


def purge(store: Store, *, retention_days: int, today: date) -> int:
    """Delete drafts not saved for ``retention_days`` days; how many."""
    cutoff = retention_cutoff(today, retention_days)
    with transaction(store, write=True) as session:
        old = session.scalars(select(DraftRow.id).where(DraftRow.updated_at < cutoff)).all()
        if old:
            session.execute(delete(DraftDocumentRow).where(DraftDocumentRow.draft_id.in_(old)))
            session.execute(delete(DraftRow).where(DraftRow.id.in_(old)))
        return len(old)


def _row(session: Session, token: str) -> DraftRow | None:
    query = select(DraftRow).where(DraftRow.token == token).options(selectinload(DraftRow.documents))
    return session.scalars(query).one_or_none()
