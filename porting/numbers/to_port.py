"""The numbers to port of a request, and those that are not, each with why.

A request lists every number the customer entered; only the portable ones are ported
(``rules().types``: geographic, national and toll-free, per the guide). The others are counted
apart with their reason: a mobile number gets the Virtual Caller ID offer instead, another type
is not portable, an entry that is no number is invalid; a portable number the team rejected is
not ported either. The team's notice, the console and the command line all count this way.

>>> from types import SimpleNamespace as Number
>>> counted = numbers_to_port([
...     Number(display="21 23 45 67", type="geographic", portable=True, decision=None),
...     Number(display="412 34 567", type="mobile", portable=False, decision=None),
...     Number(display="12", type="invalid", portable=False, decision=None),
...     Number(display="22 00 00 00", type="geographic", portable=True, decision="rejected"),
... ])
>>> counted.to_port, [(number.display, number.why) for number in counted.not_to_port]
(1, [('412 34 567', 'virtual_caller_id'), ('12', 'invalid'), ('22 00 00 00', 'rejected')])
>>> not_to_port_text(counted.not_to_port, "en", most=2)
'Not to port (3): 412 34 567 (mobile number), 12 (invalid) and 1 more'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from porting.i18n import listing, t, tn
from porting.numbers.numbering import INVALID
from porting.rules import rules

VIRTUAL_CALLER_ID = "virtual_caller_id"  # a mobile number: offered as a Virtual Caller ID
NOT_PORTABLE = "not_portable"  # a type the guide does not port
INVALID_ENTRY = "invalid"  # no number of the plan
REJECTED = "rejected"  # portable, but the team rejected it (porting.requests.lifecycle.REJECTED_NUMBER)
WHY: tuple[str, ...] = (VIRTUAL_CALLER_ID, NOT_PORTABLE, INVALID_ENTRY, REJECTED)
LISTED = 20  # numbers a text names before "and N more": a notice stays readable for 100,000


class _Number(Protocol):
    """What counting needs of a number: ``porting.requests.model.StoredNumber`` has it."""

    @property
    def display(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def portable(self) -> bool: ...
    @property
    def decision(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class NotToPort:
    """A number of the request that is not ported: as shown, and why (one of ``WHY``)."""

    display: str
    why: str


@dataclass(frozen=True)
class NumbersToPort:
    """How many numbers are ported, and the others in the request's order."""

    to_port: int
    not_to_port: tuple[NotToPort, ...]


def why_not_ported(number: _Number) -> str | None:
    """Why ``number`` is not ported, or ``None`` when it is."""
    if not number.portable:
        known = rules().types.get(number.type)
        if known is not None and known.virtual_caller_id:
            return VIRTUAL_CALLER_ID
        return INVALID_ENTRY if number.type == INVALID else NOT_PORTABLE
    return REJECTED if number.decision == REJECTED else None


def numbers_to_port(numbers: Iterable[_Number]) -> NumbersToPort:
    """Count the numbers to port and list the others with why."""
    to_port, others = 0, []
    for number in numbers:
        why = why_not_ported(number)
        if why is None:
            to_port += 1
        else:
            others.append(NotToPort(number.display, why))
    return NumbersToPort(to_port, tuple(others))


def not_to_port_text(
    numbers: Sequence[NotToPort], language: str, *, clean: Callable[[str], str] = str, most: int = LISTED
) -> str:
    """One line naming the numbers not to port with why, at most ``most`` of them; ``""`` for none.

    ``clean`` makes what the customer typed (an invalid entry is shown as typed) safe where the
    line goes: a header-safe line in a notice, escaped markdown in the console.
    """
    if not numbers:
        return ""

    def named(number: NotToPort) -> str:
        why = t(f"journey_console.why.{number.why}", language)
        return t("journey_console.why_number", language, number=clean(number.display), why=why)

    listed = listing(numbers, language, most=most, show=named)
    return tn("journey_console.not_to_port", len(numbers), language, numbers=listed)
