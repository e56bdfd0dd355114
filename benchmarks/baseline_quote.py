"""The baseline for ``benchmarks/quote.py``: the price of a request from phonenumbers, one number at a time.

``benchmarks.baseline_check.check_text`` checks the text one number per line; the distinct E.164
numbers it finds portable are counted and priced as one request, EUR 30.00 and EUR 5.00 a number,
as the guide gives the price (the baseline has no timeline). ``compare_numbers`` names the
numbers only one side prices: phonenumbers reads the ``(0)`` of ``+47 (0) 21234567`` as a digit
and calls the 54 and 65 series invalid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from benchmarks.baseline_check import Checked, check_text
from benchmarks.written_numbers import TRUNK_ZERO_FORM, Input

if TYPE_CHECKING:
    from porting.numbers.intake import Reading

# The baseline's price, as the guide gives it: one request, then each number.
PER_REQUEST_CENTS = 3000
PER_NUMBER_CENTS = 500


def baseline_job(text: str) -> int:
    """The price of ``text`` from phonenumbers, one number at a time; returns the total in cents."""
    return baseline_price(check_text(text))


def baseline_portable(rows: Sequence[Checked]) -> int:
    """Distinct numbers phonenumbers finds portable."""
    return len({row.e164 for row in rows if row.portable and row.e164 is not None})


def baseline_price(rows: Sequence[Checked]) -> int:
    count = baseline_portable(rows)
    return PER_REQUEST_CENTS + PER_NUMBER_CENTS * count if count else 0


@dataclass(frozen=True)
class Difference:
    """Where the two quotes count different numbers."""

    baseline_misses: int  # distinct numbers the engine prices and the baseline does not
    trunk_zero_only: int  # of those, numbers only ever written as TRUNK_ZERO_FORM
    by_prefix: Counter[str]  # the other missed ones, by their first two national digits
    baseline_extra: int  # distinct numbers the baseline prices and the engine does not


def compare_numbers(reading: Reading, rows: Sequence[Checked], data: Input) -> Difference:
    """Compare the distinct portable numbers of both sides, naming the forms the baseline misses."""
    forms: dict[str, set[str]] = {}
    for row, form in zip(reading.rows, data.forms, strict=True):
        if row.portable and row.e164 is not None:
            forms.setdefault(row.e164, set()).add(form)
    theirs = {row.e164 for row in rows if row.portable and row.e164 is not None}
    missed = forms.keys() - theirs
    trunk_zero_only = {e164 for e164 in missed if forms[e164] == {TRUNK_ZERO_FORM}}
    by_prefix = Counter(e164[3:5] for e164 in missed - trunk_zero_only)
    return Difference(len(missed), len(trunk_zero_only), by_prefix, len(theirs - forms.keys()))


def difference_line(difference: Difference) -> str:
    others = ", ".join(f"{prefix} {count:,}" for prefix, count in difference.by_prefix.most_common(6))
    return (
        f"  the baseline misses {difference.baseline_misses:,} numbers the engine prices: "
        f"{difference.trunk_zero_only:,} only ever written as {TRUNK_ZERO_FORM} (phonenumbers reads the 0 "
        f"as a digit), the others by leading digits: {others or 'none'}; "
        f"it prices {difference.baseline_extra:,} the engine does not"
    )
