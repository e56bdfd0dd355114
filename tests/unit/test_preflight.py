"""Pre-flight checks: the guide's common rejection reasons, found before the provider finds them."""

from __future__ import annotations

import io
import string
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import document_corpus as corpus
import pytest
from samples import signed

from porting.company.details import CompanyDetails
from porting.company.register import Lookup, Status, entity_from_json
from porting.documents.findings import (
    LISTED,
    OK,
    PARTIAL_PORT,
    PARTIAL_PORT_REST,
    PROBLEM,
    WARNING,
    Confirmations,
    Finding,
    Note,
    blocker_text,
    blocking,
    report_records,
)
from porting.documents.preflight import preflight, range_blocks, virtual_caller_id_reminder
from porting.documents.reading import UploadedDocument, check_upload
from porting.i18n import LANGUAGES, catalogue
from porting.letter.loa import build_loa
from porting.letter.reference import letter_reference
from porting.numbers.intake import Reading, read_numbers
from porting.rules import RULES_PATH, RulesError, load_rules, rules

DETAILS = corpus.DETAILS
NUMBERS = read_numbers("\n".join(corpus.INVOICE_NUMBERS))  # the eight numbers the invoice shows
INVOICE_DAY = date(2026, 11, 3)  # corpus.INVOICE_DATE
SUBMISSION_DAY = date(2026, 11, 10)  # a Tuesday, a week after the invoice
ALL_CONFIRMED = Confirmations(
    active=frozenset(corpus.INVOICE_NUMBERS),
    partial_port=False,
    acknowledged=frozenset(acknowledgement.key for acknowledgement in rules().acknowledgements),
)
OTHER_COMPANY_LINES = tuple(
    line.replace(corpus.ORG_NUMBER, "974 760 673").replace(corpus.COMPANY.upper(), "NORDKAPP FISK AS")
    for line in corpus.FIRMAATTEST_LINES
)


def upload(slot: str, data: bytes, name: str = "document.pdf") -> UploadedDocument:
    result = check_upload(slot, name, data)
    assert isinstance(result, UploadedDocument), result
    return result


def letter_for(reading: Reading, details: CompanyDetails = DETAILS) -> UploadedDocument:
    """The letter made here for ``reading``'s numbers, signed."""
    return upload("loa", signed(build_loa(details, reading.rows, today=date(2026, 11, 4))), "LOA.pdf")


@pytest.fixture(scope="module")
def letter() -> bytes:
    return build_loa(DETAILS, NUMBERS.rows, today=date(2026, 11, 4))


@pytest.fixture(scope="module")
def documents(letter: bytes) -> dict[str, UploadedDocument | None]:
    """Everything the guide asks for, in order: the signed letter, the invoice and the firmaattest."""
    return {
        "loa": upload("loa", signed(letter), "LOA-999990002.pdf"),
        "invoice": upload("invoice", corpus.invoice_pdf(), "faktura.pdf"),
        "registration": upload("registration", corpus.firmaattest_pdf(), "firmaattest.pdf"),
    }


def check(
    documents: Mapping[str, UploadedDocument | None],
    *,
    details: CompanyDetails = DETAILS,
    reading: Reading = NUMBERS,
    invoice_day: date | None = INVOICE_DAY,
    submission_day: date = SUBMISSION_DAY,
    registry: Lookup | None = None,
    confirmations: Confirmations = ALL_CONFIRMED,
    **replaced: UploadedDocument | None,
) -> dict[str, Finding]:
    """The findings by reason; every note is read in both languages on the way."""
    findings = preflight(
        details,
        reading,
        {**documents, **replaced},
        invoice_day=invoice_day,
        submission_day=submission_day,
        registry=registry,
        confirmations=confirmations,
    )
    for finding in findings:
        for note in finding.notes:
            for language in LANGUAGES:
                assert note.text(language).strip()
    return {finding.reason: finding for finding in findings}


def codes(finding: Finding) -> list[str]:
    return [note.code for note in finding.notes]


def register(**flags: Any) -> Lookup:
    entity = entity_from_json({"organisasjonsnummer": "999990002", "navn": corpus.COMPANY.upper(), **flags})
    return Lookup("found", entity, "registry.found")


# --- The acknowledgements in the rules -----------------------------------------------------


