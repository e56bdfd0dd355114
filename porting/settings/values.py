"""The values of the settings: how the text of an environment variable is read and checked.

Each parser takes the text of one variable and returns its value, or refuses it with a
``PydanticCustomError`` whose type is a catalogue key (``settings.…``) and whose context fills
it in (``refuse``); ``porting.settings`` turns those into its ``Problem``s. A refused value is
quoted trimmed, shortened and without control characters. The ``Annotated`` types (``Text``,
``Days``, ``Port``, …) are what the groups of ``porting.settings`` declare their fields with.

>>> whole("settings.days", 0)("90")
90
>>> choice(("en", "nb"))("NB")
'nb'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from email.utils import parseaddr
from typing import Annotated, Any

from pydantic import BeforeValidator, SecretStr
from pydantic_core import PydanticCustomError

MOST_SMTP_SECONDS = 300
MOST_DRAFT_LIMIT = 36_500  # a hundred years of days, or 36 GB: more is a mistyped setting
_SHOWN_VALUE = 80  # characters of a wrong value a message quotes
_SWITCH = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


# --- What a wrong value is told --------------------------------------------------------------


def refuse(code: str, **params: Any) -> PydanticCustomError:
    return PydanticCustomError(code, code, params)


def _shown(value: object) -> str:
    """A wrong value as a message quotes it: trimmed, shortened, no control characters."""
    text = str(value).strip()[:_SHOWN_VALUE]
    return "".join("?" if _control(char) else char for char in text)


def _control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


# --- Value types -----------------------------------------------------------------------------


def parsed(parse: Callable[[str], Any], *, strip: bool = True) -> BeforeValidator:
    """A field read from the text of a variable (``porting.settings`` leaves out blank ones)."""

    def validate(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # a default, or a value a test gives
        return parse(value.strip() if strip else value)

    return BeforeValidator(validate)


def whole(code: str, least: int, most: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not re.fullmatch(r"[0-9]+", text) or not least <= int(text) <= (most or int(text)):
            raise refuse(code, value=_shown(text), least=least, most=most)
        return int(text)

    return parse


def choice(choices: tuple[str, ...] | Mapping[str, Any], *, upper: bool = False) -> Callable[[str], str]:
    def parse(text: str) -> str:
        name = text.upper() if upper else text.lower()
        if name not in choices:
            raise refuse("settings.choice", choices=", ".join(choices), value=_shown(text))
        return name

    return parse


def http_url(text: str) -> str:
    if not re.match(r"https?://[^/\s]", text) or " " in text or any(_control(char) for char in text):
        raise refuse("settings.url", value=_shown(text))
    return text


def switch(text: str) -> bool:
    try:
        return _SWITCH[text.lower()]
    except KeyError:
        raise refuse("settings.switch", value=_shown(text)) from None


def seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= MOST_SMTP_SECONDS:  # also refuses nan and inf
        raise refuse("settings.seconds", most=MOST_SMTP_SECONDS, value=_shown(text))
    return seconds


def team_email(text: str) -> str:
    from porting.email_address import is_mail_address, mail_address  # here: it costs ``check`` time

    if not is_mail_address(text):
        raise refuse("settings.address", value=_shown(text))
    return mail_address(text)


AGENT, ADMIN = "agent", "admin"  # the console's roles: only admins export archives
ROLES = (AGENT, ADMIN)


def team_members(text: str) -> dict[str, str]:
    """``PORTING_TEAM_MEMBERS``: comma-separated addresses (``kari@example.no``) or domains
    (``@example.no``), each with ``:admin`` or ``:agent`` (the default); lower-case address or
    ``@domain`` to role (``porting.team.members``).

    >>> team_members("Kari@Fjord.no:admin, @fjord.no")
    {'kari@fjord.no': 'admin', '@fjord.no': 'agent'}
    """
    allowed: dict[str, str] = {}
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        who, _, role = entry.partition(":")
        who, role = who.strip().lower(), role.strip().lower() or AGENT
        local, at, domain = who.rpartition("@")
        plain = who.isascii() and " " not in who and "@" not in local
        if role not in ROLES or not at or "." not in domain or not plain:
            raise refuse("settings.members", value=_shown(entry))
        allowed[who] = role
    return allowed


def mail_sender(text: str) -> str:
    from porting.email_address import header_problem, is_mail_address

    if not is_mail_address(parseaddr(text)[1]) or header_problem(text) is not None:
        raise refuse("settings.sender", value=_shown(text))
    return text


Text = Annotated[str | None, parsed(str)]
Secret = Annotated[SecretStr | None, parsed(SecretStr)]
Days = Annotated[int, parsed(whole("settings.days", 0))]
DraftDays = Annotated[int, parsed(whole("settings.draft_days", 1, MOST_DRAFT_LIMIT))]
DraftCount = Annotated[int, parsed(whole("settings.draft_count", 1, MOST_DRAFT_LIMIT))]
Megabytes = Annotated[int, parsed(whole("settings.megabytes", 1, MOST_DRAFT_LIMIT))]
Port = Annotated[int | None, parsed(whole("settings.port", 1, 65535))]
HttpUrl = Annotated[str, parsed(http_url)]
Switch = Annotated[bool, parsed(switch)]
