"""The baseline for ``benchmarks/numbers.py``: phonenumbers, one number at a time.

This is how the job would be done without our engine: for every line, ``phonenumbers.parse``
with region ``NO``, then ``is_valid_number``, ``number_type``, ``format_number`` (E.164 and
national) and ``geocoder.description_for_number``. ``check_number`` does one number and
``check_text`` a whole text, one number per line, marking repeats with a dict as our engine
does. Number types are mapped to our names by a small table here (not from ``rules.toml``,
so this script imports nothing of ours and its start-up is phonenumbers' alone).

Run as a script it is the baseline's counterpart of ``python -m porting check --json FILE``:

    python benchmarks/baseline_check.py FILE

prints a JSON array with one object per number and the same keys as our command: input,
line, e164, display, type, area, portable, reason (null or a short English string) and
duplicate_of (the line where the number was first entered).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType, geocoder

REGION = "NO"
COUNTRY_CODE = 47
LANGUAGE = "en"

# phonenumbers' types under our names (rules.toml, ``pn_types``); anything else is invalid.
_TYPES: dict[int, str] = {
    PhoneNumberType.FIXED_LINE: "geographic",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "geographic",
    PhoneNumberType.VOIP: "national",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.SHARED_COST: "special_service",
    PhoneNumberType.UAN: "special_service",
    PhoneNumberType.VOICEMAIL: "special_service",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.PERSONAL_NUMBER: "personal",
}
_PORTABLE = frozenset({"geographic", "national", "toll_free"})


class Checked(NamedTuple):
    """One number as the baseline sees it; the fields are the keys of the JSON output."""

    input: str
    line: int
    e164: str | None
    display: str
    type: str
    area: str | None
    portable: bool
    reason: str | None
    duplicate_of: int | None = None


def check_number(written: str, line: int = 1) -> Checked:
    """Check one written number with phonenumbers."""
    try:
        number = phonenumbers.parse(written, REGION)
    except NumberParseException:
        return Checked(written, line, None, written, "invalid", None, False, "not a phone number")
    if number.country_code != COUNTRY_CODE:
        return Checked(written, line, None, written, "invalid", None, False, "foreign")
    if not phonenumbers.is_valid_number(number):
        return Checked(written, line, None, written, "invalid", None, False, "invalid")
    kind = _TYPES.get(phonenumbers.number_type(number), "invalid")
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    area = geocoder.description_for_number(number, LANGUAGE) or None
    portable = kind in _PORTABLE
    return Checked(written, line, e164, display, kind, area, portable, None if portable else "not portable")


def check_lines(lines: Iterable[str]) -> list[Checked]:
    """Check one number per line, skipping blank lines; a repeat of a valid number names its first line."""
    rows: list[Checked] = []
    first_line: dict[str, int] = {}
    for line, text in enumerate(lines, start=1):
        written = text.strip()
        if not written:
            continue
        row = check_number(written, line)
        if row.e164 is not None:
            first = first_line.setdefault(row.e164, line)
            if first != line:
                row = row._replace(duplicate_of=first)
        rows.append(row)
    return rows


def check_text(text: str) -> list[Checked]:
    return check_lines(text.splitlines())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/baseline_check.py",
        description="Check one phone number per line with phonenumbers and print a JSON array.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="text file, one number per line")
    arguments = parser.parse_args(argv)
    try:
        text = arguments.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        print(f"cannot read {arguments.file}: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps([row._asdict() for row in check_text(text)], ensure_ascii=False))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    # Run as a script, this folder comes first on sys.path, where benchmarks/numbers.py would
    # hide the standard library's numbers module from anything importing it later.
    if sys.path and Path(sys.path[0] or ".").resolve() == Path(__file__).resolve().parent:
        del sys.path[0]
    sys.exit(main())
