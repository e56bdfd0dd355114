"""Settings: every environment variable in one model, checked when the app and the command line start."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from porting import logs, settings
from porting.cli import main as cli, requests as requests_cli
from porting.i18n import LANGUAGES, t
from porting.lookup import brreg as registry
from porting.notify import mail as notify
from porting.requests import schema
from ui import PROXY_VARIABLE
from ui.console import page as console

REPO_ROOT = Path(__file__).resolve().parents[2]
APP = str(REPO_ROOT / "app.py")
# One wrong value for each check, and the catalogue key of its message.
WRONG = [
    ("BRREG_BASE_URL", "data.brreg.no/enhetsregisteret/api", "settings.url"),
    ("PORTING_PUBLIC_URL", "https://porting example.com", "settings.url"),
    ("PORTING_TEAM_EMAIL", "the porting team", "settings.address"),
    ("PORTING_TEAM_LANGUAGE", "sv", "settings.choice"),
    ("PORTING_SMTP_PORT", "smtp", "settings.port"),
    ("PORTING_SMTP_TLS", "tls", "settings.choice"),
    ("PORTING_SMTP_SENDER", "porting", "settings.sender"),
    ("PORTING_SMTP_TIMEOUT", "inf", "settings.seconds"),
    ("PORTING_RETENTION_DAYS", "-1", "settings.days"),
    ("PORTING_DRAFTS_PER_CLIENT", "0", "settings.draft_count"),
    ("PORTING_DRAFT_MB_PER_CLIENT", "lots", "settings.megabytes"),
    ("PORTING_DRAFTS_TOTAL_MB", "36501", "settings.megabytes"),
    ("PORTING_DRAFT_RETENTION_DAYS", "2 weeks", "settings.draft_days"),
    ("PORTING_BEHIND_PROXY", "maybe", "settings.switch"),
    ("PORTING_LOG_LEVEL", "chatty", "settings.choice"),
]


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The environment of a served app: none of the settings set but the test's data folder."""
    for variable in settings.variables():
        if variable != schema.DATA_DIR_VARIABLE:
            monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def wrong(variable: str) -> settings.SettingsError:
    with pytest.raises(settings.SettingsError) as refused:
        settings.load()
    assert [problem.variable for problem in refused.value.problems] == [variable]
    return refused.value


# --- The model -------------------------------------------------------------------------------


