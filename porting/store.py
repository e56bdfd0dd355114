"""Submitted porting requests, kept in a database: the team's work list and the customer's receipt.

A request moves through the statuses of the guide's porting process (``rules().process_steps``):
``received`` when the customer submits; ``under_review`` and ``waiting_for_documents`` while we
check it; ``submitted_to_carrier`` once we send it on; then ``accepted`` with a confirmed porting
day (a business day, ``porting.calendar``), or ``rejected`` with one of the guide's rejection
reasons (``rules().rejection_reasons``), and finally ``ported``. The customer may cancel until the
carrier has the request. ``allowed_transitions`` is the whole of that process; every change is
an event in the request's audit trail.

The customer finds a request by its token (192 random bits), never by its reference: references
(``NO-2026-000123``) are counted and so guessable, and are for the team. Everything leaves this
module as frozen dataclasses. Nothing here logs document bytes or company details.

The database is ``DATABASE_URL`` (PostgreSQL in production), else a SQLite file in the data
directory (``PORTING_DATA_DIR``, by default ``data/`` in the repository).

>>> store = open_store("sqlite://", clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
>>> sent = submit(store, idempotency_key="tab-1", language="nb", details={"company_name": "Fjordlinje AS"},
...               numbers=[], quote={}, timeline={}, preflight=[], documents=[])
>>> sent.reference
'NO-2026-000001'
>>> request = by_token(store, sent.token)
>>> request.status, by_token(store, sent.reference)
('received', None)
>>> change_status(store, request, "under_review", actor="Kari (porting team)").status
'under_review'
>>> sorted(allowed_transitions["submitted_to_carrier"])
['accepted', 'rejected']
>>> change_status(store, request, "ported", actor="Kari")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
porting.store.StoreError: ... (store.status.not_allowed)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    DateTime,
    Dialect,
    Engine,
    ForeignKey,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    deferred,
    mapped_column,
    relationship,
    selectinload,
    sessionmaker,
    undefer,
)
from sqlalchemy.sql.elements import ColumnElement

from porting.calendar import is_business_day
from porting.documents import UploadedDocument
from porting.rules import rules

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
DATABASE_URL_VARIABLE = "DATABASE_URL"
DATA_DIR_VARIABLE = "PORTING_DATA_DIR"
DATABASE_FILE = "porting.db"
TOKEN_BYTES = 24  # 192 bits: a token cannot be guessed, so it alone opens a request
SQLITE_BUSY_TIMEOUT_MS = 30_000  # writers queue behind each other; one submission takes milliseconds
_REPO_ROOT = Path(__file__).resolve().parent.parent
_WRITE = "porting_store_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)

RECEIVED = "received"
UNDER_REVIEW = "under_review"
WAITING_FOR_DOCUMENTS = "waiting_for_documents"
SUBMITTED_TO_CARRIER = "submitted_to_carrier"
ACCEPTED = "accepted"
REJECTED = "rejected"
PORTED = "ported"
CANCELLED = "cancelled"
CLOSED = frozenset({PORTED, REJECTED, CANCELLED})  # documents of these are purged after the retention

# A rejected request is closed: a corrected one is a new request, with a new LOA and invoice.
allowed_transitions: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        RECEIVED: frozenset({UNDER_REVIEW, WAITING_FOR_DOCUMENTS, REJECTED, CANCELLED}),
        UNDER_REVIEW: frozenset({WAITING_FOR_DOCUMENTS, SUBMITTED_TO_CARRIER, REJECTED, CANCELLED}),
        WAITING_FOR_DOCUMENTS: frozenset({UNDER_REVIEW, REJECTED, CANCELLED}),
        SUBMITTED_TO_CARRIER: frozenset({ACCEPTED, REJECTED}),  # too late for the customer to cancel
        ACCEPTED: frozenset({PORTED}),
        REJECTED: frozenset(),
        PORTED: frozenset(),
        CANCELLED: frozenset(),
    }
)
STATUSES: tuple[str, ...] = tuple(allowed_transitions)


class StoreError(Exception):
    """Why the store refused: a code (``store.…``), its parameters and a message in English."""

    def __init__(self, code: str, message: str, /, **params: str) -> None:
        super().__init__(f"{message} ({code})")
        self.code = code
        self.params: tuple[tuple[str, str], ...] = tuple(params.items())


# --- What leaves the module ------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    """The receipt of a submission: the reference to quote and the token that opens the request."""

    reference: str
    token: str = field(repr=False)


@dataclass(frozen=True)
class StoredDocument:
    """A stored document without its bytes (``document`` reads them); ``purged_at`` once they are gone."""

    id: int
    slot: str
    name: str  # as uploaded, for display only
    kind: str
    size: int
    sha256: str
    created_at: datetime
    purged_at: datetime | None


@dataclass(frozen=True)
class Event:
    """One line of a request's audit trail: a status it entered, when, by whom and why."""

    at: datetime
    status: str
    note: str
    actor: str


