"""Read numbers as people have them: pasted text, ranges, CSV and XLSX exports.

``read_numbers`` is the single entry point. It gives one ``NumberResult`` per number
entered, in input order, each keeping the text it came from and its line; a range gives
one row per number it expands to. Bad input never raises: it becomes a row with a
reason, or a ``Problem`` for the input as a whole.

>>> reading = read_numbers("+47 21 23 45 67; 800 12 345\\n21234567\\n21234500-02")
>>> [(row.line, row.display, row.type, row.duplicate_of) for row in reading.rows]
... # doctest: +NORMALIZE_WHITESPACE
[(1, '21 23 45 67', 'geographic', None), (1, '800 12 345', 'toll_free', None),
 (2, '21 23 45 67', 'geographic', 1), (3, '21 23 45 00', 'geographic', None),
 (3, '21 23 45 01', 'geographic', None), (3, '21 23 45 02', 'geographic', None)]
>>> read_numbers("21 23 45 99 - 21 23 45 00").rows[0].reason.code
'range_reversed'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import count
from typing import NamedTuple

from porting.numbering import (
    INVALID,
    TAIL,
    Classification,
    NumberingPlan,
    ParsedNumber,
    Reason,
    compact,
    invalid,
    plan,
    reason,
)
from porting.rules import Area

_ENTRY_SEPARATORS = str.maketrans({";": ",", "\t": ","})
_ENTRY_SEPARATOR = re.compile("[,;\t]").search
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_has_dash = re.compile(f"[{_DASHES}]").search


class NumberResult(NamedTuple):
    """One number as entered, with what we know about it (a named tuple: 100,000 are made at once)."""

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
        """The national form (``21 23 45 67``) of a valid number; what was entered otherwise."""
        national, classification = self.national, self.classification
        if national is None or not classification.e164_prefix:
            return self.input
        groups = classification.groups
        return " ".join(groups(national)) if groups is not None else national


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input as a whole; ``fatal`` when nothing could be read."""

    reason: Reason
    fatal: bool = False


@dataclass(frozen=True)
class Reading:
    """The rows read from one input, the problems met, and the column used in a table."""

    rows: tuple[NumberResult, ...]
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


def read_numbers(source: str | bytes, *, filename: str | None = None, column: str | None = None) -> Reading:
    """Read pasted text (``str``) or an uploaded file (``bytes`` with its name).

    Text files are read as text; ``.csv``, ``.tsv``, ``.xlsx`` and ``.xlsm`` files as
    tables, taking the column that holds numbers or the one named by ``column``.
    """
    if isinstance(source, str):
        return read_text(source)
    from porting import tables  # pandas is imported only when a table is read

    return tables.read_file(source, filename or "", column)


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


def read_text(text: str) -> Reading:
    limits = plan().rules.limits
    if len(text) > limits.max_input_characters:
        too_big = reason("input_too_large", characters=len(text), limit=limits.max_input_characters)
        return Reading((), (Problem(too_big, fatal=True),))
    lines = text.splitlines()
    # Compacting the whole paste at once is far cheaper than number by number. Line breaks stay
    # put, but a last line of only separators vanishes: pad it back.
    compacted = compact(text).splitlines()
    compacted += [""] * (len(lines) - len(compacted))
    return read_lines(lines, compacted, several=_ENTRY_SEPARATOR(text) is not None)


