"""Console sign-in attempts, counted in the database so that a new browser session resets nothing.

Every attempt is counted per client (``schema.client_key``, a keyed hash of the address, never the
address) and in total. A client's first ``Limits.delay_after`` wrong passwords are free; after
them each attempt waits 2^k seconds from the last wrong one (k = 1, 2, …), and after
``Limits.lockout_after`` the client is locked out for ``Limits.lockout``. When the wrong passwords
of all clients within ``Limits.window`` reach ``Limits.total_bound``, everyone is locked out until
the oldest of them leave the window: that holds against guesses from many addresses. A right
password forgets its client's wrong ones. Nothing sleeps: an early attempt is refused with the
time it may come again.

An attempt is recorded as a failure *before* the password is compared (``attempt``), in one write
transaction, so guesses sent in parallel cannot all slip through one gap; ``succeeded`` then
removes the client's failures. Comparing passwords is ``password_matches`` (constant time).

>>> forwarded_client("203.0.113.7, 10.0.0.2")
'10.0.0.2'
>>> forwarded_client(" ") is None
True
>>> password_matches("fjord-lighthouse-47", "fjord-lighthouse-47"), password_matches("a", "b")
(True, False)
"""

from __future__ import annotations

import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from porting.requests.schema import SignInFailureRow, Store, transaction

UNKNOWN_CLIENT = "unknown"  # clients without an address share one count: they are not let off
WAIT, LOCKED, LOCKED_ALL = "wait", "locked", "locked_all"  # why an attempt is refused
_ADVISORY_LOCK = 4748  # PostgreSQL: attempts queue behind each other, as SQLite's write lock does


@dataclass(frozen=True)
class Limits:
    """How many wrong passwords a client, and everyone together, may send, and the waits after."""

    delay_after: int = 3  # free wrong passwords per client; then 2, 4, 8 … seconds between attempts
    lockout_after: int = 10  # wrong passwords per client before its lockout
    lockout: timedelta = timedelta(minutes=15)
    remember: timedelta = timedelta(hours=24)  # a client's wrong passwords older than this are forgotten
    window: timedelta = timedelta(minutes=15)  # of the total count
    total_bound: int = 100  # wrong passwords of all clients within ``window`` that lock everyone out


@dataclass(frozen=True)
class Refusal:
    """An attempt refused unread: why (``WAIT``, ``LOCKED``, ``LOCKED_ALL``) and until when."""

    reason: str
    until: datetime

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds until an attempt is accepted again, at least 1."""
        return max(1, math.ceil((self.until - now).total_seconds()))


@dataclass(frozen=True)
class Attempt:
    """An attempt let through, counted as a wrong password until ``succeeded`` says otherwise."""

    failures: int  # the client's wrong passwords, this attempt included


def password_matches(entered: str, password: str) -> bool:
    """Whether ``entered`` is the password, compared in constant time (``hmac.compare_digest``)."""
    return hmac.compare_digest(entered.encode("utf-8"), password.encode("utf-8"))


def forwarded_client(header: str | None) -> str | None:
    """The client's address in an ``X-Forwarded-For`` header: its last entry, the one our own
    proxy added; entries before it are whatever the client chose to send."""
    entries = [entry.strip() for entry in (header or "").split(",")]
    return entries[-1] or None


def refusal(store: Store, client: str | None, now: datetime, limits: Limits | None = None) -> Refusal | None:
    """Why an attempt from ``client`` now would be refused, or ``None`` when it would be read."""
    with transaction(store, write=False) as session:
        return _refusal(session, client or UNKNOWN_CLIENT, now, limits or Limits())


def attempt(
    store: Store, client: str | None, now: datetime, limits: Limits | None = None
) -> Attempt | Refusal:
    """Let an attempt from ``client`` through, counted as a wrong password, or refuse it."""
    who = client or UNKNOWN_CLIENT
    chosen = limits or Limits()
    with transaction(store, write=True) as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(select(func.pg_advisory_xact_lock(_ADVISORY_LOCK)))
        session.execute(
            delete(SignInFailureRow).where(SignInFailureRow.at < now - max(chosen.remember, chosen.window))
        )
        refused = _refusal(session, who, now, chosen)
        if refused is not None:
            return refused
        session.add(SignInFailureRow(client=who, at=now))
        session.flush()
        return Attempt(len(_failures(session, who, now, chosen)))


def succeeded(store: Store, client: str | None) -> None:
    """The password was right: forget the client's wrong passwords, this attempt's included."""
    with transaction(store, write=True) as session:
        session.execute(delete(SignInFailureRow).where(SignInFailureRow.client == (client or UNKNOWN_CLIENT)))


def _failures(session: Session, client: str, now: datetime, limits: Limits) -> list[datetime]:
    """When ``client`` sent the wrong passwords it is still held to, oldest first."""
    found = select(SignInFailureRow.at).where(
        SignInFailureRow.client == client, SignInFailureRow.at > now - limits.remember
    )
    return list(session.scalars(found.order_by(SignInFailureRow.at)))


def _refusal(session: Session, client: str, now: datetime, limits: Limits) -> Refusal | None:
    own = _client_refusal(session, client, now, limits)
    refusals = [own] if own is not None else []
    recent = select(SignInFailureRow.at).where(SignInFailureRow.at > now - limits.window)
    total = session.scalar(select(func.count()).select_from(recent.subquery())) or 0
    if total >= limits.total_bound:
        # Below the bound again once the oldest (total - bound + 1) leave the window.
        oldest = recent.order_by(SignInFailureRow.at).offset(total - limits.total_bound).limit(1)
        refusals.append(Refusal(LOCKED_ALL, session.scalars(oldest).one() + limits.window))
    waiting = [found for found in refusals if found.until > now]
    return max(waiting, key=lambda found: found.until) if waiting else None


def _client_refusal(session: Session, client: str, now: datetime, limits: Limits) -> Refusal | None:
    failures = _failures(session, client, now, limits)
    if len(failures) >= limits.lockout_after:
        return Refusal(LOCKED, failures[-1] + limits.lockout)
    if len(failures) >= limits.delay_after:
        seconds = 2 ** (len(failures) - limits.delay_after + 1)
        return Refusal(WAIT, failures[-1] + timedelta(seconds=seconds))
    return None