@dataclass(frozen=True)
class StoredRequest:
    """A submitted request as the team and the customer see it; times are UTC."""

    id: int
    reference: str
    token: str = field(repr=False)
    status: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    language: str
    demo: bool
    details: Mapping[str, Any] = field(repr=False)  # the company details, as JSON values
    numbers: tuple[Mapping[str, Any], ...]  # input, line, e164, display, type, area, portable
    quote: Mapping[str, Any]
    timeline: Mapping[str, Any]
    preflight: tuple[Mapping[str, Any], ...]
    porting_date: date | None  # confirmed when accepted
    rejection_reason: str | None  # a key of rules().rejection_reasons when rejected
    note: str  # the note of the latest status change, shown with the status
    documents: tuple[StoredDocument, ...]


# --- Tables ----------------------------------------------------------------------------------


class _UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC time in any database: SQLite keeps no offset, so it stores UTC without one."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("times in the store must be aware (UTC)")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class _Base(DeclarativeBase):
    pass


class _SchemaVersionRow(_Base):
    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    applied_at: Mapped[datetime] = mapped_column(_UtcDateTime)


class _RequestRow(_Base):
    __tablename__ = "requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(_UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(_UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(_UtcDateTime)
    language: Mapped[str] = mapped_column(String(8))
    demo: Mapped[bool] = mapped_column(default=False)
    details_json: Mapped[str] = mapped_column(Text)
    numbers_json: Mapped[str] = mapped_column(Text)
    quote_json: Mapped[str] = mapped_column(Text)
    timeline_json: Mapped[str] = mapped_column(Text)
    preflight_json: Mapped[str] = mapped_column(Text)
    porting_date: Mapped[date | None]
    rejection_reason: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")

    documents: Mapped[list[_DocumentRow]] = relationship(order_by="_DocumentRow.id")
    events: Mapped[list[_EventRow]] = relationship(order_by="_EventRow.id")


