"""The wizard's steps, and when each is done: the one rule per step, over the request.

The progress and check marks of the wizard, the letter's "fill in these first" and the review's
list of what still blocks sending all ask ``done``, so a step cannot count as done in one place and
missing in another. The numbers as read and the day in Oslo are given, not computed here: the UI
caches the reading, and the rule stays pure.

>>> from datetime import date
>>> request = PortingRequest()
>>> done(Step.NUMBERS, request, reading=None, today=date(2027, 3, 1))
False
>>> request.submitted_reference = "NP-2027-0001"
>>> done(Step.SUBMIT, request, reading=None, today=date(2027, 3, 1))
True
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from porting.numbers.intake import Reading
from porting.wizard.porting_day import requested_day_ok
from porting.wizard.providers import company_complete, provider_groups, required_slots
from porting.wizard.state import PortingRequest


class Step(StrEnum):
    """The wizard's steps, in the guide's order."""

    NUMBERS = "numbers"
    COMPANY = "company"
    LOA = "loa"
    DOCUMENTS = "documents"
    SUBMIT = "submit"


def submitted(request: PortingRequest) -> bool:
    """Whether the request has been sent: the last step is done and the receipt is shown."""
    return request.submitted_reference is not None


def done(step: Step, request: PortingRequest, *, reading: Reading | None, today: date) -> bool:
    """Whether ``step`` holds everything it asks for, given the request's numbers as read."""
    match step:
        case Step.NUMBERS:
            return reading is not None and bool(reading.portable_rows)
        case Step.COMPANY:
            # The company, and the account at every current provider of the quote.
            return company_complete(request, reading, today) and requested_day_ok(request, today)
        case Step.LOA:  # with several current providers, each provider's own letter
            groups = provider_groups(request, reading)
            if len(groups) > 1:
                return all(group.index in request.letters_downloaded for group in groups)
            return request.loa_downloaded
        case Step.DOCUMENTS:
            groups = provider_groups(request, reading)  # a provider's own LOA and invoice for each
            return all(slot in request.documents for slot in required_slots(groups))
        case Step.SUBMIT:
            return submitted(request)


def progress(request: PortingRequest, *, reading: Reading | None, today: date) -> dict[Step, bool]:
    """Every step, in order, and whether it is done."""
    return {step: done(step, request, reading=reading, today=today) for step in Step}
