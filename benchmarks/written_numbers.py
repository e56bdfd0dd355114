"""The numbers the benchmarks check, quote and list: Norwegian numbers as people write them.

``generate(count)`` gives ``count`` numbers, one per line, made deterministically with
``random.Random(2026)``: 8-digit numbers from real series (geographic 21-24, 32, 33, 35, 37,
38, 51-57, 61-69, 70-78; mobile 40, 41, 45-48, 90-99; toll-free 800; national 850-855), about
2% of a wrong length (7 or 9 digits) and 1% foreign (+46 8 ...), about 10% repeats of an
earlier number, each written in one of eight forms chosen evenly (``+47 21 23 45 67``,
``0047 21234567``, ``47 21234567``, ``21234567``, ``(+47) 21-23-45-67``, ``+47 212 34 567``,
``+47 (0) 21234567``, ``tel:+4721234567``; foreign numbers only in the six with a country
code). It draws in order, so fewer numbers are the first lines of more.

Used by ``benchmarks/numbers.py`` and ``quote.py``; ``loa.py`` draws from the same series.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

SEED = 2026

# Leading digits of real series, drawn evenly within a kind.
GEOGRAPHIC = (
    *("21", "22", "23", "24", "32", "33", "35", "37", "38"),
    *(str(prefix) for prefix in range(51, 58)),
    *(str(prefix) for prefix in range(61, 79)),
)
MOBILE = ("40", "41", "45", "46", "47", "48", *(str(prefix) for prefix in range(90, 100)))
TOLL_FREE = ("800",)
NATIONAL = tuple(str(prefix) for prefix in range(850, 856))
# Kinds of new numbers and their shares; a repeat re-uses an earlier number in a new form.
KINDS = ("geographic", "mobile", "toll_free", "national", "wrong_length", "foreign")
KIND_WEIGHTS = (0.45, 0.40, 0.05, 0.07, 0.02, 0.01)
REPEAT_SHARE = 0.10


def _pairs(digits: str) -> list[str]:
    """Two-digit groups, an odd first digit alone: ``21 23 45 67``, ``2 12 34 56 78``.

    Grouping a 9-digit number from the left (``21-23-45-67-8``) would make a range of the
    dashed form: an 8-digit number, a dash, and a last digit.
    """
    head = len(digits) % 2
    return ([digits[:head]] if head else []) + [digits[i : i + 2] for i in range(head, len(digits), 2)]


# phonenumbers reads the (0) of this form as a digit of the number, so finds it invalid.
TRUNK_ZERO_FORM = "+47 (0) 21234567"
# The written forms: (example, writer of country code and national digits, has a country code).
FORMS: tuple[tuple[str, Callable[[str, str], str], bool], ...] = (
    ("+47 21 23 45 67", lambda cc, n: f"+{cc} {' '.join(_pairs(n))}", True),
    ("0047 21234567", lambda cc, n: f"00{cc} {n}", True),
    ("47 21234567", lambda cc, n: f"{cc} {n}", False),
    ("21234567", lambda cc, n: n, False),
    ("(+47) 21-23-45-67", lambda cc, n: f"(+{cc}) {'-'.join(_pairs(n))}", True),
    ("+47 212 34 567", lambda cc, n: f"+{cc} {n[:3]} {n[3:5]} {n[5:]}", True),
    (TRUNK_ZERO_FORM, lambda cc, n: f"+{cc} (0) {n}", True),
    ("tel:+4721234567", lambda cc, n: f"tel:+{cc}{n}", True),
)
INTERNATIONAL_FORMS = tuple(index for index, (_, _, international) in enumerate(FORMS) if international)


@dataclass(frozen=True)
class Input:
    """The generated input: one written number per line, and the form each was written in."""

    lines: tuple[str, ...]
    forms: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def generate(count: int, seed: int = SEED) -> Input:
    """``count`` written numbers, the same for the same seed."""
    rng = random.Random(seed)
    drawn: list[tuple[str, str]] = []  # (country code, national digits) of each line
    lines: list[str] = []
    forms: list[str] = []
    for _ in range(count):
        if drawn and rng.random() < REPEAT_SHARE:
            country, national = rng.choice(drawn)
        else:
            country, national = _draw(rng)
        allowed = range(len(FORMS)) if country == "47" else INTERNATIONAL_FORMS
        example, write, _ = FORMS[rng.choice(allowed)]
        drawn.append((country, national))
        lines.append(write(country, national))
        forms.append(example)
    return Input(tuple(lines), tuple(forms))


def _draw(rng: random.Random) -> tuple[str, str]:
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    if kind == "foreign":
        return "46", "8" + _digits(rng, 7)  # Stockholm
    length = 8
    series = {"geographic": GEOGRAPHIC, "mobile": MOBILE, "toll_free": TOLL_FREE, "national": NATIONAL}
    if kind == "wrong_length":
        length = rng.choice((7, 9))
        prefixes = GEOGRAPHIC + MOBILE
    else:
        prefixes = series[kind]
    prefix = rng.choice(prefixes)
    return "47", prefix + _digits(rng, length - len(prefix))


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))
