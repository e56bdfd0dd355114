"""Our types against phonenumbers' NO metadata: every difference is known and sourced.

phonenumbers lags Nkom's allocations, so where it disagrees with the numbering plan or
the guide, the rules file lists the prefixes with the source that decides.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberType

from porting.numbers.numbering import classify, display
from porting.rules import rules

PN_TYPE_NAMES = {value: name for name, value in vars(PhoneNumberType).items() if name.isupper()}
PREFIXES = [f"{value:03d}" for value in range(1000)]


def pn_type(national: str) -> str:
    return PN_TYPE_NAMES[phonenumbers.number_type(phonenumbers.parse("+47" + national))]


def test_every_difference_from_phonenumbers_is_listed_with_its_source() -> None:
    current = rules()
    found = set()
    for prefix in PREFIXES:
        national = prefix + "12345"
        ours = classify(national).type
        theirs = pn_type(national)
        if theirs not in current.types[ours].pn_types:
            found.add((prefix, ours, theirs))
    listed = {(difference.prefix, difference.ours, difference.pn) for difference in current.pn_differences}
    assert found - listed == set(), "differences from phonenumbers missing from rules.toml [[pn_differences]]"
    assert listed - found == set(), "listed differences that phonenumbers no longer has: remove them"


def test_display_form_matches_phonenumbers_for_every_valid_prefix() -> None:
    mismatches = []
    for prefix in PREFIXES:
        national = prefix + "12345"
        number = phonenumbers.parse("+47" + national)
        if phonenumbers.is_valid_number(number) and classify(national).type != "invalid":
            expected = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            if display(national) != expected:
                mismatches.append((national, display(national), expected))
    assert mismatches == []


def test_five_digit_numbers_display_as_phonenumbers_does() -> None:
    number = phonenumbers.parse("+4702800")
    assert display("02800") == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
