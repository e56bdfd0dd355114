"""The command line: ``python -m porting check``."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import hostile_uploads as hostile
import pandas as pd
import pytest

from porting.cli.main import main
from porting.i18n import t

REPO_ROOT = Path(__file__).resolve().parents[2]
JSON_KEYS = {"input", "line", "e164", "display", "type", "area", "portable", "reason", "duplicate_of"}


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out)
    return code, out.getvalue()


def test_json_has_one_object_per_number_in_input_order() -> None:
    code, out = run(
        ["check", "--json"], "+47 21 23 45 67\n41234567\n21234500-02\n+46 8 123 456 78\n21234567\n"
    )
    records = json.loads(out)
    assert code == 0
    assert [record["line"] for record in records] == [1, 2, 3, 3, 3, 4, 5]
    assert all(set(record) >= JSON_KEYS for record in records)
    first, mobile, *_, foreign, repeat = records
    assert first == {
        "input": "+47 21 23 45 67",
        "line": 1,
        "e164": "+4721234567",
        "display": "21 23 45 67",
        "type": "geographic",
        "area": "Oslo",
        "portable": True,
        "reason": None,
        "duplicate_of": None,
    }
    assert mobile["type"] == "mobile" and not mobile["portable"] and "Virtual Caller ID" in mobile["reason"]
    assert foreign["e164"] is None and foreign["type"] == "invalid" and "Sweden" in foreign["reason"]
    assert repeat["duplicate_of"] == 1
    assert records[2]["input"] == records[4]["input"] == "21234500-02"


def test_json_in_norwegian() -> None:
    _, out = run(["check", "--json", "--lang", "nb"], "41234567\n")
    assert "Mobilnumre kan ikke porteres" in json.loads(out)[0]["reason"]


def test_table_output_is_readable_and_counts_duplicates_once(tmp_path: Path) -> None:
    path = tmp_path / "numbers.txt"
    path.write_text("21234567\n21234567\n80012345\n", encoding="utf-8")
    code, out = run(["check", str(path)])
    assert code == 0
    assert "Repeat of line 1" in out
    assert "3 entered, 2 can be ported" in out


def test_table_output_counts_with_thousands_separators() -> None:
    _, english = run(["check"], "21230000-1199\n")
    _, norwegian = run(["check", "--lang", "nb"], "21230000-1199\n")
    assert "1,200 entered, 1,200 can be ported." in english and "Geographic (local): 1,200." in english
    assert "1\u00a0200 lagt inn, 1\u00a0200 kan porteres." in norwegian


def test_table_output_in_norwegian() -> None:
    code, out = run(["check", "--lang", "nb"], "21234567\n")
    assert code == 0 and "Kan porteres" in out and "Geografisk" in out


def test_csv_and_xlsx_files(tmp_path: Path) -> None:
    csv_path = tmp_path / "numbers.csv"
    csv_path.write_text("Name;Phone\nOslo;21234567\n", encoding="utf-8")
    xlsx_path = tmp_path / "numbers.xlsx"
    pd.DataFrame({"Phone": [80012345]}).to_excel(xlsx_path, index=False)
    code, out = run(["check", "--json", str(csv_path), str(xlsx_path)])
    assert code == 0
    assert [(record["line"], record["type"]) for record in json.loads(out)] == [
        (2, "geographic"),
        (2, "toll_free"),
    ]


def test_missing_file_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = run(["check", "/no/such/file.txt"])
    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1 and "/no/such/file.txt" in error


def test_unreadable_spreadsheet_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    assert run(["check", str(path)])[0] == 2
    assert "could not be opened" in capsys.readouterr().err


@pytest.mark.parametrize("make", [hostile.xlsx_whose_sheet_is_not_xml, hostile.xlsx_with_entities])
def test_a_malformed_spreadsheet_is_exit_2_with_one_line_and_no_traceback(
    tmp_path: Path, make: Callable[[], bytes]
) -> None:
    path = tmp_path / "numbers.xlsx"
    path.write_bytes(make())
    result = subprocess.run(
        [sys.executable, "-m", "porting", "check", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "could not be opened (ParseError)" in result.stderr


@pytest.mark.parametrize("argv", [["check", "--bogus"], ["frobnicate"], [], ["check", "--lang", "de"]])
def test_usage_errors_are_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run(argv)
    assert exit_info.value.code == 2
    assert "Usage error" in capsys.readouterr().err


def test_module_runs_as_a_command_reading_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "porting", "check", "--json"],
        input="80012345\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["display"] == "800 12 345"


DETAILS = {
    "org_number": "974 760 673",
    "company_name": "Blåbærsyltetøy Ærlig AS",
    "address": "Storgata 12",
    "postcode": "9008",
    "city": "TROMSØ",
    "signatory_name": "Kari Østgård",
    "signatory_title": "Daglig leder",
    "email": "kari@blaabaer.no",
    "phone": "77 60 12 34",
    "current_provider": "Telenor Norge AS",
    "account_number": "1234567890",
}


def test_loa_writes_the_letter_for_the_details_and_numbers(tmp_path: Path) -> None:
    from pypdf import PdfReader

    details = tmp_path / "details.json"
    details.write_text(json.dumps(DETAILS), encoding="utf-8")
    numbers = tmp_path / "numbers.txt"
    numbers.write_text("21234567\n80012345\n41234567\n", encoding="utf-8")
    output = tmp_path / "loa.pdf"
    code, _ = run(
        ["loa", "--details", str(details), "--numbers", str(numbers), "-o", str(output), "--lang", "nb"]
    )
    assert code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(output).pages)
    assert "Blåbærsyltetøy Ærlig AS" in text and "21 23 45 67" in text and "800 12 345" in text
    assert "41 23 45 67" not in text


def test_loa_with_invalid_details_says_what_is_wrong_per_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    details = tmp_path / "details.json"
    details.write_text(json.dumps({**DETAILS, "org_number": "974760674", "email": "kari"}), encoding="utf-8")
    code, _ = run(["loa", "--details", str(details), "-o", str(tmp_path / "loa.pdf")], "21234567\n")
    lines = capsys.readouterr().err.splitlines()
    assert code == 2
    assert [line.split(":")[0] for line in lines] == ["Organisation number", "E-mail"]
    assert not (tmp_path / "loa.pdf").exists()


@pytest.mark.parametrize("content", ["not json", "[1, 2]"])
def test_loa_with_an_unreadable_details_file_is_exit_2(tmp_path: Path, content: str) -> None:
    details = tmp_path / "details.json"
    details.write_text(content, encoding="utf-8")
    assert run(["loa", "--details", str(details), "-o", str(tmp_path / "loa.pdf")], "21234567\n")[0] == 2


def test_loa_without_portable_numbers_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    details = tmp_path / "details.json"
    details.write_text(json.dumps(DETAILS), encoding="utf-8")
    assert run(["loa", "--details", str(details), "-o", str(tmp_path / "loa.pdf")], "41234567\n")[0] == 2
    assert "numbers that can be ported" in capsys.readouterr().err


def test_requests_commands_are_wired_into_the_command_line(tmp_path: Path) -> None:
    code, out = run(["requests", "list", "--database", f"sqlite:///{tmp_path}/requests.db"])
    assert code == 0
    assert out.strip() == "No requests found."


def test_check_does_not_load_the_database_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from porting.cli.main import main; main(['check', '--json'], "
         "stdin=__import__('io').StringIO('21234567')); print('sqlalchemy' in sys.modules, file=sys.stderr)"],
        capture_output=True, text=True, cwd=REPO_ROOT, check=True,
    )  # fmt: skip
    assert result.stderr.strip() == "False"


# --- Nothing ends in a traceback: one line and exit 2 --------------------------------------

DEEP = 200_000


def refusal(capsys: pytest.CaptureFixture[str], argv: list[str], stdin: str = "21234567\n") -> str:
    """The one line on standard error of a command that must exit 2 (usage errors end in SystemExit)."""
    try:
        code, _ = run(argv, stdin)
    except SystemExit as exit_:
        code = exit_.code
    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1 and "Traceback" not in error, error
    return error


@pytest.mark.parametrize("nesting", ["[" * DEEP + "]" * DEEP, '{"company_name": ' * DEEP + '""' + "}" * DEEP])
def test_loa_with_details_nested_200000_deep_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], nesting: str
) -> None:
    details = tmp_path / "details.json"
    details.write_text(nesting, encoding="utf-8")
    error = refusal(capsys, ["loa", "--details", str(details), "-o", str(tmp_path / "loa.pdf")])
    assert error.strip() == t("errors.json_too_deep", name=str(details))


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31", "1900-12-31", "2101-01-01"])
def test_quote_starting_outside_the_holiday_calendars_years_is_one_line(
    capsys: pytest.CaptureFixture[str], start: str
) -> None:
    error = refusal(capsys, ["quote", "--start", start])
    assert "1901 to 2100" in error and start in error


def test_quote_whose_timeline_runs_past_the_calendar_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    error = refusal(capsys, ["quote", "--start", "2100-12-30"])
    assert error.strip() == t(
        "errors.timeline_outside_calendar", start="2100-12-30", year=2101, first=1901, last=2100
    )


@pytest.mark.parametrize("invoice", ["0001-01-01", "9999-12-31"])
def test_quote_with_an_invoice_date_outside_the_calendar_is_one_line(
    capsys: pytest.CaptureFixture[str], invoice: str
) -> None:
    assert "1901 to 2100" in refusal(capsys, ["quote", "--invoice-date", invoice])


@pytest.mark.parametrize("command", ["check", "quote"])
def test_a_directory_given_as_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert str(tmp_path) in refusal(capsys, [command, str(tmp_path)])


def test_loa_with_a_directory_as_details_or_output_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    refusal(capsys, ["loa", "--details", str(tmp_path), "-o", str(tmp_path / "loa.pdf")])
    details = tmp_path / "details.json"
    details.write_text(json.dumps(DETAILS), encoding="utf-8")
    assert "Cannot write" in refusal(capsys, ["loa", "--details", str(details), "-o", str(tmp_path)])


def test_a_database_driver_that_is_not_installed_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql+psycopg2://porter:s3cret@db.example/porting"
    monkeypatch.setitem(sys.modules, "psycopg2", None)  # not installed, wherever the tests run
    error = refusal(capsys, ["requests", "list", "--database", url])
    assert error.strip() == t("errors.database_driver", module="psycopg2")
    monkeypatch.setenv("DATABASE_URL", url)
    assert "s3cret" not in refusal(capsys, ["requests", "list"])


def test_a_failure_of_ours_is_one_line_with_an_error_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("an internal detail")

    monkeypatch.setattr("porting.cli.inputs.read_numbers", broken)
    error = refusal(capsys, ["check"])
    assert re.fullmatch(
        re.escape(t("errors.cli_internal", error_id="E-XXXXXX")).replace("XXXXXX", "[0-9A-Z]{6}"),
        error.strip(),
    )
    assert "internal detail" not in error


def test_ctrl_c_stops_with_one_line_and_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("porting.cli.inputs.read_numbers", interrupted)
    assert run(["check"])[0] == 130
    assert capsys.readouterr().err == t("errors.interrupted") + "\n"


def test_a_reader_that_stops_reading_ends_the_command_quietly() -> None:
    command = [sys.executable, "-m", "porting", "check"]
    numbers = "\n".join(str(number) for number in range(21_000_000, 21_050_000)) + "\n"
    with subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        process.stdin.write(numbers)
        process.stdin.close()
        process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        error = process.stderr.read()
    assert process.returncode == 2 and error == ""
