"""A request's thread (``porting.requests.messages``): messages both ways, each mailed to the other
side in their language through a real SMTP server (aiosmtpd), bounded in length and per day; the
``messages`` table's revision up and down. Runs on SQLite, and on PostgreSQL when it is up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from alembic import command
from mail_server import serve_mail
from sqlalchemy import inspect
from store_fixtures import Clock, stored_of, submit_sample

from porting.notify import mail as notify
from porting.requests import messages, migrations, outbox, schema
from porting.requests.decisions import decide_numbers
from porting.requests.messages import FROM_CUSTOMER, FROM_TEAM, post_message, thread
from porting.requests.retention import anonymise
from porting.requests.schema import Mailing, Store, StoreError, open_store
from porting.requests.store import change_status
from porting.rules import rules

TEAM = "porting@example.no"
CUSTOMER = "kari.ostgard@blaabaer.no"  # the sample request's contact


@pytest.fixture
def mailing_store(store_url: str, clock: Clock) -> Iterator[Store]:
    """A store whose notices go to the team at ``TEAM``, in English."""
    opened = open_store(store_url, clock=clock, mailing=Mailing("https://porting.example.no", TEAM, "en"))
    yield opened
    opened.close()


def _smtp(port: int) -> notify.MailSettings:
    return notify.MailSettings("127.0.0.1", port, "porting@cloudtalk.example", "none", None, None, 5.0)


def test_messages_both_ways_reach_the_other_side_in_their_language(mailing_store: Store) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store, language="nb"))
    post_message(
        mailing_store, request, "  Kan vi portere\nfredag i stedet?  ", sender=FROM_CUSTOMER, actor=""
    )
    post_message(mailing_store, request, "Ja, det går fint.", sender=FROM_TEAM, actor="Ola Nordmann")

    assert [(m.sender, m.actor, m.body) for m in thread(mailing_store, request)] == [
        (FROM_CUSTOMER, "customer", "Kan vi portere\nfredag i stedet?"),
        (FROM_TEAM, "Ola Nordmann", "Ja, det går fint."),
    ]
    with serve_mail() as (mailbox, port):
        assert outbox.deliver(mailing_store, _smtp(port)).error is None
        to_team = mailbox.wait_for(lambda mail: "Message from the customer" in str(mail["Subject"]))
        to_customer = mailbox.wait_for(lambda mail: "en melding om" in str(mail["Subject"]))
    assert to_team["To"] == TEAM and to_customer["To"] == CUSTOMER
    team_body = to_team.get_content().replace("\r\n", "\n")
    assert "Kan vi portere\nfredag i stedet?" in team_body and f"/team?ref={request.reference}" in team_body
    customer_body = to_customer.get_content().replace("\r\n", "\n")
    assert "Ja, det går fint." in customer_body and "Porteringsteamet har skrevet" in customer_body
    assert "Ola Nordmann" not in customer_body and "token=" in customer_body


def test_a_message_is_bounded_in_length(mailing_store: Store) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    most = rules().limits.max_message_characters
    with pytest.raises(StoreError) as too_long:
        post_message(mailing_store, request, "x" * (most + 1), sender=FROM_CUSTOMER, actor="")
    assert too_long.value.code == "store.message.too_long"
    with pytest.raises(StoreError) as empty:
        post_message(mailing_store, request, " \n ", sender=FROM_CUSTOMER, actor="")
    assert empty.value.code == "store.message.empty"
    post_message(mailing_store, request, "x" * most, sender=FROM_CUSTOMER, actor="")
    assert len(thread(mailing_store, request)) == 1


def test_each_side_sends_at_most_its_days_share_on_a_request(mailing_store: Store, clock: Clock) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    most = rules().limits.messages_per_request_per_day
    for index in range(most):
        post_message(mailing_store, request, f"Spørsmål {index}", sender=FROM_CUSTOMER, actor="")
    with pytest.raises(StoreError) as refused:
        post_message(mailing_store, request, "Ett til", sender=FROM_CUSTOMER, actor="")
    assert (refused.value.code, dict(refused.value.params)) == ("store.message.too_many", {"most": str(most)})
    post_message(mailing_store, request, "Svar", sender=FROM_TEAM, actor="Ola")  # the team's share is its own
    clock.now += timedelta(hours=24, seconds=1)
    post_message(mailing_store, request, "Neste dag", sender=FROM_CUSTOMER, actor="")
    team_notices = [notice for notice in outbox.notices(mailing_store) if notice.kind == "team_message"]
    assert len(team_notices) == most + 1  # nothing was mailed for the refused one


def test_the_messages_revision_goes_up_and_down(store_url: str) -> None:
    opened = open_store(store_url)
    try:
        assert "messages" in inspect(opened.engine).get_table_names()
        settings = migrations.config()
        with schema.migration_lock(opened.engine) as connection:
            settings.attributes[migrations.CONNECTION] = connection
            command.downgrade(settings, "0002")
        assert "messages" not in inspect(opened.engine).get_table_names()
        with schema.migration_lock(opened.engine) as connection:
            settings.attributes[migrations.CONNECTION] = connection
            command.upgrade(settings, "head")
        assert "messages" in inspect(opened.engine).get_table_names()
        request = stored_of(opened, submit_sample(opened))
        post_message(opened, request, "Hei", sender=messages.FROM_CUSTOMER, actor="")
        assert [message.body for message in thread(opened, request)] == ["Hei"]
    finally:
        opened.close()


def test_a_thread_goes_when_its_closed_request_is_made_anonymous(mailing_store: Store, clock: Clock) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    post_message(mailing_store, request, "Hei, Kari her", sender=FROM_CUSTOMER, actor="")
    cancelled = change_status(mailing_store, request, "cancelled", actor="customer")
    later = (clock.now + timedelta(days=91)).date()
    assert anonymise(mailing_store, retention_days=90, today=later) == 1
    assert thread(mailing_store, cancelled) == ()


@pytest.mark.parametrize("split", [False, True])
def test_a_decisions_note_stays_internal(mailing_store: Store, split: bool) -> None:
    request = stored_of(mailing_store, submit_sample(mailing_store))
    decide_numbers(
        mailing_store,
        request,
        {"+4781512345": "inactive_number"},
        actor="Ola",
        note="Telenor sa nei",
        split=split,
    )
    to_customer = [notice for notice in outbox.notices(mailing_store) if notice.recipient == CUSTOMER]
    assert {"numbers_rejected" if not split else "rejected"} <= {notice.kind for notice in to_customer}
    assert all("Telenor sa nei" not in notice.body for notice in to_customer)
