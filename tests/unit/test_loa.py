"""The Letter of Authorization: what it says, read back from the PDF the customer signs."""

from __future__ import annotations

import io
import os
import re
import shutil
import string
import subprocess
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from samples import BLAABAER

from porting.company.details import CompanyDetails
from porting.letter import loa
from porting.letter.loa import LoaError, build_loa, loa_filename, template
from porting.numbers.intake import NumberResult, read_numbers
from porting.rules import rules

TODAY = date(2027, 3, 1)  # a Monday
DETAILS = BLAABAER
# What a customer pastes: local, national and toll-free numbers, mobile numbers, a special-service
# number, an entry that is no number, and a repeat.
PASTED = "\n".join(
    [
        "21 23 45 67",
        "55 12 34 56",
        "800 12 345",
        "850 12 345",
        "41 23 45 67",
        "98 76 54 32",
        "815 12 345",
        "6666666",
        "+47 21 23 45 67",
    ]
)
PORTABLE = ("21 23 45 67", "55 12 34 56", "800 12 345", "850 12 345")
NEVER_ON_THE_LETTER = ("41 23 45 67", "98 76 54 32", "815 12 345", "6666666")
FIELDS = {"signature", "place", "date", "name", "title"}


def rows(text: str) -> tuple[NumberResult, ...]:
    return read_numbers(text).rows


def apart(count: int, first: int = 21234000) -> str:
    """``count`` numbers of which no two follow each other: each stands on its own row."""
    return "\n".join(str(first + 2 * index) for index in range(count))


def read(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in read(pdf).pages]


def text_of(pdf: bytes) -> str:
    return "\n".join(page_texts(pdf))


@pytest.fixture(scope="module")
def letter() -> bytes:
    return build_loa(DETAILS, rows(PASTED), today=TODAY, place="Tromsø")


def test_the_letter_carries_every_detail_of_the_company(letter: bytes) -> None:
    text = text_of(letter)
    for value in (
        DETAILS.company_name,
        "974 760 673",
        DETAILS.address,
        "9008 Tromsø",
        DETAILS.signatory_name,
        DETAILS.signatory_title,
        DETAILS.email,
        DETAILS.phone,
        DETAILS.current_provider,
        DETAILS.account_number,
        rules().brand,
        "torsdag 15. april 2027",
        "Thursday 15 April 2027",
    ):
        assert value in text


def test_every_portable_number_is_listed_once_with_its_type_and_area(letter: bytes) -> None:
    text = text_of(letter)
    for number in PORTABLE:
        assert text.count(number) == 1  # the repeat of 21 23 45 67 is not listed again
    for label in (
        "Geografisk (fastnett) / Geographic (local)",
        "Gratisnummer / Toll-free",
        "Nasjonalt / National",
    ):
        assert label in text
    assert "Hordaland (Bergen)" in text
    assert "4 numre / 4 numbers" in text


def test_mobile_numbers_and_invalid_entries_are_never_on_the_letter(letter: bytes) -> None:
    text = text_of(letter)
    for entry in NEVER_ON_THE_LETTER:
        assert entry not in text
    assert "Mobil" not in text


def test_signature_name_title_place_and_date_are_fillable_fields(letter: bytes) -> None:
    fields = read(letter).get_fields() or {}
    assert set(fields) == FIELDS
    values = {name: field.get("/V") for name, field in fields.items()}
    assert values == {
        "signature": "",
        "place": "Tromsø",
        "date": "01.03.2027",  # numeric: a written-out date does not fit the field
        "name": "KARI ØSTGÅRD",
        "title": "Daglig leder",
    }


def test_place_is_left_for_the_signer_unless_given() -> None:
    fields = read(build_loa(DETAILS, rows("21 23 45 67"), today=TODAY)).get_fields() or {}
    assert fields["place"].get("/V") == ""


def test_a_name_the_form_font_cannot_show_is_printed_and_its_field_left_blank() -> None:
    sami = replace(DETAILS, signatory_name="Niillas Čoahkkeš")
    pdf = build_loa(sami, rows("21 23 45 67"), today=TODAY)
    assert "Niillas Čoahkkeš" in text_of(pdf)
    assert (read(pdf).get_fields() or {})["name"].get("/V") == ""


