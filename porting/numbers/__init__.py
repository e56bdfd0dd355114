"""Numbers as people have them, read and classified by the Norwegian numbering plan.

No database, network or Streamlit: this is the pure core the quote, the letter and the documents build on.

Modules:

- ``numbering``: the numbering plan: ``classify``, ``Reason``, number types and areas
- ``intake``: ``read_numbers`` and ``read_text``: pasted text, ranges, files; the ``Reading`` they give
- ``tables``: ``read_file``: CSV and XLSX exports, within bounds
- ``sheets``: the bounds on an uploaded table and the streaming XLSX reader run in a worker
- ``share``: a quote kept in a link's query parameters
- ``summary``: what the numbers page shows of a reading, and the rows of its download
"""

__all__ = ['intake', 'numbering', 'share', 'sheets', 'summary', 'tables']
