"""Who holds a role in a company, as Enhetsregisteret lists them, and who of them may sign.

Source: the register's open API, ``GET /enheter/{orgnr}/roller`` (licence NLOD;
https://data.brreg.no/enhetsregisteret/api/dokumentasjon/en/index.html), which answers role
groups, each with roles held by a person (``navn``: fornavn, mellomnavn, etternavn) or by
another entity. Which role codes may sign the letter of authorization is
``rules().signing_roles`` (shared NORWAY.md, "Who may sign for a company"). A role whose holder
has stepped down (``fratraadt``) or died (``erDoed``) is left out, and so is one held by an
entity: a person signs. The look-up over the network is ``porting.lookup.brreg.roles_lookup``.

>>> answer = {"rollegrupper": [
...     {"type": {"kode": "DAGL"}, "roller": [{"type": {"kode": "DAGL", "beskrivelse": "Daglig leder"},
...      "person": {"navn": {"fornavn": "Kari", "etternavn": "Nordmann"}, "erDoed": False},
...      "fratraadt": False}]},
...     {"type": {"kode": "STYR"}, "roller": [{"type": {"kode": "MEDL", "beskrivelse": "Styremedlem"},
...      "person": {"navn": {"fornavn": "Per", "etternavn": "Hansen"}}, "fratraadt": False}]}]}
>>> roles = roles_from_json(answer)
>>> [(role.code, role.name) for role in roles]
[('DAGL', 'Kari Nordmann'), ('MEDL', 'Per Hansen')]
>>> [role.name for role in may_sign(roles)], title(roles[0], "en")
(['Kari Nordmann'], 'Managing director')
>>> holds_signing_role("  kari  NORDMANN ", roles), holds_signing_role("Per Hansen", roles)
(True, False)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from porting.company.details import compact_org_number
from porting.formatting import either
from porting.i18n import DEFAULT_LANGUAGE, t
from porting.rules import rules

RolesStatus = Literal["found", "unknown", "removed", "unreachable", "invalid"]
MAX_ROLES = 500  # roles read at most: a large company's answer holds a few dozen
_MAX_NAME = 200  # characters of a name part kept (CompanyDetails' TEXT_LIMIT)


@dataclass(frozen=True)
class Role:
    """One role held by a person: the register's code (``DAGL``) and description, and the name."""

    code: str
    description: str  # the register's own words, in Norwegian: "Daglig leder"
    fornavn: str
    mellomnavn: str
    etternavn: str

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.fornavn, self.mellomnavn, self.etternavn) if part)


@dataclass(frozen=True)
class RolesLookup:
    """The outcome of one look-up of roles; ``roles`` are only there when ``status`` is ``found``."""

    status: RolesStatus
    roles: tuple[Role, ...] = ()
    org_number: str = field(default="", repr=False)  # the nine digits asked for; "" when not known

    @property
    def signatories(self) -> tuple[Role, ...]:
        return may_sign(self.roles)

    def is_for(self, org_number: str) -> bool:
        """Whether these are the roles of ``org_number`` (as typed, with any spacing).

        >>> RolesLookup("found", org_number="974760673").is_for("974 760 673")
        True
        >>> RolesLookup("found", org_number="974760673").is_for("999990002"), RolesLookup("found").is_for("")
        (False, False)
        """
        return bool(self.org_number) and self.org_number == compact_org_number(org_number)


def roles_from_json(document: object) -> tuple[Role, ...] | None:
    """The roles held by living persons who have not stepped down, in the register's order, or
    ``None`` when ``document`` is not an answer of ``/roller`` (no list of role groups)."""
    if not isinstance(document, dict) or not isinstance(document.get("rollegrupper"), list):
        return None
    found: list[Role] = []
    for group in document["rollegrupper"]:
        listed = group.get("roller") if isinstance(group, dict) else None
        for item in listed if isinstance(listed, list) else ():
            role = _role(item)
            if role is not None and len(found) < MAX_ROLES:
                found.append(role)
    return tuple(found)


def _role(item: object) -> Role | None:
    if not isinstance(item, dict) or item.get("fratraadt") is True:
        return None
    person = _table(item, "person")
    if not person or person.get("erDoed") is True:
        return None
    kind, navn = _table(item, "type"), _table(person, "navn")
    role = Role(
        code=_text(kind.get("kode")),
        description=_text(kind.get("beskrivelse")),
        fornavn=_text(navn.get("fornavn")),
        mellomnavn=_text(navn.get("mellomnavn")),
        etternavn=_text(navn.get("etternavn")),
    )
    return role if role.code and role.name else None


def _table(document: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = document.get(key)
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str:
    return " ".join(value.split())[:_MAX_NAME] if isinstance(value, str) else ""


def may_sign(roles: Iterable[Role]) -> tuple[Role, ...]:
    """The roles whose holders may sign the letter, each person once (in the rules' order of
    roles: a managing director who also chairs the board signs as managing director)."""
    order = {role.code: index for index, role in enumerate(rules().signing_roles)}
    signing = sorted((role for role in roles if role.code in order), key=lambda role: order[role.code])
    people: dict[str, Role] = {}
    for role in signing:
        people.setdefault(_comparable(role.name), role)
    return tuple(people.values())


def title(role: Role, language: str = DEFAULT_LANGUAGE) -> str:
    """The signatory's title for the letter: the rules' words for the role, else the register's."""
    known = next((signing for signing in rules().signing_roles if signing.code == role.code), None)
    return known.texts[language] if known is not None else role.description


def holds_signing_role(name: str, roles: Iterable[Role]) -> bool:
    """Whether ``name`` is the name of a person who may sign, with or without the middle name;
    case and spacing do not matter."""
    return person_named(name, may_sign(roles)) is not None


def person_named(name: str, people: Sequence[Role]) -> int | None:
    """Where in ``people`` the person is whom ``name`` names, with or without the middle name
    (case and spacing do not matter), or ``None`` for no one."""
    typed = _comparable(name)
    if not typed:
        return None
    for index, role in enumerate(people):
        if typed in (_comparable(role.name), _comparable(f"{role.fornavn} {role.etternavn}")):
            return index
    return None


def _comparable(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def named(roles: Iterable[Role], language: str = DEFAULT_LANGUAGE) -> str:
    """Who may sign, for a message: ``Kari Nordmann (Managing director) or Per Hansen (…)``."""
    shown = tuple(f"{role.name} ({title(role, language)})" for role in may_sign(roles))
    return either(shown, language) if shown else t("signatory.nobody", language)
