"""The queue's search text folded again: the ASCII spellings are read before the Norwegian letters.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

Revision 0003 spelt ``ø`` as ``o`` and then read ``oe`` as ``o``, so a stored "Ærø e48" became
"aero48" while the search "ÆROE E48" became "aeroe48", and the request was not found. From this
revision each word's ``aa`` and ``oe`` are read first and its Norwegian letters spelt out after
(``porting.requests.search.folded``). Every ``request_search`` row is written again from its
request, in batches; going down writes it as 0003 folded. Both foldings are written out here, not
imported: a revision is history and must not change when the code does.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 1000  # rows read and written at a time


def upgrade() -> None:
    _refold(_folded)


def downgrade() -> None:
    _refold(_folded_0003)


def _refold(fold: Callable[[str], str]) -> None:
    connection = op.get_bind()
    requests = sa.table(
        "requests",
        sa.column("id", sa.Integer()),
        sa.column("reference", sa.String()),
        sa.column("details_json", sa.Text()),
    )
    search = sa.table("request_search", sa.column("request_id", sa.Integer()), sa.column("text", sa.Text()))
    row = search.c.request_id == sa.bindparam("row")
    written = sa.update(search).where(row).values(text=sa.bindparam("folded"))
    last = 0
    while True:
        batch = connection.execute(
            sa.select(requests.c.id, requests.c.reference, requests.c.details_json)
            .where(requests.c.id > last)
            .order_by(requests.c.id)
            .limit(_BATCH)
        ).all()
        if not batch:
            return
        texts = []
        for row in batch:
            details = _parsed(row.details_json)
            fields = (row.reference, details.get("company_name"), details.get("org_number"))
            texts.append({"row": row.id, "folded": "\n".join(fold(str(field)) for field in fields if field)})
        connection.execute(written, texts)
        last = batch[-1].id


def _folded(text: str) -> str:
    return "".join(_folded_word(word) for word in unicodedata.normalize("NFKD", text.casefold()).split())


def _folded_word(word: str) -> str:
    word = "".join(char for char in word if not unicodedata.category(char).startswith("C"))
    for spelling, letter in (("aa", "a"), ("oe", "o")):
        word = word.replace(spelling, letter)
    plain = "".join(char for char in word if not unicodedata.combining(char))
    for letter, spelling in (("æ", "ae"), ("ø", "o")):
        plain = plain.replace(letter, spelling)
    return plain


def _folded_0003(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(
        char
        for char in decomposed
        if not (char.isspace() or unicodedata.combining(char) or unicodedata.category(char).startswith("C"))
    )
    for letter, spelling in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("aa", "a"), ("oe", "o")):
        plain = plain.replace(letter, spelling)
    return plain


def _parsed(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
