"""Command line: ``python -m porting check|quote [FILE ...] [--json] [--lang nb] [--column NAME]``.

``check`` reads text, CSV or XLSX files (standard input when no file or ``-`` is given)
and prints one line per number entered, or a JSON array with one object per number.
``quote [--start YYYY-MM-DD] [--providers N] [--invoice-date YYYY-MM-DD]`` prices the same
numbers and gives the business-day timeline. Exit status: 0 when the input was read, 2 for
a usage error, a file that cannot be read, a date or number out of range, or output that could
not be written; a message of one line says why. Nothing ends in a traceback: a failure of ours
prints an error id, and ``PORTING_LOG_LEVEL=DEBUG`` logs its traceback under that id.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from json.encoder import encode_basestring as _json_string
from operator import itemgetter
from pathlib import Path
from typing import Any, NoReturn, TextIO

from porting import logs, settings
from porting.cli.inputs import details_file, fatal_message, read_input
from porting.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_integer, t
from porting.numbers.intake import NumberResult, Reading, columns_of, combine
from porting.numbers.numbering import Classification

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # the shells' code for a command stopped with Ctrl+C

_log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def __init__(self, language: str = DEFAULT_LANGUAGE, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.language = language

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, t("cli.usage_error", self.language, detail=message) + "\n")


def _calendar_date(language: str) -> Callable[[str], date]:
    """The type of date options the holiday calendar counts from: ISO, in ``KNOWN_YEARS``."""

    def parse(text: str) -> date:
        day, years = _iso_date(text), _known_years()
        if not years["first"] <= day.year <= years["last"]:
            message = t("errors.date_outside_calendar", language, value=text, **years)
            raise argparse.ArgumentTypeError(message)
        return day

    return parse


def _known_years() -> dict[str, int]:
    """The first and last year the holiday calendar knows, for messages that name them."""
    from porting.calendar import KNOWN_YEARS  # here: the holidays package costs ``check`` time

    return {"first": KNOWN_YEARS.start, "last": KNOWN_YEARS.stop - 1}


def _parser(language: str, requests: bool = False) -> argparse.ArgumentParser:
    """The command line; the ``requests`` commands only in full when asked for (``requests``),
    since they load the database library, a third of a second ``check`` does not need."""
    parser = _Parser(language, prog="python -m porting", description=t("cli.description", language))
    day = _calendar_date(language)
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        metavar="{check,quote,loa,preflight,requests}",
        parser_class=partial(_Parser, language),  # type: ignore[call-overload]  # called as the class is
    )
    check = commands.add_parser(
        "check", help=t("cli.check_help", language), description=t("cli.check_help", language)
    )
    quote_command = commands.add_parser(
        "quote", help=t("cli.quote_help", language), description=t("cli.quote_help", language)
    )
    for command in (check, quote_command):
        command.add_argument("files", nargs="*", metavar="FILE", help=t("cli.files_help", language))
        command.add_argument(
            "--json", action="store_true", help=t(f"cli.{command.prog.split()[-1]}_json", language)
        )
        command.add_argument("--column", help=t("cli.column_help", language))
        command.add_argument("--lang", choices=LANGUAGES, default=language, help=t("cli.lang_help", language))
    quote_command.add_argument("--start", type=day, metavar="YYYY-MM-DD", help=t("cli.start_help", language))
    quote_command.add_argument(
        "--providers", type=int, default=None, metavar="N", help=t("cli.providers_help", language)
    )
    quote_command.add_argument(
        "--invoice-date", type=day, metavar="YYYY-MM-DD", help=t("cli.invoice_help", language)
    )
    loa = commands.add_parser(
        "loa", help=t("cli.loa_help", language), description=t("cli.loa_help", language)
    )
    loa.add_argument("--details", required=True, metavar="FILE.json", help=t("cli.details_help", language))
    loa.add_argument("--numbers", metavar="FILE", help=t("cli.numbers_help", language))
    loa.add_argument(
        "--lang", choices=(*LANGUAGES, "both"), default="both", help=t("cli.loa_lang_help", language)
    )
    loa.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help=t("cli.output_help", language))
    flight = commands.add_parser(
        "preflight", help=t("cli.preflight_help", language), description=t("cli.preflight_help", language)
    )
    flight.add_argument("--details", required=True, metavar="FILE.json", help=t("cli.details_help", language))
    flight.add_argument("--numbers", required=True, metavar="FILE", help=t("cli.numbers_help", language))
    for slot in ("loa", "invoice", "certificate"):
        flight.add_argument(f"--{slot}", metavar="FILE", help=t(f"cli.{slot}_file_help", language))
    flight.add_argument(
        "--invoice-date", type=day, metavar="YYYY-MM-DD", help=t("cli.preflight_invoice_help", language)
    )
    flight.add_argument("--submit-date", type=day, metavar="YYYY-MM-DD", help=t("cli.start_help", language))
    flight.add_argument("--json", action="store_true", help=t("cli.preflight_json", language))
    flight.add_argument("--register", action="store_true", help=t("cli.preflight_register", language))
    flight.add_argument("--lang", choices=LANGUAGES, default=language, help=t("cli.lang_help", language))
    if requests:
        from porting.cli.requests import add_requests_parser

        add_requests_parser(commands, language)
    else:
        commands.add_parser("requests", help=t("cli.requests_help", language), add_help=False)
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None


def _language_of(argv: Sequence[str]) -> str:
    for index, argument in enumerate(argv):
        value = argument.split("=", 1)[1] if argument.startswith("--lang=") else None
        if argument == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in LANGUAGES:
            return value
    return DEFAULT_LANGUAGE


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run the command in ``argv``; its exit status. Whatever fails, the person reads one line."""
    argv = list(sys.argv[1:] if argv is None else argv)
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    language = _language_of(argv)
    logs.configure(default="WARNING")  # PORTING_LOG_LEVEL=INFO logs each notice sent, for a schedule
    try:
        return _run(argv, stdin, stdout)
    except BrokenPipeError:  # the reader (head, less) stopped reading: there is no one left to tell
        if stdout is sys.stdout:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's flush at exit
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(t("errors.interrupted", language), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        error_id = logs.new_error_id()
        _log.debug("error %s in the command line", error_id, exc_info=True)
        print(t("errors.cli_internal", language, error_id=error_id), file=sys.stderr)
        return EXIT_USAGE


def _run(argv: list[str], stdin: TextIO, stdout: TextIO) -> int:
    arguments = _parser(_language_of(argv), requests=argv[:1] == ["requests"]).parse_args(argv)
    language: str = arguments.lang if arguments.lang in LANGUAGES else DEFAULT_LANGUAGE
    try:
        settings.load()  # every command checks every setting first, as the app does at start
    except settings.SettingsError as error:
        for message in error.messages(language):
            print(t("errors.setting_invalid", language, detail=message), file=sys.stderr)
        return EXIT_USAGE
    if arguments.command == "loa":
        return _loa(arguments, language, stdin)
    if arguments.command == "requests":
        from porting.cli.requests import requests_command

        return requests_command(arguments, language, stdout)
    if arguments.command == "preflight":
        from porting.cli.preflight import preflight_command

        return preflight_command(arguments, language, stdout)
    readings: list[tuple[str, Reading]] = []
    for name in arguments.files or ["-"]:
        reading = read_input(name, arguments.column, stdin)
        fatal = reading if isinstance(reading, str) else fatal_message(reading, language)
        if fatal is not None or isinstance(reading, str):
            print(t("cli.cannot_read", language, name=name, detail=fatal), file=sys.stderr)
            return EXIT_USAGE
        readings.append((name, reading))
    if arguments.command == "quote":
        return _quote(arguments, combine([reading for _, reading in readings]), language, stdout)
    if arguments.json:
        _write_json(readings, language, stdout)
    else:
        for name, reading in readings:
            _write_table(name, reading, language, stdout)
    return EXIT_OK


def _quote(arguments: argparse.Namespace, reading: Reading, language: str, stdout: TextIO) -> int:
    # Imported here: the holidays package costs ``check`` a twentieth of a second it never needs.
    from porting.calendar import UnknownYear, oslo_today
    from porting.quote.pricing import QuoteError, quote
    from porting.quote.report import quote_record, quote_text
    from porting.quote.timeline import invoice_check, timeline

    start = arguments.start or oslo_today()
    try:
        offer = quote(reading, providers=arguments.providers)
    except QuoteError as error:
        print(t("cli.usage_error", language, detail=t(error.code, language, **error.params)), file=sys.stderr)
        return EXIT_USAGE
    try:
        plan = timeline(start)
    except UnknownYear as error:  # a start late in 2100 whose porting day falls in 2101
        message = t(
            "errors.timeline_outside_calendar", language, start=start, year=error.year, **_known_years()
        )
        print(message, file=sys.stderr)
        return EXIT_USAGE
    invoice = invoice_check(arguments.invoice_date, start) if arguments.invoice_date else None
    if arguments.json:
        stdout.write(
            json.dumps(quote_record(offer, plan, invoice, language), ensure_ascii=False, indent=2) + "\n"
        )
    else:
        stdout.write(quote_text(offer, plan, invoice, language) + "\n")
    return EXIT_OK


def _requested_day_ok(requested: date | None, today: date, language: str) -> bool:
    """Whether the details' requested day (if any) can be the porting day of a request submitted
    today; if not, says why with the nearest days that can. A day carriers rarely port on passes
    with its note."""
    from porting.wizard.porting_day import check_day, note_text, refusal_text

    if requested is None:
        return True
    check = check_day(requested, today)
    field = t("company.field.requested_date", language)
    if not check.ok:
        problem = refusal_text(requested, check, language)
        print(t("cli.field_problem", language, field=field, problem=problem), file=sys.stderr)
        return False
    note = note_text(requested, check, language)
    if note is not None:
        print(t("cli.field_problem", language, field=field, problem=note), file=sys.stderr)
    return True


def _loa(arguments: argparse.Namespace, language: str, stdin: TextIO) -> int:
    """Write the Letter of Authorization for the details in a JSON file and the numbers given."""
    from porting.calendar import oslo_today
    from porting.company.details import check_mapping
    from porting.letter.loa import LoaError, build_loa

    values = details_file(arguments.details, language)
    if values is None:
        return EXIT_USAGE
    today = oslo_today()
    details, problems = check_mapping(values, today)
    if problems:
        for problem in problems:
            field = t(f"company.field.{problem.field}", language)
            print(
                t("cli.field_problem", language, field=field, problem=problem.text(language)), file=sys.stderr
            )
        return EXIT_USAGE
    if not _requested_day_ok(details.requested_date, today, language):
        return EXIT_USAGE
    reading = read_input(arguments.numbers or "-", None, stdin)
    fatal = reading if isinstance(reading, str) else fatal_message(reading, language)
    if fatal is not None or isinstance(reading, str):
        print(t("cli.cannot_read", language, name=arguments.numbers or "-", detail=fatal), file=sys.stderr)
        return EXIT_USAGE
    try:
        pdf = build_loa(details, reading.rows, language=arguments.lang, today=today)
    except LoaError as error:
        fields = ", ".join(
            t("loa.numbers" if field == "numbers" else f"company.field.{field}", language)
            for field in error.fields
        )
        print(t("loa.cannot_make", language, fields=fields), file=sys.stderr)
        return EXIT_USAGE
    try:
        Path(arguments.output).write_bytes(pdf)
    except OSError as error:
        print(
            t("cli.cannot_write", language, name=arguments.output, detail=error.strerror or ""),
            file=sys.stderr,
        )
        return EXIT_USAGE
    return EXIT_OK


def _write_json(readings: list[tuple[str, Reading]], language: str, stdout: TextIO) -> None:
    """A JSON array, one object per row, written as text.

    A list of 100,000 numbers shares a few dozen classifications, so each one's part of the
    object is encoded once; only the input, line, number and repeat are encoded per row.
    """
    # By id(): the rows keep their classifications alive. Per classification: its E.164 prefix,
    # its digit groups and its shared keys.
    known: dict[int, tuple[str, itemgetter[str] | None, str]] = {}
    chunks = []
    for _, reading in readings:
        inputs, lines, nationals, classifications, repeats = columns_of(reading.rows)
        for quoted, line, national, classification, repeat in zip(
            map(_json_string, inputs), lines, nationals, classifications, repeats, strict=True
        ):
            found = known.get(id(classification))
            if found is None:
                found = known[id(classification)] = (
                    classification.e164_prefix,
                    classification.groups,
                    _shared_fragment(classification, language),
                )
            prefix, groups, shared = found
            # A valid number's E.164 and display form are digits, "+" and spaces: nothing to escape.
            if prefix and national is not None:
                display = " ".join(groups(national)) if groups is not None else national
                number = f'"e164": "{prefix}{national}", "display": "{display}"'
            else:
                number = f'"e164": null, "display": {quoted}'
            chunks.append(
                f'{{"input": {quoted}, "line": {line}, {number}, '
                f'{shared}, "duplicate_of": {"null" if repeat is None else repeat}}}'
            )
    stdout.write("[" + ",\n".join(chunks) + "]\n")
    for _, reading in readings:
        for problem in reading.problems:
            print(problem.reason.text(language), file=sys.stderr)


def _shared_fragment(classification: Classification, language: str) -> str:
    """The keys every number of one classification shares, as JSON text without braces."""
    area, reason = classification.area, classification.reason
    shared = {
        "type": classification.type,
        "area": area.names[language] if area is not None else None,
        "portable": classification.portable,
        "reason": reason.text(language) if reason is not None else None,
    }
    return json.dumps(shared, ensure_ascii=False)[1:-1]


def _write_table(name: str, reading: Reading, language: str, stdout: TextIO) -> None:
    headers = [
        t(f"cli.column.{key}", language) for key in ("line", "input", "number", "type", "area", "status")
    ]
    lines = [
        [
            str(row.line),
            _shorten(row.input, 28),
            row.display if row.is_valid else "",
            t(f"type.{row.type}", language),
            row.area.names[language] if row.area is not None else "",
            _status(row, language),
        ]
        for row in reading.rows
    ]
    widths = [
        max([len(header)] + [len(line[index]) for line in lines]) for index, header in enumerate(headers)
    ]
    if name != "-":
        stdout.write(t("cli.file_heading", language, name=name) + "\n")
    for line in [headers, *lines]:
        stdout.write(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() + "\n"
        )
    stdout.write("\n" + _summary(reading, language) + "\n")
    for problem in reading.problems:
        stdout.write(problem.reason.text(language) + "\n")


def _status(row: NumberResult, language: str) -> str:
    if row.duplicate_of is not None:
        return t("cli.repeat_of", language, line=row.duplicate_of)
    if row.portable:
        return t("cli.portable", language)
    return row.reason.text(language) if row.reason is not None else ""


def _summary(reading: Reading, language: str) -> str:
    counts = ", ".join(
        f"{t(f'type.{kind}', language)}: {format_integer(count, language)}"
        for kind, count in sorted(reading.counts_by_type.items())
    )
    entered = format_integer(len(reading.rows), language)
    portable = format_integer(len(reading.portable_rows), language)
    return t("cli.summary", language, entered=entered, portable=portable, counts=counts or "-")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
