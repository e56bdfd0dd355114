"""The team's queue a page at a time: filtered, searched, ordered and paged in the database.

Only the page's requests are read and decoded, so the first page of 100,000 requests costs what
the first page of 50 does. A search matches part of the reference, the company name or the
organisation number, folded as ``porting.requests.search`` folds them (case, spaces, ``ø`` or
``o``), or the first digits of a number in any spacing (``+47 21 23 45``): it reads the narrow
tables revision 0003 added (``request_search``, ``request_numbers`` with its index), then only
the rows it found.

>>> from datetime import UTC, date, datetime
>>> from porting.company.details import CompanyDetails
>>> from porting.numbers.intake import read_numbers
>>> from porting.quote.pricing import quote
>>> from porting.quote.timeline import timeline
>>> from porting.requests.model import RequestContent
>>> from porting.requests.store import open_store, submit
>>> store = open_store("sqlite://", clock=lambda: datetime(2026, 11, 24, 9, 30, tzinfo=UTC))
>>> for key, name, numbers in (("a", "Fjordlinje AS", "21234567"), ("b", "Østlandet Rør AS", "22000000")):
...     reading = read_numbers(numbers)
...     content = RequestContent.of(CompanyDetails(company_name=name), "", reading.unique_rows,
...                                 quote(reading), timeline(date(2026, 11, 24)), (), "nb")
...     _ = submit(store, idempotency_key=key, language="nb", content=content, documents=[])
>>> page = queue_page(store, search="OSTLANDET ror")
>>> page.total, [request.reference for request in page.requests]
(1, ['NO-2026-000002'])
>>> [request.reference for request in queue_page(store, search="+47 212 34", order=OLDEST).requests]
['NO-2026-000001']
>>> page = queue_page(store, order=OLDEST, offset=1, limit=1)
>>> page.total, [request.reference for request in page.requests]
(2, ['NO-2026-000002'])
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import CompoundSelect, Select, func, or_, select, union
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from porting.requests.lifecycle import check_status
from porting.requests.records import StoredRequest, grouped_references, reference_of, stored_request
from porting.requests.schema import (
    RequestNumberRow,
    RequestRow,
    RequestSearchRow,
    Store,
    StoreError,
    transaction,
)
from porting.requests.search import MAX_SEARCH_CHARACTERS, folded, number_prefixes

NEWEST, OLDEST = "newest", "oldest"
ORDERS = (NEWEST, OLDEST)
PAGE_SIZE = 50  # requests a page of the console shows
MAX_PAGE_SIZE = 1000  # requests one page may hold: ``requests list --limit`` at most


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue: its requests, in order, and how many match in all."""

    requests: tuple[StoredRequest, ...]
    total: int
    offset: int


def queue_page(
    store: Store,
    *,
    status: str | None = None,
    search: str | None = None,
    order: str = NEWEST,
    offset: int = 0,
    limit: int | None = PAGE_SIZE,
) -> QueuePage:
    """The requests in ``status`` (any, if ``None``) that match ``search``, ``order`` first, from
    ``offset``: at most ``limit`` of them (``None``: all, for the team's exports and checks)."""
    conditions = matching(status, search)
    _check_page(order, offset, limit)
    key = RequestRow.id.desc() if order == NEWEST else RequestRow.id.asc()  # ids grow with time
    query = (
        select(RequestRow)
        .where(*conditions)
        .order_by(key)
        .offset(offset)
        .limit(limit)
        .options(selectinload(RequestRow.documents), selectinload(RequestRow.split_from))
    )
    with transaction(store, write=False) as session:
        rows = tuple(session.scalars(query))
        if limit is None or (not offset and len(rows) < limit):
            total = offset + len(rows)  # all of them are here: no need to count
        else:
            total = session.scalar(select(func.count()).select_from(RequestRow).where(*conditions)) or 0
        together = grouped_references(session, rows)  # the console shows a request from this page
        found = tuple(
            stored_request(row, reference_of(row.split_from), together.get(row.id, ())) for row in rows
        )
    return QueuePage(found, total, offset)


def matching(status: str | None, search: str | None) -> list[ColumnElement[bool]]:
    """The conditions a request of the queue meets: in ``status``, and matching ``search``."""
    conditions: list[ColumnElement[bool]] = []
    if status is not None:
        check_status(status)
        conditions.append(RequestRow.status == status)
    text = (search or "").strip()
    if len(text) > MAX_SEARCH_CHARACTERS:
        raise StoreError(
            "store.queue.search_too_long",
            f"search for at most {MAX_SEARCH_CHARACTERS} characters",
            most=str(MAX_SEARCH_CHARACTERS),
        )
    needle = folded(text)
    if not needle:
        return conditions
    # The ids found, then their rows: a search reads the narrow tables, never the requests' own rows.
    found: Select[int] | CompoundSelect[int] = select(RequestSearchRow.request_id).where(
        RequestSearchRow.text.contains(needle, autoescape=True)
    )
    prefixes = number_prefixes(text)
    if prefixes:
        numbers = select(RequestNumberRow.request_id).where(or_(*map(_begins_with, prefixes)))
        found = union(found, numbers)
    conditions.append(RequestRow.id.in_(found))
    return conditions


def _begins_with(prefix: str) -> ColumnElement[bool]:
    """National numbers that begin with the digits ``prefix``, as a range the index answers in
    any database and collation (``LIKE 'x%'`` uses it only in some): from ``prefix`` up to the
    prefix one higher (``2129`` to ``213``)."""
    kept = prefix.rstrip("9")
    if not kept:  # 9, 99, …: every number from there on
        return RequestNumberRow.national >= prefix
    upper = kept[:-1] + str(int(kept[-1]) + 1)
    return (RequestNumberRow.national >= prefix) & (RequestNumberRow.national < upper)


def _check_page(order: str, offset: int, limit: int | None) -> None:
    if order not in ORDERS:
        raise StoreError(
            "store.queue.order", f"order {order!r} is not one of {ORDERS}", known=", ".join(ORDERS)
        )
    if offset < 0:
        raise StoreError("store.queue.offset", "the offset is a count of requests: 0 or more")
    if limit is not None and not 1 <= limit <= MAX_PAGE_SIZE:
        raise StoreError(
            "store.queue.limit", f"a page holds 1 to {MAX_PAGE_SIZE} requests", most=str(MAX_PAGE_SIZE)
        )
