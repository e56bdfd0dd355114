"""One e-mail address that a notice can go to, checked with email-validator (RFC 5321/5322).

A notice goes to exactly one mailbox, so anything a mail server or a header parser could read as
more than one is refused: a list (``postmaster,copy@fjord.no``), a display name, a quoted local
part, an address literal, an RFC 2047 encoded word (``=?utf-8?q?…?=``). Deliverability is not
checked: no DNS look-up, nothing leaves the machine. An international domain is fine and comes
back IDNA-encoded, as SMTP carries it. A non-ASCII local part (``kåre@fjord.no``) needs SMTPUTF8
(RFC 6531), which most mail servers do not offer, so it is refused with a reason of its own.

>>> mail_address("Post@Fjordlinje.NO")
'Post@fjordlinje.no'
>>> mail_address("post@blåbær.no")
'post@xn--blbr-roah.no'
>>> [address_problem(text) for text in ("kari@fjordlinje.no", "kåre@fjord.no", "postmaster,copy@fjord.no")]
[None, 'international_local_part', 'invalid']
"""

from __future__ import annotations

import re
import unicodedata

from email_validator import EmailNotValidError, validate_email

# What may not be in a mail header: control characters and the Unicode line and paragraph separators,
_CONTROL = ("Cc", "Zl", "Zp")
# Python's str.splitlines line breaks,
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# and RFC 2047 encoded words: a reader decodes them, and some decoders let CR LF through (CVE-2024-6923).
_ENCODED_WORD = re.compile(r"=\?")

ENCODED_WORD_START = "=?"  # RFC 2047: a mail reader decodes what follows, line breaks included
INVALID = "invalid"
INTERNATIONAL_LOCAL_PART = "international_local_part"


class AddressError(ValueError):
    """Why a text is not one address a notice can go to: ``reason`` is ``INVALID`` or
    ``INTERNATIONAL_LOCAL_PART``."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"not one e-mail address a notice can go to ({reason})")
        self.reason = reason


def mail_address(text: str) -> str:
    """``text`` as the one address SMTP is given: its domain lower-case and IDNA-encoded.

    Raises ``AddressError`` when ``text`` is not one plain address with an ASCII local part.
    """
    local, at, _domain = text.rpartition("@")
    if at and not local.isascii():
        raise AddressError(INTERNATIONAL_LOCAL_PART)
    if ENCODED_WORD_START in text:
        raise AddressError(INVALID)
    try:
        checked = validate_email(
            text,
            check_deliverability=False,
            allow_smtputf8=False,
            allow_display_name=False,
            allow_quoted_local=False,
            allow_domain_literal=False,
        )
    except EmailNotValidError as error:
        raise AddressError(INVALID) from error
    return checked.ascii_email or checked.normalized


def address_problem(text: str) -> str | None:
    """Why ``text`` is not one address a notice can go to, or ``None`` when it is one."""
    try:
        mail_address(text)
    except AddressError as error:
        return error.reason
    return None


def is_mail_address(text: str) -> bool:
    """Whether ``text`` is one address a notice can go to; never raises."""
    return address_problem(text) is None


def header_problem(value: str) -> str | None:
    """What in ``value`` could add headers or a body to a mail, or ``None`` when nothing could.

    >>> header_problem("CloudTalk: we have received NO-2026-000001") is None
    True
    >>> header_problem("Fjord AS =?utf-8?q?=0D=0ABcc:_x@y.no?="), header_problem("a\u2028b")
    ('an encoded word', 'a line break')
    """
    if any(char in _LINE_BREAKS or unicodedata.category(char) in _CONTROL for char in value):
        return "a line break"
    if _ENCODED_WORD.search(value):
        return "an encoded word"
    return None
