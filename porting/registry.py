"""Look a company up in Enhetsregisteret, the Brønnøysund Register Centre's register of legal entities.

Source: the open API at https://data.brreg.no/enhetsregisteret/api (licence NLOD, no key;
https://data.brreg.no/enhetsregisteret/api/dokumentasjon/en/index.html; show
``registry.attribution`` beside its data). ``GET /enheter/{orgnr}`` answers 200 with the
entity (a deleted one too, with few fields and ``slettedato``), 404 for a number never
registered and 410 for one removed from public view.

A look-up never raises for what the network or the register does: every outcome is a
``Lookup`` whose ``status`` says what happened and whose ``message`` is the catalogue key
that explains it to a person. When the register cannot be reached, people type the
details themselves. An invalid organisation number is not sent at all:

>>> lookup("974 760 674")
Lookup(status='invalid', entity=None, message='registry.invalid')
>>> entity_url("974 760 673", "https://registry.test/api/")
'https://registry.test/api/enheter/974760673'

What the register says is read without trusting its shape (any field may be missing);
a deleted, bankrupt or dissolving entity carries warnings:

>>> entity = entity_from_json({"organisasjonsnummer": "974760673", "slettedato": "2023-05-02"})
>>> entity.navn, address_text(entity), [warning.code for warning in entity.warnings]
('', '', ['registry.deleted'])
>>> entity.warnings[0].params
(('date', datetime.date(2023, 5, 2)),)
>>> "slettet 2. mai 2023" in entity.warnings[0].text("nb")
True
"""

from __future__ import annotations

import http.client
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from porting import settings
from porting.company import CompanyDetails, compact_org_number, format_org_number, validate_org_number
from porting.i18n import DEFAULT_LANGUAGE, format_date, t
from porting.logs import scrub

DEFAULT_BASE_URL = settings.DEFAULT_REGISTER_URL
BASE_URL_VARIABLE = "BRREG_BASE_URL"  # read at each look-up: tests and mirrors point it elsewhere
DEFAULT_TIMEOUT = 3.0  # seconds; the form waits this long at most before people type the details
USER_AGENT = "norway-number-porting-wizard/1.0 (Python urllib)"
_MAX_ANSWER_BYTES = 1_000_000  # an entity is a few kilobytes; more is not an answer we want

Status = Literal["found", "unknown", "removed", "unreachable", "invalid"]
_STATUS_OF_HTTP_ERROR: dict[int, Status] = {404: "unknown", 410: "removed"}
# The register's flags that put in doubt who may sign for the entity, and what we say about them.
_FLAG_WARNINGS = (
    ("konkurs", "registry.bankrupt"),
    ("underAvvikling", "registry.winding_up"),
    ("underTvangsavviklingEllerTvangsopplosning", "registry.forced_winding_up"),
)

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntityWarning:
    """Something the register says that matters before porting: a catalogue key and its parameters.

    A ``date`` parameter is written the reader's way (``2 May 2023``, ``2. mai 2023``); a
    register date that is not an ISO date stays the text the register gave.
    """

    code: str  # registry.deleted (with "date"), registry.bankrupt, registry.winding_up, ...
    params: tuple[tuple[str, str | date], ...] = ()

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        params = {
            key: format_date(value, language, "medium") if isinstance(value, date) else value
            for key, value in self.params
        }
        return t(self.code, language, **params)


@dataclass(frozen=True)
class RegistryEntity:
    """One entity (enhet) as the register has it, in the register's own terms."""

    org_number: str
    navn: str
    address_lines: tuple[str, ...]  # forretningsadresse.adresse, or postadresse's if it has none
    postnummer: str
    poststed: str
    organisasjonsform: str  # its beskrivelse, such as "Aksjeselskap"; may be ""
    warnings: tuple[EntityWarning, ...] = ()


@dataclass(frozen=True)
class Lookup:
    """The outcome of one look-up; ``entity`` is set only when ``status`` is ``found``."""

    status: Status
    entity: RegistryEntity | None
    message: str  # catalogue key: registry.found, registry.unknown, ...

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        return t(self.message, language)


def _outcome(status: Status, entity: RegistryEntity | None = None) -> Lookup:
    return Lookup(status, entity, f"registry.{status}")


