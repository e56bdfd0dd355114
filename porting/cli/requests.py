"""``python -m porting requests list|show|export|purge|mail|change``: the team's view of submitted requests.

``list [--status S] [--search TEXT] [--order newest|oldest] [--limit N] [--offset N]`` prints one
line per request, newest first unless ``--order oldest``, a page of them with ``--limit`` and
``--offset`` (filtered, searched and paged in the database: ``porting.requests.queue``); ``show REF``
everything about one request; ``export REF -o FILE.zip`` its documents and a ``manifest.json``
(``porting.requests.archive``, which the console's ZIP download uses too); ``purge`` deletes the bytes of
documents of requests closed longer ago than the retention (``--retention-days``, else
``PORTING_RETENTION_DAYS``, else 90) and the drafts not saved for as long; ``mail`` sends the
notices waiting in the outbox when SMTP is configured (``porting.notify.mail.mail_settings``).
``change REF STATUS`` moves a request to another status as the console does (``--porting-date``
to accept, ``--reason`` to reject, ``--note`` for the audit trail only, ``--message`` for the
customer's thread and mail, ``--actor``); a porting day before the customer's
requested day or not a business day, or marking a request ported before its porting day, is
refused with a warning naming the days unless ``--force`` confirms it.
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
import json
import os
import sys
import tempfile
from datetime import UTC, date, timedelta
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TextIO

from porting import settings
from porting.cli.texts import clean, numbers_count, request_text, status_label
from porting.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_integer, t, tn
from porting.notify import mail as notify
from porting.requests import archive, drafts, lifecycle, messages, outbox, queue, records, store
from porting.requests.retention import anonymise, purge
from porting.rules import rules

EXIT_OK = 0
EXIT_USAGE = 2
RETENTION_VARIABLE = "PORTING_RETENTION_DAYS"
MAIL_BATCH = 100  # notices one ``outbox.deliver`` run sends at most
ACTOR = "porting team"  # who the audit trail says changed a status, as from the console
_EVERY_NOTICE = 1_000_000  # ``outbox.notices`` limit when counting those that wait


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
        metavar="{list,show,export,purge,mail,change}",
        parser_class=partial(_Parser, language),  # type: ignore[call-overload]  # called as the class is
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
    listing.add_argument(
        "--order", choices=queue.ORDERS, default=queue.NEWEST, help=t("requests_cli.order_help", language)
    )
    listing.add_argument(
        "--limit",
        type=_count,
        metavar="N",
        help=t("requests_cli.limit_help", language, most=format_integer(queue.MAX_PAGE_SIZE, language)),
    )
    listing.add_argument(
        "--offset", type=_count, default=0, metavar="N", help=t("requests_cli.offset_help", language)
    )
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
    kept = format_integer(settings.Retention().days, language)  # the defaults, named by the help
    drafts_kept = format_integer(settings.Drafts().retention_days, language)
    purging.add_argument(
        "--retention-days",
        type=_days,
        metavar="N",
        help=t("requests_cli.retention_help", language, days=kept),
    )
    purging.add_argument(
        "--draft-retention-days",
        type=_days,
        metavar="N",
        help=t("requests_cli.draft_retention_help", language, days=drafts_kept),
    )
    purging.add_argument(
        "--today", type=_iso_date, metavar="YYYY-MM-DD", help=t("requests_cli.today_help", language)
    )
    purging.add_argument("--json", action="store_true", help=t("requests_cli.purge_json", language))
    mail = add("mail")
    mail.add_argument("--json", action="store_true", help=t("requests_cli.mail_json", language))
    _add_change(add("change"), language)


def _add_change(change: argparse.ArgumentParser, language: str) -> None:
    """``change REF STATUS``: the console's status change, warning of days as it does (``--force``)."""
    change.add_argument("reference", metavar="REF", help=t("requests_cli.reference_help", language))
    statuses = ", ".join(lifecycle.STATUSES)
    change.add_argument(
        "status", metavar="STATUS", help=t("requests_cli.change.status", language, statuses=statuses)
    )
    change.add_argument(
        "--porting-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help=t("requests_cli.change.porting_date", language),
    )
    reasons = ", ".join(reason.key for reason in rules().rejection_reasons)
    change.add_argument(
        "--reason", metavar="REASON", help=t("requests_cli.change.reason", language, reasons=reasons)
    )
    change.add_argument("--note", default="", metavar="TEXT", help=t("requests_cli.change.note", language))
    change.add_argument(
        "--message", default="", metavar="TEXT", help=t("requests_cli.change.message", language)
    )
    change.add_argument(
        "--actor", default=ACTOR, metavar="NAME", help=t("requests_cli.change.actor", language)
    )
    change.add_argument("--force", action="store_true", help=t("requests_cli.change.force", language))


def _status_help(language: str) -> str:
    # argparse %-formats help texts; the statuses hold no "%".
    return t("requests_cli.status_help", language, statuses=", ".join(lifecycle.STATUSES))


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None
    if days < 0:
        raise argparse.ArgumentTypeError(text)
    return days


def _count(text: str) -> int:
    """A whole number of requests, 0 or more; the store checks it against its limits."""
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise argparse.ArgumentTypeError(text[:20])
    return int(text)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None


# --- Running ---------------------------------------------------------------------------------


