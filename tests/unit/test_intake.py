"""Reading numbers as people paste them: separators, ranges, duplicates and bad input."""

from __future__ import annotations

import pytest

from porting.numbers import intake, text as number_text
from porting.numbers.intake import columns_of, read_numbers
from porting.numbers.numbering import NumberingPlan, parse_number
from porting.rules import rules


def nationals(text: str) -> list[str | None]:
    return [row.national for row in read_numbers(text).rows]


@pytest.mark.parametrize(
    "text",
    [
        "21234567\n80012345\n41234567",
        "21234567, 80012345, 41234567",
        "21234567;80012345;41234567",
        "21234567\t80012345\t41234567",
        "21234567\r\n80012345\r\n41234567\r\n",
        "\n\n21234567 ,, 80012345;\n\n 41234567\n",
    ],
)
def test_entries_are_separated_by_new_lines_commas_semicolons_and_tabs(text: str) -> None:
    assert nationals(text) == ["21234567", "80012345", "41234567"]


def test_rows_keep_the_input_text_and_its_line() -> None:
    rows = read_numbers("+47 21 23 45 67\n\n800 12 345; 999").rows
    assert [(row.input, row.line) for row in rows] == [("+47 21 23 45 67", 1), ("800 12 345", 3), ("999", 3)]


@pytest.mark.parametrize(
    "text", ["21234500-21234599", "21 23 45 00 - 21 23 45 99", "21234500-99", "+47 21234500 – +47 21234599"]
)
def test_ranges_expand_to_every_number(text: str) -> None:
    rows = read_numbers(text).rows
    assert len(rows) == 100
    assert rows[0].national == "21234500" and rows[-1].national == "21234599"
    assert all(row.input == text and row.line == 1 and row.portable for row in rows)


def test_dashes_inside_a_number_are_not_a_range() -> None:
    assert nationals("21-23-45-67\n2123-4567\n800-12-345") == ["21234567", "21234567", "80012345"]


def test_a_range_ending_before_it_starts_is_one_invalid_row() -> None:
    (row,) = read_numbers("21234599-21234500").rows
    assert row.type == "invalid" and row.reason is not None and row.reason.code == "range_reversed"


def test_a_range_over_the_cap_is_one_invalid_row_with_a_clear_reason() -> None:
    limit = rules().limits.max_numbers_per_range
    (row,) = read_numbers("21000000-21999999").rows
    assert row.reason is not None and row.reason.code == "range_too_large"
    assert f"{limit:,}" in row.reason.text("en")
    assert len(read_numbers(f"21000000-{21000000 + limit - 1}").rows) == limit


