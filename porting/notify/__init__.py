"""E-mail notices: what the customer and the team are told, and sending it over SMTP.

Modules:

- ``notices``: ``MailSettings``, the notices of each change, and ``send``
"""

__all__ = ['notices']
