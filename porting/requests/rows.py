"""The database's tables, as SQLAlchemy declares them: requests with their documents, events and
the numbers the team searches by, drafts, the outbox of notices, the app's secrets, failed
sign-ins and the team's audit trail. ``porting.requests.schema`` opens the database and names
these tables to the rest of the package; Alembic's revisions in ``porting/requests/migrations/``
make them in a database."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    deferred,
    mapped_column,
    relationship,
)


class UtcDateTime(TypeDecorator[datetime]):
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


class Base(DeclarativeBase):
    pass


class SchemaVersionRow(Base):
    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RequestRow(Base):
    __tablename__ = "requests"
    # Revision 0005: the dashboard's figures count requests by status and day
    # (porting.requests.dashboard), and retention and splits look requests up by split_from_id.
    __table_args__ = (
        Index("ix_requests_status_created_at", "status", "created_at"),
        Index("ix_requests_status_closed_at", "status", "closed_at"),
        Index("ix_requests_split_from_id", "split_from_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
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
    split_from_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"))  # version 2
    # Version 3: after the retention a closed request keeps only an anonymous record; these are
    # when it became one and its numbers counted by type (``{"geographic": 3}``).
    anonymised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    counts_json: Mapped[str | None] = mapped_column(Text)
    # Revision 0002: the id of the first of the requests sent together, one per current provider
    # (None for a request sent alone); the others are the rows with the same group_id.
    group_id: Mapped[int | None] = mapped_column(index=True)

    documents: Mapped[list[DocumentRow]] = relationship(order_by="DocumentRow.id")
    events: Mapped[list[EventRow]] = relationship(order_by="EventRow.id")
    split_from: Mapped[RequestRow | None] = relationship(remote_side=[id])


class RequestSearchRow(Base):
    """What the team's search reads of a request (revision 0003): its reference, company name and
    organisation number folded, one a line (``porting.requests.search``). A table of its own, so
    a search reads a few bytes a request rather than the request's whole row."""

    __tablename__ = "request_search"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    text: Mapped[str] = mapped_column(Text)


class RequestNumberRow(Base):
    """One number of a request by its national digits (revision 0003), for the team's search by a
    number's first digits; written with the request's numbers (``porting.requests.search``)."""

    __tablename__ = "request_numbers"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    national: Mapped[str] = mapped_column(String(16), index=True)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    slot: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))  # never loaded with a list
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    replaced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # version 2: a corrected one came


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(200))


class MessageRow(Base):
    """A message in a request's thread (revision 0006): from the customer on the status page, or
    from the team in the console; each is mailed to the other side. Never an internal note."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    sender: Mapped[str] = mapped_column(String(16))  # "customer" or "team"
    actor: Mapped[str] = mapped_column(String(200))  # who: "customer", or the team member
    body: Mapped[str] = mapped_column(Text)


class DraftRow(Base):
    """A request the customer saved before submitting it (version 2)."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    language: Mapped[str] = mapped_column(String(8))
    state_json: Mapped[str] = mapped_column(Text)
    # Version 3: who saved it (a keyed hash of the client's address, never the address) and the
    # bytes it holds with its documents, for the per-client and total limits on drafts.
    client: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None]

    documents: Mapped[list[DraftDocumentRow]] = relationship(
        order_by="DraftDocumentRow.id", cascade="all, delete-orphan"
    )


class DraftDocumentRow(Base):
    __tablename__ = "draft_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    slot: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class OutboxRow(Base):
    """A notice waiting to be mailed, or mailed (version 2); written with the change that causes it."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)  # a sender is at it until then
    failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # version 3: given up until retried
    calendar: Mapped[bytes] = mapped_column(LargeBinary, default=b"")  # a calendar file attached (0007)


class SecretRow(Base):
    """Keys the app makes for itself once and shares between its instances (version 3)."""

    __tablename__ = "secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class SignInFailureRow(Base):
    """A wrong console password (version 3): who sent it, as ``client_key``, and when.

    A row is written before the password is compared, so parallel guesses are counted too; a
    right password deletes its client's rows (``porting.team.signin``).
    """

    __tablename__ = "sign_in_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class TeamEventRow(Base):
    """What a member of the team did that is no status change (revision 0004): signed in, was
    refused, exported a request's archive; who (``actor``, as ``porting.team.members`` names
    them), when, and the request's reference when it was about one."""

    __tablename__ = "team_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str | None] = mapped_column(String(32), index=True)
