"""The demo's sandbox: a request that is never stored and never mailed, stepped through the guide's
eight steps (``rules().process_steps``) as a real one moves through them.

The sandbox's request is received, reviewed and sent to the carrier; the current provider rejects
it once (so the rejection, its reason and the correction are seen), the corrected request goes
through again, is accepted with a confirmed porting day, and is ported. Each change happens on a
business day after the one before, as the timeline has them.

>>> from datetime import date
>>> stages = sandbox_stages(date(2027, 3, 1))
>>> [stage.status for stage in stages]  # doctest: +NORMALIZE_WHITESPACE
['received', 'under_review', 'submitted_to_carrier', 'rejected', 'received', 'under_review',
 'submitted_to_carrier', 'accepted', 'ported']
>>> stages[-1].porting_date == stages[-1].day, stages[3].rejection_reason
(True, 'mismatched_info')
>>> [state.value for state in stages[-1].states]  # every step of the guide was seen
['done', 'done', 'done', 'done', 'done', 'done', 'done', 'done']
>>> sandbox_reference("974760673|21234567")
'DEMO-W407HR'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from porting.calendar import add_business_days, business_day_on_or_after
from porting.formatting import short_code
from porting.quote.timeline import timeline
from porting.requests.lifecycle import (
    ACCEPTED,
    PORTED,
    RECEIVED,
    REJECTED,
    SUBMITTED_TO_CARRIER,
    UNDER_REVIEW,
    StepState,
    step_states,
)

# The statuses the sandbox's request enters, in order: each is allowed after the one before,
# except that a rejected request is received again when its corrected documents are sent.
SANDBOX_PATH: tuple[str, ...] = (
    RECEIVED, UNDER_REVIEW, SUBMITTED_TO_CARRIER, REJECTED,
    RECEIVED, UNDER_REVIEW, SUBMITTED_TO_CARRIER, ACCEPTED, PORTED,
)  # fmt: skip
SANDBOX_REJECTION = "mismatched_info"  # the guide's commonest reason: details unlike the provider's
SANDBOX_DOCUMENTS = frozenset({"loa", "invoice", "registration"})  # sent with the request
_CORRECTION_DAYS = 2  # business days the customer takes to send corrected documents
_REFERENCE_SYMBOLS = 6


@dataclass(frozen=True)
class SandboxStage:
    """The sandbox's request at one point of ``SANDBOX_PATH``: its status, the day it entered it,
    the statuses it entered before (oldest first, with their days), and the guide's steps."""

    index: int
    status: str
    day: date
    history: tuple[tuple[str, date], ...]
    states: tuple[StepState, ...]
    porting_date: date | None  # once accepted
    rejection_reason: str | None  # while rejected

    @property
    def first(self) -> bool:
        return self.index == 0

    @property
    def last(self) -> bool:
        return self.index == len(SANDBOX_PATH) - 1


def sandbox_reference(seed: str) -> str:
    """The sandbox request's reference: marked as a demo, never one a real request can have."""
    return "DEMO-" + short_code(seed, _REFERENCE_SYMBOLS)


def sandbox_stages(submitted_on: date) -> tuple[SandboxStage, ...]:
    """Every stage of the sandbox's request submitted on ``submitted_on``."""
    days = _days(business_day_on_or_after(submitted_on))
    porting_date = days[-1]
    stages = []
    for index, status in enumerate(SANDBOX_PATH):
        history = tuple(zip(SANDBOX_PATH[:index], days[:index], strict=True))
        states = step_states(status, [entered for entered, _ in history], SANDBOX_DOCUMENTS)
        stages.append(
            SandboxStage(
                index=index,
                status=status,
                day=days[index],
                history=history,
                states=states,
                porting_date=porting_date if status in (ACCEPTED, PORTED) else None,
                rejection_reason=SANDBOX_REJECTION if status == REJECTED else None,
            )
        )
    return tuple(stages)


def _days(start: date) -> tuple[date, ...]:
    """The day the request enters each status of the path: a business day apart while it is
    handled, the correction a few days after the rejection, the acceptance at the start of the
    confirmation window of the corrected request's porting day, and the port on that day."""
    corrected = SANDBOX_PATH.index(RECEIVED, 1)
    days = [start]
    for _ in range(1, corrected):
        days.append(add_business_days(days[-1], 1))
    days.append(add_business_days(days[-1], _CORRECTION_DAYS))
    plan = timeline(days[-1])
    for _ in range(corrected + 1, SANDBOX_PATH.index(ACCEPTED)):
        days.append(add_business_days(days[-1], 1))
    days.append(max(plan.confirmation_window[0], add_business_days(days[-1], 1)))
    days.append(plan.porting_day)
    return tuple(days)
