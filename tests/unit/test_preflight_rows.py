"""The pre-flight rows a person reads: each named for what it checks, in one of four states, and
the range check's blocks, which are runs of consecutive numbers and nothing else."""

from __future__ import annotations

import io
import json
from datetime import date
from itertools import pairwise
from pathlib import Path

import document_corpus as corpus
from hypothesis import given, settings, strategies as st

from porting.cli.main import main
from porting.company.details import CompanyDetails
from porting.documents.findings import (
    NOT_UPLOADED,
    OK,
    PROBLEM,
    WARNING,
    Confirmations,
    Finding,
    Row,
    blocker_texts,
    report_records,
)
from porting.documents.preflight import preflight, range_blocks
from porting.documents.reading import UploadedDocument, check_upload
from porting.i18n import LANGUAGES, t
from porting.numbers.intake import Reading, read_numbers

SUBMISSION_DAY = date(2027, 3, 1)
INVOICE_DAY = date(2026, 11, 3)  # corpus.INVOICE_DATE
NUMBERS = read_numbers("\n".join(corpus.INVOICE_NUMBERS))
CHECKS = [
    ("registration", "missing_registration"),
    ("loa", "mismatched_info"),
    ("invoice_holder", "mismatched_info"),
    ("invoice_numbers", "mismatched_info"),
    ("certificate_company", "mismatched_info"),
    ("active", "inactive_number"),
    ("invoice_date", "outdated_invoice"),
    ("ranges", "part_of_range"),
]


def upload(slot: str, data: bytes, name: str = "document.pdf") -> UploadedDocument:
    checked = check_upload(slot, name, data)
    assert isinstance(checked, UploadedDocument), checked
    return checked


def findings_of(
    documents: dict[str, UploadedDocument | None], reading: Reading = NUMBERS
) -> tuple[Finding, ...]:
    return preflight(
        corpus.DETAILS, reading, documents, invoice_day=INVOICE_DAY, submission_day=date(2026, 11, 10),
        registry=None, confirmations=Confirmations(),
    )  # fmt: skip


def rows_of(findings: tuple[Finding, ...]) -> dict[str, Row]:
    return {row.check: row for finding in findings for row in finding.rows}


# --- Rows named for their checks, in their states ---------------------------------------------


def test_each_reason_is_made_of_rows_named_for_what_they_check() -> None:
    findings = findings_of({})
    assert [(row.check, row.reason) for finding in findings for row in finding.rows] == CHECKS
    for row in rows_of(findings).values():
        for language in LANGUAGES:
            assert row.name(language) and row.state_text(language) and row.reason_text(language)
    assert rows_of(findings)["loa"].name("nb") == "Fullmakt"


def test_before_any_upload_nothing_is_a_problem_and_each_document_is_not_uploaded_yet() -> None:
    rows = rows_of(findings_of({}))
    assert {check: row.state for check, row in rows.items()} == {
        "registration": NOT_UPLOADED,
        "loa": NOT_UPLOADED,
        "invoice_holder": NOT_UPLOADED,
        "invoice_numbers": NOT_UPLOADED,
        "certificate_company": NOT_UPLOADED,
        "active": WARNING,  # not confirmed yet: only the customer can
        "invoice_date": NOT_UPLOADED,
        "ranges": OK,
    }
    assert [note.code for note in rows["loa"].notes] == ["preflight.mismatched.loa_missing"]
    assert rows["invoice_numbers"].notes[0].text("en") == "Checked once the invoice is uploaded."


def test_a_missing_letter_is_its_own_row_not_a_mismatch_of_the_invoice() -> None:
    documents = {
        "invoice": upload("invoice", corpus.invoice_pdf(), "faktura.pdf"),
        "registration": upload("registration", corpus.firmaattest_pdf(), "firmaattest.pdf"),
    }
    rows = rows_of(findings_of(documents))
    assert rows["loa"].state == NOT_UPLOADED and rows["loa"].blocks
    assert (rows["invoice_holder"].state, rows["invoice_numbers"].state) == (OK, OK)
    assert rows["certificate_company"].state == OK
    assert rows["registration"].state == OK


def test_numbers_missing_from_the_invoice_are_a_problem_of_their_own_row() -> None:
    reading = read_numbers("21 23 45 67\n21 99 88 77")
    rows = rows_of(findings_of({"invoice": upload("invoice", corpus.invoice_pdf())}, reading))
    assert rows["invoice_numbers"].state == PROBLEM
    assert rows["invoice_numbers"].notes[0].text("en").startswith("1 number to port is not on the invoice")
    assert rows["invoice_holder"].state == OK
    assert rows["invoice_numbers"].reason_text("en") == (
        "The provider would reject the request as “Mismatched info”."
    )


