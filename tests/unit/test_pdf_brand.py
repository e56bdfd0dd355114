"""The quote and the letter carry the brand of the rules file: its name, and its colour as their accent.

The colours are read back from the pages' content streams: ``rg`` sets the colour text and
shapes are filled in, ``RG`` the colour lines are drawn in.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from samples import BLAABAER

from porting.letter.loa import build_loa
from porting.numbers.intake import read_numbers
from porting.pdf.brand import Brand, brand
from porting.quote.pdf import build_quote_pdf
from porting.quote.pricing import quote
from porting.quote.timeline import timeline
from porting.rules import rules

TODAY = date(2027, 3, 1)
PASTED = "21 23 45 67\n800 12 345\n41 23 45 67"
OTHER = Brand("Fjordtale Skytelefoni", "#C0392B")


def letter() -> bytes:
    return build_loa(BLAABAER, read_numbers(PASTED).rows, today=TODAY)


def quote_pdf() -> bytes:
    return build_quote_pdf(quote(read_numbers(PASTED)), timeline(TODAY), language="en", today=TODAY)


def colours(pdf: bytes, operator: bytes) -> set[str]:
    """Every colour the pages set with ``operator`` (``rg`` to fill, ``RG`` to stroke), as ``#rrggbb``."""
    reader = PdfReader(io.BytesIO(pdf))
    found: set[str] = set()
    for page in reader.pages:
        for operands, name in ContentStream(page.get_contents(), reader).operations:
            if name == operator:
                found.add("#" + "".join(f"{round(float(part) * 255):02x}" for part in operands))
    return found


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture
def other_brand(monkeypatch: pytest.MonkeyPatch) -> Brand:
    """The rules file with another brand, as the PDFs read it."""
    changed = replace(rules(), brand=OTHER.name, brand_colour=OTHER.colour)
    monkeypatch.setattr("porting.pdf.brand.rules", lambda: changed)
    return OTHER


def test_the_brand_is_the_one_in_the_rules_file() -> None:
    current = brand()
    assert (current.name, current.colour) == (rules().brand, rules().brand_colour)
    assert current.accent.hexval() == "0x" + rules().brand_colour.lower().removeprefix("#")


@pytest.mark.parametrize("make", [letter, quote_pdf], ids=["letter", "quote"])
def test_the_accent_of_the_pdfs_is_the_brand_colour(make: Callable[[], bytes]) -> None:
    assert rules().brand_colour.lower() in colours(make(), b"rg")  # the running head, the headings


@pytest.mark.parametrize("make", [letter, quote_pdf], ids=["letter", "quote"])
def test_another_brand_in_the_rules_gives_the_pdfs_its_name_and_colour(
    make: Callable[[], bytes], other_brand: Brand
) -> None:
    pdf = make()
    filled = colours(pdf, b"rg")
    assert other_brand.colour.lower() in filled
    assert rules().brand_colour.lower() not in filled  # no accent is left of the brand before
    for text in page_texts(pdf):
        assert other_brand.name in text  # the running head of every page
    metadata = PdfReader(io.BytesIO(pdf)).metadata
    assert metadata is not None and metadata.author == other_brand.name


def test_the_quote_draws_its_lines_of_accent_in_the_brand_colour(other_brand: Brand) -> None:
    # The line above the four figures and the one beside the estimate.
    assert other_brand.colour.lower() in colours(quote_pdf(), b"RG")


def test_the_letter_names_the_brand_as_the_new_provider(other_brand: Brand) -> None:
    text = "\n".join(page_texts(letter()))
    assert text.count(other_brand.name) >= 3  # the running head, the new provider, the authorization
    assert rules().brand not in text
