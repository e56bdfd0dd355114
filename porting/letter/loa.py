"""The Letter of Authorization (fullmakt): the PDF the customer signs so its numbers can be ported.

The new provider must hold the customer's written authorization before porting (Nkom,
"Nummeroverføring ved bytte av teletilbyder"), and the letter must match the current
provider's records exactly (the porting guide). The wording lives in ``assets/loa_template/``,
one TOML file per language, with ``template.toml`` naming the details the letter cannot do
without. Here the template is read and checked, the numbers chosen (mobile numbers and other
numbers we cannot port are never on the letter) and the details checked; ``porting.letter.layout``
draws the letter.

>>> from porting.numbers.intake import read_numbers
>>> details = CompanyDetails(
...     org_number="974760673", company_name="Fjordtelefon AS", address="Storgata 1",
...     postcode="0155", city="Oslo", email="post@fjordtelefon.no",
...     current_provider="Telenor Norge AS", account_number="1234567",
... )
>>> letter = build_loa(details, read_numbers("21 23 45 67\\n41 23 45 67").rows, today=date(2027, 3, 1))
>>> letter[:5]
b'%PDF-'
>>> loa_filename(details, date(2027, 3, 1))
'LOA-974760673-2027-03-01.pdf'
>>> build_loa(CompanyDetails(company_name="Fjordtelefon AS"), [], today=date(2027, 3, 1))
Traceback (most recent call last):
porting.letter.loa.LoaError: the letter of authorization needs: org_number, address, postcode, city, email, \
current_provider, account_number
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from porting.company.details import CompanyDetails, compact_org_number, validate_org_number
from porting.i18n import LANGUAGES
from porting.letter.layout import Passage, draw_letter, letter_passages
from porting.letter.wording import Texts, Wording
from porting.numbers.intake import NumberResult

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "assets" / "loa_template"
BOTH = "both"


class LoaError(ValueError):
    """The letter cannot be made; ``fields`` names the details to fill in or correct."""

    def __init__(self, message: str, fields: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.fields = tuple(fields)


# --- The template: wording per language, and the details the letter needs ---------------------


@dataclass(frozen=True)
class Template:
    """The letter's wording in every language and the details it cannot do without."""

    required: tuple[str, ...]  # CompanyDetails fields that must not be empty
    bilingual: tuple[str, ...]  # the languages of a bilingual letter, in order
    texts: Texts  # language -> dotted key -> wording


@cache
def template() -> Template:
    """The template in ``assets/loa_template/``, checked: a broken file fails here, naming the file."""
    settings = _load(TEMPLATE_DIR / "template.toml")
    known = {field.name for field in fields(CompanyDetails)}
    required = tuple(settings.get("required", ()))
    unknown = [name for name in required if name not in known]
    if unknown:
        raise LoaError(f"template.toml: required names unknown details: {', '.join(unknown)}")
    texts = {language: _flatten(_load(TEMPLATE_DIR / f"{language}.toml")) for language in LANGUAGES}
    first, *others = LANGUAGES
    for language in others:
        differing = sorted(texts[first].keys() ^ texts[language].keys()) or [
            key
            for key in texts[first]
            if _placeholders(texts[first][key]) != _placeholders(texts[language][key])
        ]
        if differing:
            raise LoaError(f"{language}.toml differs from {first}.toml in: {', '.join(differing)}")
    return Template(required, tuple(settings.get("bilingual", LANGUAGES)), texts)


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str | tuple[str, ...]]:
    flat: dict[str, str | tuple[str, ...]] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = tuple(value) if isinstance(value, list) else str(value)
    return flat


def _placeholders(text: str | tuple[str, ...]) -> list[set[str]]:
    parts = (text,) if isinstance(text, str) else text
    return [{name for _, name, _, _ in string.Formatter().parse(part) if name} for part in parts]


# --- Building the letter -------------------------------------------------------------------


def build_loa(
    details: CompanyDetails,
    numbers: Sequence[NumberResult],
    *,
    language: str = BOTH,
    today: date,
    place: str = "",
    other_numbers: str = "",
) -> bytes:
    """The Letter of Authorization as PDF bytes, for the portable numbers among ``numbers``.

    ``language`` is ``"both"`` (Norwegian Bokmål, then English), ``"nb"`` or ``"en"``. Mobile,
    invalid and other numbers we cannot port are left out, as are repeats. ``other_numbers``
    says, for a partial port, what happens to the account's other numbers. Raises ``LoaError``
    naming the details the letter needs but does not have.
    """
    current = template()
    wording = Wording(current.texts, _languages(language))
    rows = [row for row in numbers if row.portable and row.duplicate_of is None]
    _check(details, rows, current)
    return draw_letter(details, rows, wording, today=today, place=place, other_numbers=other_numbers)


def loa_passages(details: CompanyDetails, *, language: str = BOTH) -> list[Passage]:
    """The letter's title and authorization as text, each passage with its language, for a
    reader of its preview (``layout.letter_passages``): ``language`` as in ``build_loa``.

    >>> [(passage.language, passage.heading) for passage in loa_passages(CompanyDetails())][:3]
    [('nb', True), ('nb', True), ('nb', False)]
    """
    return letter_passages(details, Wording(template().texts, _languages(language)))


def loa_filename(details: CompanyDetails, today: date) -> str:
    """``LOA-<organisation number>-<YYYY-MM-DD>.pdf``.

    >>> loa_filename(CompanyDetails(org_number="974 760 673"), date(2027, 5, 3))
    'LOA-974760673-2027-05-03.pdf'
    """
    return f"LOA-{compact_org_number(details.org_number)}-{today.isoformat()}.pdf"


def _languages(language: str) -> tuple[str, ...]:
    if language == BOTH:
        return template().bilingual
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use {BOTH!r} or one of {', '.join(LANGUAGES)}")
    return (language,)


def _check(details: CompanyDetails, rows: Sequence[NumberResult], current: Template) -> None:
    missing = [name for name in current.required if not str(getattr(details, name) or "").strip()]
    if missing:
        raise LoaError(f"the letter of authorization needs: {', '.join(missing)}", missing)
    problem = validate_org_number(details.org_number)
    if problem is not None:
        raise LoaError(f"org_number: {problem.text('en')}", ["org_number"])
    if not rows:
        raise LoaError(
            "the letter of authorization needs at least one number that can be ported", ["numbers"]
        )
