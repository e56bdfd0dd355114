"""The Virtual Caller ID choice: for each mobile number entered, whether the customer wants one.

The guide: mobile numbers (+47 4xx or +47 9xx) are not portable to VoIP operators; "if you
already have a mobile number you would like to use for outbound calls on CloudTalk, we can
create a Virtual Caller ID of your existing number". Which numbers are offered it is the
numbering plan's (``virtual_caller_id`` of a type in ``porting/rules.toml``); the customer says
which of them they want, by national number. The guide names no price for it, so the quote
does not change.

>>> from porting.numbers.intake import read_numbers
>>> reading = read_numbers("41 23 45 67\\n91 23 45 67\\n21 23 45 67")
>>> choice = caller_id_choice(reading, {"91234567", "21234567"})
>>> choice.chosen_numbers, choice.declined_numbers
(('91 23 45 67',), ('41 23 45 67',))
>>> listing([f"41 00 00 {n:02}" for n in range(102)], "en").split(", ")[-1]
'41 00 00 99 and 2 more'
"""

from __future__ import annotations

from collections.abc import Collection, Sequence, Set as AbstractSet
from dataclasses import dataclass

from porting import i18n
from porting.numbers.readings import NumberResult, Reading

LISTED = 100  # numbers a notice or a caption lists; a longer list ends "and N more"


@dataclass(frozen=True)
class CallerIdChoice:
    """The mobile numbers entered, each once: those the customer wants as a Virtual Caller ID and
    those they do not, in the order entered."""

    chosen: tuple[NumberResult, ...]
    declined: tuple[NumberResult, ...]

    @property
    def chosen_numbers(self) -> tuple[str, ...]:
        """The chosen numbers as shown (``41 23 45 67``)."""
        return tuple(row.display for row in self.chosen)

    @property
    def declined_numbers(self) -> tuple[str, ...]:
        """The declined numbers as shown."""
        return tuple(row.display for row in self.declined)


def offered(reading: Reading) -> tuple[NumberResult, ...]:
    """The numbers entered that can have a Virtual Caller ID, each once."""
    return tuple(row for row in reading.unique_rows if row.virtual_caller_id and row.national)


def is_wanted(row: NumberResult, wanted: AbstractSet[str]) -> bool:
    """Whether the customer wants a Virtual Caller ID of ``row``: it can have one, and its national
    number is among ``wanted``."""
    return row.virtual_caller_id and row.national is not None and row.national in wanted


def caller_id_choice(reading: Reading, wanted: Collection[str]) -> CallerIdChoice:
    """The mobile numbers of ``reading`` split by ``wanted`` (national numbers, such as
    ``41234567``); a wanted number that was not entered, or cannot have one, is left out."""
    wanted = frozenset(wanted)  # a list of 10,000 would make each look-up a walk through it
    chosen: list[NumberResult] = []
    declined: list[NumberResult] = []
    for row in offered(reading):
        (chosen if row.national in wanted else declined).append(row)
    return CallerIdChoice(tuple(chosen), tuple(declined))


def listing(numbers: Sequence[str], language: str) -> str:
    """The numbers joined for a line of text, the first ``LISTED`` of them (``i18n.listing``)."""
    return i18n.listing(numbers, language, most=LISTED)