def _readme_table() -> dict[str, str]:
    """The README's settings table: each variable it names, with the text of its default."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Settings", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in table.splitlines() if line.startswith("| `")]
    return {name: row[1] for row in rows for name in re.findall(r"`([A-Z_]+)`", row[0])}


def test_the_readme_lists_exactly_the_variables_the_settings_name() -> None:
    assert sorted(_readme_table()) == sorted(settings.variables())


def test_the_defaults_the_readme_gives_are_the_settings_defaults() -> None:
    given = {name: cell for name, cell in _readme_table().items() if re.fullmatch(r"`[^`]+`( .*)?", cell)}
    assert len(given) >= 10
    for name, cell in given.items():
        shown, default = cell.split("`")[1], settings.variables()[name].default
        if isinstance(default, Path):  # "`data/` in the repository"
            assert shown == f"{default.relative_to(REPO_ROOT).as_posix()}/", name
        else:
            assert shown == (f"{default:g}" if isinstance(default, float) else str(default)), name


def test_each_module_names_its_variables_as_the_settings_do() -> None:
    named = [
        registry.BASE_URL_VARIABLE, schema.DATA_DIR_VARIABLE, schema.DATABASE_URL_VARIABLE,
        console.PASSWORD_VARIABLE, PROXY_VARIABLE, requests_cli.RETENTION_VARIABLE, logs.LEVEL_VARIABLE,
        notify.HOST_VARIABLE, notify.PORT_VARIABLE, notify.SENDER_VARIABLE, notify.TLS_VARIABLE,
        notify.USER_VARIABLE, notify.PASSWORD_VARIABLE, notify.TIMEOUT_VARIABLE,
        notify.TEAM_EMAIL_VARIABLE, notify.TEAM_LANGUAGE_VARIABLE, notify.PUBLIC_URL_VARIABLE,
    ]  # fmt: skip
    assert set(named) <= set(settings.variables())


def test_unset_settings_take_their_defaults(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("PORTING_SMTP_HOST", "   ")  # only spaces: unset
    loaded = settings.load()
    assert loaded.smtp.host is None and loaded.smtp.port_or_usual == 587
    assert loaded.retention.days == 90 and loaded.drafts.total_mb == 2_000
    assert loaded.notices.public_url == "http://localhost:8501" and loaded.console.behind_proxy is False


def test_settings_are_read_once_and_again_when_the_environment_changes(
    environment: pytest.MonkeyPatch,
) -> None:
    assert settings.load() is settings.load()
    environment.setenv("PORTING_RETENTION_DAYS", "30")
    assert settings.load().retention.days == 30
    assert settings.section(settings.Retention) is settings.section(settings.Retention)
    first = settings.load()
    settings.reset()
    assert settings.load() is not first and settings.load() == first


@pytest.mark.parametrize(
    ("value", "on"), [("1", True), ("YES", True), ("true", True), ("no", False), ("0", False)]
)
def test_behind_proxy_is_a_switch(environment: pytest.MonkeyPatch, value: str, on: bool) -> None:
    environment.setenv(PROXY_VARIABLE, value)
    assert settings.load().console.behind_proxy is on


def test_the_console_password_is_taken_as_typed_and_never_shown(environment: pytest.MonkeyPatch) -> None:
    environment.setenv(console.PASSWORD_VARIABLE, " fjord lighthouse 47 ")
    loaded = settings.load()
    assert loaded.console.password is not None
    assert loaded.console.password.get_secret_value() == " fjord lighthouse 47 "
    assert "lighthouse" not in repr(loaded)


def test_no_message_quotes_a_password_or_the_database_url(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("PORTING_SMTP_HOST", "smtp.example.no")
    environment.setenv("PORTING_SMTP_SENDER", "porting@example.no")
    environment.setenv("PORTING_SMTP_PASSWORD", "hunter2")  # but no user
    environment.setenv("DATABASE_URL", "postgresql+psycopg://porter:s3cret@db.example/porting")
    refused = wrong("PORTING_SMTP_USER")
    assert "hunter2" not in str(refused) and "s3cret" not in repr(settings.section(settings.Store))


# --- What a wrong value is told ---------------------------------------------------------------


@pytest.mark.parametrize(("variable", "value", "code"), WRONG)
def test_a_wrong_value_is_refused_naming_the_variable_and_what_it_may_be(
    environment: pytest.MonkeyPatch, variable: str, value: str, code: str
) -> None:
    environment.setenv(variable, value)
    refused = wrong(variable)
    assert refused.problems[0].code == code
    for language in LANGUAGES:
        message = refused.messages(language)[0]
        assert message.startswith(variable) and value.strip() in message
        assert message != t("settings.invalid", language, variable=variable)


def test_every_wrong_value_is_told_at_once(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("PORTING_RETENTION_DAYS", "abc")
    environment.setenv("PORTING_SMTP_TIMEOUT", "soon")
    with pytest.raises(settings.SettingsError) as refused:
        settings.load()
    assert refused.value.messages() == [
        "PORTING_SMTP_TIMEOUT must be seconds, above 0 and at most 300, not “soon”",
        "PORTING_RETENTION_DAYS must be a whole number of days, 0 or more, not “abc”",
    ]


def test_a_wrong_value_is_quoted_short_and_without_control_characters(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv("PORTING_TEAM_LANGUAGE", "nb\x1b[31m" + "x" * 200)
    message = wrong("PORTING_TEAM_LANGUAGE").messages()[0]
    assert "\x1b" not in message and "x" * 80 not in message


def test_a_mistyped_draft_limit_keeps_its_default_and_is_logged(
    environment: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    environment.setenv("PORTING_DRAFTS_PER_CLIENT", "lots")
    environment.setenv("PORTING_DRAFTS_TOTAL_MB", "500")
    with caplog.at_level(logging.WARNING, logger="porting.settings"):
        found = settings.section_or_defaults(settings.Drafts)
    assert (found.per_client, found.total_mb) == (5, 500)
    assert "PORTING_DRAFTS_PER_CLIENT must be a whole number from 1 to 36,500" in caplog.text


# --- At start --------------------------------------------------------------------------------


def test_the_command_line_refuses_to_start_with_a_wrong_setting_in_one_line_each(
    environment: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    environment.setenv("PORTING_RETENTION_DAYS", "abc")
    environment.setenv("PORTING_BEHIND_PROXY", "maybe")
    stdout = io.StringIO()
    assert cli.main(["check", "--lang", "nb"], stdin=io.StringIO("21234567"), stdout=stdout) == cli.EXIT_USAGE
    assert stdout.getvalue() == ""
    details = [
        t("settings.days", "nb", variable="PORTING_RETENTION_DAYS", least=0, value="abc"),
        t("settings.switch", "nb", variable="PORTING_BEHIND_PROXY", value="maybe"),
    ]
    lines = capsys.readouterr().err.splitlines()
    assert lines == [t("errors.setting_invalid", "nb", detail=detail) for detail in details]


def test_the_command_line_runs_with_good_settings(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("PORTING_SMTP_TIMEOUT", "2.5")
    stdout = io.StringIO()
    assert cli.main(["check", "--json"], stdin=io.StringIO("21234567"), stdout=stdout) == cli.EXIT_OK


def test_the_app_shows_what_is_wrong_instead_of_its_pages(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("PORTING_SMTP_PORT", "smtp")
    app = AppTest.from_file(APP, default_timeout=30).run()
    assert not app.exception
    [shown] = [error.value for error in app.error]
    assert t("settings.heading") in shown and t("settings.fix") in shown
    assert "PORTING\\_SMTP\\_PORT must be a port number from 1 to 65535" in shown
    assert not app.text_area  # no step of the wizard
