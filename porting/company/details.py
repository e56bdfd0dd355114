"""Who the customer is and where the numbers are today: the details the LOA carries.

The current provider checks the Letter of Authorization against its own records, so these
fields must match them exactly (the guide: "Information must exactly match the current
provider's records"). The organisation number is checked with python-stdnum's
``stdnum.no.orgnr`` (MOD11, weights 3 2 7 6 5 4 3 2; https://no.wikipedia.org/wiki/Organisasjonsnummer)
and, as the Brønnøysund Register Centre assigns them, must start with 8 or 9.

Problems are catalogue keys with parameters, one per field at the most, in ``FIELDS`` order:

>>> validate_org_number("974 760 673") is None
True
>>> validate_org_number("974 760 674").code
'company.org_number.checksum'
>>> validate_org_number("12345678").params
(('digits', '8'), ('expected', '9'))
>>> format_org_number("974760673"), format_org_number("97476067")
('974 760 673', '97476067')
>>> details = CompanyDetails(org_number="974760673", postcode="191")
>>> [problem.code for problem in validate_company(details, date(2027, 5, 3))][:3]
['company.required.company_name', 'company.required.address', 'company.postcode.invalid']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache
from typing import Any

from stdnum.no import orgnr

from porting.email_address import INTERNATIONAL_LOCAL_PART, address_problem
from porting.formatting import either
from porting.i18n import DEFAULT_LANGUAGE, format_integer, t
from porting.numbers.numbering import INVALID, compact, parse_number
from porting.rules import rules

# The fields in the order forms and files use them; also the keys of the CLI's JSON file.
FIELDS = (
    "org_number",
    "company_name",
    "address",
    "postcode",
    "city",
    "signatory_name",
    "signatory_title",
    "email",
    "phone",
    "current_provider",
    "account_number",
    "requested_date",
)


@dataclass(frozen=True)
class CompanyDetails:
    """The company, its authorized signatory and its account at the current provider."""

    org_number: str = ""  # organisasjonsnummer, as typed; see ``validate_org_number``
    company_name: str = ""  # the legal name, as in the Brønnøysund register
    address: str = ""  # street address (forretningsadresse), lines joined by ", "
    postcode: str = ""
    city: str = ""
    signatory_name: str = ""  # who signs the LOA for the company
    signatory_title: str = ""
    email: str = ""  # contact e-mail
    phone: str = ""  # contact phone
    current_provider: str = ""  # avgivende tilbyder
    account_number: str = ""  # customer or account number at the current provider
    requested_date: date | None = None  # requested porting day, if any

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> CompanyDetails:
        """Details from a mapping such as a JSON object; unknown keys are ignored, text is stripped."""
        known = {field.name for field in fields(cls)}
        cleaned: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known or value is None:
                continue
            if key == "requested_date":
                cleaned[key] = value if isinstance(value, date) else date.fromisoformat(str(value))
            else:
                cleaned[key] = str(value).strip()
        return cls(**cleaned)


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field: a catalogue key (``company.…``) and its parameters."""

    field: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        return t(self.code, language, **{**standard_params(language), **dict(self.params)})


def _problem(field: str, code: str, /, **params: str) -> FieldProblem:
    return FieldProblem(field, f"company.{code}", tuple(params.items()))


TEXT_LIMIT = 200  # characters in a name or other free text: more than any real name or address
EMAIL_LIMIT = 254  # the longest address SMTP can carry (RFC 5321 with RFC 3696 erratum 1690)
POSTCODE_LENGTH = 4  # Norwegian postnummer
ORG_NUMBER_LENGTH = 9
ORG_NUMBER_FIRST_DIGITS = "89"  # the Brønnøysund Register Centre assigns numbers from 8 and 9 only

# What people write inside an organisation number: spaces of every kind, dots and dashes.
_ORG_NUMBER_SEPARATORS = str.maketrans(
    "", "", " .-\t\u00a0\u2007\u2009\u202f\u2010\u2011\u2012\u2013\u2014\u2212"
)
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})  # line breaks, tabs, invisible format marks
# What people put between addresses when they mean several: a notice goes to one only.
_ADDRESS_LIST_SEPARATORS = frozenset(",;")
_INTERNATIONAL_DIGITS = range(7, 16)  # E.164 allows at most 15 digits with the country code


