"""A worksheet streamed into rows by expat, each cell converted as pandas converts openpyxl's.

``read_sheet`` reads a sheet's ``<row>``s and their ``<c>`` cells only as far as the rows wanted,
and gives them as pandas' ``read_excel`` makes them (trailing empty cells and rows dropped, every
row as wide as the widest): a number as an int or a float, a shared or an inline string, a
boolean, an error as NaN, and a number in a date style, or a strict OOXML date, as a date, time,
datetime or duration. The rows, columns, cells and a cell's characters are kept within bounds.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import re
import string
from typing import IO

from porting.numbers.numbering import reason
from porting.numbers.table_bounds import MAX_CELL_CHARACTERS, MAX_CELLS, MAX_COLUMNS, MAX_SHEET_ELEMENTS
from porting.numbers.xlsx_parts import (
    CELL,
    INLINE,
    ROW,
    TEXT,
    VALUE,
    WINDOWS_EPOCH,
    Book,
    Refused,
    StringItem,
    expat_parser,
    feed,
)

# A cell as pandas takes it from openpyxl: NaN (a float) for an error, a date as a datetime.
Cell = str | int | float | bool | datetime.datetime | datetime.date | datetime.time | datetime.timedelta
Table = list[list[Cell]]

_DIGITS = "0123456789"
_LETTERS = {letter: place for place, letter in enumerate(string.ascii_uppercase, start=1)}
_ISO_DATE = re.compile(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)
_ISO_DURATION = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")


def _column_letters(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return letters


# The columns a row may have, by their letters in either case: most references are found here.
_COLUMNS = {
    letters: column
    for column in range(1, MAX_COLUMNS + 1)
    for letters in (_column_letters(column), _column_letters(column).lower())
}


class _Full(Exception):
    """The table has all the rows it may hold: stop reading the sheet."""


def read_sheet(sheet: IO[bytes], book: Book, max_rows: int) -> tuple[Table, bool]:
    """A worksheet's first ``max_rows`` rows, and whether rows were left off; raises ``Refused``
    when the sheet is beyond a bound."""
    table = _Table(max_rows)
    _read_sheet(sheet, book, table)
    return table.rows()


class _Table:
    """Rows as pandas' ``read_excel`` makes them: trailing empty cells and rows dropped, every row
    as wide as the widest; at most ``max_rows`` of them, and within the bounds on cells."""

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self.kept: Table = []
        self.cells = 0
        self.last_with_data = -1
        self.left_off = False

    def add(self, row: list[Cell], long_text: bool = False) -> None:
        """Add the next row, its cells converted, and whether a text in it is longer than a cell's
        may be; raises ``_Full`` or ``Refused`` to stop reading."""
        if len(self.kept) == self.max_rows:
            self.left_off = True
            raise _Full
        while row and row[-1] == "":
            row.pop()
        self.cells += len(row)
        if self.cells > MAX_CELLS:
            raise Refused(reason("file.too_many_cells", limit=MAX_CELLS))
        if long_text:
            line = len(self.kept) + 1
            raise Refused(reason("file.cell_too_long", line=line, limit=MAX_CELL_CHARACTERS))
        if row:
            self.last_with_data = len(self.kept)
        self.kept.append(row)

    def rows(self) -> tuple[Table, bool]:
        del self.kept[self.last_with_data + 1 :]
        width = max(map(len, self.kept), default=0)
        for row in self.kept:
            if len(row) < width:
                row.extend([""] * (width - len(row)))
        return self.kept, self.left_off


def _read_sheet(sheet: IO[bytes], book: Book, table: _Table) -> None:
    """Add a worksheet's rows to ``table`` as openpyxl's read-only worksheet gives them, until the
    table is full: a missing row is an empty one, a row numbered before one already read is
    left out, a cell's reference (``C5``) places it, and a row is as long as its last cell says.

    One pair of expat handlers, whose state is the cell and the row being read: 100,000 rows
    are half a million elements or more, and each call or attribute more in them is felt.
    """
    strings, dates = book.strings, book.dates
    text: list[str] = []  # the character data since the last <v> or <t> began
    item = StringItem()  # the cell's inline string
    row: list[Cell] = []  # the cells of the row being read, placed by column...
    placed: dict[int, Cell] | None = None  # ... or by column number once one came out of order
    row_number = 0  # the row being read, by its r= or counted on from the last
    next_row = 1  # the row the table expects: a gap before it is filled with empty rows
    column = 0  # the column of the cell being read, by its r= or counted on
    kind, style, inline = "n", 0, False
    value: str | None = None  # the cell's first <v>
    long_text = False  # a text in the row is longer than a cell's may be
    elements = 0

    def start(element: str, attributes: dict[str, str]) -> None:
        nonlocal elements, row, placed, row_number, column, kind, style, value, inline, long_text
        elements += 1
        if elements > MAX_SHEET_ELEMENTS:
            raise Refused(reason("file.excel_too_slow"))
        if element == CELL:
            kind = attributes.get("t", "n")
            reference = attributes.get("r")
            if reference:
                letters = reference.rstrip(_DIGITS)
                column = _COLUMNS.get(letters, 0)
                if not column or len(letters) == len(reference):
                    column = _column(reference)
            else:
                column += 1
            if column > MAX_COLUMNS:
                raise Refused(reason("file.too_many_columns", limit=MAX_COLUMNS))
            style_index = attributes.get("s")
            style = int(style_index) if style_index else 0
            value, inline = None, False
        elif element in (VALUE, TEXT):
            text.clear()
        elif element == ROW:
            number = attributes.get("r")
            row_number = row_number + 1 if number is None else _row_number(number)
            row, placed, column, long_text = [], None, 0, False
        elif element == INLINE:
            inline = True
            item.clear()
        elif inline:
            item.start(element)

    def end(element: str) -> None:
        nonlocal row, next_row, value, long_text
        if element == CELL:
            if not value:
                value = None
            if kind == "n" and value is not None and style not in dates:
                if "." in value or "e" in value or "E" in value:
                    number = float(value)
                    whole = int(number)  # pandas keeps a whole number as an int
                    cell: Cell = whole if whole == number else number
                else:
                    cell = int(value)
            else:
                if kind == "s" and value is not None:
                    cell = strings[int(value)]
                else:
                    cell = _cell_value(kind, value, item.value() if inline else None, style, book)
                if isinstance(cell, str) and len(cell) > MAX_CELL_CHARACTERS:
                    long_text = True
            if placed is None and column == len(row) + 1:
                row.append(cell)
            else:
                _place(row, placed, column, cell)
        elif element == VALUE:
            if value is None:  # the first <v> of a cell, as openpyxl takes it
                value = "".join(text)
        elif element == TEXT:
            if inline:
                item.text("".join(text))
        elif element == ROW:
            if row_number < next_row:
                return  # openpyxl leaves out a row numbered before one it gave
            while next_row < row_number:
                table.add([])
                next_row += 1
            if placed is not None:
                row = [placed.get(place, "") for place in range(1, column + 1)]
            table.add(row, long_text)
            next_row = row_number + 1
        elif inline:
            item.end(element)

    def _place(cells: list[Cell], by_column: dict[int, Cell] | None, at: int, cell: Cell) -> None:
        """A cell after a gap, or before a cell already read: then openpyxl places each by its
        column, and cuts the row at the last one's."""
        nonlocal placed
        if by_column is None and at > len(cells):
            cells.extend([""] * (at - len(cells) - 1))
            cells.append(cell)
            return
        if by_column is None:
            by_column = placed = dict(enumerate(cells, start=1))
        by_column[at] = cell

    parser = expat_parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    with contextlib.suppress(_Full):
        feed(parser, sheet)


