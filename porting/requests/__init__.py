"""Submitted requests and what is kept of them: the database, drafts and notices waiting to be mailed.

The only part of the domain with a database; it uses the pure domain's types, never the reverse.

Modules:

- ``schema``: the tables, how the database is opened, and its versions
- ``store``: ``submit``, ``list_requests``, ``change_status``, ``decide_numbers``: requests, documents
- ``drafts``: drafts a customer saves and resumes from a private link
- ``outbox``: notices written with the change that causes them, sent when mail works
"""

__all__ = ['drafts', 'outbox', 'schema', 'store']
