"""Tables read within bounds, so a numbers file under the upload limit cannot exhaust the server.

A CSV of ten megabytes can be one row of a million cells, or ten million commas, and a zipped
XLSX of half a megabyte can hold four million rows or one shared string of 200 MB: read as they
are, each takes gigabytes or minutes. So the work is bounded before pandas sees the data. A
CSV's lines, columns and cells are counted on its raw bytes (``bound_csv``); an XLSX is checked
part by part in its zip directory, then its XML read streaming by expat in a worker process
(``read_xlsx``, run by ``porting.worker``), and only as far as the 100,000-number cap. A file
beyond a bound gets a ``Reason`` (``file.…``) that says what to do.

>>> bound_csv(b"Telefon\\n21234567\\n80012345\\n", ",", max_lines=2)
(b'Telefon\\n21234567', True)
>>> bound_csv(b"a,b,c\\n", ",", max_lines=10, max_columns=2).code
'file.too_many_columns'
"""

from __future__ import annotations

import contextlib
import datetime
import io
import math
import posixpath
import re
import string
import zipfile
from dataclasses import dataclass
from typing import IO, Any
from xml.etree.ElementTree import ParseError
from xml.parsers import expat
from xml.parsers.expat import XMLParserType

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
# (zipped to 0.65 MB) take hundreds of megabytes, and openpyxl read about 2 MB a second.
MAX_SHEET_BYTES = 64 * 1024 * 1024
# Every other part (shared strings, styles): the shared strings are all held in memory before
# the first row is read. Those of 100,000 distinct cells take about 5 MB.
MAX_PART_BYTES = 16 * 1024 * 1024
# The elements of a part read at most: 100,000 rows of six inline strings (a cell, its <is> and
# its <t>) take 1.9 million. Each costs about half a microsecond however little it holds, and
# 64 MB of empty elements are 16 million of them: beyond this a part takes too long to read.
MAX_SHEET_ELEMENTS = 2_000_000
# The seconds an XLSX may take in its worker. 100,000 rows of a number and a name take the reader
# 1.1 to 1.4 s of CPU (openpyxl took 3 to 7 s) and 1.8 to 4.5 s of wall time on two cores that
# other work keeps busy (benchmarks/xlsx.py); the bounds above stop the hostile sheets sooner.
SHEET_SECONDS = 8.0
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

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # expat's namespace prefix
_ROW, _CELL, _VALUE, _INLINE, _STRING = (_MAIN + tag for tag in ("row", "c", "v", "is", "si"))
_TEXT, _RUN, _PHONETIC = (_MAIN + tag for tag in ("t", "r", "rPh"))
_NAMES = (_ROW, _CELL, _VALUE, _INLINE, _STRING, _TEXT, _RUN, _PHONETIC)
_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships Relationship"
_RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships id"
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELATIONSHIPS = "xl/_rels/workbook.xml.rels"
_STYLES = "xl/styles.xml"  # where openpyxl looks for them, whatever the relationships say
_SHARED_STRINGS = "xl/sharedStrings.xml"
_CHUNK_BYTES = 64 * 1024
_DIGITS = "0123456789"
_LETTERS = {letter: place for place, letter in enumerate(string.ascii_uppercase, start=1)}

# The built-in number formats that show a date or a time (ECMA-376 part 1, 18.8.30): a number in
# a cell of such a style is a day count from the workbook's epoch.
_BUILTIN_DATE_FORMATS = {
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
}
# openpyxl's test of a format code (openpyxl/styles/numbers.py): a date part outside quotes and
# outside brackets other than [h], [m] and [s]; a duration has an elapsed-time bracket.
_FORMAT_LITERALS = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_PART = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_ELAPSED = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE)
_WINDOWS_EPOCH = datetime.datetime(1899, 12, 30)
_MAC_EPOCH = datetime.datetime(1904, 1, 1)
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


class _Refused(Exception):
    """A part of the workbook is beyond a bound: stop reading it."""

    def __init__(self, why: Reason) -> None:
        super().__init__(why.code)
        self.why = why