@cache
def standard_params(language: str) -> Mapping[str, str]:
    """The Norwegian standards the company texts name instead of repeating them, for ``language``:
    ``{org_number_length}``, ``{org_number_first_digits}`` and ``{postcode_length}``.

    >>> standard_params("nb")["org_number_first_digits"]
    '8 eller 9'
    """
    return {
        "org_number_length": format_integer(ORG_NUMBER_LENGTH, language),
        "org_number_first_digits": either(tuple(ORG_NUMBER_FIRST_DIGITS), language),
        "postcode_length": format_integer(POSTCODE_LENGTH, language),
    }


def compact_org_number(text: str) -> str:
    """The organisation number without spaces, dots or dashes; full-width digits become ASCII.

    >>> compact_org_number(" 974.760-673 ")
    '974760673'
    """
    return orgnr.compact(unicodedata.normalize("NFKC", text).translate(_ORG_NUMBER_SEPARATORS))


def validate_org_number(text: str) -> FieldProblem | None:
    """Why ``text`` is not an organisation number, or ``None`` when it is one."""
    digits = compact_org_number(text)
    if not digits:
        return _problem("org_number", "required.org_number")
    if not (digits.isascii() and digits.isdigit()):
        return _problem("org_number", "org_number.characters", characters=_visible(digits))
    try:
        orgnr.validate(digits)
    except orgnr.InvalidLength:  # before InvalidFormat: it is a subclass
        return _problem(
            "org_number", "org_number.length", digits=str(len(digits)), expected=str(ORG_NUMBER_LENGTH)
        )
    except orgnr.InvalidFormat:
        return _problem("org_number", "org_number.characters", characters=_visible(digits))
    except orgnr.InvalidChecksum:
        check_digit_matches = False
    else:
        check_digit_matches = True
    if digits[0] not in ORG_NUMBER_FIRST_DIGITS:  # stdnum accepts 000000000 and 123456785
        return _problem("org_number", "org_number.first_digit", first=digits[0])
    return None if check_digit_matches else _problem("org_number", "org_number.checksum")


def format_org_number(text: str) -> str:
    """A valid organisation number written as ``974 760 673``; anything else unchanged."""
    if validate_org_number(text) is not None:
        return text
    return orgnr.format(compact_org_number(text))


def _visible(text: str) -> str:
    """The characters of ``text`` that are not digits, once each; invisible ones as ``U+0009``."""
    strange = dict.fromkeys(char for char in text if not ("0" <= char <= "9"))
    return " ".join(char if char.isprintable() else f"U+{ord(char):04X}" for char in list(strange)[:10])


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(char) in _CONTROL_CATEGORIES for char in text)


def _check_free_text(field: str, text: str) -> FieldProblem | None:
    if _has_control_characters(text):
        return _problem(field, "control_characters")
    if len(text) > TEXT_LIMIT:
        return _problem(field, "too_long", limit=str(TEXT_LIMIT), length=str(len(text)))
    return None


def _check_email(text: str) -> FieldProblem | None:
    """One plain address, as ``porting.email_address`` accepts it: notices go to it alone, and a
    list or a non-ASCII local part would reach several people or none."""
    if len(text) > EMAIL_LIMIT:
        return _problem("email", "too_long", limit=str(EMAIL_LIMIT), length=str(len(text)))
    if _has_control_characters(text):
        return _problem("email", "email.invalid")
    reason = address_problem(text)
    if reason is None:
        return None
    if reason == INTERNATIONAL_LOCAL_PART:
        return _problem("email", "email.international_local_part")
    if _ADDRESS_LIST_SEPARATORS & set(text):
        return _problem("email", "email.one_address")
    return _problem("email", "email.invalid")


