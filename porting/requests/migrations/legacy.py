"""Databases from before Alembic: the hand-rolled versions 1 to 3, brought to the baseline revision.

Until Alembic, opening the store created the tables a database lacked, added to older tables the
columns each later version had added (``ALTER TABLE … ADD COLUMN``), and recorded each version
in ``schema_version``. Version 1 had requests, documents and events; version 2 added drafts,
their documents and the outbox, and the columns in ``COLUMNS_ADDED[2]``; version 3 the secrets
and the failed sign-ins, and the columns in ``COLUMNS_ADDED[3]``.

``bring_to_baseline`` does that once more, for a database Alembic has not seen: what it adds is
what the old code would have added, so afterwards the database is the baseline revision's and is
stamped with it. Everything here is history, as the old code wrote it: never edit it; a change
to a table is a new revision.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import cast

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    column as column_of,
    func,
    inspect,
    select,
    table,
)
from sqlalchemy.engine import Connection

from porting.requests import migrations

VERSION = 3  # the last hand-rolled version; Alembic's revisions came after it
VERSION_TABLE = "schema_version"

# Columns a version added to tables that existed before it, as the old code declared them.
COLUMNS_ADDED: Mapping[int, tuple[tuple[str, Column[object]], ...]] = {
    2: (
        ("requests", Column("split_from_id", Integer, ForeignKey("requests.id"))),
        ("documents", Column("replaced_at", DateTime(timezone=True))),
    ),
    3: (
        ("requests", Column("anonymised_at", DateTime(timezone=True))),
        ("requests", Column("counts_json", Text())),
        ("drafts", Column("client", String(64))),
        ("drafts", Column("size", Integer())),
        ("outbox", Column("failed_at", DateTime(timezone=True))),
    ),
}


def recorded_version(connection: Connection) -> int | None:
    """The newest version ``schema_version`` records; ``None`` without the table or a row."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    found = connection.scalar(select(func.max(table(VERSION_TABLE, column_of("version")).c.version)))
    return None if found is None else int(found)


def bring_to_baseline(connection: Connection) -> None:
    """Add every column and create every table the database lacks of the baseline revision.

    Each step looks first, so a database of any hand-rolled version, one half upgraded by hand,
    or one of the two early forms of version 3 (without the failed sign-ins, or without the
    outbox's ``failed_at``) ends the same. A table created here has its later columns already.
    """
    existing = set(inspect(connection).get_table_names())
    for added in COLUMNS_ADDED.values():
        for table_name, column in added:
            if table_name in existing:
                _add_column(connection, table_name, column)
    creators = cast(
        "Mapping[str, Callable[[], None]]", migrations.revision_module(migrations.BASELINE).TABLES
    )
    with Operations.context(MigrationContext.configure(connection)):
        for table_name, create in creators.items():
            if table_name not in existing:
                create()


def _add_column(connection: Connection, table_name: str, column: Column[object]) -> None:
    """``ALTER TABLE … ADD COLUMN`` as the old code wrote it, a reference inline (SQLite's only way)."""
    if column.name in {known["name"] for known in inspect(connection).get_columns(table_name)}:
        return
    kind = column.type.compile(dialect=connection.dialect)
    references = ""
    for foreign_key in column.foreign_keys:
        target_table, target_column = foreign_key.target_fullname.split(".")
        references = f" REFERENCES {target_table}({target_column})"
    connection.exec_driver_sql(f"ALTER TABLE {table_name} ADD COLUMN {column.name} {kind}{references}")
