"""A quote in a link: the numbers and the number of providers, kept in URL query parameters.

Short lists stay readable (``21234567,80012345``); longer ones are compressed with zlib and
written in URL-safe base64 behind a ``z`` marker. Links have a practical length limit, so a
list too long for one says so instead of making a link that breaks. A link is opened by
anyone who is sent it, so what it may open is capped too (``max_numbers_per_link``): a few
characters of ranges must not expand to 100,000 numbers (``opened_numbers``).

>>> decode_numbers(encode_numbers("21234567\\n80012345"))
'21234567\\n80012345'
>>> encode_numbers("21234567\\n80012345")
'21234567,80012345'
>>> decode_numbers(encode_numbers("\\n".join(str(21000000 + n) for n in range(500)))).count("\\n")
499

With several providers, which provider each number is with (all but the first's) goes in ``a``:

>>> encode_assignment({"21234567": 0, "22334455": 1, "23456789": 2})
'22334455.1,23456789.2'
>>> decode_assignment("22334455.1,23456789.2", providers=3)
{'22334455': 1, '23456789': 2}
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from typing import NamedTuple

from porting.numbers.intake import line_counts
from porting.rules import rules

MAX_LINK_CHARACTERS = 6_000  # under what browsers, servers and chat apps reliably pass on
_PLAIN = re.compile(r"[0-9+,\- ]*")
_COMPRESSED = "z"
_MAX_DECODED = 5_000_000  # never inflate more than a paste may hold


def encode_numbers(text: str) -> str | None:
    """The numbers for a query parameter, or ``None`` when even compressed they are too long."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    plain = ",".join(lines)
    if not any("," in line for line in lines) and _PLAIN.fullmatch(plain) and len(plain) <= 200:
        return plain
    packed = base64.urlsafe_b64encode(zlib.compress("\n".join(lines).encode("utf-8"), 9)).decode("ascii")
    encoded = _COMPRESSED + packed.rstrip("=")
    return encoded if len(encoded) <= MAX_LINK_CHARACTERS else None


def decode_numbers(value: str) -> str:
    """The pasted text a link carries; anything that is not a valid encoding gives ``""``."""
    if not value.startswith(_COMPRESSED):
        return "\n".join(part for part in value.split(",") if part) if _PLAIN.fullmatch(value) else ""
    packed = value[len(_COMPRESSED) :]
    try:
        data = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        inflater = zlib.decompressobj()
        text = inflater.decompress(data, _MAX_DECODED)
        if inflater.unconsumed_tail:
            return ""  # a link that would inflate past what a paste may hold
        return text.decode("utf-8")
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError):
        return ""


class OpenedNumbers(NamedTuple):
    """What a link opens: its text cut to whole lines, and how many numbers that text holds."""

    text: str
    kept: int  # numbers in ``text``
    capped: bool  # the link held more than a link may open


def opened_numbers(value: str) -> OpenedNumbers:
    """The numbers a link's ``n`` carries, cut to the whole lines that hold at most
    ``max_numbers_per_link`` numbers (a range counts every number in it).

    >>> opened_numbers("21234567,80012345")
    OpenedNumbers(text='21234567\\n80012345', kept=2, capped=False)
    >>> opened = opened_numbers("21234567,21000000-21009998,22000000-22009999")
    >>> opened.text, opened.kept, opened.capped
    ('21234567\\n21000000-21009998', 10000, True)
    """
    limit = rules().limits.max_numbers_per_link
    # A link carries no blank lines (encode_numbers drops them), so a line holds a number at least.
    lines = [line for line in decode_numbers(value).splitlines() if line.strip()][: limit + 2]
    kept = 0
    for index, rows in enumerate(line_counts("\n".join(lines))):  # counted, not read: read once, later
        if kept + rows > limit:
            return OpenedNumbers("\n".join(lines[:index]), kept, capped=True)  # that line goes whole
        kept += rows
    return OpenedNumbers("\n".join(lines), kept, capped=False)


_ASSIGNED = re.compile(r"(\d{3,15})\.(\d{1,3})")  # a national number and its provider's index


def encode_assignment(provider_of: dict[str, int]) -> str:
    """Which provider each number is with, for a link: the numbers not with the first provider
    (index 0, where every number starts), as ``number.index`` pairs."""
    return ",".join(f"{number}.{index}" for number, index in sorted(provider_of.items()) if index > 0)


def decode_assignment(value: str, *, providers: int) -> dict[str, int]:
    """The assignment a link's ``a`` carries; a pair that is not a number and an index below
    ``providers`` is left out (anyone may craft a link), and so is any pair past the
    ``max_numbers_per_link``-th.

    >>> decode_assignment("22334455.1,x.1,23456789.7,=1.1", providers=2)
    {'22334455': 1}
    """
    limit = rules().limits.max_numbers_per_link
    found: dict[str, int] = {}
    for pair in value.split(",", limit)[:limit]:
        matched = _ASSIGNED.fullmatch(pair)
        if matched is not None and 0 < int(matched[2]) < providers:
            found[matched[1]] = int(matched[2])
    return found
