"""The Letter of Authorization (fullmakt) the customer signs, prefilled as a PDF.

Pure domain.

Modules:

- ``loa``: ``build_loa`` and the template the letter is filled from
- ``layout``: the reportlab drawing shared with the quote PDF: fonts, brand, running head, number tables
"""

__all__ = ['layout', 'loa']
