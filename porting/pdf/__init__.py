"""The PDF machinery the Letter of Authorization and the quote share, drawn with reportlab.

Pure domain: reads the rules file for the brand, and the message catalogue for the numbers'
types; knows nothing of letters or quotes.

Modules:

- ``fonts``: DejaVu Sans, embedded, and the form fields' font
- ``brand``: ``brand``: its name and accent colour, from the rules file; palette, paragraph styles
- ``page``: ``build_pdf``: A4 pages with the running head and the footer with ``page N of M``
- ``table``: ``NumberTable``: the numbers in a table cut into pages beforehand
"""

__all__ = ['brand', 'fonts', 'page', 'table']
