"""What a document's text layer states: the invoice date, the organisation number, the company
name and the numbers to port, read for the pre-flight checks however they are written.

>>> find_invoice_date("Fakturadato: 03.11.2026\\nForfallsdato: 17.11.2026")
datetime.date(2026, 11, 3)
>>> mentions_org_number("Org.nr. NO 974 760 673 MVA", "974760673")
True
>>> mentions_company_name("FJORDLINJE\\nTELEKOM A/S", "Fjordlinje Telekom AS")
True
>>> found, missing = numbers_on_document("Tlf +47 21 23 45 67, konto 1221234567899", ["21234567", "22345678"])
>>> sorted(found), sorted(missing)
(['21234567'], ['22345678'])

A range, as the letter and the quote write consecutive numbers, shows every number in it:

>>> found, missing = numbers_on_document("21 23 45 00 – 21 23 45 99", ["21234550", "21234600"])
>>> sorted(found), sorted(missing)
(['21234550'], ['21234600'])

Text read by OCR from a photo or scan is matched ``tolerant``: a letter OCR often reads for a
digit counts as that digit where digits are expected (O and D for 0, l, I and | for 1, S for 5,
B for 8, Z for 2), a comma as a dot between them, and a space may stray around a date's dots.
The text itself is never changed; only the match looks through the confusions.

>>> mentions_org_number("Org.nr. NO 999 99O OO2 MVA", "999990002", tolerant=True)
True
>>> find_invoice_date("Fakturadato: O3.1l .2026", tolerant=True)
datetime.date(2026, 11, 3)
>>> mentions_company_name("Kunde: Fjordl1nje Te1ekom", "Fjordlinje Telekom AS", tolerant=True)
True
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache, lru_cache

from porting.company.details import ORG_NUMBER_LENGTH, compact_org_number
from porting.formatting import month_names
from porting.i18n import LANGUAGES
from porting.rules import rules


def _plain(text: str) -> str:
    """Full-width digits and letters as ASCII, every kind of space as a space, every dash as ``-``."""
    return unicodedata.normalize("NFKC", text).translate(_PLAIN)


_SPACE_AS = {"\t": " ", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " "}  # every kind of space
_SPACES = str.maketrans(_SPACE_AS)
_PLAIN = str.maketrans(
    _SPACE_AS
    | {"\r": "\n", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)

_INVOICE_DATE_LABEL = re.compile(
    r"(?<!\w)(?:faktura[ -]*dato|invoice +date|date +of +invoice) *[:.]? *(?:\n *)?", re.IGNORECASE
)
_DATE_FORMS = tuple(
    re.compile(form + r"(?![0-9])", re.IGNORECASE)
    for form in (
        r"(?P<day>[0-9]{1,2})\.(?P<month>[0-9]{1,2})\.(?P<year>[0-9]{4}|[0-9]{2})",  # 03.11.2026, 3.11.26
        r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})",  # 2026-11-03
        r"(?P<day>[0-9]{1,2})(?:\.|st|nd|rd|th)? +(?P<month>[^\W\d_]{3,})\.?,? +(?P<year>[0-9]{4})",
        r"(?P<month>[^\W\d_]{3,})\.? +(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?,? +(?P<year>[0-9]{4})",
    )
)


def find_invoice_date(text: str, *, tolerant: bool = False) -> date | None:
    """The first valid date labelled as the invoice date (Fakturadato, Invoice date, Date of invoice).

    The date follows its label on the same line or the next: ``03.11.2026``, ``3.11.26``,
    ``2026-11-03``, ``3. november 2026``, ``3 Nov 2026`` or ``November 3, 2026``, with month
    names in Bokmål and English. Due dates (Forfallsdato, Due date) are not invoice dates.

    >>> find_invoice_date("Invoice date\\n3. mars 2027"), find_invoice_date("Fakturadato: 31.02.2027")
    (datetime.date(2027, 3, 3), None)
    """
    return _labelled_date(text, _INVOICE_DATE_LABEL, tolerant=tolerant)


# What a firmaattest calls the day it was printed: Foretaksregisteret's "Utskriftsdato", or an
# issue date in either language.
_CERTIFICATE_DATE_LABEL = re.compile(
    r"(?<!\w)(?:utskrifts?[ -]*dato|utstedt(?:[ -]*dato)?|attest[ -]*dato|date +of +issue|issued(?: +on)?|"
    r"printed(?: +on)?) *[:.]? *(?:\n *)?",
    re.IGNORECASE,
)


def find_certificate_date(text: str, *, tolerant: bool = False) -> date | None:
    """The day a firmaattest was printed or issued, as its label says (Utskriftsdato, Utstedt,
    Attestdato, Date of issue, Issued), written as ``find_invoice_date`` reads dates.

    >>> find_certificate_date("FIRMAATTEST\\nUtskriftsdato: 14.10.2026")
    datetime.date(2026, 10, 14)
    >>> find_certificate_date("Stiftet 01.01.1990") is None
    True
    """
    return _labelled_date(text, _CERTIFICATE_DATE_LABEL, tolerant=tolerant)


def _labelled_date(text: str, labels: re.Pattern[str], *, tolerant: bool = False) -> date | None:
    """The first valid date that follows one of ``labels``, on its line or the next; ``tolerant``
    reads OCR's usual misreadings of digits in it (``_as_date``)."""
    plain = _plain(text)
    for label in labels.finditer(plain):
        written, start = (plain, label.end())
        if tolerant:
            written, start = _as_date(plain[label.end() : label.end() + 40]), 0
        for form in _DATE_FORMS:
            found = form.match(written, start)
            day = _date(**found.groupdict()) if found else None
            if day is not None:
                return day
    return None


