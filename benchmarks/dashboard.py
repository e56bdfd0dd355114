"""Benchmark: the console's dashboard figures on a large store, and its charts' specs.

What is timed: ``porting.requests.dashboard.dashboard`` (four aggregate queries and the business
days of the open requests' days) on a database seeded with ``--requests`` requests (default
100,000) spread over two years: a tenth open, a fifth rejected, the rest mostly ported, each
with three numbers (two geographic, one mobile); then the four Vega-Lite specs of
``ui.console.dashboard`` built from those figures, the first time (Altair builds and checks
them) and again (cached per figures and language). SQLite in a temporary folder always;
PostgreSQL too when ``DATABASE_URL`` names one (in a schema of its own, dropped afterwards).
The goal: p95 under 300 ms for the figures, as for the console's queue. It always exits 0.

    python benchmarks/dashboard.py [--requests N] [--runs N]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the repository root first (benchmarks/measure.py)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, insert
from sqlalchemy.engine import make_url

from benchmarks.measure import environment, nearest_rank, print_report, seconds_of, timed_runs, verdict
from porting.requests.dashboard import dashboard
from porting.requests.schema import RequestRow, Store, open_store

NOW = datetime(2027, 4, 8, 10, 0, tzinfo=UTC)
GOAL_SECONDS = 0.3
_NUMBER = {"line": 1, "type": "geographic", "area": "Oslo", "portable": True}
NUMBERS = json.dumps(
    [
        _NUMBER | {"input": "21234567", "e164": "+4721234567", "display": "21 23 45 67"},
        _NUMBER | {"input": "21234568", "e164": "+4721234568", "display": "21 23 45 68"},
        {"input": "41234567", "line": 3, "e164": "+4741234567", "display": "412 34 567", "type": "mobile",
         "area": None, "portable": False},
    ]
)  # fmt: skip
OPEN = ("received", "under_review", "waiting_for_documents", "submitted_to_carrier", "accepted")
REASONS = ("mismatched_info", "outdated_invoice", "missing_registration", "inactive_number")


def _rows(count: int) -> Iterator[dict[str, object]]:
    for index in range(count):
        created = NOW - timedelta(minutes=(index * 1051) % (730 * 24 * 60))  # two years, spread
        share = index % 10
        status = OPEN[index % len(OPEN)] if share == 0 else ("rejected" if share < 3 else "ported")
        if share == 9:
            status = "cancelled"
        closed = None if share == 0 else min(NOW, created + timedelta(days=20))
        yield {
            "reference": f"NO-BENCH-{index:07d}", "token": f"t{index}", "idempotency_key": f"k{index}",
            "status": status, "created_at": created, "updated_at": closed or created, "closed_at": closed,
            "language": "nb", "demo": False, "details_json": "{}", "numbers_json": NUMBERS,
            "quote_json": "{}", "timeline_json": "{}", "preflight_json": "[]",
            "rejection_reason": REASONS[index % len(REASONS)] if status == "rejected" else None, "note": "",
        }  # fmt: skip


def seed(store: Store, count: int) -> None:
    batch: list[dict[str, object]] = []
    with store.engine.begin() as connection:
        for row in _rows(count):
            batch.append(row)
            if len(batch) == 5_000:
                connection.execute(insert(RequestRow), batch)
                batch = []
        if batch:
            connection.execute(insert(RequestRow), batch)


@contextmanager
def _databases(folder: str) -> Iterator[list[tuple[str, str]]]:
    urls = [("SQLite", f"sqlite:///{folder}/bench.db")]
    postgres = os.environ.get("DATABASE_URL", "")
    schema = f"bench_dashboard_{secrets.token_hex(4)}"
    admin = create_engine(postgres) if postgres.startswith("postgresql") else None
    if admin is not None:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = make_url(postgres).update_query_dict({"options": f"-csearch_path={schema}"})
        urls.append(("PostgreSQL", url.render_as_string(False)))
    try:
        yield urls
    finally:
        if admin is not None:
            with admin.begin() as connection:
                connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            admin.dispose()


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args(arguments)
    from ui.console import dashboard as charts  # Streamlit's import, outside the timings

    lines = [f"dashboard figures, {options.requests:,} requests, {options.runs} runs each"]
    with tempfile.TemporaryDirectory() as folder, _databases(folder) as databases:
        for name, url in databases:
            store = open_store(url, clock=lambda: NOW)
            seed(store, options.requests)
            figures = dashboard(store)
            seconds = timed_runs(lambda store=store: dashboard(store), options.runs)
            p50, p95 = nearest_rank(seconds, 0.5), nearest_rank(seconds, 0.95)
            worst = max(seconds)
            lines.append(
                f"{name:<11} p50 {p50 * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  worst {worst * 1000:6.1f} ms"
                f"  goal p95 < {GOAL_SECONDS * 1000:.0f} ms: {verdict(p95 < GOAL_SECONDS)}"
            )
            store.close()
    first = seconds_of(lambda: charts.chart_specs(figures, "en"))
    again = seconds_of(lambda: charts.chart_specs(figures, "en"))
    lines.append(f"the four chart specs: first {first * 1000:.1f} ms, again (cached) {again * 1000:.3f} ms")
    lines.append(f"open {sum(c.requests for c in figures.open_by_status):,}, bands {figures.band_totals()}")
    lines.append(environment("sqlalchemy", "altair", load=True))
    return print_report("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
