"""Photos and scans: read with Tesseract OCR, checked as a text layer is, and never passed on a doubt."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import document_corpus as corpus
import pytesseract
import pytest
import scan_corpus
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfgen.canvas import Canvas

from porting import worker
from porting.cli.main import main
from porting.company.details import CompanyDetails
from porting.documents import ocr
from porting.documents.facts import (
    find_invoice_date,
    mentions_company_name,
    mentions_org_number,
    numbers_on_document,
)
from porting.documents.findings import OK, PROBLEM, WARNING, Confirmations, Finding
from porting.documents.preflight import preflight
from porting.documents.reading import OCR_MISSING, OCR_READ, UploadedDocument, check_upload
from porting.letter.loa import BOTH, build_loa
from porting.letter.reference import letter_reference, references_in
from porting.numbers.intake import read_numbers
from porting.wizard.state import PortingRequest

DETAILS = corpus.DETAILS
SUBMISSION_DAY = date(2026, 11, 10)


def upload(slot: str, data: bytes, name: str) -> UploadedDocument:
    result = check_upload(slot, name, data)
    assert isinstance(result, UploadedDocument), result
    return result


def read_by_ocr(slot: str, text: str, sure: str | None = None) -> UploadedDocument:
    """A picture as OCR read it: ``sure`` is the text without the words it was unsure of."""
    return UploadedDocument(
        slot, "scan.jpg", "jpeg", 10, 1, b"jpeg", text, ocr=OCR_READ, sure_text=sure or text
    )


def findings(documents: dict[str, UploadedDocument | None], numbers: str = "21234567") -> dict[str, Finding]:
    found = preflight(
        DETAILS,
        read_numbers(numbers),
        documents,
        invoice_day=None,
        submission_day=SUBMISSION_DAY,
        registry=None,
        confirmations=Confirmations(),
    )
    return {finding.reason: finding for finding in found}


def codes(finding: Finding) -> list[str]:
    return [note.code for note in finding.notes]


# --- Matching what OCR reads --------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["21 23 4S 67", "2l 23 45 67", "2I.23.45.67", "21 23 45 6 7", "+47 21,23,45,67", "2123 4567."],
)
def test_a_number_read_with_the_usual_ocr_confusions_is_found(written: str) -> None:
    found, _ = numbers_on_document(f"Nummer {written} Bedrift Fast", ["21234567"], tolerant=True)
    assert found == {"21234567"}


def test_the_confusions_are_looked_through_only_in_ocr_text_and_only_where_digits_are() -> None:
    assert (
        numbers_on_document("21 23 4S 67", ["21234567"])[0] == frozenset()
    )  # a text layer says what it says
    assert not numbers_on_document("Bedrift Sol 1234567", ["51234567"], tolerant=True)[
        0
    ]  # a word stays a word
    assert not mentions_org_number("Konto 9999900020", "999990002", tolerant=True)  # nor part of a longer run


def test_the_org_number_name_and_date_are_found_through_ocr_confusions() -> None:
    assert mentions_org_number("Org.nr. NO 999 99O OO2 MVA", "999 990 002", tolerant=True)
    assert mentions_org_number("Organisasjonsnummer: 9B9 990 002", "989990002", tolerant=True)
    assert mentions_company_name("Kunde: FJORDL1NJE TELEK0M", "Fjordlinje Telekom AS", tolerant=True)
    assert not mentions_company_name(
        "Kunde: Fjordlinje Telekommunikasjon", "Fjordlinje Telekom AS", tolerant=True
    )
    assert find_invoice_date("Fakturadato: O3.11 .2O26", tolerant=True) == date(2026, 11, 3)
    assert find_invoice_date("Fakturadato: 03,11.2026", tolerant=True) == date(2026, 11, 3)
    assert find_invoice_date("Fakturadato: O3.11 .2O26") is None


# --- Low confidence: a warning that says so, never a pass ---------------------------------------


def test_what_the_checks_rest_on_read_with_low_confidence_is_a_warning_never_ok() -> None:
    text = "Kunde: Fjordlinje Telekom AS\nOrg.nr. 999 990 002\nFakturadato: 03.11.2026\n21 23 45 67 Bedrift"
    sure = "Kunde: Fjordlinje ? AS\nOrg.nr. 999 ? 002\nFakturadato: ?\n21 23 ? 67 Bedrift"
    documents: dict[str, UploadedDocument | None] = {
        "invoice": read_by_ocr("invoice", text, sure),
        "registration": read_by_ocr("registration", text, sure),
    }
    found = findings(documents)
    rows = {row.check: row.state for finding in found.values() for row in finding.rows}
    assert all(
        rows[check] == WARNING for check in ("invoice_holder", "invoice_numbers", "certificate_company")
    )
    assert (rows["invoice_date"], rows["registration"]) == (WARNING, WARNING)
    assert codes(found["missing_registration"]) == ["preflight.registration.unsure"]
    assert set(codes(found["mismatched_info"])) >= {
        "preflight.mismatched.company_name_unsure",
        "preflight.mismatched.org_number_unsure",
        "preflight.mismatched.numbers_unsure.one",
    }
    assert "low confidence" in found["outdated_invoice"].notes[0].text("en")
    assert "lav sikkerhet" in found["mismatched_info"].notes[1].text("nb")


def test_a_letter_whose_numbers_ocr_was_unsure_of_is_a_warning_never_ok() -> None:
    text = "FULLMAKT\nOrg.nr. 999 990 002\n21 23 45 67"
    letter = read_by_ocr("loa", text, "FULLMAKT\nOrg.nr. 999 ? 002\n21 23 ? 67")
    found = findings({"loa": letter})
    assert set(codes(found["mismatched_info"])) >= {
        "preflight.mismatched.org_number_unsure",
        "preflight.mismatched.loa_numbers_unsure.one",
    }
    rows = {row.check: row.state for finding in found.values() for row in finding.rows}
    assert rows["loa"] == WARNING
    surely = findings({"loa": read_by_ocr("loa", text)})  # the same words read surely: nothing unsure
    assert not [code for code in codes(surely["mismatched_info"]) if "unsure" in code]


def test_what_ocr_read_surely_passes_as_a_text_layer_does() -> None:
    text = "Kunde: Fjordlinje Telekom AS\nOrg.nr. 999 99O 002\nFakturadato: 03.11 .2026\n2l 23 45 67 Bedrift"
    documents: dict[str, UploadedDocument | None] = {
        "invoice": read_by_ocr("invoice", text),
        "registration": read_by_ocr("registration", text),
    }
    found = findings(documents)
    assert found["missing_registration"].status == OK
    assert found["outdated_invoice"].status == OK
    rows = {row.check: row.state for row in found["mismatched_info"].rows}
    assert (rows["invoice_holder"], rows["invoice_numbers"], rows["certificate_company"]) == (OK, OK, OK)


def test_a_number_ocr_did_not_read_at_all_is_still_a_problem() -> None:
    found = findings({"invoice": read_by_ocr("invoice", "Fjordlinje Telekom AS 999 990 002 22 33 44 55")})
    assert found["mismatched_info"].status == PROBLEM
    assert "preflight.mismatched.numbers.one" in codes(found["mismatched_info"])


def test_a_date_read_with_low_confidence_is_not_taken_as_the_invoice_date() -> None:
    request = PortingRequest()
    request.keep_document(read_by_ocr("invoice", "Fakturadato: 03.11.2026", "Fakturadato: ?"))
    assert request.invoice_day is None  # asked for, and the pre-flight says why
    request.keep_document(replace(read_by_ocr("invoice", "Fakturadato: O3.11.2026"), data=b"another jpeg"))
    assert request.invoice_day == date(2026, 11, 3)


# --- Without Tesseract --------------------------------------------------------------------------


@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")


@pytest.mark.usefixtures("no_tesseract")
def test_without_tesseract_a_picture_is_kept_and_the_checks_say_they_need_it() -> None:
    assert not ocr.tesseract_installed()
    invoice = upload("invoice", corpus.png_image(), "faktura.png")
    certificate = upload("registration", corpus.scanned_invoice_pdf(), "firmaattest.pdf")
    assert (invoice.ocr, certificate.ocr, invoice.text, certificate.text) == (
        OCR_MISSING,
        OCR_MISSING,
        "",
        "",
    )
    found = findings({"invoice": invoice, "registration": certificate})
    assert codes(found["outdated_invoice"]) == ["preflight.invoice.date_no_ocr"]
    assert codes(found["missing_registration"]) == ["preflight.registration.no_ocr"]
    assert set(codes(found["mismatched_info"])) == {
        "preflight.mismatched.loa_missing",
        "preflight.mismatched.no_ocr.invoice",
        "preflight.mismatched.no_ocr.registration",
    }
    assert all(found[reason].status == WARNING for reason in ("outdated_invoice", "missing_registration"))
    assert "Tesseract is not installed" in found["outdated_invoice"].notes[0].text("en")
    assert "Tesseract er ikke installert" in found["missing_registration"].notes[0].text("nb")


def test_a_text_layer_needs_no_tesseract(no_tesseract: None) -> None:
    assert upload("invoice", corpus.invoice_pdf(), "faktura.pdf").ocr == ""


# --- Reading pictures ---------------------------------------------------------------------------


def lines_picture(degrees: float) -> Image.Image:
    font = ImageFont.load_default(size=28)
    image = Image.new("L", (1200, 700), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(corpus.FIRMAATTEST_LINES):
        draw.text((60, 60 + 70 * index), line, fill=0, font=font)
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


@pytest.mark.parametrize("degrees", [-3.0, 2.5])
def test_a_page_that_leans_a_few_degrees_is_turned_straight(degrees: float) -> None:
    assert ocr.skew_angle(lines_picture(degrees)) == pytest.approx(-degrees, abs=0.6)
    assert ocr.skew_angle(lines_picture(0)) == 0


@pytest.mark.parametrize("turn", [90, 180])
def test_a_page_photographed_sideways_or_upside_down_is_read_the_right_way_up(turn: int) -> None:
    scan = scan_corpus.case("invoice-04")
    with Image.open(io.BytesIO(scan.data())) as picture:
        turned = corpus.image_bytes("PNG", picture.rotate(turn, expand=True))
    read = ocr.read_picture(turned, 20)
    assert read is not None and mentions_org_number(read.sure, scan.org_number, tolerant=True)
    assert find_invoice_date(read.sure, tolerant=True) == scan.invoice_day


def test_ocr_stops_when_its_time_is_up() -> None:
    assert ocr.read_picture(corpus.image_bytes("PNG", lines_picture(0)), 0.05) is None


def test_a_page_metres_wide_is_read_at_a_size_the_worker_can_hold() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(14_400, 14_400))  # 5 m square: 60,000 pixels a side at 300 dpi
    canvas.drawString(100, 14_000, "Fakturadato: 03.11.2026")
    canvas.showPage()
    canvas.save()
    read = ocr.read_scanned_pdf(buffer.getvalue(), 20)
    assert read is not None  # read, at most 4,000 pixels a side, rather than 3.6 gigapixels


def test_a_photographed_firmaattest_is_read_and_its_words_rated() -> None:
    read = ocr.read_picture(corpus.image_bytes("JPEG", lines_picture(2.0)), 20)
    assert read is not None
    assert mentions_org_number(read.sure, corpus.ORG_NUMBER, tolerant=True)
    assert mentions_company_name(read.text, corpus.COMPANY, tolerant=True)


@pytest.mark.parametrize("name", scan_corpus.SUBSET)
def test_the_checks_read_scans_and_photos_of_the_corpus(name: str) -> None:
    scan = scan_corpus.case(name)
    document = upload(scan.kind, scan.data(), f"{name}.{scan.image_format.lower()}")
    assert document.read_by_ocr
    details = CompanyDetails(org_number=scan.org_number, company_name=scan.company)
    found = {
        finding.reason: finding
        for finding in preflight(
            details,
            read_numbers("\n".join(scan.numbers)),
            {scan.kind: document},
            invoice_day=None,
            submission_day=(scan.invoice_day or date(2026, 11, 3)) + timedelta(days=10),
            registry=None,
            confirmations=Confirmations(),
        )
    }
    rows = {row.check: row for finding in found.values() for row in finding.rows}
    if scan.kind == "invoice":
        assert find_invoice_date(document.text, tolerant=True) == scan.invoice_day
        checked = ("invoice_holder", "invoice_numbers", "invoice_date")
    else:
        checked = ("registration", "certificate_company")
    assert all(rows[check].state in (OK, WARNING) for check in checked), [rows[check] for check in checked]
    assert not any(
        note.code.endswith(("unreadable.invoice", "unreadable.registration"))
        for row in rows.values()
        for note in row.notes
    )


def test_the_command_line_reads_the_invoice_date_from_a_scan(tmp_path: Path) -> None:
    scan = scan_corpus.case("invoice-00")
    (tmp_path / "details.json").write_text(
        json.dumps({"org_number": scan.org_number, "company_name": scan.company}), encoding="utf-8"
    )
    (tmp_path / "numbers.txt").write_text("\n".join(scan.numbers), encoding="utf-8")
    (tmp_path / "faktura.png").write_bytes(scan.data())
    out = io.StringIO()
    argv = [
        "preflight",
        "--details",
        str(tmp_path / "details.json"),
        "--numbers",
        str(tmp_path / "numbers.txt"),
    ]
    argv += ["--invoice", str(tmp_path / "faktura.png"), "--submit-date", "2026-12-01", "--json"]
    code = main(argv, io.StringIO(""), out)
    outdated = next(record for record in json.loads(out.getvalue()) if record["reason"] == "Outdated invoice")
    assert code == 0
    assert scan.invoice_day is not None and f"{scan.invoice_day:%-d %b %Y}" in outdated["finding"]


def test_a_picture_of_a_letter_is_read_for_its_reference_and_numbers() -> None:
    letter = upload("loa", corpus.png_image(), "fullmakt.png")
    assert letter.read_by_ocr and letter.text.strip()


def test_the_same_picture_is_read_by_ocr_once(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs: list[str] = []
    run = worker.run

    def counted(job: Callable[..., object], *args: object, seconds: float) -> object:
        jobs.append(job.__name__)
        return run(job, *args, seconds=seconds)

    monkeypatch.setattr(worker, "run", counted)
    data = corpus.image_bytes("PNG", lines_picture(1.5))
    first, again = upload("registration", data, "a.png"), upload("registration", data, "b.png")
    assert first.read_by_ocr and first.text == again.text
    assert jobs.count("read_picture") == 1  # a page run again, or a draft restored, reads it from memory


@pytest.mark.parametrize("mode", ["I;16", "1", "RGBA", "CMYK", "P", "LA"])
def test_a_picture_in_any_mode_pillow_opens_is_read_or_left_unread_never_a_traceback(mode: str) -> None:
    picture = lines_picture(0).convert("RGB" if mode == "CMYK" else "L")
    picture = picture.convert(mode) if mode != "I;16" else picture.convert("I").convert("I;16")
    kind = "JPEG" if mode == "CMYK" else "PNG"
    document = upload("registration", corpus.image_bytes(kind, picture), f"firmaattest.{kind.lower()}")
    assert document.kind == kind.lower() and isinstance(document.text, str)


# --- Whether a photographed letter is signed -------------------------------------------------


def our_letter() -> bytes:
    rows = read_numbers("21234567").rows
    return build_loa(DETAILS, rows, language=BOTH, today=SUBMISSION_DAY, place="Oslo")


def test_a_photo_of_our_letter_left_unsigned_is_a_problem_and_known_as_ours_at_150_dpi() -> None:
    letter = upload("loa", corpus.letter_photo(our_letter(), signed=False, dpi=150), "fullmakt.jpg")
    assert letter.read_by_ocr and letter.scan_signed is False
    assert codes(findings({"loa": letter})["mismatched_info"]) == ["preflight.mismatched.loa_unsigned"]
    ours = letter_reference(DETAILS.org_number, {"21234567"})
    assert references_in(letter.text) == (ours,)  # its reference read back from a 150 dpi photo


def test_a_photo_of_our_letter_signed_by_hand_is_signed_even_turned() -> None:
    letter = upload("loa", corpus.letter_photo(our_letter(), signed=True, turn=2.0, dpi=300), "fullmakt.jpg")
    assert letter.read_by_ocr and letter.scan_signed is True
    assert "preflight.mismatched.loa_unsigned" not in codes(findings({"loa": letter})["mismatched_info"])


def test_a_picture_without_our_signature_field_cannot_be_told_signed_or_not() -> None:
    letter = upload("loa", corpus.png_image(), "fullmakt.png")
    assert letter.read_by_ocr and letter.scan_signed is None
    assert "preflight.mismatched.loa_unsigned" not in codes(findings({"loa": letter})["mismatched_info"])
