"""CSV and XLSX exports: the number column is found, lines match the spreadsheet, bad files get a message."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from porting.numbers.intake import read_numbers


def xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def test_csv_with_semicolons_and_a_norwegian_header() -> None:
    data = "Avdeling;Telefonnummer;Kommentar\nOslo;+47 21 23 45 67;hovedsentral\nSupport;800 12 345;\n"
    reading = read_numbers(data.encode("utf-8"), filename="eksport.csv")
    assert reading.column == "Telefonnummer"
    assert [(row.line, row.national) for row in reading.rows] == [(2, "21234567"), (3, "80012345")]


def test_csv_in_windows_encoding_is_read() -> None:
    data = "Navn,Nummer\nKontor på Ørland,72 12 34 56\n".encode("cp1252")
    assert [row.type for row in read_numbers(data, filename="liste.csv").rows] == ["geographic"]


def test_csv_without_a_header_starts_at_line_one() -> None:
    reading = read_numbers(b"21234567\n80012345\n", filename="numbers.csv")
    assert [row.line for row in reading.rows] == [1, 2]
    assert reading.column == "1"


def test_column_found_by_content_when_the_header_says_nothing() -> None:
    data = b"a,b\nOslo,21234567\nBergen,55123456\nTromso,77123456\n"
    reading = read_numbers(data, filename="x.csv")
    assert reading.column == "b"
    assert len(reading.rows) == 3


def test_the_caller_may_name_the_column() -> None:
    data = b"Mobil,Fast\n41234567,21234567\n"
    assert [row.type for row in read_numbers(data, filename="x.csv", column="fast").rows] == ["geographic"]
    assert [row.type for row in read_numbers(data, filename="x.csv", column="1").rows] == ["mobile"]


def test_a_named_column_that_does_not_exist_lists_the_columns() -> None:
    reading = read_numbers(b"Mobil,Fast\n41234567,21234567\n", filename="x.csv", column="Fax")
    assert reading.fatal
    assert "Mobil, Fast" in reading.problems[0].reason.text("en")


def test_xlsx_with_numeric_cells() -> None:
    frame = pd.DataFrame({"Name": ["Oslo", "Mobile", "Support"], "Phone": [21234567, 41234567, 80012345]})
    reading = read_numbers(xlsx(frame), filename="numbers.xlsx")
    assert reading.column == "Phone"
    assert [(row.line, row.type) for row in reading.rows] == [
        (2, "geographic"),
        (3, "mobile"),
        (4, "toll_free"),
    ]


def test_xlsx_cells_may_hold_ranges_and_lists() -> None:
    frame = pd.DataFrame({"Numbers": ["21234500-09", "80012345, 85012345"]})
    reading = read_numbers(xlsx(frame), filename="numbers.xlsx")
    assert len(reading.rows) == 12
    assert {row.line for row in reading.rows} == {2, 3}


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"PK\x03\x04 this is not really a zip", "numbers.xlsx", "file.bad_excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old.xls", "file.old_excel"),
        (b"\x00\x01\x02\x03binary", "numbers.txt", "file.not_text"),
        (b"Name;Note\nOslo;main office\n", "numbers.csv", "file.no_number_column"),
    ],
)
def test_bad_files_get_a_clear_message(data: bytes, name: str, code: str) -> None:
    reading = read_numbers(data, filename=name)
    assert reading.fatal
    assert reading.rows == ()
    assert reading.problems[0].reason.code == code
    assert reading.problems[0].reason.text("nb")


def test_plain_text_files_are_read_like_a_paste() -> None:
    reading = read_numbers(b"21234567\n80012345\n", filename="numbers.txt")
    assert [row.national for row in reading.rows] == ["21234567", "80012345"]
