"""Benchmark: the Letter of Authorization for 1,000 and 10,000 numbers, against reportlab's own splitting.

Input: distinct portable Norwegian numbers, 1,000 and 10,000 of them, made deterministically
with ``random.Random(2026)`` from the series of ``benchmarks/numbers.py`` (geographic, toll-free
800 and national 850-855, in the shares that file draws them), written as eight digits one a
line and read with ``porting.numbers.intake.read_numbers`` outside the timing; every row is checked to
be portable and no repeat. The company is a ``CompanyDetails`` with every field filled, as a
customer who has finished the company step has it.

What is compared, for each count, in the same run:

* Engine: ``porting.letter.loa.build_loa``, the bilingual letter as the app and ``python -m porting
  loa`` make it: details, authorization, the number table cut by ``porting.pdf.table`` into
  one reportlab ``Table`` per page (row heights known beforehand, a page's rows found by
  bisection), the signature block with its AcroForm fields, ``page N of M`` on every page.
* Baseline: the straightforward reportlab way, built here (``baseline_loa``): a
  ``SimpleDocTemplate`` with the title and ONE ``Table(rows, repeatRows=1)`` of all numbers
  (number, type, area: the letter's columns but the index, its widths, DejaVu Sans and table
  style), which reportlab splits across pages itself, re-measuring every row still left at each
  page; the footer says ``page N`` (``of M`` would need a second pass). It draws less than the
  letter, no details, authorization or signature, so the comparison favours it.

Measured: wall time by ``time.perf_counter``, the best of ``--runs`` runs (default 3) after one
warm-up run, as in the long-running app (fonts registered, template and caches loaded); one
cold run in a fresh Python process (``_cold_run``), from before the first import of ``porting``
or reportlab to the PDF bytes: imports, font loading, reading the numbers and building (the
bytecode caches are warm); peak memory by ``tracemalloc``, in one more run of its own (Python's
allocations, the PDF included); the file size, and the page count by pypdf. Outside the timing,
the last page of each PDF is checked to show the last number.

The report ends with the goals: the engine under 1 s for 1,000 numbers and under 5 s for 10,000
(best warm run). It always exits 0: it is a report, not a test (a measurement that went wrong
raises instead of reporting).

    python benchmarks/loa.py [--runs R] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate, Table

    from porting.company.details import CompanyDetails
    from porting.letter.wording import Wording
    from porting.numbers.intake import NumberResult

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
COUNTS = (1_000, 10_000)
QUICK_COUNTS = (1_000,)
RUNS = 3
QUICK_RUNS = 1
GOAL_SECONDS = {1_000: 1.0, 10_000: 5.0}  # the engine's best warm run, by count
TODAY = date(2027, 3, 1)
PLACE = "Ålesund"
# The company as the company step leaves it: every field filled (CompanyDetails' fields).
DETAILS: dict[str, Any] = {
    "org_number": "974760673",
    "company_name": "Fjordtelefon Nordvest AS",
    "address": "Strandkaien 8",
    "postcode": "6002",
    "city": "Ålesund",
    "signatory_name": "Ingrid Sæther",
    "signatory_title": "Økonomisjef",
    "email": "ingrid.saether@fjordtelefon.no",
    "phone": "+47 70 12 34 56",
    "current_provider": "Telenor Norge AS",
    "account_number": "5512 3456 78",
    "requested_date": date(2027, 4, 15),
}
PORTABLE_KINDS = ("geographic", "toll_free", "national")
# The baseline's names for the letter's fonts (see _baseline_fonts).
BASELINE_FONT = "Baseline-DejaVuSans"
BASELINE_BOLD = "Baseline-DejaVuSans-Bold"
MIB = 1024 * 1024
KIB = 1024

Job = Callable[["CompanyDetails", Sequence["NumberResult"]], bytes]


# --- input ------------------------------------------------------------------------------------


def generate(count: int, seed: int = SEED) -> str:
    """``count`` distinct portable numbers, eight digits one a line, the same for the same seed."""
    from benchmarks.numbers import GEOGRAPHIC, KIND_WEIGHTS, KINDS, NATIONAL, TOLL_FREE

    series = {"geographic": GEOGRAPHIC, "toll_free": TOLL_FREE, "national": NATIONAL}
    shares = dict(zip(KINDS, KIND_WEIGHTS, strict=True))
    weights = [shares[kind] for kind in PORTABLE_KINDS]
    rng = random.Random(seed)
    numbers: dict[str, None] = {}  # a dict keeps the order they were drawn in
    while len(numbers) < count:
        prefix = rng.choice(series[rng.choices(PORTABLE_KINDS, weights)[0]])
        rest = 8 - len(prefix)
        numbers[prefix + f"{rng.randrange(10**rest):0{rest}d}"] = None
    return "\n".join(numbers) + "\n"


def company() -> CompanyDetails:
    from porting.company.details import CompanyDetails

    return CompanyDetails(**DETAILS)


def read(text: str, count: int) -> tuple[NumberResult, ...]:
    """The rows of ``text``, checked to be ``count`` distinct portable numbers."""
    from porting.numbers.intake import read_numbers

    rows = read_numbers(text).rows
    listed = sum(1 for row in rows if row.portable and row.duplicate_of is None)
    if len(rows) != count or listed != count:
        raise AssertionError(f"{len(rows):,} rows, {listed:,} distinct portable, for {count:,} numbers")
    return rows


# --- the two ways to make the letter -----------------------------------------------------------


def engine_loa(details: CompanyDetails, rows: Sequence[NumberResult]) -> bytes:
    """The letter as the app makes it."""
    from porting.letter.loa import build_loa

    return build_loa(details, rows, today=TODAY, place=PLACE)


def baseline_loa(details: CompanyDetails, rows: Sequence[NumberResult]) -> bytes:
    """The straightforward way: one reportlab Table of all numbers, split across pages by reportlab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from porting.letter.loa import template
    from porting.letter.wording import Wording
    from porting.pdf.brand import INK
    from porting.pdf.page import BOTTOM_MARGIN, MARGIN, TOP_MARGIN

    _baseline_fonts()
    current = template()
    wording = Wording(current.texts, current.bilingual)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=wording.joined("title"),
        author=details.company_name,
    )
    title = ParagraphStyle("title", fontName=BASELINE_BOLD, fontSize=17, leading=21, textColor=INK)
    story = [Paragraph(wording.joined("title"), title), _baseline_table(rows, wording)]
    document.build(story, onFirstPage=_baseline_footer, onLaterPages=_baseline_footer)
    return buffer.getvalue()


