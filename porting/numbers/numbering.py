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

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import compress, count, pairwise, repeat
from operator import getitem, itemgetter, not_
from typing import NamedTuple, cast

from porting.i18n import DEFAULT_LANGUAGE, country_name, format_integer, t
from porting.rules import rules
from porting.rules.model import Area, Rules

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
        if "calling_code" in params:
            params["country"] = country_name(params["calling_code"], language)
        return t(f"reason.{self.code}", language, **params)


def reason(code: str, /, **params: str | int) -> Reason:
    return Reason(code, tuple(params.items()))


@dataclass(frozen=True, slots=True)
class Classification:
    """What a national number is: its type, original area, and whether we can port it.

    Numbers of one length that share their leading digits share one ``Classification``,
    which also knows how to write them (``groups`` slices the national digits).
    """

    type: str
    portable: bool
    area: Area | None = None
    reason: Reason | None = None
    virtual_caller_id: bool = False
    groups: Callable[[str], tuple[str, ...]] | None = None
    e164_prefix: str = ""  # "+47" for every valid number, empty for invalid ones

    def display(self, national: str) -> str:
        return " ".join(self.groups(national)) if self.groups is not None else national


def invalid(why: Reason) -> Classification:
    return Classification(INVALID, False, reason=why)


class ParsedNumber(NamedTuple):
    """One written number: its national digits and classification, or why it is invalid."""

    national: str | None
    classification: Classification

    @property
    def reason(self) -> Reason | None:
        return self.classification.reason


TAIL = 5  # the last digits of a number of the usual length, which never change how it reads
_HEAD = slice(None, -TAIL)
_MAX_HEADS = 200_000  # bounds the memory of the cache of heads whatever the input
_UNKNOWN: tuple[slice, None] = (slice(0, 0), None)  # a head not read before: no digits, no classification
_WHERE, _WHAT = itemgetter(0), itemgetter(1)

# Characters people put inside a number: spaces of every kind, dots, dashes, brackets, slashes.
_SEPARATORS = " .-()/\u00a0\u2007\u2009\u202f\u2010\u2011\u2012\u2013\u2014\u2212"
_STRIP = str.maketrans("", "", _SEPARATORS)