def test_an_unreadable_invoice_is_a_warning_in_both_its_rows_and_said_once_by_the_reason() -> None:
    findings = findings_of({"invoice": upload("invoice", corpus.unreadable_jpeg(), "faktura.jpg")})
    rows = rows_of(findings)
    assert (rows["invoice_holder"].state, rows["invoice_numbers"].state) == (WARNING, WARNING)
    mismatched = next(finding for finding in findings if finding.reason == "mismatched_info")
    codes = [note.code for note in mismatched.notes]
    assert codes.count("preflight.mismatched.unreadable.invoice") == 1


def test_the_json_keeps_the_guides_reasons_and_a_missing_letter_still_blocks_there() -> None:
    records = report_records(findings_of({}))
    assert [record["reason"] for record in records] == [
        "Missing registration",
        "Mismatched info",
        "Inactive number",
        "Outdated invoice",
        "Number is part of a range",
    ]
    assert records[1]["status"] == PROBLEM
    assert records[1]["finding"].startswith("No signed letter of authorization (LOA) has been uploaded.")


def test_blockers_ask_for_each_missing_document_once_and_name_the_check_of_a_problem() -> None:
    reading = read_numbers("21 23 45 67\n21 99 88 77")
    findings = findings_of({"invoice": upload("invoice", corpus.invoice_pdf())}, reading)
    texts = [text for _, text in blocker_texts(findings, Confirmations(), "en")]
    assert texts[:3] == [
        t("checks.blocking.upload.registration"),
        t("checks.blocking.upload.loa"),
        "Fix “Numbers on the invoice” before you submit: the provider would reject the request as "
        "“Mismatched info”.",
    ]
    assert len(texts) == len(set(texts))


def test_the_command_line_names_each_check_with_its_state_and_reason(tmp_path: Path) -> None:
    details, numbers = tmp_path / "details.json", tmp_path / "numbers.txt"
    details.write_text(json.dumps({"org_number": corpus.ORG_NUMBER, "company_name": corpus.COMPANY}))
    numbers.write_text("21234567\n", encoding="utf-8")
    out = io.StringIO()
    argv = ["preflight", "--details", str(details), "--numbers", str(numbers), "--submit-date", "2026-11-20"]
    assert main(argv, stdin=io.StringIO(""), stdout=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[2].startswith("[--] Letter of authorization (Not uploaded yet): No signed letter")
    assert lines[3] == "     Checks for the rejection reason “Mismatched info”."
    assert "[!!] Numbers active today (Check this): 1 number is not confirmed active" in out.getvalue()

# --- Number is part of a range: blocks are runs of consecutive numbers ----------------------


def test_a_range_and_a_separate_number_of_its_hundred_are_one_block_of_ten() -> None:
    reading = read_numbers("21 23 45 00-09\n21 23 45 67")
    nationals = [row.national or "" for row in reading.portable_rows]
    assert range_blocks(nationals) == (tuple(f"212345{last:02d}" for last in range(10)),)


def test_the_range_note_counts_only_the_consecutive_numbers() -> None:
    reading = read_numbers("21 23 45 00-09\n21 23 45 67")
    findings = preflight(
        CompanyDetails(), reading, {}, invoice_day=None, submission_day=SUBMISSION_DAY,
        registry=None, confirmations=Confirmations(),
    )  # fmt: skip
    (ranges,) = [finding for finding in findings if finding.reason == "part_of_range"]
    assert [note.text("en").split(" look")[0] for note in ranges.notes] == [
        "21 23 45 00 – 21 23 45 09 (10 numbers)"
    ]


def test_a_lone_number_ending_in_00_is_no_range() -> None:
    assert range_blocks(["21234500", "21234567", "21234590"]) == ()


def test_a_gap_splits_two_blocks() -> None:
    assert range_blocks(["21234500", "21234501", "21234503", "21234504"]) == (
        ("21234500", "21234501"),
        ("21234503", "21234504"),
    )


def test_a_run_may_cross_a_hundred() -> None:
    assert range_blocks(["21234599", "21234600"]) == (("21234599", "21234600"),)


eight_digit_numbers = st.lists(st.integers(min_value=21_234_400, max_value=21_234_700), max_size=60)


@settings(max_examples=300, deadline=None)
@given(eight_digit_numbers)
def test_every_block_is_a_run_of_consecutive_numbers_and_no_run_is_missed(values: list[int]) -> None:
    numbers = [str(value) for value in values]
    blocks = range_blocks(numbers)
    in_blocks = [number for block in blocks for number in block]
    assert len(in_blocks) == len(set(in_blocks))  # no number in two blocks
    for block in blocks:
        assert len(block) >= 2
        assert all(int(later) == int(earlier) + 1 for earlier, later in pairwise(block))
    entered = set(values)
    for value in entered - {int(number) for number in in_blocks}:  # the rest have no neighbour entered
        assert value - 1 not in entered and value + 1 not in entered
