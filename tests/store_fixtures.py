"""Stores for tests: SQLite in a temporary folder always, and PostgreSQL too when ``DATABASE_URL``
names one (each test gets a schema of its own, dropped afterwards); a clock the test sets; and
realistic requests to submit.

Loaded as a plugin by ``conftest.py``, so every test module can ask for ``store``.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from samples import BLAABAER, stored_documents
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from porting.documents import UploadedDocument
from porting.store import (
    DATA_DIR_VARIABLE,
    DATABASE_URL_VARIABLE,
    Store,
    StoredRequest,
    Submitted,
    by_token,
    change_status,
    open_store,
    submit,
)

POSTGRES_URL = (
    os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""
)
SUBMITTED_AT = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


@dataclass
class Clock:
    """The store's clock, set by the test: nothing depends on today's date."""

    now: datetime = SUBMITTED_AT

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def _postgres_schema(url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped at the end."""
    schema = f"test_store_{secrets.token_hex(6)}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with admin.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(not POSTGRES_URL, reason="DATABASE_URL names no PostgreSQL"),
        ),
    ]
)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/t.db"
    else:
        with _postgres_schema(POSTGRES_URL) as url:
            yield url


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def own_app_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app's store (``ui.submit.shared_store``) on a SQLite database of this test's own, even
    when ``DATABASE_URL`` names the session's PostgreSQL: for tests that need an empty store."""
    from ui.submit import shared_store

    monkeypatch.delenv(DATABASE_URL_VARIABLE, raising=False)
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path))
    shared_store.clear()
    yield
    shared_store().close()
    shared_store.clear()


@pytest.fixture
def store(store_url: str, clock: Clock) -> Iterator[Store]:
    opened = open_store(store_url, clock=clock)
    yield opened
    opened.close()


# --- Realistic requests ------------------------------------------------------------------------

DETAILS = asdict(BLAABAER)  # every Norwegian letter: names must round-trip and be found
NUMBERS = [
    {
        "input": "21 23 45 67",
        "line": 1,
        "e164": "+4721234567",
        "display": "21 23 45 67",
        "type": "geographic",
        "area": "Oslo",
        "portable": True,
    },
    {
        "input": "815 12 345",
        "line": 2,
        "e164": "+4781512345",
        "display": "815 12 345",
        "type": "shared_cost",
        "area": None,
        "portable": False,
    },
]
QUOTE = {"currency": "EUR", "total": Decimal("55.00"), "lines": [{"numbers": 1, "cents": 5500}]}
TIMELINE = {"submission_day": date(2026, 11, 24), "estimated_porting_day": date(2026, 12, 8)}
PREFLIGHT = [{"check": "invoice_date", "ok": True}, {"check": "org_number_on_invoice", "ok": True}]


def documents_of(marker: str = "") -> list[UploadedDocument]:
    return stored_documents(marker)


def submit_sample(store: Store, key: str = "browser-tab-1", **changes: Any) -> Submitted:
    values: dict[str, Any] = {
        "idempotency_key": key,
        "language": "nb",
        "details": DETAILS,
        "numbers": NUMBERS,
        "quote": QUOTE,
        "timeline": TIMELINE,
        "preflight": PREFLIGHT,
        "documents": documents_of(),
    }
    return submit(store, **(values | changes))


def stored_of(store: Store, submitted: Submitted) -> StoredRequest:
    found = by_token(store, submitted.token)
    assert found is not None
    return found


def move(store: Store, submitted: Submitted, *statuses: str) -> StoredRequest:
    request = stored_of(store, submitted)
    for status in statuses:
        request = change_status(store, request, status, actor="Ola (porting team)")
    return request


def count_rows(store: Store, table: str) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(text(table))).scalar_one()


def document_hashes(request: StoredRequest) -> dict[str, str]:
    return {stored.slot: stored.sha256 for stored in request.documents}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