@pytest.mark.parametrize(
    ("numbers", "pages"),
    [
        ("21 23 45 67", 1),
        (apart(40), 2),
        (apart(1_000), 25),
    ],
    ids=["1 number", "40 numbers", "1,000 numbers"],
)
def test_the_number_table_flows_onto_further_pages_and_every_page_says_which_of_how_many(
    numbers: str, pages: int
) -> None:
    listed = rows(numbers)
    texts = page_texts(build_loa(DETAILS, listed, today=TODAY))
    assert len(texts) == pages
    for number, text in enumerate(texts, 1):
        assert f"Side {number} av {pages} / Page {number} of {pages}" in text
        assert re.search(r"Nr\.\s+No\.\s+Nummer\s+Number", text)  # the header row, on every page
    assert f"{len(listed)}\n{listed[-1].display}" in texts[-1]


@pytest.mark.parametrize("count", range(1, 61, 3))
def test_the_signature_page_carries_the_last_numbers_and_each_page_one_header_row(count: int) -> None:
    listed = rows(apart(count, first=21234500))
    texts = page_texts(build_loa(DETAILS, listed, today=TODAY))
    assert [len(re.findall(r"Nr\.\s+No\.", text)) for text in texts] == [1] * len(texts)
    assert listed[-1].display in texts[-1]
    assert "Underskrift / Signature" in texts[-1]
    listed_lines = [line for text in texts for line in text.splitlines() if line.startswith("21 23 4")]
    assert listed_lines == [row.display for row in listed]


def test_form_fields_sit_on_the_page_with_the_signature_block() -> None:
    reader = read(build_loa(DETAILS, rows(apart(40)), today=TODAY))
    annotated = [
        {annotation.get_object()["/T"] for annotation in page.get("/Annots", [])} for page in reader.pages
    ]
    assert annotated[-1] == FIELDS
    assert all(not names for names in annotated[:-1])
    assert "Navn med blokkbokstaver / Name in block letters" in reader.pages[-1].extract_text()


def test_norwegian_letters_survive_a_round_trip(letter: bytes) -> None:
    text = text_of(letter)
    for word in ("Blåbærsyltetøy Ærlig AS", "Tromsø", "Kari Østgård", "Avgivende tilbyder", "Område"):
        assert word in text


def test_metadata_names_the_letter_and_the_brand(letter: bytes) -> None:
    metadata = read(letter).metadata
    assert metadata is not None
    assert metadata.title == "Fullmakt for nummerportering / Letter of Authorization for number porting"
    assert metadata.author == rules().brand
    assert metadata.subject and DETAILS.current_provider in metadata.subject
    assert metadata.creator
    width, height = read(letter).pages[0].mediabox.upper_right
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4


@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [
        ("nb", "Fullmakt for nummerportering", "Letter of Authorization"),
        ("en", "Letter of Authorization for number porting", "Fullmakt for nummerportering"),
        ("both", "Fullmakt for nummerportering\nLetter of Authorization for number porting", None),
    ],
)
def test_each_language_has_its_title(language: str, present: str, absent: str | None) -> None:
    text = text_of(build_loa(DETAILS, rows("21 23 45 67"), language=language, today=TODAY))
    assert text.startswith(present)
    if absent:
        assert absent not in text


def test_a_letter_in_english_names_types_in_english() -> None:
    text = text_of(build_loa(DETAILS, rows(PASTED), language="en", today=TODAY))
    assert "Toll-free" in text and "Gratisnummer" not in text
    assert "Page 1 of 1" in text and "Side 1" not in text


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        build_loa(DETAILS, rows("21 23 45 67"), language="de", today=TODAY)


@pytest.mark.parametrize("field", template().required)
def test_a_missing_required_detail_is_named(field: str) -> None:
    incomplete = replace(DETAILS, **{field: "  "})
    with pytest.raises(LoaError, match=field) as raised:
        build_loa(incomplete, rows("21 23 45 67"), today=TODAY)
    assert raised.value.fields == (field,)