class NumberingPlan:
    """Classifier built once from the rules; ``plan()`` gives the shared instance."""

    def __init__(self, current: Rules) -> None:
        self.rules = current
        self.country_code = current.country_code
        self.international_prefix = current.international_prefix
        self.e164_prefix = "+" + current.country_code
        self._series = {(series.length, series.prefix): series.type for series in current.series}
        # The lengths numbers starting with a series' prefix may have, counting longer series
        # inside it: numbers starting with 1 have 3, 4 or 6 digits.
        self._lengths_by_prefix = {
            outer.prefix: {inner.length for inner in current.series if inner.prefix.startswith(outer.prefix)}
            for outer in current.series
        }
        longest = max(len(series.prefix) for series in current.series)
        self._prefix_lengths = range(longest, 0, -1)
        self._groups = {
            (rule.length, rule.prefix): _slicer(rule.groups)
            for rule in current.display
            if len(rule.groups) > 1
        }
        self._display_prefixes = range(max(len(rule.prefix) for rule in current.display), -1, -1)
        # Everything a classification holds depends only on the length and these leading digits.
        self._key_digits = max(
            longest,
            *(len(area.prefix) for area in current.areas),
            *(len(rule.prefix) for rule in current.display),
        )
        self._cache: dict[tuple[int, str], Classification] = {}
        self._foreign_by_code: dict[str, Classification] = {}  # at most 1,000: digits only
        # Head of a written number (all but its last TAIL characters) -> where its national
        # digits start, and their classification.
        self._heads: dict[str, tuple[slice, Classification]] = {}
        if self._key_digits > current.number_length - TAIL:
            raise ValueError("classifications must depend on digits before the last five only")

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
        return invalid(self._invalid_reason(national))

    def _of_type(self, kind: str, national: str) -> Classification:
        number_type = self.rules.types[kind]
        return Classification(
            kind,
            number_type.portable,
            area=self.rules.area_for(national) if kind == "geographic" else None,
            reason=None if number_type.portable else reason(f"not_portable.{kind}"),
            virtual_caller_id=number_type.virtual_caller_id,
            groups=self._groups_for(national),
            e164_prefix=self.e164_prefix,
        )

    def _groups_for(self, national: str) -> Callable[[str], tuple[str, ...]] | None:
        length = len(national)
        for size in self._display_prefixes:
            groups = self._groups.get((length, national[:size]))
            if groups is not None:
                return groups
        return None

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

    def parse(self, written: str) -> ParsedNumber:
        """Read one written number (no ranges) in any common form."""
        national, classification = self.read(written.strip())
        return ParsedNumber(national, classification)

    def _read_known(self, compacted: Sequence[str]) -> tuple[list[str], list[Classification | None]]:
        """``read_many`` without reading anything new: ``""`` and ``None`` where the head is new
        or the tail is not ASCII digits."""
        heads: Iterator[str] = map(getitem, compacted, repeat(_HEAD))
        found = cast(
            "list[tuple[slice, Classification | None]]", list(map(self._heads.get, heads, repeat(_UNKNOWN)))
        )
        nationals: list[str] = list(map(getitem, compacted, map(_WHERE, found)))
        classifications: list[Classification | None] = list(map(_WHAT, found))
        # A known head ends in national digits, so a national number is digits when its tail is:
        # one test of all of them together usually settles it (as bytes: ten times faster).
        together = "".join(nationals)
        if not (together.isascii() and (together.encode().isdigit() or not together)):
            for index, national in enumerate(nationals):
                if national and not _ascii_digits(national):
                    nationals[index], classifications[index] = "", None
        return nationals, classifications

    def read_many(self, compacted: Sequence[str]) -> tuple[list[str], list[Classification | None], list[int]]:
        """Read, all at once, the compacted numbers written like one read before (see
        ``read_compact``): their national digits and classifications, ``""`` and ``None`` for
        the others, and the indexes of the others, which the caller reads one by one.

        A fresh process meets every form for the first time: one number of each new head that
        comes more than once is read first, so that each is read once, not once per number.
        """
        nationals, classifications = self._read_known(compacted)
        unknown = list(compress(count(), map(not_, nationals)))
        if unknown and self._learn(list(map(compacted.__getitem__, unknown))):
            nationals, classifications = self._read_known(compacted)
            unknown = list(compress(count(), map(not_, nationals)))
        return nationals, classifications, unknown

    def _learn(self, compacted: list[str]) -> bool:
        """Read one number of each new head that comes more than once among these; ``False``
        when a head comes less than twice on average, as then there is little to gain."""
        heads = list(map(getitem, compacted, repeat(_HEAD)))
        times = Counter(heads)
        if len(times) * 2 > len(heads):
            return False
        longest = self.rules.limits.max_number_characters
        for head, digits in dict(zip(heads, compacted, strict=True)).items():
            if times[head] > 1 and len(digits) <= longest:
                self.read_compact(digits)
        return True

    def read(self, text: str) -> tuple[str | None, Classification]:
        """``parse`` for text already stripped, without building a ``ParsedNumber``."""
        return self.read_compact(compact(text))

    def read_compact(self, digits: str) -> tuple[str | None, Classification]:
        """Read a number whose usual separators are already gone (see ``compact``).

        This is the hot path for a list of 100,000 numbers. How a written number reads
        depends only on how it is written up to its last five digits (``+4721 2``, ``47212``,
        ``212``: the prefix, length and leading digits), so valid numbers of the usual length
        are remembered by that head and the rest of a list reads with one look-up each.
        """
        hit = self._heads.get(digits[_HEAD])
        if hit is not None and _ascii_digits(digits[-TAIL:]):
            return digits[hit[0]], hit[1]
        national, classification = self._read_compact(digits)
        if (
            national is not None
            and len(national) == self.rules.number_length
            and classification.type != INVALID
            and digits.endswith(national)
            and len(self._heads) < _MAX_HEADS
        ):
            self._heads[digits[:-TAIL]] = (slice(len(digits) - len(national), None), classification)
        return national, classification

    def _read_compact(self, digits: str) -> tuple[str | None, Classification]:
        if digits.isdigit() and digits.isascii():
            if not digits.startswith(self.international_prefix):
                found = self._cache.get((len(digits), digits[: self._key_digits]))
                if found is not None and found.type != INVALID:
                    return digits, found
                return self._domestic(digits)
            digits = digits[len(self.international_prefix) :]
        elif digits[:1] == "+" and digits[1:].isdigit() and digits.isascii():
            digits = digits[1:]
        elif digits[:4].lower() == "tel:":
            return self.read_compact(digits[4:])
        else:
            rest = digits.translate(_STRIP)  # unusual spaces and dashes, slashes
            return self.read_compact(rest) if rest != digits else (None, _unreadable(digits))
        if not digits.startswith(self.country_code):
            return None, self._foreign(digits)
        national = digits[len(self.country_code) :]
        found = self._cache.get((len(national), national[: self._key_digits]))
        if found is not None and found.type != INVALID:
            return national, found
        return self._without_lead(national, "0")  # a "(0)" after +47 goes with other leading zeros

    def _foreign(self, digits: str) -> Classification:
        """An international number that is not Norwegian; its country is in its first three digits."""
        found = self._foreign_by_code.get(digits[:3])
        if found is None:
            found = self._foreign_by_code[digits[:3]] = invalid(foreign_reason(digits))
        return found

    def _domestic(self, digits: str) -> tuple[str, Classification]:
        """Digits written without ``+`` or ``00``; they may still carry 47 or a leading 0."""
        national, classification = self._without_lead(digits, self.country_code)
        if classification.type == INVALID:
            return self._without_lead(digits, "0")
        return national, classification

    def _without_lead(self, digits: str, lead: str) -> tuple[str, Classification]:
        """``47 21234567`` and ``021234567`` mean 21234567; ``47123456`` is a mobile number."""
        classification = self.classify(digits)
        if classification.type == INVALID and digits.startswith(lead):
            rest = digits[len(lead) :]
            shorter = self.classify(rest)
            if shorter.type != INVALID:
                return rest, shorter
        return digits, classification