def test_the_acknowledgements_load_from_the_rules_in_both_languages() -> None:
    acknowledgements = rules().acknowledgements
    assert [acknowledgement.key for acknowledgement in acknowledgements] == ["keep_service", "details_match"]
    assert "cancel" in acknowledgements[0].texts["en"]
    assert "match the current provider's records exactly" in acknowledgements[1].texts["en"]
    assert all(
        acknowledgement.texts[language] for acknowledgement in acknowledgements for language in LANGUAGES
    )


def test_an_acknowledgement_listed_twice_names_its_line(tmp_path: Path) -> None:
    text = RULES_PATH.read_text(encoding="utf-8").replace(
        'key = "details_match"', 'key = "keep_service"  # again'
    )
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), start=1) if "# again" in row)
    with pytest.raises(RulesError, match=rf"line {line}: acknowledgement 'keep_service' is listed twice"):
        load_rules(path)


# --- A request the provider will accept ----------------------------------------------------


def test_one_finding_per_rejection_reason_in_the_guides_order(documents: dict[str, Any]) -> None:
    assert list(check(documents)) == [reason.key for reason in rules().rejection_reasons]


def test_a_complete_request_passes_every_check(documents: dict[str, Any]) -> None:
    findings = check(documents)
    assert {reason: finding.status for reason, finding in findings.items()} == dict.fromkeys(findings, OK)
    assert codes(findings["outdated_invoice"]) == ["preflight.invoice.ok"]
    assert findings["outdated_invoice"].notes[0].text("nb") == (
        "Fakturaen fra 3. nov. 2026 er ny nok til og med 3. des. 2026."
    )
    assert blocking(findings.values(), ALL_CONFIRMED) == ()


# --- Missing registration ------------------------------------------------------------------


def test_no_firmaattest_is_a_missing_registration(documents: dict[str, Any]) -> None:
    finding = check(documents, registration=None)["missing_registration"]
    assert (finding.status, codes(finding)) == (PROBLEM, ["preflight.registration.missing"])


def test_the_firmaattest_of_another_company_is_a_missing_registration(documents: dict[str, Any]) -> None:
    other = upload("registration", corpus.text_pdf([OTHER_COMPANY_LINES]))
    finding = check(documents, registration=other)["missing_registration"]
    assert finding.status == PROBLEM
    assert "999 990 002" in finding.notes[0].text("en")


def test_a_scanned_firmaattest_could_not_be_read(documents: dict[str, Any]) -> None:
    picture = corpus.unreadable_picture(corpus.FIRMAATTEST_LINES)
    scan = upload("registration", corpus.image_bytes("PNG", picture), "a.png")
    findings = check(documents, registration=scan)
    assert (findings["missing_registration"].status, findings["mismatched_info"].status) == (WARNING, WARNING)
    assert "could not be read" in findings["missing_registration"].notes[0].text("en")
    assert codes(findings["mismatched_info"]) == ["preflight.mismatched.unreadable.registration"]


@pytest.mark.parametrize(
    ("flags", "code", "words"),
    [
        ({"slettedato": "2023-05-02"}, "preflight.registration.deleted", "deleted on 2 May 2023"),
        ({"konkurs": True}, "preflight.registration.bankrupt", "bankrupt (konkurs)"),
    ],
)
def test_a_deleted_or_bankrupt_company_is_a_missing_registration(
    documents: dict[str, Any], flags: dict[str, Any], code: str, words: str
) -> None:
    finding = check(documents, registry=register(**flags))["missing_registration"]
    assert (finding.status, codes(finding)) == (PROBLEM, [code])
    assert words in finding.notes[0].text("en")


def test_a_company_being_wound_up_is_a_warning(documents: dict[str, Any]) -> None:
    finding = check(documents, registry=register(underAvvikling=True))["missing_registration"]
    assert (finding.status, codes(finding)) == (WARNING, ["preflight.registration.winding_up"])
    assert "under avvikling" in finding.notes[0].text("nb")


@pytest.mark.parametrize(
    ("status", "weight", "code"),
    [
        ("unknown", PROBLEM, "preflight.registration.not_registered"),
        ("removed", WARNING, "preflight.registration.removed"),
    ],
)
def test_a_company_the_register_does_not_show_is_flagged(
    documents: dict[str, Any], status: Status, weight: str, code: str
) -> None:
    finding = check(documents, registry=Lookup(status, None, f"registry.{status}"))["missing_registration"]
    assert (finding.status, codes(finding)[-1]) == (weight, code)
    assert "999 990 002" in finding.notes[-1].text("en")  # the test company's number


