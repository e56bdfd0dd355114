"""A stored request as ``python -m porting requests show`` prints it: labelled lines in the reader's
language, every value someone typed made safe for a terminal."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from porting.i18n import DEFAULT_LANGUAGE, catalogue, format_integer, format_money, t, tn
from porting.numbers.to_port import numbers_to_port
from porting.requests import lifecycle, records
from porting.requests.model import PreflightItem, StoredNumber, StoredQuote, json_value
from porting.rules import rules

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def request_text(request: records.StoredRequest, trail: tuple[records.Event, ...], language: str) -> str:
    def label(key: str) -> str:
        return t(f"requests_cli.label.{key}", language)

    lines = [
        t("requests_cli.heading", language, reference=request.reference),
        f"{label('status')}: {status_label(request.status, language)}",
        f"{label('created')}: {_time(request.created_at)}",
        f"{label('updated')}: {_time(request.updated_at)}",
        f"{label('closed')}: {_time(request.closed_at)}",
        f"{label('language')}: {request.language}",
        f"{label('porting_date')}: {request.porting_date.isoformat() if request.porting_date else '-'}",
        f"{label('rejection_reason')}: {_rejection_text(request.rejection_reason, language)}",
        f"{label('split_from')}: {request.split_from or '-'}",
        f"{label('note')}: {clean(request.note) or '-'}",
        f"{label('quote_total')}: {_money(request.quote, language)}",
        "",
        f"{label('details')}:",
    ]
    details = {} if request.details is None else json_value(request.details)
    lines += [f"  {_field_label(key, language)}: {_value(value)}" for key, value in details.items()]
    counted = numbers_count(request.numbers, language)
    lines += ["", f"{label('numbers')} ({format_integer(len(request.numbers), language)}): {counted}"]
    lines += [f"  {_number_text(number, language)}" for number in request.numbers]
    lines += ["", f"{label('timeline')}:"]
    lines += [f"  {clean(key)}: {_value(value)}" for key, value in json_value(request.timeline).items()]
    lines += ["", f"{label('preflight')}:"]
    lines += [f"  {_preflight_text(item)}" for item in request.preflight]
    lines += ["", f"{label('documents')} ({format_integer(len(request.documents), language)}):"]
    for stored in request.documents:
        line = t(
            "requests_cli.document_line",
            language,
            slot=stored.slot,
            name=clean(stored.name),
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
        note = f"  {clean(event.note)}" if event.note else ""
        status = status_label(event.status, language)
        lines.append(f"  {_time(event.at)}  {status}  {clean(event.actor)}{note}")
    return "\n".join(lines) + "\n"


def numbers_count(numbers: tuple[StoredNumber, ...], language: str) -> str:
    """The numbers to port (only the portable ones), and how many others: ``14 to port, 2 not to port``."""
    counted = numbers_to_port(numbers)
    parts = [tn("requests_cli.to_port", counted.to_port, language)]
    if counted.not_to_port:
        parts.append(tn("requests_cli.not_to_port", len(counted.not_to_port), language))
    return ", ".join(parts)


def _number_text(number: StoredNumber, language: str) -> str:
    parts = [
        clean(number.display),
        number.e164 or "",
        _label_or_key("type", number.type, language),
        clean(number.area or ""),
        t("requests_cli.portable" if number.portable else "requests_cli.not_portable", language),
        _decision_text(number, language),
    ]
    return "  ".join(part for part in parts if part)


def _decision_text(number: StoredNumber, language: str) -> str:
    """The team's decision on one number, empty while there is none."""
    if number.decision == lifecycle.ACCEPTED_NUMBER:
        return t("requests_cli.number_accepted", language)
    if number.decision == lifecycle.REJECTED_NUMBER:
        return t("requests_cli.number_rejected", language, reason=_rejection_text(number.reason, language))
    return ""


def _preflight_text(item: PreflightItem) -> str:
    return f"{clean(item.reason)}: {item.status}"


def status_label(status: str, language: str) -> str:
    return _label_or_key("requests_cli.status", status, language)


def _field_label(key: str, language: str) -> str:
    return _label_or_key("company.field", key, language)


def _label_or_key(prefix: str, key: str, language: str) -> str:
    """The catalogue's name for ``key`` under ``prefix``, or the key itself when it has none."""
    return catalogue(language).get(f"{prefix}.{key}") or catalogue(DEFAULT_LANGUAGE).get(
        f"{prefix}.{key}", clean(key)
    )


def _rejection_text(reason: str | None, language: str) -> str:
    if reason is None:
        return "-"
    known = rules().rejection_reason(reason)
    if known is None:
        return clean(reason)
    issue = (known.texts.get(language) or known.texts.get(DEFAULT_LANGUAGE) or {}).get("issue")
    return f"{issue} ({reason})" if issue else reason


def _money(quote: StoredQuote, language: str) -> str:
    cents = quote.total * 100
    if quote.currency and cents.is_finite() and cents == cents.to_integral_value():
        return format_money(int(cents), quote.currency, language)
    return clean(f"{quote.currency} {quote.total}".strip())


def _value(value: object) -> str:
    if value is None or value == "":
        return "-"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return clean(text)


def clean(text: str) -> str:
    """Text someone typed, safe for a terminal: control and direction characters become ``?``."""
    return _CONTROL.sub("?", text)


def _time(moment: datetime | None) -> str:
    return "-" if moment is None else f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
