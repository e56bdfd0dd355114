"""A calendar file attached to a notice: the confirmed porting day, as the customer's notice carries it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Notices queued before this revision attach nothing (an empty value).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        empty = sa.text("''")
        batch.add_column(sa.Column("calendar", sa.LargeBinary(), nullable=False, server_default=empty))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("calendar")
