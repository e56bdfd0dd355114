"""Benchmark: reading a 100,000-row XLSX, our streaming reader against openpyxl's, in the same run.

Input: two workbooks of ``--rows`` (default 100,000) rows under a header, a number and a name on
each row, made deterministically:

* **Excel-style**: the parts as Excel writes them, the names in ``xl/sharedStrings.xml``, every
  cell with its ``r=`` reference and each row with ``spans``;
* **pandas**: ``DataFrame.to_excel`` (openpyxl's writer), the names as inline strings.

What is compared, for each workbook:

* Reader: ``porting.numbers.sheets.read_xlsx(data, 100_002)``, expat over the zip's part streams.
* Baseline: the reader it replaced (``benchmarks/baseline_xlsx.py``): openpyxl's read-only worksheet
  with pandas' settings (``read_only=True, data_only=True``), each cell converted as pandas'
  ``read_excel`` converts it, within the same bounds.

Measured: wall time by ``time.perf_counter``, the best of ``--runs`` runs (default 3) after one
warm-up run; peak memory by ``tracemalloc`` in one more run of its own (Python's allocations, the
table included); for the reader also one run through ``porting.worker`` as the app runs it (the
10 MB going to the worker and the table coming back included). Outside the timing, both tables
are checked to be the same, cell by cell and type by type.

The report ends with the goal: the reader under 2 s and 300 MB for 100,000 rows (best run). It
always exits 0: it is a report, not a test.

    python benchmarks/xlsx.py [--rows N] [--runs R] [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the repository root first (benchmarks/measure.py)
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import io
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.baseline_xlsx import baseline_read_xlsx
from benchmarks.measure import (
    MIB,
    Timed,
    environment,
    goals_line,
    peak_bytes,
    print_report,
    ratio,
    runs_line,
    table,
    timed_runs,
)

ROWS = 100_000
QUICK_ROWS = 10_000
RUNS = 3
MAX_ROWS = 100_002  # what porting.numbers.tables asks for: a header and one row more than one input holds
GOAL_SECONDS = 2.0
GOAL_BYTES = 300 * 1024 * 1024
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

Reader = Callable[[bytes, int], Any]


# --- input ------------------------------------------------------------------------------------


def excel_style(rows: int) -> bytes:
    """An export as Excel writes it: shared strings, references on every cell, spans on every row."""
    import openpyxl

    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    original = zipfile.ZipFile(buffer)
    body = ['<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>']
    for index in range(rows):
        line = index + 2
        number = f'<c r="A{line}"><v>{21_000_000 + index * 7}</v></c>'
        body.append(f'<row r="{line}" spans="1:2">{number}<c r="B{line}" t="s"><v>{index + 2}</v></c></row>')
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'
    names = "".join(f"<si><t>Kunde {index}</t></si>" for index in range(rows))
    strings = (
        f'<sst xmlns="{_MAIN}" count="{rows + 2}"><si><t>Telefon</t></si><si><t>Navn</t></si>{names}</sst>'
    )
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    content = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    edits = {
        "xl/worksheets/sheet1.xml": lambda _: sheet,
        "xl/_rels/workbook.xml.rels": lambda text: text.replace(
            "</Relationships>",
            f'<Relationship Type="{kind}" Target="sharedStrings.xml" Id="rId9"/></Relationships>',
        ),
        "[Content_Types].xml": lambda text: text.replace(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{content}"/></Types>'
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in original.namelist():
            archive.writestr(name, edits.get(name, str)(original.read(name).decode()))
        archive.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def pandas_style(rows: int) -> bytes:
    """An export as pandas writes it: ``to_excel``, the names as inline strings."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "Telefon": [21_000_000 + index * 7 for index in range(rows)],
            "Navn": [f"Kunde {i}" for i in range(rows)],
        }
    )
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


WORKBOOKS: dict[str, Callable[[int], bytes]] = {"Excel-style": excel_style, "pandas": pandas_style}


# --- the two readers ---------------------------------------------------------------------------


def reader(data: bytes, max_rows: int) -> Any:
    from porting.numbers.sheets import read_xlsx

    return read_xlsx(data, max_rows)


READERS: dict[str, Reader] = {"reader": reader, "baseline": baseline_read_xlsx}


# --- measuring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured(Timed):
    peak_bytes: int
    worker_seconds: float | None  # the reader through porting.worker, as the app runs it