def test_every_missing_detail_is_named_at_once() -> None:
    with pytest.raises(LoaError) as raised:
        build_loa(CompanyDetails(company_name="Blåbær AS"), rows("21 23 45 67"), today=TODAY)
    assert raised.value.fields == tuple(name for name in template().required if name != "company_name")


def test_details_that_are_not_required_are_left_out_when_empty() -> None:
    bare = replace(DETAILS, phone="", requested_date=None)
    text = text_of(build_loa(bare, rows("21 23 45 67"), today=TODAY))
    assert "Telefon" not in text and "Ønsket porteringsdato" not in text


def test_an_invalid_organisation_number_is_refused() -> None:
    wrong = replace(DETAILS, org_number="974 760 674")
    with pytest.raises(LoaError, match="org_number") as raised:
        build_loa(wrong, rows("21 23 45 67"), today=TODAY)
    assert raised.value.fields == ("org_number",)


def test_a_letter_needs_a_number_that_can_be_ported() -> None:
    with pytest.raises(LoaError, match="at least one number") as raised:
        build_loa(DETAILS, rows("41 23 45 67\n815 12 345"), today=TODAY)
    assert raised.value.fields == ("numbers",)


def placeholders(text: str | tuple[str, ...]) -> list[set[str]]:
    parts = (text,) if isinstance(text, str) else text
    return [{name for _, name, _, _ in string.Formatter().parse(part) if name} for part in parts]


def test_both_languages_of_the_template_have_the_same_keys_and_placeholders() -> None:
    norwegian, english = template().texts["nb"], template().texts["en"]
    assert norwegian.keys() == english.keys()
    assert [key for key in english if placeholders(english[key]) != placeholders(norwegian[key])] == []
    assert template().bilingual == ("nb", "en")
    assert set(template().required) <= {field.name for field in fields(CompanyDetails)}


def test_a_template_whose_languages_differ_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for source in loa.TEMPLATE_DIR.glob("*.toml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    english = tmp_path / "en.toml"
    english.write_text(english.read_text(encoding="utf-8").replace('date = "Date"\n', ""), encoding="utf-8")
    monkeypatch.setattr(loa, "TEMPLATE_DIR", tmp_path)
    template.cache_clear()
    try:
        with pytest.raises(LoaError, match=r"differs from en\.toml in: signature\.date"):
            template()
    finally:
        template.cache_clear()


def test_the_letter_is_named_after_the_organisation_number_and_the_day() -> None:
    assert loa_filename(DETAILS, TODAY) == "LOA-974760673-2027-03-01.pdf"
    spaced = CompanyDetails(org_number=" 974 760 673 ")
    assert loa_filename(spaced, date(2027, 12, 24)) == "LOA-974760673-2027-12-24.pdf"


def test_the_first_page_renders_as_an_image(letter: bytes, tmp_path: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftoppm is missing (install poppler-utils); this test must run in CI")
        pytest.skip("pdftoppm is missing (install poppler-utils)")
    source = tmp_path / "letter.pdf"
    source.write_bytes(letter)
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", str(source), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    (image,) = tmp_path.glob("page*.png")
    assert image.read_bytes().startswith(b"\x89PNG")
    assert image.stat().st_size > 10_000


def test_a_partial_port_puts_the_other_numbers_on_the_letter() -> None:
    letter = build_loa(
        DETAILS, rows("21 23 45 67"), today=TODAY, other_numbers="22 33 44 55: stays\n22 33 44 56: cancel"
    )
    text = "\n".join(page.extract_text() for page in read(letter).pages)
    assert "Other numbers on the account" in text and "Andre numre på kundeforholdet" in text
    assert "22 33 44 55: stays" in text and "22 33 44 56: cancel" in text


def test_a_full_port_says_nothing_about_other_numbers() -> None:
    text = "\n".join(
        page.extract_text() for page in read(build_loa(DETAILS, rows("21 23 45 67"), today=TODAY)).pages
    )
    assert "Other numbers on the account" not in text
