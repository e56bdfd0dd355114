"""Drafts: a request saved before it is submitted, resumed later from its private link.

A draft holds what the customer entered (a JSON object the wizard writes and reads back,
``porting.wizard.state.to_state`` / ``from_state``) and the documents uploaded so far, as bytes.
Its token (192 random bits) is the only way to it. Saving again with the token replaces the
draft, keeping the stored documents that did not change (known by slot, name and SHA-256), so a
save as the customer goes writes only what is new; submitting the request deletes it in the same
transaction (``porting.requests.store.submit``). Drafts not saved again for their own, shorter
retention (``Limits.retention_days``, 14 days) are deleted by ``purge``; how many drafts a visitor
may keep, and all drafts together, is limited too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session, defer, selectinload

from porting import settings
from porting.requests.schema import (
    DraftDocumentRow,
    DraftRow,
    Store,
    new_token,
    retention_cutoff,
    transaction,
)

MAX_STATE_BYTES = 6_000_000  # a pasted list of 100,000 numbers is ~1.5 MB; a file more
MEGABYTE = 1_000_000


_DEFAULTS = settings.Drafts()


@dataclass(frozen=True)
class Limits:
    """What drafts may take: per visitor (by ``schema.client_key``) and all drafts together.

    A visitor's own draft saved again replaces itself, so only its growth counts. The defaults
    keep a hostile visitor from filling the database (a draft holds up to three 10 MB documents)
    while an honest one can keep a few requests: ``PORTING_DRAFTS_PER_CLIENT``,
    ``PORTING_DRAFT_MB_PER_CLIENT``, ``PORTING_DRAFTS_TOTAL_MB`` and ``PORTING_DRAFT_RETENTION_DAYS``.
    """

    per_client: int = _DEFAULTS.per_client
    bytes_per_client: int = _DEFAULTS.mb_per_client * MEGABYTE
    bytes_total: int = _DEFAULTS.total_mb * MEGABYTE
    retention_days: int = _DEFAULTS.retention_days  # drafts not saved again for this long are deleted

    @classmethod
    def from_environment(cls) -> Limits:
        """The limits of ``porting.settings.Drafts``; a mistyped one is logged and its default holds
        (limits must hold even when a setting is mistyped)."""
        found = settings.section_or_defaults(settings.Drafts)
        return cls(
            per_client=found.per_client,
            bytes_per_client=found.mb_per_client * MEGABYTE,
            bytes_total=found.total_mb * MEGABYTE,
            retention_days=found.retention_days,
        )


@dataclass(frozen=True)
class DraftDocument:
    """A document of a draft: bytes to check again when the draft is resumed.

    ``sha256`` is the hex digest of ``data``: worked out when not given, and given by a caller that
    keeps it (the wizard saves as the customer goes and need not hash the same bytes each time).
    """

    slot: str
    name: str
    data: bytes = field(repr=False)
    sha256: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())


@dataclass(frozen=True)
class Draft:
    token: str = field(repr=False)
    language: str
    created_at: datetime
    updated_at: datetime
    state: Mapping[str, Any] = field(repr=False)
    documents: tuple[DraftDocument, ...]


class DraftError(Exception):
    """The draft cannot be saved: a catalogue key, its parameters and a message in English."""

    def __init__(self, code: str, message: str, /, **params: str) -> None:
        super().__init__(f"{message} ({code})")
        self.code = code
        self.params: dict[str, str] = params


def save(
    store: Store,
    *,
    token: str | None,
    language: str,
    state: Mapping[str, Any],
    documents: Sequence[DraftDocument],
    client: str | None = None,
    limits: Limits | None = None,
) -> str:
    """Save the draft with ``token`` (a new one when ``None`` or unknown); its token.

    An unknown token gets a new draft with a new token rather than one the caller chose.
    ``client`` (``schema.client_key``) is who saves it, for ``limits`` (default: the settings).
    """
    encoded = json.dumps(state, ensure_ascii=False, sort_keys=True)
    if len(encoded.encode()) > MAX_STATE_BYTES:
        raise DraftError("drafts.too_large", "the draft is too large to save")
    size = len(encoded.encode()) + sum(len(document.data) for document in documents)
    with transaction(store, write=True) as session:
        if session.get_bind().dialect.name == "postgresql":
            # One save checks the limits at a time (SQLite's BEGIN IMMEDIATE already does).
            session.execute(text("SELECT pg_advisory_xact_lock(4748)"))
        now = store.clock()
        row = _row(session, token, with_data=False) if token else None
        _check_limits(session, row, client, size, limits or Limits.from_environment())
        if row is None:
            row = DraftRow(token=new_token(), created_at=now, client=client)
            session.add(row)
        row.updated_at, row.language, row.state_json, row.size = now, language, encoded, size
        row.documents = _documents(row.documents, documents)
        session.flush()
        return row.token


def _documents(
    stored: Sequence[DraftDocumentRow], documents: Sequence[DraftDocument]
) -> list[DraftDocumentRow]:
    """The rows a draft keeps for ``documents``: a stored row that holds the same document stays as
    it is (its bytes are neither read nor written again), the others are new; the rest are deleted."""
    unchanged: dict[tuple[str, str, str], DraftDocumentRow] = {
        (row.slot, row.name, row.sha256): row for row in stored
    }
    kept = []
    for d in documents:
        row = unchanged.pop((d.slot, d.name, d.sha256), None)
        kept.append(row or DraftDocumentRow(slot=d.slot, name=d.name, sha256=d.sha256, data=d.data))
    return kept


def _check_limits(
    session: Session, row: DraftRow | None, client: str | None, size: int, limits: Limits
) -> None:
    """Refuse a save that would take a visitor, or all drafts, past ``limits``."""
    replaced = (row.size or 0) if row is not None else 0
    total = session.scalar(select(func.coalesce(func.sum(DraftRow.size), 0))) or 0
    if total - replaced + size > limits.bytes_total:
        raise DraftError("drafts.full", "drafts are full: no more can be kept just now")
    if client is None:
        return
    held_by = select(func.count(DraftRow.id), func.coalesce(func.sum(DraftRow.size), 0))
    drafts, held_or_none = session.execute(held_by.where(DraftRow.client == client)).one()
    held = held_or_none or 0  # coalesced to 0 already: this only tells the type checker
    if row is None and drafts >= limits.per_client:
        raise DraftError(
            "drafts.too_many", "this visitor keeps as many drafts as allowed",
            limit=str(limits.per_client), days=str(limits.retention_days),
        )  # fmt: skip
    if row is not None and row.client != client:
        replaced = 0  # another visitor's draft, opened from its link: its size is not this visitor's
    if held - replaced + size > limits.bytes_per_client:
        raise DraftError(
            "drafts.client_full", "this visitor's drafts hold as much as allowed",
            limit=str(limits.bytes_per_client // MEGABYTE), days=str(limits.retention_days),
        )  # fmt: skip


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


def _row(session: Session, token: str, *, with_data: bool = True) -> DraftRow | None:
    """The draft ``token`` with its documents; without their bytes unless ``with_data``."""
    documents = selectinload(DraftRow.documents)
    if not with_data:
        documents = documents.options(defer(DraftDocumentRow.data))
    query = select(DraftRow).where(DraftRow.token == token).options(documents)
    return session.scalars(query).one_or_none()
