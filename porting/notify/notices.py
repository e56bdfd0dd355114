"""E-mail notices of a submitted request: what we tell the customer and the team, and sending it.

A notice is composed when something happens to a request (``compose``: one ``Notice`` per
recipient, in the recipient's language, texts from ``locales/*/notify.toml``) and sent later
through SMTP (``send``). Nothing here touches the database: the outbox stores the notices in
the same transaction as the status change and sends them when it can.

Every customer notice carries the reference and the private status link; a team notice links to
the request in the console instead (``console_url``), never to the customer's link. No notice
carries a document or anything read from one. What a customer typed goes into the body only: a
subject is the reference and catalogue text, and every header is checked to hold no line break
and no RFC 2047 encoded word (``check_header``) before it is stored or sent, whatever the
interpreter's own e-mail package lets through. Each notice goes to one address
(``porting.email_address``), given to SMTP explicitly. The SMTP server comes from the
environment (``mail_settings``): without ``PORTING_SMTP_HOST`` nothing is sent.

>>> notice = compose("received", recipient="post@fjordlinje.no", language="nb", reference="NO-2026-000001",
...                  company_name="Fjordlinje AS", status_url=status_url("s3cret", "https://porting.example"))
>>> notice.subject
'CloudTalk: vi har mottatt porteringsbestillingen NO-2026-000001'
>>> "https://porting.example/track?token=s3cret" in notice.body
True
>>> console_url("NO-2026-000001", "https://porting.example")
'https://porting.example/team?ref=NO-2026-000001'
>>> mail_settings({}) is None
True
>>> mail_settings({"PORTING_SMTP_HOST": "smtp.example", "PORTING_SMTP_TLS": "ssl",
...                "PORTING_SMTP_SENDER": "porting@example.com"}).port
465
"""

from __future__ import annotations

import smtplib
import ssl
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from urllib.parse import urlencode

from porting import settings
from porting.email_address import AddressError, header_problem, mail_address
from porting.i18n import LANGUAGES, format_date, format_integer, t
from porting.rules import rules
from porting.rules.model import RejectionReason

KINDS: tuple[str, ...] = (
    "received",
    "documents_missing",
    "date_confirmed",
    "rejected",
    "numbers_rejected",
    "ported",
    "cancelled",
    "resubmitted",
    "team_new",
)
TEAM_KINDS = frozenset({"team_new"})

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

DEFAULT_PUBLIC_URL = settings.DEFAULT_PUBLIC_URL
TLS_MODES = settings.TLS_MODES

_CONTROL = ("Cc", "Zl", "Zp")  # control characters and the Unicode line and paragraph separators
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


class HeaderError(ValueError):
    """A header value that could add headers or a body: a line break or an encoded word."""


@dataclass(frozen=True)
class Notice:
    """One e-mail to one recipient, ready to store and to send."""

    kind: str
    recipient: str
    language: str
    subject: str
    body: str


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


def status_url(token: str, base: str, language: str | None = None) -> str:
    """The customer's private status page (url path ``/track``) for the request with ``token``,
    opening in ``language`` when given.

    >>> status_url("a/b+c", "https://porting.example/")
    'https://porting.example/track?token=a%2Fb%2Bc'
    >>> status_url("s3cret", "https://porting.example", "nb")
    'https://porting.example/track?token=s3cret&lang=nb'
    """
    parameters = {"token": token} | ({"lang": language} if language else {})
    return f"{base.rstrip('/')}/track?{urlencode(parameters)}"


def console_url(reference: str, base: str) -> str:
    """The request ``reference`` in the team's console (url path ``/team``), which opens it after
    sign-in: the team's notices link here, never to the customer's private status page.

    >>> console_url("NO-2026-000123", "https://porting.example/")
    'https://porting.example/team?ref=NO-2026-000123'
    """
    return f"{base.rstrip('/')}/team?{urlencode({'ref': reference})}"


# --- Composing -------------------------------------------------------------------------------


