"""The quote as a PDF for a prospect: price, timeline, numbers and documents on a branded A4 page.

One language per document (``en`` or ``nb``), every word from the message catalogue
(``locales/*/quote_pdf.toml``). The figures come from ``porting.quote.pricing`` and
``porting.quote.timeline``; this module only lays them out. It shares the Letter of Authorization's
look and machinery (``porting.letter.layout``): the running head, the footer with ``page N of M``, and the
number table that is cut into pages beforehand, so 10,000 numbers take seconds, not minutes.

>>> from porting.numbers.intake import read_numbers
>>> from porting.quote.pricing import quote
>>> from porting.quote.timeline import timeline
>>> offer = quote(read_numbers("21234567\\n41234567"))
>>> build_quote_pdf(offer, timeline(date(2027, 3, 19)), language="nb", today=date(2027, 3, 1))[:5]
b'%PDF-'
>>> quote_filename(date(2027, 3, 1))
'quote-2027-03-01.pdf'
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from itertools import accumulate
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from porting.i18n import format_date, format_integer, format_money, t, tn
from porting.letter.layout import (
    ACCENT,
    BOLD,
    BOTTOM_MARGIN,
    CELL_BOTTOM_PADDING,
    CELL_PADDING,
    CELL_TOP_PADDING,
    COLUMN_WIDTHS,
    CREATOR,
    FONT,
    HAIRLINE,
    INK,
    MARGIN,
    MUTED,
    PAGE_HEIGHT,
    RULE,
    SHADE,
    STYLES,
    TABLE_LEADING,
    TOP_MARGIN,
    WIDTH,
    Furniture,
    LetterCanvas,
    NumberTable,
    Rows,
    Rule,
    fit_rows,
    register_fonts,
)
from porting.numbers.intake import NumberResult
from porting.quote.pricing import Quote
from porting.quote.timeline import Timeline
from porting.rules import rules

FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
GAP = 8 * mm  # between the price and the timeline when they stand side by side
LEFT_SHARE = 0.44  # of the width the price takes then: the timeline's long dates want more
AMOUNT_WIDTH = 28 * mm  # the price's amounts
LABEL_WIDTH = 40 * mm  # the timeline's labels
NUMBERS_PER_ROW = 40  # of a group of numbers not included; more go on further rows
LINES_PER_ROW = 8  # what those numbers may measure, in lines of their cell: a row never outgrows a page
NOT_INCLUDED_WIDTHS = (52 * mm, 34 * mm)  # the numbers and their type; the note takes the rest

_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=11, textColor=INK)
_STYLE = {
    "cell": _CELL,
    "amount": ParagraphStyle("amount", _CELL, alignment=TA_RIGHT),
    "strong": ParagraphStyle("strong", _CELL, fontName=BOLD, fontSize=9.5, leading=12),
    "strong_amount": ParagraphStyle("strong_amount", _CELL, fontName=BOLD, fontSize=9.5, alignment=TA_RIGHT),
    "label": ParagraphStyle("label", _CELL, textColor=MUTED),
    "detail": ParagraphStyle("detail", _CELL, fontSize=7.5, leading=9.5, textColor=MUTED),
    "figure": ParagraphStyle("figure", fontName=BOLD, fontSize=13, leading=16, textColor=ACCENT),
    "item": ParagraphStyle("item", STYLES["body"], leftIndent=5 * mm, bulletIndent=0, spaceAfter=3),
    "estimate": ParagraphStyle("estimate", _CELL, fontSize=8, leading=10.5, textColor=MUTED),
}


def build_quote_pdf(quote: Quote, plan: Timeline, *, language: str, today: date) -> bytes:
    """The quote as PDF bytes in ``language`` (``en`` or ``nb``), made on ``today``."""
    register_fonts()
    sheet = _QuoteSheet(quote, plan, language, today)
    buffer = io.BytesIO()
    frame = Frame(
        MARGIN,
        BOTTOM_MARGIN,
        WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate("quote", [frame])],
        title=sheet.title,
        subject=tn("quote_pdf.subject", quote.portable_numbers, language),
        author=sheet.brand,
        creator=CREATOR,
        lang=language,
    )
    document.build(sheet.story(), canvasmaker=partial(LetterCanvas, furniture=sheet.furniture()))
    return buffer.getvalue()


def quote_filename(today: date) -> str:
    """The PDF's file name, the same in every language: ``quote-2027-03-01.pdf``."""
    return f"quote-{today.isoformat()}.pdf"


