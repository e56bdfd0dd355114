"""Money, days and numbers as a person reads them, in English and Norwegian Bokmål, by Babel (CLDR).

Every page, PDF, e-mail and CLI line that shows an amount, a date or a count formats it here, so
the two languages' conventions (thousands separators, decimal signs, month names) come from
the Unicode CLDR data that Babel ships, not from code of our own. English is CLDR's ``en_IE``:
day before month and no comma after the weekday, as the app has always written dates;
Bokmål is ``nb_NO``.

>>> number(100000, "en"), number(100000, "nb")
('100,000', '100\\xa0000')
>>> money(123450, "EUR", "en"), money(123450, "EUR", "nb")
('€1,234.50', '€\\xa01\\xa0234,50')
>>> day(date(2027, 5, 17), "en"), day(date(2027, 5, 17), "nb")
('Monday 17 May 2027', 'mandag 17. mai 2027')
>>> day(date(2027, 9, 3), "en", "medium"), day(date(2027, 9, 3), "nb", "short")
('3 Sept 2027', '3. sep.')
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_skeleton, get_month_names
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal

# The CLDR locale of each language of the catalogue (porting.languages.LANGUAGES).
BABEL_LOCALES: dict[str, str] = {"en": "en_IE", "nb": "nb_NO"}

# CLDR's Bokmål pattern puts the currency after the amount (30,00 €); the app's prices have
# always shown it first, in both languages, so the quote reads the same beside the guide's
# "€30.00". Languages not listed take CLDR's own pattern.
_MONEY_PATTERNS: dict[str, str] = {"nb": "¤\u00a0#,##0.00"}

DayForm = Literal["long", "medium", "short", "numeric"]
# long: weekday, day, month and year; medium: day, short month, year; short: day and short
# month; numeric: digits only (17.05.2027), for a narrow field such as a signature date.
_DAY_FORMS = ("long", "medium", "short", "numeric")

# Babel parses its pattern on every call (some 20 µs); a page or a command shows the same few
# counts, prices and days again and again (a reason's digit count on thousands of rows).
_REMEMBERED = 4096


@cache
def babel_locale(language: str) -> Locale:
    """The CLDR locale that formats for ``language`` (``en`` or ``nb``)."""
    if language not in BABEL_LOCALES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(BABEL_LOCALES)}")
    return Locale.parse(BABEL_LOCALES[language])


@lru_cache(maxsize=_REMEMBERED)
def number(value: int | Decimal, language: str, places: int = 0) -> str:
    """A number with the language's thousands separator (a no-break space in Bokmål) and
    decimal sign, with exactly ``places`` decimals.

    >>> number(-1234, "nb"), number(0, "en"), number(Decimal("10.5"), "nb", places=1)
    ('-1\\xa0234', '0', '10,5')
    """
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=babel_locale(language), decimal_quantization=True)


@lru_cache(maxsize=_REMEMBERED)
def money(cents: int, currency: str, language: str) -> str:
    """An amount in integer cents of ``currency``: ``€30.00`` in English, ``€ 30,00`` in Bokmål.

    >>> money(-3000, "EUR", "en"), money(0, "EUR", "nb")
    ('-€30.00', '€\\xa00,00')
    """
    amount = Decimal(cents).scaleb(-2)
    locale = babel_locale(language)
    return format_currency(amount, currency, format=_MONEY_PATTERNS.get(language), locale=locale)


@lru_cache(maxsize=_REMEMBERED)
def day(value: date, language: str, form: DayForm = "long") -> str:
    """A day in one of four forms (see ``DayForm``).

    >>> [day(date(2027, 5, 17), "nb", form) for form in ("medium", "short", "numeric")]
    ['17. mai 2027', '17. mai', '17.05.2027']
    """
    locale = babel_locale(language)
    if form == "long":
        return format_date(value, "full", locale=locale)
    if form == "medium":
        return format_date(value, "medium", locale=locale)
    if form == "short":
        return format_skeleton("MMMd", value, locale=locale)
    if form == "numeric":
        return format_date(value, "short", locale=locale)
    raise ValueError(f"unknown form {form!r}; known: {', '.join(_DAY_FORMS)}")


@lru_cache(maxsize=_REMEMBERED)
def either(values: tuple[str, ...], language: str) -> str:
    """Alternatives as the language lists them: ``8 or 9`` in English, ``8 eller 9`` in Bokmål.

    >>> either(("8", "9"), "en"), either(("a", "b", "c"), "nb")
    ('8 or 9', 'a, b eller c')
    """
    return format_list(list(values), style="or", locale=babel_locale(language))


def month_names(language: str) -> tuple[tuple[str, str], ...]:
    """Each month's full and short name in ``language``, January first, for reading dates back.

    >>> month_names("nb")[0], month_names("en")[8]
    (('januar', 'jan.'), ('September', 'Sept'))
    """
    locale = babel_locale(language)
    wide, short = get_month_names("wide", locale=locale), get_month_names("abbreviated", locale=locale)
    return tuple((wide[month], short[month]) for month in range(1, 13))


CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O or U to misread


def short_code(what: str, symbols: int) -> str:
    """A code of ``symbols`` symbols of Crockford's base 32 (up to 51) that stands for ``what``:
    the same text always gives the same code, any other text almost surely another.

    >>> short_code("974760673|21234567", 8), short_code("974760673|21234568", 8)
    ('W407HRGV', '734ZYM4W')
    """
    value = int.from_bytes(hashlib.sha256(what.encode()).digest(), "big") >> (256 - 5 * symbols)
    return "".join(CROCKFORD[(value >> (5 * place)) & 31] for place in reversed(range(symbols)))
