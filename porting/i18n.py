"""Message catalogue: every string a person reads, in English and Norwegian Bokmål.

The texts live in ``porting/locales/<language>/*.toml``: the same files, with the
same keys, for each language. Keys are dotted paths (``numbers.title``); values are
``str.format`` templates. A template names a fact of ``porting/rules.toml`` instead of
repeating it (``{invoice_max_age_days}``, ``+{country_code}``; see ``Rules.facts``): ``t``
fills it in, formatted for the language. A value that is itself a name in the catalogue is
named by its prefix after ``:@`` (``{column:@store.column}``): ``t`` writes ``store.column.<value>``
in the language instead of the value.

>>> t("language.name", "nb")
'Norsk bokmål'
>>> t("numbers.count_repeats", "en", count=2)
'2 repeats'
>>> tn("numbers.vcid_offer", 1, "en", numbers="41 23 45 67").split(":")[0]
'1 mobile number cannot be ported to VoIP'
>>> t("store.request.invalid", "nb", column="numbers", reference="NO-1", fields="type").split(" som")[0]
'Kan ikke lese numrene'
>>> format_money(5500, "EUR", "en"), format_money(123450, "EUR", "nb")
('€55.00', '€\u00a01\u00a0234,50')
>>> format_integer(100000, "en"), format_integer(100000, "nb")
('100,000', '100\u00a0000')
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any, TypeVar

# Amounts, days and counts are formatted by Babel in porting.formatting; these are the names
# the rest of the app has always imported them by.
from porting.formatting import day as format_date, money as format_money, number as format_integer
from porting.languages import DEFAULT_LANGUAGE, LANGUAGES

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "catalogue",
    "country_name",
    "format_date",
    "format_integer",
    "format_money",
    "listing",
    "t",
    "tn",
]

_LOCALES = Path(__file__).with_name("locales")


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, path + "."))
        else:
            flat[path] = str(value)
    return flat


@cache
def catalogue(language: str) -> dict[str, str]:
    """All messages of one language, keyed by dotted path, from every file in its folder.

    Each part of the app keeps its messages in a file of its own (``core.toml``,
    ``company.toml``, ...); a key defined in two files is an error, not a silent override.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    messages: dict[str, str] = {}
    for path in sorted((_LOCALES / language).glob("*.toml")):
        with path.open("rb") as handle:
            part = _flatten(tomllib.load(handle))
        twice = sorted(messages.keys() & part.keys())
        if twice:
            raise ValueError(f"{path}: keys already defined in another file: {', '.join(twice[:5])}")
        messages.update(part)
    return messages


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The message ``key`` in ``language``, filled with ``params``.

    A key missing from a translation falls back to English; a key missing
    from English is a programming error and raises ``KeyError``.
    """
    messages = catalogue(language)
    template = messages.get(key)
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE)[key]
    if "{" not in template:
        return template
    facts = _facts_named(template, language)
    if facts:
        params = {**facts, **params}
    if _CATALOGUE_NAME in template:
        return _CatalogueNames(language).vformat(template, (), params)
    return template.format(**params) if params else template


_CATALOGUE_NAME = ":@"  # how a placeholder says its value is a name in the catalogue


class _CatalogueNames(Formatter):
    """``str.format`` that writes ``{column:@store.column}`` as the message ``store.column.<column>``;
    a value the catalogue has no name for is written as it is."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if not format_spec.startswith("@"):
            return str(super().format_field(value, format_spec))
        key = f"{format_spec[1:]}.{value}"
        name = catalogue(self.language).get(key) or catalogue(DEFAULT_LANGUAGE).get(key)
        return name if name is not None else str(value)


@cache
def _facts_named(template: str, language: str) -> dict[str, Any]:
    """The facts of the rules that a template names, by placeholder: ``prefixes`` for
    ``{prefixes[m2m]}``. Kept per template, since ``t`` runs for every row of a long list."""
    fields = {field for _, field, _, _ in Formatter().parse(template) if field}
    if not fields:
        return {}
    known = _facts(language)
    roots = {re.split(r"[.\[]", field, maxsplit=1)[0] for field in fields}
    return {name: known[name] for name in roots if name in known}


@cache
def _facts(language: str) -> dict[str, Any]:
    from porting.rules import rules  # here: the rules file is read when a text first names a fact

    return rules().facts(language)


def tn(key: str, count: int, language: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The message ``key.one`` or ``key.other`` (English and Bokmål plural rules agree), with ``count``."""
    form = "one" if count == 1 else "other"
    return t(f"{key}.{form}", language, count=format_integer(count, language), **params)


_Item = TypeVar("_Item")


def listing(
    items: Sequence[_Item], language: str, *, most: int, show: Callable[[_Item], str] = str
) -> str:
    """The first ``most`` of ``items``, each as ``show`` writes it, joined for a line of text, then
    "and N more" for the rest: a list of 10,000 would make a line longer than anyone reads.

    >>> listing(["21 23 45 67", "22 33 44 55", "23 34 45 56"], "en", most=2)
    '21 23 45 67, 22 33 44 55 and 1 more'
    >>> listing(["21 23 45 67"], "nb", most=2)
    '21 23 45 67'
    """
    listed = ", ".join(show(item) for item in items[:most])
    more = len(items) - most
    return f"{listed} {tn('quote.and_more', more, language)}" if more > 0 else listed


def country_name(calling_code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The country (or countries) of an international calling code, in ``language``.

    The catalogue names the countries customers are likely to have numbers from; any other
    code gets the English name phonenumbers knows for its main region.

    >>> country_name("46", "nb"), country_name("1", "en")
    ('Sverige', 'the United States, Canada or the Caribbean')
    """
    name = catalogue(language).get(f"country.{calling_code}") or catalogue(DEFAULT_LANGUAGE).get(
        f"country.{calling_code}"
    )
    return name or _phonenumbers_country_name(calling_code)


@cache
def _phonenumbers_country_name(calling_code: str) -> str:
    # The geocoder's data takes a third of a second to load: only for codes the catalogue lacks.
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE
    from phonenumbers.geodata.locale import LOCALE_DATA

    region = COUNTRY_CODE_TO_REGION_CODE.get(int(calling_code), ("",))[0]
    names = LOCALE_DATA.get(region, {})
    name = names.get("en", "")
    while name.startswith("*"):  # the data points to another language's entry
        name = names.get(name[1:], "")
    return name or f"+{calling_code}"