class _DocumentRow(_Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    slot: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))  # never loaded with a list
    created_at: Mapped[datetime] = mapped_column(_UtcDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(_UtcDateTime)


class _EventRow(_Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    at: Mapped[datetime] = mapped_column(_UtcDateTime)
    status: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(200))


# --- Opening the store -----------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Store:
    """An open database; ``clock`` gives the aware time stamped on rows (tests pass their own)."""

    engine: Engine
    clock: Callable[[], datetime] = _utc_now

    def close(self) -> None:
        self.engine.dispose()


def data_dir() -> Path:
    """Where the app keeps its files: ``PORTING_DATA_DIR``, else ``data/`` in the repository."""
    return Path(os.environ.get(DATA_DIR_VARIABLE) or _REPO_ROOT / "data")


def database_url() -> str:
    """``DATABASE_URL``, else the SQLite file ``porting.db`` in ``data_dir()``."""
    url = os.environ.get(DATABASE_URL_VARIABLE) or f"sqlite:///{data_dir() / DATABASE_FILE}"
    # Hosting platforms hand out postgres://, which SQLAlchemy 2 no longer accepts.
    return "postgresql://" + url.removeprefix("postgres://") if url.startswith("postgres://") else url


def open_store(url: str | None = None, *, clock: Callable[[], datetime] = _utc_now) -> Store:
    """The store at ``url`` (default ``database_url()``), its tables created and version recorded."""
    address = make_url(url or database_url())
    # hide_parameters: SQL logs and database errors must never carry details or document bytes.
    if address.get_backend_name() == "sqlite":
        if address.database and address.database != ":memory:":
            Path(address.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(address, hide_parameters=True, connect_args={"check_same_thread": False})
        _configure_sqlite(engine)
    else:
        engine = create_engine(address, hide_parameters=True, pool_pre_ping=True)
    store = Store(engine, clock)
    _Base.metadata.create_all(engine)
    _record_schema_version(store)
    return store


def _configure_sqlite(engine: Engine) -> None:
    """WAL and a busy timeout so threads share the file, and transactions that begin as asked.

    pysqlite would begin a transaction only at the first write, after the reads before it; a
    write transaction begins IMMEDIATE instead, so it holds the write lock from its first read
    and waits for it rather than failing. Reads begin a plain transaction: one snapshot.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(connection: Any, _record: Any) -> None:
        connection.isolation_level = None  # pysqlite begins nothing: _on_begin does
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


@contextmanager
def _transaction(store: Store, *, write: bool) -> Iterator[Session]:
    """A session in one transaction, committed at the end, rolled back on any exception."""
    bind = store.engine.execution_options(**{_WRITE: True}) if write else store.engine
    with sessionmaker(bind, expire_on_commit=False).begin() as session:
        yield session


def _record_schema_version(store: Store) -> None:
    try:
        with _transaction(store, write=True) as session:
            found = session.scalar(select(func.max(_SchemaVersionRow.version)))
            if found is not None and found > SCHEMA_VERSION:
                raise StoreError(
                    "store.schema.newer",
                    f"the database has schema version {found}; this code knows {SCHEMA_VERSION}",
                    found=str(found),
                )
            if found is None:
                session.add(_SchemaVersionRow(version=SCHEMA_VERSION, applied_at=store.clock()))
    except IntegrityError:
        pass  # another process opened the new database at the same moment and recorded it


# --- Submitting ------------------------------------------------------------------------------


def submit(
    store: Store,
    *,
    idempotency_key: str,
    language: str,
    details: Mapping[str, Any],
    numbers: Sequence[Mapping[str, Any]],
    quote: Mapping[str, Any],
    timeline: Mapping[str, Any],
    preflight: Sequence[Mapping[str, Any]],
    documents: Sequence[UploadedDocument],
    demo: bool = False,
) -> Submitted:
    """Store a request, its documents and its first event in one transaction.

    Submitting again with the same ``idempotency_key`` (a double click, a retried request)
    stores nothing and returns the first receipt, whatever else was passed.
    """
    if demo:
        raise StoreError(
            "store.demo", "a demo request is never submitted: enter your own company and numbers"
        )
    key = idempotency_key.strip()
    if not key:
        raise StoreError("store.idempotency_key.missing", "a submission needs an idempotency key")
    content = {  # encoded before the transaction, so a value JSON cannot hold fails without a lock
        "details_json": _json(details),
        "numbers_json": _json(numbers),
        "quote_json": _json(quote),
        "timeline_json": _json(timeline),
        "preflight_json": _json(preflight),
    }
    try:
        with _transaction(store, write=True) as session:
            existing = _submitted_by_key(session, key)
            if existing is not None:
                return existing
            now = store.clock()
            row = _add_request(session, now, key, language, content)
            for document in documents:
                row.documents.append(_document_row(document, now))
            row.events.append(_EventRow(at=now, status=RECEIVED, note="", actor="customer"))
            session.flush()
            submitted = Submitted(row.reference, row.token)
    except IntegrityError:
        # Another submission with the same key committed between our look-up and our insert.
        with _transaction(store, write=False) as session:
            existing = _submitted_by_key(session, key)
        if existing is None:
            raise
        return existing
    _log.info("stored porting request %s with %d documents", submitted.reference, len(documents))
    return submitted


def _submitted_by_key(session: Session, key: str) -> Submitted | None:
    found = session.execute(
        select(_RequestRow.reference, _RequestRow.token).where(_RequestRow.idempotency_key == key)
    ).one_or_none()
    return None if found is None else Submitted(found.reference, found.token)


def _add_request(
    session: Session, now: datetime, key: str, language: str, content: Mapping[str, str]
) -> _RequestRow:
    """The request row, flushed so its id gives its reference."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row = _RequestRow(
        reference=f"pending:{token}",  # unique until the id is known, a moment later
        token=token,
        idempotency_key=key,
        status=RECEIVED,
        created_at=now,
        updated_at=now,
        language=language,
        demo=False,
        note="",
        **content,
    )
    session.add(row)
    session.flush()
    row.reference = f"NO-{now.year}-{row.id:06d}"
    return row


def _document_row(document: UploadedDocument, now: datetime) -> _DocumentRow:
    return _DocumentRow(
        slot=document.slot,
        name=document.name,
        kind=document.kind,
        size=len(document.data),
        sha256=hashlib.sha256(document.data).hexdigest(),
        data=document.data,
        created_at=now,
    )


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_value)