def _cell_value(kind: str, value: str | None, inline: str | None, style: int, book: Book) -> Cell:
    """A cell that is not a plain number or a shared string, as pandas takes it from openpyxl:
    empty as "", an error as NaN, a date as a datetime."""
    if kind == "inlineStr":
        return "" if inline is None else inline
    if value is None:
        return ""
    if kind == "n":  # a number in a date style
        number = float(value) if "." in value or "e" in value or "E" in value else int(value)
        try:
            return _from_excel(number, book.epoch, duration=style in book.durations)
        except (OverflowError, ValueError):
            return math.nan  # openpyxl makes a date beyond the calendar an error
    if kind == "e":
        return math.nan
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        return _from_iso8601(value)
    return value  # "str", a formula's text, and kinds no one defined


def _column(reference: str) -> int:
    """The column of a cell reference (``C5`` -> 3) as openpyxl reads it; a reference that is
    none raises ``ValueError`` or ``KeyError``."""
    letters = reference.rstrip(_DIGITS)
    column = _COLUMNS.get(letters)
    if column is not None and len(letters) < len(reference):
        return column
    split = next((place for place, char in enumerate(reference) if char in _DIGITS), len(reference) - 1)
    int(reference[split:])  # a reference without its row is none
    letters = reference[:split].upper()
    if len(letters) > 3:
        raise ValueError(f"{letters} is no column")
    return sum(_LETTERS[letter] * 26**power for power, letter in enumerate(reversed(letters)))


