"""The porting request a customer builds step by step through the wizard.

One ``PortingRequest`` lives in each browser session; pages read and change it and
compute everything else from it, so nothing derived is stored twice.

A request not yet submitted can be saved as a draft (``porting.requests.drafts``) and resumed later:
``to_state`` writes what the customer entered, and the step they are on, as JSON values;
``from_state`` reads it back.
Documents are saved beside the state as bytes, and checked again when the draft is resumed;
the register look-up is not saved, as it can be done again.

>>> request = PortingRequest(numbers_text="21 23 45 67", invoice_day=date(2027, 3, 1))
>>> state = to_state(request)
>>> state["invoice_day"], state["numbers_text"]
('2027-03-01', '21 23 45 67')
>>> resumed = from_state(state, "nb")
>>> resumed.language, resumed.numbers_text, resumed.invoice_day
('nb', '21 23 45 67', datetime.date(2027, 3, 1))
>>> from_state({"invoice_day": "the third"}, "en")
Traceback (most recent call last):
...
ValueError: the draft's invoice_day is not a day: 'the third'
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any, Literal, NoReturn, TypeVar, cast, get_args

from porting.company.details import CompanyDetails
from porting.company.register import Lookup
from porting.company.roles import RolesLookup
from porting.documents.facts import find_invoice_date
from porting.documents.findings import Confirmations
from porting.documents.reading import UploadedDocument
from porting.i18n import DEFAULT_LANGUAGE

NumbersSource = Literal["paste", "file"]
INVOICE = "invoice"  # the slot of the invoice, whose date the request keeps (rules.toml's documents)
T = TypeVar("T")
D = TypeVar("D")


@dataclass(frozen=True)
class NumbersFile:
    """An uploaded list of numbers, kept as bytes: its name is shown, never used as a path."""

    name: str
    data: bytes
    column: str | None = None


@dataclass(frozen=True)
class ProviderAccount:
    """The customer's account at one current provider: the provider's name and the account number."""

    name: str = ""
    account_number: str = ""


@dataclass
class PortingRequest:
    """Everything the customer has entered so far."""

    language: str = DEFAULT_LANGUAGE
    numbers_source: NumbersSource = "paste"
    numbers_text: str = ""
    numbers_file: NumbersFile | None = None
    provider_count: int = 1  # current providers: one porting request each
    provider_of: dict[str, int] = field(default_factory=dict)  # national number -> provider index
    # The mobile numbers (national) the customer wants as a Virtual Caller ID; the others are declined.
    virtual_caller_id: frozenset[str] = frozenset()
    submission_day: date | None = None  # planned; today in Oslo when not set
    requested_porting_day: date | None = None  # the one requested day; the company's stays None
    invoice_day: date | None = None  # of the invoice in documents: read from it or typed for it
    company: CompanyDetails = field(default_factory=CompanyDetails)
    # The account at each current provider of the quote, by its index; the first is always the
    # company's current_provider and account_number (``provider_account``), so one provider is as before.
    providers: tuple[ProviderAccount, ...] = ()
    registry: Lookup | None = None  # the last look-up in the Brønnøysund register
    signatories: RolesLookup | None = None  # who holds a role in the company, asked with ``registry``
    documents: dict[str, UploadedDocument] = field(default_factory=dict)  # slot -> the last good file
    confirmations: Confirmations = field(default_factory=Confirmations)
    loa_downloaded: bool = False
    # With several current providers: the providers (group indexes) whose letter was downloaded.
    letters_downloaded: frozenset[int] = frozenset()
    consented_to: str | None = None  # the request's consent_fingerprint when the review's consent was given
    demo: bool = False  # filled from the demo example: never a real request
    demo_stage: int = 0  # once the demo is sent to its sandbox: the stage its status page shows
    submitted_reference: str | None = None  # once submitted: the receipt
    submitted_token: str | None = None
    # With several current providers, the other providers' requests: (reference, token) each.
    submitted_others: tuple[tuple[str, str], ...] = ()
    draft_token: str | None = None  # the saved draft this request is kept in, until it is submitted
    step: str = ""  # the url path of the wizard's step the customer is on, so a draft reopens there

    def provider_account(self, index: int) -> ProviderAccount:
        """The account at the current provider ``index`` (0: the company's own fields).

        >>> request = PortingRequest(company=CompanyDetails(current_provider="Telia", account_number="9"))
        >>> request.set_provider_account(1, ProviderAccount("Telenor", "12"))
        >>> request.provider_account(0), request.provider_account(1).name
        (ProviderAccount(name='Telia', account_number='9'), 'Telenor')
        >>> request.provider_account(2)  # none typed yet
        ProviderAccount(name='', account_number='')
        """
        if index == 0:
            return ProviderAccount(self.company.current_provider, self.company.account_number)
        return self.providers[index] if 0 < index < len(self.providers) else ProviderAccount()

    def set_provider_account(self, index: int, account: ProviderAccount) -> None:
        """Keep ``account`` as the current provider ``index``'s; the first is the company's."""
        if index == 0:
            self.company = replace(
                self.company, current_provider=account.name, account_number=account.account_number
            )
        accounts = [self.provider_account(known) for known in range(max(len(self.providers), index + 1))]
        accounts[index] = account
        self.providers = tuple(accounts)

    def keep_document(self, document: UploadedDocument) -> None:
        """Keep ``document`` in its slot, in place of the file before it. A new invoice brings its
        own date, read from it, or none (to be asked for): a date typed for the invoice it replaces
        is not carried over. The same file uploaded again keeps the date it has.

        >>> from dataclasses import replace
        >>> scan = UploadedDocument("invoice", "skannet.pdf", "pdf", 10, 1, b"scan")
        >>> request = PortingRequest(invoice_day=date(2026, 11, 10))  # typed before any invoice
        >>> request.keep_document(replace(scan, data=b"text", text="Fakturadato: 03.11.2026"))
        >>> request.invoice_day
        datetime.date(2026, 11, 3)
        >>> request.invoice_day = date(2026, 11, 4)  # typed over the date read
        >>> request.keep_document(scan)
        >>> request.invoice_day is None
        True
        """
        kept = self.documents.get(document.slot)
        self.documents[document.slot] = document
        if document.slot == INVOICE and (kept is None or kept.data != document.data):
            # A date OCR read with low confidence is not taken: the pre-flight check says so.
            self.invoice_day = find_invoice_date(document.confident_text, tolerant=document.read_by_ocr)

    def remove_document(self, slot: str) -> None:
        """Remove the file kept in ``slot``, if any; the invoice's date goes with the invoice."""
        self.documents.pop(slot, None)
        if slot == INVOICE:
            self.invoice_day = None


# --- Drafts: what the customer entered, as JSON values ---------------------------------------

STATE_VERSION = 1  # written with the state, so a later layout can still read an older draft
_DAYS = ("submission_day", "requested_porting_day", "invoice_day")
_TEXT_SETS = ("active", "not_in_range", "acknowledged")  # the frozensets of Confirmations
_ANSWERS = ("partial_port", "main_number_included")  # yes, no or not answered
MAX_STEP_CHARACTERS = 40  # a step's url path is a word ("details"); a longer one is no step of ours
MAX_PROVIDERS = 100  # current providers a draft may name letters downloaded for; a quote has a handful


def to_state(request: PortingRequest) -> dict[str, Any]:
    """What the customer entered, as a JSON object: days as ISO text, sets as sorted lists, a file
    of numbers as base64. Documents, the register look-ups and the receipt are not part of it."""
    upload = request.numbers_file
    company = asdict(request.company) | {"requested_date": _iso(request.company.requested_date)}
    confirmations = asdict(request.confirmations)
    for name in _TEXT_SETS:
        confirmations[name] = sorted(confirmations[name])
    return {
        "version": STATE_VERSION,
        "numbers_source": request.numbers_source,
        "numbers_text": request.numbers_text,
        "numbers_file": None if upload is None else _file_state(upload),
        "provider_count": request.provider_count,
        "provider_of": dict(request.provider_of),
        "virtual_caller_id": sorted(request.virtual_caller_id),
        **{name: _iso(getattr(request, name)) for name in _DAYS},
        "company": company,
        "providers": [asdict(request.provider_account(index)) for index in range(len(request.providers))],
        "confirmations": confirmations,
        "loa_downloaded": request.loa_downloaded,
        "letters_downloaded": sorted(request.letters_downloaded),
        "step": request.step,
    }


def _file_state(upload: NumbersFile) -> dict[str, str | None]:
    return {
        "name": upload.name,
        "data": base64.b64encode(upload.data).decode("ascii"),
        "column": upload.column,
    }


def from_state(state: Mapping[str, Any], language: str) -> PortingRequest:
    """The request ``to_state`` wrote, in ``language``.

    Keys it does not know are ignored and missing ones keep their defaults; a value of the wrong
    kind (a draft written by hand, or broken) raises ``ValueError``.
    """
    if not isinstance(state, Mapping):
        raise ValueError("the draft is not a JSON object")
    source = _value(state, "numbers_source", str, "paste")
    if source not in get_args(NumbersSource):
        _wrong("numbers_source", f"one of {get_args(NumbersSource)}", source)
    source = cast("NumbersSource", source)
    provider_of = _value(state, "provider_of", dict, {})
    if not all(isinstance(index, int) and not isinstance(index, bool) for index in provider_of.values()):
        _wrong("provider_of", "numbers mapped to provider indexes", provider_of)
    caller_ids = _value(state, "virtual_caller_id", list, [])  # a draft saved before the choice has none
    if not all(isinstance(number, str) for number in caller_ids):
        _wrong("virtual_caller_id", "a list of numbers", caller_ids)
    company = _company(_value(state, "company", dict, {}))
    # Older drafts kept a second requested day on the company step, the one their letter printed:
    # it is the request's one requested day now.
    requested = company.requested_date or _day(state, "requested_porting_day")
    providers = _providers(_value(state, "providers", list, []))  # a draft from before has none
    if providers:  # the first provider is the company's own, whatever the list says
        providers = (ProviderAccount(company.current_provider, company.account_number), *providers[1:])
    return PortingRequest(
        language=language,
        numbers_source=source,
        numbers_text=_value(state, "numbers_text", str, ""),
        numbers_file=_numbers_file(_value(state, "numbers_file", dict, None)),
        provider_count=max(1, _value(state, "provider_count", int, 1)),
        provider_of=dict(provider_of),
        virtual_caller_id=frozenset(caller_ids),
        submission_day=_day(state, "submission_day"),
        requested_porting_day=requested,
        invoice_day=_day(state, "invoice_day"),
        company=replace(company, requested_date=None),
        providers=providers,
        confirmations=_confirmations(_value(state, "confirmations", dict, {})),
        loa_downloaded=_value(state, "loa_downloaded", bool, False),
        letters_downloaded=frozenset(
            index
            for index in _value(state, "letters_downloaded", list, [])[:MAX_PROVIDERS]
            if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < MAX_PROVIDERS
        ),
        step=_value(state, "step", str, "")[:MAX_STEP_CHARACTERS],
    )


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _wrong(name: str, kind: str, value: object) -> NoReturn:
    raise ValueError(f"the draft's {name} is not {kind}: {value!r}"[:300])


def _value(state: Mapping[str, Any], name: str, kind: type[T], default: D) -> T | D:
    """``state[name]`` when it is a ``kind``; ``default`` when it is missing or null."""
    value = state.get(name)
    if value is None:
        return default
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):  # JSON's true is no int
        _wrong(name, f"a {kind.__name__}", value)
    return value