# The characters OCR often reads for a digit, as the digit: where digits are expected only.
_AS_DIGIT = str.maketrans("ODQoIl|!SsBZz", "0000111155822")
_DIGITISH = "0-9ODQoIl|!SsBZz"
_LOOKS_NUMERIC = re.compile(rf"(?<![^\W\d_])[{_DIGITISH}]*[0-9][{_DIGITISH}]*(?![^\W\d_])")
_DATE_GAPS = re.compile(r" *([.,/-]) *")


def _as_date(written: str) -> str:
    """The first line of ``written`` as a date would be if OCR had read it right: letters within
    groups of digits as digits, a comma as a dot, no spaces around them."""
    line = written.split("\n", 1)[0]
    line = _LOOKS_NUMERIC.sub(lambda found: found.group().translate(_AS_DIGIT), line)
    return _DATE_GAPS.sub(lambda found: "." if found.group(1) == "," else found.group(1), line)


def _date(day: str, month: str, year: str) -> date | None:
    """The day written as numbers or with a month name; a two-digit year is in this century."""
    number = int(month) if month.isdigit() else _month_number(month)
    try:
        return date(int(year) + (2000 if len(year) == 2 else 0), number or 0, int(day))
    except ValueError:
        return None


@cache
def _month_numbers() -> dict[str, int]:
    """Month names in every language of the catalogue, and every start of them of three letters or
    more that names one month only (``sept``, ``okt``, ``des``)."""
    candidates: dict[str, set[int]] = {}
    for language in LANGUAGES:
        for month, names in enumerate(month_names(language), start=1):
            for written in names:
                name = written.strip(".").casefold()
                for end in range(3, len(name) + 1):
                    candidates.setdefault(name[:end], set()).add(month)
    return {name: months.pop() for name, months in candidates.items() if len(months) == 1}


def _month_number(name: str) -> int | None:
    return _month_numbers().get(name.casefold())


# Digits written as one number: groups of digits joined by at most three spaces, dots, dashes,
# slashes or brackets ("+47 (0) 21 23 45 67"), on one line. A '+' stands for the international
# prefix. A number counts only when it is whole groups of such a run.
_RUN = re.compile(r"\+?[0-9]+(?:[ ./()-]{1,3}\+?[0-9]+)*")
_GROUP = re.compile(r"\+?[0-9]+")
# Read by OCR: groups may hold letters read for digits (a group of letters only is a word and
# ends the run), and a comma may stand for a dot.
_TOLERANT_GROUP = rf"(?<![^\W\d_])\+?[{_DIGITISH}]+(?![^\W\d_])"
_TOLERANT_RUN = re.compile(rf"{_TOLERANT_GROUP}(?:[ .,/()-]{{1,3}}{_TOLERANT_GROUP})*")


