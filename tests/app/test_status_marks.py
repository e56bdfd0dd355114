"""The status page marks the guide's steps by what happened: the LOA and invoice sent with the
request are done, and a step that did not happen is not applicable, never ticked."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import submit_sample
from streamlit.testing.v1 import AppTest

from porting.calendar import add_business_days
from porting.i18n import t
from porting.requests import store
from porting.requests.records import StoredRequest
from porting.rules import rules
from ui.wizard.submit import shared_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TEAM = "Ola (porting team)"

pytestmark = pytest.mark.usefixtures("own_app_store")


# The marks the status page gives each step: Material icons.
DONE, CURRENT = ":material/check_circle:", ":material/arrow_right:"
TO_COME, SKIPPED = ":material/radio_button_unchecked:", ":material/skip_next:"


def submitted() -> StoredRequest:
    found = store.by_token(shared_store(), submit_sample(shared_store()).token)
    assert found is not None
    return found


def step_lines(token: str) -> list[str]:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["token"] = token
    app.run().switch_page("pages/6_status.py").run()
    assert not app.exception
    texts = [step.texts["en"] for step in rules().process_steps]
    (block,) = [shown.value for shown in app.markdown if all(text in shown.value for text in texts)]
    return block.split("\n\n")


def marks(lines: list[str]) -> list[str]:
    return [line.split(" ", 1)[0] for line in lines]


def test_a_request_sent_with_its_loa_and_invoice_has_those_steps_done() -> None:
    lines = step_lines(submitted().token)  # received, with an LOA, an invoice and a firmaattest
    assert marks(lines) == [DONE, CURRENT, DONE, DONE, TO_COME, TO_COME, TO_COME, TO_COME]


def test_a_ported_request_does_not_tick_the_rejection_step() -> None:
    request = submitted()
    for status in ("under_review", "submitted_to_carrier"):
        request = store.change_status(shared_store(), request, status, actor=TEAM)
    day = add_business_days(request.created_at.date(), 20)
    # The sample asks for a later day and the port is marked done at once: the team confirms both.
    request = store.change_status(
        shared_store(), request, "accepted", actor=TEAM, porting_date=day, confirmed=True
    )
    request = store.change_status(shared_store(), request, "ported", actor=TEAM, confirmed=True)
    lines = step_lines(request.token)
    assert marks(lines) == [":material/check_circle:"] * 7 + [":material/skip_next:"]
    skipped = t("journey_status.step_skipped")
    assert lines[-1].endswith(f" · _{skipped}_") and not any(skipped in line for line in lines[:-1])


def test_a_rejection_in_review_skips_the_carrier_and_points_at_correcting() -> None:
    request = store.change_status(
        shared_store(), submitted(), "rejected", actor=TEAM, reason=rules().rejection_reasons[0].key
    )
    assert marks(step_lines(request.token)) == [DONE, DONE, DONE, DONE, SKIPPED, SKIPPED, SKIPPED, CURRENT]
