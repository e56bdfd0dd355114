"""Read numbers from uploaded files: CSV or XLSX exports from a provider's portal, or plain text.

The column holding numbers is found by its header (``Telefon``, ``Phone number``, ...) or,
failing that, by its content; the caller may name it instead. Each cell is read like a
pasted line, so a cell may hold several numbers or a range, and rows keep the line
number the spreadsheet shows (the header is line 1).

>>> reading = read_file(b"Name;Telefon\\nOslo office;+47 21 23 45 67\\nSupport;800 12 345\\n", "numbers.csv")
>>> reading.column, [(row.line, row.type) for row in reading.rows]
('Telefon', [(2, 'geographic'), (3, 'toll_free')])
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

from porting import worker
from porting.numbers import sheets, table_bounds
from porting.numbers.numbering import Reason, compact, plan, reason
from porting.numbers.readings import Problem, Reading
from porting.numbers.text import read_lines, read_text

_HEADER_HINTS = re.compile(r"phone|number|telefon|nummer|tlf|mobil|msisdn|\btel\b|e\.?164", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_EXCEL_FLOAT = re.compile(r"^(\d+)\.0+$")
if TYPE_CHECKING:
    import pandas as pd

_TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format


def read_file(data: bytes, filename: str, column: str | None = None) -> Reading:
    """Read an uploaded file; a file that cannot be read gives a fatal ``Problem``."""
    name = filename.lower()
    if data.startswith(_OLE_MAGIC):
        return _unreadable("old_excel")
    if name.endswith((".xlsx", ".xlsm")) or data.startswith(_ZIP_MAGIC):
        return _read_frame(*_excel_frame(data), column)
    text = _decode(data)
    if text is None:
        return _unreadable("not_text")
    if name.endswith(_TABLE_SUFFIXES) or column is not None:
        return _read_frame(*_csv_frame(data, text), column)
    return read_text(text)


def _unreadable(code: str, **params: str) -> Reading:
    return _refused(reason(f"file.{code}", **params))


def _refused(why: Reason) -> Reading:
    return Reading((), (Problem(why, fatal=True),))


def _max_lines() -> int:
    """Lines of a table read at most: a header and one row more than one input may hold, so that
    a longer file still gets the problem that says how many numbers were read."""
    return plan().rules.limits.max_numbers_per_input + 2


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:4096]:
        return None  # binary, or UTF-16 which spreadsheet exports rarely use for CSV
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _excel_frame(data: bytes) -> tuple[pd.DataFrame | Reading, bool]:
    """The first sheet as ``pd.read_excel(header=None, dtype=str)`` gives it, and whether rows were
    left off. ``sheets.read_xlsx`` reads it in a worker process: a hostile workbook costs that worker
    only."""
    import pandas as pd  # imported for tables only: it costs a quarter of a second
    from pandas.io.parsers import TextParser  # type: ignore[attr-defined]  # public, not in the stubs

    try:
        read = worker.run(sheets.read_xlsx, data, _max_lines(), seconds=table_bounds.SHEET_SECONDS)
    except worker.OverLimit:
        return _unreadable("excel_too_slow"), False
    if isinstance(read, Reason):
        return _refused(read), False
    table, left_off = read
    if not table:
        return pd.DataFrame(), False
    # What read_excel does with the rows its reader gives it (pandas/io/excel/_base.py).
    return TextParser(table, header=None, dtype=str, skip_blank_lines=False).read(), left_off


def _csv_frame(data: bytes, text: str) -> tuple[pd.DataFrame | Reading, bool]:
    import pandas as pd

    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    bounded = sheets.bound_csv(data, delimiter, _max_lines())
    if isinstance(bounded, Reason):
        return _refused(bounded), False
    kept, left_off = bounded
    if left_off:
        text = _decode(kept) or ""
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="python",
            on_bad_lines="skip",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError):
        return read_text(text), False  # not a table after all: read it as plain text
    return frame, left_off


def _read_frame(frame: pd.DataFrame | Reading, left_off: bool, column: str | None) -> Reading:
    """The numbers in the table; when lines were left off, a problem says so (unless the problem
    that more numbers were given than one input may hold says it already)."""
    reading = _read_table(frame, column)
    if not left_off or reading.fatal or any(p.reason.code == "too_many_numbers" for p in reading.problems):
        return reading
    too_long = Problem(reason("file.too_many_lines", limit=_max_lines()))
    return Reading(reading.rows, (*reading.problems, too_long), column=reading.column)


def _read_table(frame: pd.DataFrame | Reading, column: str | None) -> Reading:
    if isinstance(frame, Reading):
        return frame
    frame = frame.fillna("")
    if frame.empty:
        return _unreadable("empty")
    header = [str(value).strip() for value in frame.iloc[0]]
    has_header = not any(_looks_like_number(cell) for cell in header)
    body = frame.iloc[1:] if has_header else frame
    index = _column_index(body, header if has_header else None, column)
    if isinstance(index, Reading):
        return index
    first_line = 2 if has_header else 1
    cells = [_clean_cell(value) for value in body.iloc[:, index].tolist()]
    reading = read_lines(cells, [compact(cell) for cell in cells], first_line)
    name = header[index] if has_header and header[index] else str(index + 1)
    return Reading(reading.rows, reading.problems, column=name)


def _column_index(body: pd.DataFrame, header: list[str] | None, column: str | None) -> int | Reading:
    if column is not None:
        wanted = column.strip().casefold()
        for index, name in enumerate(header or []):
            if name.casefold() == wanted:
                return index
        if wanted.isdigit() and 1 <= int(wanted) <= body.shape[1]:
            return int(wanted) - 1
        return _unreadable("no_such_column", column=column, columns=", ".join(header or []) or "-")
    scores = []
    for index in range(body.shape[1]):
        cells = [str(value) for value in body.iloc[:, index].tolist() if str(value).strip()]
        share = sum(_looks_like_number(cell) for cell in cells) / len(cells) if cells else 0.0
        hinted = bool(header and _HEADER_HINTS.search(header[index]))
        scores.append((share >= 0.5 or (hinted and share > 0), hinted, share, -index))
    best = max(scores)
    if not best[0]:
        return _unreadable("no_number_column")
    return -best[3]


def _looks_like_number(cell: str) -> bool:
    return len(_DIGIT.findall(cell)) >= 3 and sum(char.isalpha() for char in cell) <= 3


def _clean_cell(value: object) -> str:
    text = str(value).strip()
    match = _EXCEL_FLOAT.match(text)  # numeric cells in Excel come back as 21234567.0
    return match[1] if match else text
