"""What the numbers page shows for a reading: one line per distinct number, counts and offers.

Everything here is already in the reader's language, so a page only lays it out.

>>> from porting.numbers.intake import read_numbers
>>> view = summarize(read_numbers("21234567\\n+47 21 23 45 67\\n41234567\\n999"), "en")
>>> [(line.number, line.status, line.repeats) for line in view.number_lines()]
[('21 23 45 67', 'portable', 1), ('41 23 45 67', 'virtual_caller_id', 0), ('999', 'invalid', 0)]
>>> view.portable, view.entered, view.distinct, view.virtual_caller_id
(1, 4, 3, ('41 23 45 67',))
>>> [line.number for line in view.number_lines(slice(1, 2))]
['41 23 45 67']

A line object is made only for the lines asked for (a table's page, or the download), so 10,000
numbers cost what the counts cost until someone looks at them all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from porting.i18n import t
from porting.numbers.intake import NumberResult, Reading, shortened
from porting.numbers.numbering import INVALID


@dataclass(frozen=True, slots=True)
class NumberLine:
    """One distinct number (or one invalid entry) as the page lists it."""

    line: int
    entered: str
    number: str
    e164: str | None
    type: str
    type_label: str
    area: str
    status: str
    status_label: str
    note: str
    repeats: int


@dataclass(frozen=True)
class NumbersSummary:
    rows: Sequence[NumberResult]  # each distinct number (and each invalid entry) once, in input order
    repeats: Mapping[str, int]  # how often each national number was entered again
    language: str
    entered: int
    distinct: int
    portable: int
    counts_by_type: tuple[tuple[str, int], ...]  # (type label, distinct numbers), largest first
    virtual_caller_id: tuple[str, ...]  # display forms of the mobile numbers
    problems: tuple[str, ...]
    fatal: bool
    column: str | None

    def number_lines(self, shown: slice = slice(None)) -> tuple[NumberLine, ...]:
        """The lines ``shown`` (all of them by default), each made now."""
        repeats, language = self.repeats, self.language
        return tuple(_line(row, repeats.get(row.national or "", 0), language) for row in self.rows[shown])


def status_of(row: NumberResult) -> str:
    if row.portable:
        return "portable"
    if row.virtual_caller_id:
        return "virtual_caller_id"
    return "invalid" if row.type == INVALID else "not_portable"


def summarize(reading: Reading, language: str) -> NumbersSummary:
    rows = reading.unique_rows
    counts = sorted(reading.counts_by_type.items(), key=lambda item: (-item[1], item[0]))
    return NumbersSummary(
        rows=rows,
        repeats=reading.repeats,
        language=language,
        entered=len(reading.rows),
        distinct=len(rows),
        portable=len(reading.portable_rows),
        counts_by_type=tuple((t(f"type.{kind}", language), count) for kind, count in counts),
        virtual_caller_id=tuple(row.display for row in rows if status_of(row) == "virtual_caller_id"),
        problems=tuple(problem.reason.text(language) for problem in reading.problems),
        fatal=reading.fatal,
        column=reading.column,
    )


def _line(row: NumberResult, repeats: int, language: str) -> NumberLine:
    status = status_of(row)
    return NumberLine(
        line=row.line,
        entered=shortened(row.input),
        number=row.display,
        e164=row.e164,
        type=row.type,
        type_label=t(f"type.{row.type}", language),
        area=row.area.names[language] if row.area is not None else "",
        status=status,
        status_label=t(f"status.{status}", language),  # a word: it needs no emoji font, nor colour
        note=row.reason.text(language) if row.reason is not None else "",
        repeats=repeats,
    )


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets, which
# would run what a person typed (``=HYPERLINK(...)``) when the download is opened.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """``value`` as a spreadsheet shows it as text: a leading quote before a formula's start.

    >>> print(spreadsheet_safe("=HYPERLINK('https://evil.example')"), spreadsheet_safe("+4721234567"))
    '=HYPERLINK('https://evil.example') '+4721234567
    >>> spreadsheet_safe("Oslo")
    'Oslo'
    """
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def download_rows(summary: NumbersSummary, language: str) -> dict[str, list[str | int]]:
    """The numbers as the customer downloads them, by column: numbers in E.164 (``+4721234567``),
    statuses as words, and every text a spreadsheet could take for a formula made safe."""
    lines = summary.number_lines()
    texts = {
        "status": [t(f"status.{line.status}", language) for line in lines],
        "number": [line.e164 or "" for line in lines],
        "type": [line.type_label for line in lines],
        "area": [line.area for line in lines],
        "note": [line.note for line in lines],
    }
    safe: dict[str, list[str | int]] = {
        column: [spreadsheet_safe(value) for value in values] for column, values in texts.items()
    }
    safe["repeats"] = [line.repeats for line in lines]
    safe["line"] = [line.line for line in lines]
    safe["entered"] = [spreadsheet_safe(line.entered) for line in lines]
    return safe
