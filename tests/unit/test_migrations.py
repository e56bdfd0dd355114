"""The database's revisions (Alembic, ``porting/requests/migrations``) and the bridge from the versions
before them: a database as the hand-rolled versions 1 and 2 made it is brought to head in place
with its data; a new one is made at head; opening one at head changes nothing; openers at the
same moment migrate once; and the tables in ``porting.requests.schema`` are what the revisions make.

Runs on SQLite always and on PostgreSQL when ``DATABASE_URL`` names one (``store_fixtures``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Engine, MetaData, String, create_engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from store_fixtures import Clock, request_content, submit_sample

from porting.cli.requests import EXIT_OK, add_requests_parser, requests_command
from porting.requests import drafts, migrations, outbox, schema
from porting.requests.migrations import legacy
from porting.requests.model import StoredNumber
from porting.requests.schema import Base, Store, StoreError, client_key, open_store
from porting.requests.store import by_reference, by_token, document, events

REPO_ROOT = Path(__file__).resolve().parents[2]
OPENERS = 4  # app instances and commands starting at the same moment
WAIT_S = 60  # for the other openers to reach the lock: far longer than they need

# --- The tables as the hand-rolled versions made them ---------------------------------------------
#
# What SQLAlchemy 2.1.9 emitted for the models of version 1 (porting/requests/store.py in 035c814) and
# version 2 (porting/requests/schema.py in c605754), on SQLite; ``_in_dialect`` gives the PostgreSQL form
# it emitted, which differs only in the types.

_V1_REQUESTS = """CREATE TABLE requests (
    id INTEGER NOT NULL, reference VARCHAR(64) NOT NULL, token VARCHAR(64) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL, status VARCHAR(32) NOT NULL,
    created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, closed_at DATETIME,
    language VARCHAR(8) NOT NULL, demo BOOLEAN NOT NULL, details_json TEXT NOT NULL,
    numbers_json TEXT NOT NULL, quote_json TEXT NOT NULL, timeline_json TEXT NOT NULL,
    preflight_json TEXT NOT NULL, porting_date DATE, rejection_reason VARCHAR(64), note TEXT NOT NULL,{}
    PRIMARY KEY (id), UNIQUE (reference), UNIQUE (token), UNIQUE (idempotency_key){}
)"""
_V1_DOCUMENTS = """CREATE TABLE documents (
    id INTEGER NOT NULL, request_id INTEGER NOT NULL, slot VARCHAR(32) NOT NULL, name TEXT NOT NULL,
    kind VARCHAR(16) NOT NULL, size INTEGER NOT NULL, sha256 VARCHAR(64) NOT NULL, data BLOB,
    created_at DATETIME NOT NULL, purged_at DATETIME,{}
    PRIMARY KEY (id), FOREIGN KEY(request_id) REFERENCES requests (id)
)"""
_VERSION_TABLE = """CREATE TABLE schema_version (
    version INTEGER NOT NULL, applied_at DATETIME NOT NULL, PRIMARY KEY (version)
)"""
_EVENTS = """CREATE TABLE events (
    id INTEGER NOT NULL, request_id INTEGER NOT NULL, at DATETIME NOT NULL, status VARCHAR(32) NOT NULL,
    note TEXT NOT NULL, actor VARCHAR(200) NOT NULL,
    PRIMARY KEY (id), FOREIGN KEY(request_id) REFERENCES requests (id)
)"""
VERSION_1 = (
    _VERSION_TABLE,
    _V1_REQUESTS.format("", ""),
    "CREATE INDEX ix_requests_status ON requests (status)",
    _V1_DOCUMENTS.format(""),
    "CREATE INDEX ix_documents_request_id ON documents (request_id)",
    _EVENTS,
    "CREATE INDEX ix_events_request_id ON events (request_id)",
)
# The tables version 2 added, which it created before adding its columns to the older ones.
VERSION_2_TABLES = (
    """CREATE TABLE drafts (
        id INTEGER NOT NULL, token VARCHAR(64) NOT NULL, created_at DATETIME NOT NULL,
        updated_at DATETIME NOT NULL, language VARCHAR(8) NOT NULL, state_json TEXT NOT NULL,
        PRIMARY KEY (id), UNIQUE (token)
    )""",
    "CREATE INDEX ix_drafts_updated_at ON drafts (updated_at)",
    """CREATE TABLE draft_documents (
        id INTEGER NOT NULL, draft_id INTEGER NOT NULL, slot VARCHAR(32) NOT NULL, name TEXT NOT NULL,
        sha256 VARCHAR(64) NOT NULL, data BLOB NOT NULL,
        PRIMARY KEY (id), FOREIGN KEY(draft_id) REFERENCES drafts (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_draft_documents_draft_id ON draft_documents (draft_id)",
    """CREATE TABLE outbox (
        id INTEGER NOT NULL, request_id INTEGER, kind VARCHAR(32) NOT NULL,
        recipient VARCHAR(320) NOT NULL, language VARCHAR(8) NOT NULL, subject TEXT NOT NULL,
        body TEXT NOT NULL, created_at DATETIME NOT NULL, sent_at DATETIME, attempts INTEGER NOT NULL,
        last_error TEXT NOT NULL, claimed_until DATETIME,
        PRIMARY KEY (id), FOREIGN KEY(request_id) REFERENCES requests (id)
    )""",
    "CREATE INDEX ix_outbox_request_id ON outbox (request_id)",
    "CREATE INDEX ix_outbox_sent_at ON outbox (sent_at)",
)
VERSION_2 = (  # a new database made by version 2
    _VERSION_TABLE,
    _V1_REQUESTS.format(
        "\n    split_from_id INTEGER,", ", FOREIGN KEY(split_from_id) REFERENCES requests (id)"
    ),
    "CREATE INDEX ix_requests_status ON requests (status)",
    _V1_DOCUMENTS.format("\n    replaced_at DATETIME,"),
    "CREATE INDEX ix_documents_request_id ON documents (request_id)",
    _EVENTS,
    "CREATE INDEX ix_events_request_id ON events (request_id)",
    *VERSION_2_TABLES,
)
VERSION_2_FROM_1 = (  # a version 1 database that version 2 brought up to date
    *VERSION_1,
    *VERSION_2_TABLES,
    "ALTER TABLE requests ADD COLUMN split_from_id INTEGER REFERENCES requests(id)",
    "ALTER TABLE documents ADD COLUMN replaced_at DATETIME",
)
MADE_BY = {
    "version 1": (VERSION_1, 1),
    "version 2": (VERSION_2, 2),
    "version 2 from 1": (VERSION_2_FROM_1, 2),
}

WRITTEN_AT = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
CLOSED_AT = datetime(2026, 10, 20, 15, 30, tzinfo=UTC)
OLD_TOKEN = "old-request-token-" + "x" * 14
SPLIT_TOKEN = "split-request-token-" + "y" * 12
DRAFT_TOKEN = "old-draft-token-" + "z" * 16
LOA = b"%PDF-1.4 the letter of authorisation, signed in 2026"
NUMBER = {"input": "22 33 44 55", "line": 1, "e164": "+4722334455", "display": "22 33 44 55",
          "type": "geographic", "area": "Oslo", "portable": True}  # fmt: skip


def _in_dialect(statement: str, dialect: str) -> str:
    if dialect != "postgresql":
        return statement
    statement = re.sub(r"(?<![_\w])id INTEGER NOT NULL", "id SERIAL NOT NULL", statement)
    return statement.replace("DATETIME", "TIMESTAMP WITH TIME ZONE").replace("BLOB", "BYTEA")


def _time(value: datetime, dialect: str) -> datetime:
    """A time as the old code bound it: naive UTC on SQLite, aware on PostgreSQL."""
    return value.replace(tzinfo=None) if dialect == "sqlite" else value


def _build(url: str, statements: tuple[str, ...], version: int) -> None:
    """A database made with ``statements``, holding rows as ``version`` wrote them."""
    engine = create_engine(url)
    with engine.begin() as connection:
        dialect = connection.dialect.name
        for statement in statements:
            connection.exec_driver_sql(_in_dialect(statement, dialect))
        tables = MetaData()
        tables.reflect(connection)
        _write_rows(connection, tables, version, dialect)
    engine.dispose()


def _write_rows(connection: Connection, tables: MetaData, version: int, dialect: str) -> None:
    at, closed = _time(WRITTEN_AT, dialect), _time(CLOSED_AT, dialect)
    t = tables.tables
    for number in range(1, version + 1):
        connection.execute(t["schema_version"].insert().values(version=number, applied_at=at))
    request = {
        "reference": "NO-2026-000001", "token": OLD_TOKEN, "idempotency_key": "tab-2026-10-01",
        "status": "ported", "created_at": at, "updated_at": closed, "closed_at": closed, "language": "nb",
        "demo": False, "porting_date": date(2026, 10, 20), "note": "Ferdig",
        **request_content(details={"company_name": "Gamle Fjordlinje AS"}, numbers=[NUMBER]).columns(),
    }  # fmt: skip
    old = connection.execute(t["requests"].insert().values(request)).inserted_primary_key[0]
    documents = t["documents"]
    connection.execute(documents.insert().values(
        request_id=old, slot="loa", name="Fullmakt.pdf", kind="pdf", size=len(LOA),
        sha256=hashlib.sha256(LOA).hexdigest(), data=LOA, created_at=at,
    ))  # fmt: skip
    connection.execute(documents.insert().values(
        request_id=old, slot="invoice", name="Faktura.pdf", kind="pdf", size=4, sha256="0" * 64,
        data=None, created_at=at, purged_at=closed,
    ))  # fmt: skip
    for status, when in (("received", at), ("ported", closed)):
        connection.execute(t["events"].insert().values(
            request_id=old, at=when, status=status, note="", actor="Kari (porting team)"
        ))  # fmt: skip
    if version < 2:
        return
    split = request | {
        "reference": "NO-2026-000002", "token": SPLIT_TOKEN, "idempotency_key": "split-1",
        "status": "received", "closed_at": None, "porting_date": None, "split_from_id": old,
    }  # fmt: skip
    connection.execute(t["requests"].insert().values(split))
    draft = connection.execute(t["drafts"].insert().values(
        token=DRAFT_TOKEN, created_at=at, updated_at=at, language="en",
        state_json=json.dumps({"company_name": "Utkast AS"}),
    )).inserted_primary_key[0]  # fmt: skip
    connection.execute(t["draft_documents"].insert().values(
        draft_id=draft, slot="loa", name="Utkast.pdf", sha256=hashlib.sha256(LOA).hexdigest(), data=LOA
    ))  # fmt: skip
    connection.execute(t["outbox"].insert().values(
        request_id=old, kind="status_changed", recipient="kari@fjordlinje.example", language="nb",
        subject="NO-2026-000001", body="Portert", created_at=closed, attempts=0, last_error="",
    ))  # fmt: skip


# --- What a database at head is ----------------------------------------------------------------------


def _differences(url: str) -> list[Any]:
    """What separates the tables of ``porting.requests.schema`` from the database's: none, at head."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def _at_head(url: str) -> tuple[str | None, list[int]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            revision = MigrationContext.configure(connection).get_current_revision()
            versions = connection.execute(text("SELECT version FROM schema_version ORDER BY version"))
            return revision, list(versions.scalars())
    finally:
        engine.dispose()


@pytest.fixture
def opened(store_url: str, clock: Clock) -> Iterator[Callable[[], Store]]:
    """Opens the store at ``store_url`` as the app does; closes what it opened at the end."""
    stores: list[Store] = []

    def open_it() -> Store:
        stores.append(open_store(store_url, clock=clock))
        return stores[-1]

    yield open_it
    for store in stores:
        store.close()


def test_a_new_database_is_made_at_head_with_the_tables_of_the_code(store_url: str, opened: Any) -> None:
    store = opened()

    assert _at_head(store_url) == (migrations.head(), [1, 2, 3])
    assert _differences(store_url) == []
    assert set(inspect(store.engine).get_table_names()) == set(schema.table_names()) | {"alembic_version"}
    assert submit_sample(store).reference == "NO-2026-000001"


@pytest.mark.parametrize("made_by", MADE_BY)
def test_an_old_database_is_brought_to_head_in_place_and_keeps_its_data(
    store_url: str, opened: Any, made_by: str
) -> None:
    statements, version = MADE_BY[made_by]
    _build(store_url, statements, version)

    store = opened()

    assert _at_head(store_url) == (migrations.head(), [1, 2, 3])
    assert _differences(store_url) == []
    old = by_token(store, OLD_TOKEN)
    assert old is not None
    assert (old.reference, old.status, old.language, old.note) == ("NO-2026-000001", "ported", "nb", "Ferdig")
    assert old.details.company_name == "Gamle Fjordlinje AS" and old.numbers == (StoredNumber(**NUMBER),)
    assert (old.created_at, old.closed_at, old.porting_date) == (WRITTEN_AT, CLOSED_AT, date(2026, 10, 20))
    assert (old.split_from, old.anonymised_at, old.counts) == (None, None, {"geographic": 1})
    loa, invoice = old.documents
    assert document(store, old, loa.id) == LOA and loa.replaced_at is None
    assert (invoice.slot, invoice.purged_at) == ("invoice", CLOSED_AT)
    assert [(event.status, event.at) for event in events(store, old)] == [
        ("received", WRITTEN_AT),
        ("ported", CLOSED_AT),
    ]
    if version >= 2:
        split = by_token(store, SPLIT_TOKEN)
        assert split is not None and split.split_from == "NO-2026-000001"
        draft = drafts.load(store, DRAFT_TOKEN)
        assert draft is not None and draft.state == {"company_name": "Utkast AS"}
        assert [d.data for d in draft.documents] == [LOA]
        [notice] = outbox.notices(store)
        assert (notice.reference, notice.recipient, notice.failed_at) == (
            "NO-2026-000001",
            "kari@fjordlinje.example",
            None,
        )
    # What the later versions added works on the old rows' database.
    assert submit_sample(store).reference == f"NO-2026-00000{version + 1}"
    visitor = client_key(store, "192.0.2.7")
    saved = drafts.save(store, token=None, language="nb", state={}, documents=[], client=visitor)
    assert drafts.load(store, saved) is not None


def test_a_version_3_database_is_only_stamped(store_url: str, opened: Any) -> None:
    """Version 3 made the tables revision 0001 makes; all it lacks is Alembic's own table."""
    store = opened()
    sent = submit_sample(store)
    with store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE alembic_version")
        # What revisions after 0001 added, version 3 never had.
        connection.exec_driver_sql("DROP INDEX ix_requests_group_id")
        connection.exec_driver_sql("ALTER TABLE requests DROP COLUMN group_id")
        connection.exec_driver_sql("DROP TABLE messages")
    store.close()

    reopened = opened()

    assert _at_head(store_url) == (migrations.head(), [1, 2, 3])
    assert _differences(store_url) == []
    assert by_reference(reopened, sent.reference) is not None


def test_an_old_database_is_brought_up_to_date_by_the_teams_commands_too(store_url: str) -> None:
    _build(store_url, VERSION_1, 1)
    parser = argparse.ArgumentParser(prog="python -m porting")
    add_requests_parser(parser.add_subparsers(dest="command", required=True), "en")
    printed = io.StringIO()

    status = requests_command(parser.parse_args(["requests", "list", "--database", store_url]), "en", printed)

    assert status == EXIT_OK and "NO-2026-000001" in printed.getvalue()
    assert _at_head(store_url) == (migrations.head(), [1, 2, 3])


# --- Opening again, and at the same moment ------------------------------------------------------------

_CHANGES = re.compile(r"^\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def test_opening_a_database_at_head_again_changes_nothing(store_url: str, opened: Any) -> None:
    _build(store_url, VERSION_2, 2)
    opened()
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        opened()
    finally:
        event.remove(Engine, "before_cursor_execute", seen)

    assert statements, "the second open read the database's revision"
    assert [statement for statement in statements if _CHANGES.match(statement)] == []
    assert _at_head(store_url) == (migrations.head(), [1, 2, 3])


@pytest.mark.parametrize("made_by", [None, "version 1"])
def test_openers_at_the_same_moment_migrate_once(
    store_url: str, clock: Clock, monkeypatch: pytest.MonkeyPatch, made_by: str | None
) -> None:
    if made_by:
        _build(store_url, *MADE_BY[made_by])
    arrived = threading.Condition()
    at_lock: list[int] = []
    upgrades: list[int] = []
    bridged: list[int] = []
    lock, upgrade, bridge = schema.migration_lock, migrations.upgrade, legacy.bring_to_baseline

    def counted_lock(engine: Engine) -> AbstractContextManager[Connection]:
        with arrived:
            at_lock.append(1)
            arrived.notify_all()
        return lock(engine)

    def upgrade_once_all_wait(connection: Connection) -> None:
        upgrades.append(1)
        with arrived:  # the first holds the lock, mid-migration, until every other opener waits for it
            assert arrived.wait_for(lambda: len(at_lock) == OPENERS, timeout=WAIT_S)
        upgrade(connection)

    def counted_bridge(connection: Connection) -> None:
        bridged.append(1)
        bridge(connection)

    monkeypatch.setattr(schema, "migration_lock", counted_lock)
    monkeypatch.setattr(migrations, "upgrade", upgrade_once_all_wait)
    monkeypatch.setattr(legacy, "bring_to_baseline", counted_bridge)

    def open_and_close(_: int) -> None:
        open_store(store_url, clock=clock).close()

    with ThreadPoolExecutor(max_workers=OPENERS) as pool:
        list(pool.map(open_and_close, range(OPENERS)))

    assert (len(at_lock), len(upgrades), len(bridged)) == (OPENERS, 1, 1 if made_by else 0)
    assert _at_head(store_url) == (migrations.head(), [1, 2, 3])
    assert _differences(store_url) == []


def test_a_new_sqlite_file_another_connection_writes_to_is_put_in_wal_mode_once_it_commits(
    tmp_path: Path,
) -> None:
    # SQLite refuses a switch to WAL at once, busy timeout or not, while another connection to a
    # new file is in a transaction: the first visitors opening the store together met it.
    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE t (x)")
    failures: list[BaseException] = []

    def connect() -> None:
        try:
            with schema.engine_for(f"sqlite:///{path}").connect() as connection:
                assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        except BaseException as error:
            failures.append(error)

    opener = threading.Thread(target=connect)
    opener.start()
    opener.join(timeout=0.5)
    assert opener.is_alive() and failures == []  # waiting for the other's commit, not refused
    other.execute("COMMIT")
    other.close()
    opener.join(timeout=WAIT_S)
    assert not opener.is_alive() and failures == []


# --- Databases this code does not know --------------------------------------------------------------


def test_a_database_of_a_newer_revision_is_refused_unchanged(store_url: str, opened: Any) -> None:
    with opened().engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff0002newer'")

    with pytest.raises(StoreError) as refused:
        opened()

    assert (refused.value.code, refused.value.params) == ("store.schema.newer", (("found", "ffff0002newer"),))
    assert _at_head(store_url) == ("ffff0002newer", [1, 2, 3])


def test_a_database_of_a_newer_hand_rolled_version_is_refused_unchanged(store_url: str, opened: Any) -> None:
    _build(store_url, VERSION_1, 1)
    engine = create_engine(store_url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO schema_version VALUES (4, :at)"), {"at": WRITTEN_AT})
    engine.dispose()

    with pytest.raises(StoreError) as refused:
        opened()

    assert (refused.value.code, refused.value.params) == ("store.schema.newer", (("found", "4"),))
    assert _at_head(store_url) == (None, [1, 4])
    engine = create_engine(store_url)
    assert "outbox" not in inspect(engine).get_table_names()
    engine.dispose()


# --- The revisions and the tables agree ----------------------------------------------------------------


def test_a_table_changed_without_a_revision_is_found(store_url: str, opened: Any) -> None:
    opened()
    changed = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["drafts"].append_column(Column("colour", String(16)))
    engine = create_engine(store_url)

    with engine.connect() as connection:
        found = compare_metadata(MigrationContext.configure(connection), changed)
    engine.dispose()

    assert [(kind, table, column.name) for kind, _schema, table, column in found] == [
        ("add_column", "drafts", "colour")
    ]


def test_the_alembic_command_finds_nothing_to_write_on_a_database_it_made(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", store_url)
    settings = Config(str(REPO_ROOT / "alembic.ini"))

    command.upgrade(settings, "head")
    command.check(settings)  # raises when the tables and the revisions differ

    assert _at_head(store_url)[0] == migrations.head()


TRIAL_REVISION = """
import sqlalchemy as sa
from alembic import op

revision, down_revision, branch_labels, depends_on = "trial", "{head}", None, None


def upgrade() -> None:
{}
"""
WIDER_REASON = """    with op.batch_alter_table("requests") as batch:
        batch.alter_column("rejection_reason", type_=sa.String(length=128))"""
ORPHANS = """    op.execute("DELETE FROM events")
    op.execute("DELETE FROM requests")  # its documents still point at it"""


def _upgrade_with(store: Store, tmp_path: Path, upgrade: str) -> None:
    """Run our revisions and a trial one after them doing ``upgrade`` on ``store``, as open_store would."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrations.SCRIPT_LOCATION, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    trial = TRIAL_REVISION.replace("{head}", migrations.head()).format(upgrade)  # after our newest
    (scripts / "versions" / "trial.py").write_text(trial, encoding="utf-8")
    settings = migrations.config()
    settings.set_main_option("script_location", str(scripts))
    with schema.migration_lock(store.engine) as connection:
        settings.attributes[migrations.CONNECTION] = connection
        command.upgrade(settings, "head")


def _orphan_document(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO documents (request_id, slot, name, kind, size, sha256, created_at)"
                 " VALUES (999, 'loa', 'x.pdf', 'pdf', 1, :hash, :at)"),
            {"hash": "0" * 64, "at": WRITTEN_AT},
        )  # fmt: skip


def test_a_batch_revision_rebuilds_a_table_others_reference_and_keeps_its_rows(
    store_url: str, opened: Any, tmp_path: Path
) -> None:
    """SQLite changes a column only by copying the table (batch mode): the documents that
    reference the requests do not stop it, and their references are enforced again after it."""
    first = submit_sample(opened())
    store = Store(schema.engine_for(store_url))  # open_store would refuse the trial revision
    try:
        _upgrade_with(store, tmp_path, WIDER_REASON)

        with store.engine.connect() as connection:
            columns = {column["name"]: column for column in inspect(connection).get_columns("requests")}
            assert MigrationContext.configure(connection).get_current_revision() == "trial"
        assert columns["rejection_reason"]["type"].length == 128
        kept = by_reference(store, first.reference)
        assert kept is not None and len(kept.documents) == 3
        with pytest.raises(IntegrityError):
            _orphan_document(store)
    finally:
        store.close()


def test_a_revision_that_leaves_a_reference_broken_is_rolled_back(
    store_url: str, opened: Any, tmp_path: Path
) -> None:
    first = submit_sample(opened())
    store = Store(schema.engine_for(store_url))
    try:
        with pytest.raises((RuntimeError, IntegrityError)):  # SQLite: at the check; PostgreSQL: at once
            _upgrade_with(store, tmp_path, ORPHANS)

        assert _at_head(store_url) == (migrations.head(), [1, 2, 3])
        assert by_reference(store, first.reference) is not None
    finally:
        store.close()