def _baseline_table(rows: Sequence[NumberResult], wording: Wording) -> Table:
    """ONE Table of all the numbers, its header row repeated on every page it is split onto."""
    from reportlab.platypus import Table, TableStyle

    from porting.i18n import t
    from porting.pdf import brand as look, table as cells

    # The letter's columns but the index, whose width goes to the area.
    index, number, kind, area = cells.COLUMN_WIDTHS
    widths = (number, kind, area + index)
    languages = wording.languages
    data = [[wording.joined(f"numbers.{key}") for key in ("number", "type", "area")]]
    for row in rows:
        if row.portable and row.duplicate_of is None:
            names = [row.area.names[lang] for lang in languages] if row.area else [""]
            types = [t(f"type.{row.type}", lang) for lang in languages]
            data.append([row.display, _baseline_cell(types, widths[1]), _baseline_cell(names, widths[2])])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), BASELINE_FONT, cells.TABLE_FONT_SIZE, cells.TABLE_LEADING),
                ("FONT", (0, 0), (-1, 0), BASELINE_BOLD, cells.TABLE_FONT_SIZE, cells.TABLE_LEADING),
                ("TEXTCOLOR", (0, 0), (-1, -1), look.INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, look.HAIRLINE),
                ("LEFTPADDING", (0, 0), (-1, -1), cells.CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), cells.CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), cells.CELL_TOP_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), cells.CELL_BOTTOM_PADDING),
                ("BACKGROUND", (0, 0), (-1, 0), look.SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, look.RULE),
            ]
        )
    )
    return table


