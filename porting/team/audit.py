"""The team's audit trail of what changes no request: sign-ins, refused sign-ins and exported
archives, each with who (as ``porting.team.members`` names them) and when. Status changes,
decisions and notes are the requests' own events (``porting.requests.store``); the console's
history of a request shows both.

>>> from datetime import UTC, datetime
>>> from porting.requests.schema import open_store
>>> store = open_store("sqlite://")
>>> at = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
>>> record(store, "Kari <kari@fjord.no>", EXPORT, at, reference="NO-2026-000001")
>>> [(event.action, event.actor) for event in for_reference(store, "NO-2026-000001")]
[('export', 'Kari <kari@fjord.no>')]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from porting.requests.schema import Store, TeamEventRow, transaction

SIGN_IN, SIGN_IN_REFUSED, EXPORT = "sign_in", "sign_in_refused", "export"
ACTIONS = (SIGN_IN, SIGN_IN_REFUSED, EXPORT)
_ACTOR_LENGTH = 200  # the column's


@dataclass(frozen=True)
class TeamEvent:
    at: datetime
    actor: str
    action: str
    reference: str | None


def record(store: Store, actor: str, action: str, now: datetime, *, reference: str | None = None) -> None:
    """Note that ``actor`` did ``action`` (one of ``ACTIONS``) at ``now``."""
    if action not in ACTIONS:
        raise ValueError(f"unknown team action {action!r}; known: {', '.join(ACTIONS)}")
    with transaction(store, write=True) as session:
        session.add(TeamEventRow(at=now, actor=actor[:_ACTOR_LENGTH], action=action, reference=reference))


def for_reference(store: Store, reference: str) -> tuple[TeamEvent, ...]:
    """What the team did about the request ``reference``, oldest first."""
    with transaction(store, write=False) as session:
        rows = session.scalars(
            select(TeamEventRow).where(TeamEventRow.reference == reference).order_by(TeamEventRow.id)
        )
        return tuple(TeamEvent(row.at, row.actor, row.action, row.reference) for row in rows)


def recent(store: Store, limit: int = 100) -> tuple[TeamEvent, ...]:
    """The latest ``limit`` events of the whole team, newest first."""
    with transaction(store, write=False) as session:
        rows = session.scalars(select(TeamEventRow).order_by(TeamEventRow.id.desc()).limit(limit))
        return tuple(TeamEvent(row.at, row.actor, row.action, row.reference) for row in rows)