def _row_number(number: str) -> int:
    """A row's ``r=`` as openpyxl reads it: "7" or "7.0"."""
    try:
        return int(number)
    except ValueError:
        whole = float(number)
        if not whole.is_integer():
            raise
        return int(whole)


def _from_excel(
    days: float, epoch: datetime.datetime, duration: bool
) -> datetime.datetime | datetime.time | datetime.timedelta:
    """A number in a date style as openpyxl reads it (openpyxl/utils/datetime.py): days since
    the epoch, to the millisecond; under a day a time of day; Excel's 29 February 1900 kept."""
    if duration:
        elapsed = datetime.timedelta(days=days)
        if elapsed.microseconds:
            elapsed = datetime.timedelta(
                seconds=elapsed.total_seconds() // 1, microseconds=round(elapsed.microseconds, -3)
            )
        return elapsed
    day, fraction = divmod(days, 1)
    since_midnight = datetime.timedelta(milliseconds=round(fraction * 86_400_000))
    if 0 <= days < 1 and since_midnight.days == 0:
        minutes, seconds = divmod(since_midnight.seconds, 60)
        return datetime.time(minutes // 60, minutes % 60, seconds, since_midnight.microseconds)
    if 0 < days < 60 and epoch == WINDOWS_EPOCH:
        day += 1
    return epoch + datetime.timedelta(days=day) + since_midnight


def _from_iso8601(written: str) -> datetime.datetime | datetime.date | datetime.time | datetime.timedelta:
    """A date cell (``t="d"``, strict OOXML) as openpyxl reads it: a date, a time, a datetime or a
    duration."""
    match = _ISO_DATE.match(written)
    if match and any(match.groups()):
        parts = {
            key: int(part) if part else 0
            for key, part in match.groupdict().items()
            if key not in ("date", "time", "microsecond")
        }
        microsecond = match["microsecond"]
        parts["microsecond"] = int(float(microsecond) * 1_000_000) if microsecond else 0
        time = datetime.time(parts["hour"], parts["minute"], parts["second"], parts["microsecond"])
        if not match["date"]:
            return time
        day = datetime.date(parts["year"], parts["month"], parts["day"])
        return day if not match["time"] else datetime.datetime.combine(day, time)
    match = _ISO_DURATION.match(written)
    if match and any(match.groups()):
        return datetime.timedelta(**{key: float(part) for key, part in match.groupdict().items() if part})
    raise ValueError(f"{written} is no date")
