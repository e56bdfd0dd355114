"""``python -m porting preflight``: the pre-flight report for files on disk.

Reads the company details (JSON), the numbers and the documents given, and prints one line
per check, named for what it checks, with its state and the guide's rejection reason it guards
(and the fix of a warning or a problem), or with ``--json`` one ``{reason, status, finding, fix}``
per rejection reason in the guide. The register is not asked (the command works offline) unless
``--register`` says to: then the Brønnøysund register at ``BRREG_BASE_URL`` is asked about the
company and who may sign for it (a register that does not answer is a warning). Nothing is
confirmed, so unconfirmed numbers show as warnings. Exit 0 whenever the report ran,
whatever it found.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from porting.calendar import oslo_today
from porting.cli.inputs import details_file
from porting.company.details import parse_details
from porting.documents.findings import PROBLEM, WARNING, Confirmations, Finding, report_records
from porting.documents.preflight import preflight
from porting.documents.reading import UploadedDocument, UploadProblem, check_upload
from porting.i18n import t
from porting.lookup.brreg import lookup, roles_lookup
from porting.numbers.intake import read_numbers

EXIT_OK = 0
EXIT_USAGE = 2
_SLOTS = {"loa": "loa", "invoice": "invoice", "certificate": "registration"}  # option -> document slot
_STATUS_MARKS = {"ok": "OK", "not_uploaded": "--", "warning": "!!", "problem": "XX"}


def preflight_command(arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:

    values = details_file(arguments.details, language)
    if values is None:
        return EXIT_USAGE
    try:
        numbers = Path(arguments.numbers).read_bytes()
    except OSError as error:
        print(
            t("cli.cannot_read", language, name=arguments.numbers, detail=error.strerror or ""),
            file=sys.stderr,
        )
        return EXIT_USAGE
    details, _ = parse_details(values)
    reading = read_numbers(numbers, filename=arguments.numbers)
    documents: dict[str, UploadedDocument | None] = {}
    for option, slot in _SLOTS.items():
        documents[slot] = _document(getattr(arguments, option), slot, language)
    findings = preflight(
        details,
        reading,
        documents,
        invoice_day=arguments.invoice_date,
        submission_day=arguments.submit_date or oslo_today(),
        registry=lookup(details.org_number) if arguments.register else None,
        confirmations=Confirmations(),
        signatories=roles_lookup(details.org_number) if arguments.register else None,
    )
    if arguments.json:
        records = report_records(findings, "en")
        stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    _write_rows(findings, language, stdout)
    return EXIT_OK


def _write_rows(findings: tuple[Finding, ...], language: str, stdout: TextIO) -> None:
    """``[--] Invoice date (Not uploaded yet): No invoice has been uploaded. …``, the reason it
    guards on the next line, and the fix after a warning or a problem."""
    for finding in findings:
        for row in finding.rows:
            found = " ".join(note.text(language) for note in row.notes)
            head = f"[{_STATUS_MARKS[row.state]}] {row.name(language)} ({row.state_text(language)})"
            stdout.write(f"{head}: {found}\n" if found else f"{head}\n")
            stdout.write(f"     {row.reason_text(language)}\n")
            if row.state in (WARNING, PROBLEM):
                stdout.write(f"     {t('uploads.fix', language)}: {finding.fix(language)}\n")


def _document(path: str | None, slot: str, language: str) -> UploadedDocument | None:
    """The file checked as an upload; an unusable one is reported and counts as missing."""
    if path is None:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        print(t("cli.cannot_read", language, name=path, detail=error.strerror or ""), file=sys.stderr)
        return None
    checked = check_upload(slot, Path(path).name, data)
    if isinstance(checked, UploadProblem):
        print(t("cli.cannot_read", language, name=path, detail=checked.text(language)), file=sys.stderr)
        return None
    return checked
