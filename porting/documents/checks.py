"""Each uploaded document with the pre-flight checks that read it: the review's one line per document.

The pre-flight check (``porting.documents.preflight``) reports by rejection reason; the review
before sending says, per document of the guide, which file was uploaded and whether the checks
that read it pass. Those are the reasons below; "mismatched info" reads all three documents, so a
document carries it only when one of its notes is about that document. The findings themselves
are passed on unchanged, so a page shows them as the pre-flight report words them.

>>> from porting.documents.findings import Finding, note
>>> findings = (Finding("missing_registration", "ok", (note("registration.ok", org_number="974 760 673"),)),
...             Finding("mismatched_info", "problem", (note("mismatched.loa_unsigned"),)),
...             Finding("outdated_invoice", "warning", (note("invoice.date_unknown", days=30),)))
>>> for check in document_checks({}, findings):
...     print(check.slot, check.name, check.status, [finding.reason for finding in check.failing])
loa None problem ['mismatched_info']
invoice None warning ['outdated_invoice']
registration None ok []
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from porting.documents.findings import OK, PROBLEM, WARNING, Finding, Note
from porting.documents.reading import UploadedDocument
from porting.rules import rules

# The rejection reasons whose check reads each document (porting.documents.preflight).
_READ_BY: Mapping[str, tuple[str, ...]] = {
    "loa": ("mismatched_info",),
    "invoice": ("mismatched_info", "outdated_invoice"),
    "registration": ("missing_registration", "mismatched_info"),
}
_SEVERITY = (OK, WARNING, PROBLEM)
_SHARED = "mismatched_info"  # reads every document: counts against one only when a note names it


@dataclass(frozen=True)
class DocumentCheck:
    """One document of the guide: the file uploaded for it (``None``: none yet), the worst status
    of the checks that read it, and those of them that do not pass, as the pre-flight found them."""

    slot: str
    name: str | None
    status: str
    failing: tuple[Finding, ...]

    @property
    def passes(self) -> bool:
        return self.status == OK


def document_checks(
    documents: Mapping[str, UploadedDocument], findings: Iterable[Finding]
) -> tuple[DocumentCheck, ...]:
    """A ``DocumentCheck`` per document of the rules, in their order."""
    found = tuple(findings)
    checks = []
    for document in rules().documents:
        slot = document.key
        failing = tuple(
            finding
            for finding in found
            if finding.reason in _READ_BY.get(slot, ())
            and finding.status != OK
            and (finding.reason != _SHARED or any(_about(note, slot) for note in finding.notes))
        )
        status = max((finding.status for finding in failing), key=_SEVERITY.index, default=OK)
        upload = documents.get(slot)
        checks.append(DocumentCheck(slot, upload.name if upload else None, status, failing))
    return tuple(checks)


def _about(note: Note, slot: str) -> bool:
    """Whether a note of the "mismatched info" check is about the document of ``slot``."""
    code = note.code.removeprefix("preflight.mismatched.")
    return (
        dict(note.params).get("document") == slot
        or code.startswith(f"{slot}_")  # loa_missing, loa_unsigned
        or code in (f"unreadable.{slot}", f"no_ocr.{slot}")
        or (slot == "invoice" and code.startswith("numbers"))  # numbers not on the invoice, or unsure
    )
