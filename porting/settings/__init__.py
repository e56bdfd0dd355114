"""The app's settings: every environment variable it reads, with its type, default and check.

One model names them all (``Settings``), in groups: ``store``, ``registry``, ``notices``,
``smtp``, ``retention``, ``drafts``, ``console`` and ``logging``. A variable that is unset, empty
or only spaces takes its default. ``load()`` reads the whole environment and raises
``SettingsError`` naming each wrong variable and what it may be; the app and the command line call
it at start. A module reads its own group (``section``), so a wrong SMTP setting does not keep
the store from opening, as before. Both are cached per value of the variables they read, so the
environment is parsed once per process, and a test that sets a variable sees it at once
(``reset`` empties the caches).

The Streamlit secret ``porting_console_password`` is read by ``ui.console.page``, which keeps
Streamlit out of ``porting``; here is only its environment variable.

Modules:

- ``values``: how the text of each variable is read and checked (the parsers and the
  ``Annotated`` types the groups declare their fields with), and how a wrong value is refused

>>> section(Drafts, {"PORTING_DRAFTS_PER_CLIENT": " 3 "}).per_client
3
>>> section(Smtp, {}).host is None
True
>>> section(Retention, {"PORTING_RETENTION_DAYS": "abc"})
Traceback (most recent call last):
...
porting.settings.SettingsError: PORTING_RETENTION_DAYS must be a whole number of days, 0 or more, not “abc”
>>> section(Notices, {"PORTING_TEAM_LANGUAGE": "sv"})
Traceback (most recent call last):
...
porting.settings.SettingsError: PORTING_TEAM_LANGUAGE must be one of en, nb, not “sv”
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from porting.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_integer, t
from porting.settings.values import (
    Days,
    DraftCount,
    DraftDays,
    HttpUrl,
    Megabytes,
    Port,
    Secret,
    Switch,
    Text,
    choice,
    http_url,
    mail_sender,
    parsed,
    refuse,
    seconds,
    team_email,
    team_members,
)

_log = logging.getLogger(__name__)
_REPO_ROOT = Path(__file__).resolve().parents[2]

DEFAULT_REGISTER_URL = "https://data.brreg.no/enhetsregisteret/api"
DEFAULT_PUBLIC_URL = "http://localhost:8501"
# The usual port of each kind of connection: submission with STARTTLS (RFC 6409), implicit
# TLS (RFC 8314) and plain SMTP, which is only for a relay on the same host or network.
TLS_MODES: Mapping[str, int] = {"starttls": 587, "ssl": 465, "none": 25}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


# --- What is wrong ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """A wrong setting: its variable, a catalogue key (``settings.…``) and what fills it in."""

    variable: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, language: str = DEFAULT_LANGUAGE) -> str:
        shown = {
            name: format_integer(value, language) if type(value) is int else value
            for name, value in self.params.items()
        }
        return t(self.code, language, variable=self.variable, **shown)


class SettingsError(ValueError):
    """Settings that cannot be used; ``problems`` says which and why (its text is in English)."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__("; ".join(problem.message() for problem in problems))
        self.problems = problems

    def messages(self, language: str = DEFAULT_LANGUAGE) -> list[str]:
        return [problem.message(language) for problem in self.problems]


# --- The groups ------------------------------------------------------------------------------


