"""What a port costs and when it goes live, as figures, text and a PDF.

Pure domain: reads the rules file, never the store.

Modules:

- ``pricing``: ``quote``: the price per current provider
- ``timeline``: ``timeline``: business-day dates from submission to porting day
- ``report``: the quote and timeline as the command line prints them
- ``pdf``: ``build_quote_pdf``: the branded quote a prospect downloads
- ``look``: the quote PDF's paragraph styles, table style and columns
- ``not_included``: the quote PDF's table of the numbers left out, rows bounded by what they measure
"""

__all__ = ['look', 'not_included', 'pdf', 'pricing', 'report', 'timeline']
