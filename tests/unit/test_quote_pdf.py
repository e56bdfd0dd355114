"""The quote as a PDF: what a prospect reads in it, read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from porting.i18n import format_date, format_money, t
from porting.numbers.intake import read_numbers
from porting.quote.pdf import build_quote_pdf, quote_filename
from porting.quote.pricing import Quote, quote, quote_number
from porting.quote.timeline import timeline
from porting.rules import rules

TODAY = date(2027, 3, 1)
PLAN = timeline(date(2027, 3, 19))  # a Friday; Easter falls in the span
PASTED = "21 23 45 67\n55 12 34 56\n800 12 345\n41 23 45 67\n815 12 345\n6666666"
PORTABLE = ("21 23 45 67", "55 12 34 56", "800 12 345")
MOBILE = "41 23 45 67"


def offer(text: str = PASTED) -> Quote:
    return quote(read_numbers(text))


def page_texts(pdf: bytes) -> list[str]:
    return [plain(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def plain(text: str) -> str:
    """Text with no-break spaces as spaces and lines run together, as a reader sees it."""
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def english() -> bytes:
    return build_quote_pdf(offer(), PLAN, language="en", today=TODAY)


@pytest.fixture(scope="module")
def norwegian() -> bytes:
    return build_quote_pdf(offer(), PLAN, language="nb", today=TODAY)


def test_the_total_and_every_number_to_port_are_on_the_quote(english: bytes) -> None:
    (text,) = page_texts(english)
    assert format_money(offer().total_cents, "EUR", "en") == "€45.00"
    assert "Total €45.00" in text
    for number in PORTABLE:
        assert text.count(number) == 1


def test_the_price_shows_the_unit_prices_and_each_request(english: bytes) -> None:
    (text,) = page_texts(english)
    assert "Per porting request €30.00" in text
    assert "Per number €5.00" in text
    assert "Porting request 1 3 numbers × €5.00 + €30.00 €45.00" in text


def test_two_providers_make_two_requests_on_the_quote() -> None:
    (text,) = page_texts(
        build_quote_pdf(quote(read_numbers(PASTED), providers=2), PLAN, language="en", today=TODAY)
    )
    assert "Porting request 1 2 numbers × €5.00 + €30.00 €40.00" in text
    assert "Porting request 2 1 number × €5.00 + €30.00 €35.00" in text
    assert "Total €75.00" in text


def test_the_timeline_names_the_days_and_the_holidays_on_the_way(english: bytes) -> None:
    (text,) = page_texts(english)
    assert f"Submission {format_date(PLAN.start, 'en')}" in text
    assert f"Estimated porting day {format_date(PLAN.porting_day, 'en')}" in text
    assert "Date confirmed between 12 Apr 2027 – 14 Apr 2027" in text
    assert "Duration 17 business days" in text
    for holiday in ("25 Mar: Maundy Thursday", "26 Mar: Good Friday", "29 Mar: Easter Monday"):
        assert holiday in text


def test_a_requested_porting_day_is_named_as_such() -> None:
    plan = timeline(date(2027, 3, 19), requested=date(2027, 4, 21))
    (text,) = page_texts(build_quote_pdf(offer(), plan, language="en", today=TODAY))
    assert f"Requested porting day {format_date(date(2027, 4, 21), 'en')}" in text
    assert f"Estimated porting day {format_date(PLAN.estimated_porting_day, 'en')}" in text


def test_the_documents_to_send_are_listed(english: bytes) -> None:
    (text,) = page_texts(english)
    assert "Documents you will need" in text
    for document in rules().documents:
        assert plain(document.texts["en"]) in text


def test_mobile_numbers_are_not_included_but_offered_virtual_caller_id(english: bytes) -> None:
    (text,) = page_texts(english)
    assert text.count(MOBILE) == 1
    left_out = text.index("Not included in this quote")
    to_port = text.index("Numbers to port (3 numbers)")
    assert left_out < text.index(MOBILE) < to_port
    offer_start = plain(t("reason.not_portable.mobile", "en"))[:60]
    assert re.search(f"{MOBILE} Mobile {re.escape(offer_start)}", text)


def test_other_numbers_left_out_say_why(english: bytes) -> None:
    (text,) = page_texts(english)
    assert "815 12 345 Special service Special-service numbers (810, 815)" in text
    assert "6666666 Invalid Numbers starting with 6 have 8 digits; this one has 7." in text


def test_the_quote_says_it_is_an_estimate_in_euro(english: bytes) -> None:
    (text,) = page_texts(english)
    assert "This is an estimate" in text
    assert "about 17 business days" in text
    assert "Prices are in EUR and exclude VAT." in text


def test_the_norwegian_quote_is_in_norwegian_only(norwegian: bytes) -> None:
    (text,) = page_texts(norwegian)
    assert text.startswith("Prisoverslag for nummerportering Laget mandag 1. mars 2027")
    assert "Porting quote" not in text
    assert "Per porteringsbestilling € 30,00" in text
    assert f"Totalt {plain(format_money(4500, 'EUR', 'nb'))}" in text
    assert "Estimated" not in text
    assert f"Beregnet porteringsdag {format_date(PLAN.porting_day, 'nb')}" in text
    assert "25. mars: Skjærtorsdag" in text
    assert "Side 1 av 1" in text
    assert "Geografisk (fastnett)" in text
    assert plain(t("reason.not_portable.mobile", "nb"))[:40] in text


def test_a_few_numbers_fit_on_one_page(english: bytes) -> None:
    texts = page_texts(english)
    assert len(texts) == 1
    assert texts[0].endswith("Page 1 of 1")


def test_many_numbers_flow_onto_further_pages_each_saying_which_of_how_many() -> None:
    # Every other number, so that none follows another and each has a cell of its own.
    numbers = [f"21 23 {index // 50:02d} {index % 50 * 2:02d}" for index in range(600)]
    texts = page_texts(build_quote_pdf(offer("\n".join(numbers)), PLAN, language="en", today=TODAY))
    pages = len(texts)
    assert pages > 1
    for page, text in enumerate(texts, 1):
        assert text.endswith(f"Page {page} of {pages}")
        assert text.count("Geographic (local) · Oslo (600)") == 1  # the grid's header, on every page

    listed = [number for text in texts for number in re.findall(r"21 23 \d\d \d\d", text)]
    assert listed == numbers


def test_the_metadata_names_the_quote_and_the_brand(english: bytes, norwegian: bytes) -> None:
    metadata = PdfReader(io.BytesIO(english)).metadata
    assert metadata is not None
    assert metadata.author == rules().brand
    assert metadata.title == "Porting quote"
    assert metadata.subject == "Price and timeline for porting 3 numbers"
    nb = PdfReader(io.BytesIO(norwegian)).metadata
    assert nb is not None and nb.title == "Prisoverslag for nummerportering"


def test_a_quote_with_nothing_to_port_says_there_is_nothing_to_pay() -> None:
    (text,) = page_texts(build_quote_pdf(offer(MOBILE), PLAN, language="en", today=TODAY))
    assert "Total €0.00" in text
    assert "there is nothing to pay" in text
    assert "Numbers to port (" not in text
    assert MOBILE in text


def test_the_file_is_named_after_the_day_in_every_language() -> None:
    assert quote_filename(date(2027, 3, 1)) == "quote-2027-03-01.pdf"


def test_an_entry_of_1576_digits_is_shortened_on_the_quote_not_a_layout_error() -> None:
    entry = "2" * 1_576  # what /?n=zeNozMhoFo2AUjIJRMApwAwBT3DPg opens
    pdf = build_quote_pdf(offer(f"21234567\n{entry}"), PLAN, language="en", today=TODAY)
    text = "".join(page_texts(pdf)).replace(" ", "")
    assert "2" * 59 + "…" in text
    assert "2" * 61 not in text


def test_forty_long_entries_left_out_never_make_a_row_taller_than_a_page() -> None:
    entries = "\n".join(f"{index:02d}" + "9" * 58 for index in range(40))  # each shown whole
    pdf = build_quote_pdf(offer(f"21234567\n{entries}"), PLAN, language="en", today=TODAY)
    text = "".join(page_texts(pdf)).replace(" ", "")
    assert all(f"{index:02d}" + "9" * 58 in text for index in range(40))


def test_the_quote_has_a_number_a_date_a_validity_and_says_prices_exclude_vat() -> None:
    offer_made = offer()
    text = "\n".join(page_texts(build_quote_pdf(offer_made, PLAN, language="en", today=TODAY)))
    number = quote_number(offer_made, TODAY)
    assert re.fullmatch(r"Q-\d{6}-[0-9A-HJKMNP-TV-Z]{6}", number)
    valid = format_date(date(2027, 3, 31), "en", "medium")  # 30 days, as rules.toml says
    assert f"Quote {number} · made {format_date(TODAY, 'en', 'medium')} · valid until {valid}" in text
    assert "exclude VAT" in text
    assert "Prepared for" not in text  # no company is known yet
    norsk = "\n".join(page_texts(build_quote_pdf(offer_made, PLAN, language="nb", today=TODAY)))
    assert f"Tilbud {number}" in norsk and "uten merverdiavgift" in norsk
    # The same numbers the same day give the same number; other numbers or another day another.
    assert quote_number(offer(), TODAY) == number
    assert quote_number(offer("21 23 45 68"), TODAY) != number
    assert quote_number(offer_made, date(2027, 3, 2)) != number


def test_the_quote_names_the_company_it_was_prepared_for() -> None:
    pdf = build_quote_pdf(
        offer(), PLAN, language="en", today=TODAY, company_name="Blåbær <b>AS</b>", org_number="974760673"
    )
    text = "\n".join(page_texts(pdf))
    assert "Prepared for Blåbær <b>AS</b>, organisation number 974 760 673" in text


def test_forty_numbers_fit_on_one_page() -> None:
    numbers = "\n".join(str(21234000 + 2 * index) for index in range(40))  # none follows another
    pdf = build_quote_pdf(offer(numbers), PLAN, language="nb", today=TODAY, company_name="Fjord AS")
    texts = page_texts(pdf)
    assert len(texts) == 1, [len(text) for text in texts]
    assert texts[0].count("21 23 4") == 40
