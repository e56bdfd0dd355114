"""Numbers read from text: pasted lines or a table's cells, each holding numbers, lists or ranges.

Most lines hold one number written like one read before, and those are read all at once; the
others (new forms, invalid entries, several entries, ranges, long lines) one by one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, count
from operator import ne
from typing import NamedTuple, cast

from porting.numbers.numbering import (
    INVALID,
    Classification,
    NumberingPlan,
    ParsedNumber,
    compact,
    invalid,
    plan,
    reason,
)
from porting.numbers.readings import Problem, Reading, Rows

_ENTRY_SEPARATORS = str.maketrans({";": ",", "\t": ","})
_ENTRY_SEPARATOR = re.compile("[,;\t]").search
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_has_dash = re.compile(f"[{_DASHES}]").search



def read_text(text: str, *, limit: int | None = None) -> Reading:
    """Read pasted text; ``limit`` lowers how many rows it may give (a link's share, say)."""
    limits = plan().rules.limits
    if len(text) > limits.max_input_characters:
        too_big = reason("input_too_large", characters=len(text), limit=limits.max_input_characters)
        return Reading((), (Problem(too_big, fatal=True),))
    lines = text.splitlines()
    # Compacting the whole paste at once is far cheaper than number by number. Line breaks stay
    # put, but a last line of only separators vanishes: pad it back.
    compacted = compact(text).splitlines()
    compacted += [""] * (len(lines) - len(compacted))
    return read_lines(lines, compacted, several=_ENTRY_SEPARATOR(text) is not None, limit=limit)


def line_counts(text: str) -> list[int]:
    """How many rows each line of ``text`` comes to as ``read_text`` reads it, without reading a
    range's numbers: what a link may open is counted before it is read (``share.opened_numbers``).

    >>> line_counts("21234567\\n21-23-45-67, 80012345\\n21000000-21000099\\n21000000-22000000\\nfjord")
    [1, 2, 100, 1, 1]
    """
    current = plan()
    return [sum(_entry_count(current, entry) for entry in _entries(line)) for line in text.splitlines()]


def _entry_count(current: NumberingPlan, entry: str) -> int:
    """How many rows ``_numbers`` gives for one entry: a valid range's numbers, else one."""
    if not _has_dash(entry) or len(entry) > current.rules.limits.max_number_characters:
        return 1
    if current.read(entry)[1].type != INVALID:
        return 1  # a dash that groups digits
    bounds = _range_bounds(current, entry)
    if bounds is None or _range_refusal(current, *bounds) is not None:
        return 1  # no range, or one invalid row saying why it is not read
    return int(bounds[1]) - int(bounds[0]) + 1


def read_lines(
    lines: Sequence[str],
    compacted: Sequence[str],
    first_line: int = 1,
    several: bool = True,
    limit: int | None = None,
) -> Reading:
    """Read lines (or cells) numbered from ``first_line``, each holding one or more numbers or
    ranges, with the same lines compacted (``numbering.compact``).

    ``several`` says that a line may hold several entries (commas, semicolons, tabs); ``limit``
    is how many rows the reading may hold, at most ``max_numbers_per_input``.
    """
    current = plan()
    limits = current.rules.limits
    most = limits.max_numbers_per_input if limit is None else min(limit, limits.max_numbers_per_input)
    # Most lines hold one number written like one read before: those are read all at once, the
    # others (new forms, invalid entries, several entries, ranges, long lines) one by one.
    nationals, classifications, unknown = current.read_many(compacted)
    inputs = list(map(str.strip, lines))
    longest = limits.max_number_characters
    if max(map(len, inputs), default=0) > longest:
        unknown = sorted({*unknown, *(index for index, entry in enumerate(inputs) if len(entry) > longest)})
    numbers = range(first_line, first_line + len(lines))
    known = cast("list[str | None]", nationals)  # the same list, as the column that may hold None
    columns = _Columns(inputs, numbers, known, classifications, nationals)
    if unknown:
        columns = columns.with_rows(*_read_one_by_one(current, lines, compacted, unknown, several, most))
    return columns.reading(most)


_Found = tuple[str, str | None, Classification]  # an entry, its national digits and classification


class _Columns(NamedTuple):
    """Rows, column by column, before their repeats are found."""

    inputs: list[str]
    lines: Sequence[int]
    nationals: list[str | None]
    classifications: list[Classification | None]
    # What the repeats of a number share, its national digits; an invalid entry has its row.
    keys: Sequence[object]

    def with_rows(self, found: dict[int, list[_Found]], stop: int) -> _Columns:
        """The lines up to ``stop``, the rows ``found`` (by index) taking the place of their lines."""
        inputs, lines, nationals, classifications, _ = self
        if stop == len(inputs) and all(len(rows) == 1 for rows in found.values()):  # put in place
            for index, ((entry, national, classification),) in found.items():
                inputs[index], nationals[index], classifications[index] = entry, national, classification
            keys: list[object] = list(nationals)
            for index, ((_, _, classification),) in found.items():
                if classification.type == INVALID:
                    keys[index] = index
            return _Columns(inputs, lines, nationals, classifications, keys)
        columns = _Columns([], [], [], [], [])
        start = 0
        for index, rows in [*found.items(), (stop, [])]:
            columns.extend(self, start, index)
            for entry, national, classification in rows:
                columns.append(entry, lines[index], national, classification)
            start = index + 1
        return columns

    def extend(self, other: _Columns, start: int, stop: int) -> None:
        taken: tuple[Sequence[object], ...] = (*other[:4], other.nationals)
        for mine, theirs in zip(self, taken, strict=True):
            cast("list[object]", mine).extend(theirs[start:stop])  # lists, here

    def append(self, entry: str, line: int, national: str | None, classification: Classification) -> None:
        key = national if classification.type != INVALID else len(self.inputs)
        for column, value in zip(self, (entry, line, national, classification, key), strict=True):
            column.append(value)  # type: ignore[attr-defined]

    def reading(self, limit: int) -> Reading:
        """The reading of the first ``limit`` rows, with a problem if there were more."""
        columns, problems = self, tuple[Problem, ...]()
        if len(self.inputs) > limit:
            columns = _Columns(
                self.inputs[:limit], self.lines[:limit], self.nationals[:limit],
                self.classifications[:limit], self.keys[:limit],
            )  # fmt: skip
            problems = (Problem(reason("too_many_numbers", limit=limit)),)
        inputs, lines, nationals, classifications, keys = columns
        rows = Rows(inputs, lines, nationals, classifications, _first_lines(keys, lines))  # type: ignore[arg-type]
        return Reading(rows, problems)


def _first_lines(keys: Sequence[object], lines: Sequence[int]) -> list[int | None]:
    """For each row, the line where its number was first entered, if it was entered before."""
    first: dict[object, int] = {}
    duplicates: list[int | None] = [None] * len(keys)
    for index in compress(count(), map(ne, map(first.setdefault, keys, count()), count())):
        duplicates[index] = lines[first[keys[index]]]
    return duplicates


def _read_one_by_one(
    current: NumberingPlan,
    lines: Sequence[str],
    compacted: Sequence[str],
    indexes: list[int],
    several: bool,
    limit: int,
) -> tuple[dict[int, list[_Found]], int]:
    """The rows of the lines at these indexes, and the line where reading stopped: the end, or
    the first line after more than ``limit`` rows."""
    found: dict[int, list[_Found]] = {}
    extra = 0  # rows beyond one a line so far
    for index in indexes:
        if index + extra > limit:
            return found, index
        rows = found[index] = _line_rows(current, lines[index], compacted[index], several)
        extra += len(rows) - 1
    return found, len(lines)


def _line_rows(current: NumberingPlan, text: str, digits: str, several: bool) -> list[_Found]:
    """The rows of one line: each number in it, compacted as ``digits``."""
    entry = text.strip()
    whole = None  # the line read as one number, when it is one entry
    longest = current.rules.limits.max_number_characters
    if digits and not (several and _ENTRY_SEPARATOR(text)) and len(entry) <= longest:
        whole = current.read_compact(digits)
        if whole[1].type != INVALID:
            return [(entry, *whole)]
        if compact(entry) != digits:
            whole = None
    return [
        (part, national, classification)
        for part in _entries(text)
        for national, classification in _numbers(current, part, whole if part == entry else None)
    ]


def _numbers(
    current: NumberingPlan, entry: str, read: tuple[str | None, Classification] | None = None
) -> list[tuple[str | None, Classification]]:
    """The numbers one entry stands for: one number, every number of a range, or one invalid row.

    ``read`` is the entry already read as one number, if it was.
    """
    if len(entry) > current.rules.limits.max_number_characters:
        return [(None, invalid(reason("too_long", characters=len(entry))))]
    national, classification = read if read is not None else current.read(entry)
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
    refusal = _range_refusal(current, start, end)
    if refusal is not None:
        return [(None, refusal)]
    width = len(start)
    numbers = (str(value).zfill(width) for value in range(int(start), int(end) + 1))
    return [(national, current.classify(national)) for national in numbers]


def _range_refusal(current: NumberingPlan, start: str, end: str) -> Classification | None:
    """Why the range from ``start`` to ``end`` is not read (reversed, or more numbers than a range
    may hold), or ``None`` when it is read: ``_expand_range`` and ``_entry_count`` agree by it."""
    count = int(end) - int(start) + 1
    if count < 1:
        return invalid(reason("range_reversed", start=start, end=end))
    limit = current.rules.limits.max_numbers_per_range
    if count > limit:
        return invalid(reason("range_too_large", count=count, limit=limit))
    return None


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
