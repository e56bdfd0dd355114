"""The baseline for ``benchmarks/xlsx.py``: the XLSX reader ``porting.numbers.sheets`` replaced.

openpyxl's read-only worksheet with pandas' settings (``read_only=True, data_only=True``), each
cell converted as pandas' ``read_excel`` converts it, within the same bounds as the reader.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any


def baseline_read_xlsx(data: bytes, max_rows: int) -> Any:
    """The reader before: openpyxl's read-only worksheet, cells converted as pandas converts them."""
    from openpyxl import load_workbook

    from porting.numbers import sheets, table_bounds

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        too_large = sheets._too_large_part(archive)
    if too_large is not None:
        return too_large
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        table: list[list[Any]] = []
        cells, last_with_data, left_off = 0, -1, False
        for number, row in enumerate(sheet.rows):
            if number == max_rows:
                left_off = True
                break
            converted = [_pandas_value(cell) for cell in row]
            while converted and converted[-1] == "":
                converted.pop()
            cells += len(converted)
            if len(row) > table_bounds.MAX_COLUMNS or cells > table_bounds.MAX_CELLS:
                raise AssertionError("the benchmark's workbook is within the bounds")
            if converted:
                last_with_data = number
            table.append(converted)
        del table[last_with_data + 1 :]
        width = max(map(len, table), default=0)
        return [row + [""] * (width - len(row)) for row in table], left_off
    finally:
        book.close()


def _pandas_value(cell: Any) -> Any:
    if cell.value is None:
        return ""
    if cell.data_type == "e":
        return float("nan")
    if cell.data_type == "n":
        whole = int(cell.value)
        return whole if whole == cell.value else float(cell.value)
    return cell.value