def _check_phone(text: str) -> FieldProblem | None:
    """Any form of an 8-digit Norwegian number the numbering plan knows, or ``+`` and 7 to 15 digits."""
    parsed = parse_number(text)
    if parsed.national is not None and parsed.classification.type != INVALID:
        return None if len(parsed.national) == rules().number_length else _problem("phone", "phone.invalid")
    digits = compact(unicodedata.normalize("NFKC", text))
    international = digits[1:] if digits.startswith("+") else digits[2:] if digits.startswith("00") else ""
    if (
        international.isascii()
        and international.isdigit()
        and len(international) in _INTERNATIONAL_DIGITS
        and not international.startswith(rules().country_code)  # a Norwegian number the plan refused above
    ):
        return None
    return _problem("phone", "phone.invalid")


def _check_postcode(text: str) -> FieldProblem | None:
    if len(text) == POSTCODE_LENGTH and text.isascii() and text.isdigit():
        return None
    return _problem("postcode", "postcode.invalid")


_CHECKS: dict[str, Callable[[str], FieldProblem | None]] = {
    "org_number": validate_org_number,
    "email": _check_email,
    "phone": _check_phone,
    "postcode": _check_postcode,
}


def _check_text_field(field: str, value: str) -> FieldProblem | None:
    text = value.strip()
    if not text:
        return _problem(field, f"required.{field}")
    check = _CHECKS.get(field)
    return check(text) if check is not None else _check_free_text(field, text)


def validate_company(details: CompanyDetails, today: date) -> tuple[FieldProblem, ...]:
    """Every problem with the details, at most one per field, in ``FIELDS`` order.

    All fields are required but ``requested_date``, which must not be before ``today``;
    whether it is a business day is the timeline's business.
    """
    problems: list[FieldProblem] = []
    for field in FIELDS:
        value = getattr(details, field)
        if field == "requested_date":
            found = _problem(field, "requested_date.past") if value is not None and value < today else None
        else:
            found = _check_text_field(field, value)
        if found is not None:
            problems.append(found)
    return tuple(problems)


def parse_details(values: Mapping[str, object]) -> tuple[CompanyDetails, tuple[FieldProblem, ...]]:
    """Details from a mapping such as a JSON object, and what could not be read.

    Like ``CompanyDetails.from_mapping``, but a value that cannot be read gives a problem
    instead of an exception, and its field stays empty: a requested date that is not an
    ISO date (``2027-05-17``), and text fields given as numbers, lists or true/false (a
    postcode written as the number 191 has lost its leading zero).

    >>> details, problems = parse_details({"postcode": 191, "requested_date": "17.05.2027"})
    >>> details.postcode, details.requested_date, [problem.code for problem in problems]
    ('', None, ['company.not_text', 'company.requested_date.format'])
    """
    cleaned: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for field in FIELDS:
        value = values.get(field)
        if isinstance(value, str):
            value = value.strip()
        if value is None or (value == "" and field == "requested_date"):
            continue
        if field == "requested_date":
            day = _read_date(value)
            if day is None:
                problems.append(_problem(field, "requested_date.format", value=str(value)[:40]))
            else:
                cleaned[field] = day
        elif isinstance(value, str):
            cleaned[field] = value
        else:
            problems.append(_problem(field, "not_text"))
    return CompanyDetails(**cleaned), tuple(problems)


def _read_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def check_mapping(
    values: Mapping[str, object], today: date
) -> tuple[CompanyDetails, tuple[FieldProblem, ...]]:
    """``parse_details`` then ``validate_company``: the details and every problem, one per field.

    A field that could not be read reports why, not that it is missing.

    >>> details, problems = check_mapping({"org_number": 974760673}, date(2027, 5, 3))
    >>> [(problem.field, problem.code) for problem in problems][:2]
    [('org_number', 'company.not_text'), ('company_name', 'company.required.company_name')]
    """
    details, unreadable = parse_details(values)
    by_field = {found.field: found for found in validate_company(details, today)}
    by_field.update((found.field, found) for found in unreadable)
    return details, tuple(by_field[field] for field in FIELDS if field in by_field)
