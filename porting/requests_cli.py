"""``python -m porting requests list|show|export|purge``: the team's view of submitted requests.

``list [--status S] [--search TEXT]`` prints one line per request, newest first; ``show REF``
everything about one request; ``export REF -o FILE.zip`` its documents and a ``manifest.json``;
``purge`` deletes the bytes of documents of requests closed longer ago than the retention
(``--retention-days``, else ``PORTING_RETENTION_DAYS``, else 90). ``list``, ``show`` and ``purge``
take ``--json``. Every command takes ``--database URL`` (``store.database_url()`` when left out).

Nothing printed or exported carries the customer's token (it alone opens the request) or, except
inside the archive, document bytes. Documents go into the archive as ``<slot>-<n>.<kind>``: the
name the customer uploaded is data in the manifest, never a path. Exit status: 0 when the command
ran, 2 for a usage error, an unknown reference, a refusal of the store or a database failure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TextIO

from porting import store
from porting.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue, format_integer, format_money, t, tn
from porting.rules import rules

EXIT_OK = 0
EXIT_USAGE = 2
RETENTION_VARIABLE = "PORTING_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 90
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
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


# --- Arguments -------------------------------------------------------------------------------


def add_requests_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], language: str) -> None:
    """Add ``requests`` and its sub-commands (dest ``requests_command``) to ``commands``."""
    requests = commands.add_parser(
        "requests", help=t("requests_cli.help", language), description=t("requests_cli.help", language)
    )
    actions = requests.add_subparsers(
        dest="requests_command",
        required=True,
        metavar="{list,show,export,purge}",
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
        "--today", type=_iso_date, metavar="YYYY-MM-DD", help=t("requests_cli.today_help", language)
    )
    purging.add_argument("--json", action="store_true", help=t("requests_cli.purge_json", language))


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

    handlers = {"list": _list, "show": _show, "export": _export, "purge": _purge}
    handler = handlers[arguments.requests_command]
    opened: store.Store | None = None
    try:
        opened = store.open_store(arguments.database)
        return handler(opened, arguments, language, stdout)
    except store.StoreError as error:
        print(t(error.code, language, **dict(error.params)), file=sys.stderr)
    except _Refused as refusal:
        print(str(refusal), file=sys.stderr)
    except (SQLAlchemyError, OSError) as error:
        # The class only: a database error's text may quote the URL, its password or the SQL.
        print(t("requests_cli.database_error", language, detail=type(error).__name__), file=sys.stderr)
    finally:
        if opened is not None:
            opened.close()
    return EXIT_USAGE


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
    record = _request_record(request, store.events(opened, request))
    names = _archive_names(request.documents)
    entries: list[tuple[zipfile.ZipInfo, bytes]] = []
    for stored, entry in zip(request.documents, record["documents"], strict=True):
        data = None if stored.purged_at is not None else _document_bytes(opened, request, stored)
        if data is None:  # purged, perhaps a moment ago: listed, not archived
            entry.update(purged=True, archive_name=None)
            continue
        if hashlib.sha256(data).hexdigest() != stored.sha256:
            raise _Refused(
                t("requests_cli.hash_mismatch", language, reference=request.reference, name=names[stored.id])
            )
        entry["archive_name"] = names[stored.id]
        entries.append((_zip_info(names[stored.id], stored.created_at), data))
    now = datetime.now(UTC)
    manifest = {
        "format": MANIFEST_FORMAT,
        "exported_at": _iso(now),
        "request": {key: value for key, value in record.items() if key not in ("documents", "events")},
        "documents": record["documents"],
        "events": record["events"],
    }
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    entries.append((_zip_info(MANIFEST, now), manifest_bytes))
    _write_archive(Path(arguments.output), entries, language)
    stdout.write(
        t(
            "requests_cli.exported",
            language,
            name=arguments.output,
            documents=tn("requests_cli.documents", len(entries) - 1, language),
        )
        + "\n"
    )
    purged = len(request.documents) - (len(entries) - 1)
    if purged:
        stdout.write(tn("requests_cli.exported_purged", purged, language) + "\n")
    return EXIT_OK


def _purge(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    days = arguments.retention_days if arguments.retention_days is not None else _retention_days(language)
    today = arguments.today or opened.clock().astimezone(UTC).date()
    count = store.purge(opened, retention_days=days, today=today)
    cutoff = (today - timedelta(days=days)).isoformat()
    if arguments.json:
        _write_json(
            {"purged": count, "retention_days": days, "today": today.isoformat(), "closed_before": cutoff},
            stdout,
        )
    else:
        stdout.write(
            tn("requests_cli.purged", count, language, days=format_integer(days, language), cutoff=cutoff)
            + "\n"
        )
    return EXIT_OK


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
        f"{label('note')}: {_clean(request.note) or '-'}",
        f"{label('quote_total')}: {_money(_quote_total(request.quote), language)}",
        "",
        f"{label('details')}:",
    ]
    lines += [f"  {_field_label(key, language)}: {_value(value)}" for key, value in request.details.items()]
    lines += ["", f"{label('numbers')} ({len(request.numbers)}):"]
    lines += [f"  {_number_text(number, language)}" for number in request.numbers]
    lines += ["", f"{label('timeline')}:"]
    lines += [f"  {_clean(str(key))}: {_value(value)}" for key, value in request.timeline.items()]
    lines += ["", f"{label('preflight')}:"]
    lines += [f"  {_preflight_text(item)}" for item in request.preflight]
    lines += ["", f"{label('documents')} ({len(request.documents)}):"]
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
    ]
    return "  ".join(part for part in parts if part)


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
    for known in rules().rejection_reasons:
        if known.key == reason:
            issue = (known.texts.get(language) or known.texts.get(DEFAULT_LANGUAGE) or {}).get("issue")
            return f"{issue} ({reason})" if issue else reason
    return _clean(reason)


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


def _archive_names(documents: tuple[store.StoredDocument, ...]) -> dict[int, str]:
    """``<slot>-<n>.<kind>`` by document id, numbered within each slot: never the uploaded name."""
    names: dict[int, str] = {}
    counts: dict[str, int] = {}
    for stored in documents:
        slot = stored.slot if _SAFE_PART.fullmatch(stored.slot) else "document"
        kind = stored.kind if _SAFE_PART.fullmatch(stored.kind) else "bin"
        counts[slot] = counts.get(slot, 0) + 1
        names[stored.id] = f"{slot}-{counts[slot]}.{kind}"
    return names


def _zip_info(name: str, moment: datetime) -> zipfile.ZipInfo:
    stamp = moment.astimezone(UTC)
    info = zipfile.ZipInfo(name, date_time=(max(stamp.year, 1980), *stamp.timetuple()[1:6]))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _write_archive(path: Path, entries: list[tuple[zipfile.ZipInfo, bytes]], language: str) -> None:
    """Write the ZIP next to ``path`` and move it there: no half-written archive is ever left."""
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".export-", suffix=".zip", dir=path.parent)
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w") as archive:
            for info, data in entries:
                archive.writestr(info, data)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise _Refused(
            t("cli.cannot_write", language, name=str(path), detail=error.strerror or type(error).__name__)
        ) from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
