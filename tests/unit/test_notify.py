"""E-mail notices: what each kind says in each language, the SMTP settings, and real sending.

Sending goes through a real SMTP server (aiosmtpd) on a free port of 127.0.0.1 that keeps
what it receives; nothing leaves the machine.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from email.utils import parseaddr, parsedate_to_datetime
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from icalendar import Calendar
from mail_server import Mailbox, free_port, serve_mail

from porting.i18n import LANGUAGES, t
from porting.notify.mail import (
    MailSettings,
    NotifyError,
    mail_settings,
    message,
    public_url,
    send,
    team_address,
    team_language,
)
from porting.notify.notices import (
    KINDS,
    TEAM_KINDS,
    HeaderError,
    Notice,
    check_header,
    compose,
    console_url,
    status_url,
)
from porting.rules import rules

REFERENCE = "NO-2026-000123"
LINK = status_url("tOk3n/with+signs", "https://porting.example.com")
CONSOLE_LINK = console_url(REFERENCE, "https://porting.example.com")
# RFC 2047 encoded CR LF: on interpreters with CVE-2024-6923 it becomes headers and an HTML body.
ENCODED_INJECTION = (
    "Fjord AS =?utf-8?q?=0D=0AReply-To:_boss@evil.example=0D=0AContent-Type:_text/html"
    "=0D=0A=0D=0A<h1>Pay_now</h1>?="
)
PORTING_DAY = date(2027, 5, 18)  # a Tuesday
CUSTOMER = "post@fjordlinje.no"
SENDER = "porting@cloudtalk.example"


def notice(kind: str, language: str = "en", **overrides: Any) -> Notice:
    """A notice of ``kind`` about Blåbærøya Fiskeoppdrett AS, with what each kind needs."""
    arguments: dict[str, Any] = {
        "recipient": CUSTOMER,
        "language": language,
        "reference": REFERENCE,
        "company_name": "Blåbærøya Fiskeoppdrett AS",
        "status_url": LINK,
        "console_url": CONSOLE_LINK,
        "porting_date": PORTING_DAY,
        "reason": "outdated_invoice",
        "note": "",
        "numbers": 12,
        "rejected_numbers": {"21 23 45 67": "inactive_number", "22 11 00 00": "part_of_range"},
    }
    return compose(kind, **(arguments | overrides))


def smtp_environment(**values: str) -> dict[str, str]:
    return {"PORTING_SMTP_HOST": "smtp.example.com", "PORTING_SMTP_SENDER": SENDER} | values


# --- Composing -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_every_notice_carries_the_reference_the_status_link_and_the_brand(kind: str, language: str) -> None:
    composed = notice(kind, language)
    assert (composed.kind, composed.recipient, composed.language) == (kind, CUSTOMER, language)
    assert REFERENCE in composed.subject
    assert "\n" not in composed.subject and "\r" not in composed.subject
    assert REFERENCE in composed.body
    customer_link = "https://porting.example.com/track?token=tOk3n%2Fwith%2Bsigns"
    if kind in TEAM_KINDS:  # the team opens the request in the console, not the customer's page
        assert "https://porting.example.com/team?ref=NO-2026-000123" in composed.body
        assert customer_link not in composed.body and "tOk3n" not in composed.body
    else:
        assert customer_link in composed.body
    assert rules().brand in composed.body


@pytest.mark.parametrize("resubmission", [False, True])
def test_the_team_notice_links_to_the_request_in_the_console(resubmission: bool) -> None:
    composed = notice("team_new", resubmission=resubmission)
    assert CONSOLE_LINK == "https://porting.example.com/team?ref=NO-2026-000123"
    assert CONSOLE_LINK in composed.body and LINK not in composed.body
    with pytest.raises(ValueError, match="console"):
        notice("team_new", console_url="")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind not in TEAM_KINDS])
def test_customer_notices_greet_the_company_and_name_the_brand(kind: str, language: str) -> None:
    composed = notice(kind, language)
    assert rules().brand in composed.subject
    assert "Blåbærøya Fiskeoppdrett AS" in composed.body.splitlines()[0]


def test_a_customer_without_a_company_name_is_greeted_plainly() -> None:
    assert notice("received", "nb", company_name=" ").body.startswith("Hei,\n")


def test_each_kind_says_something_of_its_own() -> None:
    for language in LANGUAGES:
        subjects = {notice(kind, language).subject for kind in KINDS}
        assert len(subjects) == len(KINDS)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reason", rules().rejection_reasons, ids=lambda reason: reason.key)
def test_a_rejection_explains_the_guides_reason_and_how_to_fix_it(reason: Any, language: str) -> None:
    composed = notice("rejected", language, reason=reason.key, note="The invoice is from March.")
    texts = reason.texts[language]
    for part in ("issue", "explanation", "fix"):
        assert texts[part] in composed.body
    assert "The invoice is from March." in composed.body


def test_the_confirmed_porting_day_is_written_in_the_customers_language() -> None:
    assert "tirsdag 18. mai 2027" in notice("date_confirmed", "nb").body
    assert "tirsdag 18. mai 2027" in notice("date_confirmed", "nb").subject
    assert "Tuesday 18 May 2027" in notice("date_confirmed", "en").body


def test_the_team_says_which_documents_are_missing_in_its_note() -> None:
    note = "Fakturaen mangler.\r\nFullmakten er ikke signert."
    body = notice("documents_missing", "nb", note=note).body
    assert "Fakturaen mangler.\nFullmakten er ikke signert." in body
    assert "\r" not in body


def test_a_notice_without_a_note_has_no_empty_note_heading() -> None:
    assert "Note from the porting team" not in notice("documents_missing", "en", note="  ").body


def test_the_team_notice_gives_company_and_number_count_in_the_teams_language() -> None:
    english = notice("team_new", "en", numbers=1200)
    assert english.subject == f"New porting request {REFERENCE}"  # what the customer typed: the body
    assert "Company: Blåbærøya Fiskeoppdrett AS" in english.body
    assert "1,200" in english.body
    assert "1\u00a0200" in notice("team_new", "nb", numbers=1200).body
    resubmitted = notice("team_new", "en", resubmission=True)
    assert resubmitted.subject != english.subject
    assert REFERENCE in resubmitted.subject


def test_a_customer_notice_cannot_be_marked_as_a_resubmission() -> None:
    with pytest.raises(ValueError, match="team notice"):
        notice("received", resubmission=True)


def test_line_breaks_in_a_company_name_cannot_add_mail_headers() -> None:
    composed = notice("team_new", company_name="Evil AS\r\nBcc: all@example.com\u2028X-Spam: yes")
    assert composed.subject == f"New porting request {REFERENCE}"
    assert "Company: Evil AS Bcc: all@example.com X-Spam: yes\n" in composed.body
    mail = message(composed, MailSettings("smtp.example.com", 25, SENDER, "none", None, None, 5.0))
    assert mail["Bcc"] is None and mail["X-Spam"] is None


@pytest.mark.parametrize("kind", KINDS)
def test_an_encoded_word_in_a_company_name_never_reaches_a_header(kind: str) -> None:
    composed = notice(kind, company_name=ENCODED_INJECTION)
    assert "=?" not in composed.subject and "Fjord AS" not in composed.subject
    assert ENCODED_INJECTION in composed.body  # plain text in a quoted-printable body: inert
    mail = message(composed, MailSettings("smtp.example.com", 25, SENDER, "none", None, None, 5.0))
    raw = mail.as_bytes()
    head = raw.split(b"\n\n", 1)[0]
    assert b"=?" not in head and b"Reply-To" not in head and b"evil.example" not in head
    assert mail["Reply-To"] is None
    text = mail.get_body(("plain",))
    assert text is not None and text.get_content_type() == "text/plain"
    assert mail.get_content_type() == ("multipart/mixed" if kind == "date_confirmed" else "text/plain")


@pytest.mark.parametrize(
    "value",
    ["a\rb", "a\nb", "a\r\nBcc: x@y.no", "a\vb", "a\fb", "a\x1cb", "a\x1db", "a\x1eb", "a\x85b",
     "a\u2028b", "a\u2029b", "a\x00b", ENCODED_INJECTION, "=?utf-8?b?QmNjOiB4QHkubm8=?="],
)  # fmt: skip
def test_no_header_may_hold_a_line_break_of_any_kind_or_an_encoded_word(value: str) -> None:
    with pytest.raises(HeaderError):
        check_header("Subject", value)
    tampered = replace(notice("ported"), subject=value)  # as if changed in the outbox since compose
    with pytest.raises(ValueError, match="Subject"):
        message(tampered, MailSettings("smtp.example.com", 25, SENDER, "none", None, None, 5.0))


@pytest.mark.parametrize(
    ("kind", "arguments", "complaint"),
    [
        ("welcome", {}, "unknown notice kind"),
        ("received", {"language": "de"}, "unknown language"),
        ("rejected", {"reason": None}, "one of the guide's reasons"),
        ("rejected", {"reason": "bad_weather"}, "one of the guide's reasons"),
        ("date_confirmed", {"porting_date": None}, "porting date"),
    ],
)
def test_compose_refuses_what_it_cannot_say(kind: str, arguments: dict[str, Any], complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        notice(kind, **arguments)


@pytest.mark.parametrize(
    "recipient",
    ["", "post.fjordlinje.no", "post@@fjordlinje.no", "a@b@c.no", "post @fjordlinje.no",
     "post@fjordlinje.no\r\nBcc: x@y.no", "post@fjordlinje.no\n", "post@fjord\x00linje.no",
     "postmaster,copy@fjord.no", "postmaster;copy@fjord.no", "kåre@fjord.no", "Kari <kari@fjord.no>",
     '"kari nordmann"@fjord.no', "=?utf-8?q?kari?=@fjord.no", "kari@[192.0.2.1]"],
)  # fmt: skip
def test_compose_refuses_a_malformed_recipient(recipient: str) -> None:
    with pytest.raises(ValueError, match="recipient"):
        notice("received", recipient=recipient)


# --- Settings --------------------------------------------------------------------------------


def test_no_smtp_host_means_no_mail_is_sent() -> None:
    assert mail_settings({}) is None
    assert mail_settings({"PORTING_SMTP_HOST": "  ", "PORTING_SMTP_SENDER": SENDER}) is None


def test_smtp_defaults_are_starttls_on_port_587_with_a_ten_second_timeout() -> None:
    assert mail_settings(smtp_environment()) == MailSettings(
        "smtp.example.com", 587, SENDER, "starttls", None, None, 10.0
    )


@pytest.mark.parametrize(("tls", "port"), [("starttls", 587), ("ssl", 465), ("SSL", 465), ("none", 25)])
def test_the_default_port_follows_the_kind_of_connection(tls: str, port: int) -> None:
    settings = mail_settings(smtp_environment(PORTING_SMTP_TLS=tls))
    assert settings is not None and settings.port == port and settings.tls == tls.lower()


def test_every_smtp_setting_is_read_from_the_environment() -> None:
    settings = mail_settings(
        smtp_environment(
            PORTING_SMTP_PORT="2525",
            PORTING_SMTP_SENDER="CloudTalk porting <porting@cloudtalk.example>",  # a name is fine
            PORTING_SMTP_TLS="ssl",
            PORTING_SMTP_USER="porting",
            PORTING_SMTP_PASSWORD="hunter2",
            PORTING_SMTP_TIMEOUT="2.5",
        )
    )
    sender = "CloudTalk porting <porting@cloudtalk.example>"
    assert settings == MailSettings("smtp.example.com", 2525, sender, "ssl", "porting", "hunter2", 2.5)
    assert "hunter2" not in repr(settings)


@pytest.mark.parametrize(
    ("values", "variable"),
    [
        ({"PORTING_SMTP_SENDER": ""}, "PORTING_SMTP_SENDER"),
        ({"PORTING_SMTP_SENDER": "porting"}, "PORTING_SMTP_SENDER"),
        ({"PORTING_SMTP_SENDER": "a@b.no\r\nBcc: c@d.no"}, "PORTING_SMTP_SENDER"),
        ({"PORTING_SMTP_SENDER": "=?utf-8?q?a=0D=0ABcc:_c@d.no?= <a@b.no>"}, "PORTING_SMTP_SENDER"),
        ({"PORTING_SMTP_PORT": "smtp"}, "PORTING_SMTP_PORT"),
        ({"PORTING_SMTP_PORT": "0"}, "PORTING_SMTP_PORT"),
        ({"PORTING_SMTP_PORT": "65536"}, "PORTING_SMTP_PORT"),
        ({"PORTING_SMTP_TLS": "tls"}, "PORTING_SMTP_TLS"),
        ({"PORTING_SMTP_USER": "porting"}, "PORTING_SMTP_PASSWORD"),
        ({"PORTING_SMTP_PASSWORD": "hunter2"}, "PORTING_SMTP_USER"),
        ({"PORTING_SMTP_USER": "u", "PORTING_SMTP_PASSWORD": "p", "PORTING_SMTP_TLS": "none"}, "TLS"),
        ({"PORTING_SMTP_TIMEOUT": "soon"}, "PORTING_SMTP_TIMEOUT"),
        ({"PORTING_SMTP_TIMEOUT": "0"}, "PORTING_SMTP_TIMEOUT"),
        ({"PORTING_SMTP_TIMEOUT": "nan"}, "PORTING_SMTP_TIMEOUT"),
    ],
)  # fmt: skip
def test_smtp_settings_that_cannot_work_are_refused_naming_the_variable(
    values: dict[str, str], variable: str
) -> None:
    with pytest.raises(NotifyError, match=variable):
        mail_settings(smtp_environment(**values))


def test_the_team_address_and_language_come_from_the_environment() -> None:
    assert team_address({}) is None
    assert team_address({"PORTING_TEAM_EMAIL": " team@cloudtalk.example "}) == "team@cloudtalk.example"
    assert team_address({"PORTING_TEAM_EMAIL": "team@blåbær.no"}) == "team@xn--blbr-roah.no"
    for wrong in ("the porting team", "team@cloudtalk.example,boss@cloudtalk.example"):
        with pytest.raises(NotifyError, match="PORTING_TEAM_EMAIL"):
            team_address({"PORTING_TEAM_EMAIL": wrong})
    assert team_language({}) == "en"
    assert team_language({"PORTING_TEAM_LANGUAGE": "nb"}) == "nb"
    with pytest.raises(NotifyError, match="PORTING_TEAM_LANGUAGE"):
        team_language({"PORTING_TEAM_LANGUAGE": "sv"})


def test_the_public_address_defaults_to_the_local_app_without_a_trailing_slash() -> None:
    assert public_url({}) == "http://localhost:8501"
    assert public_url({"PORTING_PUBLIC_URL": "https://porting.example.com/"}) == "https://porting.example.com"
    with pytest.raises(NotifyError, match="PORTING_PUBLIC_URL"):
        public_url({"PORTING_PUBLIC_URL": "porting.example.com"})


def test_the_status_link_points_at_the_track_page_with_the_token_encoded() -> None:
    assert status_url("a b&c", "https://porting.example") == "https://porting.example/track?token=a+b%26c"


# --- The message -----------------------------------------------------------------------------


def test_the_message_is_plain_utf8_text_with_the_headers_a_mail_needs() -> None:
    settings = MailSettings("smtp.example.com", 587, f"CloudTalk <{SENDER}>", "starttls", None, None, 10.0)
    mail = message(notice("received", "nb"), settings)
    assert mail["From"] == f"CloudTalk <{SENDER}>"
    assert mail["To"] == CUSTOMER
    assert mail["Subject"] == f"CloudTalk: vi har mottatt porteringsbestillingen {REFERENCE}"
    assert mail["Content-Language"] == "nb"
    assert parsedate_to_datetime(mail["Date"]).tzinfo is not None
    assert mail["Message-ID"].endswith("@cloudtalk.example>")
    assert mail.get_content_type() == "text/plain"
    assert mail.get_content_charset() == "utf-8"
    assert "Blåbærøya" in mail.get_content()


# --- Sending through a real SMTP server ------------------------------------------------------


def _authenticate(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: object
) -> AuthResult:
    accepted = isinstance(data, LoginPassword) and (data.login, data.password) == (b"porting", b"hunter2")
    return AuthResult(success=accepted, handled=False)  # False: the server answers 535


@dataclass
class SmtpServer:
    mailbox: Mailbox
    settings: MailSettings


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An SMTP server on 127.0.0.1 that takes AUTH without TLS (only here, so login can be tested)."""
    with serve_mail(authenticator=_authenticate, auth_require_tls=False) as (mailbox, port):
        yield SmtpServer(mailbox, MailSettings("127.0.0.1", port, SENDER, "none", None, None, 5.0))


