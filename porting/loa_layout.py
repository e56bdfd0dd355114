"""How the Letter of Authorization looks: the reportlab drawing of the letter ``porting.loa`` builds.

An A4 page with a running head and a footer saying ``page N of M``; the company's details in
four boxes; the authorization, side by side in a bilingual letter; the numbers in a table that
flows over as many pages as it needs, with its header row on every page; and the signature
block, with AcroForm text fields for signing on screen, on the page of the last numbers. What
the letter says comes from ``assets/loa_template/``, read and checked by ``porting.loa``, which
also chooses the numbers and refuses a letter that lacks details; this module draws what it is
given. The font is DejaVu Sans from ``assets/fonts/``, embedded; the form fields are in
Helvetica, as reportlab's form fields take only the standard 14 fonts. The quote PDF
(``porting.quote_pdf``) shares the look: fonts, colours, styles, page furniture and the table
that flows over pages (the names without a leading underscore).

>>> from porting.loa import template
>>> Wording(template().texts, ("nb", "en")).joined("footer.page", page=2, pages=25)
'Side 2 av 25 / Page 2 of 25'
>>> Wording(template().texts, ("en",)).each("numbers.count.other", count="1,000")
['1,000 numbers']
"""

from __future__ import annotations

import io
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property, partial
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
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

from porting.company import CompanyDetails, format_org_number
from porting.i18n import format_date, format_integer, t
from porting.intake import NumberResult
from porting.rules import rules

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"
CREATOR = "Norway number porting wizard"

# The template's texts: language -> dotted key -> wording (a list of paragraphs is a tuple).
Texts: TypeAlias = Mapping[str, Mapping[str, str | tuple[str, ...]]]


# --- Fonts: DejaVu Sans from assets/fonts, embedded so that æ ø å render everywhere -----------

# Names of our own: reportlab keeps fonts in one registry per process, and another PDF that
# registered "DejaVuSans" would otherwise change how this letter's bold text is drawn.
FONT = "PortingDejaVuSans"
BOLD = "PortingDejaVuSans-Bold"
FORM_FONT = "Helvetica"  # reportlab's form fields take only the standard 14 fonts: Latin-1 (æ ø å)


def register_fonts() -> None:
    _load_fonts()
    # Cheap, so done for every letter: the family mapping is what makes <b> pick the bold face.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@cache
def _load_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


# --- Look: A4, quiet colours, thin rules ----------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
TOP_MARGIN = 22 * mm  # below the running head
BOTTOM_MARGIN = 22 * mm  # above the footer
WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f6368")
ACCENT = colors.HexColor("#1d3a5f")
RULE = colors.HexColor("#b9bec5")
HAIRLINE = colors.HexColor("#dde0e4")
SHADE = colors.HexColor("#eef1f5")

STYLES = {
    "title": ParagraphStyle("title", fontName=BOLD, fontSize=17, leading=21, textColor=INK),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=11.5, leading=15, textColor=MUTED),
    "heading": ParagraphStyle("heading", fontName=BOLD, fontSize=9.5, leading=12, textColor=ACCENT),
    "label": ParagraphStyle("label", fontName=FONT, fontSize=7, leading=8.5, textColor=MUTED),
    "value": ParagraphStyle("value", fontName=FONT, fontSize=9.5, leading=11.5, textColor=INK, spaceAfter=2),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=10.8, textColor=INK, spaceAfter=4),
    "note": ParagraphStyle("note", fontName=FONT, fontSize=7.5, leading=9.5, textColor=MUTED, spaceAfter=2),
    "header": ParagraphStyle("header", fontName=FONT, fontSize=8, leading=9.5, textColor=INK),
    "header_right": ParagraphStyle(
        "header_right", fontName=FONT, fontSize=8, leading=9.5, textColor=INK, alignment=TA_RIGHT
    ),
}
TABLE_FONT_SIZE = 8.5
TABLE_LEADING = 10.5
# Nr., number, type, area: the area gets what is left of the width.
COLUMNS = (12 * mm, 27 * mm, 66 * mm)
COLUMN_WIDTHS = (*COLUMNS, WIDTH - sum(COLUMNS))
CELL_PADDING = 4  # points left and right of a table cell's text
CELL_TOP_PADDING = 2.5
CELL_BOTTOM_PADDING = 3
ROWS_WITH_SIGNATURE = 3  # the last rows of the number table go on the signature's page


