"""The company details the LOA carries: what the form accepts, and what it says when it does not."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given, settings, strategies as st
from stdnum.no import orgnr

from porting.company.details import (
    FIELDS,
    ORG_NUMBER_LENGTH,
    POSTCODE_LENGTH,
    CompanyDetails,
    FieldProblem,
    check_mapping,
    format_org_number,
    parse_details,
    validate_company,
    validate_org_number,
)
from porting.i18n import LANGUAGES, catalogue, t

TODAY = date(2027, 5, 3)  # a Monday; no test depends on the real date

COMPLETE = CompanyDetails(
    org_number="974 760 673",
    company_name="Fjordlinje Telekom AS",
    address="Dronning Eufemias gate 16",
    postcode="0191",
    city="Oslo",
    signatory_name="Kari Nordmann",
    signatory_title="Daglig leder",
    email="kari.nordmann@fjordlinje.no",
    phone="+47 21 23 45 67",
    current_provider="Telenor Norge AS",
    account_number="KN-100234",
    requested_date=date(2027, 5, 20),
)


def problems_of(details: CompanyDetails) -> dict[str, str]:
    return {problem.field: problem.code for problem in validate_company(details, TODAY)}


def code_for(field: str, value: str) -> str | None:
    return problems_of(replace(COMPLETE, **{field: value})).get(field)


# Organisation numbers


@pytest.mark.parametrize(
    "written",
    [
        "974760673",
        "923609016",
        "988077917",
        "974 760 673",
        " 974 760 673 ",
        "974.760.673",
        "974-760-673",
        "974\u00a0760\u00a0673",
        "974–760–673",
        "９７４７６０６７３",
    ],
)
def test_known_organisation_numbers_are_valid_however_they_are_spaced(written: str) -> None:
    assert validate_org_number(written) is None


@pytest.mark.parametrize("written", ["", "   ", " . - "])
def test_an_empty_organisation_number_is_asked_for(written: str) -> None:
    problem = validate_org_number(written)
    assert problem == FieldProblem("org_number", "company.required.org_number")


def test_letters_in_an_organisation_number_are_named() -> None:
    problem = validate_org_number("NO 974760673 MVA")
    assert problem is not None
    assert problem.code == "company.org_number.characters"
    assert dict(problem.params) == {"characters": "N O M V A"}
    assert "N O M V A" in problem.text("en")


def test_an_invisible_character_in_an_organisation_number_is_shown_by_its_code() -> None:
    problem = validate_org_number("974760673\x00")
    assert problem is not None
    assert dict(problem.params) == {"characters": "U+0000"}


@pytest.mark.parametrize(("written", "digits"), [("97476067", "8"), ("9747606730", "10"), ("1", "1")])
def test_a_number_of_the_wrong_length_says_how_many_digits_were_given(written: str, digits: str) -> None:
    problem = validate_org_number(written)
    assert problem is not None
    assert problem.code == "company.org_number.length"
    assert dict(problem.params) == {"digits": digits, "expected": "9"}
    assert f"this has {digits}" in problem.text("en")


@pytest.mark.parametrize(("written", "first"), [("000000000", "0"), ("123456785", "1"), ("700000028", "7")])
def test_organisation_numbers_start_with_8_or_9_even_with_a_matching_check_digit(
    written: str, first: str
) -> None:
    assert orgnr.is_valid(written), "stdnum accepts these: the first-digit rule is ours"
    problem = validate_org_number(written)
    assert problem is not None
    assert problem.code == "company.org_number.first_digit"
    assert dict(problem.params) == {"first": first}


def test_the_texts_name_the_lengths_and_first_digits_the_code_checks() -> None:
    missing = validate_org_number("")
    first_digit = validate_org_number("700000028")
    postcode = validate_company(replace(COMPLETE, postcode="191"), TODAY)[0]
    assert missing is not None and first_digit is not None
    assert f"({ORG_NUMBER_LENGTH} digits)" in missing.text("en")
    assert f"({ORG_NUMBER_LENGTH} siffer)" in missing.text("nb")
    assert "start with 8 or 9; this starts with 7" in first_digit.text("en")
    assert "begynner med 8 eller 9; dette begynner med 7" in first_digit.text("nb")
    assert f"have {POSTCODE_LENGTH} digits, such as 0191" in postcode.text("en")
    assert f"har {POSTCODE_LENGTH} siffer, som 0191" in postcode.text("nb")


@pytest.mark.parametrize("written", ["974760674", "974706673", "988077971"])
def test_a_mistyped_or_swapped_digit_fails_the_check_digit(written: str) -> None:
    problem = validate_org_number(written)
    assert problem is not None
    assert problem.code == "company.org_number.checksum"


def test_each_kind_of_wrong_organisation_number_has_its_own_message_pointing_to_brreg() -> None:
    wrong = ["", "97476067X", "97476067", "123456785", "974760674"]
    problems = [problem for problem in map(validate_org_number, wrong) if problem is not None]
    assert len({problem.code for problem in problems}) == len(wrong)
    assert all("brreg.no" in problem.text(language) for problem in problems for language in LANGUAGES)


@pytest.mark.parametrize(
    ("written", "formatted"),
    [("974760673", "974 760 673"), (" 974.760.673 ", "974 760 673"), ("988 077 917", "988 077 917")],
)
def test_valid_organisation_numbers_are_written_in_groups_of_three(written: str, formatted: str) -> None:
    assert format_org_number(written) == formatted


@pytest.mark.parametrize("written", ["97476067", "974760674", "123456785", "ABC", ""])
def test_invalid_organisation_numbers_are_left_as_typed(written: str) -> None:
    assert format_org_number(written) == written


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_an_organisation_number_or_has_one_problem(text: str) -> None:
    problem = validate_org_number(text)
    if problem is not None:
        assert problem.field == "org_number"
        assert problem.text("nb")


@given(st.sampled_from("89"), st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_every_number_from_8_or_9_with_its_check_digit_is_accepted(first: str, middle: str) -> None:
    number = next(
        (first + middle + digit for digit in "0123456789" if orgnr.is_valid(first + middle + digit)), None
    )
    if number is not None:  # some stems have no check digit (it would be 10)
        assert validate_org_number(number) is None
        assert format_org_number(number).replace(" ", "") == number


# The other fields


def test_complete_details_have_no_problems() -> None:
    assert validate_company(COMPLETE, TODAY) == ()


def test_every_field_but_the_porting_day_is_required() -> None:
    problems = validate_company(CompanyDetails(), TODAY)
    assert [problem.field for problem in problems] == [field for field in FIELDS if field != "requested_date"]
    assert [problem.code for problem in problems] == [
        f"company.required.{problem.field}" for problem in problems
    ]


def test_a_field_of_only_spaces_is_empty() -> None:
    assert code_for("company_name", "   ") == "company.required.company_name"


@pytest.mark.parametrize(
    "email",
    [
        "kari@fjordlinje.no",
        "kari.nordmann+porting@post.fjordlinje.no",
        "KARI@FJORDLINJE.NO",
        "ola@xn--bl-zia.no",
    ],
)
def test_ordinary_email_addresses_are_accepted(email: str) -> None:
    assert code_for("email", email) is None


@pytest.mark.parametrize(
    "email",
    [
        "kari",
        "kari@fjordlinje",
        "kari@@fjordlinje.no",
        "kari@post@fjordlinje.no",
        "kari nordmann@fjordlinje.no",
        "kari@fjordlinje.no.",
        "kari@.fjordlinje.no",
        "kari@fjordlinje..no",
        "@fjordlinje.no",
        "kari@fjordlinje.no\u200b",
    ],
)
def test_email_addresses_need_one_at_sign_a_dotted_domain_and_no_spaces(email: str) -> None:
    assert code_for("email", email) == "company.email.invalid"


def test_an_email_address_may_have_at_most_254_characters() -> None:
    # Long labels rather than a long local part: RFC 5321 allows at most 64 characters before the @.
    address = "kari@" + "k" * 63 + "." + "f" * 63 + "." + "j" * 63 + "."
    address += "n" * (254 - len(address) - 3) + ".no"
    assert len(address) == 254
    assert code_for("email", address) is None
    problem = validate_company(replace(COMPLETE, email="k" + address), TODAY)[0]
    assert (problem.code, dict(problem.params)) == ("company.too_long", {"limit": "254", "length": "255"})


@pytest.mark.parametrize(
    "email", ["postmaster,kopi@fjordlinje.no", "kari@fjordlinje.no; ola@fjordlinje.no", "kari@a.no,ola@b.no"]
)
def test_an_email_field_holds_one_address_only(email: str) -> None:
    assert code_for("email", email) == "company.email.one_address"


@pytest.mark.parametrize("email", ["kåre@fjordlinje.no", "ørjan.ås@fjordlinje.no", "ΚΑΡΙ@fjordlinje.no"])
def test_letters_beyond_a_to_z_before_the_at_sign_are_refused_saying_why(email: str) -> None:
    assert code_for("email", email) == "company.email.international_local_part"
    assert "æ, ø" in t("company.email.international_local_part")


@pytest.mark.parametrize(
    "email", ["kari@blåbærøya.no", "Kari.Nordmann+porting@Fjordlinje.NO", "post@xn--blbr-roah.no"]
)
def test_plain_addresses_and_international_domains_are_accepted(email: str) -> None:
    assert code_for("email", email) is None


@pytest.mark.parametrize(
    "email", ['"kari nordmann"@fjordlinje.no', "Kari <kari@fjordlinje.no>", "kari@[192.0.2.1]",
              "=?utf-8?q?kari?=@fjordlinje.no"],
)  # fmt: skip
def test_anything_but_one_plain_address_is_refused(email: str) -> None:
    assert code_for("email", email) == "company.email.invalid"


@pytest.mark.parametrize(
    "phone",
    [
        "21 23 45 67",
        "21234567",
        "+47 21 23 45 67",
        "0047 21 23 45 67",
        "(+47) 21-23-45-67",
        "+47 (0) 21 23 45 67",
        "412 34 567",
        "+47 800 12 345",
        "+46 8 123 456 78",
        "0046 8 123 456 78",
        "+1 (202) 555-0143",
        "+354 551 2345",
    ],
)
def test_phone_numbers_in_any_common_form_are_accepted(phone: str) -> None:
    assert code_for("phone", phone) is None


@pytest.mark.parametrize(
    "phone",
    [
        "2123 456",  # 7 digits
        "212 345 678",  # 9 digits
        "12345678",  # no Norwegian series starts with 1 at 8 digits
        "113",  # a short number, not a contact number
        "+47 2123 456",
        "+47 21 23 45 678",
        "+354 123",  # 6 digits with the country code: too short
        "+1234567890123456",  # 16 digits: longer than any international number
        "ring sentralbordet",
        "21 23 45 67 / 22 33 44 55",
    ],
)
def test_phone_numbers_need_8_digits_or_a_plus_and_7_to_15(phone: str) -> None:
    assert code_for("phone", phone) == "company.phone.invalid"


@pytest.mark.parametrize("postcode", ["0191", "9008", " 5003 "])
def test_postcodes_have_four_digits(postcode: str) -> None:
    assert code_for("postcode", postcode) is None


@pytest.mark.parametrize("postcode", ["191", "01911", "O191", "NO-0191", "01 91", "０１９１"])
def test_other_postcodes_are_refused(postcode: str) -> None:
    assert code_for("postcode", postcode) == "company.postcode.invalid"


@pytest.mark.parametrize(
    "field", ["company_name", "address", "city", "signatory_name", "signatory_title", "current_provider"]
)
def test_names_and_free_text_may_have_200_characters_once_trimmed(field: str) -> None:
    assert code_for(field, "  " + "Å" * 200 + "  ") is None
    problem = validate_company(replace(COMPLETE, **{field: "Å" * 201}), TODAY)[0]
    assert problem.field == field
    assert (problem.code, dict(problem.params)) == ("company.too_long", {"limit": "200", "length": "201"})
    assert "201" in problem.text("nb")


@pytest.mark.parametrize(
    "name",
    ["Fjordlinje\nTelekom AS", "Fjordlinje\tTelekom AS", "Fjordlinje\x00", "Fjordlinje\u202eSA mokeleT"],
)
def test_line_breaks_and_control_characters_are_refused(name: str) -> None:
    assert code_for("company_name", name) == "company.control_characters"


def test_the_account_number_is_free_text() -> None:
    assert code_for("account_number", "Kundenr. 100 234 / avd. Oslo") is None


def test_a_requested_porting_day_in_the_past_is_refused() -> None:
    assert problems_of(replace(COMPLETE, requested_date=date(2027, 5, 2))) == {
        "requested_date": "company.requested_date.past"
    }


@pytest.mark.parametrize("day", [None, TODAY, date(2027, 12, 31)])
def test_no_porting_day_today_or_a_later_day_is_accepted(day: date | None) -> None:
    assert validate_company(replace(COMPLETE, requested_date=day), TODAY) == ()


def test_problems_come_one_per_field_in_form_order() -> None:
    details = replace(
        COMPLETE,
        phone="x",
        org_number="974760674",
        email="",
        company_name="A\nB" + "x" * 300,  # both control characters and too long: one problem
        requested_date=date(2020, 1, 1),
    )
    problems = validate_company(details, TODAY)
    assert [(problem.field, problem.code) for problem in problems] == [
        ("org_number", "company.org_number.checksum"),
        ("company_name", "company.control_characters"),
        ("email", "company.required.email"),
        ("phone", "company.phone.invalid"),
        ("requested_date", "company.requested_date.past"),
    ]


# Reading a JSON file


def test_details_are_read_from_a_mapping_like_from_mapping() -> None:
    values = {
        "org_number": " 974 760 673 ",
        "company_name": "Fjordlinje Telekom AS",
        "requested_date": "2027-05-20",
        "email": None,
        "not_a_field": "ignored",
    }
    details, problems = parse_details(values)
    assert problems == ()
    assert details == CompanyDetails.from_mapping(values)
    assert (details.org_number, details.requested_date, details.email) == (
        "974 760 673",
        date(2027, 5, 20),
        "",
    )


@pytest.mark.parametrize("day", [date(2027, 5, 20), datetime(2027, 5, 20, 9, 30)])
def test_a_date_object_is_taken_as_the_porting_day(day: date) -> None:
    details, problems = parse_details({"requested_date": day})
    assert (details.requested_date, problems) == (date(2027, 5, 20), ())


def test_an_empty_porting_day_means_none() -> None:
    assert parse_details({"requested_date": "  "}) == (CompanyDetails(), ())


@pytest.mark.parametrize("written", ["17.05.2027", "2027-02-30", "next monday", 20270517])
def test_a_porting_day_that_is_not_an_iso_date_is_a_problem_not_an_error(written: object) -> None:
    details, problems = parse_details({"requested_date": written, "city": "Oslo"})
    assert details == CompanyDetails(city="Oslo")
    assert [(problem.field, problem.code) for problem in problems] == [
        ("requested_date", "company.requested_date.format")
    ]
    assert dict(problems[0].params) == {"value": str(written)}
    assert str(written) in problems[0].text("nb")


def test_text_fields_given_as_numbers_lists_or_booleans_are_problems() -> None:
    values = {"org_number": 974760673, "postcode": 191, "company_name": ["Fjordlinje"], "email": True}
    details, problems = parse_details(values)
    assert details == CompanyDetails()
    assert [(problem.field, problem.code) for problem in problems] == [
        ("org_number", "company.not_text"),
        ("company_name", "company.not_text"),
        ("postcode", "company.not_text"),
        ("email", "company.not_text"),
    ]


def test_a_value_that_could_not_be_read_says_why_rather_than_that_it_is_missing() -> None:
    values = {field: getattr(COMPLETE, field) for field in FIELDS}
    values |= {"postcode": 191, "requested_date": "20.05.2027"}
    details, problems = check_mapping(values, TODAY)
    assert details == replace(COMPLETE, postcode="", requested_date=None)
    assert [(problem.field, problem.code) for problem in problems] == [
        ("postcode", "company.not_text"),
        ("requested_date", "company.requested_date.format"),
    ]


# Every message, in both languages

EXAMPLES_OF_EVERY_PROBLEM = [
    CompanyDetails(),
    replace(COMPLETE, org_number="97476067A", company_name="A\tB", email="kari", phone="1", postcode="1"),
    replace(COMPLETE, org_number="97476067", company_name="A" * 201, requested_date=date(2000, 1, 1)),
    replace(COMPLETE, org_number="123456785"),
    replace(COMPLETE, org_number="974760674", email="kåre@fjordlinje.no"),
    replace(COMPLETE, email="postmaster,kopi@fjordlinje.no"),
]


def every_problem() -> list[FieldProblem]:
    found = [problem for details in EXAMPLES_OF_EVERY_PROBLEM for problem in validate_company(details, TODAY)]
    return found + list(parse_details({"city": 1, "requested_date": "1. mai"})[1])


def test_the_examples_produce_every_problem_the_catalogue_describes() -> None:
    described = {key for key in catalogue("en") if key.startswith("company.") and ".field." not in key}
    assert {problem.code for problem in every_problem()} == described


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_problem_reads_in_both_languages(language: str) -> None:
    for problem in every_problem():
        text = problem.text(language)
        assert text.strip()
        assert "{" not in text, (problem, text)


def test_every_field_has_a_label_in_both_languages() -> None:
    for language in LANGUAGES:
        assert all(f"company.field.{field}" in catalogue(language) for field in FIELDS)