def compose(
    kind: str,
    *,
    recipient: str,
    language: str,
    reference: str,
    company_name: str,
    status_url: str,
    console_url: str = "",
    porting_date: date | None = None,
    reason: str | None = None,
    note: str = "",
    numbers: int = 0,
    resubmission: bool = False,
    rejected_numbers: Mapping[str, str] | None = None,
) -> Notice:
    """The notice of ``kind`` for ``recipient``, in ``language``.

    ``date_confirmed`` needs ``porting_date``; ``rejected`` needs ``reason``, a key of
    ``rules().rejection_reasons``. The team's note, when there is one, goes into customer
    notices. ``team_new`` tells the team about a submission (``resubmission``: corrected
    documents for one) with the number count and ``console_url``, never the customer's link.
    ``numbers_rejected`` tells the customer that some numbers were rejected
    (``rejected_numbers``: number as shown -> reason key) while the others go on. Arguments a
    kind does not use are ignored.
    The subject is filled from the reference, the brand and the date only, never from what the
    customer typed. Raises ``ValueError`` for an unknown kind, language or reason, a malformed
    address, or a header that ``check_header`` refuses.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notice kind {kind!r}; known: {', '.join(KINDS)}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    try:
        address = mail_address(recipient)
    except AddressError as error:
        raise ValueError("the recipient must be one plain e-mail address, with a-z before the @") from error
    if resubmission and kind not in TEAM_KINDS:
        raise ValueError(f"only a team notice can be about a resubmission, not {kind!r}")
    if kind in TEAM_KINDS and not console_url:
        raise ValueError("a team notice needs the link to the request in the console")
    headline = {"brand": _one_line(rules().brand), "reference": _one_line(reference)}  # the subject's
    if kind == "date_confirmed":
        if porting_date is None:
            raise ValueError("a date_confirmed notice needs the porting date")
        headline["porting_date"] = format_date(porting_date, language)
    params = headline | {
        "company_name": _one_line(company_name),
        "status_url": _one_line(status_url),
        "console_url": _one_line(console_url),
        "numbers": format_integer(numbers, language),
    }
    if kind in TEAM_KINDS:
        variant = "resubmission_" if resubmission else ""
        subject = t(f"notify.{kind}.{variant}subject", language, **headline)
        parts = [t("notify.team_greeting", language), t(f"notify.{kind}.{variant}body", language, **params)]
        parts += [t("notify.team_footer", language, **params), t("notify.team_sign_off", language, **params)]
    else:
        subject = t(f"notify.{kind}.subject", language, **headline)
        greeting = t(
            "notify.greeting" if params["company_name"] else "notify.greeting_unnamed", language, **params
        )
        parts = [greeting, t(f"notify.{kind}.body", language, **params)]
        parts += _details(kind, language, reason, note, rejected_numbers or {})
        parts += [t("notify.footer", language, **params), t("notify.sign_off", language, **params)]
    subject = _one_line(subject)
    check_header("Subject", subject)
    return Notice(kind, address, language, subject, "\n\n".join(parts) + "\n")


def _details(
    kind: str, language: str, reason: str | None, note: str, rejected_numbers: Mapping[str, str]
) -> list[str]:
    """The paragraphs between a customer notice's own text and its footer."""
    details = []
    if kind == "numbers_rejected":
        if not rejected_numbers:
            raise ValueError("a numbers_rejected notice needs the rejected numbers")
        for key in dict.fromkeys(rejected_numbers.values()):
            numbers = ", ".join(_one_line(n) for n, why in rejected_numbers.items() if why == key)
            details.append(t("notify.numbers_rejected.numbers", language, numbers=numbers))
            details.append(t("notify.rejected.reason", language, **_reason(key).texts[language]))
    if kind in ("received", "resubmitted"):
        step = next(step for step in rules().process_steps if step.actor == "us")
        details.append(t("notify.next_step", language, step=step.texts[language]))
    if kind == "rejected":
        details.append(t("notify.rejected.reason", language, **_reason(reason).texts[language]))
    text = _paragraph(note)
    if text:
        details.append(t("notify.note", language, note=text))
    if kind == "rejected":
        details.append(t("notify.rejected.resubmit", language))
    return details


def _reason(key: str | None) -> RejectionReason:
    found = rules().rejection_reason(key)
    if found is None:
        known = ", ".join(item.key for item in rules().rejection_reasons)
        raise ValueError(f"a rejection needs one of the guide's reasons ({known}), not {key!r}")
    return found


def _one_line(text: str) -> str:
    """``text`` with line breaks and other control characters as single spaces: safe in a header."""
    spaced = "".join(" " if unicodedata.category(char) in _CONTROL else char for char in text)
    return " ".join(spaced.split())


def _paragraph(text: str) -> str:
    """Free text for a plain-text body: its line breaks kept, other control characters as spaces."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_one_line(line) for line in lines).strip()


def check_header(name: str, value: str) -> None:
    """Raise ``HeaderError`` when the value of header ``name`` holds what ``header_problem`` finds."""
    problem = header_problem(value)
    if problem is not None:
        raise HeaderError(f"the {name} header holds {problem}")


# --- Sending ---------------------------------------------------------------------------------


def message(notice: Notice, settings: MailSettings) -> EmailMessage:
    """The e-mail of ``notice``: plain UTF-8 text, From the configured sender, nothing attached.

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
    mail["Content-Language"] = notice.language  # after set_content, which clears Content-* headers
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
    return _one_line(text)[:200]
