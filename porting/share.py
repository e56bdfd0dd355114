"""A quote in a link: the numbers and the number of providers, kept in URL query parameters.

Short lists stay readable (``21234567,80012345``); longer ones are compressed with zlib and
written in URL-safe base64 behind a ``z`` marker. Links have a practical length limit, so a
list too long for one says so instead of making a link that breaks.

>>> decode_numbers(encode_numbers("21234567\\n80012345"))
'21234567\\n80012345'
>>> encode_numbers("21234567\\n80012345")
'21234567,80012345'
>>> decode_numbers(encode_numbers("\\n".join(str(21000000 + n) for n in range(500)))).count("\\n")
499
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

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