def test_an_unreachable_register_changes_nothing(documents: dict[str, Any]) -> None:
    lookup = Lookup("unreachable", None, "registry.unreachable")
    assert check(documents, registry=lookup)["missing_registration"].status == OK


def test_a_register_without_remarks_changes_nothing(documents: dict[str, Any]) -> None:
    assert check(documents, registry=register())["missing_registration"].status == OK


# --- Outdated invoice ----------------------------------------------------------------------


def test_no_invoice_is_an_outdated_invoice(documents: dict[str, Any]) -> None:
    finding = check(documents, invoice=None)["outdated_invoice"]
    assert (finding.status, codes(finding)) == (PROBLEM, ["preflight.invoice.missing"])
    assert "latest invoice" in finding.notes[0].text("en")


def test_the_invoice_date_is_read_from_the_invoice_when_not_given(documents: dict[str, Any]) -> None:
    finding = check(documents, invoice_day=None)["outdated_invoice"]
    assert finding.status == OK
    assert dict(finding.notes[0].params)["issued"] == INVOICE_DAY


def test_without_a_date_we_ask_for_the_invoice_date(documents: dict[str, Any]) -> None:
    scan = upload("invoice", corpus.unreadable_scan_pdf())
    finding = check(documents, invoice=scan, invoice_day=None)["outdated_invoice"]
    assert (finding.status, codes(finding)) == (WARNING, ["preflight.invoice.date_unknown"])
    assert "30 days" in finding.notes[0].text("en")


def test_an_invoice_exactly_30_days_old_at_submission_is_still_accepted(documents: dict[str, Any]) -> None:
    finding = check(documents, submission_day=date(2026, 12, 3))["outdated_invoice"]
    assert (finding.status, codes(finding)) == (WARNING, ["preflight.invoice.expires_soon"])
    assert "until 3 Dec 2026" in finding.notes[0].text("en")


def test_an_invoice_31_days_old_at_submission_is_outdated(documents: dict[str, Any]) -> None:
    finding = check(documents, submission_day=date(2026, 12, 4))["outdated_invoice"]
    assert (finding.status, codes(finding)) == (PROBLEM, ["preflight.invoice.too_old"])
    assert finding.notes[0].text("en") == (
        "The invoice of 3 Nov 2026 is too old: it could be submitted until 3 Dec 2026, and the request "
        "goes out on 4 Dec 2026. Upload a newer invoice."
    )


@pytest.mark.parametrize(
    ("submission_day", "status"), [(date(2026, 11, 26), OK), (date(2026, 11, 27), WARNING)]
)
def test_an_invoice_turning_too_old_within_a_week_of_submission_is_a_warning(
    documents: dict[str, Any], submission_day: date, status: str
) -> None:
    assert check(documents, submission_day=submission_day)["outdated_invoice"].status == status


def test_an_invoice_dated_after_submission_is_refused(documents: dict[str, Any]) -> None:
    finding = check(documents, invoice_day=date(2026, 11, 12))["outdated_invoice"]
    assert (finding.status, codes(finding)) == (PROBLEM, ["preflight.invoice.future"])
    assert "12 Nov 2026 is after the planned submission on 10 Nov 2026" in finding.notes[0].text("en")


# --- Mismatched info -----------------------------------------------------------------------


def test_details_that_are_not_on_the_documents_are_named_with_each_document(
    documents: dict[str, Any],
) -> None:
    other = replace(DETAILS, company_name="Nordkapp Fisk AS", org_number="974 760 673")
    finding = check(documents, details=other)["mismatched_info"]
    assert finding.status == PROBLEM
    texts = [note.text("en") for note in finding.notes]
    # The letter was made for the organisation number entered before: its reference and its text say so.
    assert codes(finding)[:2] == ["preflight.mismatched.loa_other_request", "preflight.mismatched.org_number"]
    assert texts[1].startswith("The organisation number 974 760 673 is not on the letter of authorization.")
    assert texts[2].startswith("The company name “Nordkapp Fisk AS” is not on the invoice.")
    assert texts[3].startswith("The organisation number 974 760 673 is not on the invoice.")
    assert texts[4].startswith("The company name “Nordkapp Fisk AS” is not on the firmaattest.")
    assert texts[5].startswith("The organisation number 974 760 673 is not on the firmaattest.")
    assert "står ikke på fakturaen" in finding.notes[2].text("nb")