def test_input_over_the_number_cap_stops_with_a_problem() -> None:
    limit = rules().limits.max_numbers_per_input
    text = "\n".join(f"2{block:03d}0000-2{block:03d}9999" for block in range(limit // 10_000 + 1))
    reading = read_numbers(text)
    assert len(reading.rows) == limit
    assert [problem.reason.code for problem in reading.problems] == ["too_many_numbers"]
    assert not reading.fatal


def test_a_huge_paste_is_refused_with_a_message_not_an_exception() -> None:
    reading = read_numbers("2" * 10_000_000)
    assert reading.rows == ()
    assert reading.fatal
    assert "too large" in reading.problems[0].reason.text("en")


def test_one_absurdly_long_entry_is_an_invalid_row() -> None:
    (row,) = read_numbers("9" * 5000).rows
    assert row.reason is not None and row.reason.code == "too_long"


def test_duplicates_stay_as_rows_pointing_to_their_first_line() -> None:
    reading = read_numbers("21234567\n+47 21 23 45 67\n80012345\n0047 21234567")
    assert [row.duplicate_of for row in reading.rows] == [None, 1, None, 1]
    assert reading.repeats["21234567"] == 2


def test_duplicates_are_counted_once() -> None:
    reading = read_numbers("21234567\n21234567\n21234500-21234570\n41234567\n41234567")
    assert len(reading.rows) == 75
    assert reading.counts_by_type == {"geographic": 71, "mobile": 1}
    assert len(reading.portable_rows) == 71


def test_a_repeat_on_the_same_line_points_to_that_line() -> None:
    assert [row.duplicate_of for row in read_numbers("21234567, 21234567").rows] == [None, 1]


def test_invalid_entries_are_never_duplicates() -> None:
    reading = read_numbers("999\n999")
    assert [row.duplicate_of for row in reading.rows] == [None, None]
    assert reading.counts_by_type == {"invalid": 2}


def test_empty_input_gives_no_rows_and_no_problem() -> None:
    for text in ("", "   ", "\n\n,;\t\n"):
        reading = read_numbers(text)
        assert reading.rows == () and reading.problems == ()


def test_results_carry_e164_display_type_area_and_reason() -> None:
    geographic, toll_free, mobile, foreign = read_numbers("21234567\n80012345\n41234567\n+46812345678").rows
    assert (geographic.e164, geographic.display, geographic.area and geographic.area.names["en"]) == (
        "+4721234567",
        "21 23 45 67",
        "Oslo",
    )
    assert (toll_free.e164, toll_free.display, toll_free.area, toll_free.reason) == (
        "+4780012345",
        "800 12 345",
        None,
        None,
    )
    assert mobile.virtual_caller_id and not mobile.portable
    assert foreign.e164 is None and foreign.display == "+46812345678"


def test_rows_behave_as_a_tuple_of_results() -> None:
    rows = read_numbers("21234567\n999\n+47 21 23 45 67").rows
    assert rows == tuple(rows) and tuple(rows) == rows and rows != ()
    assert rows[-1].duplicate_of == 1 and rows[1:] == tuple(rows)[1:]
    assert rows[0] in rows and rows.index(rows[1]) == 1
    assert [row.line for row in reversed(rows)] == [3, 2, 1]


# Written forms of a number cut in two: its head and its last five digits.
FORMS = ("+47 {} {}", "0047 {}{}", "47 {}{}", "{}{}", "(+47) {}-{}", "tel:+47{}{}", "+47 (0) {}{}")


def test_a_list_reads_the_same_whether_its_forms_are_new_or_known(monkeypatch: pytest.MonkeyPatch) -> None:
    heads = ("212", "800", "412", "851", "199", "21")  # the last two are no numbers
    singles = [
        form.format(head, f"{tail:05d}") for head in heads for tail in range(0, 90, 3) for form in FORMS
    ]
    others = ["", "+46 8 123 456 78", "2123456x", "21234500-05", "21234567, 22334455", "9" * 50, singles[0]]
    fresh = NumberingPlan(rules())
    monkeypatch.setattr(number_text, "plan", lambda: fresh)
    text = "\n".join(singles + others)
    first = read_numbers(text)  # every form is new
    assert read_numbers(text) == first  # every form is known
    assert [(row.national, row.type, row.reason) for row in first.rows[: len(singles)]] == [
        (parsed.national, parsed.classification.type, parsed.reason) for parsed in map(parse_number, singles)
    ]
    assert len(first.rows) == len(singles) + 12 and first.rows[-1].duplicate_of == 1


def test_a_paste_over_the_number_cap_keeps_its_first_numbers() -> None:
    limit = rules().limits.max_numbers_per_input
    reading = read_numbers("\n".join(str(21_000_000 + index) for index in range(limit + 1)))
    assert len(reading.rows) == limit and reading.rows[-1].national == str(21_000_000 + limit - 1)
    assert [problem.reason.code for problem in reading.problems] == ["too_many_numbers"]


def test_columns_are_the_same_for_rows_and_a_tuple_of_them() -> None:
    reading = read_numbers("21 23 45 67\n800 12 345\n21 23 45 67\nhello")
    columns = [list(column) for column in columns_of(reading.rows)]
    assert columns == [list(column) for column in columns_of(tuple(reading.rows))]
    assert columns == [list(field) for field in zip(*reading.rows, strict=True)]
    assert columns[4] == [None, None, 1, None]  # the repeat points to line 1
    assert columns_of(()) == ((), (), (), (), ())


def test_a_reading_may_be_held_to_fewer_rows_than_an_input_may_hold() -> None:
    reading = intake.read_text("21000000-21009999\n21010000-21019999\n22334455", limit=15_000)
    assert len(reading.rows) == 15_000
    assert [problem.reason.code for problem in reading.problems] == ["too_many_numbers"]
    assert "15,000" in reading.problems[0].reason.text("en")


def test_a_long_entry_is_shown_shortened_but_kept_whole() -> None:
    entry = "2" * 1_576
    (row,) = read_numbers(entry).rows
    longest = rules().limits.shown_entry_characters
    assert row.input == entry
    assert row.display == "2" * (longest - 1) + "…"
