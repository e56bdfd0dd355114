"""Benchmark: how well the checks read photographed and scanned documents, field by field.

Input: the scan corpus (``tests/fixtures/scan_corpus.py``): 56 invoices and firmaattests of
made-up companies, rendered at 150, 200 and 300 dpi, turned up to 4 degrees, half of them out of
focus with sensor noise, as PNG, JPEG or a PDF with no text layer; fixed seed, so every run reads
the same pictures.

Each is read as the app reads an upload (``check_upload``: OCR in a worker, within its time
limit), then each field the pre-flight checks is looked for as they look for it
(``porting.documents.facts``, ``tolerant``): the invoice date, the organisation number, the
company name, and each number to port on an invoice. A field counts as

* **sure**: found among the words Tesseract was sure of (the check passes);
* **unsure**: found only with words read with low confidence (the check warns, never passes);
* **missed**: not found (the check reports a problem, or a warning for the date).

A date is right only when the date read is the true one; "wrong" counts dates read as another
day, the one error a check could pass on. It prints a table and the seconds per document, and
always exits 0: it is a report, not a test.

    python benchmarks/ocr_accuracy.py [--count N]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: the repository root and the test fixtures first
    ROOT = Path(__file__).resolve().parent.parent
    sys.path[0:1] = [str(ROOT), str(ROOT / "tests" / "fixtures")]

import argparse
import time
from collections import Counter

from scan_corpus import COUNT, ScanCase, cases

from benchmarks.measure import load_average, table
from porting.documents.facts import (
    find_invoice_date,
    mentions_company_name,
    mentions_org_number,
    numbers_on_document,
)
from porting.documents.reading import UploadedDocument, UploadProblem, check_upload

SURE, UNSURE, MISSED, WRONG = "sure", "unsure", "missed", "wrong"


def judged(scan: ScanCase, document: UploadedDocument) -> list[tuple[str, str]]:
    """``(field, verdict)`` for each field of ``scan`` the checks read."""
    verdicts: list[tuple[str, str]] = []

    def look(field: str, shows: object) -> None:
        test = shows  # type: ignore[assignment]
        if test(document.confident_text):  # type: ignore[operator]
            verdicts.append((field, SURE))
        elif test(document.text):  # type: ignore[operator]
            verdicts.append((field, UNSURE))
        else:
            verdicts.append((field, MISSED))

    look(f"org number ({scan.kind})", lambda text: mentions_org_number(text, scan.org_number, tolerant=True))
    look(f"name ({scan.kind})", lambda text: mentions_company_name(text, scan.company, tolerant=True))
    if scan.kind == "invoice":
        sure = find_invoice_date(document.confident_text, tolerant=True)
        read = sure or find_invoice_date(document.text, tolerant=True)
        if read is None:
            verdicts.append(("date", MISSED))
        elif read != scan.invoice_day:
            verdicts.append(("date", WRONG))
        else:
            verdicts.append(("date", SURE if sure else UNSURE))
        sure_found, _ = numbers_on_document(document.confident_text, scan.numbers, tolerant=True)
        found, _ = numbers_on_document(document.text, scan.numbers, tolerant=True)
        for number in scan.numbers:
            verdicts.append(
                ("each number", SURE if number in sure_found else UNSURE if number in found else MISSED)
            )
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(prog="benchmarks/ocr_accuracy.py", description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=COUNT, help=f"documents to read (default {COUNT})")
    arguments = parser.parse_args()
    counts: dict[str, Counter[str]] = {}
    seconds: list[float] = []
    for scan in cases(arguments.count):
        data = scan.data()
        started = time.perf_counter()
        document = check_upload(scan.kind, f"{scan.name}.{scan.image_format.lower()}", data)
        seconds.append(time.perf_counter() - started)
        if isinstance(document, UploadProblem):
            print(f"{scan.name}: refused: {document.text('en')}")
            continue
        for field, verdict in judged(scan, document):
            counts.setdefault(field, Counter())[verdict] += 1
    rows = [("field", "fields", "sure", "unsure", "missed", "wrong", "right")]
    for field, counted in counts.items():
        total = sum(counted.values())
        right = counted[SURE] + counted[UNSURE]
        rows.append(
            (
                field,
                str(total),
                *(str(counted[verdict]) for verdict in (SURE, UNSURE, MISSED, WRONG)),
                f"{right / total:.0%}",
            )
        )
    print(f"{len(seconds)} documents, load average {load_average()}")
    print("\n".join(table(rows, 27, 8)))
    print(f"seconds a document: median {sorted(seconds)[len(seconds) // 2]:.1f}, slowest {max(seconds):.1f}")


if __name__ == "__main__":
    main()
