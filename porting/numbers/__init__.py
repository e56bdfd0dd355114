"""Numbers as people have them, read and classified by the Norwegian numbering plan.

No database, network or Streamlit: this is the pure core the quote, the letter and the documents build on.

Modules:

- ``numbering``: the numbering plan: ``classify``, ``Reason``, number types and areas
- ``intake``: ``read_numbers`` and ``read_text``: pasted text, ranges, files; the ``Reading`` they give
- ``tables``: ``read_file``: CSV and XLSX exports, within bounds
- ``sheets``: an uploaded table read within bounds: ``bound_csv``, and ``read_xlsx`` run in a worker
- ``table_bounds``: the bounds: columns, cells, a cell's characters, an XLSX's parts, elements, seconds
- ``xlsx_parts``: a workbook's parts read by expat: workbook, relationships, date styles, shared strings
- ``xlsx_sheet``: a worksheet streamed into rows, each cell converted as pandas converts it (dates too)
- ``caller_id``: the Virtual Caller ID choice: which mobile numbers the customer wants one of
- ``share``: a quote kept in a link's query parameters
- ``summary``: what the numbers page shows of a reading, and the rows of its download
"""

__all__ = [
    "caller_id",
    "intake",
    "numbering",
    "share",
    "sheets",
    "summary",
    "table_bounds",
    "tables",
    "xlsx_parts",
    "xlsx_sheet",
]
