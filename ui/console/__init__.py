"""The porting team's console: sign-in, the queue, one request in full, the outbox.

Modules:

- ``page``: ``render_console``
- ``signin``: the sign-in form
- ``tabs``: one request's tabs
- ``numbers``: the numbers tab and its decisions
- ``outbox``: the notices and their sending
- ``common``: what the console's parts share
"""

__all__ = ['common', 'numbers', 'outbox', 'page', 'signin', 'tabs']
