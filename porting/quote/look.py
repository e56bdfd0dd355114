"""The quote's look beside the brand's: its paragraph styles, its table style, and two ways of
setting things beside each other (sections as columns, labels and values in two columns)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from porting.pdf.brand import HAIRLINE, INK, MUTED, RULE, SHADE, Brand
from porting.pdf.fonts import BOLD, FONT
from porting.pdf.page import FRAME_HEIGHT, WIDTH
from porting.pdf.table import CELL_PADDING

GAP = 8 * mm  # between the price and the timeline when they stand side by side
LEFT_SHARE = 0.44  # of the width the price takes then: the timeline's long dates want more

CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=11, textColor=INK)


def styles(brand: Brand) -> Mapping[str, ParagraphStyle]:
    """The quote's own paragraph styles beside the brand's; its figures are in the accent colour."""
    return {
        "cell": CELL,
        "amount": ParagraphStyle("amount", CELL, alignment=TA_RIGHT),
        "strong": ParagraphStyle("strong", CELL, fontName=BOLD, fontSize=9.5, leading=12),
        "strong_amount": ParagraphStyle(
            "strong_amount", CELL, fontName=BOLD, fontSize=9.5, alignment=TA_RIGHT
        ),
        "label": ParagraphStyle("label", CELL, textColor=MUTED),
        "detail": ParagraphStyle("detail", CELL, fontSize=7.5, leading=9.5, textColor=MUTED),
        "figure": ParagraphStyle("figure", fontName=BOLD, fontSize=13, leading=16, textColor=brand.accent),
        "item": ParagraphStyle("item", brand.styles["body"], leftIndent=5 * mm, bulletIndent=0, spaceAfter=3),
        "estimate": ParagraphStyle("estimate", CELL, fontSize=8, leading=10.5, textColor=MUTED),
    }


def side_by_side(
    left: Callable[[float], list[Flowable]], right: Callable[[float], list[Flowable]]
) -> list[Flowable]:
    """Two sections, each made for the width it gets: as columns when both are short, else one
    after the other, full width (a table's cell cannot be split over two pages)."""
    widths = ((WIDTH - GAP) * LEFT_SHARE, (WIDTH - GAP) * (1 - LEFT_SHARE))
    columns = (left(widths[0]), right(widths[1]))
    tallest = max(
        sum(part.wrap(width, FRAME_HEIGHT)[1] for part in side)
        for side, width in zip(columns, widths, strict=True)
    )
    if tallest > FRAME_HEIGHT / 2:
        return [*left(WIDTH), Spacer(0, 5 * mm), *right(WIDTH)]
    table = Table([list(columns)], colWidths=[width + GAP / 2 for width in widths])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), GAP / 2),
                ("LEFTPADDING", (1, 0), (1, 0), GAP / 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]


def two_columns(data: list[list[Any]], widths: tuple[float, float], style: list[Any]) -> Table:
    """Labels and values, or items and amounts, in two columns."""
    table = Table(data, colWidths=list(widths))
    flush_right = ("RIGHTPADDING", (-1, 0), (-1, -1), 0)  # amounts end where the rules end
    table.setStyle(TableStyle([*table_style(header=False), flush_right, *style]))
    return table


def table_style(header: bool) -> list[Any]:
    style: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, HAIRLINE),
        ]
    return style