def _baseline_cell(texts: Sequence[str], width: float) -> str:
    """``nb / en`` on one line when it fits the column, else a line for each language."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from porting.pdf.table import CELL_PADDING, TABLE_FONT_SIZE

    together = " / ".join(dict.fromkeys(texts))
    fits = stringWidth(together, BASELINE_FONT, TABLE_FONT_SIZE) <= width - 2 * CELL_PADDING
    return together if fits else "\n".join(dict.fromkeys(texts))


def _baseline_footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
    """``page N`` at the foot of every page: reportlab's page count is not known until the end."""
    from reportlab.lib.units import mm

    from porting.pdf.brand import MUTED
    from porting.pdf.page import MARGIN, PAGE_WIDTH

    page = canvas.getPageNumber()
    canvas.saveState()
    canvas.setFont(BASELINE_FONT, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 12 * mm, f"Side {page} / Page {page}")
    canvas.restoreState()


@cache
def _baseline_fonts() -> None:
    """The letter's font files, loaded by the baseline itself (in a cold run it pays for them too).

    They get names of their own: registering a TTF font under a name resets that name's bold
    and italic to itself, which would take the bold out of the letter's ``<b>`` text.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from porting.pdf.fonts import FONT_DIR

    pdfmetrics.registerFont(TTFont(BASELINE_FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BASELINE_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


JOBS: dict[str, Job] = {"engine": engine_loa, "baseline": baseline_loa}


# --- measuring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """One way of making the letter, for one count."""

    seconds: tuple[float, ...]  # each timed warm run
    cold: float  # seconds in a fresh process, imports included
    peak_bytes: int
    size: int  # bytes of the PDF
    pages: int

    @property
    def best(self) -> float:
        return min(self.seconds)


def measure(side: str, count: int, text: str, runs: int) -> Measured:
    """Warm-up, ``runs`` timed runs, a traced run, then a cold run in a fresh process."""
    job, details, rows = JOBS[side], company(), read(text, count)
    pdf = job(details, rows)  # the warm-up
    pages = _check_pdf(f"{side}, {count:,} numbers", pdf, rows[-1].display)
    seconds = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = job(details, rows)
        seconds.append(time.perf_counter() - start)
        del result
    gc.collect()
    tracemalloc.start()
    try:
        result = job(details, rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return Measured(tuple(seconds), _cold(side, count, len(pdf)), peak, len(pdf), pages)


def _check_pdf(what: str, pdf: bytes, last_number: str) -> int:
    """The PDF's page count, once its last page is seen to show the last number."""
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf)).pages
    if last_number not in pages[-1].extract_text():
        raise AssertionError(f"{what}: the last page does not show the last number, {last_number}")
    return len(pages)


def _cold(side: str, count: int, size: int) -> float:
    """Seconds ``side`` takes for ``count`` numbers in a fresh process, imports and fonts included."""
    launcher = [
        sys.executable,
        "-c",
        "import sys; from benchmarks.loa import _cold_run; _cold_run(sys.argv[1:])",
        side,
        str(count),
    ]
    done = subprocess.run(launcher, cwd=ROOT, capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    if report["size"] != size:
        raise AssertionError(f"{side}: {report['size']:,} bytes cold, {size:,} warm")
    return float(report["seconds"])


def _cold_run(arguments: list[str]) -> None:
    """In a fresh process: make the letter once, print its seconds and size as JSON.

    The input is generated before the clock starts (the standard library only); the clock then
    runs through the imports of porting and reportlab, the fonts, reading and building.
    """
    side, count = arguments[0], int(arguments[1])
    text = generate(count)
    early = sorted(name for name in sys.modules if name.partition(".")[0] in ("porting", "reportlab"))
    if early:
        raise AssertionError(f"imported before the clock: {', '.join(early)}")
    start = time.perf_counter()
    pdf = JOBS[side](company(), read(text, count))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "size": len(pdf)}))


# --- report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    counts: tuple[int, ...]
    runs: int


def run(settings: Settings) -> str:
    """Run every measurement and return the report."""
    results = {}
    for count in settings.counts:
        text = generate(count)
        results[count] = {side: measure(side, count, text, settings.runs) for side in JOBS}
    return report(settings, results)


