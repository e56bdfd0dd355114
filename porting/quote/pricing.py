"""What a port costs: one porting request per current provider, priced from the rules file.

The guide's price is EUR 30.00 per porting request plus EUR 5.00 per number, for local,
national and toll-free numbers alike. A request goes to one current provider, so numbers
held by two providers make two requests. Numbers that cannot be ported cost nothing;
each number counts once however often it was entered. Money is integer cents.

>>> from porting.numbers.intake import read_numbers
>>> offer = quote(read_numbers("21234567\\n21234567\\n80012345\\n41234567"))
>>> offer.portable_numbers, len(offer.requests), decimal_text(offer.total_cents)
(2, 1, '40.00')
>>> offer.virtual_caller_id
('41 23 45 67',)
>>> decimal_text(quote(read_numbers("21234567\\n80012345"), providers=2).total_cents)
'70.00'

A quote made into a document carries a number, the same for the same numbers on the same day,
and holds for the rules' ``quote_valid_days``:

>>> quote_number(offer, date(2027, 3, 1)) == quote_number(offer, date(2027, 3, 1))
True
>>> quote_number(offer, date(2027, 3, 1))[:9], valid_until(date(2027, 3, 1))
('Q-270301-', datetime.date(2027, 3, 31))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from porting.formatting import short_code
from porting.numbers.intake import NumberResult, Reading
from porting.rules import rules
from porting.rules.model import Document


class QuoteError(ValueError):
    """The numbers cannot be priced as asked; ``code`` is the catalogue key of the message."""

    def __init__(self, code: str, **params: int) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ProviderRequest:
    """One porting request: the numbers held by one current provider, and what it costs."""

    provider: int  # 0-based index of the current provider
    numbers: tuple[NumberResult, ...]
    subtotal_cents: int


@dataclass(frozen=True)
class Quote:
    currency: str
    per_request_cents: int
    per_number_cents: int
    requests: tuple[ProviderRequest, ...]
    portable_numbers: int
    total_cents: int
    counts_by_type: Mapping[str, int]  # distinct numbers per type, every invalid entry counted
    not_portable: tuple[NumberResult, ...]  # distinct numbers we cannot port, mobile ones included
    virtual_caller_id: tuple[str, ...]  # display forms of the mobile numbers
    documents: tuple[Document, ...]


def quote(
    reading: Reading, assignment: Mapping[str, int] | None = None, providers: int | None = None
) -> Quote:
    """Price the numbers read, one request per current provider.

    ``assignment`` maps a national number to the index of its current provider (numbers
    not in it go to provider 0). ``providers`` instead spreads the numbers over that many
    providers, each holding at least one, for a quick estimate.
    """
    current = rules()
    portable = reading.portable_rows
    if providers is not None:
        if providers < 1:
            raise QuoteError("quote.providers_too_few")
        if providers > max(len(portable), 1):
            raise QuoteError("quote.providers_too_many", providers=providers, numbers=len(portable))
        indexes = [index % providers for index in range(len(portable))]
    else:
        chosen = assignment or {}
        indexes = [chosen.get(row.national or "", 0) for row in portable]
    by_provider: dict[int, list[NumberResult]] = {}
    for row, provider in zip(portable, indexes, strict=True):
        by_provider.setdefault(provider, []).append(row)
    pricing = current.pricing
    requests = tuple(
        ProviderRequest(
            provider, tuple(rows), pricing.per_request_cents + pricing.per_number_cents * len(rows)
        )
        for provider, rows in sorted(by_provider.items())
    )
    not_portable = tuple(row for row in reading.unique_rows if not row.portable)
    return Quote(
        currency=pricing.currency,
        per_request_cents=pricing.per_request_cents,
        per_number_cents=pricing.per_number_cents,
        requests=requests,
        portable_numbers=len(portable),
        total_cents=sum(request.subtotal_cents for request in requests),
        counts_by_type=dict(reading.counts_by_type),
        not_portable=not_portable,
        virtual_caller_id=tuple(row.display for row in not_portable if row.virtual_caller_id),
        documents=current.documents,
    )


def quote_number(offer: Quote, today: date) -> str:
    """The quote's number, ``Q-270301-K7M3Q9``: the day it was made and a code for its numbers,
    request by request, so that the same quote made again that day has the same number."""
    what = "|".join(
        [today.isoformat()]
        + [f"{request.provider}:" + ",".join(sorted(row.national or "" for row in request.numbers))
           for request in offer.requests]
    )  # fmt: skip
    return f"Q-{today:%y%m%d}-{short_code(what, 6)}"


def valid_until(today: date) -> date:
    """The last day a quote made ``today`` holds."""
    return today + timedelta(days=rules().pricing.quote_valid_days)


def decimal_text(cents: int) -> str:
    """Cents as a plain decimal string, the form machines read: ``5500`` -> ``'55.00'``."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    return f"{sign}{units}.{rest:02d}"
