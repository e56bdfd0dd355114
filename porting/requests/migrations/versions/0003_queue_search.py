"""The team's queue searched in the database: a folded search text and the numbers by their digits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

``request_search`` holds each request's reference, company name and organisation number folded
(case, spaces, the Norwegian letters' spellings), one a line, in a narrow table a search reads
quickly; ``request_numbers`` holds each request's
numbers by their national digits, indexed, for a search by a number's first digits. Both are
filled here for the rows before this revision, in batches; the app keeps them current after it
(``porting.requests.search``). The folding is written out here, not imported: a revision is
history and must not change when the code does.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 1000  # rows read and written at a time
_COUNTRY = "+47"  # the numbers' country code in their E.164 form, as stored at this revision
_SPELLINGS = (("æ", "ae"), ("ø", "o"), ("å", "a"), ("aa", "a"), ("oe", "o"))


def upgrade() -> None:
    op.create_table(
        "request_search",
        sa.Column("request_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("request_id"),
    )
    op.create_table(
        "request_numbers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("national", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["request_id"], ["requests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("request_numbers") as batch:
        batch.create_index("ix_request_numbers_national", ["national"])
        batch.create_index("ix_request_numbers_request_id", ["request_id"])
    _fill()


def downgrade() -> None:
    with op.batch_alter_table("request_numbers") as batch:
        batch.drop_index("ix_request_numbers_request_id")
        batch.drop_index("ix_request_numbers_national")
    op.drop_table("request_numbers")
    op.drop_table("request_search")


def _fill() -> None:
    connection = op.get_bind()
    requests = sa.table(
        "requests",
        sa.column("id", sa.Integer()),
        sa.column("reference", sa.String()),
        sa.column("details_json", sa.Text()),
        sa.column("numbers_json", sa.Text()),
    )
    search = sa.table("request_search", sa.column("request_id", sa.Integer()), sa.column("text", sa.Text()))
    numbers = sa.table(
        "request_numbers", sa.column("request_id", sa.Integer()), sa.column("national", sa.String())
    )
    last = 0
    while True:
        batch = connection.execute(
            sa.select(requests.c.id, requests.c.reference, requests.c.details_json, requests.c.numbers_json)
            .where(requests.c.id > last)
            .order_by(requests.c.id)
            .limit(_BATCH)
        ).all()
        if not batch:
            return
        texts, digits = [], []
        for row in batch:
            details = _parsed(row.details_json, {})
            fields = (row.reference, details.get("company_name"), details.get("org_number"))
            texts.append({"request_id": row.id, "text": "\n".join(_folded(str(f)) for f in fields if f)})
            found = (
                str(number.get("e164") or "")
                for number in _parsed(row.numbers_json, [])
                if isinstance(number, dict)
            )
            national = dict.fromkeys(
                e164.removeprefix(_COUNTRY) for e164 in found if e164.startswith(_COUNTRY)
            )
            digits += [{"request_id": row.id, "national": number} for number in national]
        connection.execute(search.insert(), texts)
        if digits:
            connection.execute(numbers.insert(), digits)
        last = batch[-1].id


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(
        char
        for char in decomposed
        if not (char.isspace() or unicodedata.combining(char) or unicodedata.category(char).startswith("C"))
    )
    for letter, spelling in _SPELLINGS:
        plain = plain.replace(letter, spelling)
    return plain


def _parsed(text: str | None, empty: Any) -> Any:
    try:
        value = json.loads(text or "")
    except ValueError:
        return empty
    return value if isinstance(value, type(empty)) else empty
