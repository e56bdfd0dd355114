"""Property-based tests: any text yields rows and never raises."""

from __future__ import annotations

import string

from hypothesis import given, settings, strategies as st

from porting.numbers.intake import read_numbers
from porting.numbers.summary import summarize

# Characters that separate entries or lines, and dashes (which may make a range).
_SEPARATORS = ",;\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"

entry_text = st.text(
    alphabet=st.characters(blacklist_characters=_SEPARATORS + _DASHES, blacklist_categories=("Cs",)),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() != "")

number_like = st.builds(
    lambda prefix, digits, spacer: prefix + spacer.join(digits),
    st.sampled_from(["", "+47 ", "0047", "47", "(+47) ", "tel:+47", "+46 ", "+47 (0) "]),
    st.lists(st.sampled_from(string.digits), min_size=1, max_size=14),
    st.sampled_from(["", " ", ".", "(", ")"]),
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_yields_rows_and_never_raises(text: str) -> None:
    reading = read_numbers(text)
    for row in reading.rows:
        assert row.type
        assert row.portable == (row.reason is None)
        assert row.e164 is None or row.e164.startswith("+47")
    summarize(reading, "nb")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(entry_text, number_like), min_size=1, max_size=40),
    st.sampled_from([",", ";", "\t", "\n"]),
)
def test_one_row_per_entry(entries: list[str], separator: str) -> None:
    reading = read_numbers(separator.join(entries))
    assert len(reading.rows) == len(entries)
    assert [row.input for row in reading.rows] == [entry.strip() for entry in entries]


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=20_000_000, max_value=99_999_000), st.integers(min_value=0, max_value=999))
def test_a_range_gives_one_row_per_number(start: int, size: int) -> None:
    rows = read_numbers(f"{start}-{start + size}").rows
    assert len(rows) == size + 1
    assert [row.national for row in rows] == [str(value) for value in range(start, start + size + 1)]


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["numbers.csv", "numbers.xlsx", "numbers.txt", "upload"]))
def test_any_file_yields_rows_or_a_problem_and_never_raises(data: bytes, name: str) -> None:
    reading = read_numbers(data, filename=name)
    assert all(row.line >= 1 and row.type for row in reading.rows)
    assert all(problem.reason.text("en") for problem in reading.problems)
