"""Messages between the customer and the team, a thread per request.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Each row is one message, from the customer (status page) or the team (console), mailed to the
other side through the outbox. The team's internal notes stay in ``events.note``, never here.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("requests.id"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),  # UtcDateTime in the app
        sa.Column("sender", sa.String(16), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
    )
    op.create_index("ix_messages_request_id", "messages", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_messages_request_id", table_name="messages")
    op.drop_table("messages")
