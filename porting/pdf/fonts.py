"""The fonts of the PDFs: DejaVu Sans from ``assets/fonts/``, embedded so that æ ø å render everywhere.

The form fields of the letter are in Helvetica, as reportlab's form fields take only the
standard 14 fonts.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"

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