def test_numbers_missing_from_the_invoice_are_named(documents: dict[str, Any]) -> None:
    reading = read_numbers("21 23 45 67\n21 99 88 77\n800 12 345\n22 98 76 54")
    finding = check(documents, reading=reading, loa=letter_for(reading))["mismatched_info"]
    assert (finding.status, codes(finding)) == (PROBLEM, ["preflight.mismatched.numbers.other"])
    assert (
        finding.notes[0]
        .text("en")
        .startswith("2 numbers to port are not on the invoice: 21 99 88 77, 22 98 76 54.")
    )


def test_a_long_list_of_missing_numbers_names_the_first_20(documents: dict[str, Any]) -> None:
    reading = read_numbers("21 23 45 67\n22 98 76 00-24")  # 25 numbers the invoice does not show
    text = check(documents, reading=reading, loa=letter_for(reading))["mismatched_info"].notes[0].text("en")
    assert text.startswith("25 numbers to port are not on the invoice: 22 98 76 00, 22 98 76 01,")
    assert f"22 98 76 {LISTED - 1} and 5 more." in text
    assert "22 98 76 20" not in text


def test_a_scanned_invoice_could_not_be_checked_rather_than_passing(documents: dict[str, Any]) -> None:
    finding = check(documents, invoice=upload("invoice", corpus.unreadable_jpeg(), "faktura.jpg"))[
        "mismatched_info"
    ]
    assert (finding.status, codes(finding)) == (WARNING, ["preflight.mismatched.unreadable.invoice"])
    assert "could not be checked" in finding.notes[0].text("en")


def test_an_unsigned_letter_is_mismatched_info(documents: dict[str, Any], letter: bytes) -> None:
    finding = check(documents, loa=upload("loa", letter))["mismatched_info"]
    assert (finding.status, codes(finding)) == (PROBLEM, ["preflight.mismatched.loa_unsigned"])


def test_no_letter_is_mismatched_info(documents: dict[str, Any]) -> None:
    finding = check(documents, loa=None)["mismatched_info"]
    assert (finding.status, codes(finding)) == (PROBLEM, ["preflight.mismatched.loa_missing"])


def test_a_scanned_letter_that_cannot_be_read_is_a_warning_not_a_pass(documents: dict[str, Any]) -> None:
    scan = upload("loa", corpus.unreadable_jpeg(), "loa.jpg")
    finding = check(documents, loa=scan)["mismatched_info"]
    assert (finding.status, codes(finding)) == (WARNING, ["preflight.mismatched.unreadable.loa"])


def test_the_letter_made_here_is_recognised_by_its_reference(documents: dict[str, Any]) -> None:
    finding = check(documents)["mismatched_info"]
    letter_row = next(row for row in finding.rows if row.check == "loa")
    reference = letter_reference(DETAILS.org_number, corpus.INVOICE_NUMBERS)
    assert [note.code for note in letter_row.notes] == ["preflight.mismatched.loa_ours"]
    assert reference in letter_row.notes[0].text("en") and letter_row.state == "ok"


def test_a_letter_made_for_other_numbers_is_mismatched_info_naming_them(documents: dict[str, Any]) -> None:
    fewer = read_numbers("21 23 45 67\n55 12 34 56")
    more = read_numbers("\n".join([*corpus.INVOICE_NUMBERS, "22 98 76 54"]))
    finding = check(documents, reading=more, loa=letter_for(fewer))["mismatched_info"]
    assert finding.status == PROBLEM
    assert codes(finding)[:2] == [
        "preflight.mismatched.loa_other_request",
        "preflight.mismatched.loa_numbers.other",
    ]
    missing = finding.notes[1].text("en")
    assert missing.startswith("7 numbers to port are not on the letter of authorization: 800 12 345,")
    assert "22 98 76 54" in missing and "21 23 45 67" not in missing


def test_a_letter_of_another_organisation_number_is_mismatched_info(documents: dict[str, Any]) -> None:
    other = replace(DETAILS, org_number="974 760 673")
    finding = check(documents, loa=letter_for(NUMBERS, other))["mismatched_info"]
    assert codes(finding) == ["preflight.mismatched.loa_other_request", "preflight.mismatched.org_number"]
    assert "999 990 002 is not on the letter of authorization" in finding.notes[1].text("en")