class _Full(Exception):
    """The table has all the rows it may hold: stop reading the sheet."""


@dataclass(frozen=True)
class _Book:
    """What reading the first worksheet needs from the rest of the workbook."""

    sheet: str  # the part that holds it
    strings: list[str]  # the shared strings, by index
    dates: frozenset[int]  # the styles that show a number as a date or time, by index
    durations: frozenset[int]  # ... as elapsed time ([h]:mm:ss)
    epoch: datetime.datetime


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
            book = _book(archive)
            table = _Table(max_rows)
            with archive.open(book.sheet) as sheet:
                _read_sheet(sheet, book, table)
        return table.rows()
    except _Refused as refused:
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


# --- Parts, by expat ---------------------------------------------------------------------------


def _parser() -> XMLParserType:
    """An expat parser that refuses a document type, so no entity is ever declared or expanded:
    no billion laughs, no external files. Element names come as ``namespace name``."""
    # The names compared in the handlers come as these very strings, so comparing is quick.
    parser = expat.ParserCreate(namespace_separator=" ", intern={name: name for name in _NAMES})
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_document_type
    parser.buffer_text = True  # one call for the text of an element
    parser.buffer_size = _CHUNK_BYTES
    return parser


def _refuse_document_type(*declaration: object) -> None:
    raise ParseError("a DOCTYPE, which no workbook needs: its entities are refused")


def _parse(parser: XMLParserType, part: IO[bytes]) -> None:
    """Feed a part to ``parser`` a chunk at a time; what expat cannot read is a ``ParseError``."""
    try:
        while chunk := part.read(_CHUNK_BYTES):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise ParseError(str(error)) from None


def _elements(archive: zipfile.ZipFile, name: str, wanted: set[str]) -> list[tuple[str, str, dict[str, str]]]:
    """The ``wanted`` elements of a small part, in order, each as its parent's name, its own name
    and its attributes."""
    found: list[tuple[str, str, dict[str, str]]] = []
    open_elements = [""]

    elements = 0

    def start(element: str, attributes: dict[str, str]) -> None:
        nonlocal elements
        elements += 1
        if elements > MAX_SHEET_ELEMENTS:
            raise _Refused(reason("file.excel_too_slow"))
        if element in wanted:
            found.append((open_elements[-1], element, attributes))
        open_elements.append(element)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda element: open_elements.pop()
    with archive.open(name) as part:
        _parse(parser, part)
    return found


def _book(archive: zipfile.ZipFile) -> _Book:
    """The first worksheet (chart sheets are no worksheets), its epoch, strings and date styles."""
    names = set(archive.namelist())
    relationships = {
        attributes.get("Id"): attributes
        for _, _, attributes in _elements(archive, _WORKBOOK_RELATIONSHIPS, {_RELATIONSHIP})
        if attributes.get("TargetMode") != "External"
    }
    workbook = _elements(archive, _WORKBOOK, {_MAIN + "sheet", _MAIN + "workbookPr"})
    sheets = [attributes for parent, _, attributes in workbook if parent == _MAIN + "sheets"]
    worksheets = (
        relationship
        for relationship in (
            relationships[sheet[_RELATIONSHIP_ID]] for sheet in sheets if sheet.get(_RELATIONSHIP_ID)
        )
        if _part(relationship) in names and "chartsheet" not in relationship.get("Type", "")
    )
    first = next(worksheets, None)
    if first is None:
        raise KeyError("no worksheet")
    strings = next(
        (
            _part(relationship)
            for relationship in relationships.values()
            if relationship.get("Type", "").endswith("/sharedStrings")
        ),
        _SHARED_STRINGS,
    )
    properties = [attributes for _, element, attributes in workbook if element == _MAIN + "workbookPr"]
    date1904 = properties[0].get("date1904", "") if properties else ""
    # openpyxl's reading of the flag: "false", "f" and "0" are false, any other text true.
    mac = date1904 not in ("false", "f", "0") and bool(date1904)
    dates, durations = _date_styles(archive) if _STYLES in names else (frozenset(), frozenset())
    return _Book(
        sheet=_part(first),
        strings=_shared_strings(archive, strings) if strings in names else [],
        dates=dates,
        durations=durations,
        epoch=_MAC_EPOCH if mac else _WINDOWS_EPOCH,
    )


