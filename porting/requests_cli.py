"""``python -m porting requests list|show|export|purge|mail``: the team's view of submitted requests.

``list [--status S] [--search TEXT]`` prints one line per request, newest first; ``show REF``
everything about one request; ``export REF -o FILE.zip`` its documents and a ``manifest.json``
(``export_archive``, which the console's ZIP download uses too); ``purge`` deletes the bytes of
documents of requests closed longer ago than the retention (``--retention-days``, else
``PORTING_RETENTION_DAYS``, else 90) and the drafts not saved for as long; ``mail`` sends the
notices waiting in the outbox when SMTP is configured (``porting.notify.mail_settings``).
``list``, ``show``, ``purge`` and ``mail`` take ``--json``. Every command takes ``--database URL``
(``store.database_url()`` when left out).

Nothing printed or exported carries the customer's token (it alone opens the request) or, except
inside the archive, document bytes. Documents go into the archive as ``<slot>-<n>.<kind>``, those
a corrected document replaced under ``replaced/``: the name the customer uploaded is data in the
manifest, never a path. Exit status: 0 when the command ran, 2 for a usage error, an unknown
reference, a refusal of the store, a database failure, or mail that is not configured or failed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TextIO

from porting import drafts, notify, outbox, store
from porting.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue, format_integer, format_money, t, tn
from porting.rules import rules

EXIT_OK = 0
EXIT_USAGE = 2
RETENTION_VARIABLE = "PORTING_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 90
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
REPLACED_FOLDER = "replaced/"  # documents a corrected one replaced: the carrier gets the current ones
MAIL_BATCH = 100  # notices one ``outbox.deliver`` run sends at most
_EVERY_NOTICE = 1_000_000  # ``outbox.notices`` limit when counting those that wait
_SAFE_PART = re.compile(r"[a-z0-9_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are in the chosen language."""

    def __init__(self, language: str = DEFAULT_LANGUAGE, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = language

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, t("requests_cli.usage_error", self.language, detail=message) + "\n")


class _Refused(Exception):
    """A command cannot go on; the message is already translated."""


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


# --- Arguments -------------------------------------------------------------------------------


def add_requests_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], language: str) -> None:
    """Add ``requests`` and its sub-commands (dest ``requests_command``) to ``commands``."""
    requests = commands.add_parser(
        "requests", help=t("requests_cli.help", language), description=t("requests_cli.help", language)
    )
    actions = requests.add_subparsers(
        dest="requests_command",
        required=True,
        metavar="{list,show,export,purge,mail}",
        parser_class=partial(_Parser, language),
    )

    def add(name: str) -> argparse.ArgumentParser:
        help_text = t(f"requests_cli.{name}_help", language)
        command: argparse.ArgumentParser = actions.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--database", metavar="URL", default=None, help=t("requests_cli.database_help", language)
        )
        command.add_argument(
            "--lang", choices=LANGUAGES, default=language, help=t("requests_cli.lang_help", language)
        )
        return command

    listing = add("list")
    listing.add_argument("--status", metavar="STATUS", help=_status_help(language))
    listing.add_argument("--search", metavar="TEXT", help=t("requests_cli.search_help", language))
    listing.add_argument("--json", action="store_true", help=t("requests_cli.list_json", language))
    show = add("show")
    show.add_argument("reference", metavar="REF", help=t("requests_cli.reference_help", language))
    show.add_argument("--json", action="store_true", help=t("requests_cli.show_json", language))
    export = add("export")
    export.add_argument("reference", metavar="REF", help=t("requests_cli.reference_help", language))
    export.add_argument(
        "-o", "--output", required=True, metavar="FILE.zip", help=t("requests_cli.output_help", language)
    )
    purging = add("purge")
    purging.add_argument(
        "--retention-days", type=_days, metavar="N", help=t("requests_cli.retention_help", language)
    )
    purging.add_argument(
        "--draft-retention-days",
        type=_days,
        metavar="N",
        help=t("requests_cli.draft_retention_help", language),
    )
    purging.add_argument(
        "--today", type=_iso_date, metavar="YYYY-MM-DD", help=t("requests_cli.today_help", language)
    )
    purging.add_argument("--json", action="store_true", help=t("requests_cli.purge_json", language))
    mail = add("mail")
    mail.add_argument("--json", action="store_true", help=t("requests_cli.mail_json", language))


