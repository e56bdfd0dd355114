"""A request as it is submitted and stored: one typed model (pydantic v2) of its JSON columns.

``RequestContent`` is what a submission stores: the company's ``StoredDetails``, each
``StoredNumber`` with the team's decision on it, the ``StoredQuote``, the ``StoredTimeline`` and
the pre-flight report's ``PreflightItem``s. The wizard builds it from what it computed
(``RequestContent.of``), ``porting.requests.store.submit`` writes it with ``stored_text``, and
``porting.requests.records.stored_request`` validates every column when a row is read, so the
console, the status page and the command line read typed attributes, never guessed keys.

A number's type is one of the rules' types (``porting/rules.toml``); dates are ISO text and money
exact decimal text in the database, as they always were: rows stored before this model read the same.

>>> from porting.company.details import CompanyDetails
>>> from porting.numbers.intake import read_numbers
>>> from porting.quote.pricing import quote
>>> from porting.quote.timeline import timeline
>>> reading = read_numbers("21234567")
>>> content = RequestContent.of(CompanyDetails(company_name="Fjordlinje AS"), "", reading.unique_rows,
...                             quote(reading), timeline(dt.date(2026, 11, 24)), (), "nb")
>>> number = content.numbers[0]
>>> number.national, number.display, number.type, number.area, number.portable, number.decision
('21234567', '21 23 45 67', 'geographic', 'Oslo', True, None)
>>> sorted(json_value(number))  # no decision yet: none stored
['area', 'display', 'e164', 'input', 'line', 'portable', 'type']
>>> content.quote.total, content.quote.currency, content.timeline.estimated_porting_day
(Decimal('35.00'), 'EUR', datetime.date(2026, 12, 17))
>>> StoredNumber.model_validate({**number.model_dump(), "type": "shared_cost"})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for StoredNumber
type
  Value error, 'shared_cost' is not a number type of the rules ...
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict
from decimal import Decimal
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from porting.company.details import CompanyDetails
from porting.documents.findings import Finding, Row, report_records
from porting.numbers.intake import NumberResult
from porting.quote.pricing import Quote, decimal_text
from porting.quote.timeline import Timeline
from porting.rules import rules

Decision = Literal["accepted", "rejected"]  # porting.requests.lifecycle's ACCEPTED_NUMBER, REJECTED_NUMBER
PreflightStatus = Literal["ok", "warning", "problem"]
RowState = Literal["not_uploaded", "ok", "warning", "problem"]  # porting.documents.findings' row states


class _Stored(BaseModel):
    """A part of a stored request: frozen, and nothing it does not name."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class StoredNumber(_Stored):
    """One number of a request: as entered, classified, and the team's decision once there is one."""

    input: str  # as the customer wrote it
    line: int  # where in what they entered
    e164: str | None  # None for an invalid entry
    display: str
    type: str  # a key of rules().types
    area: str | None  # the geographic area's name in the request's language
    portable: bool
    decision: Decision | None = None
    reason: str | None = None  # a key of rules().rejection_reasons when rejected
    # A mobile number: whether the customer wants it as a Virtual Caller ID. None for any other
    # number, and for a mobile number stored before the customer was asked.
    virtual_caller_id: bool | None = None

    @field_validator("type")
    @classmethod
    def _a_type_of_the_rules(cls, value: str) -> str:
        if value not in rules().types:
            raise ValueError(f"{value!r} is not a number type of the rules ({', '.join(rules().types)})")
        return value

    @model_serializer(mode="wrap")
    def _without_pending_decision(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A number nobody decided on yet is stored without ``decision`` and ``reason``, as always;
        one without the Virtual Caller ID choice without ``virtual_caller_id``."""
        data: dict[str, Any] = handler(self)
        if self.decision is None and self.reason is None:
            data.pop("decision", None)
            data.pop("reason", None)
        if self.virtual_caller_id is None:
            data.pop("virtual_caller_id", None)
        return data

    @property
    def national(self) -> str | None:
        """The national digits (``21234567``), or ``None`` for an invalid entry."""
        prefix = "+" + rules().country_code
        return self.e164[len(prefix) :] if self.e164 and self.e164.startswith(prefix) else None

    @classmethod
    def of(cls, row: NumberResult, language: str, caller_ids: Collection[str] = frozenset()) -> StoredNumber:
        """The number as read; a mobile one with whether it is among ``caller_ids`` (national
        numbers wanted as a Virtual Caller ID)."""
        area = row.area.names[language] if row.area else None
        wanted = row.national in caller_ids if row.virtual_caller_id and row.national else None
        return cls(
            input=row.input, line=row.line, e164=row.e164, display=row.display, type=row.type,
            area=area, portable=row.portable, virtual_caller_id=wanted,
        )  # fmt: skip

    def decided(self, reason: str | None) -> StoredNumber:
        """The number accepted (``reason`` ``None``) or rejected for one of the guide's reasons."""
        decision: Decision = "accepted" if reason is None else "rejected"
        return self.model_copy(update={"decision": decision, "reason": reason})


def caller_id_numbers(numbers: Iterable[StoredNumber]) -> tuple[str, ...]:
    """The mobile numbers, as shown, that the customer wants as a Virtual Caller ID."""
    return tuple(number.display for number in numbers if number.virtual_caller_id)


class StoredDetails(_Stored):
    """The company details of ``porting.company.details.CompanyDetails``, and the partial port's rest."""

    org_number: str
    company_name: str
    address: str
    postcode: str
    city: str
    signatory_name: str
    signatory_title: str
    email: str
    phone: str
    current_provider: str
    account_number: str
    requested_date: dt.date | None
    rest: str  # when a partial port: what happens to the account's other numbers

    @classmethod
    def of(cls, company: CompanyDetails, rest: str) -> StoredDetails:
        return cls(**asdict(company), rest=rest)


class QuotedRequest(_Stored):
    """One porting request of a quote: the numbers of one current provider and their subtotal."""

    numbers: int
    subtotal: Decimal


class StoredQuote(_Stored):
    """What the customer was quoted, money as exact decimals in ``currency``."""

    currency: str
    total: Decimal
    per_request: Decimal
    per_number: Decimal
    requests: int
    portable_numbers: int
    by_request: tuple[QuotedRequest, ...]

    @model_validator(mode="before")
    @classmethod
    def _price_of_a_quote_record(cls, data: Any) -> Any:
        """``porting.quote.report.quote_record``'s shape keeps these under ``price``: read it too."""
        if isinstance(data, Mapping) and isinstance(data.get("price"), Mapping):
            return data["price"]
        return data

    def for_numbers(self, portable_numbers: int) -> StoredQuote:
        """The quote for ``portable_numbers`` at the prices quoted, after the customer removed
        numbers: for a request of one current provider, as each request stored is; a quote of
        several requests (stored before requests were sent one per provider) stays as quoted."""
        if self.requests != 1:
            return self
        subtotal = self.per_request + self.per_number * portable_numbers
        return self.model_copy(
            update={
                "total": subtotal,
                "portable_numbers": portable_numbers,
                "by_request": (QuotedRequest(numbers=portable_numbers, subtotal=subtotal),),
            }
        )

    @classmethod
    def of(cls, offer: Quote) -> StoredQuote:
        return cls(
            currency=offer.currency,
            total=Decimal(decimal_text(offer.total_cents)),
            per_request=Decimal(decimal_text(offer.per_request_cents)),
            per_number=Decimal(decimal_text(offer.per_number_cents)),
            requests=len(offer.requests),
            portable_numbers=offer.portable_numbers,
            by_request=tuple(
                QuotedRequest(numbers=len(part.numbers), subtotal=Decimal(decimal_text(part.subtotal_cents)))
                for part in offer.requests
            ),
        )


class StoredHoliday(_Stored):
    date: dt.date
    name: str  # in the request's language


class StoredTimeline(_Stored):
    """The dates the customer was given on submitting (``porting.quote.timeline``)."""

    start: dt.date
    estimated_porting_day: dt.date
    confirmation_window: tuple[dt.date, dt.date]
    business_days: int
    holidays: tuple[StoredHoliday, ...]

    @classmethod
    def of(cls, plan: Timeline, language: str) -> StoredTimeline:
        return cls(
            start=plan.start,
            estimated_porting_day=plan.estimated_porting_day,
            confirmation_window=plan.confirmation_window,
            business_days=plan.business_days,
            holidays=tuple(StoredHoliday(date=day.day, name=day.names[language]) for day in plan.holidays),
        )


class PreflightRow(_Stored):
    """One check of a reason as the wizard showed it (``porting.documents.findings.Row``): what it
    checks (a key of the catalogue's ``checks.name``), its state, and what it found, in English."""

    check: str
    state: RowState
    finding: str

    @classmethod
    def of(cls, row: Row) -> PreflightRow:
        finding = " ".join(note.text("en") for note in row.notes)
        return cls.model_validate({"check": row.check, "state": row.state, "finding": finding})


class PreflightItem(_Stored):
    """One reason of the pre-flight report, in English for the team: the guide's issue, how it
    stands, and the checks that make it as the wizard showed them (none for a request stored
    before they were kept)."""

    reason: str  # the guide's issue name, such as "Outdated invoice"
    status: PreflightStatus
    finding: str
    fix: str
    rows: tuple[PreflightRow, ...] = ()

    @model_serializer(mode="wrap")
    def _without_rows_not_kept(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A reason stored before its checks were kept reads back, and shows, as it was stored."""
        data: dict[str, Any] = handler(self)
        if not self.rows:
            data.pop("rows", None)
        return data

    @classmethod
    def report(cls, findings: Iterable[Finding]) -> tuple[PreflightItem, ...]:
        findings = tuple(findings)
        return tuple(
            cls.model_validate({**record, "rows": tuple(PreflightRow.of(row) for row in finding.rows)})
            for finding, record in zip(findings, report_records(findings), strict=True)
        )


class RequestContent(_Stored):
    """Everything a submission stores besides its documents, one JSON column per part."""

    details: StoredDetails
    numbers: tuple[StoredNumber, ...]
    quote: StoredQuote
    timeline: StoredTimeline
    preflight: tuple[PreflightItem, ...]

    @classmethod
    def of(
        cls,
        company: CompanyDetails,
        rest: str,
        rows: Sequence[NumberResult],
        offer: Quote,
        plan: Timeline,
        findings: Iterable[Finding],
        language: str,
        caller_ids: Collection[str] = frozenset(),
    ) -> RequestContent:
        """The request as the wizard computed it: ``rows`` each number once, ``rest`` the
        confirmations' answer for a partial port, texts such as areas in ``language``,
        ``caller_ids`` the mobile numbers (national) wanted as a Virtual Caller ID."""
        caller_ids = frozenset(caller_ids)
        return cls(
            details=StoredDetails.of(company, rest),
            numbers=tuple(StoredNumber.of(row, language, caller_ids) for row in rows),
            quote=StoredQuote.of(offer),
            timeline=StoredTimeline.of(plan, language),
            preflight=PreflightItem.report(findings),
        )

    def columns(self) -> dict[str, str]:
        """The text of each JSON column of a request row."""
        return {f"{name}_json": stored_text(getattr(self, name)) for name in type(self).model_fields}


def stored_text(value: BaseModel | Sequence[BaseModel]) -> str:
    """The text of a JSON column: keys sorted, dates ISO, money decimal text."""
    data = (
        value.model_dump(mode="json")
        if isinstance(value, BaseModel)
        else [part.model_dump(mode="json") for part in value]
    )
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def json_value(value: BaseModel | Sequence[BaseModel]) -> Any:
    """The JSON value a column holds: what ``show --json`` and the archive's manifest print."""
    return json.loads(stored_text(value))
