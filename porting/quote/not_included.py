"""The numbers a quote leaves out, grouped by why, in a table whose rows never outgrow a page.

Mobile numbers the customer wants a Virtual Caller ID for say so, the other mobile numbers come
with its offer, and the rest with why they cannot be ported; a group's numbers go on as many rows
as they need, each bounded by what it measures.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from porting.i18n import t
from porting.numbers.caller_id import is_wanted
from porting.pdf.fonts import FONT
from porting.pdf.page import WIDTH
from porting.pdf.table import CELL_PADDING
from porting.quote.look import CELL, table_style
from porting.quote.pricing import Quote

NUMBERS_PER_ROW = 40  # of a group of numbers not included; more go on further rows
LINES_PER_ROW = 8  # what those numbers may measure, in lines of their cell: a row never outgrows a page
NOT_INCLUDED_WIDTHS = (52 * mm, 34 * mm)  # the numbers and their type; the note takes the rest


def not_included_table(
    offer: Quote,
    language: str,
    *,
    header: ParagraphStyle,
    cell: ParagraphStyle,
    caller_ids: Collection[str] = frozenset(),
) -> Table | None:
    """The numbers left out, grouped by why, in a table with ``header`` above and ``cell`` text;
    ``None`` when every number is included. Mobile numbers among ``caller_ids`` (national numbers,
    the customer's choice) say a Virtual Caller ID is wanted for them; the others are offered one."""
    wanted = frozenset(caller_ids)
    chosen = t("quote_pdf.not_included.vcid_wanted", language)
    groups: dict[tuple[str, str], list[str]] = {}
    for row in offer.not_portable:
        why = chosen if is_wanted(row, wanted) else row.reason.text(language) if row.reason else ""
        groups.setdefault((row.type, why), []).append(_unbroken(row.display))
    if not groups:
        return None
    titles: list[Flowable | str] = [
        Paragraph(escape(t(f"quote_pdf.not_included.{key}", language)), header)
        for key in ("numbers", "type", "note")
    ]
    data: list[list[Flowable | str]] = [titles]
    cell_width = NOT_INCLUDED_WIDTHS[0] - 2 * CELL_PADDING
    for (kind, why), numbers in groups.items():
        for index, chunk in enumerate(_numbers_in_rows(numbers, cell_width)):
            first = index == 0
            data.append(
                [
                    Paragraph(escape(chunk), cell),
                    Paragraph(escape(t(f"type.{kind}", language)), cell) if first else "",
                    Paragraph(escape(why), cell) if first else "",
                ]
            )
    widths = NOT_INCLUDED_WIDTHS
    table = Table(data, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
    table.setStyle(TableStyle(table_style(header=True)))
    return table


def _numbers_in_rows(numbers: Sequence[str], width: float) -> list[str]:
    """The numbers as the rows of a cell ``width`` wide, each row at most ``LINES_PER_ROW`` lines.

    A table's row cannot be split over two pages, so a row is bounded by what its numbers
    measure, not only by how many they are: one entry of 1,576 digits once made a row taller
    than a page, and reportlab gave up with a ``LayoutError``. An entry wider than a whole row
    is cut to fit, with an ellipsis.
    """
    budget = width * LINES_PER_ROW / 2  # words wrap, not characters: lines end up to half empty
    rows: list[str] = []
    row: list[str] = []
    used = 0.0
    for number in numbers:
        entry, size = _fitted(number, budget)
        if row and (used + size > budget or len(row) == NUMBERS_PER_ROW):
            rows.append(", ".join(row))
            row, used = [], 0.0
        row.append(entry)
        used += size
    if row:
        rows.append(", ".join(row))
    return rows


def _fitted(entry: str, budget: float) -> tuple[str, float]:
    """The entry, cut with an ellipsis when it measures more than ``budget``, and its width."""
    size = pdfmetrics.stringWidth(entry + ", ", FONT, CELL.fontSize)
    while size > budget and len(entry) > 1:
        entry = entry[: max(1, int(len(entry) * budget / size) - 2)] + "…"
        size = pdfmetrics.stringWidth(entry + ", ", FONT, CELL.fontSize)
    return entry, size


def _unbroken(number: str) -> str:
    """A number kept on one line when a list of them wraps."""
    return number.replace(" ", "\u00a0")
