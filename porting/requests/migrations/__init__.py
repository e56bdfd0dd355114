"""The database's revisions, run by Alembic: ``versions/`` holds one file per change to the tables.

``porting.requests.schema.open_store`` brings every database it opens to the newest revision (``head``),
inside the transaction that holds the store's migration lock, so the app and the
team's commands never work on an older one. A database from before Alembic (the hand-rolled
versions 1 to 3, recorded in ``schema_version``) is first brought to ``BASELINE`` by
``porting.requests.migrations.legacy`` and stamped with it; later revisions then run as for any other.

The configuration is made here in code, not read from ``alembic.ini``, so the revisions ship
with the package and need no file beside the app. ``alembic.ini`` in the repository is only for
developers writing a revision with the ``alembic`` command (README, "The database").

>>> is_known(head()), is_known(BASELINE), is_known("ffffffffffff")
(True, True, False)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import ModuleType

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import Connection

SCRIPT_LOCATION = Path(__file__).resolve().parent
BASELINE = "0001"  # the tables as the hand-rolled version 3 left them
CONNECTION = "connection"  # the Config attribute env.py takes the open, locked connection from

__all__ = [
    "BASELINE",
    "CONNECTION",
    "config",
    "current",
    "head",
    "is_known",
    "revision_module",
    "stamp",
    "upgrade",
]


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for these revisions; with ``connection``, env.py runs on it."""
    settings = Config()
    settings.set_main_option("script_location", str(SCRIPT_LOCATION))
    settings.attributes[CONNECTION] = connection
    return settings


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    """The newest revision: what every database is brought to."""
    newest = _scripts().get_current_head()
    if newest is None:
        raise RuntimeError(f"no revisions in {SCRIPT_LOCATION / 'versions'}")
    return newest


def is_known(revision: str) -> bool:
    """Whether ``revision`` is one of ours; a newer app's revision is not."""
    try:
        _scripts().get_revision(revision)
    except CommandError:
        return False
    return True


def current(connection: Connection) -> str | None:
    """The revision the database is at, ``None`` when Alembic has never run on it."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection) -> None:
    """Run the revisions after the database's own, up to ``head``, in the caller's transaction."""
    command.upgrade(config(connection), "head")


def stamp(connection: Connection, revision: str) -> None:
    """Record ``revision`` as the database's own without running anything."""
    MigrationContext.configure(connection).stamp(_scripts(), revision)


def revision_module(revision: str) -> ModuleType:
    """The loaded file of ``revision``, for the legacy bridge that reuses the baseline's tables."""
    script = _scripts().get_revision(revision)
    if script is None:
        raise CommandError(f"no revision {revision}")
    return script.module