def _json_value(value: object) -> object:
    """Dates as ISO text, money as exact decimal text, read-only mappings as objects."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"a {type(value).__name__} cannot be stored as JSON")  # the type only: no details


# --- Reading ---------------------------------------------------------------------------------


def by_token(store: Store, token: str) -> StoredRequest | None:
    """The request the customer's token opens, or ``None``; the customer's only way in."""
    return _find(store, _RequestRow.token == token) if token else None


def by_reference(store: Store, reference: str) -> StoredRequest | None:
    """The request with this reference, or ``None``: for the team only, as references are guessable."""
    return _find(store, _RequestRow.reference == reference.strip().upper()) if reference.strip() else None


def _find(store: Store, condition: ColumnElement[bool]) -> StoredRequest | None:
    with _transaction(store, write=False) as session:
        query = select(_RequestRow).where(condition).options(selectinload(_RequestRow.documents))
        row = session.scalars(query).one_or_none()
        return None if row is None else _stored(row)


def list_requests(
    store: Store, *, status: str | None = None, search: str | None = None
) -> tuple[StoredRequest, ...]:
    """The requests, newest first, in one status if given, matching ``search`` if given.

    The search matches part of the reference, the company name or a number (E.164 or as shown),
    ignoring case and spaces. It runs here, not in SQL: the JSON columns are text to the
    database, and SQLite folds only ASCII case (Ø, Æ, Å).
    """
    if status is not None:
        _check_status(status)
    query = select(_RequestRow).options(selectinload(_RequestRow.documents)).order_by(_RequestRow.id.desc())
    if status is not None:
        query = query.where(_RequestRow.status == status)
    with _transaction(store, write=False) as session:
        found = tuple(_stored(row) for row in session.scalars(query))
    needle = "".join((search or "").split()).casefold()
    return tuple(request for request in found if _matches(request, needle)) if needle else found


def _matches(request: StoredRequest, needle: str) -> bool:
    def compact(value: object) -> str:
        return "".join(str(value or "").split()).casefold()

    texts = [request.reference, request.details.get("company_name")]
    texts += [number.get(key) for number in request.numbers for key in ("e164", "display")]
    return any(needle in compact(text) for text in texts)


def document(store: Store, request: StoredRequest, document_id: int) -> bytes:
    """The bytes of one of ``request``'s documents, as uploaded."""
    with _transaction(store, write=False) as session:
        row = session.scalars(
            select(_DocumentRow)
            .where(_DocumentRow.id == document_id, _DocumentRow.request_id == request.id)
            .options(undefer(_DocumentRow.data))
        ).one_or_none()
        if row is None:
            raise StoreError("store.document.not_found", "this request has no such document")
        if row.data is None:
            raise StoreError("store.document.purged", "the document was deleted after the retention period")
        return bytes(row.data)


def events(store: Store, request: StoredRequest) -> tuple[Event, ...]:
    """The request's audit trail, oldest first."""
    query = select(_EventRow).where(_EventRow.request_id == request.id).order_by(_EventRow.id)
    with _transaction(store, write=False) as session:
        return tuple(Event(row.at, row.status, row.note, row.actor) for row in session.scalars(query))


def _stored(row: _RequestRow) -> StoredRequest:
    return StoredRequest(
        id=row.id,
        reference=row.reference,
        token=row.token,
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
        language=row.language,
        demo=row.demo,
        details=json.loads(row.details_json),
        numbers=tuple(json.loads(row.numbers_json)),
        quote=json.loads(row.quote_json),
        timeline=json.loads(row.timeline_json),
        preflight=tuple(json.loads(row.preflight_json)),
        porting_date=row.porting_date,
        rejection_reason=row.rejection_reason,
        note=row.note,
        documents=tuple(
            StoredDocument(d.id, d.slot, d.name, d.kind, d.size, d.sha256, d.created_at, d.purged_at)
            for d in row.documents
        ),
    )


# --- Changing status -------------------------------------------------------------------------


