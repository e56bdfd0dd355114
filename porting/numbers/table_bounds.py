"""The bounds on an uploaded table, each with the figures it is set by.

A CSV of ten megabytes can be one row of a million cells, or ten million commas, and a zipped
XLSX of half a megabyte can hold four million rows or one shared string of 200 MB: read as they
are, each takes gigabytes or minutes. These bounds stop them: the columns, cells and a cell's
characters of any table (counted on a CSV's bytes by ``sheets.bound_csv``, on an XLSX's cells as
they are read), and for an XLSX the unpacked size of its parts, the elements read in a part and
the seconds its worker may take.
"""

from __future__ import annotations

# Provider exports have a few dozen columns; more than this is no list of numbers, and a million
# columns in one row is what took 3 GB to read.
MAX_COLUMNS = 200
# 100,000 numbers with five other columns beside them. Each cell becomes a Python string in
# pandas: this many take about 60 MB and under a second, where ten million commas took 9 GB.
MAX_CELLS = 600_000
# A cell may hold a list of numbers or a comment, but no one types this much into one cell; the
# csv module refuses cells of 128 kB anyway, with a message no one could act on.
MAX_CELL_CHARACTERS = 10_000
# The sheet's XML unpacked: 100,000 rows of six columns take about 35 MB. Four million rows
# (zipped to 0.65 MB) take hundreds of megabytes, and openpyxl read about 2 MB a second.
MAX_SHEET_BYTES = 64 * 1024 * 1024
# Every other part (shared strings, styles): the shared strings are all held in memory before
# the first row is read. Those of 100,000 distinct cells take about 5 MB.
MAX_PART_BYTES = 16 * 1024 * 1024
# The elements of a part read at most: 100,000 rows of six inline strings (a cell, its <is> and
# its <t>) take 1.9 million. Each costs about half a microsecond however little it holds, and
# 64 MB of empty elements are 16 million of them: beyond this a part takes too long to read.
MAX_SHEET_ELEMENTS = 2_000_000
# The seconds an XLSX may take in its worker. 100,000 rows of a number and a name take the reader
# 1.1 to 1.4 s of CPU (openpyxl took 3 to 7 s) and 1.8 to 4.5 s of wall time on two cores that
# other work keeps busy (benchmarks/xlsx.py); the bounds above stop the hostile sheets sooner.
SHEET_SECONDS = 8.0
