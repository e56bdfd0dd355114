"""Companies as Enhetsregisteret, the Brønnøysund Register Centre's register of legal entities, has them.

What the register says is read without trusting its shape (any field may be missing);
a deleted, bankrupt or dissolving entity carries warnings. The look-up over the network is
``porting.lookup.brreg``; this module is pure data, so the domain can use it offline.

>>> entity = entity_from_json({"organisasjonsnummer": "974760673", "slettedato": "2023-05-02"})
>>> entity.navn, address_text(entity), [warning.code for warning in entity.warnings]
('', '', ['registry.deleted'])
>>> entity.warnings[0].params
(('date', datetime.date(2023, 5, 2)),)
>>> "slettet 2. mai 2023" in entity.warnings[0].text("nb")
True
>>> outcome("invalid")
Lookup(status='invalid', entity=None, message='registry.invalid')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from porting.company.details import CompanyDetails, compact_org_number, format_org_number
from porting.i18n import DEFAULT_LANGUAGE, format_date, t

Status = Literal["found", "unknown", "removed", "unreachable", "invalid"]
# The register's flags that put in doubt who may sign for the entity, and what we say about them.
_FLAG_WARNINGS = (
    ("konkurs", "registry.bankrupt"),
    ("underAvvikling", "registry.winding_up"),
    ("underTvangsavviklingEllerTvangsopplosning", "registry.forced_winding_up"),
)

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
    org_number: str = field(default="", repr=False)  # the nine digits asked for; "" when not known

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        return t(self.message, language)

    def is_for(self, org_number: str) -> bool:
        """Whether this is the register's answer for ``org_number`` (as typed, with any spacing).

        >>> outcome("unknown", org_number="974760673").is_for("974 760 673")
        True
        >>> outcome("unknown", org_number="974760673").is_for("999 990 002"), outcome("unknown").is_for("")
        (False, False)
        """
        return bool(self.org_number) and self.org_number == compact_org_number(org_number)


def outcome(status: Status, entity: RegistryEntity | None = None, *, org_number: str = "") -> Lookup:
    """The outcome with ``status``, explained by the catalogue key ``registry.{status}``, for the
    organisation number ``org_number`` (its nine digits)."""
    return Lookup(status, entity, f"registry.{status}", org_number)


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
    return replace(details, **{field: value for field, value in from_register.items() if value})  # type: ignore[arg-type]  # every field here is a str
