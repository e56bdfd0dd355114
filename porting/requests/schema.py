"""The database behind submitted requests: its tables, how it is opened, and its versions.

The database is ``DATABASE_URL`` (PostgreSQL in production), else a SQLite file in the data
directory (``PORTING_DATA_DIR``, by default ``data/`` in the repository). Opening it runs the
Alembic revisions in ``porting/requests/migrations/`` that the database has not had, in one transaction
under ``migration_lock``: a new database gets every table, an older one the changes since. One
from before Alembic (the hand-rolled versions 1 to ``SCHEMA_VERSION``, in ``schema_version``) is
first brought to the baseline revision in place, with its data (``porting.requests.migrations.legacy``).

The operations live beside it: ``porting.requests.store`` (requests), ``porting.requests.drafts``
(drafts a customer resumes later) and ``porting.requests.outbox`` (notices waiting to be mailed).
Nothing here logs details.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import stat
import time as time_module
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    create_engine,
    event,
    insert,
    inspect,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import (
    Session,
    sessionmaker,
)

from porting import settings
from porting.requests import migrations, search as search  # search: its events keep search columns current
from porting.requests.migrations import legacy

# The tables are declared in porting.requests.rows; the package takes them from here (X as X: re-exported).
from porting.requests.rows import (
    Base as Base,
    DocumentRow as DocumentRow,
    DraftDocumentRow as DraftDocumentRow,
    DraftRow as DraftRow,
    EventRow as EventRow,
    MessageRow as MessageRow,
    OutboxRow as OutboxRow,
    RequestNumberRow as RequestNumberRow,
    RequestRow as RequestRow,
    RequestSearchRow as RequestSearchRow,
    SchemaVersionRow as SchemaVersionRow,
    SecretRow as SecretRow,
    SignInFailureRow as SignInFailureRow,
    TeamEventRow as TeamEventRow,
    UtcDateTime as UtcDateTime,
)

# The last hand-rolled version, which every database records in schema_version; changes since
# are Alembic revisions (porting/requests/migrations/versions/), recorded in alembic_version.
SCHEMA_VERSION = legacy.VERSION
DATABASE_URL_VARIABLE = "DATABASE_URL"
DATA_DIR_VARIABLE = "PORTING_DATA_DIR"
DATABASE_FILE = "porting.db"
TOKEN_BYTES = 24  # 192 bits: a token cannot be guessed, so it alone opens a request or a draft
SQLITE_BUSY_TIMEOUT_MS = 30_000  # writers queue behind each other; one submission takes milliseconds
_WRITE = "porting_store_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)


class StoreError(Exception):
    """Why the store refused: a code (``store.…``), its parameters and a message in English."""

    def __init__(self, code: str, message: str, /, **params: str) -> None:
        super().__init__(f"{message} ({code})")
        self.code = code
        self.params: tuple[tuple[str, str], ...] = tuple(params.items())


# --- Opening ---------------------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Mailing:
    """Where notices point and who the team is: ``PORTING_PUBLIC_URL``, ``PORTING_TEAM_EMAIL``
    and ``PORTING_TEAM_LANGUAGE``."""

    public_url: str = settings.DEFAULT_PUBLIC_URL
    team_address: str | None = None
    team_language: str = "en"

    @classmethod
    def from_environment(cls) -> Mailing:
        notices = settings.section(settings.Notices)  # SettingsError names a wrong variable
        return cls(notices.public_url, notices.team_address, notices.team_language)


@dataclass(frozen=True)
class Store:
    """An open database; ``clock`` gives the aware time stamped on rows (tests pass their own)."""

    engine: Engine
    clock: Callable[[], datetime] = _utc_now
    mailing: Mailing = field(default_factory=Mailing)

    def close(self) -> None:
        self.engine.dispose()


def data_dir() -> Path:
    """Where the app keeps its files: ``PORTING_DATA_DIR``, else ``data/`` in the repository."""
    return settings.section(settings.Store).data_dir


def database_url() -> str:
    """``DATABASE_URL``, else the SQLite file ``porting.db`` in ``data_dir()``."""
    url = settings.section(settings.Store).database_url or f"sqlite:///{data_dir() / DATABASE_FILE}"
    # Hosting platforms hand out postgres://, which SQLAlchemy 2 no longer accepts.
    return "postgresql://" + url.removeprefix("postgres://") if url.startswith("postgres://") else url


def open_store(
    url: str | None = None, *, clock: Callable[[], datetime] = _utc_now, mailing: Mailing | None = None
) -> Store:
    """The store at ``url`` (default ``database_url()``), created or brought up to this version."""
    store = Store(engine_for(url), clock, mailing or Mailing.from_environment())
    _prepare(store)
    return store


def engine_for(url: str | None = None) -> Engine:
    """An engine on ``url`` (default ``database_url()``) as the store uses it; a SQLite file and
    its folder are made private first (``_private_file``)."""
    address = make_url(url or database_url())
    # hide_parameters: SQL logs and database errors must never carry details or document bytes.
    if address.get_backend_name() == "sqlite":
        if address.database and address.database != ":memory:":
            _private_file(Path(address.database))
        engine = create_engine(address, hide_parameters=True, connect_args={"check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    return create_engine(address, hide_parameters=True, pool_pre_ping=True)


PRIVATE_DIR_MODE = 0o700  # the data folder: the app's user only
PRIVATE_FILE_MODE = 0o600  # the database file; SQLite gives its -wal and -shm the same mode


def _private_file(path: Path) -> None:
    """Create the database file and its folder readable by the app's user only, or make them so.

    The folder is made 0700 and the file 0600 before SQLite opens it: SQLite creates the file's
    ``-wal`` and ``-shm`` with the mode of the database file, so they are private too. An older
    deployment's world-readable files are narrowed the same way.
    """
    folder = path.parent
    folder.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    found = folder.stat()
    # Only a folder of the app's own: never a shared one such as /tmp (sticky) or another user's.
    if found.st_mode & 0o077 and found.st_uid == os.getuid() and not found.st_mode & stat.S_ISVTX:
        folder.chmod(PRIVATE_DIR_MODE)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE))
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if companion.exists() and companion.stat().st_mode & 0o077:
            companion.chmod(PRIVATE_FILE_MODE)


def _configure_sqlite(engine: Engine) -> None:
    """WAL and a busy timeout so threads share the file, and transactions that begin as asked.

    pysqlite would begin a transaction only at the first write, after the reads before it; a
    write transaction begins IMMEDIATE instead, so it holds the write lock from its first read
    and waits for it rather than failing. Reads begin a plain transaction: one snapshot.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(connection: Any, _record: Any) -> None:
        connection.isolation_level = None  # pysqlite begins nothing: _on_begin does
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _write_ahead_log(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def _write_ahead_log(cursor: Any) -> None:
    """Put the database in WAL mode, once: a database already in it is left alone, since switching
    takes the file for itself. SQLite answers a switch at once with "database is locked" (its busy
    timeout does not apply) when another connection to a new file is in a transaction, as when
    first visitors open the store together: the switch is tried again until that one commits."""
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time_module.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time_module.monotonic() > deadline:
                raise
            time_module.sleep(0.01)  # the other connection's transaction, which we cannot wait on


@contextmanager
def transaction(store: Store, *, write: bool) -> Iterator[Session]:
    """A session in one transaction, committed at the end, rolled back on any exception."""
    bind = store.engine.execution_options(**{_WRITE: True}) if write else store.engine
    with sessionmaker(bind, expire_on_commit=False).begin() as session:
        yield session


@contextmanager
def migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in one write transaction that holds the database's migration lock.

    Several app instances and the team's commands may open the same database at
    once; only one at a time looks at its version and migrates it, and the others then find it
    done. PostgreSQL takes an advisory lock for the transaction, SQLite's BEGIN IMMEDIATE holds
    the file's write lock. Committed at the end, rolled back on any exception.

    SQLite changes a column only by copying its table, dropping the old one and renaming the
    copy (Alembic's batch mode), which references from other tables do not survive while foreign
    keys are enforced. So, as SQLite's own procedure for it says, they are off for this
    transaction (the pragma must come before BEGIN), checked with ``PRAGMA foreign_key_check``
    before the commit when the transaction changed anything, and on again afterwards.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_pragma(connection, "PRAGMA foreign_keys = OFF")
        try:
            with connection.execution_options(**{_WRITE: True}).begin():
                if connection.dialect.name == "postgresql":
                    connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4747)")  # 47: Norway
                before = _sqlite_changes(connection) if sqlite else None
                yield connection
                if sqlite and _sqlite_changes(connection) != before:
                    _check_references(connection)
        finally:
            if sqlite:
                _sqlite_pragma(connection, "PRAGMA foreign_keys = ON")


def _sqlite_pragma(connection: Connection, pragma: str) -> None:
    """Run ``pragma`` outside any transaction: pysqlite begins none itself (``_on_begin`` does)."""
    connection.connection.driver_connection.execute(pragma)  # type: ignore[union-attr]


def _sqlite_changes(connection: Connection) -> tuple[int, int]:
    """The schema's version cookie and the rows changed so far: different once anything changed."""
    cookie = int(connection.exec_driver_sql("PRAGMA schema_version").scalar_one())
    return cookie, int(connection.connection.driver_connection.total_changes)  # type: ignore[union-attr]


def _check_references(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        raise RuntimeError(f"a migration left rows of {broken[0]} whose {broken[2]} row is missing")


def _prepare(store: Store) -> None:
    """Create a new database, or migrate an older one, in one transaction under the lock.

    A database Alembic has not seen but that has requests is from before it: the bridge brings
    it to the baseline revision and stamps it so. So is one at the baseline whose
    ``schema_version`` records an older version (a version's columns were taken away by hand).
    Then the revisions it lacks run, and ``schema_version`` records the hand-rolled versions it
    did not, so code from before Alembic still sees a database it knows.
    """
    with migration_lock(store.engine) as connection:
        revision = migrations.current(connection)
        if revision is not None and not migrations.is_known(revision):
            raise StoreError(
                "store.schema.newer",
                f"the database has schema revision {revision}; this code knows {migrations.head()}",
                found=revision,
            )
        found = legacy.recorded_version(connection)
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError(
                "store.schema.newer",
                f"the database has schema version {found}; this code knows {SCHEMA_VERSION}",
                found=str(found),
            )
        if found is None and inspect(connection).has_table(RequestRow.__tablename__):
            found = 1  # version 1 always recorded itself; this is a guard, not a path
        before_alembic = revision is None and found is not None
        if before_alembic or (revision == migrations.BASELINE and (found or 0) < SCHEMA_VERSION):
            legacy.bring_to_baseline(connection)
            if before_alembic:
                migrations.stamp(connection, migrations.BASELINE)
        if revision != migrations.head():  # at head, as almost every open finds it: nothing to run
            migrations.upgrade(connection)
        for version in range((found or 0) + 1, SCHEMA_VERSION + 1):
            connection.execute(insert(SchemaVersionRow).values(version=version, applied_at=store.clock()))


def columns_added_in(version: int) -> tuple[tuple[str, Column[Any]], ...]:
    """The (table, column) pairs hand-rolled ``version`` added to tables that existed before it."""
    return legacy.COLUMNS_ADDED.get(version, ())


def new_token() -> str:
    """An unguessable token for a customer's private link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def app_secret(store: Store, name: str) -> bytes:
    """The app's own key ``name``: made at random on first use and kept in the database, so
    every instance of the app and every restart uses the same one."""
    known = _SECRETS.setdefault(store.engine, {})
    for _attempt in range(2):  # another instance may make it at the same moment: then read theirs
        if name in known:
            break
        try:
            with transaction(store, write=True) as session:
                row = session.get(SecretRow, name)
                if row is None:
                    row = SecretRow(name=name, value=secrets.token_hex(32))
                    session.add(row)
                    session.flush()
                known[name] = bytes.fromhex(row.value)
        except IntegrityError:
            continue
    return known[name]


_SECRETS: weakref.WeakKeyDictionary[Engine, dict[str, bytes]] = weakref.WeakKeyDictionary()


def client_key(store: Store, address: str | None) -> str | None:
    """Who a visitor is for limits, without keeping their address: a keyed hash of it.

    The key is the app's own (``app_secret``), so the hash cannot be reversed by trying every
    address; ``None`` when the address is unknown (a test client, a local tool).
    """
    if not address:
        return None
    digest = hmac.new(app_secret(store, "client_key"), address.strip().lower().encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def retention_cutoff(today: date, retention_days: int) -> datetime:
    """The start (UTC) of the day ``retention_days`` before ``today``: older than this is purged."""
    if retention_days < 0:
        raise ValueError("retention_days cannot be negative")
    return datetime.combine(today - timedelta(days=retention_days), time.min, tzinfo=UTC)


def table_names() -> tuple[str, ...]:
    """Every table of this version, for tests and the team's checks."""
    return tuple(Base.metadata.tables)
