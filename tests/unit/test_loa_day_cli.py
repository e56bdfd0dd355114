"""``python -m porting loa`` refuses a requested day that cannot be the porting day: exit 2, the day,
why, and the nearest days that work."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from samples import BLAABAER

from porting.cli.main import main

TODAY = date(2026, 12, 1)  # the earliest porting day is Thursday 24 December 2026


@pytest.fixture(autouse=True)
def today_is_1_december_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("porting.calendar.oslo_today", lambda now=None: TODAY)


def loa(tmp_path: Path, requested: str, *language: str) -> tuple[int, Path]:
    details = tmp_path / "details.json"
    details.write_text(json.dumps(asdict(BLAABAER) | {"requested_date": requested}), encoding="utf-8")
    output = tmp_path / "loa.pdf"
    argv = ["loa", "--details", str(details), "-o", str(output), *language]
    return main(argv, stdin=io.StringIO("21234567\n"), stdout=io.StringIO()), output


def test_christmas_day_is_refused_with_the_business_days_around_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = loa(tmp_path, "2026-12-25")
    assert code == 2 and not output.exists()
    assert capsys.readouterr().err.strip() == (
        "Requested porting day: Friday 25 December 2026 cannot be the porting day: it is a public "
        "holiday (Christmas Day). The nearest days that work: Thursday 24 December 2026 or Monday "
        "28 December 2026."
    )


def test_a_saturday_is_refused_with_the_friday_and_the_monday(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = loa(tmp_path, "2027-01-09", "--lang", "nb")
    error = capsys.readouterr().err
    assert code == 2 and not output.exists()
    assert "lørdag 9. januar 2027" in error and "helg" in error
    assert "fredag 8. januar 2027 eller mandag 11. januar 2027" in error


def test_a_day_before_the_earliest_is_refused_with_the_earliest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = loa(tmp_path, "2026-12-23")
    error = capsys.readouterr().err
    assert code == 2 and not output.exists()
    assert "Wednesday 23 December 2026 cannot be the porting day" in error
    assert "before the earliest possible porting day, Thursday 24 December 2026" in error
    assert "The nearest day that works: Thursday 24 December 2026." in error


def test_christmas_eve_makes_the_letter_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    code, output = loa(tmp_path, "2026-12-24", "--lang", "en")
    assert code == 0
    assert "rarely port" in capsys.readouterr().err
    text = "\n".join(page.extract_text() for page in PdfReader(output).pages)
    assert "Thursday 24 December 2026" in text
