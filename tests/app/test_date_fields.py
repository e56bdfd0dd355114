"""Date fields show and take a day in the language's form: DD.MM.YYYY in Bokmål, ISO in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.mark.parametrize(("language", "form"), [("nb", "DD.MM.YYYY"), ("en", "YYYY-MM-DD")])
def test_the_quotes_date_fields_follow_the_language(language: str, form: str) -> None:
    app = AppTest.from_file(APP, default_timeout=30)
    app.query_params["lang"] = language
    app.query_params["n"] = "21234567"
    app.run()
    assert not app.exception
    fields = app.date_input
    assert len(fields) >= 3  # submission day, requested day, invoice day
    assert {field.proto.format for field in fields} == {form}
