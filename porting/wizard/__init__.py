"""What a customer builds step by step through the wizard, as one typed request.

Modules:

- ``state``: ``PortingRequest`` and its draft form (``to_state``, ``from_state``)
"""

__all__ = ['state']
