"""The quote and the letter carry the brand of the rules file: its name, its colour as their accent,
and its logo, when it has one, in the running head of every page.

The colours are read back from the pages' content streams: ``rg`` sets the colour text and
shapes are filled in, ``RG`` the colour lines are drawn in.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject
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


# Enough numbers that both PDFs run over more than one page.
MANY = "\n".join(f"21 {number // 100:02d} {number % 100:02d} 00" for number in range(120))


def images_per_page(pdf: bytes) -> list[int]:
    """How many image XObjects each page's resources hold."""
    counts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        objects = resources.get_object().get("/XObject") if resources is not None else None
        found = objects.get_object() if objects is not None else DictionaryObject()
        counts.append(sum(1 for item in found.values() if item.get_object().get("/Subtype") == "/Image"))
    return counts


def many_letter() -> bytes:
    return build_loa(BLAABAER, read_numbers(MANY).rows, today=TODAY)


def many_quote() -> bytes:
    return build_quote_pdf(quote(read_numbers(MANY)), timeline(TODAY), language="en", today=TODAY)


@pytest.fixture
def logo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The rules file with a logo, a small PNG, as the PDFs read it."""
    path = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), OTHER.colour).save(path)
    changed = replace(rules(), brand_logo=path)
    monkeypatch.setattr("porting.pdf.brand.rules", lambda: changed)
    return path


def test_the_rules_in_force_have_no_logo() -> None:
    assert rules().brand_logo is None
    assert brand().logo is None


@pytest.mark.parametrize("make", [many_letter, many_quote], ids=["letter", "quote"])
def test_a_logo_in_the_rules_is_drawn_on_every_page(make: Callable[[], bytes], logo: Path) -> None:
    pdf = make()
    counts = images_per_page(pdf)
    assert len(counts) > 1
    assert all(count == 1 for count in counts), counts
    for text in page_texts(pdf):
        assert rules().brand in text  # the name still beside the logo


@pytest.mark.parametrize("make", [many_letter, many_quote], ids=["letter", "quote"])
def test_without_a_logo_the_pdfs_have_no_image(make: Callable[[], bytes]) -> None:
    counts = images_per_page(make())
    assert len(counts) > 1
    assert not any(counts), counts
