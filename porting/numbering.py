"""The Norwegian numbering plan: turn one written number into national digits and classify them.

The series, types, areas and display groups come from ``rules.toml`` (Nkom's numbering
plan and the porting guide). phonenumbers stays the reference for formatting and is
cross-checked in the tests, but is not called per number: its metadata lags Nkom's
allocations and it is too slow for a list of 100,000 numbers.

>>> number = parse_number("+47 (0) 21-23-45-67")
>>> number.national, number.classification.type, number.classification.portable
('21234567', 'geographic', True)
>>> display("80012345"), e164("80012345")
('800 12 345', '+4780012345')
>>> classify("41234567").reason.code
'not_portable.mobile'
>>> parse_number("+46 8 123 456 78").reason.code
'foreign'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from porting.i18n import DEFAULT_LANGUAGE, format_integer, t
from porting.rules import Area, Rules, rules

INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a number cannot be ported or read: a catalogue key and its parameters."""

    code: str
    params: tuple[tuple[str, str | int], ...] = ()

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        params = {
            key: format_integer(value, language) if isinstance(value, int) else value
            for key, value in self.params
        }
        return t(f"reason.{self.code}", language, **params)


def reason(code: str, /, **params: str | int) -> Reason:
    return Reason(code, tuple(params.items()))


@dataclass(frozen=True, slots=True)
class Classification:
    """What a national number is: its type, original area, and whether we can port it."""

    type: str
    portable: bool
    area: Area | None = None
    reason: Reason | None = None
    virtual_caller_id: bool = False


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """One written number: its national digits and classification, or why it is invalid."""

    national: str | None
    classification: Classification = field(default_factory=lambda: Classification(INVALID, False))

    @property
    def reason(self) -> Reason | None:
        return self.classification.reason


# Characters people put inside a number: spaces of every kind, dots, dashes, brackets, slashes.
_SEPARATORS = " .-()/\u00a0\u2007\u2009\u202f\u2010\u2011\u2012\u2013\u2014\u2212"
_STRIP = str.maketrans("", "", _SEPARATORS)