def _runs(text: str, tolerant: bool) -> Iterator[list[str]]:
    """Each run of digit groups in ``text``, as its groups of digits."""
    if not tolerant:
        for run in _RUN.finditer(text):
            yield _GROUP.findall(run.group())
        return
    for run in _TOLERANT_RUN.finditer(text):
        groups: list[str] = []
        for group in re.findall(_TOLERANT_GROUP, run.group()):
            if any(character.isdigit() for character in group):
                groups.append(group.translate(_AS_DIGIT))
            elif groups:
                yield groups
                groups = []
        if groups:
            yield groups


@lru_cache(maxsize=4)
def _numbers_written(text: str, tolerant: bool = False) -> frozenset[str]:
    """Every digit string made of whole groups of a run, up to the length of ``0047`` and a number,
    and each without the international prefix and country code when it starts with them."""
    plan = rules()
    prefix = plan.international_prefix + plan.country_code
    longest = len(prefix) + max(plan.number_length, ORG_NUMBER_LENGTH)
    written: set[str] = set()
    for run in _runs(_plain(text), tolerant):
        groups = [group.replace("+", plan.international_prefix) for group in run]
        for start in range(len(groups)):
            digits = ""
            for end in range(start, len(groups)):
                digits += groups[end]
                if len(digits) > longest:
                    break
                written.add(digits)
                if digits.startswith(prefix):
                    written.add(digits[len(prefix) :])
    return frozenset(written)


def numbers_on_document(
    text: str, nationals: Iterable[str], *, tolerant: bool = False
) -> tuple[frozenset[str], frozenset[str]]:
    """Which of the national numbers ``text`` shows, and which it does not: ``(found, missing)``.

    A number may be written in any usual way (``21 23 45 67``, ``212 34 567``, ``+47 21234567``,
    ``0047 21-23-45-67``, ``21.23.45.67``) but not as part of a longer run of digits, such as an
    account number.

    >>> numbers_on_document("Kontonr. 1221234567899", ["21234567"])
    (frozenset(), frozenset({'21234567'}))
    """
    written = _numbers_written(text, tolerant)
    ranges = _ranges_written(text, tolerant)
    wanted = frozenset(nationals)
    found = frozenset(number for number in wanted if number in written or _in_ranges(number, ranges))
    return found, wanted - found


def mentions_org_number(text: str, org_number: str, *, tolerant: bool = False) -> bool:
    """Whether ``text`` shows the organisation number, written in any usual way.

    >>> mentions_org_number("Foretaksnr: 974.760.673", "974 760 673")
    True
    >>> mentions_org_number("Konto 9747606730", "974760673")
    False
    """
    digits = compact_org_number(org_number)
    if len(digits) != ORG_NUMBER_LENGTH or not (digits.isascii() and digits.isdigit()):
        return False
    return digits in _numbers_written(text, tolerant)


# Company forms in Enhetsregisteret (organisasjonsform codes), as a name may end with them or not.
_COMPANY_FORMS = frozenset(
    {"as", "asa", "aksjeselskap", "allmennaksjeselskap", "ans", "da", "enk", "nuf", "sa"}
)
_WORD = re.compile(r"[^\W_]+")


# Read by OCR, a name is compared with the letters OCR confuses with digits (and with each other)
# taken as one: Te1ekom, TeIekom and Telekom are one word.
_AS_LETTER = str.maketrans("015|!8i", "olsllbl")


def _words(text: str, tolerant: bool = False) -> list[str]:
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return [word.translate(_AS_LETTER) for word in words] if tolerant else words


