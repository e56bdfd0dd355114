"""The brand the PDFs carry and the look it gives them: name, accent, logo, palette, paragraph styles.

The brand is data: its name, colour and logo are ``brand``, ``brand_colour`` and ``brand_logo``
in ``porting/rules.toml``, the colour the same one the app's theme uses. The PDFs take them from
there each time one is made; the rest of the palette is quiet greys, the same for every brand.

>>> from porting.rules import rules
>>> current = brand()
>>> (current.name, current.colour) == (rules().brand, rules().brand_colour)
True
>>> Brand("Fjordtale", "#C0392B").accent.hexval()
'0xc0392b'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from porting.pdf.fonts import BOLD, FONT
from porting.rules import rules

# --- The palette: quiet colours and thin rules, whatever the brand ---------------------------

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5f6368")
RULE = colors.HexColor("#b9bec5")
HAIRLINE = colors.HexColor("#dde0e4")
SHADE = colors.HexColor("#eef1f5")


# --- The brand: from the rules file ----------------------------------------------------------


@dataclass(frozen=True)
class Brand:
    """The brand a PDF carries: its name in the running head and metadata, its colour as the accent,
    its logo (if any) beside the name in the running head."""

    name: str
    colour: str  # "#RRGGBB", as ``brand_colour`` in the rules file
    logo: Path | None = None  # a PNG or JPEG, as ``brand_logo`` in the rules file checked it

    @cached_property
    def logo_image(self) -> ImageReader | None:
        """The logo read once for every page it is drawn on, or ``None`` without one."""
        return None if self.logo is None else ImageReader(str(self.logo))

    @cached_property
    def accent(self) -> colors.Color:
        return colors.HexColor(self.colour)

    @cached_property
    def styles(self) -> Mapping[str, ParagraphStyle]:
        """The paragraph styles both PDFs use; headings are in the accent colour."""
        return {
            "title": ParagraphStyle("title", fontName=BOLD, fontSize=17, leading=21, textColor=INK),
            "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=11.5, leading=15, textColor=MUTED),
            "heading": ParagraphStyle(
                "heading", fontName=BOLD, fontSize=9.5, leading=12, textColor=self.accent
            ),
            "label": ParagraphStyle("label", fontName=FONT, fontSize=7, leading=8.5, textColor=MUTED),
            "value": ParagraphStyle(
                "value", fontName=FONT, fontSize=9.5, leading=11.5, textColor=INK, spaceAfter=2
            ),
            "body": ParagraphStyle(
                "body", fontName=FONT, fontSize=8.5, leading=10.8, textColor=INK, spaceAfter=4
            ),
            "note": ParagraphStyle(
                "note", fontName=FONT, fontSize=7.5, leading=9.5, textColor=MUTED, spaceAfter=2
            ),
            "header": ParagraphStyle("header", fontName=FONT, fontSize=8, leading=9.5, textColor=INK),
            "header_right": ParagraphStyle(
                "header_right", fontName=FONT, fontSize=8, leading=9.5, textColor=INK, alignment=TA_RIGHT
            ),
        }


def brand() -> Brand:
    """The brand in ``porting/rules.toml``, read when a PDF is made."""
    current = rules()
    return Brand(current.brand, current.brand_colour, current.brand_logo)


def muted(markup: str) -> str:
    """``markup`` in the regular face and the muted colour, inside a paragraph of another style."""
    return f'<font name="{FONT}" color="{MUTED.hexval()}">{markup}</font>'


class Rule(Flowable):
    """A thin rule under a heading."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 5

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.4)
        self.canv.line(0, 3, self.width, 3)
