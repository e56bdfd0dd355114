"""``python -m porting preflight``: the pre-flight report for files on disk."""

from __future__ import annotations

import io
import json
from pathlib import Path

import document_corpus as corpus
import pytest

from porting.cli.main import main

DETAILS = {
    "org_number": corpus.ORG_NUMBER,
    "company_name": corpus.COMPANY,
    "address": "Dronning Eufemias gate 16",
    "postcode": "0191",
    "city": "OSLO",
    "signatory_name": "Kari Nordmann",
    "signatory_title": "Daglig leder",
    "email": "kari@fjordlinje.no",
    "phone": "22 33 44 55",
    "current_provider": "Telenor Norge AS",
    "account_number": "1234567",
}
REASONS = [
    "Missing registration",
    "Mismatched info",
    "Inactive number",
    "Outdated invoice",
    "Number is part of a range",
]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "details": tmp_path / "details.json",
        "numbers": tmp_path / "numbers.txt",
        "invoice": tmp_path / "faktura.pdf",
        "certificate": tmp_path / "firmaattest.pdf",
    }
    paths["details"].write_text(json.dumps(DETAILS), encoding="utf-8")
    paths["numbers"].write_text("21234567\n80012345\n", encoding="utf-8")
    paths["invoice"].write_bytes(corpus.invoice_pdf())
    paths["certificate"].write_bytes(corpus.firmaattest_pdf())
    return paths


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(["preflight", *argv], stdin=io.StringIO(""), stdout=out), out.getvalue()


def test_json_has_one_record_per_rejection_reason_in_the_guide(files: dict[str, Path]) -> None:
    code, out = run(
        [
            "--details", str(files["details"]), "--numbers", str(files["numbers"]),
            "--invoice", str(files["invoice"]), "--certificate", str(files["certificate"]),
            "--submit-date", "2026-11-20", "--json",
        ]
    )  # fmt: skip
    records = json.loads(out)
    assert code == 0
    assert [record["reason"] for record in records] == REASONS
    assert all(set(record) == {"reason", "status", "finding", "fix"} for record in records)
    by_reason = {record["reason"]: record for record in records}
    assert by_reason["Outdated invoice"]["status"] == "ok"
    assert by_reason["Missing registration"]["status"] == "ok"
    assert by_reason["Mismatched info"]["status"] == "problem"  # no signed LOA uploaded
    assert by_reason["Inactive number"]["status"] == "warning"  # nothing confirmed on the command line


def test_an_invoice_too_old_by_the_submission_date_is_a_problem(files: dict[str, Path]) -> None:
    argv = [
        "--details",
        str(files["details"]),
        "--numbers",
        str(files["numbers"]),
        "--invoice",
        str(files["invoice"]),
    ]
    _, out = run([*argv, "--submit-date", "2026-12-20", "--json"])
    outdated = next(record for record in json.loads(out) if record["reason"] == "Outdated invoice")
    assert outdated["status"] == "problem"


def test_text_report_in_norwegian_runs_whatever_it_finds(files: dict[str, Path]) -> None:
    code, out = run(["--details", str(files["details"]), "--numbers", str(files["numbers"]), "--lang", "nb"])
    assert code == 0
    assert "Utdatert faktura" in out


def test_a_bad_document_is_reported_and_counts_as_missing(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spoofed = tmp_path / "faktura.pdf"
    spoofed.write_bytes(corpus.html_page())
    argv = ["--details", str(files["details"]), "--numbers", str(files["numbers"]), "--invoice", str(spoofed)]
    code, out = run([*argv, "--json"])
    assert code == 0
    assert "faktura.pdf" in capsys.readouterr().err
    outdated = next(record for record in json.loads(out) if record["reason"] == "Outdated invoice")
    assert outdated["status"] == "problem"


def test_an_unreadable_details_file_is_exit_2(files: dict[str, Path]) -> None:
    assert run(["--details", "/no/such.json", "--numbers", str(files["numbers"])])[0] == 2


def test_details_nested_200000_deep_are_one_line_and_exit_2(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files["details"].write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert run(["--details", str(files["details"]), "--numbers", str(files["numbers"])]) == (2, "")
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "nested too deeply" in error and "Traceback" not in error


@pytest.mark.parametrize("option", ["--submit-date", "--invoice-date"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_dates_outside_the_holiday_calendar_are_usage_errors(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], option: str, day: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(["--details", str(files["details"]), "--numbers", str(files["numbers"]), option, day])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "1901 to 2100" in error and option in error
