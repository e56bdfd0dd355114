"""The command line, ``python -m porting``. Nothing imports it but ``porting.__main__``.

Modules:

- ``main``: ``check`` and ``quote`` for files on disk, and the dispatch to the others
- ``preflight``: ``preflight``: the pre-flight report for documents on disk
- ``requests``: ``requests list|show|export|purge|mail``: the team's view of submitted requests
"""

__all__ = ['main', 'preflight', 'requests']
