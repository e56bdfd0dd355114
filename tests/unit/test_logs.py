"""Logging: one line per event on standard error, at the level PORTING_LOG_LEVEL sets."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest

from porting import logs

LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?P<level>[A-Z]+) (?P<logger>\S+) (?P<message>.*)")


@pytest.fixture
def root() -> Iterator[logging.Logger]:
    """The root logger, as it was before the test once the test is over."""
    logger = logging.getLogger()
    handlers, level = list(logger.handlers), logger.level
    for handler in handlers:  # pytest's own capture stays; an earlier configure() does not
        if handler.get_name() == "porting":
            logger.removeHandler(handler)
    yield logger
    logger.handlers[:] = handlers
    logger.setLevel(level)


def test_an_event_is_one_line_with_time_level_logger_and_message(
    root: logging.Logger, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(logs.LEVEL_VARIABLE, raising=False)
    logs.configure()
    store_log = logging.getLogger("porting.requests.store")
    store_log.info("stored porting request %s\nwith 3 documents", "NO-2026-000001")
    logging.getLogger("porting.requests.store").debug("not at INFO")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    found = LINE.fullmatch(lines[0])
    assert found is not None
    assert found["level"] == "INFO" and found["logger"] == "porting.requests.store"
    assert found["message"] == "stored porting request NO-2026-000001\\nwith 3 documents"


def test_an_error_keeps_its_traceback_on_the_lines_below(
    root: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    logs.configure()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("ui.errors").exception("error %s on %s", "E-7F3K2Q", "details")
    first, second, *rest = capsys.readouterr().err.splitlines()
    assert first.endswith("ERROR ui.errors error E-7F3K2Q on details")
    assert second == "Traceback (most recent call last):" and rest[-1] == "RuntimeError: boom"


def test_configuring_twice_writes_each_event_once(
    root: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    logs.configure()
    logs.configure()
    logging.getLogger("porting").warning("once")
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_the_level_comes_from_the_setting(
    root: logging.Logger, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(logs.LEVEL_VARIABLE, "warning")
    logs.configure()
    logging.getLogger("porting").info("quiet")
    logging.getLogger("porting").warning("loud")
    assert [LINE.fullmatch(line)["message"] for line in capsys.readouterr().err.splitlines()] == ["loud"]


def test_a_level_that_is_no_level_is_reported_and_info_is_used(
    root: logging.Logger, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(logs.LEVEL_VARIABLE, "chatty")
    logs.configure()
    logging.getLogger("porting").info("still logged")
    warning, info = capsys.readouterr().err.splitlines()
    assert "PORTING_LOG_LEVEL='chatty' names no level" in warning and "logging at INFO" in warning
    assert info.endswith("INFO porting still logged")


def test_error_ids_are_short_and_differ() -> None:
    ids = {logs.new_error_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(re.fullmatch(r"E-[0-9A-HJKMNP-TV-Z]{6}", error_id) for error_id in ids)
