"""The numbers page through Streamlit's AppTest: input, live results, counts and messages."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui
from porting.i18n import t

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=30).run()


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def paste(app: AppTest, text: str) -> AppTest:
    return app.text_area[0].input(text).run()


def submitted_on_19_march_2027(app: AppTest) -> AppTest:
    paste(app, "21234567")
    return app.date_input(key="submission_day").set_value(date(2027, 3, 19)).run()


def test_the_first_page_asks_for_numbers(app: AppTest) -> None:
    assert not app.exception
    assert app.title[0].value == t("numbers.title")
    assert app.info[0].value == t("numbers.empty")


def test_pasted_numbers_show_counts_and_a_table(app: AppTest) -> None:
    paste(app, "+47 21 23 45 67\n21234567\n800 12 345\n41234567\n999\n85012345")
    assert not app.exception
    assert (
        metrics(app).items()
        >= {
            t("numbers.metric_entered"): "6",
            t("numbers.metric_distinct"): "5",
            t("numbers.metric_portable"): "3",
            t("numbers.metric_mobile"): "1",
        }.items()
    )
    table = app.dataframe[0].value
    assert list(table["number"]) == ["21 23 45 67", "800 12 345", "41 23 45 67", "999", "850 12 345"]
    assert list(table["repeats"]) == [1, 0, 0, 0, 0]
    # Words, not icons: a table cannot draw Material icons, and emoji need a font kiosks lack.
    assert (table["status"][0], table["status"][3]) == (t("status.portable"), t("status.invalid"))
    counts = app.table[0].value
    assert dict(zip(counts.iloc[:, 0], counts.iloc[:, 1], strict=True)) == {
        t("type.geographic"): 1,
        t("type.toll_free"): 1,
        t("type.national"): 1,
        t("type.mobile"): 1,
        t("type.invalid"): 1,
    }


def test_mobile_numbers_get_the_virtual_caller_id_offer(app: AppTest) -> None:
    paste(app, "41234567\n91234567")
    offer = app.info[0].value
    assert "Virtual Caller ID" in offer and "41 23 45 67, 91 23 45 67" in offer


def test_a_huge_paste_gets_an_error_not_a_crash(app: AppTest) -> None:
    paste(app, "21234567\n" * 600_000)
    assert not app.exception
    assert "too large" in app.error[0].value
    assert not app.dataframe


def test_a_range_over_the_cap_explains_itself(app: AppTest) -> None:
    paste(app, "21000000-21999999")
    assert "at most 10,000" in app.dataframe[0].value["note"][0]


def test_the_numbers_survive_a_rerun_and_are_kept_in_the_request(app: AppTest) -> None:
    paste(app, "21234567")
    app.run()
    assert app.text_area[0].value == "21234567"
    assert app.session_state["porting_request"].numbers_text == "21234567"


def test_an_uploaded_spreadsheet_is_read(app: AppTest) -> None:
    buffer = io.BytesIO()
    pd.DataFrame({"Kontor": ["Oslo", "Bergen"], "Telefon": [21234567, 55123456]}).to_excel(
        buffer, index=False
    )
    app.segmented_control[0].set_value("file").run()
    app.file_uploader[0].set_value(("numbers.xlsx", buffer.getvalue(), "application/octet-stream")).run()
    assert not app.exception
    assert metrics(app)[t("numbers.metric_portable")] == "2"
    assert t("numbers.column_used", column="Telefon") in [caption.value for caption in app.caption]


def test_a_broken_upload_gets_a_clear_error(app: AppTest) -> None:
    app.segmented_control[0].set_value("file").run()
    app.file_uploader[0].set_value(("numbers.xlsx", b"PK\x03\x04 nonsense", "application/octet-stream")).run()
    assert not app.exception
    assert "could not be opened" in app.error[0].value


def test_the_page_speaks_norwegian(app: AppTest) -> None:
    app.sidebar.selectbox(key="language").select_index(1).run()
    paste(app, "41234567")
    assert app.title[0].value == t("numbers.title", "nb")
    assert "virtuell oppringer-ID" in app.info[0].value


def test_the_live_quote_prices_the_portable_numbers(app: AppTest) -> None:
    paste(app, "21234567\n21234567\n80012345\n41234567\n85012345")
    shown = metrics(app)
    assert shown[t("quote.metric_portable")] == "3"
    assert shown[t("quote.metric_requests")] == "1"
    assert shown[t("quote.metric_total")] == "€45.00"


def test_the_timeline_shows_the_porting_day_for_the_planned_submission(app: AppTest) -> None:
    shown = metrics(submitted_on_19_march_2027(app))
    assert shown[t("timeline.metric_porting_day")] == "16 Apr 2027"
    assert shown[t("timeline.metric_window")] == "12 Apr – 14 Apr"
    assert "Easter: 3 business days off" in [caption.value for caption in app.caption]


def test_a_second_provider_makes_a_second_request(app: AppTest) -> None:
    paste(app, "21234567\n80012345\n85012345")
    app.number_input(key="provider_count").set_value(2).run()
    assert not app.exception
    assert metrics(app)[t("quote.metric_requests")] == "1"  # every number still with the first provider
    request = app.session_state["porting_request"]
    request.provider_of = {"80012345": 1}
    app.run()
    assert metrics(app)[t("quote.metric_requests")] == "2"
    assert metrics(app)[t("quote.metric_total")] == "€75.00"


def test_a_long_list_is_assigned_to_providers_a_page_at_a_time(app: AppTest) -> None:
    paste(app, "21000000-21000249")
    app.number_input(key="provider_count").set_value(2).run()
    editor = app.dataframe(key="provider_of_2")
    assert len(editor.value) == 100 and editor.value["number"].iloc[0] == "21 00 00 00"
    assert app.caption.values.count(t("table.page_rows", first="1", last="100", total="250")) == 2
    request = app.session_state["porting_request"]
    request.provider_of = {"21000210": 1}  # as if chosen on the last page
    app.number_input(key="provider_of_2_page").set_value(3).run()
    assert not app.exception
    editor = next(frame for frame in app.dataframe if frame.key == "provider_of_2_200")
    assert len(editor.value) == 50 and editor.value["number"].iloc[0] == "21 00 02 00"
    assert editor.value["provider"].iloc[10] == t("quote.provider_name", index=2)
    app.number_input(key="provider_of_2_page").set_value(1).run()  # another page keeps the choice
    assert app.session_state["porting_request"].provider_of["21000210"] == 1
    assert len(app.session_state["porting_request"].provider_of) == 250
    assert metrics(app)[t("quote.metric_requests")] == "2"


def test_a_requested_day_on_a_holiday_is_refused_with_the_nearest_days(app: AppTest) -> None:
    submitted_on_19_march_2027(app).date_input(key="requested_porting_day").set_value(date(2027, 5, 17)).run()
    assert "Tuesday 18 May 2027" in app.error[0].value  # refused beside the field, with the day before too
    assert metrics(app)[t("timeline.metric_porting_day")] == "16 Apr 2027"


def test_an_old_invoice_is_flagged_with_its_last_valid_day(app: AppTest) -> None:
    submitted_on_19_march_2027(app).date_input(key="invoice_day").set_value(date(2026, 11, 1)).run()
    assert "too old" in app.warning[0].value
    assert "Tuesday 1 December 2026" in app.warning[0].value


def test_a_column_name_from_a_file_is_shown_as_text(app: AppTest) -> None:
    data = b"![x](http://example.invalid/x.png);Name\n21234567;Oslo\n"
    app.segmented_control[0].set_value("file").run()
    app.file_uploader[0].set_value(("numbers.csv", data, "text/csv")).run()
    caption = next(caption.value for caption in app.caption if "![x]" in caption.value.replace("\\", ""))
    assert "\\!\\[x\\]" in caption


def test_the_language_switch_changes_the_page(app: AppTest) -> None:
    app.sidebar.selectbox(key="language").select_index(1).run()  # the options are en, nb
    assert app.title[0].value == t("numbers.title", "nb")
    assert app.session_state["porting_request"].language == "nb"
    app.run()
    assert app.sidebar.selectbox(key="language").value == "nb"


def test_the_quote_pdf_is_made_only_when_asked_for_once_per_input(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import streamlit as st

    import ui.wizard.quote

    made: list[int] = []
    build = ui.wizard.quote.build_quote_pdf
    monkeypatch.setattr(
        ui.wizard.quote, "build_quote_pdf", lambda *args, **kw: made.append(1) or build(*args, **kw)
    )
    st.cache_data.clear()
    paste(app, "21234567\n80012345")
    assert not app.exception
    assert not app.get("download_button")[1:]  # the numbers' CSV only: no PDF made for showing the quote
    assert made == []
    app.button(key="prepare_quote_pdf").click().run()
    assert [button.label for button in app.get("download_button")][1:] == [t("quote.download_pdf")]
    app.run()
    paste(app, "21234567")
    assert not app.get("download_button")[1:]  # another input asks again
    paste(app, "21234567\n80012345")
    assert [button.label for button in app.get("download_button")][1:] == [t("quote.download_pdf")]
    assert made == [1]  # the first input's PDF came from the cache


def test_a_hostile_csv_header_in_a_problem_is_shown_as_text() -> None:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.segmented_control(key="numbers_source").set_value("file").run()
    data = b"[Sign in](https://evil.example),:material/lock:\nabc,def\n"
    app.file_uploader[0].set_value(("numbers.csv", data, "text/csv")).run()
    app.text_input(key="numbers_column").input("Nummer").run()  # the problem lists the header cells
    assert not app.exception
    shown = [item.value for item in [*app.error, *app.warning]]
    assert any(ui.plain("[Sign in](https://evil.example)") in value for value in shown)
    assert all("](" not in value and ":material/" not in value for value in shown)


def test_a_long_table_is_shown_a_page_at_a_time(app: AppTest) -> None:
    paste(app, "21000000-21000249")
    assert not app.exception
    assert list(app.dataframe[0].value["number"])[:2] == ["21 00 00 00", "21 00 00 01"]
    assert len(app.dataframe[0].value) == 100
    captions = [caption.value for caption in app.caption]
    assert t("table.page_rows", first="1", last="100", total="250") in captions
    app.number_input(key="numbers_page").set_value(3).run()
    table = app.dataframe[0].value
    assert len(table) == 50 and table["number"].iloc[0] == "21 00 02 00"
    paste(app, "21000000-21000149")  # a shorter list keeps the page within it
    assert app.number_input(key="numbers_page").value == 2
    assert app.dataframe[0].value["number"].iloc[-1] == "21 00 01 49"


def test_an_entry_too_long_is_shown_shortened_in_the_table(app: AppTest) -> None:
    paste(app, "21234567\n" + "2" * 1_576)
    table = app.dataframe[0].value
    assert list(table["entered"]) == ["21234567", "2" * 59 + "…"]
    assert table["number"][1] == "2" * 59 + "…"


def test_the_numbers_left_out_of_the_quote_are_listed_a_page_at_a_time(app: AppTest) -> None:
    paste(app, "21234567\n41000000-41000149")
    left_out = app.dataframe[-1].value
    assert len(left_out) == 100
    app.number_input(key="not_included_page").set_value(2).run()
    left_out = app.dataframe[-1].value
    assert len(left_out) == 50 and left_out.iloc[-1, 0] == "41 00 01 49"
