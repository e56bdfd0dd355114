"""The current providers of a request: one porting request, one letter and one invoice each.

The quote lets the customer say which current provider holds each number
(``PortingRequest.provider_of``); a request goes to one provider, so the numbers of each make a
group of their own (``provider_groups``): its account at that provider (the company step), its
Letter of Authorization (the letter step), its LOA and invoice (the documents step, in the slots
``document_slot`` names), its pre-flight check and, once submitted, its own stored request. The
firmaattest is the company's, one for every group. A request with one provider has one group, the
company's own ``current_provider`` and ``account_number``, and its slots keep their plain keys.

>>> from porting.company.details import CompanyDetails
>>> from porting.numbers.intake import read_numbers
>>> from porting.wizard.state import PortingRequest, ProviderAccount
>>> request = PortingRequest(numbers_text="21234567\\n22334455\\n80012345", provider_count=2,
...                          provider_of={"22334455": 1}, company=CompanyDetails(current_provider="Telia"))
>>> request.set_provider_account(1, ProviderAccount("Telenor", "77"))
>>> groups = provider_groups(request, read_numbers(request.numbers_text))
>>> [(group.index, group.account.name, [row.display for row in group.numbers]) for group in groups]
[(0, 'Telia', ['21 23 45 67', '800 12 345']), (1, 'Telenor', ['22 33 44 55'])]
>>> document_slot("loa", 0), document_slot("loa", 1), document_slot("registration", 1)
('loa', 'loa:1', 'registration')
>>> base_slot("invoice:1"), group_details(request, 1).current_provider
('invoice', 'Telenor')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from porting.company.details import CompanyDetails, FieldProblem, validate_company
from porting.documents.findings import Finding
from porting.documents.preflight import preflight
from porting.documents.reading import UploadedDocument
from porting.i18n import listing, t, tn
from porting.letter.loa import loa_filename
from porting.numbers.intake import NumberResult, Reading
from porting.quote.pricing import Quote, quote
from porting.rules import rules
from porting.wizard.state import PortingRequest, ProviderAccount

ACCOUNT_FIELDS = ("current_provider", "account_number")  # the CompanyDetails fields of one provider
SHOWN_NUMBERS = 3  # a group is told apart by its count and its first few numbers
_SEPARATOR = ":"  # between a document's key and its provider's index in a slot: ``loa:1``


@dataclass(frozen=True)
class ProviderGroup:
    """The numbers of one current provider, as the quote assigns them, and the account there."""

    index: int  # the provider's index on the quote (0-based; the quote names it index + 1)
    numbers: tuple[NumberResult, ...]  # its portable numbers, each once
    account: ProviderAccount


# The last few quotes made, with the reading and assignment each prices: every step asks for the
# quote of the request several times a run, and pricing 10,000 numbers takes tens of milliseconds.
_RECENT_QUOTES: list[tuple[Reading, tuple[tuple[str, int], ...] | None, Quote]] = []
_QUOTES_KEPT = 8


def request_quote(request: PortingRequest, reading: Reading) -> Quote:
    """The quote as the numbers step prices it: one request per current provider. The same
    reading (the very object: readings are immutable) and assignment give the same quote, made once.

    >>> from porting.numbers.intake import read_numbers
    >>> reading, request = read_numbers("21 23 45 67"), PortingRequest()
    >>> request_quote(request, reading) is request_quote(PortingRequest(), reading)
    True
    """
    assignment = tuple(sorted(request.provider_of.items())) if request.provider_count > 1 else None
    for known, assigned, offer in tuple(_RECENT_QUOTES):  # a copy: other sessions' threads add to it
        if known is reading and assigned == assignment:
            return offer
    offer = quote(reading, assignment=dict(assignment) if assignment is not None else None)
    _RECENT_QUOTES.insert(0, (reading, assignment, offer))
    del _RECENT_QUOTES[_QUOTES_KEPT:]
    return offer


def provider_groups(request: PortingRequest, reading: Reading | None) -> tuple[ProviderGroup, ...]:
    """One group per request of the quote, in the providers' order; while there are no numbers
    to price, the one group of the company's own provider."""
    parts = request_quote(request, reading).requests if reading is not None else ()
    if not parts:
        return (ProviderGroup(0, (), request.provider_account(0)),)
    return tuple(
        ProviderGroup(part.provider, part.numbers, request.provider_account(part.provider)) for part in parts
    )


def several(groups: Sequence[ProviderGroup]) -> bool:
    """Whether the request goes to more than one current provider."""
    return len(groups) > 1


def group_details(request: PortingRequest, index: int) -> CompanyDetails:
    """The company details with the account at provider ``index``: what its letter and request carry."""
    account = request.provider_account(index)
    return replace(request.company, current_provider=account.name, account_number=account.account_number)


def account_problems(
    company: CompanyDetails, account: ProviderAccount, today: date
) -> dict[str, FieldProblem]:
    """The problems of one provider's account, by field, checked as the company step checks them."""
    details = replace(company, current_provider=account.name, account_number=account.account_number)
    found = validate_company(details, today)
    return {problem.field: problem for problem in found if problem.field in ACCOUNT_FIELDS}


