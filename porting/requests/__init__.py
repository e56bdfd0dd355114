"""Submitted requests and what is kept of them: the database, drafts and notices waiting to be mailed.

The only part of the domain with a database; it uses the pure domain's types, never the reverse.

Modules:

- ``schema``: the tables, how the database is opened, and its versions
- ``lifecycle``: the statuses, which may follow which, what the customer may do, the guide's step of each
- ``model``: the JSON columns of a stored request, one pydantic model: details, numbers, quote, timeline
- ``records``: a stored request as it leaves the database (frozen dataclasses), the row work changes share
- ``store``: ``submit``, ``by_token``, ``list_requests``, ``change_status``, ``resubmit``: requests, documents
- ``queue``: ``queue_page``, the team's queue filtered, searched and paged in the database
- ``search``: what the queue's search reads, folded and kept current whenever a request is written
- ``decisions``: ``decide_numbers``, the team's decision on each number, rejected ones split off
- ``changes``: ``remove_numbers`` and ``change_requested_day``, the customer's changes before the carrier
- ``messages``: ``post_message`` and ``thread``, the messages between the customer and the team
- ``retention``: ``purge`` and ``anonymise``, what is kept of a closed request once the retention passed
- ``drafts``: drafts a customer saves and resumes from a private link
- ``outbox``: notices written with the change that causes them, sent when mail works
- ``dashboard``: the console's dashboard in figures, each one aggregate query
- ``status_links``: the status links of an address's requests mailed on request, bounded, never enumerable
"""

__all__ = [
    'changes', 'dashboard', 'decisions', 'drafts', 'lifecycle', 'messages', 'model', 'outbox', 'queue',
    'records', 'retention', 'schema', 'search', 'status_links', 'store',
]
