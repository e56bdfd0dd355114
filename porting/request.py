"""The porting request a customer builds step by step through the wizard.

One ``PortingRequest`` lives in each browser session; pages read and change it and
compute everything else from it, so nothing derived is stored twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from porting.company import CompanyDetails
from porting.documents import UploadedDocument
from porting.i18n import DEFAULT_LANGUAGE
from porting.preflight import Confirmations
from porting.registry import Lookup

NumbersSource = Literal["paste", "file"]


@dataclass(frozen=True)
class NumbersFile:
    """An uploaded list of numbers, kept as bytes: its name is shown, never used as a path."""

    name: str
    data: bytes
    column: str | None = None


@dataclass
class PortingRequest:
    """Everything the customer has entered so far."""

    language: str = DEFAULT_LANGUAGE
    numbers_source: NumbersSource = "paste"
    numbers_text: str = ""
    numbers_file: NumbersFile | None = None
    provider_count: int = 1  # current providers: one porting request each
    provider_of: dict[str, int] = field(default_factory=dict)  # national number -> provider index
    submission_day: date | None = None  # planned; today in Oslo when not set
    requested_porting_day: date | None = None
    invoice_day: date | None = None
    company: CompanyDetails = field(default_factory=CompanyDetails)
    registry: Lookup | None = None  # the last look-up in the Brønnøysund register
    documents: dict[str, UploadedDocument] = field(default_factory=dict)  # slot -> the last good file
    confirmations: Confirmations = field(default_factory=Confirmations)
    loa_downloaded: bool = False
    demo: bool = False  # filled from the demo example: never a real request
    submitted_reference: str | None = None  # once submitted: the receipt
    submitted_token: str | None = None
