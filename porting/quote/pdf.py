"""The quote as a PDF for a prospect: price, timeline, numbers and documents on a branded A4 page.

One language per document (``en`` or ``nb``), every word from the message catalogue
(``locales/*/quote_pdf.toml``). The figures come from ``porting.quote.pricing`` and
``porting.quote.timeline``; this module only lays them out, in the quote's own look
(``porting.quote.look``), with the numbers left out set by ``porting.quote.not_included``. It
shares the Letter of Authorization's machinery (``porting.pdf``): the brand from the rules
file, the running head, the footer with ``page N of M``, and the number table that is cut into
pages beforehand, so 10,000 numbers take seconds, not minutes.

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

from collections.abc import Collection
from datetime import date
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from porting.company.details import format_org_number
from porting.i18n import format_date, format_integer, format_money, t, tn
from porting.numbers.intake import NumberResult
from porting.pdf.brand import HAIRLINE, INK, RULE, SHADE, Rule, brand, muted
from porting.pdf.fonts import register_fonts
from porting.pdf.page import WIDTH, Furniture, build_pdf
from porting.pdf.table import GRID_COLUMNS, NumberTable, number_grid
from porting.quote.look import side_by_side, styles, two_columns
from porting.quote.not_included import not_included_table
from porting.quote.pricing import Quote, quote_number, valid_until
from porting.quote.timeline import Timeline
from porting.rules import rules

AMOUNT_WIDTH = 28 * mm  # the price's amounts
LABEL_WIDTH = 40 * mm  # the timeline's labels


def build_quote_pdf(
    quote: Quote,
    plan: Timeline,
    *,
    language: str,
    today: date,
    caller_ids: Collection[str] = frozenset(),
    company_name: str = "",
    org_number: str = "",
) -> bytes:
    """The quote as PDF bytes in ``language`` (``en`` or ``nb``), made on ``today``; the mobile
    numbers among ``caller_ids`` (national numbers, ``PortingRequest.virtual_caller_id``) have the
    Virtual Caller ID the customer wants, the others are offered one. ``company_name`` and
    ``org_number``, when known, say whom the quote was prepared for."""
    register_fonts()
    sheet = _QuoteSheet(quote, plan, language, today, caller_ids, (company_name.strip(), org_number.strip()))
    return build_pdf(
        sheet.story(),
        sheet.furniture(),
        name="quote",
        title=sheet.title,
        subject=tn("quote_pdf.subject", quote.portable_numbers, language),
        language=language,
    )


def quote_filename(today: date) -> str:
    """The PDF's file name, the same in every language: ``quote-2027-03-01.pdf``."""
    return f"quote-{today.isoformat()}.pdf"


