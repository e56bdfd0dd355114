"""The team's audit trail beside the requests' events: sign-ins, refused sign-ins, exports.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

A status change is a request's event (``events.actor`` names the member); what a member does
that changes no request (signing in, being refused, exporting a request's archive) is a row of
``team_events``, with the request's reference when it was about one.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("team_events") as batch:
        batch.create_index("ix_team_events_at", ["at"])
        batch.create_index("ix_team_events_reference", ["reference"])


def downgrade() -> None:
    with op.batch_alter_table("team_events") as batch:
        batch.drop_index("ix_team_events_reference")
        batch.drop_index("ix_team_events_at")
    op.drop_table("team_events")