# --- Wording: the template's texts in the letter's languages --------------------------------


@dataclass(frozen=True)
class Wording:
    """The template's texts in the letter's languages: each text once per language, in order."""

    texts: Texts  # every language of the template
    languages: tuple[str, ...]  # the letter's, in order

    def each(self, key: str, **params: Any) -> list[str]:
        texts = (self.texts[language][key] for language in self.languages)
        return [text.format(**params) for text in texts if isinstance(text, str)]

    def joined(self, key: str, **params: Any) -> str:
        return " / ".join(dict.fromkeys(self.each(key, **params)))  # a text alike in both once

    def paragraphs(self, language: str, key: str, **params: Any) -> list[str]:
        return [text.format(**params) for text in self.texts[language][key]]

    def heading(self, key: str, aside: str = "") -> Paragraph:
        """A section heading: the first language in bold, the others and ``aside`` muted after it."""
        first, *others = self.each(key)
        muted = " ".join([*(f"/ {escape(other)}" for other in others), *([aside] if aside else [])])
        return Paragraph(f"{escape(first)} {_muted(muted)}" if muted else escape(first), STYLES["heading"])

    def stacked(self, key: str, style: ParagraphStyle) -> Paragraph:
        """A label with each language on a line of its own, the first one strong."""
        first, *others = dict.fromkeys(self.each(key))
        return Paragraph(
            "<br/>".join([f"<b>{escape(first)}</b>", *(_muted(escape(o)) for o in others)]), style
        )


def _muted(markup: str) -> str:
    return f'<font name="{FONT}" color="{MUTED.hexval()}">{markup}</font>'


# --- Drawing the letter --------------------------------------------------------------------


def draw_letter(
    details: CompanyDetails,
    rows: Sequence[NumberResult],
    wording: Wording,
    *,
    today: date,
    place: str,
    other_numbers: str = "",
) -> bytes:
    """The letter as PDF bytes, listing ``rows`` as they are; ``porting.loa.build_loa`` chooses them.

    ``other_numbers`` says what happens to the account's numbers that are not ported (a partial
    port); when given, the letter carries it above the signature."""
    register_fonts()
    letter = _Letter(details, rows, today, place, wording, other_numbers)
    buffer = io.BytesIO()
    height = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
    frame = Frame(
        MARGIN, BOTTOM_MARGIN, WIDTH, height, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0
    )
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate("letter", [frame])],
        title=wording.joined("title"),
        subject=wording.joined("subject", **letter.params),
        author=letter.brand,
        creator=CREATOR,
        lang=wording.languages[0],
    )
    document.build(letter.story(), canvasmaker=partial(LetterCanvas, furniture=letter.furniture()))
    return buffer.getvalue()


# --- Every page: running head, footer with "page N of M", form fields -----------------------


@dataclass(frozen=True)
class Furniture:
    """What every page carries: the running head and the footer with ``page N of M``."""

    brand: str
    title: str
    owner: str
    page: Callable[[int, int], str]

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - 14 * mm
        canvas.setFillColor(ACCENT)
        canvas.setFont(BOLD, 12)
        canvas.drawString(MARGIN, top, self.brand)
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 7.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, top, self.title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - 3.5 * mm, PAGE_WIDTH - MARGIN, top - 3.5 * mm)
        bottom = 12 * mm
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, bottom + 4 * mm, PAGE_WIDTH - MARGIN, bottom + 4 * mm)
        canvas.drawString(MARGIN, bottom, self.owner)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, bottom, self.page(page, pages))
        canvas.restoreState()


