"""E-mail notices of a submitted request: what we tell the customer and the team.

A notice is composed when something happens to a request (``compose``: one ``Notice`` per
recipient, in the recipient's language, texts from ``locales/*/notify.toml``) and sent later
through SMTP (``porting.notify.mail``). Nothing here touches the database: the outbox stores the
notices in the same transaction as the status change and sends them when it can.

Every customer notice carries the reference and the private status link; a team notice links to
the request in the console instead (``console_url``), never to the customer's link. No notice
carries a document or anything read from one. What a customer typed goes into the body only: a
subject is the reference and catalogue text, and every header is checked to hold no line break
and no RFC 2047 encoded word (``check_header``) before it is stored or sent, whatever the
interpreter's own e-mail package lets through. Each notice goes to one address
(``porting.email_address``).

>>> notice = compose("received", recipient="post@fjordlinje.no", language="nb", reference="NO-2026-000001",
...                  company_name="Fjordlinje AS", status_url=status_url("s3cret", "https://porting.example"))
>>> notice.subject
'CloudTalk: vi har mottatt porteringsbestillingen NO-2026-000001'
>>> "https://porting.example/track?token=s3cret" in notice.body
True
>>> console_url("NO-2026-000001", "https://porting.example")
'https://porting.example/team?ref=NO-2026-000001'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from porting.email_address import AddressError, header_problem, mail_address
from porting.i18n import LANGUAGES, format_date, format_integer, t, tn
from porting.notify.calendar_file import porting_day_calendar
from porting.numbers.caller_id import listing
from porting.numbers.to_port import NotToPort, not_to_port_text
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
    "message",  # a message from the team in the request's thread
    "team_message",  # a message from the customer, to the team
    "team_changed",  # the customer removed numbers or changed the requested day
)
TEAM_KINDS = frozenset({"team_new", "team_message", "team_changed"})
STATUS_LINKS = "status_links"  # asked for from the status page: about every request of an address

_CONTROL = ("Cc", "Zl", "Zp")  # control characters and the Unicode line and paragraph separators


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
    calendar: bytes = b""  # the porting day as a calendar file, attached (``date_confirmed`` only)


# --- Links -----------------------------------------------------------------------------------


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
    signatory_name: str = "",
    console_url: str = "",
    porting_date: date | None = None,
    requested_day: date | None = None,
    reason: str | None = None,
    note: str = "",
    numbers: int = 0,
    resubmission: bool = False,
    rejected_numbers: Mapping[str, str] | None = None,
    caller_ids: Sequence[str] = (),
    not_to_port: Sequence[NotToPort] = (),
    siblings: Sequence[str] = (),
    message: str = "",
) -> Notice:
    """The notice of ``kind`` for ``recipient``, in ``language``.

    ``date_confirmed`` needs ``porting_date``; ``rejected`` needs ``reason``, a key of
    ``rules().rejection_reasons``. The team's note, when there is one, goes into customer
    notices. ``team_new`` tells the team about a submission (``resubmission``: corrected
    documents for one) with the count of ``numbers`` to port, the numbers ``not_to_port`` with why
    (``porting.numbers.to_port``), the ``requested_day`` (``None``: the earliest possible) and
    ``console_url``, never the customer's link.
    ``numbers_rejected`` tells the customer that some numbers were rejected
    (``rejected_numbers``: number as shown -> reason key) while the others go on. A new
    request's ``team_new`` lists ``caller_ids``, the mobile numbers (as shown) the customer
    wants as a Virtual Caller ID, when there are any, and ``siblings``, the references of the
    requests sent with it to the customer's other current providers. Arguments a kind does not use
    are ignored. ``message`` (a thread's message) is the text of a ``message`` to the customer or a
    ``team_message`` to the team, and says what changed in a ``team_changed``.
    A customer notice greets ``signatory_name``, who signed the letter, when known, else the company.
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
    headline = {"brand": one_line(rules().brand), "reference": one_line(reference)}  # the subject's
    calendar = b""  # the porting day as a calendar file: a date_confirmed notice's only
    if kind == "date_confirmed":
        if porting_date is None:
            raise ValueError("a date_confirmed notice needs the porting date")
        headline["porting_date"] = format_date(porting_date, language)
        calendar = porting_day_calendar(headline["reference"], porting_date, language)
    params = headline | {
        "company_name": one_line(company_name),
        "signatory_name": one_line(signatory_name),
        "status_url": one_line(status_url),
        "console_url": one_line(console_url),
        "numbers": format_integer(numbers, language),
    }
    if kind in ("team_message", "team_changed"):  # the customer's own words, then the console link
        subject = t(f"notify.{kind}.subject", language, **headline)
        parts = [t("notify.team_greeting", language), t(f"notify.{kind}.body", language, **params)]
        parts += [_paragraph(message), t("notify.team_footer", language, **params)]
        parts.append(t("notify.team_sign_off", language, **params))
    elif kind in TEAM_KINDS:
        variant = "resubmission_" if resubmission else ""
        subject = t(f"notify.{kind}.{variant}subject", language, **headline)
        parts = [t("notify.team_greeting", language), t(f"notify.{kind}.{variant}body", language, **params)]
        parts += [text for text in [not_to_port_text(not_to_port, language, clean=one_line)] if text]
        parts.append(_requested(requested_day, language))
        if caller_ids and not resubmission:
            parts.append(_caller_ids_line(caller_ids, language))
        if siblings and not resubmission:  # the requests to the customer's other current providers
            listed = ", ".join(one_line(reference) for reference in siblings)
            parts.append(t("journey_providers.notice.siblings", language, references=listed))
        parts += [t("notify.team_footer", language, **params), t("notify.team_sign_off", language, **params)]
    else:
        subject = t(f"notify.{kind}.subject", language, **headline)
        greeting_key = "notify.greeting_unnamed"
        if params["signatory_name"]:
            greeting_key = "notify.greeting_person"
        elif params["company_name"]:
            greeting_key = "notify.greeting"
        greeting = t(greeting_key, language, **params)
        parts = [greeting, t(f"notify.{kind}.body", language, **params)]
        parts += _details(kind, language, reason, note, rejected_numbers or {})
        if kind == "message":
            parts.append(_paragraph(message))
        if calendar:
            parts.append(t("calendar.attached", language))
        parts += [t("notify.footer", language, **params), t("notify.sign_off", language, **params)]
    subject = one_line(subject)
    check_header("Subject", subject)
    return Notice(kind, address, language, subject, "\n\n".join(parts) + "\n", calendar)


def compose_status_links(recipient: str, language: str, links: Sequence[tuple[str, str]]) -> Notice:
    """The notice a customer asks for on the status page: the reference and status link of each
    request in ``links`` (reference, link), all sent from ``recipient``.

    Raises ``ValueError`` for an unknown language, no links, or an address ``compose`` refuses.

    >>> notice = compose_status_links("post@fjordlinje.no", "en",
    ...                               [("NO-2026-000001", status_url("s3cret", "https://porting.example"))])
    >>> notice.kind, "NO-2026-000001: https://porting.example/track?token=s3cret" in notice.body
    ('status_links', True)
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    if not links:
        raise ValueError("a status_links notice needs at least one link")
    try:
        address = mail_address(recipient)
    except AddressError as error:
        raise ValueError("the recipient must be one plain e-mail address, with a-z before the @") from error
    brand = one_line(rules().brand)
    listed = "\n".join(f"{one_line(reference)}: {one_line(link)}" for reference, link in links)
    parts = [
        t("notify.greeting_unnamed", language),
        t("journey_status.mail.body", language, links=listed),
        t("notify.sign_off", language, brand=brand),
    ]
    subject = one_line(t("journey_status.mail.subject", language, brand=brand))
    check_header("Subject", subject)
    return Notice(STATUS_LINKS, address, language, subject, "\n\n".join(parts) + "\n")


def _details(
    kind: str, language: str, reason: str | None, note: str, rejected_numbers: Mapping[str, str]
) -> list[str]:
    """The paragraphs between a customer notice's own text and its footer."""
    details = []
    if kind == "numbers_rejected":
        if not rejected_numbers:
            raise ValueError("a numbers_rejected notice needs the rejected numbers")
        for key in dict.fromkeys(rejected_numbers.values()):
            numbers = ", ".join(one_line(n) for n, why in rejected_numbers.items() if why == key)
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


def _requested(day: date | None, language: str) -> str:
    """The team's line naming the porting day the customer asked for."""
    if day is None:
        return t("porting_day.team_earliest", language)
    return t("porting_day.team_requested", language, day=format_date(day, language))
def _caller_ids_line(caller_ids: Sequence[str], language: str) -> str:
    """The mobile numbers wanted as a Virtual Caller ID, the first of them listed (the console has all)."""
    listed = listing([one_line(number) for number in caller_ids], language)
    return tn("vcid.notice.numbers", len(caller_ids), language, numbers=listed)


def _reason(key: str | None) -> RejectionReason:
    found = rules().rejection_reason(key)
    if found is None:
        known = ", ".join(item.key for item in rules().rejection_reasons)
        raise ValueError(f"a rejection needs one of the guide's reasons ({known}), not {key!r}")
    return found


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters as single spaces: safe in a header."""
    spaced = "".join(" " if unicodedata.category(char) in _CONTROL else char for char in text)
    return " ".join(spaced.split())


def _paragraph(text: str) -> str:
    """Free text for a plain-text body: its line breaks kept, other control characters as spaces."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(one_line(line) for line in lines).strip()


def check_header(name: str, value: str) -> None:
    """Raise ``HeaderError`` when the value of header ``name`` holds what ``header_problem`` finds."""
    problem = header_problem(value)
    if problem is not None:
        raise HeaderError(f"the {name} header holds {problem}")
