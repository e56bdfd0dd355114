"""Who the customer is: the details the letter carries, its e-mail address and its register entry.

Pure domain: the look-up over the network is ``porting.lookup``.

Modules:

- ``details``: ``CompanyDetails`` and the organisation number, address and contact checks
- ``register``: the register's entity and warnings, read from its JSON, and ``prefill``
- ``roles``: the roles the register lists for a company, and who of them may sign the letter
"""

__all__ = ['details', 'register', 'roles']
