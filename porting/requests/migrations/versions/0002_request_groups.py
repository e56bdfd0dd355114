"""Requests sent together: one per current provider, linked by the first one's id.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

A customer whose numbers are with several current providers submits one request per provider in
one go; ``group_id`` is the id of the first of them on each (``NULL`` for a request sent alone, as
every request before this revision was), so the others are one indexed look-up away.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.add_column(sa.Column("group_id", sa.Integer(), nullable=True))
        batch.create_index("ix_requests_group_id", ["group_id"])


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.drop_index("ix_requests_group_id")
        batch.drop_column("group_id")
