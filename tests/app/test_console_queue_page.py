"""The console's queue through AppTest, on a database of its own with 130 requests: a page of 100
at a time, newest or oldest first, a status filter and a search the database answers, and a
click on a row that opens the request.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import test_console_page as console_tests
from store_fixtures import NUMBERS, request_content

import ui.console.signin
from porting.i18n import t
from porting.requests import store
from ui.console.page import PASSWORD_VARIABLE
from ui.wizard.submit import shared_store

MANY = 130  # two pages of the queue

pytestmark = pytest.mark.usefixtures("own_app_store")  # an empty database: the counts are exact


@pytest.fixture(autouse=True)
def console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_VARIABLE, console_tests.PASSWORD)
    address = f"198.51.100.7-queue-{uuid.uuid4().hex[:8]}"  # no other test's wrong passwords count
    monkeypatch.setattr(ui.console.signin, "client_address", lambda: address)


@pytest.fixture
def references() -> list[str]:
    """``MANY`` requests, oldest first: "Fjord 000 AS" with 22 00 00 00 and so on; the last one is
    "Østlandet Rør AS", and every tenth is under review."""
    made = []
    for index in range(MANY):
        company = "Østlandet Rør AS" if index == MANY - 1 else f"Fjord {index:03d} AS"
        national = f"2200{index:04d}"
        number = NUMBERS[0] | {"input": national, "e164": f"+47{national}", "display": national}
        receipt = store.submit(
            shared_store(),
            idempotency_key=f"queue-{index}",
            language="en",
            content=request_content(details={"company_name": company}, numbers=[number]),
            documents=[],
        )
        if index % 10 == 0:
            request = store.by_reference(shared_store(), receipt.reference)
            store.change_status(shared_store(), request, store.UNDER_REVIEW, actor="test")
        made.append(receipt.reference)
    return made


def shown(app: Any) -> list[str]:
    """The references of the queue's rows, in order."""
    (table,) = app.dataframe
    return list(table.value[t("console.column.reference")])


def caption(app: Any) -> str:
    return " ".join(item.value for item in app.caption)


def test_the_queue_is_a_page_of_100_newest_or_oldest_first(references: list[str]) -> None:
    app = console_tests.signed_in()

    assert shown(app) == references[::-1][:100]
    assert "130 requests, newest first" in caption(app) and "101" not in caption(app)
    app.number_input(key="console_page").set_value(2).run()
    assert shown(app) == references[::-1][100:]
    assert "101–130" in caption(app) or "101-130" in caption(app)
    app.selectbox(key="console_order").select("oldest").run()  # other filters: their first page
    assert shown(app) == references[:100]
    assert "130 requests, oldest first" in caption(app)
    assert app.number_input(key="console_page").value == 1


def test_the_status_filter_and_the_search_are_the_databases(references: list[str]) -> None:
    app = console_tests.signed_in()

    app.selectbox(key="console_status").select(store.UNDER_REVIEW).run()
    assert shown(app) == references[::10][::-1]
    assert "13 requests" in caption(app)
    app.selectbox(key="console_status").select("all").run()
    for search, expected in (
        ("OSTLANDET ror", [references[-1]]),
        ("østlandet", [references[-1]]),
        ("+47 22 00 01 2", references[120:][::-1]),  # 22000120 to 22000129
        ("fjord 042", [references[42]]),
        (references[7].lower(), [references[7]]),
    ):
        app.text_input(key="console_search").input(search).run()
        assert not app.exception
        assert shown(app) == expected, search
    app.text_input(key="console_search").input("Nordlys").run()
    assert not app.dataframe and app.info[0].value == t("console.queue.none")


def test_clicking_a_row_opens_the_request(references: list[str]) -> None:
    app = console_tests.signed_in()
    app.number_input(key="console_page").set_value(2).run()
    (table,) = app.dataframe

    app.session_state[table.key] = {"selection": {"rows": [3], "columns": [], "cells": []}}
    app.run()

    clicked = references[::-1][103]
    assert not app.exception
    assert app.subheader[0].value == t("console.detail.heading", reference=clicked)
    assert app.selectbox(key="console_reference").value == clicked
    # Another request chosen by reference holds: the row clicked before is no new choice.
    other = references[::-1][110]
    app.selectbox(key="console_reference").select(other).run()
    assert app.subheader[0].value == t("console.detail.heading", reference=other)
