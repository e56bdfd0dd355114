"""Quotes in links: what goes in comes out, a broken or hostile link gives nothing, and a link
opens no more numbers than a link may, counted without reading its ranges."""

from __future__ import annotations

import base64
import zlib

from hypothesis import given, strategies as st

from porting.numbers.intake import line_counts, read_text
from porting.numbers.share import MAX_LINK_CHARACTERS, decode_numbers, encode_numbers, opened_numbers
from porting.rules import rules

_TRICKY = (
    "21234567", "21-23-45-67", "21 23 45 00 - 21 23 45 99", "21234500-99", "21234500-2",
    "21234599-21234500", "21000000-22000000", "+47 21 23 45 00–+47 21 23 45 09", "fjord-fjell",
    "21234567, 80012345; 81512345", "21234500-09,21234600-09", "-21234567", "21234567-", "2-3",
    "8" * 40 + "-" + "8" * 40, "  ", "0047 21234567-68", "21 23 45 00 – 09", "4791234567-69",
)  # fmt: skip


def test_short_lists_stay_readable() -> None:
    assert encode_numbers("21234567\n\n 80012345 ") == "21234567,80012345"


def test_any_written_form_survives_a_round_trip() -> None:
    text = "+47 (0) 21-23-45-67\ntel:+4721234567\n21 23 45 00-99\nhello"
    assert decode_numbers(encode_numbers(text) or "") == text


def test_lines_holding_commas_keep_their_lines() -> None:
    text = "21234567, 80012345\n85012345"
    assert decode_numbers(encode_numbers(text) or "") == text


def test_a_list_too_long_for_a_link_is_refused() -> None:
    import random

    rng = random.Random(7)
    text = "\n".join(str(rng.randrange(20_000_000, 99_999_999)) for _ in range(5_000))
    assert encode_numbers(text) is None
    assert len(encode_numbers(text[:2_000]) or "") <= MAX_LINK_CHARACTERS


def test_a_broken_link_gives_nothing() -> None:
    assert decode_numbers("z!!!not-base64") == ""
    assert decode_numbers("zAAAA") == ""
    assert decode_numbers("<script>") == ""


def test_a_zip_bomb_link_gives_nothing() -> None:
    bomb = base64.urlsafe_b64encode(zlib.compress(b"2" * 20_000_000, 9)).decode().rstrip("=")
    assert decode_numbers("z" + bomb) == ""


@given(st.text(max_size=300))
def test_decoding_never_raises(value: str) -> None:
    decode_numbers(value)


@given(st.lists(st.text(alphabet="0123456789 +-()", min_size=1, max_size=20).filter(str.strip), max_size=40))
def test_numbers_round_trip(lines: list[str]) -> None:
    text = "\n".join(line.strip() for line in lines)
    encoded = encode_numbers(text)
    assert encoded is not None
    assert decode_numbers(encoded) == "\n".join(line for line in text.splitlines() if line.strip())


def _rows_of_each_line(text: str) -> list[int]:
    """How many rows ``read_text`` gives each line of ``text``, read in full."""
    lines = [row.line for row in read_text(text).rows]
    return [lines.count(number) for number in range(1, len(text.splitlines()) + 1)]


def test_each_line_is_counted_as_many_rows_as_it_reads_to() -> None:
    for line in _TRICKY:
        assert line_counts(line) == _rows_of_each_line(line), line
    text = "\n".join(_TRICKY)
    assert line_counts(text) == _rows_of_each_line(text)


@given(st.lists(st.sampled_from([*_TRICKY, "21234567", "2123450", "9"]), min_size=1, max_size=12))
def test_a_link_is_counted_as_read(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert line_counts(text) == _rows_of_each_line(text)


def test_a_link_of_ranges_opens_whole_lines_up_to_its_cap_and_no_more() -> None:
    limit = rules().limits.max_numbers_per_link
    ranges = [f"{21_000_000 + k * 10_000}-{21_000_000 + k * 10_000 + 9_999}" for k in range(10)]
    opened = opened_numbers(",".join(["21234567", "21000000-21009998", "21234500-98", *ranges[1:]]))
    assert (opened.capped, opened.kept, opened.text) == (True, 10_000, "21234567\n21000000-21009998")
    assert len(read_text(opened.text).rows) == opened.kept <= limit
    assert opened_numbers(",".join(ranges[:1])).kept == 10_000
    whole = opened_numbers(encode_numbers("21234567\n21234500-99\nfjord") or "")
    assert (whole.kept, whole.capped, len(read_text(whole.text).rows)) == (102, False, 102)
