"""Money, days and counts in English and Bokmål, formatted by Babel from CLDR's data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from porting import formatting, i18n
from porting.documents.facts import find_invoice_date
from porting.documents.reading import megabytes
from porting.formatting import BABEL_LOCALES, day, money, month_names, number

NBSP = "\u00a0"
CONSTITUTION_DAY = date(2027, 5, 17)  # a Monday


def test_every_language_of_the_catalogue_has_a_cldr_locale() -> None:
    assert set(BABEL_LOCALES) == set(i18n.LANGUAGES)


def test_the_catalogue_formats_with_these_helpers() -> None:
    assert (i18n.format_integer, i18n.format_money, i18n.format_date) == (number, money, day)


@pytest.mark.parametrize(
    ("value", "english", "bokmal"),
    [
        (0, "0", "0"),
        (999, "999", "999"),
        (1000, "1,000", f"1{NBSP}000"),
        (1234567, "1,234,567", f"1{NBSP}234{NBSP}567"),
        (-1234, "-1,234", f"-1{NBSP}234"),
    ],
)
def test_counts_take_each_languages_thousands_separator(value: int, english: str, bokmal: str) -> None:
    assert number(value, "en") == english
    assert number(value, "nb") == bokmal


def test_decimals_take_each_languages_decimal_sign() -> None:
    assert number(Decimal("1500.5"), "en", places=1) == "1,500.5"
    assert number(Decimal("1500.5"), "nb", places=1) == f"1{NBSP}500,5"
    assert number(10, "en", places=1) == "10.0"


@pytest.mark.parametrize(
    ("cents", "english", "bokmal"),
    [
        (3000, "€30.00", f"€{NBSP}30,00"),
        (500, "€5.00", f"€{NBSP}5,00"),
        (0, "€0.00", f"€{NBSP}0,00"),
        (123456789, "€1,234,567.89", f"€{NBSP}1{NBSP}234{NBSP}567,89"),
        (-3000, "-€30.00", f"-€{NBSP}30,00"),
        (-5, "-€0.05", f"-€{NBSP}0,05"),
    ],
)
def test_euro_amounts_in_both_languages(cents: int, english: str, bokmal: str) -> None:
    assert money(cents, "EUR", "en") == english
    assert money(cents, "EUR", "nb") == bokmal


def test_other_currencies_take_cldrs_symbol_or_their_code() -> None:
    assert money(5500, "NOK", "nb") == f"kr{NBSP}55,00"
    assert money(5500, "NOK", "en") == "NOK55.00"
    assert money(5500, "XTS", "en") == "XTS55.00"


@pytest.mark.parametrize(
    ("form", "english", "bokmal"),
    [
        ("long", "Monday 17 May 2027", "mandag 17. mai 2027"),
        ("medium", "17 May 2027", "17. mai 2027"),
        ("short", "17 May", "17. mai"),
        ("numeric", "17/05/2027", "17.05.2027"),
    ],
)
def test_a_day_in_each_form_and_language(form: formatting.DayForm, english: str, bokmal: str) -> None:
    assert day(CONSTITUTION_DAY, "en", form) == english
    assert day(CONSTITUTION_DAY, "nb", form) == bokmal


def test_short_month_names_are_cldrs() -> None:
    autumn = [date(2027, month, 3) for month in (3, 6, 9, 12)]
    assert [day(value, "en", "medium") for value in autumn] == [
        "3 Mar 2027",
        "3 Jun 2027",
        "3 Sept 2027",
        "3 Dec 2027",
    ]
    assert [day(value, "nb", "short") for value in autumn] == ["3. mars", "3. juni", "3. sep.", "3. des."]


def test_the_numeric_day_pads_day_and_month() -> None:
    assert day(date(2027, 5, 3), "nb", "numeric") == "03.05.2027"


def test_an_unknown_language_or_form_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        number(1, "sv")
    with pytest.raises(ValueError, match="unknown form"):
        day(CONSTITUTION_DAY, "en", "weekday")  # type: ignore[arg-type]


def test_month_names_read_back_what_is_written() -> None:
    assert month_names("nb")[2] == ("mars", "mars")
    for language in i18n.LANGUAGES:
        for month in range(1, 13):
            written = day(date(2027, month, 3), language, "medium")
            assert find_invoice_date(f"Invoice date: {written}") == date(2027, month, 3), written


def test_file_sizes_are_decimals_of_the_language() -> None:
    megabyte = 1024 * 1024
    assert megabytes(10 * megabyte + megabyte // 2, "en") == "10.5 MB"
    assert megabytes(10 * megabyte + megabyte // 2, "nb") == "10,5 MB"
    assert megabytes(1500 * megabyte, "en") == "1,500.0 MB"
    assert megabytes(1500 * megabyte, "nb") == f"1{NBSP}500,0 MB"
