"""Benchmark: the team's queue on 100,000 requests, on SQLite and on PostgreSQL, side by side with
the queue as it was before revision 0003 (every request read and decoded, then filtered in Python).

Seeding: requests are written in bulk (one ``INSERT`` of many rows per thousand), each with the
columns a submission stores (``RequestContent.columns()`` of a real reading, quote and timeline),
a company name drawn from Norwegian words (fixed seed), an organisation number, one to three
geographic numbers, and a status drawn over the lifecycle's; ``request_search`` and
``request_numbers`` are computed by ``porting.requests.search`` as the app writes them.

What is timed, each as the console asks it (``queue_page``, a page of 100, the page's requests
decoded): the first page, newest first; a search by company name (``blåbærrør``, which one
request in about 500 has); by number (``+47 22 04 21``, its first six digits, in spacing); by organisation
number (``912 004 217``, with spaces); and the status filter (``under_review``, first page).
Each is run ``--runs`` times after a warm-up; the report gives p50 and p95 (nearest rank).

Today's approach (``old_queue``, the ``list_requests`` of before: every row read with its
documents, decoded, then searched in Python) takes about 0.1 ms a request, so it is timed on
``--old-requests`` requests (10,000 by default) in a database of their own, with fewer runs; the
report says how many. The goal: p95 under 300 ms for each query on 100,000 requests.

PostgreSQL is ``--postgres URL``, else ``DATABASE_URL`` when it names one; a schema of its own
is made and dropped. Without one, the report says so. It always exits 0.

    python benchmarks/console.py [--requests N] [--old-requests M] [--runs R] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the repository root first (benchmarks/measure.py)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
import os
import random
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from benchmarks.measure import environment, nearest_rank, print_report, table, verdict
from porting.company.details import CompanyDetails
from porting.numbers.intake import read_numbers
from porting.quote.pricing import quote
from porting.quote.timeline import timeline
from porting.requests.lifecycle import CLOSED, STATUSES
from porting.requests.model import RequestContent
from porting.requests.queue import queue_page
from porting.requests.records import StoredRequest, grouped_references, reference_of, stored_request
from porting.requests.schema import (
    RequestNumberRow,
    RequestRow,
    RequestSearchRow,
    Store,
    open_store,
    transaction,
)
from porting.requests.search import national_numbers, search_text

REQUESTS = 100_000
OLD_REQUESTS = 10_000
RUNS = 20
OLD_RUNS = 3
GOAL_SECONDS = 0.3
BATCH = 1_000
PAGE = 100  # the console's page (ui.paging.PAGE_ROWS)
QUERIES: dict[str, dict[str, str]] = {
    "first page": {},
    "search name": {"search": "blåbærrør"},
    "search number": {"search": "+47 22 04 21"},
    "search org number": {"search": "912 004 217"},
    "status filter": {"status": "under_review"},
}
_FIRST = ("Fjord", "Nord", "Sør", "Øst", "Vest", "Havbris", "Blåbær", "Tind", "Elv", "Skog", "Bjørk", "Lys")
_SECOND = ("linje", "kraft", "data", "bygg", "rør", "service", "transport", "handel", "konsult", "tele")
_FORM = ("AS", "ASA", "ENK", "DA")
_SEED = 4747


# --- Seeding ---------------------------------------------------------------------------------


def _template() -> dict[str, str]:
    reading = read_numbers("22000000")
    content = RequestContent.of(
        CompanyDetails(company_name="Mal AS", org_number="912000000", city="Oslo", email="post@mal.example"),
        "",
        reading.unique_rows,
        quote(reading),
        timeline(date(2026, 11, 24)),
        (),
        "nb",
    )
    return content.columns()


def seed(store: Store, count: int) -> None:
    """``count`` requests written in bulk, as a submission would have written each."""
    template = _template()
    details = json.loads(template["details_json"])
    number = json.loads(template["numbers_json"])[0]
    chance = random.Random(_SEED)
    start = datetime(2026, 1, 5, 8, tzinfo=UTC)
    with store.engine.begin() as connection:
        for first in range(1, count + 1, BATCH):
            rows, numbers, texts = [], [], []
            for key in range(first, min(first + BATCH, count + 1)):
                name = f"{chance.choice(_FIRST)}{chance.choice(_SECOND)} {chance.choice(_FORM)}"
                mine = details | {"company_name": name, "org_number": f"912{key:06d}"}
                nationals = [f"22{key:06d}", *(f"{chance.randrange(30, 80)}{chance.randrange(10**6):06d}"
                                                for _ in range(chance.randrange(3)))]  # fmt: skip
                listed = [number | {"e164": f"+47{n}", "input": n, "display": n, "line": i + 1}
                          for i, n in enumerate(nationals)]  # fmt: skip
                status = chance.choice(STATUSES)
                at = start + timedelta(minutes=5 * key)
                reference = f"NO-2026-{key:06d}"
                rows.append(
                    template | {
                        "id": key, "reference": reference, "token": secrets.token_urlsafe(24),
                        "idempotency_key": f"bench-{key}", "status": status, "created_at": at,
                        "updated_at": at, "closed_at": at if status in CLOSED else None, "language": "nb",
                        "demo": False, "note": "", "details_json": json.dumps(mine, ensure_ascii=False),
                        "numbers_json": json.dumps(listed, ensure_ascii=False),
                    }
                )  # fmt: skip
                numbers += [{"request_id": key, "national": n} for n in national_numbers(listed)]
                texts.append({"request_id": key, "text": search_text(reference, mine)})
            connection.execute(RequestRow.__table__.insert(), rows)
            connection.execute(RequestSearchRow.__table__.insert(), texts)
            connection.execute(RequestNumberRow.__table__.insert(), numbers)
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT setval('requests_id_seq', {count})")
            connection.exec_driver_sql("ANALYZE")
        else:
            connection.exec_driver_sql("ANALYZE")


# --- The two approaches ----------------------------------------------------------------------


def old_queue(
    store: Store, *, status: str | None = None, search: str | None = None
) -> tuple[StoredRequest, ...]:
    """``list_requests`` as it was before revision 0003: every request read and decoded, then
    searched in Python (reference, company name, a number as E.164 or shown)."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    query = select(RequestRow).options(selectinload(RequestRow.documents)).order_by(RequestRow.id.desc())
    if status is not None:
        query = query.where(RequestRow.status == status)
    with transaction(store, write=False) as session:
        rows = tuple(session.scalars(query))
        together = grouped_references(session, rows)
        found = tuple(
            stored_request(row, reference_of(row.split_from), together.get(row.id, ())) for row in rows
        )

    def compact(value: object) -> str:
        return "".join(str(value or "").split()).casefold()

    needle = compact(search)
    if not needle:
        return found

    def matches(request: StoredRequest) -> bool:
        texts = [request.reference, request.details.company_name if request.details else None]
        texts += [text for number in request.numbers for text in (number.e164, number.display)]
        return any(needle in compact(text) for text in texts)

    return tuple(request for request in found if matches(request))


