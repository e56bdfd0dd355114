"""What reading numbers gives: one ``NumberResult`` per number entered, and the ``Reading`` of a
whole input with its ``Problem``s. ``porting.numbers.text`` and ``porting.numbers.tables`` make
them; ``porting.numbers.intake.read_numbers`` is the entry point."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Any, NamedTuple, overload

from porting.numbers.numbering import (
    INVALID,
    Classification,
    Reason,
    plan,
)
from porting.rules.model import Area


class NumberResult(NamedTuple):
    """One number as entered, with what we know about it (a named tuple: quick to make, by the 100,000)."""

    input: str
    line: int
    national: str | None
    classification: Classification
    duplicate_of: int | None = None

    @property
    def type(self) -> str:
        return self.classification.type

    @property
    def portable(self) -> bool:
        return self.classification.portable

    @property
    def area(self) -> Area | None:
        return self.classification.area

    @property
    def reason(self) -> Reason | None:
        return self.classification.reason

    @property
    def virtual_caller_id(self) -> bool:
        return self.classification.virtual_caller_id

    @property
    def is_valid(self) -> bool:
        return self.classification.type != INVALID

    @property
    def e164(self) -> str | None:
        prefix = self.classification.e164_prefix  # empty for invalid numbers
        return prefix + self.national if prefix and self.national is not None else None

    @property
    def display(self) -> str:
        """The national form (``21 23 45 67``) of a valid number; what was entered otherwise,
        shortened (``shortened``) so that no entry can swamp a table, a PDF or a message."""
        national, classification = self.national, self.classification
        if national is None or not classification.e164_prefix:
            return shortened(self.input)
        groups = classification.groups
        return " ".join(groups(national)) if groups is not None else national


def shortened(entry: str) -> str:
    """What a person typed, as it is shown: cut to ``shown_entry_characters`` with an ellipsis.

    An entry is hostile until read: one line of 1,500 digits must not make a table cell, a
    page of a PDF or a message as long as itself.

    >>> shortened("21234567")
    '21234567'
    >>> shortened("9" * 1_576)[-3:], len(shortened("9" * 1_576))
    ('99…', 60)
    """
    longest = plan().rules.limits.shown_entry_characters
    return entry if len(entry) <= longest else entry[: longest - 1] + "…"


class Rows(Sequence[NumberResult]):
    """The rows of a reading, kept as columns: a row is made when it is looked at.

    It behaves as a tuple of ``NumberResult`` (a slice is one). Columns are built for a whole
    list at once, and a caller that goes through 100,000 rows holds one row object at a time,
    so the garbage collector has no 100,000 fresh containers to scan.
    """

    __slots__ = ("_columns",)

    def __init__(
        self,
        inputs: Sequence[str],
        lines: Sequence[int],
        nationals: Sequence[str | None],
        classifications: Sequence[Classification],
        duplicates: Sequence[int | None],
    ) -> None:
        self._columns: tuple[Sequence[Any], ...] = (inputs, lines, nationals, classifications, duplicates)

    def __len__(self) -> int:
        return len(self._columns[0])

    @property
    def columns(self) -> tuple[Sequence[Any], ...]:
        """input, line, national, classification and duplicate_of, each for every row in order."""
        return self._columns

    def __iter__(self) -> Iterator[NumberResult]:
        # tuple.__new__ makes a NumberResult in half the time its own __new__ takes.
        return map(tuple.__new__, repeat(NumberResult), zip(*self._columns, strict=True))

    @overload
    def __getitem__(self, index: int) -> NumberResult: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[NumberResult, ...]: ...
    def __getitem__(self, index: int | slice) -> NumberResult | tuple[NumberResult, ...]:
        if isinstance(index, slice):
            inputs, lines, nationals, classifications, duplicates = (
                column[index] for column in self._columns
            )
            return tuple(Rows(inputs, lines, nationals, classifications, duplicates))
        return tuple.__new__(NumberResult, [column[index] for column in self._columns])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows | tuple):
            return len(self) == len(other) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input as a whole; ``fatal`` when nothing could be read."""

    reason: Reason
    fatal: bool = False


@dataclass(frozen=True)
class Reading:
    """The rows read from one input, the problems met, and the column used in a table."""

    rows: Sequence[NumberResult]  # a tuple, or ``Rows`` from ``read_lines``
    problems: tuple[Problem, ...] = ()
    column: str | None = None

    @property
    def fatal(self) -> bool:
        return any(problem.fatal for problem in self.problems)

    @cached_property
    def unique_rows(self) -> tuple[NumberResult, ...]:
        """Each number once: the invalid rows and the first occurrence of each valid number."""
        return tuple(row for row in self.rows if row.duplicate_of is None)

    @cached_property
    def repeats(self) -> Counter[str]:
        """How many times each valid number (E.164) was entered again after its first time."""
        return Counter(row.national for row in self.rows if row.duplicate_of is not None and row.national)

    @cached_property
    def counts_by_type(self) -> Counter[str]:
        """Distinct numbers per type; every invalid entry counts."""
        return Counter(row.type for row in self.unique_rows)

    @cached_property
    def portable_rows(self) -> tuple[NumberResult, ...]:
        return tuple(row for row in self.unique_rows if row.portable)


def columns_of(rows: Sequence[NumberResult]) -> tuple[Sequence[Any], ...]:
    """The rows as five columns (input, line, national, classification, duplicate_of), for
    callers that go through 100,000 rows field by field."""
    if isinstance(rows, Rows):
        return rows.columns
    return tuple(zip(*rows, strict=True)) if rows else ((), (), (), (), ())


def combine(readings: list[Reading]) -> Reading:
    """Several readings as one (several files): a number repeated across them counts once."""
    if len(readings) == 1:
        return readings[0]
    first_line: dict[str, int] = {}
    rows = []
    for row in (row for reading in readings for row in reading.rows):
        repeat = None
        if row.is_valid and row.national is not None:
            repeat = first_line.get(row.national)
            if repeat is None:
                first_line[row.national] = row.line
        rows.append(row._replace(duplicate_of=repeat))
    problems = tuple(problem for reading in readings for problem in reading.problems)
    return Reading(tuple(rows), problems)