def test_every_notice_arrives_intact_in_both_languages(smtp_server: SmtpServer) -> None:
    sent = [notice(kind, language, note="Ærlig talt: øks og ål.") for kind in KINDS for language in LANGUAGES]
    for each in sent:
        send(each, smtp_server.settings)
    envelopes, received = smtp_server.mailbox.envelopes, smtp_server.mailbox.received()
    assert len(received) == len(sent)
    for each, envelope, mail in zip(sent, envelopes, received, strict=True):
        assert (envelope.mail_from, envelope.rcpt_tos) == (SENDER, [CUSTOMER])
        assert parseaddr(mail["From"])[1] == SENDER
        assert parseaddr(mail["To"])[1] == CUSTOMER
        # Python folds some long subjects right after "Subject:" and its parser keeps the space
        # that unfolding leaves; mail clients drop it.
        assert mail["Subject"].lstrip() == each.subject
        assert mail["Content-Language"] == each.language
        attached = list(mail.iter_attachments())
        if each.kind == "date_confirmed":  # the porting day as a calendar file, and nothing else
            assert [part.get_content_type() for part in attached] == ["text/calendar"]
            assert attached[0].get_filename() == "porting-day.ics"
            assert attached[0].get_payload(decode=True) == each.calendar
            text = mail.get_body(("plain",))
            assert text is not None
            body = text.get_content()
        else:
            assert not mail.is_multipart() and attached == []
            assert mail.get_content_type() == "text/plain"
            body = mail.get_content()
        assert body.replace("\r\n", "\n") == each.body
        assert REFERENCE in body and (CONSOLE_LINK if each.kind in TEAM_KINDS else LINK) in body
        assert ("Ærlig talt: øks og ål." in body) == (each.kind not in TEAM_KINDS)  # the team's own note
    assert not any("Blåbærøya" in mail["Subject"] for mail in received)  # the company is in the body


