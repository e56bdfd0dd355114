"""Hostile uploads, made at test time: small files that once took gigabytes or minutes to read.

Each function returns the bytes of one file, each under the 10 MB upload limit. The large parts
are written in chunks, so building them costs the tests little memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Mapping

import pandas as pd

_MEGABYTE = 1024 * 1024


def csv_with_one_row_of_cells(cells: int = 1_100_000) -> bytes:
    """One row of 1.1 million cells (3.2 GB in pandas' Python parser, then ``std::bad_alloc``)."""
    return b"21234567;" * cells + b"\n"


def csv_of_commas(commas: int = 9_900_000) -> bytes:
    """9.9 million commas on one line (more than 9 GB)."""
    return b"," * commas


def csv_of_comma_lines(lines: int = 100_000, columns: int = 100) -> bytes:
    """Ten million empty cells, a hundred to a line."""
    return (b"," * (columns - 1) + b"\n") * lines


def csv_with_a_long_cell(characters: int = 5_000_000) -> bytes:
    return b"Telefon;Kommentar\n21234567;" + b"x" * characters + b"\n"


def xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def _workbook() -> bytes:
    return xlsx(pd.DataFrame({"Telefon": ["21234567", "80012345"]}))


def _with_part(
    name: str,
    body: bytes = b"",
    chunk: bytes = b"",
    repeat: int = 0,
    tail: bytes = b"",
    edits: Mapping[str, Callable[[bytes], bytes]] | None = None,
) -> bytes:
    """A real workbook with one part replaced by ``body``, ``chunk`` ``repeat`` times, and ``tail``,
    and other parts changed by ``edits``."""
    original = zipfile.ZipFile(io.BytesIO(_workbook()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part in original.infolist():
            if part.filename != name:
                edit = (edits or {}).get(part.filename, bytes)
                archive.writestr(part, edit(original.read(part)))
        with archive.open(name, "w", force_zip64=True) as stream:
            stream.write(body)
            for _ in range(repeat):
                stream.write(chunk)
            stream.write(tail)
    return buffer.getvalue()


_SHEET = "xl/worksheets/sheet1.xml"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>'
_WORKSHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SHEET_START = _DECLARATION + _WORKSHEET
_SHEET_END = b"</sheetData></worksheet>"


def xlsx_of_four_million_rows() -> bytes:
    """Four million rows zipped into well under a megabyte (111 s in pandas)."""
    rows = b'<row><c t="inlineStr"><is><t>21234567</t></is></c></row>' * 10_000
    return _with_part(_SHEET, _SHEET_START, rows, repeat=400, tail=_SHEET_END)


def xlsx_with_one_huge_shared_string(megabytes: int = 200) -> bytes:
    """One shared string of 200 MB."""
    start = _DECLARATION + (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        b"<si><t>"
    )
    end = b"</t></si></sst>"
    # Excel keeps a sheet's text in the shared strings, which openpyxl loads whole before any row.
    content_type = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s" /></Types>' % content_type
    edits = {
        "[Content_Types].xml": lambda types: types.replace(b"</Types>", override),
        _SHEET: lambda sheet: sheet.replace(b't="inlineStr"><is><t>Telefon</t></is>', b't="s"><v>0</v>'),
    }
    return _with_part("xl/sharedStrings.xml", start, b"8" * _MEGABYTE, megabytes, end, edits)


def truncated_xlsx() -> bytes:
    data = xlsx(pd.DataFrame({"Telefon": [f"2123{index:04d}" for index in range(2000)]}))
    return data[: len(data) // 2]


def xlsx_whose_sheet_is_not_xml() -> bytes:
    return _with_part(_SHEET, b"this is no XML at all <<<")


def xlsx_with_entities() -> bytes:
    """A sheet that expands one entity into a billion ("billion laughs")."""
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, (b"&lol%d;" % (level - 1) if level > 1 else b"&lol;") * 10)
        for level in range(1, 10)
    )
    doctype = b"<!DOCTYPE worksheet [" + entities + b"]>"
    row = b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return _with_part(_SHEET, _DECLARATION + doctype + _WORKSHEET + row + _SHEET_END)


def pdf_of_pages_sharing_empty_text_runs(pages: int = 50, runs: int = 300_000) -> bytes:
    """A PDF of 50 pages that share one content stream of empty text runs: a few tens of kB that kept
    ``extract_text`` busy for minutes. Written byte by byte, as a hostile file is."""
    content = zlib.compress(b"BT /F1 12 Tf " + b"() Tj " * runs + b"ET", 9)
    kids = " ".join(f"{4 + page} 0 R" for page in range(pages))
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content),
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources %s >>" % font]
        * pages,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()
