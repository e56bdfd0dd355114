"""The letter's wording: the template's texts (``assets/loa_template/``) in the letter's languages.

A bilingual letter says each text once per language, in order; a text alike in both, once.

>>> from porting.letter.loa import template
>>> Wording(template().texts, ("nb", "en")).joined("footer.page", page=2, pages=25)
'Side 2 av 25 / Page 2 of 25'
>>> Wording(template().texts, ("en",)).each("numbers.count.other", count="1,000")
['1,000 numbers']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from porting.pdf.brand import muted

# The template's texts: language -> dotted key -> wording (a list of paragraphs is a tuple).
Texts: TypeAlias = Mapping[str, Mapping[str, str | tuple[str, ...]]]


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

    def text(self, language: str, key: str, **params: Any) -> str:
        """One text in ``language``; a key naming a list of paragraphs is an error."""
        text = self.texts[language][key]
        if not isinstance(text, str):
            raise TypeError(f"{key} is a list of paragraphs, not one text")
        return text.format(**params)

    def paragraphs(self, language: str, key: str, **params: Any) -> list[str]:
        return [text.format(**params) for text in self.texts[language][key]]

    def heading(self, key: str, style: ParagraphStyle, aside: str = "") -> Paragraph:
        """A section heading: the first language in ``style``, the others and ``aside`` muted after it."""
        first, *others = self.each(key)
        parts = [*(f"/ {escape(other)}" for other in others), *([aside] if aside else [])]
        after = " ".join(parts)
        return Paragraph(f"{escape(first)} {muted(after)}" if after else escape(first), style)

    def stacked(self, key: str, style: ParagraphStyle) -> Paragraph:
        """A label with each language on a line of its own, the first one strong."""
        first, *others = dict.fromkeys(self.each(key))
        lines = [f"<b>{escape(first)}</b>", *(muted(escape(other)) for other in others)]
        return Paragraph("<br/>".join(lines), style)