class LetterCanvas(Canvas):
    """Holds back every page until the end, so each footer can say how many pages there are,
    and adds the form fields then: a field must be made while its own page is the current one."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.furniture = furniture
        self.form_fields: list[tuple[int, dict[str, Any]]] = []  # (page number, textfield arguments)
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self.furniture.draw(self, self._pageNumber, pages)
            for page, field in self.form_fields:
                if page == self._pageNumber:
                    self.acroForm.textfield(**field)
            super().showPage()
        super().save()


# --- The letter's content: title, details, authorization, numbers, signature ----------------


class _Letter:
    """One letter's content, laid out as platypus flowables."""

    def __init__(
        self,
        details: CompanyDetails,
        rows: Sequence[NumberResult],
        today: date,
        place: str,
        wording: Wording,
        other_numbers: str = "",
    ) -> None:
        self.details, self.rows, self.today, self.place, self.wording = details, rows, today, place, wording
        self.other_numbers = other_numbers.strip()
        self.brand = rules().brand
        self.org_number = format_org_number(details.org_number)
        self.params = {
            "company_name": details.company_name,
            "org_number": self.org_number.replace(" ", "\u00a0"),  # kept on one line
            "current_provider": details.current_provider,
            "new_provider": self.brand,
        }

    def furniture(self) -> Furniture:
        wording = self.wording
        org_number = wording.each("footer.org_number", org_number=self.org_number)[0]
        owner = f"{self.details.company_name} · {org_number}"
        return Furniture(
            brand=self.brand,
            title=wording.joined("title"),
            owner=owner,
            page=lambda page, pages: wording.joined("footer.page", page=page, pages=pages),
        )

    def story(self) -> list[Flowable]:
        wording = self.wording
        titles = wording.each("title")
        story: list[Flowable] = [Paragraph(escape(titles[0]), STYLES["title"])]
        story += [Paragraph(escape(title), STYLES["subtitle"]) for title in titles[1:]]
        story += [Spacer(0, 4 * mm), self._details(), Spacer(0, 4 * mm)]
        story += [wording.heading("authorization.heading"), Rule(), self._authorization(), Spacer(0, 2 * mm)]
        # Keep the numbers' heading with the table's header and first rows.
        story += [CondPageBreak(30 * mm), self._numbers_heading(), Rule()]
        body, tail = self._numbers()
        notes = " / ".join(wording.each("signature.enclosures", **self._escaped_params()))
        signature = [Spacer(0, 7 * mm), _SignatureBlock(self._signature_lines()), Spacer(0, 3 * mm)]
        # The signature never stands on a page of its own: the last numbers go with it.
        story += [
            *body,
            KeepTogether([tail, *self._other_numbers(), *signature, Paragraph(notes, STYLES["note"])]),
        ]
        return story

    def _other_numbers(self) -> list[Flowable]:
        """A partial port: what the customer wants done with the numbers that stay behind."""
        if not self.other_numbers:
            return []
        wording = self.wording
        said = "<br/>".join(escape(line) for line in self.other_numbers.splitlines() if line.strip())
        intro = " / ".join(wording.each("other_numbers.intro", **self._escaped_params()))
        return [
            Spacer(0, 4 * mm),
            wording.heading("other_numbers.heading"),
            Rule(),
            Paragraph(intro, STYLES["note"]),
            Paragraph(said, STYLES["body"]),
        ]

    def _escaped_params(self) -> dict[str, str]:
        return {key: escape(value) for key, value in self.params.items()}

    # The four boxes of details: customer, contact, current provider, new provider.
    def _details(self) -> Table:
        details, wording = self.details, self.wording
        requested = details.requested_date
        boxes = [
            self._box(
                "customer",
                [
                    ("company_name", details.company_name),
                    ("org_number", self.org_number),
                    ("address", f"{details.address}\n{details.postcode} {details.city}"),
                ],
            ),
            self._box(
                "contact",
                [
                    ("name", details.signatory_name),
                    ("title", details.signatory_title),
                    ("email", details.email),
                    ("phone", details.phone),
                ],
            ),
            self._box(
                "current_provider",
                [("name", details.current_provider), ("account_number", details.account_number)],
            ),
            self._box(
                "new_provider",
                [
                    ("name", self.brand),
                    (
                        "requested_date",
                        "\n".join(format_date(requested, lang) for lang in wording.languages)
                        if requested
                        else "",
                    ),
                ],
            ),
        ]
        half = WIDTH / 2
        table = Table([boxes[:2], boxes[2:]], colWidths=[half, half])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEABOVE", (0, 0), (-1, -1), 0.6, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LEFTPADDING", (1, 0), (1, -1), 6 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return table

    def _box(self, section: str, items: list[tuple[str, str]]) -> list[Flowable]:
        """A heading and its labelled values; a value not given is left out, not printed blank."""
        box: list[Flowable] = [self.wording.heading(f"{section}.heading"), Spacer(0, 3)]
        for key, value in items:
            if value.strip():
                box.append(Paragraph(escape(self.wording.joined(f"{section}.{key}")), STYLES["label"]))
                box.append(Paragraph(escape(value).replace("\n", "<br/>"), STYLES["value"]))
        return box

    def _authorization(self) -> Flowable:
        """The authorization text; a bilingual letter has the languages side by side."""
        params = self._escaped_params()
        columns = [
            [
                Paragraph(text, STYLES["body"])
                for text in self.wording.paragraphs(lang, "authorization.paragraphs", **params)
            ]
            for lang in self.wording.languages
        ]
        if len(columns) == 1:
            return KeepTogether(columns[0])
        gap = 6 * mm  # the padding left of every column but the first
        width = (WIDTH - gap * (len(columns) - 1)) / len(columns)
        table = Table([columns], colWidths=[width] + [width + gap] * (len(columns) - 1))
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LEFTPADDING", (1, 0), (-1, -1), gap),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("LINEBEFORE", (1, 0), (-1, -1), 0.4, HAIRLINE),
                ]
            )
        )
        return table

    def _numbers_heading(self) -> Paragraph:
        count = len(self.rows)
        form = "one" if count == 1 else "other"
        counts = [
            self.wording.texts[lang][f"numbers.count.{form}"].format(count=format_integer(count, lang))
            for lang in self.wording.languages
        ]
        return self.wording.heading("numbers.heading", f"({' / '.join(dict.fromkeys(counts))})")

    def _numbers(self) -> tuple[list[Flowable], Flowable]:
        """The number table, and apart its last rows, which go on the signature's page."""
        rows = self._number_rows()
        count = len(rows.cells)
        split = max(0, count - ROWS_WITH_SIGNATURE)
        body: list[Flowable] = [NumberTable(rows, 0, split, opens=True)] if split else []
        return body, NumberTable(rows, split, count, opens=not split)

    def _number_rows(self) -> Rows:
        """Each number's cells (index, number, type, area) and the height its row needs."""
        languages = self.wording.languages
        widths = [width - 2 * CELL_PADDING for width in COLUMN_WIDTHS]
        cells: list[list[str]] = []
        heights: list[float] = []
        types: dict[str, str] = {}
        for index, row in enumerate(self.rows, 1):
            kind, area = types.get(row.type), row.area
            if kind is None:
                labels = tuple(t(f"type.{row.type}", lang) for lang in languages)
                kind = types[row.type] = fit_rows(labels, widths[2])
            place = fit_rows(tuple(area.names[lang] for lang in languages), widths[3]) if area else ""
            cells.append([str(index), row.display, kind, place])
            lines = 1 + max(kind.count("\n"), place.count("\n"))
            heights.append(TABLE_LEADING * lines + CELL_TOP_PADDING + CELL_BOTTOM_PADDING)
        return Rows(cells, list(accumulate(heights)), self._number_header)

    def _number_header(self) -> list[Flowable]:
        header = [self.wording.stacked("numbers.index", STYLES["header_right"])]
        keys = ("number", "type", "area")
        return header + [self.wording.stacked(f"numbers.{key}", STYLES["header"]) for key in keys]

    def _signature_lines(self) -> list[list[_Field]]:
        """Signature, place and date on one line; name in block letters and title on the next."""
        label = self.wording.joined
        # Digits in the Norwegian order (03.05.2027), whatever the letter's languages: short enough
        # for the field, and read the same by the Norwegian provider the letter goes to.
        signed = format_date(self.today, "nb", "numeric")
        return [
            [
                _Field("signature", label("signature.signature"), "", share=2, height=26),
                _Field("place", label("signature.place"), self.place),
                _Field("date", label("signature.date"), signed),
            ],
            [
                _Field("name", label("signature.name"), self.details.signatory_name.upper(), share=2),
                _Field("title", label("signature.title"), self.details.signatory_title, share=2),
            ],
        ]


