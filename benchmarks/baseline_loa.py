"""The baseline for ``benchmarks/loa.py``: the Letter of Authorization the straightforward reportlab way.

A ``SimpleDocTemplate`` with the title and ONE ``Table(rows, repeatRows=1)`` of all numbers
(number, type, area: the letter's columns but the index, its widths, DejaVu Sans and table
style), which reportlab splits across pages itself, re-measuring every row still left at each
page; the footer says ``page N`` (``of M`` would need a second pass). It draws less than the
letter, no details, authorization or signature, so the comparison favours it.

Nothing of reportlab or ``porting`` is imported before ``baseline_loa`` runs: a cold run in a
fresh process pays for the imports and the fonts too.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate, Table

    from porting.company.details import CompanyDetails
    from porting.letter.wording import Wording
    from porting.numbers.intake import NumberResult

# The baseline's names for the letter's fonts (see _baseline_fonts).
BASELINE_FONT = "Baseline-DejaVuSans"
BASELINE_BOLD = "Baseline-DejaVuSans-Bold"


def baseline_loa(details: CompanyDetails, rows: Sequence[NumberResult]) -> bytes:
    """The straightforward way: one reportlab Table of all numbers, split across pages by reportlab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from porting.letter.loa import template
    from porting.letter.wording import Wording
    from porting.pdf.brand import INK
    from porting.pdf.page import BOTTOM_MARGIN, MARGIN, TOP_MARGIN

    _baseline_fonts()
    current = template()
    wording = Wording(current.texts, current.bilingual)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=wording.joined("title"),
        author=details.company_name,
    )
    title = ParagraphStyle("title", fontName=BASELINE_BOLD, fontSize=17, leading=21, textColor=INK)
    story = [Paragraph(wording.joined("title"), title), _baseline_table(rows, wording)]
    document.build(story, onFirstPage=_baseline_footer, onLaterPages=_baseline_footer)
    return buffer.getvalue()


def _baseline_table(rows: Sequence[NumberResult], wording: Wording) -> Table:
    """ONE Table of all the numbers, its header row repeated on every page it is split onto."""
    from reportlab.platypus import Table, TableStyle

    from porting.i18n import t
    from porting.pdf import brand as look, table as cells

    # The letter's columns but the index, whose width goes to the area.
    index, number, kind, area = cells.COLUMN_WIDTHS
    widths = (number, kind, area + index)
    languages = wording.languages
    data = [[wording.joined(f"numbers.{key}") for key in ("number", "type", "area")]]
    for row in rows:
        if row.portable and row.duplicate_of is None:
            names = [row.area.names[lang] for lang in languages] if row.area else [""]
            types = [t(f"type.{row.type}", lang) for lang in languages]
            data.append([row.display, _baseline_cell(types, widths[1]), _baseline_cell(names, widths[2])])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), BASELINE_FONT, cells.TABLE_FONT_SIZE, cells.TABLE_LEADING),
                ("FONT", (0, 0), (-1, 0), BASELINE_BOLD, cells.TABLE_FONT_SIZE, cells.TABLE_LEADING),
                ("TEXTCOLOR", (0, 0), (-1, -1), look.INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, look.HAIRLINE),
                ("LEFTPADDING", (0, 0), (-1, -1), cells.CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), cells.CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), cells.CELL_TOP_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), cells.CELL_BOTTOM_PADDING),
                ("BACKGROUND", (0, 0), (-1, 0), look.SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, look.RULE),
            ]
        )
    )
    return table


def _baseline_cell(texts: Sequence[str], width: float) -> str:
    """``nb / en`` on one line when it fits the column, else a line for each language."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from porting.pdf.table import CELL_PADDING, TABLE_FONT_SIZE

    together = " / ".join(dict.fromkeys(texts))
    fits = stringWidth(together, BASELINE_FONT, TABLE_FONT_SIZE) <= width - 2 * CELL_PADDING
    return together if fits else "\n".join(dict.fromkeys(texts))


def _baseline_footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
    """``page N`` at the foot of every page: reportlab's page count is not known until the end."""
    from reportlab.lib.units import mm

    from porting.pdf.brand import MUTED
    from porting.pdf.page import MARGIN, PAGE_WIDTH

    page = canvas.getPageNumber()
    canvas.saveState()
    canvas.setFont(BASELINE_FONT, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 12 * mm, f"Side {page} / Page {page}")
    canvas.restoreState()


@cache
def _baseline_fonts() -> None:
    """The letter's font files, loaded by the baseline itself (in a cold run it pays for them too).

    They get names of their own: registering a TTF font under a name resets that name's bold
    and italic to itself, which would take the bold out of the letter's ``<b>`` text.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from porting.pdf.fonts import FONT_DIR

    pdfmetrics.registerFont(TTFont(BASELINE_FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BASELINE_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