def change_status(
    store: Store,
    request: StoredRequest,
    new_status: str,
    *,
    actor: str,
    note: str = "",
    porting_date: date | None = None,
    reason: str | None = None,
) -> StoredRequest:
    """Move the request to ``new_status`` and record the event; the request as it now is.

    ``accepted`` needs the confirmed ``porting_date``, a business day; ``rejected`` needs the
    ``reason``, a key of ``rules().rejection_reasons``. The status is read under a lock, so
    two people changing the same request at once cannot both succeed from the same status.
    """
    _check_change(new_status, porting_date, reason)
    if not actor.strip():
        raise StoreError("store.actor.missing", "say who changes the status")
    with _transaction(store, write=True) as session:
        query = select(_RequestRow).where(_RequestRow.id == request.id).with_for_update()
        row = session.scalars(query).one_or_none()
        if row is None:
            raise StoreError("store.request.not_found", "there is no such request")
        if new_status not in allowed_transitions[row.status]:
            raise StoreError(
                "store.status.not_allowed",
                f"a request that is {row.status} cannot become {new_status}",
                current=row.status,
                new=new_status,
            )
        now = store.clock()
        row.status, row.updated_at, row.note = new_status, now, note
        if new_status == ACCEPTED:
            row.porting_date = porting_date
        if new_status == REJECTED:
            row.rejection_reason = reason
        if new_status in CLOSED:
            row.closed_at = now
        row.events.append(_EventRow(at=now, status=new_status, note=note, actor=actor.strip()))
        session.flush()
        return _stored(row)


def _check_status(status: str) -> None:
    if status not in allowed_transitions:
        raise StoreError(
            "store.status.unknown", f"unknown status {status!r}", status=status, known=", ".join(STATUSES)
        )


def _check_change(new_status: str, porting_date: date | None, reason: str | None) -> None:
    _check_status(new_status)
    if new_status == ACCEPTED:
        if porting_date is None:
            raise StoreError("store.porting_date.missing", "an accepted request needs its porting date")
        if not _is_business_day(porting_date):
            raise StoreError(
                "store.porting_date.not_business_day",
                f"{porting_date.isoformat()} is not a Norwegian business day",
                day=porting_date.isoformat(),
            )
    elif porting_date is not None:
        raise StoreError("store.porting_date.unexpected", "only an accepted request has a porting date")
    known = tuple(known_reason.key for known_reason in rules().rejection_reasons)
    if new_status == REJECTED and reason not in known:
        raise StoreError(
            "store.rejection_reason.unknown",
            f"a rejection needs one of the guide's reasons: {', '.join(known)}",
            reason=str(reason),
            known=", ".join(known),
        )
    if new_status != REJECTED and reason is not None:
        raise StoreError("store.rejection_reason.unexpected", "only a rejected request has a reason")


def _is_business_day(day: date) -> bool:
    try:
        return is_business_day(day)
    except ValueError:  # a year the holiday tables do not cover
        return False


# --- Retention -------------------------------------------------------------------------------


def purge(store: Store, *, retention_days: int, today: date) -> int:
    """Delete the bytes of documents of requests closed more than ``retention_days`` days ago.

    Name, size and hash stay, so the request still shows what was sent; each request purged
    gets an event. Days are counted in UTC. Returns how many documents lost their bytes.
    """
    if retention_days < 0:
        raise ValueError("retention_days cannot be negative")
    cutoff = datetime.combine(today - timedelta(days=retention_days), time.min, tzinfo=UTC)
    closed = select(_RequestRow.id).where(_RequestRow.status.in_(CLOSED), _RequestRow.closed_at < cutoff)
    kept = (_DocumentRow.request_id.in_(closed), _DocumentRow.data.is_not(None))
    with _transaction(store, write=True) as session:
        request_ids = session.scalars(select(_DocumentRow.request_id).where(*kept).distinct()).all()
        if not request_ids:
            return 0
        now = store.clock()
        result = cast(
            "CursorResult[Any]",
            session.execute(
                update(_DocumentRow).where(*kept).values(data=None, purged_at=now),
                execution_options={"synchronize_session": False},
            ),
        )
        for request_id, status in session.execute(
            select(_RequestRow.id, _RequestRow.status).where(_RequestRow.id.in_(request_ids))
        ):
            note = f"documents deleted after {retention_days} days"
            session.add(_EventRow(request_id=request_id, at=now, status=status, note=note, actor="retention"))
        return result.rowcount
