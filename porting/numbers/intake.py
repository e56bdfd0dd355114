"""Read numbers as people have them: pasted text, ranges, CSV and XLSX exports.

``read_numbers`` is the single entry point. It gives one ``NumberResult`` per number
entered, in input order, each keeping the text it came from and its line; a range gives
one row per number it expands to. Bad input never raises: it becomes a row with a
reason, or a ``Problem`` for the input as a whole.

>>> reading = read_numbers("+47 21 23 45 67; 800 12 345\\n21234567\\n21234500-02")
>>> [(row.line, row.display, row.type, row.duplicate_of) for row in reading.rows]
... # doctest: +NORMALIZE_WHITESPACE
[(1, '21 23 45 67', 'geographic', None), (1, '800 12 345', 'toll_free', None),
 (2, '21 23 45 67', 'geographic', 1), (3, '21 23 45 00', 'geographic', None),
 (3, '21 23 45 01', 'geographic', None), (3, '21 23 45 02', 'geographic', None)]
>>> read_numbers("21 23 45 99 - 21 23 45 00").rows[0].reason.code
'range_reversed'
"""

from __future__ import annotations

from porting.numbers import tables
from porting.numbers.readings import NumberResult, Problem, Reading, Rows, columns_of, combine, shortened
from porting.numbers.text import line_counts, read_lines, read_text

__all__ = [
    "NumberResult",
    "Problem",
    "Reading",
    "Rows",
    "columns_of",
    "combine",
    "line_counts",
    "read_lines",
    "read_numbers",
    "read_text",
    "shortened",
]


def read_numbers(source: str | bytes, *, filename: str | None = None, column: str | None = None) -> Reading:
    """Read pasted text (``str``) or an uploaded file (``bytes`` with its name).

    Text files are read as text; ``.csv``, ``.tsv``, ``.xlsx`` and ``.xlsm`` files as
    tables, taking the column that holds numbers or the one named by ``column``.
    """
    if isinstance(source, str):
        return read_text(source)
    return tables.read_file(source, filename or "", column)