def entity_url(org_number: str, base_url: str | None = None) -> str:
    """Where the register answers for ``org_number``: ``base_url``, else ``$BRREG_BASE_URL``, else brreg."""
    base = base_url or settings.section(settings.Registry).base_url
    return f"{base.rstrip('/')}/enheter/{compact_org_number(org_number)}"


def lookup(org_number: str, *, base_url: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> Lookup:
    """What the register says about ``org_number``; never raises for network, HTTP or JSON trouble."""
    if validate_org_number(org_number) is not None:
        return _outcome("invalid")
    number = compact_org_number(org_number)
    url = entity_url(number, base_url)
    try:
        document = _get_json(url, timeout)
    except urllib.error.HTTPError as error:
        error.close()
        status = _STATUS_OF_HTTP_ERROR.get(error.code)
        if status is None:
            _log.warning("Enhetsregisteret answered HTTP %s for %s", error.code, scrub(url))
            return _outcome("unreachable")
        return _outcome(status)
    except (OSError, http.client.HTTPException, ValueError, RecursionError) as error:
        # Bodies are never logged: only what went wrong, and where.
        _log.warning("Enhetsregisteret could not be read at %s: %s", scrub(url), type(error).__name__)
        return _outcome("unreachable")
    entity = entity_from_json(document, number)
    if entity is None:
        _log.warning("Enhetsregisteret answered %s with something other than an entity", scrub(url))
        return _outcome("unreachable")
    return _outcome("found", entity)


def _get_json(url: str, timeout: float) -> object:
    if urlsplit(url).scheme not in ("http", "https"):  # urllib would also open file: URLs
        raise ValueError(f"not an HTTP URL: {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read(_MAX_ANSWER_BYTES + 1)
    if len(body) > _MAX_ANSWER_BYTES:
        raise ValueError(f"answer longer than {_MAX_ANSWER_BYTES} bytes")
    return json.loads(body)


def entity_from_json(document: object, org_number: str = "") -> RegistryEntity | None:
    """The entity in one answer of ``/enheter/{orgnr}``, or ``None`` if it is not a JSON object."""
    if not isinstance(document, dict):
        return None
    address = _table(document, "forretningsadresse") or _table(document, "postadresse")
    lines = address.get("adresse")
    return RegistryEntity(
        org_number=_text(document.get("organisasjonsnummer")) or org_number,
        navn=_text(document.get("navn")),
        address_lines=tuple(filter(None, map(_text, lines))) if isinstance(lines, list) else (),
        postnummer=_text(address.get("postnummer")),
        poststed=_text(address.get("poststed")),
        organisasjonsform=_text(_table(document, "organisasjonsform").get("beskrivelse")),
        warnings=_warnings(document),
    )


def _warnings(document: Mapping[str, object]) -> tuple[EntityWarning, ...]:
    found: list[EntityWarning] = []
    deleted = document.get("slettedato")
    if deleted:
        found.append(EntityWarning("registry.deleted", (("date", _day(deleted)),)))
    found.extend(EntityWarning(code) for key, code in _FLAG_WARNINGS if document.get(key) is True)
    return tuple(found)


def _table(document: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = document.get(key)
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _day(value: object) -> str | date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return str(value)


def address_text(entity: RegistryEntity) -> str:
    """The address lines on one line, as ``CompanyDetails.address`` holds them.

    >>> lines = ("Havnegata 48", "Postboks 900")
    >>> address_text(RegistryEntity("974760673", "X", lines, "8910", "BRØNNØYSUND", ""))
    'Havnegata 48, Postboks 900'
    """
    return ", ".join(entity.address_lines)


def prefill(details: CompanyDetails, entity: RegistryEntity) -> CompanyDetails:
    """``details`` with the name and address the register has; what it lacks is left as typed.

    >>> entity = RegistryEntity("974760673", "REGISTERENHETEN I BRØNNØYSUND", (), "8910", "BRØNNØYSUND", "")
    >>> details = prefill(CompanyDetails(address="Havnegata 48"), entity)
    >>> details.org_number, details.company_name, details.address, details.postcode
    ('974 760 673', 'REGISTERENHETEN I BRØNNØYSUND', 'Havnegata 48', '8910')
    """
    from_register = {
        "org_number": format_org_number(entity.org_number),
        "company_name": entity.navn,
        "address": address_text(entity),
        "postcode": entity.postnummer,
        "city": entity.poststed,
    }
    return replace(details, **{field: value for field, value in from_register.items() if value})