def compact(text: str) -> str:
    """The text without its usual separators: spaces, dashes, brackets and dots.

    Chained ``replace`` calls take a fifth of the time ``translate`` takes; ``read_compact``
    removes rarer separators itself. Line breaks stay, so a whole paste can be compacted at once.
    """
    return text.replace(" ", "").replace("-", "").replace("(", "").replace(")", "").replace(".", "")


def _ascii_digits(text: str) -> bool:
    return text.isdigit() and text.isascii()


def _slicer(groups: tuple[int, ...]) -> Callable[[str], tuple[str, ...]]:
    """An ``itemgetter`` that cuts a string into groups of these sizes: fast and picklable."""
    bounds = [sum(groups[:index]) for index in range(len(groups) + 1)]
    cut = itemgetter(*(slice(start, end) for start, end in pairwise(bounds)))  # two groups or more
    return cast("Callable[[str], tuple[str, ...]]", cut)


def _unreadable(digits: str) -> Classification:
    strange = "".join(dict.fromkeys(char for char in digits if not ("0" <= char <= "9")))
    code = "no_digits" if not any("0" <= char <= "9" for char in digits) else "characters"
    return invalid(reason(code, characters=strange[:10]))


def foreign_reason(digits: str) -> Reason:
    """Why an international number that is not Norwegian is refused, naming its country."""
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE  # only for the rare foreign number

    for size in (1, 2, 3):
        head = digits[:size]
        if head.isdigit() and int(head) in COUNTRY_CODE_TO_REGION_CODE:
            return reason("foreign", calling_code=head)
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
    return classify(national).display(national)


def e164(national: str) -> str:
    return plan().e164_prefix + national