def read_lines(
    lines: Sequence[str], compacted: Sequence[str], first_line: int = 1, several: bool = True
) -> Reading:
    """Read lines (or cells) numbered from ``first_line``, each holding one or more numbers or
    ranges, with the same lines compacted (``numbering.compact``).

    ``several`` says that a line may hold several entries (commas, semicolons, tabs).
    """
    current = plan()
    read_compact = current.read_compact
    most_characters = current.rules.limits.max_number_characters
    most_numbers = current.rules.limits.max_numbers_per_input
    rows: list[NumberResult] = []
    # tuple.__new__ makes a NumberResult in half the time its own __new__ takes.
    add, new = rows.append, tuple.__new__
    first_row: dict[str, int] = {}  # national number -> index of its first row
    known = current.known_heads(compacted)
    for line, text, digits, head in zip(count(first_line), lines, compacted, known):
        # The common line holds one valid number: read it here, without the general path's lists.
        if digits and not (several and _ENTRY_SEPARATOR(text)):
            entry = text.strip()
            if head is not None and _is_tail(digits[-TAIL:]) and len(entry) <= most_characters:
                national, classification = digits[head[0] :], head[1]
            elif len(entry) <= most_characters:
                national, classification = read_compact(digits)
            else:
                national, classification = None, _NOT_READ
            if classification.type != INVALID:
                count_now = len(rows)
                if count_now >= most_numbers:
                    return _too_many(rows, most_numbers)
                first = first_row.setdefault(national, count_now)  # type: ignore[arg-type]
                repeat = None if first == count_now else rows[first].line
                add(new(NumberResult, (entry, line, national, classification, repeat)))
                continue
        for entry in _entries(text):
            for national, classification in _numbers(current, entry):
                if len(rows) >= most_numbers:
                    return _too_many(rows, most_numbers)
                duplicate_of = None
                if classification.type != INVALID:
                    first = first_row.setdefault(national, len(rows))  # type: ignore[arg-type]
                    duplicate_of = rows[first].line if first < len(rows) else None
                add(new(NumberResult, (entry, line, national, classification, duplicate_of)))
    return Reading(tuple(rows))


def _is_tail(tail: str) -> bool:
    return tail.isdigit() and tail.isascii()


_NOT_READ = Classification(INVALID, False)  # too long for the fast path: _numbers gives the reason


def _too_many(rows: list[NumberResult], limit: int) -> Reading:
    return Reading(tuple(rows), (Problem(reason("too_many_numbers", limit=limit)),))


def _numbers(current: NumberingPlan, entry: str) -> list[tuple[str | None, Classification]]:
    """The numbers one entry stands for: one number, every number of a range, or one invalid row."""
    if len(entry) > current.rules.limits.max_number_characters:
        return [(None, invalid(reason("too_long", characters=len(entry))))]
    national, classification = current.read(entry)
    # Dashes mostly group digits (21-23-45-67): only an entry that is no number may be a range.
    if classification.type == INVALID and _has_dash(entry):
        return _expand_range(current, entry) or [(national, classification)]
    return [(national, classification)]


def _entries(text: str) -> list[str]:
    if not _ENTRY_SEPARATOR(text):
        entry = text.strip()
        return [entry] if entry else []
    parts = (part.strip() for part in text.translate(_ENTRY_SEPARATORS).split(","))
    return [part for part in parts if part]


def _expand_range(current: NumberingPlan, entry: str) -> list[tuple[str | None, Classification]] | None:
    """Every number of a range, one invalid row when the range is wrong, or ``None`` for no range."""
    bounds = _range_bounds(current, entry)
    if bounds is None:
        return None
    start, end = bounds
    count = int(end) - int(start) + 1
    if count < 1:
        return [(None, invalid(reason("range_reversed", start=start, end=end)))]
    limit = current.rules.limits.max_numbers_per_range
    if count > limit:
        return [(None, invalid(reason("range_too_large", count=count, limit=limit)))]
    width = len(start)
    numbers = (str(value).zfill(width) for value in range(int(start), int(end) + 1))
    return [(national, current.classify(national)) for national in numbers]


def _range_bounds(current: NumberingPlan, entry: str) -> tuple[str, str] | None:
    """``21234500-21234599``, ``21 23 45 00 - 21 23 45 99`` or ``21234500-99`` as (start, end).

    A dash splits a range only where the text before it is a whole number; other dashes
    group digits (``21-23-45-67``).
    """
    for index, char in enumerate(entry):
        if char not in _DASHES or index == 0:
            continue
        start = _whole_number(current.parse(entry[:index]))
        if start is None:
            continue
        tail = entry[index + 1 :].strip()
        end = _whole_number(current.parse(tail))
        if end is not None and len(end) == len(start):
            return start, end
        if tail and all(char in "0123456789 ." for char in tail):
            digits = tail.replace(" ", "").replace(".", "")
            if len(digits) < len(start):
                return start, start[: -len(digits)] + digits
    return None


def _whole_number(parsed: ParsedNumber) -> str | None:
    """The national digits of a valid number, or of any number with the plan's usual length.

    A range may run into a series that is not in use; its numbers are then invalid rows.
    """
    national = parsed.national
    if national is None or (
        parsed.classification.type == INVALID and len(national) != plan().rules.number_length
    ):
        return None
    return national
