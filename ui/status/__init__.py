"""The customer's private status page of a submitted request.

Modules:

- ``page``: ``render_status``
"""

__all__ = ['page']
