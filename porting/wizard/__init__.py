"""What a customer builds step by step through the wizard, as one typed request.

Modules:

- ``state``: ``PortingRequest`` and its draft form (``to_state``, ``from_state``)
- ``steps``: the wizard's steps and ``done``, the one rule of when each is done
- ``porting_day``: the one requested porting day, its check and what the letter carries of it
- ``providers``: the current providers of the quote, each with its numbers, account and documents
"""

__all__ = ['porting_day', 'providers', 'state', 'steps']