def _day(state: Mapping[str, Any], name: str) -> date | None:
    text = _value(state, name, str, None)
    try:
        return None if text is None else date.fromisoformat(text)
    except ValueError:
        _wrong(name, "a day", text)


def _numbers_file(value: Mapping[str, Any] | None) -> NumbersFile | None:
    if value is None:
        return None
    encoded = _value(value, "data", str, "")
    try:
        data = base64.b64decode(encoded, validate=True)
    except ValueError:  # binascii.Error is one
        _wrong("numbers file", "base64", encoded[:20])
    return NumbersFile(_value(value, "name", str, ""), data, _value(value, "column", str, None))


def _company(values: Mapping[str, Any]) -> CompanyDetails:
    known = {item.name for item in fields(CompanyDetails)}
    texts = {name: _value(values, name, str, "") for name in known - {"requested_date"}}
    return CompanyDetails(**texts, requested_date=_day(values, "requested_date"))


def _providers(values: list[Any]) -> tuple[ProviderAccount, ...]:
    accounts = []
    for value in values:
        if not isinstance(value, Mapping):
            _wrong("providers", "a list of accounts", value)
        accounts.append(
            ProviderAccount(_value(value, "name", str, ""), _value(value, "account_number", str, ""))
        )
    return tuple(accounts)


def _confirmations(values: Mapping[str, Any]) -> Confirmations:
    sets = {name: _value(values, name, list, []) for name in _TEXT_SETS}
    for name, listed in sets.items():
        if not all(isinstance(item, str) for item in listed):
            _wrong(name, "a list of text", listed)
    fields: dict[str, Any] = {name: frozenset(listed) for name, listed in sets.items()}
    fields |= {name: _value(values, name, bool, None) for name in _ANSWERS}
    return Confirmations(**fields, rest=_value(values, "rest", str, ""))
