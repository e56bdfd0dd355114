"""The porting rules as frozen dataclasses: ``Rules`` and the series, number types, areas, display
groups, prices, durations, limits, documents, rejection reasons, process steps and
acknowledgements it holds, as ``porting.rules.reader`` reads them from ``rules.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from porting import formatting


@dataclass(frozen=True)
class Series:
    """A block of numbers of one type: national numbers of ``length`` digits starting with ``prefix``."""

    prefix: str
    length: int
    type: str


@dataclass(frozen=True)
class NumberType:
    name: str
    portable: bool
    virtual_caller_id: bool
    pn_types: tuple[str, ...]


@dataclass(frozen=True)
class Area:
    prefix: str
    names: Mapping[str, str]


@dataclass(frozen=True)
class DisplayRule:
    length: int
    prefix: str
    groups: tuple[int, ...]


@dataclass(frozen=True)
class Pricing:
    currency: str
    per_request_cents: int
    per_number_cents: int
    quote_valid_days: int  # how long a quote PDF holds from the day it was made


@dataclass(frozen=True)
class Timeline:
    porting_business_days: int
    confirmation_min_business_days: int
    confirmation_max_business_days: int
    invoice_max_age_days: int
    certificate_max_age_days: int
    at_risk_business_days: int  # an open request this many business days old is at risk of being late


@dataclass(frozen=True)
class Dashboard:
    """How far back the console's dashboard looks: ``[dashboard]`` in ``rules.toml``."""

    rejection_months: int
    ported_weeks: int


@dataclass(frozen=True)
class Limits:
    max_input_characters: int
    max_numbers_per_range: int
    max_numbers_per_input: int
    max_number_characters: int
    max_numbers_per_link: int
    shown_entry_characters: int
    ocr_seconds: int  # what reading one photo or scan with OCR may take
    ocr_pages: int  # the pages of a scanned PDF read with OCR
    ocr_min_confidence: int  # Tesseract's confidence (0-100) below which a word read is not relied on
    max_message_characters: int
    messages_per_request_per_day: int


@dataclass(frozen=True)
class Document:
    key: str
    texts: Mapping[str, str]
    per_provider: bool = False  # one for each current provider (a request has one per provider)


@dataclass(frozen=True)
class RejectionReason:
    key: str
    texts: Mapping[str, Mapping[str, str]]  # language -> issue, explanation, fix


@dataclass(frozen=True)
class Acknowledgement:
    """Something the customer confirms before the request is submitted, such as keeping the service."""

    key: str
    texts: Mapping[str, str]


@dataclass(frozen=True)
class SigningRole:
    """A Brønnøysund role code whose holder may sign the letter of authorization for the company;
    ``texts``: the signatory's title in each language."""

    code: str
    texts: Mapping[str, str]


@dataclass(frozen=True)
class ProcessStep:
    """One step of the porting process; ``actor`` is customer, us or carrier."""

    actor: str
    texts: Mapping[str, str]


ACTORS = ("customer", "us", "carrier")


@dataclass(frozen=True)
class PnDifference:
    """A three-digit prefix where our type knowingly differs from phonenumbers' type."""

    prefix: str
    ours: str
    pn: str


@dataclass(frozen=True)
class Rules:
    country_code: str
    international_prefix: str
    number_length: int
    brand: str
    brand_colour: str
    brand_logo: Path | None  # a PNG or JPEG under assets/, checked to exist; None for no logo
    series: tuple[Series, ...]
    types: Mapping[str, NumberType]
    display: tuple[DisplayRule, ...]
    areas: tuple[Area, ...]
    pn_differences: tuple[PnDifference, ...]
    pricing: Pricing
    timeline: Timeline
    limits: Limits
    dashboard: Dashboard
    documents: tuple[Document, ...]
    rejection_reasons: tuple[RejectionReason, ...]
    process_steps: tuple[ProcessStep, ...]
    acknowledgements: tuple[Acknowledgement, ...]
    signing_roles: tuple[SigningRole, ...] = ()  # the register's role codes that may sign the LOA
    providers: tuple[str, ...] = ()  # Norwegian providers a customer may port from, as registered
    # (month, day) of business days carriers rarely port on ([porting_days] rarely_ported)
    rarely_ported_days: frozenset[tuple[int, int]] = frozenset()

    def rejection_reason(self, key: str | None) -> RejectionReason | None:
        """The guide's rejection reason with this key, or ``None`` when there is none."""
        return next((reason for reason in self.rejection_reasons if reason.key == key), None)

    def facts(self, language: str) -> dict[str, Any]:
        """The facts a text may name as ``{placeholder}``, formatted for ``language``.

        Texts in the catalogue and in this file's own tables (documents, rejection reasons,
        process steps) name a fact instead of repeating it: ``{invoice_max_age_days} days``,
        ``+{country_code}``, ``({prefixes[special_service]})``.
        """
        timeline, pricing = self.timeline, self.pricing
        prefixes: dict[str, dict[str, None]] = {}
        for block in self.series:
            prefixes.setdefault(block.type, {})[block.prefix] = None
        return {
            "brand": self.brand,
            "country_code": self.country_code,
            "international_prefix": self.international_prefix,
            "number_length": formatting.number(self.number_length, language),
            "currency": pricing.currency,
            "per_request": formatting.money(pricing.per_request_cents, pricing.currency, language),
            "per_number": formatting.money(pricing.per_number_cents, pricing.currency, language),
            **{
                field.name: formatting.number(getattr(timeline, field.name), language)
                for field in fields(Timeline)
            },
            **{
                field.name: formatting.number(getattr(self.dashboard, field.name), language)
                for field in fields(Dashboard)
            },
            "prefixes": {kind: ", ".join(listed) for kind, listed in prefixes.items()},
        }

    def area_for(self, national: str) -> Area | None:
        """The area of the longest prefix of ``national`` in the area table."""
        matches = [area for area in self.areas if national.startswith(area.prefix)]
        return max(matches, key=lambda area: len(area.prefix), default=None)
