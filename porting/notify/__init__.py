"""E-mail notices: what the customer and the team are told, and sending it over SMTP.

Modules:

- ``notices``: the notices of each change (``compose``, ``Notice``, ``KINDS``), the links they
  carry (``status_url``, ``console_url``) and the check of every header (``check_header``)
- ``mail``: the mail settings from the environment (``MailSettings``, ``mail_settings``, the
  team's address and language, the public address) and sending a notice through SMTP (``send``,
  ``NotifyError``)

The package passes on the public names of both, listed in ``__all__``, for a caller that uses
both (``from porting import notify``).
"""

from porting.notify import mail, notices
from porting.notify.mail import (
    CLAIM_MARGIN_SECONDS,
    HOST_VARIABLE,
    PASSWORD_VARIABLE,
    PORT_VARIABLE,
    PUBLIC_URL_VARIABLE,
    SEND_STEPS,
    SENDER_VARIABLE,
    TEAM_EMAIL_VARIABLE,
    TEAM_LANGUAGE_VARIABLE,
    TIMEOUT_VARIABLE,
    TLS_VARIABLE,
    USER_VARIABLE,
    MailSettings,
    NotifyError,
    mail_settings,
    message,
    public_url,
    recipient,
    send,
    team_address,
    team_language,
)
from porting.notify.notices import (
    KINDS,
    STATUS_LINKS,
    TEAM_KINDS,
    HeaderError,
    Notice,
    check_header,
    compose,
    compose_status_links,
    console_url,
    one_line,
    status_url,
)

__all__ = [
    "CLAIM_MARGIN_SECONDS",
    "HOST_VARIABLE",
    "KINDS",
    "PASSWORD_VARIABLE",
    "PORT_VARIABLE",
    "PUBLIC_URL_VARIABLE",
    "SENDER_VARIABLE",
    "SEND_STEPS",
    "STATUS_LINKS",
    "TEAM_EMAIL_VARIABLE",
    "TEAM_KINDS",
    "TEAM_LANGUAGE_VARIABLE",
    "TIMEOUT_VARIABLE",
    "TLS_VARIABLE",
    "USER_VARIABLE",
    "HeaderError",
    "MailSettings",
    "Notice",
    "NotifyError",
    "check_header",
    "compose",
    "compose_status_links",
    "console_url",
    "mail",
    "mail_settings",
    "message",
    "notices",
    "one_line",
    "public_url",
    "recipient",
    "send",
    "status_url",
    "team_address",
    "team_language",
]
