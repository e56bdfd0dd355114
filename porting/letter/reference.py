"""The letter's reference: a short code printed on every page of the letter of authorization, made
from what the letter authorizes (the organisation number and the numbers), and read back from the
signed letter, even from a scan, to tell that it is the letter made here for this request.

The code is eight symbols of Crockford's base 32 (digits and capitals without I, L, O and U, so
that a misread letter is read as the digit it looks like) and a check symbol by ISO 7064
MOD 33,32 (``stdnum.iso7064.mod_37_36`` with that alphabet), which catches every single misread
symbol and most swaps: ``LOA-K7M3-Q9XD-R``. The same organisation number and numbers, in any
order or spacing, give the same code; anything else a different one.

>>> code = letter_reference("974 760 673", ["22334455", "21234567"])
>>> code == letter_reference("974760673", ["21234567", "22334455", "21234567"])
True
>>> code == letter_reference("974760673", ["21234567"])
False
>>> references_in(f"Page 1 of 2 · Ref. {code}") == (code,)
True
>>> misread = code.replace("-", " ").replace("0", "O").replace("1", "l")  # as OCR may read it
>>> references_in(f"Ref. {misread}".replace("LOA", "L0A")) == (code,)
True
>>> references_in("LOA-AAAA-AAAA-A")  # the check symbol does not match: no reference
()
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from stdnum.iso7064 import mod_37_36

from porting.company.details import compact_org_number
from porting.formatting import CROCKFORD as ALPHABET, short_code

PREFIX = "LOA"
_BODY = 8  # symbols before the check symbol: 40 bits
# What OCR or a person may read instead of a symbol of the alphabet.
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_WRITTEN = re.compile(
    r"(?<![0-9A-Z])L[O0]A[ .·:_-]{0,3}"
    r"(?P<code>(?:[0-9A-Z][ .-]?){" + str(_BODY) + r"}[ .-]{0,2}[0-9A-Z])(?![0-9A-Z])",
    re.IGNORECASE,
)


def letter_reference(org_number: str, nationals: Iterable[str]) -> str:
    """The reference of the letter for this organisation number and these national numbers."""
    what = "|".join([compact_org_number(org_number), *sorted(set(nationals))])
    body = short_code(what, _BODY)
    check = mod_37_36.calc_check_digit(body, alphabet=ALPHABET)
    return f"{PREFIX}-{body[:4]}-{body[4:]}-{check}"


def references_in(text: str) -> tuple[str, ...]:
    """The valid references written in ``text``, each once, in order, however they are spaced and
    with the misreadings of a scan (O for 0, I or l for 1)."""
    found: dict[str, None] = {}
    for written in _WRITTEN.finditer(text):
        symbols = re.sub(r"[ .-]", "", written.group("code")).upper().translate(_MISREAD)
        body, check = symbols[:-1], symbols[-1]
        valid = len(body) == _BODY and all(symbol in ALPHABET for symbol in symbols)
        if valid and mod_37_36.calc_check_digit(body, alphabet=ALPHABET) == check:
            found[f"{PREFIX}-{body[:4]}-{body[4:]}-{check}"] = None
    return tuple(found)