class _QuoteSheet:
    """One quote's content, laid out as platypus flowables."""

    def __init__(self, offer: Quote, plan: Timeline, language: str, today: date) -> None:
        self.offer, self.plan, self.language, self.today = offer, plan, language, today
        self.brand = rules().brand
        self.title = t("quote_pdf.title", language)

    def money(self, cents: int) -> str:
        return format_money(cents, self.offer.currency, self.language)

    def furniture(self) -> Furniture:
        lang = self.language
        made = format_date(self.today, lang, "medium")
        return Furniture(
            brand=self.brand,
            title=self.title,
            owner=t("quote_pdf.footer", lang, title=self.title, day=made),
            page=lambda page, pages: t("quote_pdf.page", lang, page=page, pages=pages),
        )

    def story(self) -> list[Flowable]:
        lang = self.language
        made = t("quote_pdf.made", lang, day=format_date(self.today, lang), brand=self.brand)
        story: list[Flowable] = [
            Paragraph(escape(self.title), STYLES["title"]),
            Paragraph(escape(made), STYLES["subtitle"]),
            Spacer(0, 5 * mm),
            self._figures(),
            Spacer(0, 6 * mm),
            *_side_by_side(self._price, self._timeline),
            Spacer(0, 3 * mm),
            self._estimate(),
            Spacer(0, 6 * mm),
            *self._documents(),
            *self._not_included(),
        ]
        if self.offer.portable_numbers:
            story += self._numbers()
        return story

    def _section(self, key: str, aside: str = "") -> list[Flowable]:
        heading = escape(t(key, self.language))
        if aside:
            heading += f' <font name="{FONT}" color="{MUTED.hexval()}">({escape(aside)})</font>'
        return [Paragraph(heading, STYLES["heading"]), Rule()]

    def _figures(self) -> Table:
        """The four figures a prospect looks for first, in a shaded band."""
        offer, lang = self.offer, self.language
        requested = self.plan.porting_day != self.plan.estimated_porting_day
        porting_day = "quote_pdf.figure.requested_day" if requested else "quote_pdf.figure.porting_day"
        figures = [
            ("quote_pdf.figure.total", self.money(offer.total_cents)),
            ("quote_pdf.figure.numbers", format_integer(offer.portable_numbers, lang)),
            ("quote_pdf.figure.requests", format_integer(len(offer.requests), lang)),
            (porting_day, format_date(self.plan.porting_day, lang, "medium")),
        ]
        cells = [
            [Paragraph(escape(t(key, lang)), STYLES["label"]), Paragraph(escape(value), _STYLE["figure"])]
            for key, value in figures
        ]
        table = Table([cells], colWidths=[WIDTH / len(cells)] * len(cells))
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("LINEABOVE", (0, 0), (-1, 0), 1.5, ACCENT),
                    ("LINEBEFORE", (1, 0), (-1, -1), 0.6, colors.white),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                ]
            )
        )
        return table

    def _price(self, width: float) -> list[Flowable]:
        """The unit prices, one line per porting request with how its subtotal comes about, the total."""
        offer, lang = self.offer, self.language
        per_request, per_number = self.money(offer.per_request_cents), self.money(offer.per_number_cents)
        rows: list[tuple[str, str, str]] = [
            (t("quote_pdf.price.per_request", lang), "", per_request),
            (t("quote_pdf.price.per_number", lang), "", per_number),
        ]
        for index, request in enumerate(offer.requests, 1):
            count = len(request.numbers)
            detail = tn(
                "quote_pdf.price.request_detail",
                count,
                lang,
                per_number=per_number,
                per_request=per_request,
            )
            rows.append(
                (t("quote_pdf.price.request", lang, index=index), detail, self.money(request.subtotal_cents))
            )
        data = [
            [
                [Paragraph(escape(label), _STYLE["cell"]), *_detail(detail)],
                Paragraph(escape(amount), _STYLE["amount"]),
            ]
            for label, detail, amount in rows
        ]
        data.append(
            [
                Paragraph(escape(t("quote_pdf.price.total", lang)), _STYLE["strong"]),
                Paragraph(escape(self.money(offer.total_cents)), _STYLE["strong_amount"]),
            ]
        )
        style = [
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, HAIRLINE),
            ("LINEBELOW", (0, 1), (-1, 1), 0.6, RULE),  # the unit prices above, the requests below
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ]
        table = _two_columns(data, (width - AMOUNT_WIDTH, AMOUNT_WIDTH), style=style)
        flowables: list[Flowable] = [*self._section("quote_pdf.price.heading"), table]
        if not offer.requests:
            flowables.append(Paragraph(escape(t("quote_pdf.price.none", lang)), _STYLE["detail"]))
        return flowables

    def _timeline(self, width: float) -> list[Flowable]:
        """Submission, porting day, when it is confirmed, how long, and the holidays on the way."""
        plan, lang = self.plan, self.language

        def day(value: date, style: str = "long") -> str:
            return format_date(value, lang, style)

        rows = [("quote_pdf.timeline.submitted", day(plan.start))]
        rows.append(("quote_pdf.timeline.porting_day", day(plan.estimated_porting_day)))
        if plan.porting_day != plan.estimated_porting_day:
            rows.append(("quote_pdf.timeline.requested_day", day(plan.porting_day)))
        first, last = (day(value, "medium") for value in plan.confirmation_window)
        rows.append(
            ("quote_pdf.timeline.window", t("quote_pdf.timeline.window_range", lang, first=first, last=last))
        )
        rows.append(
            ("quote_pdf.timeline.duration", tn("quote_pdf.timeline.business_days", plan.business_days, lang))
        )
        holidays = [
            t("quote_pdf.timeline.holiday", lang, day=day(holiday.day, "short"), name=holiday.names[lang])
            for holiday in plan.holidays
        ]
        rows.append(
            ("quote_pdf.timeline.holidays", "\n".join(holidays) or t("quote_pdf.timeline.no_holidays", lang))
        )
        data = [
            [
                Paragraph(escape(t(key, lang)), _STYLE["label"]),
                Paragraph(
                    escape(value).replace("\n", "<br/>"),
                    _STYLE["strong" if key.endswith("porting_day") else "cell"],
                ),
            ]
            for key, value in rows
        ]
        table = _two_columns(
            data, (LABEL_WIDTH, width - LABEL_WIDTH), style=[("LINEBELOW", (0, 0), (-1, -2), 0.3, HAIRLINE)]
        )
        return [*self._section("quote_pdf.timeline.heading"), table]

    def _estimate(self) -> Table:
        durations = rules().timeline
        text = t(
            "quote_pdf.estimate",
            self.language,
            business_days=durations.porting_business_days,
            min_days=durations.confirmation_min_business_days,
            max_days=durations.confirmation_max_business_days,
            currency=self.offer.currency,
        )
        box = Table([[Paragraph(escape(text), _STYLE["estimate"])]], colWidths=[WIDTH])
        box.setStyle(
            TableStyle(
                [
                    ("LINEBEFORE", (0, 0), (0, 0), 2, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return box

    def _documents(self) -> list[Flowable]:
        items = [
            Paragraph(escape(document.texts[self.language]), _STYLE["item"], bulletText=f"{index}.")
            for index, document in enumerate(self.offer.documents, 1)
        ]
        return [KeepTogether([*self._section("quote_pdf.documents.heading"), *items]), Spacer(0, 4 * mm)]

    def _not_included(self) -> list[Flowable]:
        """The numbers left out, grouped by why: mobile ones with the Virtual Caller ID offer."""
        lang = self.language
        groups: dict[tuple[str, str], list[str]] = {}
        for row in self.offer.not_portable:
            why = row.reason.text(lang) if row.reason else ""
            groups.setdefault((row.type, why), []).append(_unbroken(row.display))
        if not groups:
            return []
        header = [
            Paragraph(escape(t(f"quote_pdf.not_included.{key}", lang)), STYLES["header"])
            for key in ("numbers", "type", "note")
        ]
        data: list[list[Flowable | str]] = [header]
        cell_width = NOT_INCLUDED_WIDTHS[0] - 2 * CELL_PADDING
        for (kind, why), numbers in groups.items():
            for index, chunk in enumerate(_numbers_in_rows(numbers, cell_width)):
                first = index == 0
                data.append(
                    [
                        Paragraph(escape(chunk), _STYLE["cell"]),
                        Paragraph(escape(t(f"type.{kind}", lang)), _STYLE["cell"]) if first else "",
                        Paragraph(escape(why), _STYLE["cell"]) if first else "",
                    ]
                )
        widths = NOT_INCLUDED_WIDTHS
        table = Table(data, colWidths=[*widths, WIDTH - sum(widths)], repeatRows=1)
        table.setStyle(TableStyle(_table_style(header=True)))
        count = format_integer(len(self.offer.not_portable), lang)
        return [
            CondPageBreak(30 * mm),
            *self._section("quote_pdf.not_included.heading", count),
            table,
            Spacer(0, 6 * mm),
        ]

    def _numbers(self) -> list[Flowable]:
        """The numbers to port, in a table that flows over as many pages as it needs."""
        lang = self.language
        rows = _number_rows([row for request in self.offer.requests for row in request.numbers], lang)
        count = tn("quote_pdf.numbers.count", self.offer.portable_numbers, lang)
        table = NumberTable(rows, 0, len(rows.cells), opens=True)
        return [CondPageBreak(30 * mm), *self._section("quote_pdf.numbers.heading", count), table]


def _number_rows(numbers: Sequence[NumberResult], language: str) -> Rows:
    """Each number's cells (index, number, type, area) and where its row ends, for the page cutter."""
    widths = [width - 2 * CELL_PADDING for width in COLUMN_WIDTHS]
    cells: list[list[str]] = []
    heights: list[float] = []
    for index, row in enumerate(numbers, 1):
        kind = fit_rows((t(f"type.{row.type}", language),), widths[2])
        area = fit_rows((row.area.names[language],), widths[3]) if row.area else ""
        cells.append([str(index), row.display, kind, area])
        lines = 1 + max(kind.count("\n"), area.count("\n"))
        heights.append(TABLE_LEADING * lines + CELL_TOP_PADDING + CELL_BOTTOM_PADDING)

    def header() -> list[Flowable]:
        keys = ("index", "number", "type", "area")
        return [
            Paragraph(
                escape(t(f"quote_pdf.numbers.{key}", language)),
                STYLES["header_right" if key == "index" else "header"],
            )
            for key in keys
        ]

    return Rows(cells, list(accumulate(heights)), header)


def _side_by_side(
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


def _two_columns(data: list[list[Any]], widths: tuple[float, float], style: list[Any]) -> Table:
    """Labels and values, or items and amounts, in two columns."""
    table = Table(data, colWidths=list(widths))
    flush_right = ("RIGHTPADDING", (-1, 0), (-1, -1), 0)  # amounts end where the rules end
    table.setStyle(TableStyle([*_table_style(header=False), flush_right, *style]))
    return table


def _table_style(header: bool) -> list[Any]:
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


def _detail(text: str) -> list[Paragraph]:
    return [Paragraph(escape(text), _STYLE["detail"])] if text else []


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
    size = pdfmetrics.stringWidth(entry + ", ", FONT, _CELL.fontSize)
    while size > budget and len(entry) > 1:
        entry = entry[: max(1, int(len(entry) * budget / size) - 2)] + "…"
        size = pdfmetrics.stringWidth(entry + ", ", FONT, _CELL.fontSize)
    return entry, size


def _unbroken(number: str) -> str:
    """A number kept on one line when a list of them wraps."""
    return number.replace(" ", "\u00a0")