class Rule(Flowable):
    """A thin rule under a heading."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 5

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.4)
        self.canv.line(0, 3, self.width, 3)


# --- The number table, cut into pages -------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """The rows of the number table, ready to be cut into pages; ``ends[i]`` is where row i ends."""

    cells: list[list[str]]
    ends: list[float]
    make_header: Callable[[], list[Flowable]]  # new header cells for each page's table

    @cached_property
    def header_height(self) -> float:
        cells = zip(self.make_header(), COLUMN_WIDTHS, strict=True)
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
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, TABLE_FONT_SIZE, TABLE_LEADING),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("TEXTCOLOR", (0, first), (0, -1), MUTED),
            ("ALIGN", (0, first), (0, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, first), (-1, -1), 0.3, HAIRLINE),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM_PADDING),
        ]
        if header:
            heights.insert(0, self.header_height)
            style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE)]
        table = Table(data, colWidths=COLUMN_WIDTHS, rowHeights=heights)
        table.setStyle(TableStyle(style))
        return table


class NumberTable(Flowable):
    """Rows ``start`` to ``stop`` of the number table, cut into one reportlab Table per page.

    Row heights are known beforehand, so a page's rows are found by bisection and the table
    costs the same for every page: a reportlab Table split page by page measures all the
    rows left at every page. The header row opens the table and every page; rows that go on
    on the same page as the rows before them (the last rows, kept with the signature) have
    none. Whether the rows open a page, the frame tells while it lays them out.
    """

    def __init__(self, rows: Rows, start: int, stop: int, opens: bool = False, header: bool | None = None):
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


# --- The signature block: lines with AcroForm text fields -----------------------------------


@dataclass(frozen=True)
class _Field:
    """A fillable text field on a line, with its label above; ``share`` is its part of the line."""

    name: str
    label: str
    value: str
    share: int = 1
    height: float = 17


class _SignatureBlock(Flowable):
    """Lines to sign and write on, each with an AcroForm text field for signing on screen.

    The fields are made when the canvas finishes the page (see ``LetterCanvas``); here they
    are only placed.
    """

    LABEL = 10  # height of a label above its line
    GAP = 10  # between one line and the next line's labels
    COLUMNS = 4  # a line's fields share a grid of four columns
    COLUMN_GAP = 6 * mm

    def __init__(self, lines: list[list[_Field]]) -> None:
        super().__init__()
        self.lines = lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = sum(self.LABEL + _tallest(line) + self.GAP for line in self.lines) - self.GAP
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        column = (self.width - self.COLUMN_GAP * (self.COLUMNS - 1)) / self.COLUMNS
        for line in self.lines:
            base = top - self.LABEL - _tallest(line)
            left = 0.0
            for field in line:
                width = column * field.share + self.COLUMN_GAP * (field.share - 1)
                self._draw_field(field, left, top, base, width)
                left += width + self.COLUMN_GAP
            top = base - self.GAP

    def _draw_field(self, field: _Field, left: float, top: float, base: float, width: float) -> None:
        canvas = self.canv
        canvas.setFillColor(MUTED)
        canvas.setFont(FONT, 7)
        canvas.drawString(left, top - 7, field.label)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)
        canvas.line(left, base, left + width, base)
        x, y = canvas.absolutePosition(left, base + 1)
        canvas.form_fields.append(
            (
                canvas.getPageNumber(),
                {
                    "name": field.name,
                    "tooltip": field.label,
                    "value": _in_form_font(field.value),
                    "x": x,
                    "y": y,
                    "width": width,
                    "height": field.height,
                    "fontName": FORM_FONT,
                    "fontSize": 10,
                    "textColor": INK,
                    "borderWidth": 0,
                    "borderColor": None,
                    "fillColor": colors.transparent,
                    "maxlen": 0,
                },
            )
        )


def _tallest(line: list[_Field]) -> float:
    return max(field.height for field in line) + 1


def _in_form_font(value: str) -> str:
    """``value`` if the form font can show it, else empty for the signer to fill in.

    A name with letters beyond Latin-1 (Sami Č or Ŋ, Polish Ł) is printed in full in the
    details above; a field showing it misspelt would be worse than one left blank.

    >>> _in_form_font("Kari Østgård"), _in_form_font("Niillas Čoahkkeš")
    ('Kari Østgård', '')
    """
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return ""
    return value