def test_an_international_domain_is_sent_idna_encoded(smtp_server: SmtpServer) -> None:
    composed = notice("received", recipient="post@blåbærøya.no")
    assert composed.recipient == "post@xn--blbrya-juaj7n.no"
    send(composed, smtp_server.settings)
    (envelope,), (mail,) = smtp_server.mailbox.envelopes, smtp_server.mailbox.received()
    assert envelope.rcpt_tos == ["post@xn--blbrya-juaj7n.no"]
    assert parseaddr(mail["To"])[1] == "post@xn--blbrya-juaj7n.no"


def test_the_envelope_names_the_bare_sender_and_only_the_notices_recipient(smtp_server: SmtpServer) -> None:
    settings = replace(smtp_server.settings, sender=f"CloudTalk porting <{SENDER}>")
    send(notice("ported"), settings)
    (envelope,) = smtp_server.mailbox.envelopes
    assert (envelope.mail_from, envelope.rcpt_tos) == (SENDER, [CUSTOMER])


def test_a_recipient_the_server_refuses_is_a_refusal_of_that_notice_alone() -> None:
    with serve_mail(refuse=frozenset({CUSTOMER})) as (mailbox, port):
        settings = MailSettings("127.0.0.1", port, SENDER, "none", None, None, 5.0)
        with pytest.raises(NotifyError) as raised:
            send(notice("received"), settings)
        send(notice("received", recipient="other@fjordlinje.no"), settings)
    assert raised.value.refused and raised.value.cause == "SMTPRecipientsRefused"
    assert "550" in str(raised.value) and CUSTOMER not in str(raised.value)
    assert [envelope.rcpt_tos for envelope in mailbox.envelopes] == [["other@fjordlinje.no"]]


