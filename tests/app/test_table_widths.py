"""Tables drawn on a canvas give each column the width its longest text needs: the grid sized a
column by its first rows, so "Hordaland" under "Oslo" was cut to "Hordala"."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from porting.i18n import t
from ui.tables import NARROWEST, WIDEST, fitted_columns, width_for

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_a_column_is_as_wide_as_its_longest_text_its_header_included() -> None:
    assert width_for(["Area", "Oslo", "Hordaland"]) > width_for(["Area", "Oslo"])
    assert width_for(["Entered as", "1"]) == width_for(["Entered as"])  # the header is the longest
    assert width_for([]) == width_for([""]) == NARROWEST
    assert width_for(["a sentence " * 100]) == WIDEST  # the widest column is capped


def test_every_column_is_fitted_and_only_the_pinned_ones_are_pinned() -> None:
    frame = pd.DataFrame({"number": ["21 23 45 67"], "area": ["Hordaland"], "count": [3]})
    config = fitted_columns(frame, {"number": "Number"}, pinned=("number",))
    assert config["number"]["label"] == "Number" and config["area"]["label"] == "area"
    assert config["number"]["pinned"] is True and config["area"].get("pinned") is None
    assert all(isinstance(column["width"], int) for column in config.values())


def test_the_numbers_table_gives_a_long_area_further_down_its_width() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input("21 23 45 67, 55 12 34 56").run()  # Oslo, then an area with a longer name
    assert not app.exception
    columns = json.loads(app.dataframe[0].proto.columns)
    area, label = columns["area"], t("numbers.col_area")
    assert area["label"] == label and area["width"] > width_for([label, "Oslo"])
    assert all(isinstance(columns[name].get("width"), int) for name in columns if name != "_index")
    assert columns["number"]["pinned"] is True
