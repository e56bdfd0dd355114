"""Console sign-in attempts (porting.team.signin) against a real SQLite store: the waits that grow, the
lockout of one client and of everyone, and what a right password forgets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from porting.requests.schema import Store, open_store
from porting.team import signin

START = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
LIMITS = signin.Limits(delay_after=3, lockout_after=6, lockout=timedelta(minutes=15), total_bound=20)


@pytest.fixture
def opened() -> Iterator[Store]:
    store = open_store("sqlite://")
    yield store
    store.close()


def wrong(opened: Store, client: str | None, at: datetime) -> signin.Attempt:
    """A wrong password from ``client`` at ``at`` that must be let through."""
    result = signin.attempt(opened, client, at, LIMITS)
    assert isinstance(result, signin.Attempt), result
    return result


def test_the_first_wrong_passwords_are_free_then_each_wait_doubles(opened: Store) -> None:
    for count in range(1, LIMITS.delay_after + 1):
        assert wrong(opened, "kontor", START).failures == count
    waits = []
    at = START
    for _ in range(LIMITS.lockout_after - LIMITS.delay_after):
        refused = signin.attempt(opened, "kontor", at, LIMITS)
        assert isinstance(refused, signin.Refusal) and refused.reason == signin.WAIT
        waits.append(refused.seconds_left(at))
        assert signin.refusal(opened, "kontor", refused.until - timedelta(milliseconds=1), LIMITS) == refused
        at = refused.until
        wrong(opened, "kontor", at)
    assert waits == [2, 4, 8]


def test_a_client_is_locked_out_after_too_many_then_may_try_again(opened: Store) -> None:
    at = START
    for _ in range(LIMITS.lockout_after):
        refused = signin.refusal(opened, "kontor", at, LIMITS)
        at = refused.until if refused else at
        wrong(opened, "kontor", at)
    locked = signin.attempt(opened, "kontor", at + timedelta(minutes=14), LIMITS)
    assert isinstance(locked, signin.Refusal) and locked.reason == signin.LOCKED
    assert locked.until == at + LIMITS.lockout
    assert signin.refusal(opened, "hjemme", at, LIMITS) is None  # another client is not held to it
    after = wrong(opened, "kontor", locked.until)
    assert after.failures == LIMITS.lockout_after + 1
    again = signin.refusal(opened, "kontor", locked.until, LIMITS)
    assert again is not None and again.reason == signin.LOCKED  # one more wrong one: locked again


def test_a_right_password_forgets_the_clients_wrong_ones(opened: Store) -> None:
    for _ in range(LIMITS.delay_after - 1):
        wrong(opened, "kontor", START)
    wrong(opened, "kontor", START)
    signin.succeeded(opened, "kontor")
    assert signin.refusal(opened, "kontor", START, LIMITS) is None
    assert wrong(opened, "kontor", START).failures == 1


def test_wrong_passwords_from_many_clients_lock_everyone_out_for_the_window(opened: Store) -> None:
    for number in range(LIMITS.total_bound):
        wrong(opened, f"klient-{number}", START + timedelta(seconds=number))
    late = START + timedelta(seconds=LIMITS.total_bound)
    locked = signin.attempt(opened, "ny-klient", late, LIMITS)
    assert isinstance(locked, signin.Refusal) and locked.reason == signin.LOCKED_ALL
    assert locked.until == START + LIMITS.window  # the oldest leaves the window then
    assert isinstance(signin.attempt(opened, "ny-klient", locked.until, LIMITS), signin.Attempt)


def test_clients_without_an_address_share_one_count(opened: Store) -> None:
    for _ in range(LIMITS.delay_after):
        wrong(opened, None, START)
    refused = signin.refusal(opened, None, START, LIMITS)
    assert refused is not None and refused.reason == signin.WAIT


def test_old_wrong_passwords_are_forgotten(opened: Store) -> None:
    for _ in range(LIMITS.delay_after):
        wrong(opened, "kontor", START)
    assert signin.refusal(opened, "kontor", START + LIMITS.remember, LIMITS) is None
    assert wrong(opened, "kontor", START + LIMITS.remember).failures == 1