def _status_help(language: str) -> str:
    # argparse %-formats help texts; the statuses hold no "%".
    return t("requests_cli.status_help", language, statuses=", ".join(store.STATUSES))


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None
    if days < 0:
        raise argparse.ArgumentTypeError(text)
    return days


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None


# --- Running ---------------------------------------------------------------------------------


def requests_command(arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    """Run the ``requests`` sub-command in ``arguments``; messages about failures go to standard error."""
    from sqlalchemy.exc import SQLAlchemyError

    handlers = {"list": _list, "show": _show, "export": _export, "purge": _purge, "mail": _mail}
    handler = handlers[arguments.requests_command]
    opened: store.Store | None = None
    try:
        opened = _open(arguments.database, language)
        return handler(opened, arguments, language, stdout)
    except store.StoreError as error:
        print(t(error.code, language, **dict(error.params)), file=sys.stderr)
    except _Refused as refusal:
        print(str(refusal), file=sys.stderr)
    except notify.NotifyError as error:  # PORTING_PUBLIC_URL, PORTING_TEAM_EMAIL or PORTING_TEAM_LANGUAGE
        print(t("errors.setting_invalid", language, detail=_clean(str(error))), file=sys.stderr)
    except (SQLAlchemyError, OSError) as error:
        # The class only: a database error's text may quote the URL, its password or the SQL.
        print(t("requests_cli.database_error", language, detail=type(error).__name__), file=sys.stderr)
    finally:
        if opened is not None:
            opened.close()
    return EXIT_USAGE


def _open(url: str | None, language: str) -> store.Store:
    """The store at ``url``; a URL SQLAlchemy cannot read, or whose driver is missing, is refused.

    The URL itself is never printed: it may hold the database's password.
    """
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        return store.open_store(url)
    except (ArgumentError, NoSuchModuleError):
        raise _Refused(t("errors.database_url", language)) from None
    except ImportError as error:  # postgresql+psycopg2:// without psycopg2, mysql:// without MySQLdb
        raise _Refused(t("errors.database_driver", language, module=error.name or "?")) from None


def _list(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    found = store.list_requests(opened, status=arguments.status, search=arguments.search)
    if arguments.json:
        _write_json([_summary_record(request) for request in found], stdout)
        return EXIT_OK
    if not found:
        stdout.write(t("requests_cli.none", language) + "\n")
        return EXIT_OK
    lines = [
        [
            request.reference,
            _status_label(request.status, language),
            request.created_at.date().isoformat(),
            _clean(str(request.details.get("company_name") or "-")),
            tn("requests_cli.numbers", len(request.numbers), language),
        ]
        for request in found
    ]
    widths = [max(len(line[index]) for line in lines) for index in range(len(lines[0]))]
    for line in lines:
        stdout.write(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() + "\n"
        )
    return EXIT_OK


def _show(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    request = _request(opened, arguments.reference, language)
    trail = store.events(opened, request)
    if arguments.json:
        _write_json(_request_record(request, trail), stdout)
    else:
        stdout.write(_request_text(request, trail, language))
    return EXIT_OK


def _export(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    request = _request(opened, arguments.reference, language)
    try:
        archive = export_archive(opened, request)
    except ArchiveError as error:
        raise _Refused(
            t("requests_cli.hash_mismatch", language, reference=error.reference, name=error.name)
        ) from None
    _write_file(Path(arguments.output), archive.data, language)
    documents = tn("requests_cli.documents", archive.documents, language)
    lines = [t("requests_cli.exported", language, name=arguments.output, documents=documents)]
    if archive.replaced:
        lines.append(tn("requests_cli.exported_replaced", archive.replaced, language, folder=REPLACED_FOLDER))
    if archive.purged:
        lines.append(tn("requests_cli.exported_purged", archive.purged, language))
    stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _purge(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    given = arguments.retention_days is not None
    days = arguments.retention_days if given else _retention_days(language)
    today = arguments.today or opened.clock().astimezone(UTC).date()
    draft_days = arguments.draft_retention_days
    if draft_days is None:
        draft_days = drafts.Limits.from_environment().retention_days
    most = (today - date.min).days  # a cutoff before 1 January of the year 1 is no date at all
    retentions = (
        (days, "--retention-days" if given else RETENTION_VARIABLE if _retention_set() else "--today"),
        (draft_days, "--draft-retention-days" if arguments.draft_retention_days is not None else "--today"),
    )
    for retention, source in retentions:
        if retention > most:
            shown = {"days": format_integer(retention, language), "most": format_integer(most, language)}
            raise _Refused(
                t("errors.retention_too_long", language, today=today.isoformat(), source=source, **shown)
            )
    count = store.purge(opened, retention_days=days, today=today)
    anonymised = store.anonymise(opened, retention_days=days, today=today)
    removed = drafts.purge(opened, retention_days=draft_days, today=today)
    cutoff = (today - timedelta(days=days)).isoformat()
    drafts_cutoff = (today - timedelta(days=draft_days)).isoformat()
    if arguments.json:
        _write_json(
            {
                "purged": count,
                "anonymised": anonymised,
                "drafts": removed,
                "retention_days": days,
                "draft_retention_days": draft_days,
                "today": today.isoformat(),
                "closed_before": cutoff,
                "drafts_saved_before": drafts_cutoff,
            },
            stdout,
        )
    else:
        shown_days = format_integer(days, language)
        stdout.write(tn("requests_cli.purged", count, language, days=shown_days, cutoff=cutoff) + "\n")
        stdout.write(tn("requests_cli.anonymised", anonymised, language, cutoff=cutoff) + "\n")
        stdout.write(tn("requests_cli.purged_drafts", removed, language, cutoff=drafts_cutoff) + "\n")
    return EXIT_OK


def _mail(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    """Send the waiting notices; without SMTP settings say how many wait and exit 2."""
    try:
        settings = notify.mail_settings()
    except notify.NotifyError as error:
        raise _Refused(t("requests_cli.mail_misconfigured", language, detail=_clean(str(error)))) from None
    sent, error = 0, None
    if settings is not None:
        while True:  # a run stops after MAIL_BATCH notices, so that a claim never outlives its sender
            delivery = outbox.deliver(opened, settings, limit=MAIL_BATCH)
            sent += delivery.sent
            if delivery.error is not None or delivery.sent < MAIL_BATCH:
                error = delivery.error
                break
    waiting = len(outbox.notices(opened, pending_only=True, limit=_EVERY_NOTICE))
    if arguments.json:
        _write_json({"smtp": settings is not None, "sent": sent, "waiting": waiting, "error": error}, stdout)
    elif settings is None:
        stdout.write(tn("requests_cli.mail_waiting", waiting, language) + "\n")
    else:
        stdout.write(tn("requests_cli.mail_sent", sent, language) + "\n")
        if waiting:
            stdout.write(tn("requests_cli.mail_left", waiting, language) + "\n")
    if settings is None:
        print(t("requests_cli.mail_off", language, variable=notify.HOST_VARIABLE), file=sys.stderr)
        return EXIT_USAGE
    if error is not None:
        print(t("requests_cli.mail_failed", language, detail=_clean(error)), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _retention_set() -> bool:
    return bool(os.environ.get(RETENTION_VARIABLE, "").strip())


def _retention_days(language: str) -> int:
    value = os.environ.get(RETENTION_VARIABLE, "").strip()
    if not value:
        return DEFAULT_RETENTION_DAYS
    try:
        return _days(value)
    except argparse.ArgumentTypeError:
        raise _Refused(
            t("requests_cli.retention_invalid", language, variable=RETENTION_VARIABLE, value=_clean(value))
        ) from None


def _request(opened: store.Store, reference: str, language: str) -> store.StoredRequest:
    found = store.by_reference(opened, reference)
    if found is None:
        raise _Refused(t("requests_cli.not_found", language, reference=_clean(reference.strip())))
    return found


def _document_bytes(
    opened: store.Store, request: store.StoredRequest, stored: store.StoredDocument
) -> bytes | None:
    try:
        return store.document(opened, request, stored.id)
    except store.StoreError as error:
        if error.code == "store.document.purged":
            return None
        raise


# --- Records ---------------------------------------------------------------------------------


def _summary_record(request: store.StoredRequest) -> dict[str, Any]:
    """One request of ``list --json``."""
    return {
        "reference": request.reference,
        "status": request.status,
        "created_at": _iso(request.created_at),
        "updated_at": _iso(request.updated_at),
        "closed_at": _iso(request.closed_at),
        "company_name": request.details.get("company_name"),
        "numbers": len(request.numbers),
        "documents": len(request.documents),
    }


def _request_record(request: store.StoredRequest, trail: tuple[store.Event, ...]) -> dict[str, Any]:
    """Everything about a request, as JSON values, without its token: ``show --json`` and the manifest."""
    return {
        "reference": request.reference,
        "status": request.status,
        "created_at": _iso(request.created_at),
        "updated_at": _iso(request.updated_at),
        "closed_at": _iso(request.closed_at),
        "language": request.language,
        "porting_date": request.porting_date.isoformat() if request.porting_date else None,
        "rejection_reason": request.rejection_reason,
        "split_from": request.split_from,
        "note": request.note,
        "details": dict(request.details),
        "numbers": [dict(number) for number in request.numbers],
        "quote": dict(request.quote),
        "quote_total": _quote_total(request.quote),
        "timeline": dict(request.timeline),
        "preflight": [dict(item) for item in request.preflight],
        "documents": [
            {
                "slot": stored.slot,
                "name": stored.name,
                "kind": stored.kind,
                "size": stored.size,
                "sha256": stored.sha256,
                "created_at": _iso(stored.created_at),
                "purged": stored.purged_at is not None,
                "purged_at": _iso(stored.purged_at),
                "replaced": stored.replaced_at is not None,
                "replaced_at": _iso(stored.replaced_at),
            }
            for stored in request.documents
        ],
        "events": [
            {"at": _iso(event.at), "status": event.status, "note": event.note, "actor": event.actor}
            for event in trail
        ],
    }


def _quote_total(quote: Mapping[str, Any]) -> dict[str, str] | None:
    """The quote's total and currency, at the top level or under ``price`` (``quote_record``'s shape)."""
    price = quote.get("price")
    for part in (quote, price if isinstance(price, Mapping) else {}):
        if part.get("total") is not None:
            return {"amount": str(part["total"]), "currency": str(part.get("currency") or "")}
    return None


def _request_text(request: store.StoredRequest, trail: tuple[store.Event, ...], language: str) -> str:
    def label(key: str) -> str:
        return t(f"requests_cli.label.{key}", language)

    lines = [
        t("requests_cli.heading", language, reference=request.reference),
        f"{label('status')}: {_status_label(request.status, language)}",
        f"{label('created')}: {_time(request.created_at)}",
        f"{label('updated')}: {_time(request.updated_at)}",
        f"{label('closed')}: {_time(request.closed_at)}",
        f"{label('language')}: {request.language}",
        f"{label('porting_date')}: {request.porting_date.isoformat() if request.porting_date else '-'}",
        f"{label('rejection_reason')}: {_rejection_text(request.rejection_reason, language)}",
        f"{label('split_from')}: {request.split_from or '-'}",
        f"{label('note')}: {_clean(request.note) or '-'}",
        f"{label('quote_total')}: {_money(_quote_total(request.quote), language)}",
        "",
        f"{label('details')}:",
    ]
    lines += [f"  {_field_label(key, language)}: {_value(value)}" for key, value in request.details.items()]
    lines += ["", f"{label('numbers')} ({format_integer(len(request.numbers), language)}):"]
    lines += [f"  {_number_text(number, language)}" for number in request.numbers]
    lines += ["", f"{label('timeline')}:"]
    lines += [f"  {_clean(str(key))}: {_value(value)}" for key, value in request.timeline.items()]
    lines += ["", f"{label('preflight')}:"]
    lines += [f"  {_preflight_text(item)}" for item in request.preflight]
    lines += ["", f"{label('documents')} ({format_integer(len(request.documents), language)}):"]
    for stored in request.documents:
        line = t(
            "requests_cli.document_line",
            language,
            slot=stored.slot,
            name=_clean(stored.name),
            kind=stored.kind,
            size=format_integer(stored.size, language),
            sha256=stored.sha256,
        )
        if stored.replaced_at is not None:
            line += " " + t("requests_cli.replaced_at", language, at=_time(stored.replaced_at))
        if stored.purged_at is not None:
            line += " " + t("requests_cli.purged_at", language, at=_time(stored.purged_at))
        lines.append(f"  {line}")
    lines += ["", f"{label('events')}:"]
    for event in trail:
        note = f"  {_clean(event.note)}" if event.note else ""
        status = _status_label(event.status, language)
        lines.append(f"  {_time(event.at)}  {status}  {_clean(event.actor)}{note}")
    return "\n".join(lines) + "\n"


def _number_text(number: Mapping[str, Any], language: str) -> str:
    shown = _clean(str(number.get("display") or number.get("input") or ""))
    kind = str(number.get("type") or "")
    parts = [
        shown,
        str(number.get("e164") or ""),
        _label_or_key("type", kind, language),
        _clean(str(number.get("area") or "")),
        t("requests_cli.portable" if number.get("portable") else "requests_cli.not_portable", language),
        _decision_text(number, language),
    ]
    return "  ".join(part for part in parts if part)


def _decision_text(number: Mapping[str, Any], language: str) -> str:
    """The team's decision on one number, empty while there is none."""
    if number.get("decision") == store.ACCEPTED_NUMBER:
        return t("requests_cli.number_accepted", language)
    if number.get("decision") == store.REJECTED_NUMBER:
        reason = number.get("reason")
        return t(
            "requests_cli.number_rejected", language, reason=_rejection_text(reason and str(reason), language)
        )
    return ""


def _preflight_text(item: Mapping[str, Any]) -> str:
    name = item.get("reason") or item.get("check") or item.get("key") or "?"
    status = item.get("status") or ({True: "ok", False: "problem"}.get(item["ok"]) if "ok" in item else "-")
    return f"{_clean(str(name))}: {_clean(str(status))}"


def _status_label(status: str, language: str) -> str:
    return _label_or_key("requests_cli.status", status, language)


def _field_label(key: str, language: str) -> str:
    return _label_or_key("company.field", key, language)


def _label_or_key(prefix: str, key: str, language: str) -> str:
    """The catalogue's name for ``key`` under ``prefix``, or the key itself when it has none."""
    return catalogue(language).get(f"{prefix}.{key}") or catalogue(DEFAULT_LANGUAGE).get(
        f"{prefix}.{key}", _clean(key)
    )


def _rejection_text(reason: str | None, language: str) -> str:
    if reason is None:
        return "-"
    known = rules().rejection_reason(reason)
    if known is None:
        return _clean(reason)
    issue = (known.texts.get(language) or known.texts.get(DEFAULT_LANGUAGE) or {}).get("issue")
    return f"{issue} ({reason})" if issue else reason


def _money(total: Mapping[str, str] | None, language: str) -> str:
    if total is None:
        return "-"
    try:
        cents = Decimal(total["amount"]) * 100
    except InvalidOperation:
        cents = Decimal("NaN")
    if total["currency"] and cents.is_finite() and cents == cents.to_integral_value():
        return format_money(int(cents), total["currency"], language)
    return _clean(f"{total['currency']} {total['amount']}".strip())


def _value(value: object) -> str:
    if value is None or value == "":
        return "-"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _clean(text)


def _clean(text: str) -> str:
    """Text someone typed, safe for a terminal: control and direction characters become ``?``."""
    return _CONTROL.sub("?", text)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat()


def _time(moment: datetime | None) -> str:
    return "-" if moment is None else f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _write_json(value: object, stdout: TextIO) -> None:
    stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


# --- The archive -----------------------------------------------------------------------------


def export_archive(opened: store.Store, request: store.StoredRequest) -> Archive:
    """The request's documents and a ``manifest.json`` with its data and audit trail, as a ZIP.

    Documents are named as ``archive_names`` says; the manifest lists every document with its
    ``archive_name`` and, for one a corrected document replaced, ``replaced_at``. Purged
    documents are listed only. Raises ``ArchiveError`` when bytes do not match their stored hash.
    """
    record = _request_record(request, store.events(opened, request))
    names = archive_names(request.documents)
    buffer = io.BytesIO()
    archived = replaced = 0
    with zipfile.ZipFile(buffer, "w") as archive:
        for stored, entry in zip(request.documents, record["documents"], strict=True):
            data = None if stored.purged_at is not None else _document_bytes(opened, request, stored)
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
            "exported_at": _iso(now),
            "request": {key: value for key, value in record.items() if key not in ("documents", "events")},
            "documents": record["documents"],
            "events": record["events"],
        }
        manifest_text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        archive.writestr(_zip_info(MANIFEST, now), manifest_text.encode("utf-8"))
    return Archive(buffer.getvalue(), archived, replaced, len(request.documents) - archived)


def archive_names(documents: tuple[store.StoredDocument, ...]) -> dict[int, str]:
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


def _write_file(path: Path, data: bytes, language: str) -> None:
    """Write ``data`` next to ``path`` and move it there: no half-written archive is ever left."""
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".export-", suffix=".zip", dir=path.parent)
        with os.fdopen(handle, "wb") as raw:
            raw.write(data)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise _Refused(
            t("cli.cannot_write", language, name=str(path), detail=error.strerror or type(error).__name__)
        ) from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
