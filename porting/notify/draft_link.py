"""The e-mail that carries a draft's private link, so a customer can come back to it.

A draft (``porting.requests.drafts``) has no reference and no status page yet: this notice says
where the request that was started is kept (``draft_url``) and for how long, in the customer's
language, with the shared sign-off. Like every notice it goes to one address
(``porting.email_address``), its subject is catalogue text only, and its headers are checked
(``notices.check_header``).

>>> notice = compose(recipient="post@fjordlinje.no", language="en", days=14,
...                  draft_url=draft_url("s3cret", "https://porting.example/"))
>>> notice.kind, notice.subject
('draft_link', 'CloudTalk: your link to continue your porting request')
>>> "https://porting.example/?draft=s3cret" in notice.body
True
"""

from __future__ import annotations

from urllib.parse import urlencode

from porting.email_address import AddressError, mail_address
from porting.i18n import LANGUAGES, format_integer, t
from porting.notify.notices import Notice, check_header, one_line
from porting.rules import rules

KIND = "draft_link"
PARAMETER = "draft"  # the address's parameter that opens a draft (``ui.wizard.drafts``)


def draft_url(token: str, base: str) -> str:
    """The wizard's first page at ``base`` opening the draft ``token``.

    >>> draft_url("a/b+c", "https://porting.example")
    'https://porting.example/?draft=a%2Fb%2Bc'
    """
    return f"{base.rstrip('/')}/?{urlencode({PARAMETER: token})}"


def compose(*, recipient: str, language: str, draft_url: str, days: int) -> Notice:
    """The notice with the private ``draft_url``, kept ``days`` days after the last change.

    Raises ``ValueError`` for an unknown language, a malformed address or a header that
    ``check_header`` refuses.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    try:
        address = mail_address(recipient)
    except AddressError as error:
        raise ValueError("the recipient must be one plain e-mail address, with a-z before the @") from error
    brand = one_line(rules().brand)
    subject = one_line(t(f"notify.{KIND}.subject", language, brand=brand))
    check_header("Subject", subject)
    params = {"brand": brand, "draft_url": one_line(draft_url), "days": format_integer(days, language)}
    parts = [
        t("notify.greeting_unnamed", language),
        t(f"notify.{KIND}.body", language, **params),
        t("notify.sign_off", language, **params),
    ]
    return Notice(KIND, address, language, subject, "\n\n".join(parts) + "\n")
