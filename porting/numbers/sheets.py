"""Tables read within bounds, so a numbers file under the upload limit cannot exhaust the server.

A CSV of ten megabytes can be one row of a million cells, or ten million commas, and a zipped
XLSX of half a megabyte can hold four million rows or one shared string of 200 MB: read as they
are, each takes gigabytes or minutes. So the work is bounded before pandas or openpyxl see the
data. A CSV's lines, columns and cells are counted on its raw bytes (``bound_csv``); an XLSX is
checked part by part in its zip directory, then read streaming in a worker process
(``read_xlsx``, run by ``porting.worker``) and only as far as the 100,000-number cap. A file
beyond a bound gets a ``Reason`` (``file.…``) that says what to do.

>>> bound_csv(b"Telefon\\n21234567\\n80012345\\n", ",", max_lines=2)
(b'Telefon\\n21234567', True)
>>> bound_csv(b"a,b,c\\n", ",", max_lines=10, max_columns=2).code
'file.too_many_columns'
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from porting.numbers.numbering import Reason, reason

# Provider exports have a few dozen columns; more than this is no list of numbers, and a million
# columns in one row is what took 3 GB to read.
MAX_COLUMNS = 200
# 100,000 numbers with five other columns beside them. Each cell becomes a Python string in
# pandas: this many take about 60 MB and under a second, where ten million commas took 9 GB.
MAX_CELLS = 600_000
# A cell may hold a list of numbers or a comment, but no one types this much into one cell; the
# csv module refuses cells of 128 kB anyway, with a message no one could act on.
MAX_CELL_CHARACTERS = 10_000
# The sheet's XML unpacked: 100,000 rows of six columns take about 35 MB. Four million rows
# (zipped to 0.65 MB) take hundreds of megabytes, and openpyxl reads about 2 MB a second.
MAX_SHEET_BYTES = 64 * 1024 * 1024
# Every other part (shared strings, styles): openpyxl loads each one whole into memory. The
# shared strings of 100,000 distinct cells take about 5 MB.
MAX_PART_BYTES = 16 * 1024 * 1024
# The seconds an XLSX may take in its worker: openpyxl streams about 40,000 cells a second, so a
# full export of 100,000 numbers with a name beside each takes several seconds.
SHEET_SECONDS = 20.0
_MEGABYTE = 1024 * 1024

Table = list[list[Any]]  # rows of cells: str, int, float, bool, datetime, or NaN for an error


def bound_csv(
    data: bytes,
    delimiter: str,
    max_lines: int,
    max_columns: int = MAX_COLUMNS,
    max_cells: int = MAX_CELLS,
    max_cell_characters: int = MAX_CELL_CHARACTERS,
) -> tuple[bytes, bool] | Reason:
    """The first ``max_lines`` lines of a CSV file and whether lines were left off, or why the file
    is refused. Counted on bytes (the delimiters are ASCII in every encoding we read), so nothing
    larger than the lines themselves is made; a delimiter inside quotes counts too, erring safe.
    """
    newline = b"\n" if b"\n" in data or b"\r" not in data else b"\r"  # old Mac files end lines in CR
    lines = data.split(newline, max_lines)
    left_off = len(lines) > max_lines and lines.pop().strip() != b""
    separator = delimiter.encode("ascii")
    counts = [line.count(separator) for line in lines]
    if max(counts, default=0) + 1 > max_columns:
        return reason("file.too_many_columns", limit=max_columns)
    if sum(counts) + len(lines) > max_cells:
        return reason("file.too_many_cells", limit=max_cells)
    for number, line in enumerate(lines, start=1):
        if len(line) > max_cell_characters and max(map(len, line.split(separator))) > max_cell_characters:
            return reason("file.cell_too_long", line=number, limit=max_cell_characters)
    return newline.join(lines), left_off


# --- XLSX, in a worker process ---------------------------------------------------------------


def read_xlsx(data: bytes, max_rows: int) -> tuple[Table, bool] | Reason:
    """The first sheet's first ``max_rows`` rows, converted as pandas converts openpyxl's cells,
    and whether rows were left off; or why the workbook cannot be read.

    Runs in a worker (``porting.worker``): it may take seconds and up to the worker's memory.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            too_large = _too_large_part(archive)
        if too_large is not None:
            return too_large
        from openpyxl import load_workbook  # in the worker only

        # pandas' own settings for openpyxl; read_only streams the sheet row by row.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # the declared size may be wrong, as pandas knows (GH 39486)
            return _sheet_rows(sheet.rows, max_rows)
        finally:
            book.close()
    except MemoryError:
        raise  # the worker answers it as a file too large to read
    except Exception as error:  # truncated zips, XML that is not XML, entities: zipfile, expat and
        # openpyxl raise almost anything, and each is the same bad file to the person uploading it.
        return reason("file.bad_excel", detail=type(error).__name__)


def _too_large_part(archive: zipfile.ZipFile) -> Reason | None:
    """Why a part is too large to unpack, by the sizes in the zip directory. zipfile never unpacks
    more than a part's declared size, so the directory cannot lie about it."""
    for part in archive.infolist():
        limit = MAX_SHEET_BYTES if part.filename.startswith("xl/worksheets/") else MAX_PART_BYTES
        if part.file_size > limit:
            return reason("file.part_too_large", limit=limit // _MEGABYTE)
    return None


def _sheet_rows(rows: Any, max_rows: int) -> tuple[Table, bool] | Reason:
    """Rows as pandas' ``read_excel`` makes them: trailing empty cells and rows dropped, every row
    as wide as the widest; at most ``max_rows`` of them, and within the bounds on cells."""
    table: Table = []
    cells = 0
    last_with_data = -1
    left_off = False
    for number, row in enumerate(rows):
        if number == max_rows:
            left_off = True
            break
        if len(row) > MAX_COLUMNS:
            return reason("file.too_many_columns", limit=MAX_COLUMNS)
        converted = [_cell_value(cell) for cell in row]
        while converted and converted[-1] == "":
            converted.pop()
        cells += len(converted)
        if cells > MAX_CELLS:
            return reason("file.too_many_cells", limit=MAX_CELLS)
        if any(isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS for value in converted):
            return reason("file.cell_too_long", line=number + 1, limit=MAX_CELL_CHARACTERS)
        if converted:
            last_with_data = number
        table.append(converted)
    del table[last_with_data + 1 :]
    width = max(map(len, table), default=0)
    return [row + [""] * (width - len(row)) for row in table], left_off


def _cell_value(cell: Any) -> Any:
    """A cell's value as pandas takes it from openpyxl: empty as "", an error as NaN, a whole
    number as ``int``."""
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "e":
        return float("nan")
    if cell.data_type == "n":
        whole = int(value)
        return whole if whole == value else float(value)
    return value
