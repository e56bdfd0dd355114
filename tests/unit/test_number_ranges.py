"""Consecutive numbers as ranges on the letter and the quote, read back from the PDFs with pypdf."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date

import pytest
from pypdf import PdfReader
from samples import BLAABAER

from porting.documents.facts import numbers_on_document
from porting.letter.loa import build_loa
from porting.numbers.intake import read_numbers
from porting.numbers.runs import number_runs
from porting.quote.pdf import build_quote_pdf
from porting.quote.pricing import quote
from porting.quote.timeline import timeline

TODAY = date(2027, 3, 1)  # a Monday
# A series of 10,000, a lone number, a hundred that cross from one thousand into the next, a
# toll-free series and numbers of another area straight after the first series.
LISTED = "\n".join(
    [
        "21 00 00 00 - 21 00 99 99",
        "22 33 44 55",
        "21 23 49 50 - 21 23 50 49",
        "800 12 300 - 800 12 309",
        "55 12 34 56",
        "55 12 34 57",
        "21 00 00 00",  # entered twice: listed once
    ]
)
_NUMBER = r"(?:\d\d \d\d \d\d \d\d|\d{3} \d\d \d{3})"
_LISTING = re.compile(rf"({_NUMBER})(?: – ({_NUMBER}))?")


def covered(text: str) -> Counter[str]:
    """How many times the PDF's number table lists each national number, a range counting for
    each in it: the table's cells are lines of their own in the text (the company's phone is not)."""
    counts: Counter[str] = Counter()
    for found in filter(None, map(_LISTING.fullmatch, text.splitlines())):
        first, last = (int(part.replace(" ", "")) for part in (found[1], found[2] or found[1]))
        counts.update(str(number) for number in range(first, last + 1))
    return counts


def texts_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def wanted() -> set[str]:
    return {row.national for row in read_numbers(LISTED).unique_rows if row.national and row.portable}


def test_runs_keep_the_order_and_break_at_a_gap_a_type_or_an_area() -> None:
    runs = number_runs(read_numbers(LISTED).unique_rows)
    assert [(run.positions, run.display) for run in runs] == [
        ("1–10000", "21 00 00 00 – 21 00 99 99"),
        ("10001", "22 33 44 55"),
        ("10002–10101", "21 23 49 50 – 21 23 50 49"),
        ("10102–10111", "800 12 300 – 800 12 309"),
        ("10112–10113", "55 12 34 56 – 55 12 34 57"),
    ]
    # 21 99 99 99 and 22 00 00 00 follow each other but lie in different areas: two rows.
    split = number_runs(read_numbers("21999999\n22000000").rows)
    assert [run.count for run in split] == ([2] if split[0].first.area == split[0].last.area else [1, 1])
    assert number_runs(()) == []


def test_the_letter_lists_10000_consecutive_numbers_on_a_page_or_two_each_number_once() -> None:
    pdf = build_loa(BLAABAER, read_numbers(LISTED).rows, today=TODAY, place="Tromsø")
    texts = texts_of(pdf)
    assert len(texts) <= 2
    counts = covered("\n".join(texts))
    assert set(counts) == wanted()
    assert set(counts.values()) == {1}  # every number covered exactly once
    assert "1–10000\n21 00 00 00 – 21 00 99 99\n" in "\n".join(texts)


def test_the_quote_lists_them_as_ranges_too() -> None:
    pdf = build_quote_pdf(quote(read_numbers(LISTED)), timeline(TODAY), language="en", today=TODAY)
    texts = texts_of(pdf)
    assert len(texts) <= 2
    counts = covered("\n".join(texts))
    assert set(counts) == wanted()
    assert set(counts.values()) == {1}


@pytest.mark.parametrize(
    "written",
    [
        "21 23 45 00 – 21 23 45 99",
        "21 23 45 00 - 21 23 45 99",
        "+47 21 23 45 00 — +47 21 23 45 99",
        "1–100 21 23 45 00 – 21 23 45 99 Geografisk (fastnett)",
        "21234500–21234599",
    ],
)
def test_a_range_written_on_a_document_shows_each_number_in_it(written: str) -> None:
    found, missing = numbers_on_document(written, ["21234500", "21234550", "21234599", "21234600"])
    assert found == {"21234500", "21234550", "21234599"}
    assert missing == {"21234600"}


def test_a_number_grouped_with_hyphens_is_no_range_and_a_backward_range_shows_nothing_between() -> None:
    assert numbers_on_document("21-23-45-00 21-23-45-99", ["21234550"])[0] == frozenset()
    assert numbers_on_document("21 23 45 99 – 21 23 45 00", ["21234550"])[0] == frozenset()