def test_the_smtp_login_is_used_when_a_user_is_set(smtp_server: SmtpServer) -> None:
    settings = replace(smtp_server.settings, username="porting", password="hunter2")
    send(notice("ported"), settings)
    assert len(smtp_server.mailbox.envelopes) == 1
    with pytest.raises(NotifyError, match="SMTPAuthenticationError"):
        send(notice("ported"), replace(settings, password="wrong"))
    assert len(smtp_server.mailbox.envelopes) == 1


def test_starttls_is_insisted_on_when_asked_for(smtp_server: SmtpServer) -> None:
    with pytest.raises(NotifyError, match="starttls"):
        send(notice("received"), replace(smtp_server.settings, tls="starttls"))
    assert smtp_server.mailbox.envelopes == []


def test_a_stored_notice_with_a_broken_header_is_refused_before_connecting() -> None:
    settings = MailSettings("127.0.0.1", free_port(), SENDER, "none", None, None, 5.0)
    tampered = replace(notice("ported"), subject="Ported\r\nBcc: all@example.com")
    with pytest.raises(NotifyError, match="not a valid e-mail") as raised:
        send(tampered, settings)
    assert raised.value.refused  # this notice is broken, not the server: the others may go
    encoded = replace(notice("ported"), subject=f"Ported {ENCODED_INJECTION}")
    with pytest.raises(NotifyError, match="encoded word"):
        send(encoded, settings)
    listed = replace(notice("ported"), recipient="postmaster,copy@fjord.no")
    with pytest.raises(NotifyError, match="not a valid e-mail"):
        send(listed, settings)


