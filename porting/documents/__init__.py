"""The documents the porting guide requires, read and checked before submission.

Pure domain: heavy reading runs in ``porting.worker``; nothing here touches the store or the network.

Modules:

- ``reading``: ``check_upload``: what a file is by its content, and the facts it states
- ``preflight``: ``preflight``: the guide's rejection reasons checked, each with its fix
"""

__all__ = ['preflight', 'reading']
