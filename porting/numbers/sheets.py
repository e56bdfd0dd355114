"""Tables read within bounds, so a numbers file under the upload limit cannot exhaust the server.

A CSV of ten megabytes can be one row of a million cells, or ten million commas, and a zipped
XLSX of half a megabyte can hold four million rows or one shared string of 200 MB: read as they
are, each takes gigabytes or minutes. So the work is bounded (``table_bounds``) before pandas sees
the data. A CSV's lines, columns and cells are counted on its raw bytes (``bound_csv``); an XLSX
is checked part by part in its zip directory, then its XML read streaming by expat in a worker
process (``read_xlsx``, run by ``porting.worker``), and only as far as the 100,000-number cap. A
file beyond a bound gets a ``Reason`` (``file.…``) that says what to do.

>>> bound_csv(b"Telefon\\n21234567\\n80012345\\n", ",", max_lines=2)
(b'Telefon\\n21234567', True)
>>> bound_csv(b"a,b,c\\n", ",", max_lines=10, max_columns=2).code
'file.too_many_columns'
"""

from __future__ import annotations

import io
import zipfile

from porting.numbers.numbering import Reason, reason
from porting.numbers.table_bounds import (
    MAX_CELL_CHARACTERS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_PART_BYTES,
    MAX_SHEET_BYTES,
)
from porting.numbers.xlsx_parts import Refused, read_book
from porting.numbers.xlsx_sheet import Table, read_sheet

_MEGABYTE = 1024 * 1024


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
#
# An XLSX is a zip of XML parts. ``xl/workbook.xml`` lists the sheets and
# ``xl/_rels/workbook.xml.rels`` names the part that holds each; a sheet's ``<row>``s hold
# ``<c>`` cells, whose ``<v>`` is a number, a boolean, an error or an index into
# ``xl/sharedStrings.xml``, or whose ``<is>`` is a string of their own; ``xl/styles.xml`` says
# which numbers are shown as dates. The parts are read with expat, the sheet streamed and
# only as far as the rows wanted, and each cell converted as pandas' ``read_excel`` converts
# what openpyxl gives it. openpyxl's read-only worksheet did the same work at about 40,000
# cells a second (8 s for 100,000 rows of two columns); this reads 100,000 rows in under a
# second. Dates are read here too, from the styles, as openpyxl reads them: an export may
# carry a date column beside its numbers, and falling back to openpyxl for those would make
# them the slow files again.
#
# The workbook's parts are read in ``xlsx_parts``, its first worksheet streamed in ``xlsx_sheet``.


def read_xlsx(data: bytes, max_rows: int) -> tuple[Table, bool] | Reason:
    """The first sheet's first ``max_rows`` rows, converted as pandas converts openpyxl's cells,
    and whether rows were left off; or why the workbook cannot be read.

    Runs in a worker (``porting.worker``): a hostile file costs that worker only.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            too_large = _too_large_part(archive)
            if too_large is not None:
                return too_large
            book = read_book(archive)
            with archive.open(book.sheet) as sheet:
                return read_sheet(sheet, book, max_rows)
    except Refused as refused:
        return refused.why
    except MemoryError:
        raise  # the worker answers it as a file too large to read
    except Exception as error:  # truncated zips, XML that is not XML, a DOCTYPE, a missing part, a
        # cell that is no number: each is the same bad file to the person uploading it.
        return reason("file.bad_excel", detail=type(error).__name__)


def _too_large_part(archive: zipfile.ZipFile) -> Reason | None:
    """Why a part is too large to unpack, by the sizes in the zip directory. zipfile never unpacks
    more than a part's declared size, so the directory cannot lie about it."""
    for part in archive.infolist():
        limit = MAX_SHEET_BYTES if part.filename.startswith("xl/worksheets/") else MAX_PART_BYTES
        if part.file_size > limit:
            return reason("file.part_too_large", limit=limit // _MEGABYTE)
    return None
