"""Sending notices: the mail settings from the environment, and a notice sent through SMTP.

The SMTP server comes from the environment (``mail_settings``): without ``PORTING_SMTP_HOST``
nothing is sent. So do the team's address and language and the app's public address, which the
notices link to (``team_address``, ``team_language``, ``public_url``). A wrong setting is a
``NotifyError`` naming the variable.

Each notice goes to one address (``porting.email_address``), given to SMTP explicitly, and every
header is checked again before it is sent (``porting.notify.notices.check_header``): a stored
notice may have been changed since it was composed.

>>> mail_settings({}) is None
True
>>> mail_settings({"PORTING_SMTP_HOST": "smtp.example", "PORTING_SMTP_TLS": "ssl",
...                "PORTING_SMTP_SENDER": "porting@example.com"}).port
465
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from porting import settings
from porting.email_address import mail_address
from porting.notify.calendar_file import calendar_filename
from porting.notify.notices import Notice, check_header, one_line

HOST_VARIABLE = "PORTING_SMTP_HOST"
PORT_VARIABLE = "PORTING_SMTP_PORT"
SENDER_VARIABLE = "PORTING_SMTP_SENDER"
TLS_VARIABLE = "PORTING_SMTP_TLS"
USER_VARIABLE = "PORTING_SMTP_USER"
PASSWORD_VARIABLE = "PORTING_SMTP_PASSWORD"
TIMEOUT_VARIABLE = "PORTING_SMTP_TIMEOUT"
TEAM_EMAIL_VARIABLE = "PORTING_TEAM_EMAIL"
TEAM_LANGUAGE_VARIABLE = "PORTING_TEAM_LANGUAGE"
PUBLIC_URL_VARIABLE = "PORTING_PUBLIC_URL"

# The commands of one send, each of which may wait up to the timeout: connect and greeting,
# EHLO, STARTTLS, EHLO again, AUTH (two exchanges), MAIL, RCPT, DATA, the message and its
# answer, QUIT; and a margin for the database work around it.
SEND_STEPS = 12
CLAIM_MARGIN_SECONDS = 60.0


class NotifyError(Exception):
    """Mail cannot be sent: settings that do not work, or a failure talking to the SMTP server.

    ``refused`` says the server (or our own check) refused this notice itself, so the others may
    still go; otherwise the server could not be reached or used at all. ``cause`` is the class of
    the underlying error, for logs that must not carry an address.
    """

    def __init__(self, message: str, *, refused: bool = False, cause: str = "") -> None:
        super().__init__(message)
        self.refused = refused
        self.cause = cause or type(self).__name__


@dataclass(frozen=True)
class MailSettings:
    """How to reach the SMTP server; ``tls`` is ``starttls``, ``ssl`` or ``none``."""

    host: str
    port: int
    sender: str
    tls: str
    username: str | None
    password: str | None = field(repr=False)
    timeout: float

    @property
    def envelope_sender(self) -> str:
        """The sender's bare address, as SMTP's MAIL FROM carries it."""
        return mail_address(parseaddr(self.sender)[1])

    @property
    def longest_send_seconds(self) -> float:
        """How long one send can take at most: each of its steps may wait up to the timeout."""
        return self.timeout * SEND_STEPS + CLAIM_MARGIN_SECONDS


# --- Settings --------------------------------------------------------------------------------


def mail_settings(environ: Mapping[str, str] | None = None) -> MailSettings | None:
    """The SMTP settings of ``environ`` (default: the environment, ``porting.settings.Smtp``);
    ``None`` when no host is set (mail waits unsent).

    With a host, ``PORTING_SMTP_SENDER`` is required. ``PORTING_SMTP_TLS`` is ``starttls``
    (the default), ``ssl`` or ``none``; the port defaults to 587, 465 or 25 accordingly.
    ``PORTING_SMTP_USER`` and ``PORTING_SMTP_PASSWORD`` go together, and never over ``none``.
    """
    smtp = _section(settings.Smtp, environ)
    if smtp.host is None:
        return None
    return MailSettings(
        host=smtp.host,
        port=smtp.port_or_usual,
        sender=str(smtp.sender),
        tls=smtp.tls,
        username=smtp.username,
        password=smtp.password.get_secret_value() if smtp.password is not None else None,
        timeout=smtp.timeout,
    )


def team_address(environ: Mapping[str, str] | None = None) -> str | None:
    """Where notices for the porting team go (``PORTING_TEAM_EMAIL``); ``None`` when unset."""
    return _section(settings.Notices, environ).team_address


def team_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the team's notices (``PORTING_TEAM_LANGUAGE``), English by default."""
    return _section(settings.Notices, environ).team_language


