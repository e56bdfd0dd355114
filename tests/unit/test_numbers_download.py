"""The numbers as the customer downloads them: safe to open in a spreadsheet, numbers in E.164
and statuses in words."""

from __future__ import annotations

import csv
import io

import ui
from porting.i18n import t
from porting.wizard.state import PortingRequest

HOSTILE = ['=HYPERLINK("https://evil.example")', "+47 21 23 45 67", "-2+3", "@SUM(A1)", "\t=1+1", "41234567"]


def downloaded(text: str, language: str = "en") -> list[dict[str, str]]:
    view = ui.numbers_view(PortingRequest(numbers_text=text, language=language))
    assert view is not None
    return list(csv.DictReader(io.StringIO(ui.numbers_csv(view).decode("utf-8-sig"))))


def test_no_cell_of_the_download_is_a_formula() -> None:
    rows = downloaded("\n".join(HOSTILE))
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    entered = {row[t("numbers.col_entered")] for row in rows}
    assert '\'=HYPERLINK("https://evil.example")' in entered and "'@SUM(A1)" in entered


def test_numbers_are_e164_and_statuses_are_words() -> None:
    rows = downloaded("21 23 45 67\n41 23 45 67\n123", "nb")
    by_entered = {row[t("numbers.col_entered", "nb")]: row for row in rows}
    # E.164, kept as text: a spreadsheet would read "+4721234567" as a sum and drop the plus
    assert by_entered["21 23 45 67"][t("numbers.col_number", "nb")] == "'+4721234567"
    assert by_entered["41 23 45 67"][t("numbers.col_status", "nb")] == t("status.virtual_caller_id", "nb")
    assert {row[t("numbers.col_status", "nb")] for row in rows} <= {
        t(f"status.{status}", "nb") for status in ("portable", "virtual_caller_id", "not_portable", "invalid")
    }
