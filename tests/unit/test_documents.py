"""The uploaded documents the guide asks for: the signed letter, the latest invoice and the firmaattest."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import date

import document_corpus as corpus
import pytest
from hypothesis import given, strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

from porting.documents.facts import (
    find_invoice_date,
    mentions_company_name,
    mentions_org_number,
    numbers_on_document,
)
from porting.documents.kinds import MAX_BYTES, sniff
from porting.documents.reading import (
    SLOTS,
    UploadedDocument,
    UploadProblem,
    check_upload,
    loa_is_signed,
    upload_limit,
)
from porting.i18n import LANGUAGES, t
from porting.letter.loa import build_loa
from porting.numbers.intake import read_numbers


def accepted(slot: str, name: str, data: bytes) -> UploadedDocument:
    result = check_upload(slot, name, data)
    assert isinstance(result, UploadedDocument), result
    return result


def refused(name: str, data: bytes) -> UploadProblem:
    result = check_upload("invoice", name, data)
    assert isinstance(result, UploadProblem), result
    return result


# --- Uploads that open -----------------------------------------------------------------------


def test_the_slots_are_the_documents_the_guide_requires() -> None:
    assert SLOTS == ("loa", "invoice", "registration")  # read from rules.toml


def test_a_one_page_pdf_is_read_with_its_text() -> None:
    data = corpus.one_page_pdf()
    document = accepted("loa", "LOA.pdf", data)
    assert (document.slot, document.name, document.kind, document.pages) == ("loa", "LOA.pdf", "pdf", 1)
    assert (document.size, document.data) == (len(data), data)
    assert "Fullmakt til nummeroverføring" in document.text
    assert document.form_fields == {}


def test_a_three_page_pdf_counts_its_pages_and_reads_them_all() -> None:
    document = accepted("registration", "attest.pdf", corpus.three_page_pdf())
    assert document.pages == 3
    assert all(f"Side {page} av 3" in document.text for page in (1, 2, 3))


def test_the_invoice_shows_its_date_org_number_company_and_numbers() -> None:
    text = accepted("invoice", "faktura.pdf", corpus.invoice_pdf()).text
    assert find_invoice_date(text) == date(2026, 11, 3)
    assert mentions_org_number(text, corpus.ORG_NUMBER)
    assert mentions_company_name(text, corpus.COMPANY)
    found, missing = numbers_on_document(text, [*corpus.INVOICE_NUMBERS, "29887766"])
    assert found == set(corpus.INVOICE_NUMBERS)
    assert missing == {"29887766"}  # inside the KID, a longer run of digits


def test_the_firmaattest_shows_the_org_number_and_the_company() -> None:
    text = accepted("registration", "firmaattest.pdf", corpus.firmaattest_pdf()).text
    assert mentions_org_number(text, "999990002")
    assert mentions_company_name(text, "Fjordlinje Telekom AS")
    assert not mentions_org_number(text, "974760673")


def test_a_scanned_invoice_without_a_text_layer_is_read_by_ocr() -> None:
    document = accepted("invoice", "skann.pdf", corpus.scanned_invoice_pdf())
    assert (document.kind, document.pages, document.read_by_ocr) == ("pdf", 1, True)
    assert "FAKTURA" in document.text and "Telenor Norge AS" in document.text


def test_a_scan_ocr_reads_nothing_in_has_no_text() -> None:
    document = accepted("invoice", "skann.pdf", corpus.unreadable_scan_pdf())
    assert (document.kind, document.pages, document.text.strip()) == ("pdf", 1, "")
    assert find_invoice_date(document.text) is None


@pytest.mark.parametrize(("make", "kind"), [(corpus.png_image, "png"), (corpus.jpeg_image, "jpeg")])
def test_png_and_jpeg_pictures_are_accepted_as_one_page(make: Callable[[], bytes], kind: str) -> None:
    document = accepted("invoice", f"faktura.{kind}", make())
    assert (document.kind, document.pages, document.form_fields) == (kind, 1, {})


def test_the_content_decides_not_the_name() -> None:
    assert accepted("invoice", "faktura.pdf", corpus.png_image()).kind == "png"
    assert accepted("invoice", "faktura", corpus.invoice_pdf()).kind == "pdf"
    assert accepted("invoice", "../../etc/passwd", corpus.jpeg_image()).kind == "jpeg"


def test_junk_before_the_pdf_header_is_tolerated_as_pdf_readers_do() -> None:
    document = accepted("invoice", "faktura.pdf", b"\r\n" + b"x" * 900 + corpus.invoice_pdf())
    assert find_invoice_date(document.text) == date(2026, 11, 3)


def test_a_pdf_with_only_an_owner_password_opens_for_anyone() -> None:
    document = accepted("invoice", "faktura.pdf", corpus.owner_password_pdf())
    assert mentions_company_name(document.text, corpus.COMPANY)


def test_an_aes_encrypted_pdf_with_only_an_owner_password_opens_too() -> None:
    document = accepted("invoice", "faktura.pdf", corpus.aes_owner_password_pdf())
    assert mentions_company_name(document.text, corpus.COMPANY)


def test_an_unknown_slot_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown document slot"):
        check_upload("passport", "pass.pdf", corpus.one_page_pdf())


# --- Uploads that do not -----------------------------------------------------------------------

BAD_UPLOADS = {
    "empty": ("faktura.pdf", corpus.empty_file, "documents.empty"),
    "oversized": ("faktura.pdf", corpus.oversized_pdf, "documents.too_large"),
    "html_named_pdf": ("faktura.pdf", corpus.html_page, "documents.spoofed"),
    "docx_named_pdf": ("fullmakt.pdf", corpus.docx_file, "documents.spoofed"),
    "gif_named_png": ("faktura.png", corpus.gif_image, "documents.spoofed"),
    "word_file": ("fullmakt.docx", corpus.docx_file, "documents.not_supported"),
    "random_bytes": ("faktura.pdf", corpus.random_bytes, "documents.not_supported"),
    "truncated_pdf": ("faktura.pdf", corpus.truncated_pdf, "documents.corrupt_pdf"),
    "password_pdf": ("faktura.pdf", corpus.password_pdf, "documents.encrypted"),
    "zero_pages": ("faktura.pdf", corpus.zero_page_pdf, "documents.no_pages"),
    "corrupt_png": ("faktura.png", corpus.corrupt_png, "documents.corrupt_image"),
    "decompression_bomb": ("faktura.png", corpus.bomb_png, "documents.image_too_large"),
}


@pytest.mark.parametrize(("name", "make", "code"), BAD_UPLOADS.values(), ids=BAD_UPLOADS.keys())
def test_each_bad_upload_gets_its_own_problem(name: str, make: Callable[[], bytes], code: str) -> None:
    assert refused(name, make()).code == code


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "make", "code"), BAD_UPLOADS.values(), ids=BAD_UPLOADS.keys())
def test_each_problem_reads_in_both_languages(
    name: str, make: Callable[[], bytes], code: str, language: str
) -> None:
    text = refused(name, make()).text(language)
    assert len(text) > 40
    assert "{" not in text and "documents." not in text


def test_the_upload_help_names_the_limit_the_check_applies() -> None:
    assert MAX_BYTES == 10 * 1024 * 1024
    assert upload_limit("en") == upload_limit("nb") == "10 MB"
    assert "at most 10 MB." in t("uploads.upload_help", "en", limit=upload_limit("en"))
    assert "høyst 10 MB." in t("uploads.upload_help", "nb", limit=upload_limit("nb"))


def test_a_file_over_the_limit_says_its_size_and_the_limit() -> None:
    problem = refused("faktura.pdf", corpus.oversized_pdf())
    assert dict(problem.params) == {"size": str(MAX_BYTES + 1), "limit": str(MAX_BYTES)}
    assert "10.1 MB; the limit is 10.0 MB" in problem.text("en")
    assert "10,1 MB; grensen er 10,0 MB" in problem.text("nb")


def test_a_forged_file_is_named_with_what_it_really_is() -> None:
    problem = refused("Faktura november.PDF", corpus.html_page())
    assert dict(problem.params) == {"name": "Faktura november.PDF", "claimed": "PDF", "content": "html"}
    assert "web page (HTML)" in problem.text("en")
    assert "nettside (HTML)" in problem.text("nb")
    assert "Word or Excel" in refused("fullmakt.pdf", corpus.docx_file()).text("en")


def test_a_forged_file_name_is_shown_without_folders_or_control_characters() -> None:
    problem = refused("C:\\Users\\kari\\faktura\x07.pdf", corpus.html_page())
    assert dict(problem.params)["name"] == "faktura.pdf"


def test_unknown_content_is_not_supported_whatever_its_name() -> None:
    assert sniff(corpus.random_bytes()) == "unknown"
    assert "none of these formats" in refused("faktura.pdf", corpus.random_bytes()).text("en")


def test_a_picture_pillow_only_warns_about_is_refused_too() -> None:
    with pytest.warns(Warning, match="decompression bomb"):
        problem = refused("faktura.png", corpus.bomb_png(10_000, 10_000))
    assert problem.code == "documents.image_too_large"
    assert "89 megapixels" in problem.text("en")


# --- The invoice date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Fakturadato: 03.11.2026",
        "Faktura dato 3.11.2026",
        "Faktura-dato: 03.11.26",
        "FAKTURADATO\n03.11.2026",
        "Fakturadato:\n  3. november 2026",
        "Fakturadato 3. nov. 2026",
        "Invoice date: 2026-11-03",
        "Invoice Date\t3 November 2026",
        "Invoice date: November 3, 2026",
        "Date of invoice: 3rd Nov 2026",
        "Fakturadato：０３.１１.２０２６",
    ],
)
def test_the_invoice_date_is_read_in_every_usual_form(text: str) -> None:
    assert find_invoice_date(f"Faktura 4711\nKunde: Fjordlinje Telekom AS\n{text}\nSum 199,00") == date(
        2026, 11, 3
    )


def test_the_invoice_date_is_read_with_bokmal_month_names() -> None:
    assert find_invoice_date("Fakturadato: 3. mars 2027") == date(2027, 3, 3)
    assert find_invoice_date("Fakturadato: 17. mai 2027") == date(2027, 5, 17)
    assert find_invoice_date("Fakturadato: 1. desember 2026") == date(2026, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Forfallsdato: 17.11.2026",
        "Due date: 2026-11-17",
        "Invoice due date: 17.11.2026",
        "Betalingsfrist 17.11.2026",
        "03.11.2026",
    ],
)
def test_due_dates_and_unlabelled_dates_are_not_the_invoice_date(text: str) -> None:
    assert find_invoice_date(text) is None


def test_the_invoice_date_is_found_beside_the_due_date_in_either_order() -> None:
    assert find_invoice_date("Forfallsdato: 17.11.2026\nFakturadato: 03.11.2026") == date(2026, 11, 3)
    assert find_invoice_date("Due date 2026-11-17 Invoice date 2026-11-03") == date(2026, 11, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Fakturadato: 31.02.2027",
        "Fakturadato: 03.13.2026",
        "Fakturadato: 3. smarch 2026",
        "Invoice date: TBA",
    ],
)
def test_an_invalid_invoice_date_is_no_date(text: str) -> None:
    assert find_invoice_date(text) is None


# --- The organisation number and the company name ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "974 760 673",
        "974760673",
        "NO 974 760 673 MVA",
        "Org.nr. 974.760.673",
        "Org.nr: NO974760673MVA",
        "Organisasjonsnummer 974\u00a0760\u00a0673",
        "Foretaksregisteret: 974-760-673",
    ],
)
def test_the_org_number_is_found_in_any_usual_spacing(text: str) -> None:
    assert mentions_org_number(f"Kunde\n{text}\nSum", "974760673")
    assert mentions_org_number(text, "974 760 673")


@pytest.mark.parametrize("text", ["1974760673", "9747606731", "974 760 674", "Konto 97476067312", ""])
def test_the_org_number_is_not_found_inside_other_digits(text: str) -> None:
    assert not mentions_org_number(text, "974760673")


def test_an_org_number_that_is_no_org_number_is_never_found() -> None:
    assert not mentions_org_number("12345678 123", "12345678")
    assert not mentions_org_number("", "")


@pytest.mark.parametrize(
    "text",
    [
        "Fjordlinje Telekom AS",
        "FJORDLINJE TELEKOM AS",
        "Fjordlinje  Telekom",
        "Kunde: Fjordlinje\nTelekom A/S",
        "Fjordlinje-Telekom AS.",
        "fjordlinje telekom aksjeselskap",
        "Faktura til Fjord linje Telekom, Bergen",
    ],
)
def test_the_company_name_is_found_whatever_its_case_spacing_and_company_form(text: str) -> None:
    assert mentions_company_name(text, "Fjordlinje Telekom AS")
    assert mentions_company_name(text, "Fjordlinje Telekom A/S")
    assert mentions_company_name(text, "Fjordlinje Telekom")


def test_norwegian_letters_in_a_company_name_count() -> None:
    assert mentions_company_name("BLÅBÆRSYLTETØY ÆRLIG AS", "Blåbærsyltetøy Ærlig AS")
    assert not mentions_company_name("Blabaersyltetoy Aerlig AS", "Blåbærsyltetøy Ærlig AS")


@pytest.mark.parametrize(
    "text",
    ["Fjordlinje Telekommunikasjon AS", "Nordlinje Telekom AS", "Fjordlinje", "Storfjordlinje Telekom"],
)
def test_another_company_name_does_not_count(text: str) -> None:
    assert not mentions_company_name(text, "Fjordlinje Telekom AS")


def test_an_empty_company_name_is_never_found() -> None:
    assert not mentions_company_name("Fjordlinje Telekom AS", "")
    assert not mentions_company_name("Fjordlinje Telekom AS", " / ")


# --- The numbers on the invoice ----------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "21 23 45 67",
        "212 34 567",
        "21234567",
        "+47 21 23 45 67",
        "+4721234567",
        "0047 21234567",
        "+47 (0) 21 23 45 67",
        "21-23-45-67",
        "21.23.45.67",
        "21 23 45 67",
        "２１２３４５６７",
    ],
)
def test_a_number_is_found_however_it_is_written(written: str) -> None:
    found, missing = numbers_on_document(f"Tlf.\t{written}\tBedrift Fast 199,00", ["21234567"])
    assert (found, missing) == ({"21234567"}, set())


@pytest.mark.parametrize(
    "text", ["Kontonr. 1221234567899", "KID 212345670", "Ref 921234567", "Sum 121234567,00 kr", "21 23 45 6"]
)
def test_a_number_inside_a_longer_run_of_digits_does_not_count(text: str) -> None:
    assert numbers_on_document(text, ["21234567"]) == (frozenset(), frozenset({"21234567"}))


def test_numbers_side_by_side_are_each_found() -> None:
    text = "21 23 45 67\t22 33 44 55\n80012345, 85012345"
    found, missing = numbers_on_document(text, ["21234567", "22334455", "80012345", "85012345", "23456799"])
    assert found == {"21234567", "22334455", "80012345", "85012345"}
    assert missing == {"23456799"}


def test_numbers_on_a_long_invoice(capsys: pytest.CaptureFixture[str]) -> None:
    """10,000 numbers on 10,000 lines in five ways of writing them; the time is printed, not judged."""
    nationals = [str(21_000_000 + 317 * index) for index in range(10_000)]
    forms = (
        lambda n: f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}",
        lambda n: f"+47 {n}",
        lambda n: f"{n[:3]} {n[3:5]} {n[5:]}",
        lambda n: n,
        lambda n: f"0047 {n[:2]}-{n[2:4]}-{n[4:6]}-{n[6:]}",
    )
    text = "\n".join(
        f"{forms[index % 5](number)}\tBedrift Fast\t199,00 kr\t1503.12.{index:05d}"
        for index, number in enumerate(nationals)
    )
    started = time.perf_counter()
    found, missing = numbers_on_document(text, [*nationals, "29887766"])
    elapsed = time.perf_counter() - started
    assert (len(found), missing) == (10_000, {"29887766"})
    with capsys.disabled():
        print(f"\nnumbers_on_document: 10,000 numbers on {len(text):,} characters in {elapsed:.3f} s")


@given(st.text(), st.text(max_size=30), st.lists(st.text(max_size=12), max_size=5))
def test_the_text_helpers_never_raise(text: str, other: str, numbers: list[str]) -> None:
    found_date = find_invoice_date(text)
    assert found_date is None or isinstance(found_date, date)
    assert isinstance(mentions_org_number(text, other), bool)
    assert isinstance(mentions_company_name(text, other), bool)
    found, missing = numbers_on_document(text, numbers)
    assert found | missing == set(numbers) and not found & missing


@given(st.binary(max_size=2000), st.sampled_from([b"", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"]))
def test_any_bytes_give_a_document_or_a_problem(data: bytes, start: bytes) -> None:
    result = check_upload("invoice", "faktura.pdf", start + data)
    assert isinstance(result, UploadedDocument | UploadProblem)


# --- The signed letter -----------------------------------------------------------------------

LOA_DETAILS = corpus.DETAILS


@pytest.fixture(scope="module")
def letter() -> bytes:
    return build_loa(LOA_DETAILS, read_numbers("21 23 45 67\n800 12 345").rows, today=date(2027, 3, 1))


def signed(letter: bytes, values: dict[str, str]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter)))
    writer.update_page_form_field_values(None, values, auto_regenerate=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_our_letter_is_accepted_and_shows_what_it_authorizes(letter: bytes) -> None:
    document = accepted("loa", "LOA-974760673-2027-03-01.pdf", letter)
    assert {"signature", "name", "title", "place", "date"} <= document.form_fields.keys()
    assert mentions_org_number(document.text, LOA_DETAILS.org_number)
    assert mentions_company_name(document.text, LOA_DETAILS.company_name)
    assert numbers_on_document(document.text, ["21234567", "80012345"])[1] == set()


def test_our_letter_is_not_signed_until_its_signature_field_is_filled(letter: bytes) -> None:
    assert loa_is_signed(accepted("loa", "LOA.pdf", letter)) is False
    assert loa_is_signed(accepted("loa", "LOA.pdf", signed(letter, {"signature": "Kari Nordmann"}))) is True


def test_a_name_and_date_without_a_signature_is_not_signed(letter: bytes) -> None:
    filled = signed(letter, {"name": "KARI NORDMANN", "date": "1. mars 2027", "place": "Bergen"})
    assert loa_is_signed(accepted("loa", "LOA.pdf", filled)) is False


def test_a_signature_drawn_on_our_letter_counts(letter: bytes) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter)))
    ink = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Ink"),
            NameObject("/Rect"): ArrayObject([FloatObject(value) for value in (100, 100, 200, 130)]),
            NameObject("/InkList"): ArrayObject(
                [ArrayObject([FloatObject(value) for value in (100, 110, 200, 120)])]
            ),
        }
    )
    writer.add_annotation(len(writer.pages) - 1, ink)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert loa_is_signed(accepted("loa", "LOA.pdf", buffer.getvalue())) is True


def test_whether_a_scan_or_another_letter_is_signed_cannot_be_told() -> None:
    assert loa_is_signed(accepted("loa", "LOA.pdf", corpus.scanned_invoice_pdf())) is None
    assert loa_is_signed(accepted("loa", "LOA.pdf", corpus.one_page_pdf())) is None
    assert loa_is_signed(accepted("loa", "LOA.jpg", corpus.jpeg_image())) is None