class _Group(BaseModel):
    """Settings read together; each field's alias is its environment variable."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    @classmethod
    def variables(cls) -> dict[str, FieldInfo]:
        return {str(info.alias): info for info in cls.model_fields.values()}


class Store(_Group):
    data_dir: Annotated[Path, parsed(Path)] = Field(default=_REPO_ROOT / "data", alias="PORTING_DATA_DIR")
    # The URL may hold the database's password: no message quotes it; porting.requests.schema opens it.
    database_url: Text = Field(default=None, alias="DATABASE_URL", repr=False)


class Registry(_Group):
    base_url: HttpUrl = Field(default=DEFAULT_REGISTER_URL, alias="BRREG_BASE_URL")


class Notices(_Group):
    public_url: Annotated[str, parsed(lambda text: http_url(text).rstrip("/"))] = Field(
        default=DEFAULT_PUBLIC_URL, alias="PORTING_PUBLIC_URL"
    )
    team_address: Annotated[str | None, parsed(team_email)] = Field(default=None, alias="PORTING_TEAM_EMAIL")
    team_language: Annotated[str, parsed(choice(LANGUAGES))] = Field(
        default=DEFAULT_LANGUAGE, alias="PORTING_TEAM_LANGUAGE"
    )


class Smtp(_Group):
    host: Text = Field(default=None, alias="PORTING_SMTP_HOST")
    port: Port = Field(default=None, alias="PORTING_SMTP_PORT")  # None: the usual one of ``tls``
    tls: Annotated[str, parsed(choice(TLS_MODES))] = Field(default="starttls", alias="PORTING_SMTP_TLS")
    sender: Annotated[str | None, parsed(mail_sender)] = Field(default=None, alias="PORTING_SMTP_SENDER")
    username: Text = Field(default=None, alias="PORTING_SMTP_USER")
    password: Secret = Field(default=None, alias="PORTING_SMTP_PASSWORD")
    timeout: Annotated[float, parsed(seconds)] = Field(default=10.0, alias="PORTING_SMTP_TIMEOUT")

    @model_validator(mode="after")
    def _usable(self) -> Smtp:
        """With a host, the rest must make a connection that works; without one, mail waits."""
        if self.host is None:
            return self
        name = {field: str(info.alias) for field, info in type(self).model_fields.items()}
        if self.sender is None:
            raise refuse("settings.sender_missing", variable=name["sender"], host=name["host"])
        if (self.username is None) != (self.password is None):
            missing = name["password"] if self.password is None else name["username"]
            pair = {"user": name["username"], "password": name["password"]}
            raise refuse("settings.login_pair", variable=missing, **pair)
        if self.username is not None and self.tls == "none":
            raise refuse("settings.login_in_clear", variable=name["tls"])
        return self

    @property
    def port_or_usual(self) -> int:
        return self.port or TLS_MODES[self.tls]


class Retention(_Group):
    days: Days = Field(default=90, alias="PORTING_RETENTION_DAYS")  # of a closed request's documents


class Drafts(_Group):
    per_client: DraftCount = Field(default=5, alias="PORTING_DRAFTS_PER_CLIENT")
    mb_per_client: Megabytes = Field(default=100, alias="PORTING_DRAFT_MB_PER_CLIENT")
    total_mb: Megabytes = Field(default=2_000, alias="PORTING_DRAFTS_TOTAL_MB")
    retention_days: DraftDays = Field(default=14, alias="PORTING_DRAFT_RETENTION_DAYS")


class Console(_Group):
    # Taken as typed, spaces and all: a password is not trimmed.
    password: Annotated[SecretStr | None, parsed(SecretStr, strip=False)] = Field(
        default=None, alias="PORTING_CONSOLE_PASSWORD"
    )
    behind_proxy: Switch = Field(default=False, alias="PORTING_BEHIND_PROXY")
    # Who may sign in through the identity provider, and their roles (porting.team.members).
    members: Annotated[dict[str, str], parsed(team_members)] = Field(
        default_factory=dict, alias="PORTING_TEAM_MEMBERS"
    )


class Logging(_Group):
    level: Annotated[str, parsed(choice(LOG_LEVELS, upper=True))] = Field(
        default="INFO", alias="PORTING_LOG_LEVEL"
    )


class Settings(BaseSettings):
    """Every setting of the app, read from the environment by ``_Environment``."""

    model_config = SettingsConfigDict(frozen=True, extra="ignore")

    store: Store = Store()
    registry: Registry = Registry()
    notices: Notices = Notices()
    smtp: Smtp = Smtp()
    retention: Retention = Retention()
    drafts: Drafts = Drafts()
    console: Console = Console()
    logging: Logging = Logging()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only the arguments and ``_Environment``: no ``.env`` file, secrets directory or nested names."""
        return (init_settings, _Environment(settings_cls))


