"""The tables as the hand-rolled version 3 left them: the first revision.

Revision ID: 0001
Revises:
Create Date: 2026-12-02

A new database gets every table here. A database from before Alembic has some of them already:
``porting.requests.migrations.legacy`` creates those it lacks with the functions in ``TABLES`` and adds
the columns the later hand-rolled versions added, then stamps it with this revision. So these
functions are history, shared by both paths: never edit them; a change is a new revision.

Times are ``sa.DateTime(timezone=True)``, what ``porting.requests.schema.UtcDateTime`` is in the database:
a revision does not import the app's code, which changes when this must not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, *, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _schema_version() -> None:
    op.create_table(
        "schema_version",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        _time("applied_at", nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )


def _requests() -> None:
    op.create_table(
        "requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        _time("created_at", nullable=False),
        _time("updated_at", nullable=False),
        _time("closed_at", nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.Column("numbers_json", sa.Text(), nullable=False),
        sa.Column("quote_json", sa.Text(), nullable=False),
        sa.Column("timeline_json", sa.Text(), nullable=False),
        sa.Column("preflight_json", sa.Text(), nullable=False),
        sa.Column("porting_date", sa.Date(), nullable=True),
        sa.Column("rejection_reason", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("split_from_id", sa.Integer(), nullable=True),
        _time("anonymised_at", nullable=True),
        sa.Column("counts_json", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["split_from_id"], ["requests.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
        sa.UniqueConstraint("token"),
        sa.UniqueConstraint("idempotency_key"),
    )
    op.create_index("ix_requests_status", "requests", ["status"])


def _documents() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        _time("created_at", nullable=False),
        _time("purged_at", nullable=True),
        _time("replaced_at", nullable=True),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_documents_request_id", "documents", ["request_id"])


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        _time("at", nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_events_request_id", "events", ["request_id"])


def _drafts() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        _time("created_at", nullable=False),
        _time("updated_at", nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("state_json", sa.Text(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_drafts_updated_at", "drafts", ["updated_at"])


def _draft_documents() -> None:
    op.create_table(
        "draft_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["draft_id"], ["drafts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_draft_documents_draft_id", "draft_documents", ["draft_id"])


def _outbox() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        _time("created_at", nullable=False),
        _time("sent_at", nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        _time("claimed_until", nullable=True),
        _time("failed_at", nullable=True),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outbox_request_id", "outbox", ["request_id"])
    op.create_index("ix_outbox_sent_at", "outbox", ["sent_at"])


def _secrets() -> None:
    op.create_table(
        "secrets",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def _sign_in_failures() -> None:
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        _time("at", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sign_in_failures_client", "sign_in_failures", ["client"])
    op.create_index("ix_sign_in_failures_at", "sign_in_failures", ["at"])


# Each table and the function that creates it with its indexes, a referenced table before
# the tables that reference it.
TABLES: Mapping[str, Callable[[], None]] = {
    "schema_version": _schema_version,
    "requests": _requests,
    "documents": _documents,
    "events": _events,
    "drafts": _drafts,
    "draft_documents": _draft_documents,
    "outbox": _outbox,
    "secrets": _secrets,
    "sign_in_failures": _sign_in_failures,
}


def upgrade() -> None:
    for create in TABLES.values():
        create()


def downgrade() -> None:
    for name in reversed(TABLES):
        op.drop_table(name)  # its indexes go with it
