"""Indexes for the console's dashboard, and for the requests split off another.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

The dashboard counts open requests by status and the day they came in, and closed ones by
status and the day they closed (``porting.requests.dashboard``): ``(status, created_at)`` and
``(status, closed_at)`` answer those from the index alone. ``split_from_id`` had none, so
deleting or following the requests split off another read the whole table.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.create_index("ix_requests_status_created_at", ["status", "created_at"])
        batch.create_index("ix_requests_status_closed_at", ["status", "closed_at"])
        batch.create_index("ix_requests_split_from_id", ["split_from_id"])


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.drop_index("ix_requests_split_from_id")
        batch.drop_index("ix_requests_status_closed_at")
        batch.drop_index("ix_requests_status_created_at")
