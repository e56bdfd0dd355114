"""The page both PDFs are made on: A4 with a running head (the brand's logo, if any, and name) and a
footer saying ``page N of M``.

``build_pdf`` lays a story out in one frame on as many pages as it needs. The canvas holds
every page back until the end, so that each footer can say how many pages there are, and
adds the letter's form fields then: a field must be made while its own page is the current one.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from porting.pdf.brand import MUTED, RULE, Brand
from porting.pdf.fonts import BOLD, FONT

CREATOR = "Norway number porting wizard"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
TOP_MARGIN = 22 * mm  # below the running head
BOTTOM_MARGIN = 22 * mm  # above the footer
WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
LOGO_HEIGHT = 6 * mm  # the logo in the running head, its width in proportion
LOGO_GAP = 2 * mm  # between the logo and the brand's name


@dataclass(frozen=True)
class Furniture:
    """What every page carries: the running head and the footer with ``page N of M``."""

    brand: Brand
    title: str
    owner: str
    page: Callable[[int, int], str]

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        top = PAGE_HEIGHT - 14 * mm
        name_at = MARGIN
        logo = self.brand.logo_image
        if logo is not None:
            width, height = logo.getSize()
            logo_width = LOGO_HEIGHT * width / height
            # Centred on the name's capitals, clear of the rule below.
            canvas.drawImage(logo, MARGIN, top - 1.5 * mm, logo_width, LOGO_HEIGHT, mask="auto")
            name_at += logo_width + LOGO_GAP
        canvas.setFillColor(self.brand.accent)
        canvas.setFont(BOLD, 12)
        canvas.drawString(name_at, top, self.brand.name)
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


class PagedCanvas(Canvas):
    """Holds back every page until the end, so each footer can say how many pages there are,
    and adds the form fields then: a field must be made while its own page is the current one."""

    # Canvas's own, undocumented: starts a new page without writing the current one.
    _startPage: Callable[[], None]

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
            number = self.getPageNumber()
            self.furniture.draw(self, number, pages)
            for page, field in self.form_fields:
                if page == number:
                    self.acroForm.textfield(**field)
            super().showPage()
        super().save()


def build_pdf(
    story: list[Flowable], furniture: Furniture, *, name: str, title: str, subject: str, language: str
) -> bytes:
    """The PDF of ``story`` on A4 pages in one frame, each page with ``furniture``; the brand its author."""
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
        pageTemplates=[PageTemplate(name, [frame])],
        title=title,
        subject=subject,
        author=furniture.brand.name,
        creator=CREATOR,
        lang=language,
    )
    document.build(story, canvasmaker=partial(PagedCanvas, furniture=furniture))
    return buffer.getvalue()