def test_a_letter_not_made_here_is_read_for_the_numbers_and_the_organisation_number(
    documents: dict[str, Any],
) -> None:
    own = ["FULLMAKT", f"Org.nr. {corpus.ORG_NUMBER}", *corpus.INVOICE_NUMBERS.values()]
    finding = check(documents, loa=upload("loa", corpus.text_pdf([own])))["mismatched_info"]
    assert (finding.status, codes(finding)) == (WARNING, ["preflight.mismatched.loa_not_ours"])
    short = upload("loa", corpus.text_pdf([own[:3]]))
    finding = check(documents, loa=short)["mismatched_info"]
    assert codes(finding) == ["preflight.mismatched.loa_not_ours", "preflight.mismatched.loa_numbers.other"]
    assert finding.status == PROBLEM


def test_a_scanned_letter_is_known_by_the_reference_read_from_it(documents: dict[str, Any]) -> None:
    reference = letter_reference(DETAILS.org_number, corpus.INVOICE_NUMBERS)
    # As OCR reads a letter: the code's 0 and 1 misread, spaces for dashes, no form fields.
    text = f"Fullmakt\nBrevreferanse {reference.replace('-', ' ').replace('0', 'O').replace('1', 'l')}"
    scanned = UploadedDocument("loa", "scan.png", "png", 10, 1, b"", text)
    finding = check(documents, loa=scanned)["mismatched_info"]
    assert (finding.status, codes(finding)) == (OK, ["preflight.mismatched.loa_ours"])


# --- The firmaattest's age -------------------------------------------------------------------


def certificate(printed: str) -> UploadedDocument:
    return upload("registration", corpus.text_pdf([[*corpus.FIRMAATTEST_LINES, f"Utskriftsdato: {printed}"]]))


@pytest.mark.parametrize(
    ("printed", "status", "code"),
    [
        ("12.08.2026", OK, "preflight.registration.recent"),  # 90 days before 10 November
        ("11.08.2026", WARNING, "preflight.registration.too_old"),
        ("11.11.2026", WARNING, "preflight.registration.printed_later"),
    ],
)
def test_the_firmaattest_is_checked_for_its_age_when_its_date_can_be_read(
    documents: dict[str, Any], printed: str, status: str, code: str
) -> None:
    finding = check(documents, registration=certificate(printed))["missing_registration"]
    expected = ["preflight.registration.ok", code] if status == OK else [code]
    assert (finding.status, codes(finding)) == (status, expected)


def test_a_firmaattest_without_a_date_is_not_held_to_an_age(documents: dict[str, Any]) -> None:
    assert codes(check(documents)["missing_registration"]) == ["preflight.registration.ok"]


def test_details_not_yet_entered_are_asked_for_not_reported_missing(documents: dict[str, Any]) -> None:
    findings = check(documents, details=replace(DETAILS, company_name="", org_number="999 990 00"))
    assert codes(findings["mismatched_info"]) == ["preflight.details_missing"] * 2
    assert findings["mismatched_info"].status == WARNING
    assert findings["missing_registration"].status == WARNING
    assert "the organisation number" in findings["missing_registration"].notes[0].text("en")


# --- Inactive number -----------------------------------------------------------------------


def test_numbers_not_confirmed_active_are_counted_and_listed(documents: dict[str, Any]) -> None:
    confirmations = replace(ALL_CONFIRMED, active=frozenset({"21234567", "55123456", "80012345"}))
    finding = check(documents, confirmations=confirmations)["inactive_number"]
    assert (finding.status, codes(finding)) == (WARNING, ["preflight.inactive.unconfirmed.other"])
    unconfirmed = "850 12 345, 22 33 44 55, 23 45 67 89, 51 23 45 67, 33 22 11 00"
    assert finding.notes[0].text("en").startswith(f"5 numbers are not confirmed active: {unconfirmed}.")


def test_numbers_all_confirmed_active_pass(documents: dict[str, Any]) -> None:
    finding = check(documents)["inactive_number"]
    assert finding.notes[0].text("en") == "All 8 numbers to port are confirmed active."


# --- Number is part of a range -------------------------------------------------------------