def requests_command(arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    """Run the ``requests`` sub-command in ``arguments``; messages about failures go to standard error."""
    from sqlalchemy.exc import SQLAlchemyError

    handlers = {
        "list": _list, "show": _show, "export": _export, "purge": _purge, "mail": _mail, "change": _change,
    }  # fmt: skip
    handler = handlers[arguments.requests_command]
    opened: store.Store | None = None
    try:
        opened = _open(arguments.database, language)
        return handler(opened, arguments, language, stdout)
    except store.StoreError as error:
        print(t(error.code, language, **dict(error.params)), file=sys.stderr)
    except _Refused as refusal:
        print(str(refusal), file=sys.stderr)
    except (notify.NotifyError, settings.SettingsError) as error:  # PORTING_PUBLIC_URL, PORTING_TEAM_EMAIL, …
        print(t("errors.setting_invalid", language, detail=clean(str(error))), file=sys.stderr)
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
    page = queue.queue_page(
        opened,
        status=arguments.status,
        search=arguments.search,
        order=arguments.order,
        offset=arguments.offset,
        limit=arguments.limit,
    )
    found = page.requests
    if arguments.json:
        _write_json([archive.summary_record(request) for request in found], stdout)
        return EXIT_OK
    if not found:
        stdout.write(t("requests_cli.none", language) + "\n")
        return EXIT_OK
    lines = [
        [
            request.reference,
            status_label(request.status, language),
            request.created_at.date().isoformat(),
            clean(request.details.company_name if request.details else "") or "-",
            numbers_count(request.numbers, language),  # only the portable ones are to port
        ]
        for request in found
    ]
    widths = [max(len(line[index]) for line in lines) for index in range(len(lines[0]))]
    for line in lines:
        stdout.write(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() + "\n"
        )
    if len(found) < page.total:  # a page of them: say which
        first, last, total = (
            format_integer(n, language) for n in (page.offset + 1, page.offset + len(found), page.total)
        )
        stdout.write(t("requests_cli.page", language, first=first, last=last, total=total) + "\n")
    return EXIT_OK


def _show(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    request = _request(opened, arguments.reference, language)
    trail = store.events(opened, request)
    if arguments.json:
        _write_json(archive.request_record(request, trail), stdout)
    else:
        stdout.write(request_text(request, trail, language))
    return EXIT_OK


def _export(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    request = _request(opened, arguments.reference, language)
    try:
        made = archive.export_archive(opened, request)
    except archive.ArchiveError as error:
        raise _Refused(
            t("requests_cli.hash_mismatch", language, reference=error.reference, name=error.name)
        ) from None
    _write_file(Path(arguments.output), made.data, language)
    documents = tn("requests_cli.documents", made.documents, language)
    lines = [t("requests_cli.exported", language, name=arguments.output, documents=documents)]
    if made.replaced:
        folder = archive.REPLACED_FOLDER
        lines.append(tn("requests_cli.exported_replaced", made.replaced, language, folder=folder))
    if made.purged:
        lines.append(tn("requests_cli.exported_purged", made.purged, language))
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
    count = purge(opened, retention_days=days, today=today)
    anonymised = anonymise(opened, retention_days=days, today=today)
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
    except notify.NotifyError as misconfigured:
        detail = clean(str(misconfigured))
        raise _Refused(t("requests_cli.mail_misconfigured", language, detail=detail)) from None
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
        print(t("requests_cli.mail_failed", language, detail=clean(error)), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _change(opened: store.Store, arguments: argparse.Namespace, language: str, stdout: TextIO) -> int:
    """Change the status; a change with warnings about its days goes ahead only with ``--force``."""
    request = _request(opened, arguments.reference, language)
    lifecycle.check_status(arguments.status)
    warnings = store.change_warnings(opened, request, arguments.status, arguments.porting_date)
    said = "requests_cli.change.forced" if arguments.force else "requests_cli.change.warning"
    for warning in warnings:
        print(t(said, language, warning=lifecycle.warning_text(warning, language)), file=sys.stderr)
    if warnings and not arguments.force:
        raise _Refused(t("requests_cli.change.needs_force", language))
    if arguments.message.strip():
        messages.check_message(arguments.message)  # a message refused refuses the change before it is made
    changed = store.change_status(
        opened,
        request,
        arguments.status,
        actor=arguments.actor,
        note=arguments.note.strip(),
        porting_date=arguments.porting_date,
        reason=arguments.reason,
        confirmed=arguments.force,
    )
    if arguments.message.strip():
        team = messages.FROM_TEAM
        messages.post_message(opened, changed, arguments.message, sender=team, actor=arguments.actor)
    shown = {"reference": changed.reference, "status": status_label(changed.status, language)}
    stdout.write(t("requests_cli.change.changed", language, **shown) + "\n")
    return EXIT_OK


def _retention_set() -> bool:
    return "days" in settings.section(settings.Retention).model_fields_set


def _retention_days(language: str) -> int:
    try:
        return settings.section(settings.Retention).days
    except settings.SettingsError as error:
        raise _Refused(t("errors.setting_invalid", language, detail=error.messages(language)[0])) from None


def _request(opened: store.Store, reference: str, language: str) -> records.StoredRequest:
    found = store.by_reference(opened, reference)
    if found is None:
        raise _Refused(t("requests_cli.not_found", language, reference=clean(reference.strip())))
    return found


# --- Records ---------------------------------------------------------------------------------


def _write_json(value: object, stdout: TextIO) -> None:
    stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


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
