"""Who may use the console and what they may do: the members allowed, by e-mail address or by
domain, and their role.

``PORTING_TEAM_MEMBERS`` lists them, comma-separated: an address (``kari@example.no``) or a
domain (``@example.no``: everyone signed in with an address there), each with ``:admin`` or
``:agent`` (the default). Only admins export a request's archive. An address named on its own
wins over its domain, so one admin can be named in a domain of agents. With the identity
provider (``st.login``) the member is who the provider says signed in; with the password (local
use and demos), whoever signs in types their name, and is an admin.

>>> allowed = team_members("kari@fjord.no:admin, @fjord.no")
>>> role_of("Kari@Fjord.no", allowed), role_of("ola@fjord.no", allowed), role_of("eve@evil.no", allowed)
('admin', 'agent', None)
>>> Member("Kari Nordmann", "kari@fjord.no", ADMIN).actor
'Kari Nordmann <kari@fjord.no>'
>>> Member("Ola", None, ADMIN).actor
'Ola'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from porting.settings.values import ADMIN, AGENT, team_members

__all__ = ["ADMIN", "AGENT", "Member", "role_of", "team_members", "typed_name"]

MAX_NAME = 80  # characters of a typed name the audit trail keeps


@dataclass(frozen=True)
class Member:
    """A person signed in to the console: as the audit trail names them, and their role."""

    name: str
    email: str | None
    role: str

    @property
    def actor(self) -> str:
        """Who the audit trail says did something: the name, and the address when known."""
        return f"{self.name} <{self.email}>" if self.email else self.name

    @property
    def may_export(self) -> bool:
        return self.role == ADMIN


def role_of(email: str | None, allowed: Mapping[str, str]) -> str | None:
    """The role of the member signed in with ``email``, or ``None`` when they are not allowed."""
    if not email or "@" not in email:
        return None
    address = email.strip().lower()
    return allowed.get(address) or allowed.get("@" + address.rpartition("@")[2])


def typed_name(text: str) -> str:
    """A name typed at the password sign-in, as the audit trail keeps it: one line, without
    control or invisible characters, at most ``MAX_NAME`` characters; "" when nothing is left.

    >>> typed_name("  Kari\\u202e Nordmann\\n ")
    'Kari Nordmann'
    """
    kept = "".join(" " if char.isspace() else char for char in text if not _invisible(char))
    return " ".join(kept.split())[:MAX_NAME].strip()


def _invisible(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn")