@pytest.mark.parametrize(
    ("numbers", "blocks"),
    [
        (
            ["21234503", "21234501", "21234500", "21234502"],
            [("21234500", "21234501", "21234502", "21234503")],
        ),
        (["21234500", "21234501"], [("21234500", "21234501")]),
        (["21234500", "21234550", "21234567"], []),  # a hundred's first number is no block by itself
        (["21234510", "21234515", "21234567"], []),  # nor a ten's
        (["21234567", "21234569", "21234590", "21234601"], []),
        (["21234599", "21234600", "55123456", "21234599"], [("21234599", "21234600")]),
        (["2123450", "2123451", "800123", "02800", "02801"], []),  # only 8-digit numbers
    ],
)
def test_range_blocks(numbers: list[str], blocks: list[tuple[str, ...]]) -> None:
    assert range_blocks(numbers) == tuple(blocks)


def test_a_block_is_named_by_its_first_and_last_number(documents: dict[str, Any]) -> None:
    reading = read_numbers("21 23 45 00-03\n55 12 34 56")
    findings = check(documents, reading=reading, confirmations=replace(ALL_CONFIRMED, active=frozenset()))
    finding = findings["part_of_range"]
    assert (finding.status, codes(finding)) == (WARNING, ["preflight.range.block"])
    assert finding.notes[0].text("en").startswith("21 23 45 00 – 21 23 45 03 (4 numbers) look like part")


def test_confirming_a_block_is_not_a_range_silences_it(documents: dict[str, Any]) -> None:
    reading = read_numbers("21 23 45 00\n21 23 45 01\n55 12 34 56")
    confirmations = replace(ALL_CONFIRMED, not_in_range=frozenset({"21234500", "21234501"}))
    finding = check(documents, reading=reading, confirmations=confirmations)["part_of_range"]
    assert (finding.status, codes(finding)) == (OK, ["preflight.range.confirmed.one"])


def test_a_block_half_confirmed_still_warns(documents: dict[str, Any]) -> None:
    reading = read_numbers("21 23 45 00-03")
    confirmations = replace(ALL_CONFIRMED, not_in_range=frozenset({"21234500", "21234501"}))
    assert check(documents, reading=reading, confirmations=confirmations)["part_of_range"].status == WARNING


def test_many_blocks_are_listed_up_to_20_and_counted(documents: dict[str, Any]) -> None:
    reading = read_numbers("\n".join(f"2{block:03d}4511\n2{block:03d}4512" for block in range(25)))
    finding = check(documents, reading=reading)["part_of_range"]
    assert len(finding.notes) == LISTED + 1
    assert finding.notes[-1].text("en") == "And 5 more blocks look like ranges."


def test_the_invoices_numbers_are_no_range(documents: dict[str, Any]) -> None:
    assert codes(check(documents)["part_of_range"]) == ["preflight.range.none"]


# --- What blocks submission ----------------------------------------------------------------


def test_problems_unticked_acknowledgements_and_the_partial_port_question_block(
    documents: dict[str, Any],
) -> None:
    findings = check(documents, invoice=None, registration=None).values()
    assert blocking(findings, Confirmations()) == (
        "missing_registration",
        "outdated_invoice",
        "keep_service",
        "details_match",
        PARTIAL_PORT,
    )


def test_warnings_do_not_block(documents: dict[str, Any]) -> None:
    findings = check(documents, confirmations=replace(ALL_CONFIRMED, active=frozenset())).values()
    assert blocking(findings, ALL_CONFIRMED) == ()


@pytest.mark.parametrize(
    ("partial_port", "main_number_included", "rest", "blocker"),
    [
        (None, None, "", (PARTIAL_PORT,)),
        (True, None, "22 98 76 54: keep", (PARTIAL_PORT,)),
        (True, False, "", (PARTIAL_PORT_REST,)),
        (True, True, "   ", (PARTIAL_PORT_REST,)),
        (True, False, "22 98 76 54 and 22 98 76 55 stay with Telenor", ()),
        (False, None, "", ()),
    ],
)
def test_a_partial_port_must_say_what_happens_to_the_other_numbers(
    documents: dict[str, Any],
    partial_port: bool | None,
    main_number_included: bool | None,
    rest: str,
    blocker: tuple[str, ...],
) -> None:
    confirmations = replace(
        ALL_CONFIRMED, partial_port=partial_port, main_number_included=main_number_included, rest=rest
    )
    assert blocking(check(documents).values(), confirmations) == blocker


