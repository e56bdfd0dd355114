"""A quote and its timeline as the command line shows them: a JSON record or readable text.

The command line has no Virtual Caller ID choice (the wizard asks for it under the numbers), so
here every mobile number entered is offered one, and the text says so; the record's
``virtual_caller_id`` lists the mobile numbers offered one, not the ones a customer chose.

>>> from datetime import date
>>> from porting.numbers.intake import read_numbers
>>> from porting.quote.pricing import quote
>>> from porting.quote.timeline import timeline
>>> record = quote_record(quote(read_numbers("21234567\\n80012345")), timeline(date(2027, 3, 19)), None, "en")
>>> record["price"]["total"], record["timeline"]["estimated_porting_day"]
('40.00', '2027-04-16')
"""

from __future__ import annotations

from typing import Any

from porting.i18n import format_date, format_integer, format_money, t, tn
from porting.quote.pricing import Quote, decimal_text
from porting.quote.timeline import InvoiceCheck, Timeline


def quote_record(offer: Quote, plan: Timeline, invoice: InvoiceCheck | None, language: str) -> dict[str, Any]:
    """Everything a quote says, with money as decimal strings and dates in ISO form."""
    record: dict[str, Any] = {
        "numbers": {**offer.counts_by_type, "portable": offer.portable_numbers},
        "price": {
            "currency": offer.currency,
            "per_request": decimal_text(offer.per_request_cents),
            "per_number": decimal_text(offer.per_number_cents),
            "requests": len(offer.requests),
            "portable_numbers": offer.portable_numbers,
            "total": decimal_text(offer.total_cents),
            "by_request": [
                {"numbers": len(request.numbers), "subtotal": decimal_text(request.subtotal_cents)}
                for request in offer.requests
            ],
        },
        "timeline": {
            "start": plan.start.isoformat(),
            "estimated_porting_day": plan.estimated_porting_day.isoformat(),
            "confirmation_window": [day.isoformat() for day in plan.confirmation_window],
            "business_days": plan.business_days,
            "holidays": [
                {"date": holiday.day.isoformat(), "name": holiday.names[language]}
                for holiday in plan.holidays
            ],
        },
        "virtual_caller_id": list(offer.virtual_caller_id),
        "documents": [document.texts[language] for document in offer.documents],
    }
    if invoice is not None:
        record["invoice"] = {"valid_until": invoice.valid_until.isoformat(), "ok": invoice.ok}
    return record


def quote_text(offer: Quote, plan: Timeline, invoice: InvoiceCheck | None, language: str) -> str:
    """The quote as a few readable lines in ``language``."""

    def money(cents: int) -> str:
        return format_money(cents, offer.currency, language)

    def day(value: Any) -> str:
        return format_date(value, language)

    lines = [
        t(
            "quote.price_line",
            language,
            per_request=money(offer.per_request_cents),
            per_number=money(offer.per_number_cents),
        ),
        tn("quote.portable_numbers", offer.portable_numbers, language),
    ]
    for index, request in enumerate(offer.requests, start=1):
        lines.append(
            t(
                "quote.request_line",
                language,
                index=index,
                numbers=format_integer(len(request.numbers), language),
                subtotal=money(request.subtotal_cents),
            )
        )
    lines.append(t("quote.total_line", language, total=money(offer.total_cents)))
    if offer.virtual_caller_id:
        lines.append(
            tn(
                "numbers.vcid_offer",
                len(offer.virtual_caller_id),
                language,
                numbers=", ".join(offer.virtual_caller_id),
            )
        )
        lines.append(t("quote.vcid_cli.offer", language))  # an offer, not the customer's choice
    lines += [
        "",
        t("timeline.start_line", language, day=day(plan.start)),
        t(
            "timeline.porting_line",
            language,
            day=day(plan.estimated_porting_day),
            business_days=format_integer(plan.business_days, language),
        ),
        t(
            "timeline.window_line",
            language,
            first=day(plan.confirmation_window[0]),
            last=day(plan.confirmation_window[1]),
        ),
    ]
    lines += [
        t("timeline.holiday_line", language, day=day(holiday.day), name=holiday.names[language])
        for holiday in plan.holidays
    ]
    if invoice is not None:
        key = "timeline.invoice_ok" if invoice.ok else (invoice.reason or "timeline.invoice_too_old")
        lines.append(t(key, language, valid_until=day(invoice.valid_until)))
    lines += ["", t("quote.documents_heading", language)]
    lines += [f"- {document.texts[language]}" for document in offer.documents]
    return "\n".join(lines)