def report(settings: Settings, results: dict[int, dict[str, Measured]]) -> str:
    from benchmarks.numbers import spread

    rows = [("", "engine", "baseline", "ratio")]
    for count, sides in results.items():
        engine, baseline = sides["engine"], sides["baseline"]
        name = f"{count:,} numbers:"
        rows += [
            (
                f"{name} best s",
                f"{engine.best:.3f}",
                f"{baseline.best:.3f}",
                _ratio(baseline.best, engine.best),
            ),
            (
                f"{name} cold s",
                f"{engine.cold:.3f}",
                f"{baseline.cold:.3f}",
                _ratio(baseline.cold, engine.cold),
            ),
            (
                f"{name} peak MiB",
                f"{engine.peak_bytes / MIB:.1f}",
                f"{baseline.peak_bytes / MIB:.1f}",
                _ratio(baseline.peak_bytes, engine.peak_bytes),
            ),
            (f"{name} file KiB", f"{engine.size / KIB:,.0f}", f"{baseline.size / KIB:,.0f}", ""),
            (f"{name} pages", f"{engine.pages:,}", f"{baseline.pages:,}", ""),
        ]
    goals = [
        f"engine {count:,} numbers < {goal:g} s: {'PASS' if results[count]['engine'].best < goal else 'FAIL'}"
        for count, goal in GOAL_SECONDS.items()
        if count in results
    ]
    lines = [f"benchmark: Letter of Authorization (nb + en), {_counts(settings.counts)} portable numbers"]
    lines += [f"{label:<28}{a:<12}{b:<12}{c}".rstrip() for label, a, b, c in rows]
    lines.append("goals: " + "; ".join(goals))
    lines.append("")
    lines.append(
        f"method: best of {settings.runs} after 1 warm-up; cold = 1 run in a fresh process from before "
        "the first import of porting or reportlab (imports, fonts, reading, building); peak by "
        "tracemalloc in a separate run; pages by pypdf; baseline = SimpleDocTemplate + one "
        "Table(repeatRows=1) split by reportlab, footer 'page N'; ratio = baseline / engine"
    )
    lines.append(
        "runs s: "
        + "; ".join(
            f"{side} {count:,} {spread(measured.seconds)}"
            for count, sides in results.items()
            for side, measured in sides.items()
        )
    )
    lines.append(
        f"python {platform.python_version()}, reportlab {version('reportlab')} ({_accelerator()}), "
        f"pypdf {version('pypdf')}, {os.cpu_count()} CPUs, {platform.platform(terse=True)}"
    )
    return "\n".join(lines)


def _ratio(baseline: float, engine: float) -> str:
    return f"{baseline / engine:.1f}x"


def _counts(counts: Sequence[int]) -> str:
    return " and ".join(f"{count:,}" for count in counts)


def _accelerator() -> str:
    """Whether reportlab has its C accelerator (the rl_accel package), or runs its Python fallbacks."""
    from importlib.util import find_spec

    return "C accelerator rl_accel" if find_spec("_rl_accel") else "no C accelerator: Python fallbacks"


def _settings(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/loa.py",
        description="Time the Letter of Authorization against one reportlab Table split by reportlab.",
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="R",
        help=f"timed runs after a warm-up, each side and count (default {RUNS})",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"smoke test: {_counts(QUICK_COUNTS)} numbers, {QUICK_RUNS} run"
    )
    arguments = parser.parse_args(argv)
    runs = arguments.runs
    if runs is None:
        runs = QUICK_RUNS if arguments.quick else RUNS
    if runs < 1:
        parser.error("--runs must be at least 1")
    return Settings(QUICK_COUNTS if arguments.quick else COUNTS, runs)


def main(argv: Sequence[str] | None = None) -> int:
    print(run(_settings(argv)), flush=True)
    return 0


if __name__ == "__main__":
    # Run as a script, this folder comes first on sys.path: put the repository root there
    # instead, so that porting and benchmarks.numbers import, and benchmarks/numbers.py does
    # not hide the standard library's numbers module.
    sys.path[0] = str(ROOT)
    sys.exit(main())
