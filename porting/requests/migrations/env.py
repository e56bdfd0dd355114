"""How Alembic runs the revisions, for the store and for the ``alembic`` command.

``porting.requests.schema.open_store`` hands over its open connection, already in the transaction that
holds the migration lock (``migrations.CONNECTION``): the revisions run in that transaction, and
the store commits it. The ``alembic`` command has no connection: it opens ``sqlalchemy.url``
(empty in ``alembic.ini``, so ``database_url()``) the way the store does, under the same lock.

Every revision is written in batch mode (``render_as_batch``), the only way SQLite can change a
column, and the same revision then runs on PostgreSQL as plain ``ALTER TABLE``.

Importing this file outside Alembic, as pytest's doctest collection does, runs nothing.
"""

from __future__ import annotations

from logging.config import fileConfig
from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from porting.requests import migrations
from porting.requests.schema import Base, UtcDateTime, database_url, engine_for, migration_lock


def _render_item(kind: str, item: Any, _autogen: AutogenContext) -> str | bool:
    """Write the store's UTC time column as what it is in the database, so a revision does not
    import the app's code: a revision is history and must not change when the code does."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _options() -> dict[str, Any]:
    return {
        "target_metadata": Base.metadata,
        "render_as_batch": True,
        "render_item": _render_item,
        "compare_type": True,
    }


def _run_on(connection: Connection) -> None:
    """On a connection under ``migration_lock`` (which lets SQLite copy a referenced table)."""
    context.configure(connection=connection, **_options())
    with context.begin_transaction():
        context.run_migrations()


def _run() -> None:
    settings = context.config
    given = settings.attributes.get(migrations.CONNECTION)
    if given is not None:
        _run_on(given)
        return
    if settings.cmd_opts is not None and settings.config_file_name is not None:
        # Only as the alembic command: the app and the tests keep the logging they have.
        fileConfig(settings.config_file_name, disable_existing_loggers=False)
    url = settings.get_main_option("sqlalchemy.url") or database_url()
    if context.is_offline_mode():
        context.configure(url=url, literal_binds=True, **_options())
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_for(url)
    try:
        with migration_lock(engine) as connection:
            _run_on(connection)
    finally:
        engine.dispose()


if hasattr(context, "config"):  # set only while Alembic runs this file
    _run()