def _groups() -> dict[str, type[_Group]]:
    return {name: _group_of(info) for name, info in Settings.model_fields.items()}


def _group_of(info: FieldInfo) -> type[_Group]:
    """The group a field of ``Settings`` holds: its annotation, which is one of the groups."""
    group = info.annotation
    if not (isinstance(group, type) and issubclass(group, _Group)):
        raise TypeError(f"a field of Settings holds {group!r}, not a group of settings")
    return group


class _Environment(PydanticBaseSettingsSource):
    """The variables of each group by their own names (``PORTING_SMTP_HOST``, not ``SMTP__HOST``)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return _values(_groups()[field_name], os.environ), field_name, True

    def __call__(self) -> dict[str, Any]:
        return {name: dict(_values(group, os.environ)) for name, group in _groups().items()}


def variables() -> dict[str, FieldInfo]:
    """Every variable the app reads, with its field (``default``, ``annotation``)."""
    return {alias: info for group in _groups().values() for alias, info in group.variables().items()}


# --- Reading ---------------------------------------------------------------------------------

Group = TypeVar("Group", bound=_Group)


def load() -> Settings:
    """All the settings of the environment; ``SettingsError`` names every wrong one."""
    return _load(tuple(_values(group, os.environ) for group in _groups().values()))


def section(group: type[Group], environ: Mapping[str, str] | None = None) -> Group:
    """The settings of ``group`` (such as ``Smtp``) in ``environ``, by default the environment.

    Raises ``SettingsError`` naming what is wrong in that group only.
    """
    return _section(group, _values(group, os.environ if environ is None else environ))


def section_or_defaults(group: type[Group], environ: Mapping[str, str] | None = None) -> Group:
    """``section``, with each wrong variable at its default (and a warning logged): for limits
    that must hold even when a setting is mistyped."""
    values = _values(group, os.environ if environ is None else environ)
    try:
        return _section(group, values)
    except SettingsError as error:
        wrong = {problem.variable for problem in error.problems}
        for message in error.messages():
            _log.warning("%s: the default is used", message)
        return _section(group, tuple((alias, text) for alias, text in values if alias not in wrong))


def reset() -> None:
    """Forget the settings read so far."""
    _load.cache_clear()
    _validated.cache_clear()


def _values(group: type[_Group], environ: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The variables of ``group`` set in ``environ`` (empty or only spaces: unset), its settings' source."""
    return tuple((alias, environ[alias]) for alias in group.variables() if environ.get(alias, "").strip())


def _problems_of(error: ValidationError) -> tuple[Problem, ...]:
    found = []
    for item in error.errors():
        params = dict(item.get("ctx") or {})
        variable = params.pop("variable", None) or str(item["loc"][-1] if item["loc"] else "?")
        code = item["type"] if item["type"].startswith("settings.") else "settings.invalid"
        found.append(Problem(variable, code, params))
    return tuple(found)


# Cached by the values of the variables read, so each is parsed once per process and a change
# to the environment (a test's monkeypatch) is seen at the next call.


@lru_cache(maxsize=16)
def _load(_values: tuple[tuple[tuple[str, str], ...], ...]) -> Settings:
    try:
        return Settings()  # reads os.environ, whose values are the key
    except ValidationError as error:
        raise SettingsError(_problems_of(error)) from None


def _section(group: type[Group], values: tuple[tuple[str, str], ...]) -> Group:
    # lru_cache's wrapper keeps the return type of a function, not how it follows ``group``.
    return cast(Group, _validated(group, values))


@lru_cache(maxsize=64)
def _validated(group: type[_Group], values: tuple[tuple[str, str], ...]) -> _Group:
    try:
        return group.model_validate(dict(values))
    except ValidationError as error:
        raise SettingsError(_problems_of(error)) from None