def mentions_company_name(text: str, name: str, *, tolerant: bool = False) -> bool:
    """Whether ``text`` names the company, whatever its case, spacing, punctuation and line breaks,
    with or without its company form (AS, ASA, A/S, Aksjeselskap).

    >>> mentions_company_name("Kunde: BLÅBÆR-SYLTETØY ÆRLIG", "Blåbærsyltetøy Ærlig AS")
    True
    >>> mentions_company_name("Blåbærsyltetøy Ærligheten AS", "Blåbærsyltetøy Ærlig AS")
    False
    """
    words = _words(name, tolerant)
    if words[-2:] == ["a", "s"]:  # A/S
        words = words[:-2]
    elif len(words) > 1 and words[-1] in _COMPANY_FORMS:
        words = words[:-1]
    wanted = "".join(words)
    if not wanted:
        return False
    written = _words(text, tolerant)
    starts, ends, offset = set(), set(), 0
    for word in written:
        starts.add(offset)
        offset += len(word)
        ends.add(offset)
    joined = "".join(written)
    at = joined.find(wanted)
    while at >= 0:
        if at in starts and at + len(wanted) in ends:
            return True
        at = joined.find(wanted, at + 1)
    return False


# A range, as the letter and the quote write consecutive numbers ("21 23 45 00 – 21 23 45 99"):
# an en or em dash between two numbers, or a hyphen with a space on each side (a hyphen between
# digits, "21-23-45-67", is a number's own grouping).
_RANGE_DASH = re.compile(r" *[\u2013\u2014] *| - ")
_GROUPS_BEFORE = re.compile(r"(?:\+?[0-9]+[ .]){0,5}\+?[0-9]+$")
_GROUPS_AFTER = re.compile(r"\+?[0-9]+(?:[ .]\+?[0-9]+){0,5}")
_RANGE_REACH = 40  # characters either side of a dash that may hold its numbers


@lru_cache(maxsize=4)
def _ranges_written(text: str, tolerant: bool = False) -> tuple[tuple[int, int], ...]:
    """The ranges ``text`` writes, as ``(first, last)`` national numbers of the plan's length,
    sorted and merged where they overlap. The numbers either side of a dash are the fewest
    whole groups of digits next to it that make a number (``1–100 21 23 45 00 – ...`` is a
    list's positions, then a range)."""
    plan = rules()
    spaced = unicodedata.normalize("NFKC", text).translate(_SPACES)
    if tolerant:
        spaced = _LOOKS_NUMERIC.sub(lambda found: found.group().translate(_AS_DIGIT), spaced)
    found: list[tuple[int, int]] = []
    for dash in _RANGE_DASH.finditer(spaced):
        before = _GROUPS_BEFORE.search(spaced, max(0, dash.start() - _RANGE_REACH), dash.start())
        after = _GROUPS_AFTER.match(spaced, dash.end(), dash.end() + _RANGE_REACH)
        if before is None or after is None:
            continue
        first = _national(_GROUP.findall(before.group()), plan.number_length, from_end=True)
        groups = _GROUP.findall(after.group())
        if groups and groups[0] in (f"+{plan.country_code}", plan.international_prefix + plan.country_code):
            groups = groups[1:]  # "+47 21 23 45 99": the country code before the range's last number
        last = _national(groups, plan.number_length, from_end=False)
        if first is not None and last is not None and first <= last:
            found.append((first, last))
    merged: list[tuple[int, int]] = []
    for first, last in sorted(found):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)



def _national(groups: list[str], length: int, *, from_end: bool) -> int | None:
    """The number of ``length`` digits that the fewest groups next to the dash make: the last
    groups of ``groups`` (``from_end``) or the first."""
    for count in range(1, len(groups) + 1):
        taken = groups[-count:] if from_end else groups[:count]
        digits = "".join(taken)
        if "+" in digits:
            return None  # an international prefix stands before a whole number, never inside one
        if len(digits) == length:
            return int(digits)
        if len(digits) > length:
            return None
    return None


def _in_ranges(national: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    if not ranges or len(national) != rules().number_length or not national.isdecimal():
        return False
    number = int(national)
    at = bisect_right(ranges, (number, float("inf"))) - 1
    return at >= 0 and ranges[at][0] <= number <= ranges[at][1]
