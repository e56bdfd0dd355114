"""The table of numbers both PDFs list, cut into pages beforehand: index, number, type and area.

Consecutive numbers of one type and area are one row, written as a range
(``porting.numbers.runs``): 10,000 numbers of one series are one line, not 234 pages.

Row heights are known before anything is laid out, so a page's rows are found by bisection
and every page costs the same: 10,000 numbers take seconds, not the minutes a reportlab
``Table`` takes when it splits itself, measuring every row still left at every page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Table, TableStyle

from porting.i18n import t
from porting.numbers.intake import NumberResult
from porting.numbers.runs import number_runs
from porting.pdf.brand import HAIRLINE, INK, MUTED, RULE, SHADE
from porting.pdf.fonts import FONT
from porting.pdf.page import PAGE_HEIGHT, WIDTH

TABLE_FONT_SIZE = 8.5
TABLE_LEADING = 10.5
# Nr., number, type, area: the area gets what is left of the width. The first two take a range
# on one line: "9901–10000" and "21 00 99 01 – 21 01 00 00"; the type, "Geografisk (fastnett) /
# Geographic (local)", on one line too.
COLUMNS = (21 * mm, 42 * mm, 65 * mm)
COLUMN_WIDTHS = (*COLUMNS, WIDTH - sum(COLUMNS))
CELL_PADDING = 4  # points left and right of a table cell's text
CELL_TOP_PADDING = 2.5
CELL_BOTTOM_PADDING = 3


@dataclass(frozen=True)
class Rows:
    """The rows of the number table, ready to be cut into pages; ``ends[i]`` is where row i ends."""

    cells: list[list[str]]
    ends: list[float]
    make_header: Callable[[], list[Flowable]]  # new header cells for each page's table
    widths: tuple[float, ...] = COLUMN_WIDTHS
    indexed: bool = True  # the first column is the index: muted and to the right
    spanned_header: bool = False  # the header is one cell across the table

    @cached_property
    def header_height(self) -> float:
        header = self.make_header()
        if self.spanned_header:
            cells = [(header[0], sum(self.widths))]
        else:
            cells = list(zip(header, self.widths, strict=True))
        tallest = max(cell.wrap(width - 2 * CELL_PADDING, PAGE_HEIGHT)[1] for cell, width in cells)
        return tallest + CELL_TOP_PADDING + CELL_BOTTOM_PADDING

    def height(self, start: int, stop: int) -> float:
        return self.ends[stop - 1] - (self.ends[start - 1] if start else 0.0) if stop > start else 0.0

    def last_fitting(self, start: int, stop: int, space: float) -> int:
        """The end of the rows from ``start`` that fit in ``space``."""
        return bisect_right(self.ends, space + (self.ends[start - 1] if start else 0.0) + 1e-6, start, stop)

    def table(self, start: int, stop: int, header: bool) -> Table:
        data: list[list[Any]] = ([self.make_header()] if header else []) + self.cells[start:stop]
        heights = [self.ends[i] - (self.ends[i - 1] if i else 0.0) for i in range(start, stop)]
        first = 1 if header else 0
        style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), FONT, TABLE_FONT_SIZE, TABLE_LEADING),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, first), (-1, -1), 0.3, HAIRLINE),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM_PADDING),
        ]
        if self.indexed:
            style += [("TEXTCOLOR", (0, first), (0, -1), MUTED), ("ALIGN", (0, first), (0, -1), "RIGHT")]
        if header:
            heights.insert(0, self.header_height)
            style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE)]
            if self.spanned_header:
                style.append(("SPAN", (0, 0), (-1, 0)))
        table = Table(data, colWidths=self.widths, rowHeights=heights)
        table.setStyle(TableStyle(style))
        return table


def number_rows(
    numbers: Sequence[NumberResult], languages: Sequence[str], make_header: Callable[[], list[Flowable]]
) -> Rows:
    """Each row's cells (index, number, type, area) in ``languages`` and where the row ends: a row
    for each number, or for each run of consecutive numbers, written as a range."""
    widths = [width - 2 * CELL_PADDING for width in COLUMN_WIDTHS]
    cells: list[list[str]] = []
    heights: list[float] = []
    types: dict[str, str] = {}
    for run in number_runs(numbers):
        row = run.first
        kind, area = types.get(row.type), row.area
        if kind is None:
            labels = tuple(t(f"type.{row.type}", lang) for lang in languages)
            kind = types[row.type] = fit_rows(labels, widths[2])
        place = fit_rows(tuple(area.names[lang] for lang in languages), widths[3]) if area else ""
        cells.append([run.positions, run.display, kind, place])
        lines = 1 + max(kind.count("\n"), place.count("\n"))
        heights.append(TABLE_LEADING * lines + CELL_TOP_PADDING + CELL_BOTTOM_PADDING)
    return Rows(cells, list(accumulate(heights)), make_header)


GRID_COLUMNS = 4  # numbers side by side in a grid, each cell wide enough for a range


def number_grid(numbers: Sequence[NumberResult], make_header: Callable[[], list[Flowable]]) -> Rows:
    """The numbers (or their ranges) side by side, ``GRID_COLUMNS`` a row, under one header cell
    across the table: a compact list of numbers that share a type and an area."""
    runs = [run.display for run in number_runs(numbers)]
    cells = [
        (runs[start : start + GRID_COLUMNS] + [""] * GRID_COLUMNS)[:GRID_COLUMNS]
        for start in range(0, len(runs), GRID_COLUMNS)
    ]
    height = TABLE_LEADING + CELL_TOP_PADDING + CELL_BOTTOM_PADDING
    widths = (WIDTH / GRID_COLUMNS,) * GRID_COLUMNS
    ends = [height * (row + 1) for row in range(len(cells))]
    return Rows(cells, ends, make_header, widths=widths, indexed=False, spanned_header=True)


class NumberTable(Flowable):
    """Rows ``start`` to ``stop`` of the number table, cut into one reportlab Table per page.

    Row heights are known beforehand, so a page's rows are found by bisection and the table
    costs the same for every page: a reportlab Table split page by page measures all the
    rows left at every page. The header row opens the table and every page; rows that go on
    on the same page as the rows before them (the last rows, kept with the signature) have
    none. Whether the rows open a page, the frame tells while it lays them out.
    """

    def __init__(
        self, rows: Rows, start: int, stop: int, opens: bool = False, header: bool | None = None
    ) -> None:
        super().__init__()
        self.rows, self.start, self.stop, self.opens, self.fixed_header = rows, start, stop, opens, header
        self.header = opens

    def _with_header(self) -> bool:
        if self.fixed_header is not None:
            return self.fixed_header
        # A frame sets ``_frame`` on what it lays out and ``_atTop`` until something is on it;
        # reportlab's own KeepTogether reads them the same way.
        return self.opens or bool(getattr(getattr(self, "_frame", None), "_atTop", False))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.header = self._with_header()
        header = self.rows.header_height if self.header else 0.0
        return available_width, header + self.rows.height(self.start, self.stop)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        header = self._with_header()
        space = available_height - (self.rows.header_height if header else 0.0)
        end = self.rows.last_fitting(self.start, self.stop, space)
        if end == self.start:
            return []
        return [
            NumberTable(self.rows, self.start, end, header=header),
            NumberTable(self.rows, end, self.stop),
        ]

    def draw(self) -> None:
        table = self.rows.table(self.start, self.stop, self.header)
        table.wrapOn(self.canv, WIDTH, PAGE_HEIGHT)
        table.drawOn(self.canv, 0, 0)


@cache
def fit_rows(texts: tuple[str, ...], width: float) -> str:
    """A table cell in each language: on one line as ``nb / en`` when it fits, else line by line.

    >>> from porting.pdf.fonts import register_fonts
    >>> register_fonts()
    >>> fit_rows(("Gratisnummer", "Toll-free"), 150), fit_rows(("Oslo", "Oslo"), 150)
    ('Gratisnummer / Toll-free', 'Oslo')
    >>> print(fit_rows(("Geografisk (fastnett)", "Geographic (local)"), 150))
    Geografisk (fastnett)
    Geographic (local)
    """
    unique = tuple(dict.fromkeys(texts))
    together = " / ".join(unique)
    if pdfmetrics.stringWidth(together, FONT, TABLE_FONT_SIZE) <= width:
        return together
    return "\n".join(line for text in unique for line in simpleSplit(text, FONT, TABLE_FONT_SIZE, width))
