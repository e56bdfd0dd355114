"""Consecutive numbers as one range: how the letter and the quote list them.

A provider hands out numbers in series, so a business often ports a whole series: 10,000
numbers one a line make a letter of hundreds of pages, where ``21 00 00 00 – 21 00 99 99`` says
the same on one line. A run is numbers that follow each other in the order given, each the one
before plus one, of the same type and area (so each row of a table still has one type and one
area); anything else stands on its own.

>>> from porting.numbers.intake import read_numbers
>>> runs = number_runs(read_numbers("21234500-21234599\\n22334455\\n21234600").rows)
>>> [(run.positions, run.display) for run in runs]
[('1–100', '21 23 45 00 – 21 23 45 99'), ('101', '22 33 44 55'), ('102', '21 23 46 00')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from porting.numbers.readings import NumberResult

RANGE_DASH = "\u2013"  # an en dash, the dash of a range


@dataclass(frozen=True)
class NumberRun:
    """Numbers ``start`` to ``stop`` (0-based, ``stop`` excluded) of a list, each the one before plus one."""

    rows: Sequence[NumberResult]
    start: int
    stop: int

    @property
    def first(self) -> NumberResult:
        return self.rows[self.start]

    @property
    def last(self) -> NumberResult:
        return self.rows[self.stop - 1]

    @property
    def count(self) -> int:
        return self.stop - self.start

    @property
    def display(self) -> str:
        """``21 23 45 67``, or ``21 23 45 00 – 21 23 45 99`` for a range."""
        if self.count == 1:
            return self.first.display
        return f"{self.first.display} {RANGE_DASH} {self.last.display}"

    @property
    def positions(self) -> str:
        """Where the run stands in the list, counted from 1: ``7``, or ``1–100`` for a range."""
        first, last = self.start + 1, self.stop
        return str(first) if first == last else f"{first}{RANGE_DASH}{last}"


def follows(before: NumberResult, after: NumberResult) -> bool:
    """Whether ``after`` is ``before`` plus one, of the same length, type and area."""
    if before.national is None or after.national is None or not before.classification.e164_prefix:
        return False
    if len(before.national) != len(after.national) or not (before.national + after.national).isdecimal():
        return False
    if int(after.national) != int(before.national) + 1:
        return False
    return before.type == after.type and before.area == after.area


def number_runs(rows: Sequence[NumberResult]) -> list[NumberRun]:
    """``rows`` in order, consecutive numbers (``follows``) taken together as one run each."""
    runs: list[NumberRun] = []
    start = 0
    for index in range(1, len(rows) + 1):
        if index == len(rows) or not follows(rows[index - 1], rows[index]):
            runs.append(NumberRun(rows, start, index))
            start = index
    return runs