class _QuoteSheet:
    """One quote's content, laid out as platypus flowables."""

    def __init__(
        self,
        offer: Quote,
        plan: Timeline,
        language: str,
        today: date,
        caller_ids: Collection[str],
        prepared_for: tuple[str, str] = ("", ""),
    ) -> None:
        self.offer, self.plan, self.language, self.today = offer, plan, language, today
        self.caller_ids = caller_ids
        self.brand = brand()
        self.styles = self.brand.styles  # the brand's, shared with the letter
        self.style = styles(self.brand)  # the quote's own
        self.title = t("quote_pdf.title", language)
        self.number = quote_number(offer, today)
        self.prepared_for = prepared_for  # the company's name and organisation number, when known

    def money(self, cents: int) -> str:
        return format_money(cents, self.offer.currency, self.language)

    def furniture(self) -> Furniture:
        lang = self.language
        made = format_date(self.today, lang, "medium")
        return Furniture(
            brand=self.brand,
            title=self.title,
            owner=t("quote_pdf.footer", lang, title=f"{self.title} {self.number}", day=made),
            page=lambda page, pages: t("quote_pdf.page", lang, page=page, pages=pages),
        )

    def story(self) -> list[Flowable]:
        lang = self.language
        made = t("quote_pdf.made", lang, day=format_date(self.today, lang), brand=self.brand.name)
        numbered = t(
            "quote_pdf.number_line",
            lang,
            number=self.number,
            day=format_date(self.today, lang, "medium"),
            valid_until=format_date(valid_until(self.today), lang, "medium"),
        )
        story: list[Flowable] = [
            Paragraph(escape(self.title), self.styles["title"]),
            *self._prepared_for(),
            Paragraph(escape(made), self.styles["subtitle"]),
            Paragraph(escape(numbered), self.styles["subtitle"]),
            Spacer(0, 5 * mm),
            self._figures(),
            Spacer(0, 6 * mm),
            *side_by_side(self._price, self._timeline),
            Spacer(0, 3 * mm),
            self._estimate(),
            Spacer(0, 6 * mm),
            *self._documents(),
            *self._not_included(),
        ]
        if self.offer.portable_numbers:
            story += self._numbers()
        return story

    def _prepared_for(self) -> list[Flowable]:
        company, org_number = self.prepared_for
        if not company:
            return []
        key = "quote_pdf.prepared_for_org" if org_number else "quote_pdf.prepared_for"
        said = t(key, self.language, company=company, org_number=format_org_number(org_number))
        return [Paragraph(escape(said), self.styles["subtitle"])]

    def _section(self, key: str, aside: str = "") -> list[Flowable]:
        heading = escape(t(key, self.language))
        if aside:
            heading += " " + muted(f"({escape(aside)})")
        return [Paragraph(heading, self.styles["heading"]), Rule()]

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
            [
                Paragraph(escape(t(key, lang)), self.styles["label"]),
                Paragraph(escape(value), self.style["figure"]),
            ]
            for key, value in figures
        ]
        table = Table([cells], colWidths=[WIDTH / len(cells)] * len(cells))
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("LINEABOVE", (0, 0), (-1, 0), 1.5, self.brand.accent),
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
                [Paragraph(escape(label), self.style["cell"]), *_detail(detail, self.style["detail"])],
                Paragraph(escape(amount), self.style["amount"]),
            ]
            for label, detail, amount in rows
        ]
        data.append(
            [
                Paragraph(escape(t("quote_pdf.price.total", lang)), self.style["strong"]),
                Paragraph(escape(self.money(offer.total_cents)), self.style["strong_amount"]),
            ]
        )
        style = [
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, HAIRLINE),
            ("LINEBELOW", (0, 1), (-1, 1), 0.6, RULE),  # the unit prices above, the requests below
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ]
        table = two_columns(data, (width - AMOUNT_WIDTH, AMOUNT_WIDTH), style=style)
        flowables: list[Flowable] = [*self._section("quote_pdf.price.heading"), table]
        if not offer.requests:
            flowables.append(Paragraph(escape(t("quote_pdf.price.none", lang)), self.style["detail"]))
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
                Paragraph(escape(t(key, lang)), self.style["label"]),
                Paragraph(
                    escape(value).replace("\n", "<br/>"),
                    self.style["strong" if key.endswith("porting_day") else "cell"],
                ),
            ]
            for key, value in rows
        ]
        table = two_columns(
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
        box = Table([[Paragraph(escape(text), self.style["estimate"])]], colWidths=[WIDTH])
        box.setStyle(
            TableStyle(
                [
                    ("LINEBEFORE", (0, 0), (0, 0), 2, self.brand.accent),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return box

    def _documents(self) -> list[Flowable]:
        items = [
            Paragraph(escape(document.texts[self.language]), self.style["item"], bulletText=f"{index}.")
            for index, document in enumerate(self.offer.documents, 1)
        ]
        return [KeepTogether([*self._section("quote_pdf.documents.heading"), *items]), Spacer(0, 4 * mm)]

    def _not_included(self) -> list[Flowable]:
        table = not_included_table(
            self.offer, self.language, header=self.styles["header"], cell=self.style["cell"],
            caller_ids=self.caller_ids,
        )  # fmt: skip
        if table is None:
            return []
        count = format_integer(len(self.offer.not_portable), self.language)
        return [
            CondPageBreak(30 * mm),
            *self._section("quote_pdf.not_included.heading", count),
            table,
            Spacer(0, 6 * mm),
        ]

    def _numbers(self) -> list[Flowable]:
        """The numbers to port, in a grid under a heading for each type and area, in the order
        first entered; each grid flows over as many pages as it needs."""
        lang = self.language
        groups: dict[tuple[str, str], list[NumberResult]] = {}
        for request in self.offer.requests:
            for row in request.numbers:
                groups.setdefault((row.type, row.area.names[lang] if row.area else ""), []).append(row)
        count = tn("quote_pdf.numbers.count", self.offer.portable_numbers, lang)
        story: list[Flowable] = [CondPageBreak(30 * mm), *self._section("quote_pdf.numbers.heading", count)]
        for (kind, area), rows in groups.items():
            label = " · ".join(part for part in (t(f"type.{kind}", lang), area) if part)
            label += f" ({format_integer(len(rows), lang)})"
            grid = number_grid(rows, partial(self._group_header, label))
            story += [NumberTable(grid, 0, len(grid.cells), opens=True), Spacer(0, 2 * mm)]
        return story


    def _group_header(self, label: str) -> list[Flowable]:
        """A grid's header: its type and area across the table, on every page it is on."""
        label_cell = Paragraph(escape(label), self.styles["header"])
        return [label_cell, *(Spacer(0, 0) for _ in range(GRID_COLUMNS - 1))]


def _detail(text: str, style: ParagraphStyle) -> list[Paragraph]:
    return [Paragraph(escape(text), style)] if text else []


