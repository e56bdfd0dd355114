"""The guide's eight steps as the status page marks them: what happened is done, what did not and
will not is skipped, from the request's status, its audit trail and the documents it was sent with."""

from __future__ import annotations

import pytest

from porting.requests.lifecycle import STATUSES, StepState, step_states
from porting.rules import rules

DONE, CURRENT, TO_COME, SKIPPED = StepState.DONE, StepState.CURRENT, StepState.TO_COME, StepState.SKIPPED
SENT = {"loa", "invoice", "registration"}  # what the wizard sends with every request
TO_CARRIER = ["received", "under_review", "submitted_to_carrier"]


def test_there_is_a_state_for_each_of_the_guides_steps() -> None:
    assert len(rules().process_steps) == 8
    for status in STATUSES:
        assert len(step_states(status, ["received"], SENT)) == 8


def test_a_request_sent_with_its_loa_and_invoice_has_those_steps_done() -> None:
    assert step_states("received", ["received"], SENT) == (
        DONE, CURRENT, DONE, DONE, TO_COME, TO_COME, TO_COME, TO_COME,
    )  # fmt: skip


def test_without_an_invoice_the_sending_step_is_still_to_come() -> None:
    states = step_states("under_review", ["received", "under_review"], {"loa"})
    assert states[2:4] == (DONE, TO_COME)


def test_waiting_for_documents_points_at_sending_them() -> None:
    states = step_states("waiting_for_documents", ["received", "waiting_for_documents"], SENT)
    assert states[:5] == (DONE, DONE, DONE, CURRENT, TO_COME)


def test_a_ported_request_does_not_tick_the_rejection_step() -> None:
    history = [*TO_CARRIER, "accepted", "ported"]
    assert step_states("ported", history, SENT) == (DONE,) * 7 + (SKIPPED,)


def test_an_accepted_request_has_its_date_confirmed_and_no_rejection() -> None:
    history = [*TO_CARRIER, "accepted"]
    assert step_states("accepted", history, SENT)[4:] == (DONE, DONE, DONE, SKIPPED)


def test_with_the_carrier_its_approval_is_the_current_step() -> None:
    assert step_states("submitted_to_carrier", TO_CARRIER, SENT)[4:] == (DONE, CURRENT, TO_COME, TO_COME)


def test_a_rejection_by_the_carrier_skips_the_confirmed_date() -> None:
    history = [*TO_CARRIER, "rejected"]
    assert step_states("rejected", history, SENT)[4:] == (DONE, DONE, SKIPPED, CURRENT)


def test_a_rejection_in_review_never_went_to_the_carrier() -> None:
    history = ["received", "under_review", "rejected"]
    expected = (DONE, DONE, DONE, SKIPPED, SKIPPED, SKIPPED, CURRENT)
    assert step_states("rejected", history, SENT)[1:] == expected


def test_after_corrected_documents_the_carrier_steps_count_again_and_the_rejection_is_done() -> None:
    history = [*TO_CARRIER, "rejected", "received"]
    expected = (CURRENT, DONE, DONE, TO_COME, TO_COME, TO_COME, DONE)
    assert step_states("received", history, SENT)[1:] == expected
    history += ["under_review", "submitted_to_carrier", "accepted", "ported"]
    assert step_states("ported", history, SENT) == (DONE,) * 8  # it was rejected once, and corrected


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (["received", "cancelled"], (DONE, SKIPPED, DONE, DONE, SKIPPED, SKIPPED, SKIPPED, SKIPPED)),
        (["received", "waiting_for_documents", "cancelled"], (DONE, DONE, DONE, DONE) + (SKIPPED,) * 4),
    ],
)
def test_a_cancelled_request_skips_what_never_happened(history: list[str], expected: tuple) -> None:
    assert step_states("cancelled", history, SENT) == expected


def test_an_unknown_status_is_refused() -> None:
    from porting.requests.schema import StoreError

    with pytest.raises(StoreError):
        step_states("lost", [], SENT)
