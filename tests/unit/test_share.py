"""Quotes in links: what goes in comes out, and a broken or hostile link gives nothing."""

from __future__ import annotations

import base64
import zlib

from hypothesis import given, strategies as st

from porting.numbers.share import MAX_LINK_CHARACTERS, decode_numbers, encode_numbers


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