def new_queue(store: Store, **query: str) -> tuple[StoredRequest, ...]:
    return queue_page(store, limit=PAGE, **query).requests  # type: ignore[arg-type]


def samples(work: Callable[[], object], runs: int) -> list[float]:
    work()  # warm-up
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return seconds


# --- Databases -------------------------------------------------------------------------------


@contextmanager
def _postgres(url: str) -> Iterator[str]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    schema = f"bench_console_{secrets.token_hex(4)}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@contextmanager
def _database(kind: str, postgres: str, name: str) -> Iterator[str]:
    if kind == "postgresql":
        with _postgres(postgres) as url:
            yield url
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/{name}.db"


def measure(kind: str, postgres: str, requests: int, old_requests: int, runs: int) -> dict[str, Any]:
    """p50 and p95 of each query on ``requests`` requests, and today's on ``old_requests``."""
    figures: dict[str, Any] = {"new": {}, "old": {}}
    with _database(kind, postgres, "queue") as url:
        store = open_store(url)
        start = time.perf_counter()
        seed(store, requests)
        figures["seed_s"] = time.perf_counter() - start
        for label, query in QUERIES.items():
            figures["new"][label] = samples(lambda query=query: new_queue(store, **query), runs)
        store.close()
    with _database(kind, postgres, "old") as url:
        store = open_store(url)
        seed(store, old_requests)
        for label, query in QUERIES.items():
            figures["old"][label] = samples(lambda query=query: old_queue(store, **query), OLD_RUNS)
        store.close()
    return figures


def report(results: dict[str, dict[str, Any]], requests: int, old_requests: int, runs: int) -> str:
    kinds = list(results)
    heading = ["query"] + [f"{kind} {part}" for kind in kinds for part in ("p50", "p95", "today p50")]
    rows = [heading]
    goals = []
    for label in QUERIES:
        cells = [label]
        for kind in kinds:
            new, old = results[kind]["new"][label], results[kind]["old"][label]
            p95 = nearest_rank(new, 0.95)
            goals.append(p95 < GOAL_SECONDS)
            cells += [f"{nearest_rank(new, 0.5) * 1000:.1f} ms", f"{p95 * 1000:.1f} ms",
                      f"{nearest_rank(old, 0.5) * 1000:.0f} ms"]  # fmt: skip
        rows.append(cells)
    lines = [
        f"The team's queue: {requests:,} requests (ours: {runs} runs each after a warm-up, pages of {PAGE});",
        f"today's approach (every request read and decoded) on {old_requests:,} requests, {OLD_RUNS} runs:",
        "it grows linearly, so on 100,000 it takes about "
        + ", ".join(
            f"{kind} {nearest_rank(results[kind]['old']['first page'], 0.5) * requests / old_requests:.1f} s"
            for kind in kinds
        )
        + " for the first page.",
        "",
        *table(rows, 20, 17),
        "",
        "seeding: " + ", ".join(f"{kind} {results[kind]['seed_s']:.1f} s" for kind in kinds),
        f"goal: p95 under {GOAL_SECONDS * 1000:.0f} ms for each query on {requests:,} requests: "
        + verdict(all(goals)),
        environment("sqlalchemy", "psycopg"),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/console.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--old-requests", type=int, default=OLD_REQUESTS)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL; DATABASE_URL when left out")
    parser.add_argument("--quick", action="store_true", help="10,000 requests, 1,000 today's way, 5 runs")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.requests, arguments.old_requests, arguments.runs = 10_000, 1_000, 5
    postgres = arguments.postgres or os.environ.get("DATABASE_URL", "")
    kinds = ["sqlite"] + (["postgresql"] if postgres.startswith("postgres") else [])
    results = {
        kind: measure(kind, postgres, arguments.requests, arguments.old_requests, arguments.runs)
        for kind in kinds
    }
    text = report(results, arguments.requests, arguments.old_requests, arguments.runs)
    if "postgresql" not in results:
        text += "\nPostgreSQL: not measured (no --postgres URL and DATABASE_URL names none)"
    return print_report(text)


if __name__ == "__main__":
    sys.exit(main())