def measure(side: str, data: bytes, runs: int) -> tuple[Measured, Any]:
    """Warm-up, ``runs`` timed runs, a traced run; for the reader one run in a worker."""
    job = READERS[side]
    first = job(data, MAX_ROWS)

    def read() -> None:
        job(data, MAX_ROWS)  # the table is freed within the timed run

    seconds = timed_runs(read, runs)
    peak, _ = peak_bytes(read)
    in_worker = None
    if side == "reader":
        from porting import worker
        from porting.numbers import sheets

        worker.warm_up()
        worker.run(sheets.read_xlsx, data, MAX_ROWS, seconds=30)  # the worker imports on its first
        start = time.perf_counter()
        worker.run(sheets.read_xlsx, data, MAX_ROWS, seconds=30)
        in_worker = time.perf_counter() - start
    return Measured(seconds, peak, in_worker), first


def _same(ours: Any, theirs: Any) -> None:
    def typed(result: Any) -> Any:
        table, left_off = result
        return [[(type(value).__name__, value) for value in row] for row in table], left_off

    if typed(ours) != typed(theirs):
        raise AssertionError("the reader and the baseline give different tables")


# --- report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    rows: int
    runs: int


def run(settings: Settings) -> str:
    results: dict[str, tuple[int, dict[str, Measured]]] = {}
    for name, make in WORKBOOKS.items():
        data = make(settings.rows)
        measured, tables = {}, {}
        for side in READERS:
            measured[side], tables[side] = measure(side, data, settings.runs)
        _same(tables["reader"], tables["baseline"])
        if len(tables["reader"][0]) != settings.rows + 1:
            raise AssertionError(f"{name}: {len(tables['reader'][0]):,} rows read")
        results[name] = (len(data), measured)
    return report(settings, results)


def report(settings: Settings, results: dict[str, tuple[int, dict[str, Measured]]]) -> str:
    rows = [("", "reader", "baseline", "ratio")]
    goals = []
    for name, (size, sides) in results.items():
        ours, theirs = sides["reader"], sides["baseline"]
        label = f"{name} ({size / MIB:.1f} MB):"
        rows += [
            (f"{label} best s", f"{ours.best:.3f}", f"{theirs.best:.3f}", ratio(theirs.best, ours.best)),
            (f"{label} in worker s", f"{ours.worker_seconds:.3f}", "", ""),
            (
                f"{label} peak MiB",
                f"{ours.peak_bytes / MIB:.1f}",
                f"{theirs.peak_bytes / MIB:.1f}",
                ratio(theirs.peak_bytes, ours.peak_bytes),
            ),
        ]
        scale = ROWS / settings.rows
        met = ours.best * scale < GOAL_SECONDS and ours.peak_bytes * scale < GOAL_BYTES
        goals.append((f"{name} < {GOAL_SECONDS:g} s and {GOAL_BYTES // MIB} MB", met))
    lines = [f"benchmark: reading an XLSX of {settings.rows:,} rows (a number and a name each) and a header"]
    lines += table(rows, 38)
    lines.append(goals_line(goals, "goals (scaled to 100,000 rows)"))
    lines.append("")
    lines.append(
        f"method: best of {settings.runs} after 1 warm-up; peak by tracemalloc in a separate run; "
        "in worker = one porting.worker.run after a warm one; baseline = openpyxl read_only + pandas' "
        "cell conversion; ratio = baseline / reader; both tables checked equal"
    )
    lines.append(
        runs_line(
            (f"{side} {name}", m.seconds) for name, (_, sides) in results.items() for side, m in sides.items()
        )
    )
    lines.append(environment("openpyxl", load=True))
    return "\n".join(lines)


def _settings(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/xlsx.py",
        description="Time the XLSX reader against openpyxl's read-only worksheet.",
    )
    parser.add_argument("--rows", type=int, metavar="N", help=f"rows under the header (default {ROWS:,})")
    parser.add_argument("--runs", type=int, metavar="R", help=f"timed runs after a warm-up (default {RUNS})")
    parser.add_argument("--quick", action="store_true", help=f"smoke test: {QUICK_ROWS:,} rows, 1 run")
    arguments = parser.parse_args(argv)
    rows = arguments.rows or (QUICK_ROWS if arguments.quick else ROWS)
    runs = arguments.runs or (1 if arguments.quick else RUNS)
    if rows < 1 or rows > MAX_ROWS - 2 or runs < 1:
        parser.error(f"--rows must be 1 to {MAX_ROWS - 2:,} and --runs at least 1")
    return Settings(rows, runs)


def main(argv: Sequence[str] | None = None) -> int:
    return print_report(run(_settings(argv)))


if __name__ == "__main__":
    sys.exit(main())