def _part(relationship: dict[str, str]) -> str:
    """The part a workbook relationship points to: absolute, or relative to ``xl/``."""
    target = relationship.get("Target", "")
    return target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _date_styles(archive: zipfile.ZipFile) -> tuple[frozenset[int], frozenset[int]]:
    """The cell styles whose number format shows a date or time, and those that show a duration."""
    elements = _elements(archive, _STYLES, {_MAIN + "numFmt", _MAIN + "xf"})
    custom = {
        int(attributes["numFmtId"]): attributes.get("formatCode")
        for parent, element, attributes in elements
        if element == _MAIN + "numFmt" and parent == _MAIN + "numFmts"
    }
    dates, durations = set(), set()
    cell_styles = [attributes for parent, _, attributes in elements if parent == _MAIN + "cellXfs"]
    for style, attributes in enumerate(cell_styles):
        number_format = int(attributes.get("numFmtId", 0))
        code = custom[number_format] if number_format in custom else _BUILTIN_DATE_FORMATS.get(number_format)
        if code is None:
            continue
        first_section = code.split(";")[0]  # positive numbers; the others rarely differ
        if _DATE_PART.search(_FORMAT_LITERALS.sub("", first_section)):
            dates.add(style)
        if _ELAPSED.search(first_section):
            durations.add(style)
    return frozenset(dates), frozenset(durations)


class _StringItem:
    """A string (a shared ``<si>``, an inline ``<is>``) as openpyxl reads it: its own ``<t>``, then
    the ``<t>`` of each rich-text run (``<r>``), without the phonetic guides (``<rPh>``)."""

    __slots__ = ("inside", "plain", "runs")

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.plain = ""
        self.runs: list[str] = []
        self.inside = ""  # the run or guide being read

    def start(self, element: str) -> None:
        if element == _RUN:
            self.runs.append("")
            self.inside = element
        elif element == _PHONETIC:
            self.inside = element

    def text(self, text: str) -> None:
        """The text of a ``<t>`` that ended: the last one of the string, or of a run, counts."""
        if not self.inside:
            self.plain = text
        elif self.inside == _RUN:
            self.runs[-1] = text

    def end(self, element: str) -> None:
        if element == self.inside:
            self.inside = ""

    def value(self) -> str:
        return self.plain + "".join(self.runs) if self.runs else self.plain


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    strings: list[str] = []
    text: list[str] = []
    item = _StringItem()

    elements = 0

    def start(element: str, attributes: dict[str, str]) -> None:
        nonlocal elements
        elements += 1
        if elements > MAX_SHEET_ELEMENTS:
            raise _Refused(reason("file.excel_too_slow"))
        if element == _TEXT:
            text.clear()
        elif element == _STRING:
            item.clear()
        else:
            item.start(element)

    def end(element: str) -> None:
        if element == _TEXT:
            item.text("".join(text))
        elif element == _STRING:
            strings.append(item.value().replace("x005F_", ""))  # as openpyxl reads them
        else:
            item.end(element)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    with archive.open(name) as part:
        _parse(parser, part)
    return strings


# --- The sheet, streamed ---------------------------------------------------------------------


class _Table:
    """Rows as pandas' ``read_excel`` makes them: trailing empty cells and rows dropped, every row
    as wide as the widest; at most ``max_rows`` of them, and within the bounds on cells."""

    def __init__(self, max_rows: int) -> None:
        self.max_rows = max_rows
        self.kept: Table = []
        self.cells = 0
        self.last_with_data = -1
        self.left_off = False

    def add(self, row: list[Any], long_text: bool = False) -> None:
        """Add the next row, its cells converted, and whether a text in it is longer than a cell's
        may be; raises ``_Full`` or ``_Refused`` to stop reading."""
        if len(self.kept) == self.max_rows:
            self.left_off = True
            raise _Full
        while row and row[-1] == "":
            row.pop()
        self.cells += len(row)
        if self.cells > MAX_CELLS:
            raise _Refused(reason("file.too_many_cells", limit=MAX_CELLS))
        if long_text:
            line = len(self.kept) + 1
            raise _Refused(reason("file.cell_too_long", line=line, limit=MAX_CELL_CHARACTERS))
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


