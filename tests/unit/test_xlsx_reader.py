"""The XLSX reader gives the rows openpyxl and pandas give, fast, and refuses what is no workbook.

Each workbook is read twice: by ``porting.numbers.sheets.read_xlsx`` and by openpyxl's read-only worksheet
with pandas' conversion of each cell (``openpyxl_rows``, what ``read_xlsx`` did before it read the
XML itself). Workbooks come from openpyxl and pandas ``to_excel``, and from parts written by hand
where those writers never write a case (shared strings, rich text, rows out of order, dates in
1904), each part as Excel writes it.
"""

from __future__ import annotations

import datetime
import io
import math
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import hostile_uploads as hostile
import openpyxl
import pandas as pd
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

from porting import worker
from porting.numbers import sheets, xlsx_parts
from porting.numbers.intake import read_numbers
from porting.numbers.numbering import Reason

ROWS = 100_002  # the rows a numbers file is read to: a header and one more than one input holds
ANSWER_SECONDS = 2.0  # the goal for any upload, as in test_upload_limits
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET = "xl/worksheets/sheet1.xml"


def openpyxl_rows(data: bytes) -> list[list[Any]]:
    """The first sheet as openpyxl's read-only worksheet gives it, each cell converted as pandas'
    ``read_excel`` converts it (pandas/io/excel/_openpyxl.py, ``get_sheet_data``)."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        table = []
        for row in sheet.rows:
            converted = [_pandas_value(cell) for cell in row]
            while converted and converted[-1] == "":
                converted.pop()
            table.append(converted)
    finally:
        book.close()
    while table and not table[-1]:
        table.pop()
    width = max(map(len, table), default=0)
    return [row + [""] * (width - len(row)) for row in table]


def _pandas_value(cell: Any) -> Any:
    if cell.value is None:
        return ""
    if cell.data_type == "e":
        return math.nan
    if cell.data_type == "n":
        whole = int(cell.value)
        return whole if whole == cell.value else float(cell.value)
    return cell.value


def comparable(table: list[list[Any]]) -> list[list[tuple[str, Any]]]:
    """Each cell with its type, NaN made equal to itself."""
    return [[(type(v).__name__, "NaN" if v != v else v) for v in row] for row in table]


def read(data: bytes, max_rows: int = ROWS) -> list[list[Any]]:
    result = sheets.read_xlsx(data, max_rows)
    assert not isinstance(result, Reason), result
    table, _ = result
    return table


def assert_read_as_openpyxl_reads(data: bytes) -> list[list[Any]]:
    ours = read(data)
    assert comparable(ours) == comparable(openpyxl_rows(data))
    return ours


def refusal(data: bytes, max_rows: int = ROWS) -> Reason:
    result = sheets.read_xlsx(data, max_rows)
    assert isinstance(result, Reason), result
    return result


# --- Workbooks built of parts ------------------------------------------------------------------


def workbook(
    sheet_data: str = "",
    strings: list[str] | None = None,
    parts: dict[str, str] | None = None,
    namespace: str = f'xmlns="{_MAIN}"',
    prefix: str = "",
) -> bytes:
    """A workbook from openpyxl with the rows of its sheet replaced by ``sheet_data`` (the inside
    of ``<sheetData>``), shared strings of ``strings`` (``<si>`` bodies) and other parts replaced
    by ``parts``."""
    book = openpyxl.Workbook()
    book.active.title = "Numbers"
    buffer = io.BytesIO()
    book.save(buffer)
    original = zipfile.ZipFile(buffer)
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{prefix}worksheet {namespace}>'
        f"<{prefix}sheetData>{sheet_data}</{prefix}sheetData></{prefix}worksheet>"
    )
    replaced = {_SHEET: sheet, **(parts or {})}
    if strings is not None:
        items = "".join(f"<si>{item}</si>" for item in strings)
        replaced["xl/sharedStrings.xml"] = f'<sst xmlns="{_MAIN}" count="{len(strings)}">{items}</sst>'
        kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
        relationship = f'<Relationship Type="{kind}" Target="sharedStrings.xml" Id="rIdStrings"/>'
        content = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
        override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{content}"/>'
        edits = {
            "xl/_rels/workbook.xml.rels": lambda text: text.replace(
                "</Relationships>", relationship + "</Relationships>"
            ),
            "[Content_Types].xml": lambda text: text.replace("</Types>", override + "</Types>"),
        }
    else:
        edits = {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in original.namelist():
            text = replaced.pop(name, None) or original.read(name).decode()
            archive.writestr(name, edits.get(name, str)(text))
        for name, text in replaced.items():
            archive.writestr(name, text)
    return out.getvalue()


def openpyxl_workbook(fill: Callable[[openpyxl.Workbook], None]) -> bytes:
    book = openpyxl.Workbook()
    fill(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- The same rows as openpyxl -----------------------------------------------------------------


def test_an_export_written_by_pandas_reads_as_read_excel_reads_it() -> None:
    frame = pd.DataFrame(
        {
            "Telefon": [21234567, 41234567.0, 80012345, None],
            "Navn": ["Oslo kontor", "", "Støtte – døgnåpen", "Ålesund"],
            "Aktiv": [True, False, None, True],
            "Andel": [0.25, 1e-9, 12345.678, -3.5],
            "Stort": [2**53 + 1, 10**15, -(2**40), 0],
        }
    )
    data = hostile.xlsx(frame)
    assert_read_as_openpyxl_reads(data)
    from porting.numbers.tables import _excel_frame  # the frame that the column finding reads

    expected = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=str, engine="openpyxl")
    ours, left_off = _excel_frame(data)
    assert not left_off
    pd.testing.assert_frame_equal(ours, expected)


def test_booleans_errors_floats_and_large_integers_keep_their_types() -> None:
    def fill(book: openpyxl.Workbook) -> None:
        sheet = book.active
        sheet.append(["Telefon", "Gyldig", "Feil", "Beløp"])
        sheet.append([21234567, True, "#N/A", 1.5])
        sheet.append([123_456_789_012_345, False, "#DIV/0!", 2.0])
        sheet.append(["+47 800 12 345", None, "#VALUE!", 1e300])

    table = assert_read_as_openpyxl_reads(openpyxl_workbook(fill))
    assert table[2][0] == 123_456_789_012_345 and type(table[2][3]) is int
    assert math.isnan(table[1][2])


def test_cells_and_rows_with_gaps_are_filled_with_blanks() -> None:
    def fill(book: openpyxl.Workbook) -> None:
        sheet = book.active
        sheet["C5"] = 21234567
        sheet["A2"] = "Telefon"
        sheet["E9"] = "siste"
        sheet["B9"] = 80012345

    table = assert_read_as_openpyxl_reads(openpyxl_workbook(fill))
    assert table[4] == ["", "", 21234567, "", ""]
    assert len(table) == 9 and table[0] == [""] * 5


def test_an_empty_sheet_is_an_empty_table() -> None:
    assert read(openpyxl_workbook(lambda book: None)) == []
    assert read(workbook("<row r='3'/><row r='4'><c r='B4'/></row>")) == []
    assert_read_as_openpyxl_reads(workbook("<row r='3'/><row r='4'><c r='B4'/></row>"))


def test_only_the_first_sheet_is_read_wherever_its_part_is() -> None:
    def fill(book: openpyxl.Workbook) -> None:
        book.active.append(["first sheet", 21234567])
        book.create_sheet("Second").append(["second sheet", 80012345])
        book.move_sheet("Second", offset=-1)  # first in the workbook, but in sheet2.xml

    data = openpyxl_workbook(fill)
    assert "xl/worksheets/sheet2.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert assert_read_as_openpyxl_reads(data) == [["second sheet", 80012345]]


def test_a_chart_sheet_first_is_passed_over() -> None:
    def fill(book: openpyxl.Workbook) -> None:
        book.active.append(["Telefon", 21234567])
        book.create_chartsheet("Chart", 0)

    # openpyxl cannot read its own chart sheet back: it gives "'list' object has no attribute 'find'".
    assert read(openpyxl_workbook(fill)) == [["Telefon", 21234567]]


def test_shared_strings_and_rich_text_runs_are_joined_without_phonetic_guides() -> None:
    strings = [
        "<t>Telefon</t>",
        "<r><rPr><b/></rPr><t>Oslo </t></r><r><t xml:space='preserve'>kontor </t></r>",
        "<t>東京</t><rPh sb='0' eb='2'><t>トウキョウ</t></rPh>",
        "<t>a_x005F_x000D_b</t>",
        "<t/>",
        "<t>Tromsø &amp; Bodø</t>",
    ]
    cells = "".join(f'<c r="{letter}1" t="s"><v>{index}</v></c>' for index, letter in enumerate("ABCDEF"))
    table = assert_read_as_openpyxl_reads(workbook(f'<row r="1">{cells}</row>', strings))
    assert table == [["Telefon", "Oslo kontor ", "東京", "a_x000D_b", "", "Tromsø & Bodø"]]


def test_inline_strings_with_rich_text_are_read_as_their_text() -> None:
    def fill(book: openpyxl.Workbook) -> None:
        bold = InlineFont(b=True)
        book.active.append([CellRichText(["+47 ", TextBlock(bold, "21 23"), " 45 67"]), "plain"])

    assert read(openpyxl_workbook(fill)) == [["+47 21 23 45 67", "plain"]]
    inline = (
        '<c r="A1" t="inlineStr"><is><r><t>800</t></r><r><t> 12 345</t></r></is></c><c r="B1" t="inlineStr"/>'
    )
    assert assert_read_as_openpyxl_reads(workbook(f"<row>{inline}</row>")) == [["800 12 345"]]


def test_cells_and_rows_without_references_and_out_of_order_are_placed_as_openpyxl_places_them() -> None:
    rows = (
        '<row><c><v>1</v></c><c><v>2</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>'
        '<row r="3"><c r="c3"><v>3</v></c><c r="A3"><v>1</v></c></row>'  # cut at its last cell
        '<row r="4"><c r="C4"><v>3</v></c><c r="A4"><v>1</v></c><c r="D4"><v>4</v></c></row>'
        '<row r="2"><c r="A2"><v>999</v></c></row>'  # before a row already read: left out
        '<row r="4"><c r="A4"><v>999</v></c></row>'
        '<row r="6.0"><c r="B6" t="str"><v>tekst</v></c></row>'
        '<row><c r="A7" t="e"/><c r="B7"><v></v></c><c r=\'C7\' t=\'str\'/></row>'
    )
    table = assert_read_as_openpyxl_reads(workbook(rows))
    assert table[0] == [1, 2, "", "", 5, 6]
    assert table[1] == [""] * 6
    assert table[2] == [1, "", "", "", "", ""]
    assert table[3] == [1, "", 3, 4, "", ""]


def test_formulas_are_read_as_their_last_values() -> None:
    cells = (
        '<c r="A1"><f>20000000+1234567</f><v>21234567</v></c>'
        '<c r="B1" t="str"><f>"80"&amp;"012345"</f><v>80012345</v></c>'
        '<c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="D1"><f>A1</f></c>'
    )
    table = assert_read_as_openpyxl_reads(workbook(f"<row>{cells}</row>"))
    assert table[0][:2] == [21234567, "80012345"]


def test_a_sheet_with_a_namespace_prefix_reads_the_same() -> None:
    rows = '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Telefon</x:t></x:is></x:c></x:row>'
    rows += '<x:row r="2"><x:c r="A2"><x:v>21234567</x:v></x:c></x:row>'
    data = workbook(rows, namespace=f'xmlns:x="{_MAIN}"', prefix="x:")
    assert assert_read_as_openpyxl_reads(data) == [["Telefon"], [21234567]]


# --- Dates ---------------------------------------------------------------------------------------


def test_the_built_in_date_formats_are_those_openpyxl_knows() -> None:
    dates = {index for index, code in BUILTIN_FORMATS.items() if is_date_format(code)}
    assert set(xlsx_parts._BUILTIN_DATE_FORMATS) == dates
    assert all(BUILTIN_FORMATS[index] == code for index, code in xlsx_parts._BUILTIN_DATE_FORMATS.items())
    assert {index for index in dates if is_timedelta_format(BUILTIN_FORMATS[index])} == {46}


# One cell is out of the range of dates on purpose, and openpyxl warns of it.
@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date but the serial value:UserWarning")
def test_dates_times_and_durations_are_read_as_openpyxl_reads_them() -> None:
    def fill(book: openpyxl.Workbook) -> None:
        sheet = book.active
        sheet.append(["Telefon", "Fra", "Klokka", "Varighet", "Dag"])
        sheet.append(
            [
                21234567,
                datetime.datetime(2027, 3, 1, 8, 30, 15),
                datetime.time(12, 30),
                datetime.timedelta(hours=30, minutes=5),
                datetime.date(1900, 2, 28),
            ]
        )
        sheet.append(
            [
                80012345,
                datetime.datetime(1899, 12, 31),
                datetime.time(0, 0, 1),
                datetime.timedelta(seconds=1.5),
                datetime.date(2027, 12, 31),
            ]
        )
        sheet["F2"] = 45000.5
        sheet["F2"].number_format = 'dd/mm/yyyy\\ "kl." hh:mm;@'
        sheet["F3"] = 45000
        sheet["F3"].number_format = "[$-414]d\\.\\ mmmm\\ yyyy"
        sheet["G2"] = 45000
        sheet["G2"].number_format = '"dag" 0'  # a literal in quotes is no date part
        sheet["G3"] = 10**9
        sheet["G3"].number_format = "yyyy-mm-dd"  # beyond the calendar: an error

    table = assert_read_as_openpyxl_reads(openpyxl_workbook(fill))
    assert table[1][1] == datetime.datetime(2027, 3, 1, 8, 30, 15)
    assert table[1][3] == datetime.timedelta(hours=30, minutes=5)
    assert table[2][6] != table[2][6]  # NaN


def test_dates_written_by_pandas_read_as_read_excel_reads_them() -> None:
    frame = pd.DataFrame(
        {
            "Telefon": ["21234567", "80012345", "41234567"],
            "Portert": pd.to_datetime(["2027-03-01", None, "2027-03-03 14:15:16"], format="ISO8601"),
            "Dag": [datetime.date(2027, 3, 1), datetime.date(2027, 4, 1), None],
        }
    )
    data = hostile.xlsx(frame)
    assert_read_as_openpyxl_reads(data)
    from porting.numbers.tables import _excel_frame

    expected = pd.read_excel(io.BytesIO(data), sheet_name=0, header=None, dtype=str, engine="openpyxl")
    pd.testing.assert_frame_equal(_excel_frame(data)[0], expected)


def test_a_workbook_on_the_1904_calendar_and_iso_date_cells_are_read_as_openpyxl_reads_them() -> None:
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    book.active.append([datetime.datetime(2027, 3, 1), 21234567])
    buffer = io.BytesIO()
    book.save(buffer)
    table = assert_read_as_openpyxl_reads(buffer.getvalue())
    assert table == [[datetime.datetime(2027, 3, 1), 21234567]]
    cells = (
        '<c r="A1" t="d"><v>2027-03-01T08:30:00</v></c><c r="B1" t="d"><v>2027-03-01</v></c>'
        '<c r="C1" t="d"><v>12:30:15.250</v></c><c r="D1" t="d"><v>PT30H5M</v></c>'
    )
    assert_read_as_openpyxl_reads(workbook(f"<row>{cells}</row>"))


# --- Bounds ----------------------------------------------------------------------------------------


def test_reading_stops_at_the_row_bound_even_across_a_gap() -> None:
    data = workbook(
        '<row r="1"><c r="A1"><v>21234567</v></c></row><row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    )
    table, left_off = sheets.read_xlsx(data, max_rows=ROWS)  # type: ignore[misc]
    assert table == [[21234567]] and left_off


def test_a_cell_beyond_the_last_column_allowed_is_refused_at_once() -> None:
    assert (
        refusal(workbook('<row r="1"><c r="A1"><v>1</v></c><c r="GS1"><v>2</v></c></row>')).code
        == "file.too_many_columns"
    )
    many = "<c/>" * 1_000_000
    assert refusal(workbook(f"<row>{many}</row>")).code == "file.too_many_columns"
    assert read(workbook('<row r="1"><c r="GR1"><v>2</v></c></row>'))[0][-1] == 2  # column 200


def test_too_many_cells_and_a_long_shared_string_are_refused_with_their_line() -> None:
    rows = "".join(f'<row r="{number}">' + "<c><v>1</v></c>" * 100 + "</row>" for number in range(1, 6002))
    assert refusal(workbook(rows)).code == "file.too_many_cells"
    long = refusal(
        workbook(
            '<row r="1"><c t="s"><v>0</v></c></row><row r="3"><c t="s"><v>1</v></c></row>',
            ["<t>Telefon</t>", "<t>" + "9" * 10_001 + "</t>"],
        )
    )
    assert (long.code, dict(long.params)["line"]) == ("file.cell_too_long", 3)


# --- Files that are no workbook ------------------------------------------------------------------


def _doctype(entities: str) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'


def _sheet_with_entity(declaration: str, reference: str) -> bytes:
    cell = f'<c r="A1" t="inlineStr"><is><t>{reference}</t></is></c>'
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1">{cell}</row></sheetData></worksheet>'
    return workbook(parts={_SHEET: _doctype(declaration) + sheet})


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(hostile.xlsx_with_entities(), id="billion laughs"),
        pytest.param(_sheet_with_entity('<!ENTITY n "21234567">', "&n;"), id="one harmless entity"),
        pytest.param(
            _sheet_with_entity('<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;"), id="external entity"
        ),
        pytest.param(
            workbook(parts={"xl/workbook.xml": _doctype('<!ENTITY a "a">') + "<workbook/>"}),
            id="doctype in the workbook",
        ),
        pytest.param(
            workbook(
                "<row><c t='s'><v>0</v></c></row>", parts={"xl/sharedStrings.xml": _doctype("") + "<sst/>"}
            ),
            id="doctype in strings",
        ),
        pytest.param(
            workbook(parts={"xl/styles.xml": _doctype("") + "<styleSheet/>"}), id="doctype in styles"
        ),
        pytest.param(
            workbook("<row><c t='inlineStr'><is><t>&undefined;</t></is></c></row>"), id="undefined entity"
        ),
        pytest.param(workbook("<row><c><v>21234567</v></c>"), id="sheet cut off"),
        pytest.param(hostile.xlsx_whose_sheet_is_not_xml(), id="not xml"),
    ],
)
def test_a_document_type_or_broken_xml_is_a_bad_file(data: bytes) -> None:
    why = refusal(data)
    assert (why.code, dict(why.params)["detail"]) == ("file.bad_excel", "ParseError")


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (hostile.truncated_xlsx(), "BadZipFile"),
        (workbook("<row><c t='s'><v>7</v></c></row>", []), "IndexError"),
        (workbook("<row><c><v>telefon</v></c></row>"), "ValueError"),
        (workbook("<row><c r='A'><v>1</v></c></row>"), "ValueError"),
        (
            workbook(
                parts={
                    "xl/_rels/workbook.xml.rels": "<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'/>"
                }
            ),
            "KeyError",
        ),
    ],
)
def test_a_workbook_whose_parts_do_not_fit_together_is_a_bad_file(data: bytes, detail: str) -> None:
    why = refusal(data)
    assert (why.code, dict(why.params)["detail"]) == ("file.bad_excel", detail)


# --- Fast ------------------------------------------------------------------------------------------


def export_of_numbers(rows: int = 100_000) -> bytes:
    """A provider's export as Excel writes it: a header, then a number and a name on each row, the
    names in the shared strings."""
    names = [f"<t>Kunde {index}</t>" for index in range(rows)]
    body = ['<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>']
    for index in range(rows):
        line = index + 2
        number = f'<c r="A{line}"><v>{21_000_000 + index}</v></c>'
        name = f'<c r="B{line}" t="s"><v>{index + 2}</v></c>'
        body.append(f'<row r="{line}" spans="1:2">{number}{name}</row>')
    return workbook("".join(body), ["<t>Telefon</t>", "<t>Navn</t>", *names])


@pytest.fixture(scope="module")
def started_workers() -> Iterator[None]:
    worker.warm_up()
    yield


def test_an_export_of_100000_numbers_is_read_whole(started_workers: None) -> None:
    data = export_of_numbers()
    assert len(data) < 10 * 1024 * 1024
    reading = read_numbers(data, filename="eksport.xlsx")
    assert len(reading.rows) == 100_000 and reading.column == "Telefon"
    assert not reading.problems


def test_parts_of_millions_of_elements_are_refused_as_too_slow_to_read() -> None:
    rows_left_out = workbook('<row r="2"/>' + '<row r="1"/>' * 2_500_000)  # each before one already read
    assert refusal(rows_left_out).code == "file.excel_too_slow"
    assert refusal(workbook("<x/>" * 2_500_000)).code == "file.excel_too_slow"
    styles = workbook(parts={"xl/styles.xml": "<a>" + "<xf/>" * 2_500_000 + "</a>"})
    assert refusal(styles).code == "file.excel_too_slow"
    strings = workbook("<row><c t='s'><v>0</v></c></row>", ["<t>Telefon</t>"] + ["<t/>"] * 1_000_000)
    assert refusal(strings).code == "file.excel_too_slow"
