"""The Norwegian numbering plan as the guide and Nkom describe it."""

from __future__ import annotations

import pytest

from porting.numbers.numbering import classify, display, e164, parse_number

SAME_NUMBER_FORMS = [
    "+47 21 23 45 67",
    "0047 21234567",
    "47 21234567",
    "21234567",
    "(+47) 21-23-45-67",
    "+47 212 34 567",
    "+47 (0) 21234567",
    "tel:+4721234567",
    "TEL: +47 21 23 45 67",
    "+4721234567",
    "21.23.45.67",
    "021234567",
    "\u00a021\u00a023\u00a045\u00a067 ",
    "+47 21–23–45–67",
]


@pytest.mark.parametrize("written", SAME_NUMBER_FORMS)
def test_every_common_form_reads_as_the_same_number(written: str) -> None:
    parsed = parse_number(written)
    assert parsed.national == "21234567"
    assert parsed.classification.type == "geographic"


@pytest.mark.parametrize(
    ("national", "kind"),
    [
        ("21234567", "geographic"),
        ("25123456", "geographic"),  # phonenumbers calls 25-30 invalid; Nkom and the guide say fixed line
        ("30123456", "geographic"),
        ("32123456", "geographic"),
        ("50123456", "geographic"),
        ("57123456", "geographic"),
        ("61234567", "geographic"),
        ("79123456", "geographic"),
        ("41234567", "mobile"),
        ("42123456", "mobile"),  # every 4x is mobile, as the guide says
        ("45361234", "mobile"),
        ("49123456", "mobile"),
        ("91234567", "mobile"),
        ("99999999", "mobile"),
        ("85012345", "national"),
        ("85912345", "national"),
        ("80012345", "toll_free"),
        ("80112345", "toll_free"),
        ("81012345", "special_service"),
        ("81512345", "special_service"),
        ("82012345", "premium_rate"),
        ("82912345", "premium_rate"),
        ("88012345", "personal"),
        ("59123456", "m2m"),
        ("581234567890", "m2m"),
        ("02000", "five_digit"),
        ("09999", "five_digit"),
        ("112", "short_number"),
        ("190", "short_number"),
        ("116123", "short_number"),
        ("1800", "short_number"),
        ("1899", "short_number"),
    ],
)
def test_series_have_the_type_of_the_numbering_plan(national: str, kind: str) -> None:
    assert classify(national).type == kind


@pytest.mark.parametrize(
    ("national", "code"),
    [
        ("83012345", "unallocated"),
        ("80212345", "unallocated"),
        ("88112345", "unallocated"),
        ("01234567", "unallocated"),
        ("58123456", "wrong_length"),  # 58 numbers have 12 digits
        ("2123456", "wrong_length"),
        ("212345678", "wrong_length"),
        ("01999", "length"),
        ("1234567890123456", "several_numbers"),
        ("1", "wrong_length"),
    ],
)
def test_numbers_outside_the_plan_are_invalid_with_a_reason(national: str, code: str) -> None:
    classification = classify(national)
    assert classification.type == "invalid"
    assert not classification.portable
    assert classification.reason is not None and classification.reason.code == code


@pytest.mark.parametrize("national", ["21234567", "85012345", "80012345"])
def test_geographic_national_and_toll_free_numbers_are_portable(national: str) -> None:
    classification = classify(national)
    assert classification.portable
    assert classification.reason is None


def test_mobile_numbers_are_offered_virtual_caller_id() -> None:
    classification = classify("91234567")
    assert not classification.portable
    assert classification.virtual_caller_id
    assert classification.reason is not None
    text = classification.reason.text("en")
    assert "cannot be ported to VoIP" in text and "Virtual Caller ID" in text
    assert "virtuell oppringer-ID" in classification.reason.text("nb")


@pytest.mark.parametrize(
    "national", ["81012345", "82012345", "88012345", "59123456", "02800", "112", "116123", "1850"]
)
def test_other_types_send_the_customer_to_the_porting_team(national: str) -> None:
    classification = classify(national)
    assert not classification.portable and not classification.virtual_caller_id
    assert classification.reason is not None
    assert "porting team" in classification.reason.text("en")
    assert "porteringsteamet" in classification.reason.text("nb")


@pytest.mark.parametrize(
    ("national", "area"),
    [
        ("21234567", "Oslo"),
        ("22123456", "Oslo"),
        ("31234567", "Buskerud"),
        ("32123456", "Buskerud and Jan Mayen"),
        ("33123456", "Vestfold"),
        ("35123456", "Telemark"),
        ("37123456", "Aust-Agder"),
        ("38123456", "Vest-Agder"),
        ("55123456", "Hordaland (Bergen)"),
        ("50123456", "South-western counties, including Bergen"),
        ("60123456", "South-eastern counties and Oppland"),
        ("62123456", "Hedmark"),
        ("73123456", "Sør-Trøndelag (Trondheim)"),
        ("79123456", "Svalbard"),  # the longest prefix wins: 79 before 7
    ],
)
def test_geographic_numbers_get_their_area_by_longest_prefix(national: str, area: str) -> None:
    found = classify(national).area
    assert found is not None and found.names["en"] == area


def test_only_geographic_numbers_have_an_area() -> None:
    assert classify("80012345").area is None
    assert classify("41234567").area is None


@pytest.mark.parametrize(
    ("national", "shown"),
    [
        ("21234567", "21 23 45 67"),
        ("41234567", "41 23 45 67"),
        ("80012345", "800 12 345"),
        ("85012345", "850 12 345"),
        ("02800", "02800"),
        ("116123", "116123"),
        ("581234567890", "581234567890"),
    ],
)
def test_display_form_follows_phonenumbers(national: str, shown: str) -> None:
    assert display(national) == shown


def test_wrong_length_names_every_length_the_prefix_allows() -> None:
    reason = classify("1").reason
    assert reason is not None
    assert reason.text("en").startswith("Numbers starting with 1 have 3/4/6 digits; this one has 1.")


def test_e164_has_the_country_code() -> None:
    assert e164("21234567") == "+4721234567"


def test_eight_digit_47_numbers_are_mobile_numbers_not_a_country_code() -> None:
    parsed = parse_number("47123456")
    assert parsed.national == "47123456"
    assert parsed.classification.type == "mobile"


def test_ten_digits_starting_47_drop_the_country_code() -> None:
    assert parse_number("4721234567").national == "21234567"


@pytest.mark.parametrize(
    ("written", "country"), [("+46 8 123 456 78", "Sweden"), ("0045 33 12 34 56", "Denmark")]
)
def test_foreign_numbers_are_invalid_and_name_the_country(written: str, country: str) -> None:
    parsed = parse_number(written)
    assert parsed.national is None
    assert parsed.classification.type == "invalid"
    assert parsed.reason is not None and parsed.reason.code == "foreign"
    assert country in parsed.reason.text("en")


@pytest.mark.parametrize(
    ("written", "code"),
    [("hello", "no_digits"), ("---", "no_digits"), ("2123456x", "characters"), ("21２34567", "characters")],
)
def test_letters_and_symbols_are_invalid_with_a_reason(written: str, code: str) -> None:
    parsed = parse_number(written)
    assert parsed.classification.type == "invalid"
    assert parsed.reason is not None and parsed.reason.code == code
