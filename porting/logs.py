"""Logging for the app and the command line: one line per event, at the level ``PORTING_LOG_LEVEL`` sets.

A line reads ``time level logger message``::

    2026-11-24 10:15:02,123 INFO porting.requests.store stored porting request NO-2026-000123 with 3 documents

Line breaks inside a message are written as ``\\n``, so one event stays one line and a log
search finds it whole; only an error's traceback follows on the lines after it, under the line
that names its error id (``new_error_id``). The id is what a person is shown instead of the
traceback, so the id they report finds the traceback here.

What is logged names requests by reference, notices by id and failures by error id: never a
name, an e-mail address, a phone or organisation number, a token or a document.

>>> scrub("550 <kari@fjordlinje.no> refused; +47 22 33 44 55, org 923609016")
'550 <<address>> refused; <number>, org <number>'
>>> import re; bool(re.fullmatch(r"E-[0-9A-HJKMNP-TV-Z]{6}", new_error_id()))
True
"""

from __future__ import annotations

import logging
import re
import secrets
import sys
from typing import TextIO

from porting import settings

LEVEL_VARIABLE = "PORTING_LOG_LEVEL"
DEFAULT_LEVEL = "INFO"
LEVELS = settings.LOG_LEVELS
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Crockford's base-32 digits: no I, L, O or U, so an id read out over the phone is not misheard.
_ID_DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_ID_LENGTH = 6  # a billion ids: two errors of one day will not share one
_HANDLER_NAME = "porting"
_ADDRESS = re.compile(r"[^\s<>()\[\]'\",;:]+@[^\s<>()\[\]'\",;:]+")
_LONG_NUMBER = re.compile(r"\+?\d(?:[ .-]?\d){7,}")  # phone and organisation numbers: 8 digits and more
# Libraries that narrate their work at INFO (fontTools: each table it prunes from a font).
_CHATTY = ("fontTools",)


class _OneLine(logging.Formatter):
    """The message on one line; a traceback, when there is one, on the lines after it."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return super().formatMessage(record).replace("\r", "\\r").replace("\n", "\\n")


class _StandardError(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the ``sys.stderr`` of the moment, so a replaced one (tests, a redirect) is used."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure(default: str = DEFAULT_LEVEL) -> None:
    """Send every logger's events to standard error as single lines, once per process.

    Called at each start of the app's script and of the command line; later calls change
    nothing. ``default`` is the level when ``PORTING_LOG_LEVEL`` is unset: the command line
    passes WARNING, so its own one-line answers on standard error are not buried in events. A
    ``PORTING_LOG_LEVEL`` that names no level is reported and ``default`` is used, so that
    logging works to tell of it (the app and the command line then refuse to start, with a
    message that names it: ``porting.settings.load``).
    """
    root = logging.getLogger()
    if any(handler.get_name() == _HANDLER_NAME for handler in root.handlers):
        return
    handler = _StandardError()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(_OneLine(LINE_FORMAT))
    root.addHandler(handler)
    try:
        found = settings.section(settings.Logging)
        level, wrong = (found.level if "level" in found.model_fields_set else default), ""
    except settings.SettingsError as error:
        level, wrong = None, str(error.problems[0].params.get("value", ""))
    root.setLevel(level or default)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.WARNING)
    if level is None:
        logging.getLogger(__name__).warning(
            "%s=%r names no level (%s); logging at %s",
            LEVEL_VARIABLE, wrong[:40], ", ".join(LEVELS), default,
        )  # fmt: skip


def scrub(text: str) -> str:
    """``text`` from elsewhere (a mail server's answer, an address) with e-mail addresses and long
    numbers taken out, so that it can be logged."""
    return _LONG_NUMBER.sub("<number>", _ADDRESS.sub("<address>", text))


def new_error_id() -> str:
    """A short id for one failure, such as ``E-7F3K2Q``: shown to the person, logged with the traceback."""
    return "E-" + "".join(secrets.choice(_ID_DIGITS) for _ in range(_ID_LENGTH))
