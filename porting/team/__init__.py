"""The porting team's access to the console.

Modules:

- ``signin``: sign-in attempts counted in the database
"""

__all__ = ['signin']