def _read_sheet(sheet: IO[bytes], book: _Book, table: _Table) -> None:
    """Add a worksheet's rows to ``table`` as openpyxl's read-only worksheet gives them, until the
    table is full: a missing row is an empty one, a row numbered before one already read is
    left out, a cell's reference (``C5``) places it, and a row is as long as its last cell says.

    One pair of expat handlers, whose state is the cell and the row being read: 100,000 rows
    are half a million elements or more, and each call or attribute more in them is felt.
    """
    strings, dates = book.strings, book.dates
    text: list[str] = []  # the character data since the last <v> or <t> began
    item = _StringItem()  # the cell's inline string
    row: list[Any] = []  # the cells of the row being read, placed by column...
    placed: dict[int, Any] | None = None  # ... or by column number once one came out of order
    row_number = 0  # the row being read, by its r= or counted on from the last
    next_row = 1  # the row the table expects: a gap before it is filled with empty rows
    column = 0  # the column of the cell being read, by its r= or counted on
    kind, style, value, inline = "n", 0, None, False
    long_text = False  # a text in the row is longer than a cell's may be
    elements = 0

    def start(element: str, attributes: dict[str, str]) -> None:
        nonlocal elements, row, placed, row_number, column, kind, style, value, inline, long_text
        elements += 1
        if elements > MAX_SHEET_ELEMENTS:
            raise _Refused(reason("file.excel_too_slow"))
        if element == _CELL:
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
                raise _Refused(reason("file.too_many_columns", limit=MAX_COLUMNS))
            style_index = attributes.get("s")
            style = int(style_index) if style_index else 0
            value, inline = None, False
        elif element in (_VALUE, _TEXT):
            text.clear()
        elif element == _ROW:
            number = attributes.get("r")
            row_number = row_number + 1 if number is None else _row_number(number)
            row, placed, column, long_text = [], None, 0, False
        elif element == _INLINE:
            inline = True
            item.clear()
        elif inline:
            item.start(element)

    def end(element: str) -> None:
        nonlocal row, next_row, value, long_text
        if element == _CELL:
            if not value:
                value = None
            if kind == "n" and value is not None and style not in dates:
                if "." in value or "e" in value or "E" in value:
                    number = float(value)
                    whole = int(number)  # pandas keeps a whole number as an int
                    cell: Any = whole if whole == number else number
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
        elif element == _VALUE:
            if value is None:  # the first <v> of a cell, as openpyxl takes it
                value = "".join(text)
        elif element == _TEXT:
            if inline:
                item.text("".join(text))
        elif element == _ROW:
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

    def _place(cells: list[Any], by_column: dict[int, Any] | None, at: int, cell: Any) -> None:
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

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    with contextlib.suppress(_Full):
        _parse(parser, sheet)


def _cell_value(kind: str, value: str | None, inline: str | None, style: int, book: _Book) -> Any:
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


def _from_excel(days: float, epoch: datetime.datetime, duration: bool) -> Any:
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
    if 0 < days < 60 and epoch == _WINDOWS_EPOCH:
        day += 1
    return epoch + datetime.timedelta(days=day) + since_midnight


def _from_iso8601(written: str) -> Any:
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
        if not match["date"]:
            return datetime.time(parts["hour"], parts["minute"], parts["second"], parts["microsecond"])
        if not match["time"]:
            return datetime.date(parts["year"], parts["month"], parts["day"])
        return datetime.datetime(**parts)
    match = _ISO_DURATION.match(written)
    if match and any(match.groups()):
        return datetime.timedelta(**{key: float(part) for key, part in match.groupdict().items() if part})
    raise ValueError(f"{written} is no date")