@pytest.mark.parametrize(
    "key",
    [
        *(reason.key for reason in rules().rejection_reasons),
        *(acknowledgement.key for acknowledgement in rules().acknowledgements),
        PARTIAL_PORT,
        PARTIAL_PORT_REST,
    ],
)
def test_every_blocker_is_said_in_both_languages(key: str) -> None:
    assert blocker_text(key, "en") != blocker_text(key, "nb")


# --- The command line's report -------------------------------------------------------------


def test_report_records_name_each_reason_as_the_guide_does(documents: dict[str, Any]) -> None:
    records = report_records(check(documents, invoice=None).values())
    assert [list(record) for record in records] == [["reason", "status", "finding", "fix"]] * 5
    assert [record["reason"] for record in records] == [
        "Missing registration",
        "Mismatched info",
        "Inactive number",
        "Outdated invoice",
        "Number is part of a range",
    ]
    outdated = records[3]
    assert outdated["status"] == PROBLEM
    assert outdated["finding"].startswith("No invoice has been uploaded.")
    assert outdated["fix"] == "Submit a recent billing document with matching number details"


def test_report_records_in_bokmal(documents: dict[str, Any]) -> None:
    record = report_records(check(documents, invoice=None).values(), "nb")[3]
    assert (record["reason"], record["finding"].split(".")[0]) == (
        "Utdatert faktura",
        "Ingen faktura er lastet opp",
    )


# --- Mobile numbers stay behind ------------------------------------------------------------


def test_mobile_numbers_are_reminded_of_virtual_caller_id() -> None:
    [note] = virtual_caller_id_reminder(read_numbers("41 23 45 67\n91 23 45 67\n21 23 45 67"))
    assert note.text("en").startswith("2 mobile numbers are not ported: 41 23 45 67, 91 23 45 67.")
    assert "virtuell oppringer-ID" in note.text("nb")


def test_no_mobile_numbers_no_reminder() -> None:
    assert virtual_caller_id_reminder(NUMBERS) == ()


# --- Every note in both languages ----------------------------------------------------------

SAMPLE_PARAMS: dict[str, object] = {
    "count": 2,
    "numbers": ("21 23 45 67", "800 12 345"),
    "date": date(2023, 5, 2),
    "issued": INVOICE_DAY,
    "valid_until": date(2026, 12, 3),
    "submission": SUBMISSION_DAY,
    "org_number": "999 990 002",
    "company_name": corpus.COMPANY,
    "document": "invoice",
    "field": "org_number",
    "first": "21 23 45 00",
    "last": "21 23 45 03",
    "days": 30,
    "printed": date(2026, 10, 14),
    "reference": "LOA-W407-HRGV-8",
    "name": "Per Berg",
    "role": "Daglig leder",
    "signatories": ("Kari Nordmann (Daglig leder)", "Ola Hansen (Styrets leder)"),
}
# Catalogue keys that are parts of notes or say what blocks, rather than notes themselves.
NOT_NOTES = ("preflight.document.", "preflight.field.", "preflight.blocking.", "preflight.and_more")
NOTE_CODES = sorted(
    key for key in catalogue("en") if key.startswith("preflight.") and not key.startswith(NOT_NOTES)
)


def placeholders(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


@pytest.mark.parametrize("code", NOTE_CODES)
def test_every_note_reads_in_both_languages(code: str) -> None:
    note = Note(code, tuple((name, SAMPLE_PARAMS[name]) for name in placeholders(catalogue("en")[code])))
    english, norwegian = note.text("en"), note.text("nb")
    assert english != norwegian
    assert "{" not in english + norwegian
    assert "preflight." not in english + norwegian


def test_a_photo_of_the_signed_letter_is_known_by_the_reference_ocr_reads(
    documents: dict[str, Any], letter: bytes
) -> None:
    import pypdfium2

    page = pypdfium2.PdfDocument(signed(letter))[0]
    picture = io.BytesIO()
    page.render(scale=200 / 72).to_pil().convert("L").save(picture, format="PNG")  # a 200 dpi scan
    photo = upload("loa", picture.getvalue(), "fullmakt.png")
    assert photo.read_by_ocr, "Tesseract reads the letter (.ci/run installs it)"
    finding = check(documents, loa=photo)["mismatched_info"]
    reference = letter_reference(DETAILS.org_number, corpus.INVOICE_NUMBERS)
    assert (finding.status, codes(finding)) == (OK, ["preflight.mismatched.loa_ours"])
    assert reference in finding.notes[0].text("en")
