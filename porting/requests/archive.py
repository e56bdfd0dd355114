"""A request's archive: its documents and a ``manifest.json`` with its data and audit trail, as a ZIP.

The console's download and ``python -m porting requests export`` make the same archive. Documents
go in as ``<slot>-<n>.<kind>``, those a corrected document replaced under ``replaced/``: the name
the customer uploaded is data in the manifest, never a path. ``request_record`` is also what
``requests show --json`` prints: everything about a request as JSON values, without its token.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from porting.numbers.to_port import numbers_to_port
from porting.requests import records, store
from porting.requests.model import StoredQuote, json_value

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
REPLACED_FOLDER = "replaced/"  # documents a corrected one replaced: the carrier gets the current ones
_SAFE_PART = re.compile(r"[a-z0-9_]+")


class ArchiveError(ValueError):
    """A stored document's bytes do not match its SHA-256 hash: no archive is made."""

    def __init__(self, reference: str, name: str) -> None:
        super().__init__(f"{name} of {reference} does not match its SHA-256 hash")
        self.reference = reference
        self.name = name


@dataclass(frozen=True)
class Archive:
    """A request's ZIP archive: its bytes, the documents in it and those listed only (purged)."""

    data: bytes = field(repr=False)
    documents: int
    replaced: int  # of ``documents``, those under ``replaced/``
    purged: int


def document_bytes(
    opened: store.Store, request: records.StoredRequest, stored: records.StoredDocument
) -> bytes | None:
    try:
        return store.document(opened, request, stored.id)
    except store.StoreError as error:
        if error.code == "store.document.purged":
            return None
        raise


def _head(request: records.StoredRequest) -> dict[str, Any]:
    """What every record of a request starts with: its reference, status and times."""
    return {
        "reference": request.reference,
        "status": request.status,
        "created_at": iso(request.created_at),
        "updated_at": iso(request.updated_at),
        "closed_at": iso(request.closed_at),
    }


def summary_record(request: records.StoredRequest) -> dict[str, Any]:
    """One request of ``list --json``."""
    return {
        **_head(request),
        "company_name": request.details.company_name if request.details else None,
        "numbers": len(request.numbers),
        "numbers_to_port": numbers_to_port(request.numbers).to_port,  # only the portable ones
        "documents": len(request.documents),
    }


def request_record(request: records.StoredRequest, trail: tuple[records.Event, ...]) -> dict[str, Any]:
    """Everything about a request, as JSON values, without its token: ``show --json`` and the manifest."""
    return {
        **_head(request),
        "language": request.language,
        "porting_date": request.porting_date.isoformat() if request.porting_date else None,
        "rejection_reason": request.rejection_reason,
        "split_from": request.split_from,
        "note": request.note,
        "details": {} if request.details is None else json_value(request.details),  # {} once anonymous
        "numbers": json_value(request.numbers),
        "quote": json_value(request.quote),
        "quote_total": quote_total(request.quote),
        "timeline": json_value(request.timeline),
        "preflight": json_value(request.preflight),
        "documents": [
            {
                "slot": stored.slot,
                "name": stored.name,
                "kind": stored.kind,
                "size": stored.size,
                "sha256": stored.sha256,
                "created_at": iso(stored.created_at),
                "purged": stored.purged_at is not None,
                "purged_at": iso(stored.purged_at),
                "replaced": stored.replaced_at is not None,
                "replaced_at": iso(stored.replaced_at),
            }
            for stored in request.documents
        ],
        "events": [
            {"at": iso(event.at), "status": event.status, "note": event.note, "actor": event.actor}
            for event in trail
        ],
    }


def quote_total(quote: StoredQuote) -> dict[str, str]:
    """The quote's total and its currency, as decimal text."""
    return {"amount": str(quote.total), "currency": quote.currency}


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def export_archive(opened: store.Store, request: records.StoredRequest) -> Archive:
    """The request's documents and a ``manifest.json`` with its data and audit trail, as a ZIP.

    Documents are named as ``archive_names`` says; the manifest lists every document with its
    ``archive_name`` and, for one a corrected document replaced, ``replaced_at``. Purged
    documents are listed only. Raises ``ArchiveError`` when bytes do not match their stored hash.
    """
    record = request_record(request, store.events(opened, request))
    names = archive_names(request.documents)
    buffer = io.BytesIO()
    archived = replaced = 0
    with zipfile.ZipFile(buffer, "w") as archive:
        for stored, entry in zip(request.documents, record["documents"], strict=True):
            data = None if stored.purged_at is not None else document_bytes(opened, request, stored)
            if data is None:  # purged, perhaps a moment ago: listed, not archived
                entry.update(purged=True, archive_name=None)
                continue
            if hashlib.sha256(data).hexdigest() != stored.sha256:
                raise ArchiveError(request.reference, names[stored.id])
            entry["archive_name"] = names[stored.id]
            archive.writestr(_zip_info(names[stored.id], stored.created_at), data)
            archived += 1
            replaced += stored.replaced_at is not None
        now = opened.clock()
        manifest = {
            "format": MANIFEST_FORMAT,
            "exported_at": iso(now),
            "request": {key: value for key, value in record.items() if key not in ("documents", "events")},
            "documents": record["documents"],
            "events": record["events"],
        }
        manifest_text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        archive.writestr(_zip_info(MANIFEST, now), manifest_text.encode("utf-8"))
    return Archive(buffer.getvalue(), archived, replaced, len(request.documents) - archived)


def archive_names(documents: tuple[records.StoredDocument, ...]) -> dict[int, str]:
    """The name of each document in the archive, by id: ``<slot>-<n>.<kind>``, numbered within its
    slot, under ``replaced/`` when a corrected document replaced it; never the uploaded name."""
    names: dict[int, str] = {}
    counts: dict[str, int] = {}
    for stored in documents:
        slot = stored.slot if _SAFE_PART.fullmatch(stored.slot) else "document"
        kind = stored.kind if _SAFE_PART.fullmatch(stored.kind) else "bin"
        stem = (REPLACED_FOLDER if stored.replaced_at is not None else "") + slot
        counts[stem] = counts.get(stem, 0) + 1
        names[stored.id] = f"{stem}-{counts[stem]}.{kind}"
    return names


def _zip_info(name: str, moment: datetime) -> zipfile.ZipInfo:
    stamp = moment.astimezone(UTC)
    info = zipfile.ZipInfo(name, date_time=(max(stamp.year, 1980), *stamp.timetuple()[1:6]))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info
