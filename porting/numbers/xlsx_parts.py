"""The parts of an XLSX workbook that reading its first worksheet needs, read by expat.

``read_book`` reads ``xl/workbook.xml`` (the sheets and the 1904 flag), its relationships
``xl/_rels/workbook.xml.rels`` (the part that holds each sheet, and the shared strings),
``xl/styles.xml`` (the cell styles that show a number as a date or a duration) and
``xl/sharedStrings.xml`` into a ``Book``. Every part is read by a parser from ``expat_parser``,
which refuses a document type, and within ``MAX_SHEET_ELEMENTS``; a part beyond a bound raises
``Refused``. ``StringItem`` reads a string as openpyxl does, shared here or inline in a sheet.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO
from xml.etree.ElementTree import ParseError
from xml.parsers import expat
from xml.parsers.expat import XMLParserType

from porting.numbers.numbering import Reason, reason
from porting.numbers.table_bounds import MAX_SHEET_ELEMENTS

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # expat's namespace prefix
ROW, CELL, VALUE, INLINE, _STRING = (_MAIN + tag for tag in ("row", "c", "v", "is", "si"))
TEXT, _RUN, _PHONETIC = (_MAIN + tag for tag in ("t", "r", "rPh"))
_NAMES = (ROW, CELL, VALUE, INLINE, _STRING, TEXT, _RUN, _PHONETIC)
_RELATIONSHIP = "http://schemas.openxmlformats.org/package/2006/relationships Relationship"
_RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships id"
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELATIONSHIPS = "xl/_rels/workbook.xml.rels"
_STYLES = "xl/styles.xml"  # where openpyxl looks for them, whatever the relationships say
_SHARED_STRINGS = "xl/sharedStrings.xml"
_CHUNK_BYTES = 64 * 1024

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
WINDOWS_EPOCH = datetime.datetime(1899, 12, 30)
_MAC_EPOCH = datetime.datetime(1904, 1, 1)


class Refused(Exception):
    """A part of the workbook is beyond a bound: stop reading it."""

    def __init__(self, why: Reason) -> None:
        super().__init__(why.code)
        self.why = why


@dataclass(frozen=True)
class Book:
    """What reading the first worksheet needs from the rest of the workbook."""

    sheet: str  # the part that holds it
    strings: list[str]  # the shared strings, by index
    dates: frozenset[int]  # the styles that show a number as a date or time, by index
    durations: frozenset[int]  # ... as elapsed time ([h]:mm:ss)
    epoch: datetime.datetime


def element_counter() -> Callable[[], None]:
    """A count of a part's elements to call as each opens: past ``MAX_SHEET_ELEMENTS`` it refuses
    the file, which would otherwise keep a worker busy until its time runs out. (The sheet, read
    element by element in the hot loop of ``xlsx_sheet``, counts inline instead.)"""
    elements = 0

    def counted() -> None:
        nonlocal elements
        elements += 1
        if elements > MAX_SHEET_ELEMENTS:
            raise Refused(reason("file.excel_too_slow"))

    return counted


def read_book(archive: zipfile.ZipFile) -> Book:
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
    return Book(
        sheet=_part(first),
        strings=_shared_strings(archive, strings) if strings in names else [],
        dates=dates,
        durations=durations,
        epoch=_MAC_EPOCH if mac else WINDOWS_EPOCH,
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


class StringItem:
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
    item = StringItem()

    counted = element_counter()

    def start(element: str, attributes: dict[str, str]) -> None:
        counted()
        if element == TEXT:
            text.clear()
        elif element == _STRING:
            item.clear()
        else:
            item.start(element)

    def end(element: str) -> None:
        if element == TEXT:
            item.text("".join(text))
        elif element == _STRING:
            strings.append(item.value().replace("x005F_", ""))  # as openpyxl reads them
        else:
            item.end(element)

    parser = expat_parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text.append
    with archive.open(name) as part:
        feed(parser, part)
    return strings


# --- Parts, by expat ---------------------------------------------------------------------------


def expat_parser() -> XMLParserType:
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


def feed(parser: XMLParserType, part: IO[bytes]) -> None:
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

    counted = element_counter()

    def start(element: str, attributes: dict[str, str]) -> None:
        counted()
        if element in wanted:
            found.append((open_elements[-1], element, attributes))
        open_elements.append(element)

    parser = expat_parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda element: open_elements.pop()
    with archive.open(name) as part:
        feed(parser, part)
    return found
