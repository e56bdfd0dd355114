"""How the Letter of Authorization looks: the reportlab drawing of the letter ``porting.letter.loa`` builds.

An A4 page with a running head and a footer saying ``page N of M``; the company's details in
four boxes; the authorization, side by side in a bilingual letter; the numbers in a table that
flows over as many pages as it needs, with its header row on every page; and the signature
block, with AcroForm text fields for signing on screen, on the page of the last numbers. What
the letter says comes from ``assets/loa_template/``, read and checked by ``porting.letter.loa``, which
also chooses the numbers and refuses a letter that lacks details; ``porting.letter.wording`` gives
its texts in the letter's languages; this module draws what it is given. The page, fonts, brand
and number table are ``porting.pdf``'s, shared with the quote PDF: the font is DejaVu Sans,
embedded; the form fields are in Helvetica, as reportlab's form fields take only the standard
14 fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple
from xml.sax.saxutils import escape

from reportlab.lib import colors
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

from porting.company.details import CompanyDetails, format_org_number
from porting.i18n import format_date, format_integer
from porting.letter.reference import letter_reference
from porting.letter.wording import Wording
from porting.numbers.intake import NumberResult
from porting.pdf.brand import HAIRLINE, INK, MUTED, RULE, Rule, brand
from porting.pdf.fonts import FONT, FORM_FONT, register_fonts
from porting.pdf.page import WIDTH, Furniture, PagedCanvas, build_pdf
from porting.pdf.table import NumberTable, Rows, number_rows

ROWS_WITH_SIGNATURE = 3  # the last rows of the number table go on the signature's page


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
    """The letter as PDF bytes, listing ``rows`` as they are; ``porting.letter.loa.build_loa`` chooses them.

    ``other_numbers`` says what happens to the account's numbers that are not ported (a partial
    port); when given, the letter carries it above the signature."""
    register_fonts()
    letter = _Letter(details, rows, today, place, wording, other_numbers)
    return build_pdf(
        letter.story(),
        letter.furniture(),
        name="letter",
        title=wording.joined("title"),
        subject=wording.joined("subject", **letter.params),
        language=wording.languages[0],
    )


class Passage(NamedTuple):
    """A passage of the letter as text: its language, whether it heads what follows, its text."""

    language: str
    heading: bool
    text: str


def letter_passages(details: CompanyDetails, wording: Wording) -> list[Passage]:
    """The letter's title and its authorization as text, each passage in its language: what its
    preview says to a reader that cannot see the picture (a bilingual letter has both languages)."""
    params = _Letter(details, [], date.min, "", wording).params
    found: list[Passage] = []
    for language in wording.languages:
        found += [
            Passage(language, True, wording.text(language, "title")),
            Passage(language, True, wording.text(language, "authorization.heading")),
        ]
        found += [
            Passage(language, False, text)
            for text in wording.paragraphs(language, "authorization.paragraphs", **params)
        ]
    return found


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
        self.brand = brand()
        self.styles = self.brand.styles
        self.org_number = format_org_number(details.org_number)
        self.reference = letter_reference(details.org_number, (row.national for row in rows if row.national))
        self.params = {
            "company_name": details.company_name,
            "org_number": self.org_number.replace(" ", "\u00a0"),  # kept on one line
            "current_provider": details.current_provider,
            "new_provider": self.brand.name,
        }

    def furniture(self) -> Furniture:
        wording = self.wording
        org_number = wording.each("footer.org_number", org_number=self.org_number)[0]
        reference = wording.each("footer.reference", reference=self.reference)[0]
        owner = f"{self.details.company_name} · {org_number} · {reference}"
        return Furniture(
            brand=self.brand,
            title=wording.joined("title"),
            owner=owner,
            page=lambda page, pages: wording.joined("footer.page", page=page, pages=pages),
        )

    def story(self) -> list[Flowable]:
        wording = self.wording
        titles = wording.each("title")
        story: list[Flowable] = [Paragraph(escape(titles[0]), self.styles["title"])]
        story += [Paragraph(escape(title), self.styles["subtitle"]) for title in titles[1:]]
        story += [Spacer(0, 4 * mm), self._details(), Spacer(0, 4 * mm)]
        story += [self._heading("authorization.heading"), Rule(), self._authorization(), Spacer(0, 2 * mm)]
        # Keep the numbers' heading with the table's header and first rows.
        story += [CondPageBreak(30 * mm), self._numbers_heading(), Rule()]
        body, tail = self._numbers()
        notes = " / ".join(wording.each("signature.enclosures", **self._escaped_params()))
        signature = [Spacer(0, 7 * mm), _SignatureBlock(self._signature_lines()), Spacer(0, 3 * mm)]
        # The signature never stands on a page of its own: the last numbers go with it.
        story += [
            *body,
            KeepTogether([tail, *self._other_numbers(), *signature, Paragraph(notes, self.styles["note"])]),
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
            self._heading("other_numbers.heading"),
            Rule(),
            Paragraph(intro, self.styles["note"]),
            Paragraph(said, self.styles["body"]),
        ]

    def _heading(self, key: str, aside: str = "") -> Paragraph:
        return self.wording.heading(key, self.styles["heading"], aside)

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
                    ("name", self.brand.name),
                    (
                        "requested_date",
                        "\n".join(format_date(requested, lang) for lang in wording.languages)
                        if requested
                        else "",
                    ),
                    ("reference", self.reference),
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
        box: list[Flowable] = [self._heading(f"{section}.heading"), Spacer(0, 3)]
        for key, value in items:
            if value.strip():
                box.append(Paragraph(escape(self.wording.joined(f"{section}.{key}")), self.styles["label"]))
                box.append(Paragraph(escape(value).replace("\n", "<br/>"), self.styles["value"]))
        return box

    def _authorization(self) -> Flowable:
        """The authorization text; a bilingual letter has the languages side by side."""
        params = self._escaped_params()
        columns: list[list[Flowable]] = [
            [
                Paragraph(text, self.styles["body"])
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
            self.wording.text(lang, f"numbers.count.{form}", count=format_integer(count, lang))
            for lang in self.wording.languages
        ]
        return self._heading("numbers.heading", f"({' / '.join(dict.fromkeys(counts))})")

    def _numbers(self) -> tuple[list[Flowable], Flowable]:
        """The number table, and apart its last rows, which go on the signature's page."""
        rows = self._number_rows()
        count = len(rows.cells)
        split = max(0, count - ROWS_WITH_SIGNATURE)
        body: list[Flowable] = [NumberTable(rows, 0, split, opens=True)] if split else []
        return body, NumberTable(rows, split, count, opens=not split)

    def _number_rows(self) -> Rows:
        """Each number's cells (index, number, type, area) and the height its row needs."""
        return number_rows(self.rows, self.wording.languages, self._number_header)

    def _number_header(self) -> list[Flowable]:
        header: list[Flowable] = [self.wording.stacked("numbers.index", self.styles["header_right"])]
        keys = ("number", "type", "area")
        return header + [self.wording.stacked(f"numbers.{key}", self.styles["header"]) for key in keys]

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

    The fields are made when the canvas finishes the page (see ``porting.pdf.page.PagedCanvas``); here they
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
        if not isinstance(canvas, PagedCanvas):
            raise TypeError("the signature's form fields are made by a PagedCanvas")
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