class NumberingPlan:
    """Classifier built once from the rules; ``plan()`` gives the shared instance."""

    def __init__(self, current: Rules) -> None:
        self.rules = current
        self.country_code = current.country_code
        self.international_prefix = current.international_prefix
        self._series = {(series.length, series.prefix): series.type for series in current.series}
        # The lengths numbers starting with a series' prefix may have, counting longer series
        # inside it: numbers starting with 1 have 3, 4 or 6 digits.
        self._lengths_by_prefix = {
            outer.prefix: {inner.length for inner in current.series if inner.prefix.startswith(outer.prefix)}
            for outer in current.series
        }
        longest = max(len(series.prefix) for series in current.series)
        self._key_digits = max(longest, *(len(area.prefix) for area in current.areas))
        self._prefix_lengths = range(longest, 0, -1)
        self._cache: dict[tuple[int, str], Classification] = {}
        self._groups = {(rule.length, rule.prefix): rule.groups for rule in current.display}
        self._max_prefix = max(len(rule.prefix) for rule in current.display)

    def classify(self, national: str) -> Classification:
        """Classify national digits (no country code); cached by length and leading digits."""
        key = (len(national), national[: self._key_digits])
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._classify(national)
        return found

    def _classify(self, national: str) -> Classification:
        length = len(national)
        for size in self._prefix_lengths:
            kind = self._series.get((length, national[:size]))
            if kind is not None:
                return self._of_type(kind, national)
        return Classification(INVALID, False, reason=self._invalid_reason(national))

    def _of_type(self, kind: str, national: str) -> Classification:
        number_type = self.rules.types[kind]
        if number_type.portable:
            area = self.rules.area_for(national) if kind == "geographic" else None
            return Classification(kind, True, area=area)
        return Classification(
            kind,
            False,
            reason=reason(f"not_portable.{kind}"),
            virtual_caller_id=number_type.virtual_caller_id,
        )

    def _invalid_reason(self, national: str) -> Reason:
        length = self.rules.number_length
        if len(national) > length and len(national) % length == 0:
            return reason("several_numbers", digits=len(national))
        for size in self._prefix_lengths:
            lengths = self._lengths_by_prefix.get(national[:size])
            if lengths:
                expected = "/".join(str(length) for length in sorted(lengths))
                return reason("wrong_length", prefix=national[:size], expected=expected, digits=len(national))
        if len(national) != length:
            return reason("length", expected=length, digits=len(national))
        return reason("unallocated", prefix=national[:3])

    def display(self, national: str) -> str:
        """National display form: ``21 23 45 67``, ``800 12 345``; other lengths ungrouped."""
        length = len(national)
        for size in range(self._max_prefix, -1, -1):
            groups = self._groups.get((length, national[:size]))
            if groups is not None:
                parts, start = [], 0
                for group in groups:
                    parts.append(national[start : start + group])
                    start += group
                return " ".join(parts)
        return national

    def parse(self, written: str) -> ParsedNumber:
        """Read one written number (no ranges) in any common form."""
        text = written.strip()
        if text.isdigit() and text.isascii():  # the common case, kept fast
            return self._domestic(text)
        if text[:4].lower() == "tel:":
            text = text[4:].lstrip()
        international = text.startswith(("+", "(+"))
        if international:
            text = text.lstrip("(+")
            if "(0" in text:
                text = text.replace("(0)", "", 1)
        digits = text.translate(_STRIP)
        if not (digits.isdigit() and digits.isascii()):
            return self._unreadable(digits)
        if not international:
            if not digits.startswith(self.international_prefix):
                return self._domestic(digits)
            digits = digits[len(self.international_prefix) :]
        if not digits.startswith(self.country_code):
            return ParsedNumber(None, Classification(INVALID, False, reason=foreign_reason(digits)))
        national = digits[len(self.country_code) :]
        return self._national(self._drop_if_invalid(national, "0"))

    def _domestic(self, digits: str) -> ParsedNumber:
        """Digits written without ``+`` or ``00``; they may still carry 47 or a leading 0."""
        return self._national(self._drop_if_invalid(self._drop_if_invalid(digits, self.country_code), "0"))

    def _drop_if_invalid(self, digits: str, lead: str) -> str:
        """``47 21234567`` and ``021234567`` mean 21234567; ``47123456`` is a mobile number."""
        if digits.startswith(lead) and self.classify(digits).type == INVALID:
            rest = digits[len(lead) :]
            if self.classify(rest).type != INVALID:
                return rest
        return digits

    def _national(self, digits: str) -> ParsedNumber:
        return ParsedNumber(digits, self.classify(digits))

    @staticmethod
    def _unreadable(digits: str) -> ParsedNumber:
        strange = "".join(dict.fromkeys(char for char in digits if not ("0" <= char <= "9")))
        code = "no_digits" if not any("0" <= char <= "9" for char in digits) else "characters"
        return ParsedNumber(
            None, Classification(INVALID, False, reason=reason(code, characters=strange[:10]))
        )


def foreign_reason(digits: str) -> Reason:
    """Name the country of an international number that is not Norwegian."""
    import phonenumbers  # only for the rare foreign number: its start-up cost stays off the hot path
    from phonenumbers import geocoder

    for size in (1, 2, 3):
        code = int(digits[:size]) if digits[:size].isdigit() else 0
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            region = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code][0]
            example = phonenumbers.example_number(region) if region != "001" else None
            country = geocoder.country_name_for_number(example, "en") if example else ""
            return reason("foreign", country=country or region, code=f"+{code}")
    return reason("unknown_country", code=f"+{digits[:3]}")


@cache
def plan() -> NumberingPlan:
    """The numbering plan of the rules in force."""
    return NumberingPlan(rules())


def parse_number(written: str) -> ParsedNumber:
    return plan().parse(written)


def classify(national: str) -> Classification:
    return plan().classify(national)


def display(national: str) -> str:
    return plan().display(national)


def e164(national: str) -> str:
    return f"+{plan().country_code}{national}"
