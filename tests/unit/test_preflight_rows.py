"""The pre-flight rows a person reads: each named for what it checks, in one of four states, and
the range check's blocks, which are runs of consecutive numbers and nothing else."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from hypothesis import given, settings, strategies as st

from porting.company.details import CompanyDetails
from porting.documents.findings import Confirmations
from porting.documents.preflight import preflight, range_blocks
from porting.numbers.intake import read_numbers

SUBMISSION_DAY = date(2027, 3, 1)

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