def company_complete(request: PortingRequest, reading: Reading | None, today: date) -> bool:
    """Whether the company's details and the account at every provider of the quote are complete."""
    return all(
        not validate_company(group_details(request, group.index), today)
        for group in provider_groups(request, reading)
    )


# --- Documents -------------------------------------------------------------------------------


def per_provider(key: str) -> bool:
    """Whether each provider needs its own document ``key`` (the rules' ``per_provider``)."""
    return any(document.key == key and document.per_provider for document in rules().documents)


def document_slot(key: str, index: int) -> str:
    """The slot of document ``key`` of provider ``index``: the plain key for the first provider
    and for a document of the whole company, ``key:index`` for the others'."""
    return key if index == 0 or not per_provider(key) else f"{key}{_SEPARATOR}{index}"


def base_slot(slot: str) -> str:
    """The document's key of a slot: ``loa:1`` -> ``loa``."""
    return slot.partition(_SEPARATOR)[0]


def group_documents(documents: Mapping[str, UploadedDocument], index: int) -> dict[str, UploadedDocument]:
    """Provider ``index``'s documents by their plain keys (its LOA and invoice, the company's
    firmaattest), each with its plain slot: what its pre-flight reads and its request stores."""
    found: dict[str, UploadedDocument] = {}
    for document in rules().documents:
        upload = documents.get(document_slot(document.key, index))
        if upload is not None:
            found[document.key] = replace(upload, slot=document.key)
    return found


def required_slots(groups: Sequence[ProviderGroup]) -> tuple[str, ...]:
    """Every slot the documents step asks for: each document once, a provider's own for each group."""
    slots = [document_slot(document.key, group.index) for group in groups for document in rules().documents]
    return tuple(dict.fromkeys(slots))


# --- How a group is named ---------------------------------------------------------------------


def provider_name(group: ProviderGroup, language: str) -> str:
    """The provider as the quote names it (``Provider 2``), with its name once it is typed."""
    named = t("quote.provider_name", language, index=group.index + 1)
    typed = group.account.name.strip()
    return t("journey_providers.named", language, provider=named, name=typed) if typed else named


def group_summary(group: ProviderGroup, language: str) -> str:
    """The group's provider, how many numbers it holds and the first of them: which group is which.

    >>> from porting.numbers.intake import read_numbers
    >>> rows = read_numbers("21234567\\n22334455\\n23344556\\n24455667").portable_rows
    >>> group_summary(ProviderGroup(1, rows, ProviderAccount("Telenor")), "en")
    'Provider 2 (Telenor): 4 numbers, 21 23 45 67, 22 33 44 55, 23 34 45 56 and 1 more'
    """
    shown = listing(group.numbers, language, most=SHOWN_NUMBERS, show=lambda row: row.display)
    provider = provider_name(group, language)
    return tn("journey_providers.group", len(group.numbers), language, provider=provider, numbers=shown)


# --- Letters ------------------------------------------------------------------------------------

_FILE_NAME_LETTERS = str.maketrans({"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss"})
_NAME_IN_FILE = 40  # characters of the provider's name in a letter's file name


def letter_filename(details: CompanyDetails, today: date, group: ProviderGroup, groups: int) -> str:
    """The letter's file name: as for one provider, and with several the provider's number on the
    quote and its name, in letters any file system takes.

    >>> details = CompanyDetails(org_number="974760673", current_provider="Tele Ærø AS")
    >>> group = ProviderGroup(1, (), ProviderAccount("Tele Ærø AS"))
    >>> letter_filename(details, date(2027, 3, 1), group, groups=2)
    'LOA-974760673-2027-03-01-2-Tele-AEro-AS.pdf'
    >>> letter_filename(details, date(2027, 3, 1), group, groups=1)
    'LOA-974760673-2027-03-01.pdf'
    """
    plain = loa_filename(details, today)
    if groups < 2:
        return plain
    folded = unicodedata.normalize("NFKD", group.account.name.translate(_FILE_NAME_LETTERS))
    name = re.sub(r"[^A-Za-z0-9]+", "-", folded.encode("ascii", "ignore").decode()).strip("-")
    suffix = "-".join(part for part in (str(group.index + 1), name[:_NAME_IN_FILE].strip("-")) if part)
    return f"{plain.removesuffix('.pdf')}-{suffix}.pdf"


# --- Pre-flight ---------------------------------------------------------------------------------


def group_preflight(
    request: PortingRequest, group: ProviderGroup, submission_day: date
) -> tuple[Finding, ...]:
    """The pre-flight check of one provider's request: its account, its numbers, its letter and
    invoice and the company's firmaattest. The invoice date typed on the quote or the documents
    step is the first provider's invoice's; another provider's is read from its invoice."""
    return preflight(
        group_details(request, group.index),
        Reading(group.numbers),
        group_documents(request.documents, group.index),
        invoice_day=request.invoice_day if group.index == 0 else None,
        submission_day=submission_day,
        registry=request.registry,
        confirmations=request.confirmations,
        signatories=request.signatories,
    )