def test_sending_where_no_server_listens_fails_quickly_without_the_body() -> None:
    settings = MailSettings("127.0.0.1", free_port(), SENDER, "none", None, None, 5.0)
    composed = notice("rejected", note="Private note")
    started = time.monotonic()
    with pytest.raises(NotifyError, match=r"rejected notice through 127\.0\.0\.1") as raised:
        send(composed, settings)
    assert time.monotonic() - started < 2
    assert "Private note" not in str(raised.value) and REFERENCE not in str(raised.value)


def test_a_stored_notice_written_before_addresses_were_normalized_still_goes_to_its_one_address(
    smtp_server: SmtpServer,
) -> None:
    older = replace(notice("ported"), recipient="Post@Blåbærøya.NO")  # what the old check let through
    send(older, smtp_server.settings)
    (envelope,) = smtp_server.mailbox.envelopes
    assert envelope.rcpt_tos == ["Post@xn--blbrya-juaj7n.no"]


def test_the_date_confirmed_notice_carries_the_porting_day_as_a_calendar_file() -> None:
    composed = notice("date_confirmed", "nb", porting_date=date(2027, 4, 16))
    event = Calendar.from_ical(composed.calendar).walk("VEVENT")[0]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2027, 4, 16), date(2027, 4, 17))
    assert REFERENCE in str(event["SUMMARY"]) and "CloudTalk" in str(event["SUMMARY"])
    assert "16. april 2027" in str(event["DESCRIPTION"])
    assert "token" not in composed.calendar.decode()  # the private status link stays in the mail
    assert t("calendar.attached", "nb") in composed.body
    # The same request's calendar file has the same UID, so a day confirmed again moves the event.
    again = notice("date_confirmed", "nb", porting_date=date(2027, 4, 19))
    assert Calendar.from_ical(again.calendar).walk("VEVENT")[0]["UID"] == event["UID"]
    assert notice("received").calendar == b""


@pytest.mark.parametrize("language", LANGUAGES)
def test_customer_notices_greet_the_signatory_by_name_and_ported_names_the_brand(language: str) -> None:
    greeted = notice("received", language, signatory_name="Kari\nNordmann")
    assert greeted.body.startswith(t("notify.greeting_person", language, signatory_name="Kari Nordmann"))
    company = t("notify.greeting", language, company_name="Blåbærøya Fiskeoppdrett AS")
    assert notice("received", language).body.startswith(company)  # no signatory known: the company
    team = notice("team_new", language, signatory_name="Kari")
    assert team.body.startswith(t("notify.team_greeting", language))
    assert rules().brand in notice("ported", language).body
