"""A stored request as it leaves the database, and the row work every change to one shares.

Everything leaves ``porting.requests`` as the frozen dataclasses here: ``StoredRequest`` with its
``StoredDocument``s, the audit trail's ``Event``, the ``Submitted`` receipt; ``stored_request``
makes one from the rows of ``porting.requests.schema``, each JSON column validated by the model of
``porting.requests.model`` (a column it does not fit is a ``StoreError``, not a ``KeyError`` in a
page). ``to_json`` writes the other JSON values. A new request row and a row read under a lock
are here too, as submitting, changing a status and deciding numbers all need them.

>>> to_json({"day": date(2026, 11, 24), "price": Decimal("199.00"), "types": {"mobile"}})
'{"day": "2026-11-24", "price": "199.00", "types": ["mobile"]}'
>>> counts_by_type([StoredNumber(input="4", line=1, e164=None, display="4", type="invalid", area=None,
...                              portable=False)])
{'invalid': 1}
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from porting.requests.lifecycle import RECEIVED
from porting.requests.model import (
    PreflightItem,
    StoredDetails,
    StoredNumber,
    StoredQuote,
    StoredTimeline,
)
from porting.requests.schema import RequestRow, StoreError, new_token


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
    replaced_at: datetime | None = None  # a corrected document of the same slot came after it


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
    details: StoredDetails | None = field(repr=False)  # None once the request was made anonymous
    numbers: tuple[StoredNumber, ...]  # empty once anonymous
    quote: StoredQuote
    timeline: StoredTimeline
    preflight: tuple[PreflightItem, ...]  # empty once anonymous
    porting_date: date | None  # confirmed when accepted
    rejection_reason: str | None  # a key of rules().rejection_reasons when rejected
    note: str  # the note of the latest status change, shown with the status
    documents: tuple[StoredDocument, ...]
    split_from: str | None = None  # the reference of the request these numbers were moved out of
    # Once the retention has passed for a closed request: when it was made anonymous, and its
    # numbers counted by type (its details, numbers and documents are gone by then).
    anonymised_at: datetime | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    # The references of the requests sent together with this one, one per current provider.
    siblings: tuple[str, ...] = ()


# --- Rows as records -------------------------------------------------------------------------


def stored_request(
    row: RequestRow, split_from: str | None = None, siblings: tuple[str, ...] = ()
) -> StoredRequest:
    """The record of a request row, its documents loaded; ``split_from`` the reference it came from,
    ``siblings`` those of the requests sent together with it."""
    numbers = numbers_of(row)
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
        details=details_of(row),
        numbers=tuple(numbers),
        quote=_column(row, "quote", StoredQuote),
        timeline=_column(row, "timeline", StoredTimeline),
        preflight=_column(row, "preflight", tuple[PreflightItem, ...]),
        porting_date=row.porting_date,
        rejection_reason=row.rejection_reason,
        note=row.note,
        documents=tuple(
            StoredDocument(
                d.id, d.slot, d.name, d.kind, d.size, d.sha256, d.created_at, d.purged_at, d.replaced_at
            )
            for d in row.documents
        ),
        split_from=split_from,
        anonymised_at=row.anonymised_at,
        counts=json.loads(row.counts_json) if row.counts_json else counts_by_type(numbers),
        siblings=siblings,
    )


def _column(row: RequestRow, name: str, kind: Any) -> Any:
    """The JSON column ``<name>_json`` of ``row`` as ``kind``; a ``StoreError`` when it does not fit."""
    text: str = getattr(row, f"{name}_json")
    try:
        return _adapter(kind).validate_json(text)
    except ValidationError as error:
        # Which fields failed, never their values: a column holds company details.
        fields = ", ".join(sorted({".".join(map(str, problem["loc"])) or name for problem in error.errors()}))
        raise StoreError(
            "store.request.invalid",
            f"the stored {name} of {row.reference} cannot be read ({fields})",
            reference=row.reference,
            column=name,
            fields=fields,
        ) from None


@cache
def _adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def counts_by_type(numbers: Sequence[StoredNumber]) -> dict[str, int]:
    """A request's numbers counted by type, the part of them an anonymous record keeps."""
    counted: dict[str, int] = {}
    for number in numbers:
        counted[number.type] = counted.get(number.type, 0) + 1
    return counted


def details_of(row: RequestRow) -> StoredDetails | None:
    """The company details of a request row, validated; ``None`` once it was made anonymous (its
    details, numbers and pre-flight report are gone)."""
    return None if row.anonymised_at is not None else _column(row, "details", StoredDetails)


def numbers_of(row: RequestRow) -> list[StoredNumber]:
    """The numbers of a request row, validated: to read, or to change and write back."""
    return list(_column(row, "numbers", tuple[StoredNumber, ...]))


def reference_of(row: RequestRow | None) -> str | None:
    return None if row is None else row.reference


# --- Writing rows ----------------------------------------------------------------------------


def to_json(value: object) -> str:
    """The text of a JSON column."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_value)


def _json_value(value: object) -> object:
    """Dates as ISO text, money as exact decimal text, read-only mappings as objects, models as theirs."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"a {type(value).__name__} cannot be stored as JSON")  # the type only: no details


def add_request_row(
    session: Session, now: datetime, key: str, language: str, content: Mapping[str, str]
) -> RequestRow:
    """A new received request row, flushed so its id gives its reference."""
    token = new_token()
    row = RequestRow(
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


def sibling_references(session: Session, row: RequestRow) -> tuple[str, ...]:
    """The references of the requests sent together with ``row`` (one per current provider), in order."""
    if row.group_id is None:
        return ()
    query = (
        select(RequestRow.reference)
        .where(RequestRow.group_id == row.group_id, RequestRow.id != row.id)
        .order_by(RequestRow.id)
    )
    return tuple(session.scalars(query))


_GROUPS_PER_QUERY = 500  # group ids in one query's IN list: well under any database's limit


def grouped_references(session: Session, rows: Sequence[RequestRow]) -> dict[int, tuple[str, ...]]:
    """``sibling_references`` of each of ``rows`` by its id, read in a query per 500 groups rather
    than one per row (the team's queue lists every request)."""
    groups = sorted({row.group_id for row in rows if row.group_id is not None})
    members: dict[int, list[tuple[int, str]]] = {}
    for start in range(0, len(groups), _GROUPS_PER_QUERY):
        query = (
            select(RequestRow.group_id, RequestRow.id, RequestRow.reference)
            .where(RequestRow.group_id.in_(groups[start : start + _GROUPS_PER_QUERY]))
            .order_by(RequestRow.id)
        )
        for group_id, request_id, reference in session.execute(query):
            if group_id is not None:  # always, by the query: for the type checker
                members.setdefault(group_id, []).append((request_id, reference))
    return {
        row.id: tuple(reference for member, reference in members[row.group_id] if member != row.id)
        for row in rows
        if row.group_id is not None
    }


def locked_row(session: Session, request_id: int) -> RequestRow:
    """The request row, locked until the transaction ends: two changes never start from one status."""
    row = session.scalars(
        select(RequestRow).where(RequestRow.id == request_id).with_for_update()
    ).one_or_none()
    if row is None:
        raise StoreError("store.request.not_found", "there is no such request")
    return row