def public_url(environ: Mapping[str, str] | None = None) -> str:
    """The app's address as customers reach it (``PORTING_PUBLIC_URL``), without a trailing slash."""
    return _section(settings.Notices, environ).public_url


def _section(group: type[settings.Group], environ: Mapping[str, str] | None) -> settings.Group:
    """A group of the settings; what is wrong with it as a ``NotifyError`` naming the variable."""
    try:
        return settings.section(group, environ)
    except settings.SettingsError as error:
        raise NotifyError(str(error)) from None


# --- Sending ---------------------------------------------------------------------------------


def message(notice: Notice, settings: MailSettings) -> EmailMessage:
    """The e-mail of ``notice``: plain UTF-8 text, From the configured sender, with its calendar
    file attached when it has one (nothing else is ever attached).

    Every header value is checked first (``check_header``), and the recipient again as one
    address, as SMTP is given it (``recipient``): a stored notice may have been changed since
    ``compose``, or written before addresses were normalized. Raises ``ValueError``.
    """
    headers = {
        "From": settings.sender,
        "To": recipient(notice),
        "Subject": notice.subject,
        "Date": formatdate(localtime=False, usegmt=True),
        "Message-ID": make_msgid(domain=settings.envelope_sender.rpartition("@")[2]),
        "Auto-Submitted": "auto-generated",  # RFC 3834: no vacation replies to a notice
    }
    for name, value in headers.items():
        check_header(name, value)
    check_header("Content-Language", notice.language)
    mail = EmailMessage()
    for name, value in headers.items():
        mail[name] = value
    mail.set_content(notice.body, charset="utf-8", cte="quoted-printable")
    if notice.calendar:  # the porting day, as a calendar file
        name = calendar_filename()
        mail.add_attachment(notice.calendar, maintype="text", subtype="calendar", filename=name)
    # Last: set_content clears the Content-* headers, and an attachment moves them to the text's part.
    mail["Content-Language"] = notice.language
    return mail


def recipient(notice: Notice) -> str:
    """The one address ``notice`` goes to, IDNA-encoded; raises ``AddressError`` for anything else."""
    return mail_address(notice.recipient)


def send(notice: Notice, settings: MailSettings) -> None:
    """Send ``notice`` through the SMTP server; raise ``NotifyError`` saying what failed."""
    try:
        mail = message(notice, settings)
    except ValueError as error:  # a stored notice whose headers were changed since ``compose``
        raise NotifyError(
            f"the {notice.kind} notice is not a valid e-mail: {error}",
            refused=True,
            cause=type(error).__name__,
        ) from error
    context = ssl.create_default_context()
    try:
        if settings.tls == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with server:
            if settings.tls == "starttls":
                server.starttls(context=context)
            if settings.username is not None:
                server.login(settings.username, settings.password or "")
            # Explicit envelope: never the addresses smtplib would read back out of the headers.
            server.send_message(mail, from_addr=settings.envelope_sender, to_addrs=[recipient(notice)])
    except smtplib.SMTPRecipientsRefused as error:
        answers = "; ".join(f"{code} {_said(text)}" for code, text in error.recipients.values())
        raise NotifyError(
            f"the mail server refused the recipient of the {notice.kind} notice: {answers}",
            refused=True,
            cause=type(error).__name__,
        ) from error
    except smtplib.SMTPDataError as error:
        raise NotifyError(
            f"the mail server refused the {notice.kind} notice: {error.smtp_code} {_said(error.smtp_error)}",
            refused=True,
            cause=type(error).__name__,
        ) from error
    except (smtplib.SMTPException, OSError) as error:
        raise NotifyError(
            f"sending the {notice.kind} notice through {settings.host}:{settings.port} ({settings.tls}) "
            f"failed: {type(error).__name__}: {error}",
            cause=type(error).__name__,
        ) from error


def _said(answer: bytes | str) -> str:
    """A mail server's answer as one line of text."""
    text = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
    return one_line(text)[:200]
