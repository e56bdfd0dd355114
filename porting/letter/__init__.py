"""The Letter of Authorization (fullmakt) the customer signs, prefilled as a PDF.

Pure domain.

Modules:

- ``loa``: ``build_loa`` and the template the letter is filled from
- ``wording``: ``Wording``: the template's texts in the letter's languages
- ``layout``: ``draw_letter``: the letter's reportlab drawing: details, authorization, numbers, signature
"""

__all__ = ['layout', 'loa', 'wording']
