"""The live quote under the numbers: price per current provider, timeline and what comes next."""

from __future__ import annotations

import logging
from datetime import date

import streamlit as st

import ui
from porting.calendar import business_days_lost, oslo_today
from porting.company.details import validate_org_number
from porting.i18n import format_date, format_money
from porting.numbers.intake import Reading
from porting.quote.pdf import build_quote_pdf, quote_filename
from porting.quote.pricing import Quote, QuoteError, quote
from porting.quote.timeline import Timeline, invoice_check, timeline
from porting.rules import rules
from porting.wizard.providers import request_quote
from porting.wizard.state import PortingRequest
from ui.paging import page_of
from ui.tables import fitted_table
from ui.wizard import keys
from ui.wizard.charts import timeline_spec
from ui.wizard.invoice_day import invoice_day_input
from ui.wizard.porting_day import QUOTE_KEY, requested_day_check, requested_day_input
from ui.wizard.share import share_control

_LISTED = 1_000  # numbers listed in full under a request; a longer list ends "and N more"
_PREPARED = "quote_pdf_prepared"  # the input the person last asked a quote PDF for
_log = logging.getLogger(__name__)
_ACTOR_ICONS = {"customer": ":material/person:", "us": ":material/build:", "carrier": ":material/cell_tower:"}


_QuoteInput = tuple[
    ui.Source | None, tuple[tuple[str, int], ...], date, date | None, tuple[str, ...], str, date, str, str
]


@st.cache_data(max_entries=8, show_spinner=False)  # up to 5 MB each: a few inputs, not every one
def _quote_pdf(
    source: ui.Source | None,
    provider_of: tuple[tuple[str, int], ...],
    start: date,
    requested: date | None,
    caller_ids: tuple[str, ...],
    language: str,
    today: date,
    company_name: str,
    org_number: str,
) -> bytes:
    """The quote PDF, made once per input: a rerun with the same numbers and dates costs nothing."""
    reading = ui.reading_of(source)
    if reading is None:
        return b""
    offer = quote(reading, assignment=dict(provider_of) or None)
    plan = timeline(start, requested)
    return build_quote_pdf(
        offer,
        plan,
        language=language,
        today=today,
        caller_ids=caller_ids,
        company_name=company_name,
        org_number=org_number,
    )


def render_quote(request: PortingRequest, reading: Reading) -> None:
    st.header(ui.text("quote.heading"))
    _plan_inputs(request, len(reading.portable_rows))
    offer = _offer(request, reading)
    if offer is None:
        return
    plan = timeline(request.submission_day or oslo_today(), request.requested_porting_day)
    ui.metrics(
        [
            (ui.text("quote.metric_portable"), offer.portable_numbers),
            (ui.text("quote.metric_requests"), len(offer.requests)),
            (ui.text("quote.metric_total"), _money(offer.total_cents, offer)),
        ]
    )
    st.caption(
        ui.text(
            "quote.price_line",
            per_request=_money(offer.per_request_cents, offer),
            per_number=_money(offer.per_number_cents, offer),
        )
    )
    _breakdown(offer)
    _timeline(request, plan)
    _quote_download(request, plan)
    share_control(request)
    steps, documents = st.columns(2)
    with steps:
        st.subheader(ui.text("quote.steps_heading"))
        for number, step in enumerate(rules().process_steps, start=1):
            actor = ui.text(f"quote.actor.{step.actor}")
            st.markdown(f"{number}. {_ACTOR_ICONS[step.actor]} **{actor}**: {step.texts[request.language]}")
    with documents:
        st.subheader(ui.text("quote.documents_heading"))
        for document in offer.documents:
            st.markdown(f"- {document.texts[request.language]}")


def _prepared_for(request: PortingRequest) -> tuple[str, str]:
    """The company the quote is for, once its name is typed, and its organisation number when valid."""
    company = request.company
    name = company.company_name.strip()
    if not name:
        return "", ""
    return name, company.org_number if validate_org_number(company.org_number) is None else ""


def _quote_download(request: PortingRequest, plan: Timeline) -> None:
    """The quote PDF only when the person asks for it: "Prepare", then the download.

    A PDF of 10,000 numbers takes seconds to make; made on every rerun, anyone's link or
    paste would cost that on each keystroke. The input it was asked for is kept, so a rerun
    with the same input offers it again (from the cache), and a changed input asks anew.
    """
    today = oslo_today()
    wanted: _QuoteInput = (
        ui.source_of(request),
        tuple(sorted(request.provider_of.items())) if request.provider_count > 1 else (),
        plan.start,
        request.requested_porting_day,
        tuple(sorted(request.virtual_caller_id)),  # the customer's choice, under the numbers
        request.language,
        today,
        *_prepared_for(request),
    )
    if st.session_state.get(_PREPARED) != wanted:
        if not st.button(
            ui.text("quote.prepare_pdf"), key="prepare_quote_pdf", icon=":material/picture_as_pdf:"
        ):
            return
        st.session_state[_PREPARED] = wanted
    try:
        pdf = _quote_pdf(*wanted)
    except Exception as error:  # whatever reportlab raises, the person gets a message, not a traceback
        _log.error("the quote PDF could not be made: %s", type(error).__name__)  # no numbers in the log
        st.session_state.pop(_PREPARED, None)
        st.error(ui.text("quote.pdf_failed"), icon=":material/warning:")
        return
    st.download_button(
        ui.text("quote.download_pdf"),
        data=pdf,
        file_name=quote_filename(today),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="download_quote_pdf",
    )


def _plan_inputs(request: PortingRequest, portable: int) -> None:
    providers, submitted, requested, invoiced = st.columns(4)
    ui.keep_widget(keys.PROVIDER_COUNT, request.provider_count)
    # A link or fewer numbers may ask for more providers than there are numbers: never more.
    st.session_state[keys.PROVIDER_COUNT] = min(st.session_state[keys.PROVIDER_COUNT], max(portable, 1))
    request.provider_count = int(
        providers.number_input(
            ui.text("quote.providers_label"), min_value=1, max_value=max(portable, 1), step=1,
            key=keys.PROVIDER_COUNT, help=ui.text("quote.providers_help"),
        )
    )  # fmt: skip
    ui.keep_widget(keys.SUBMISSION_DAY, request.submission_day or oslo_today())
    request.submission_day = submitted.date_input(
        ui.text("quote.submission_label"), key=keys.SUBMISSION_DAY, format=ui.date_format(),
        help=ui.text("quote.submission_help"),
    )  # fmt: skip
    requested_day_input(request, QUOTE_KEY, requested)
    invoice_day_input(request, invoiced, ui.text("quote.invoice_help"))


def _offer(request: PortingRequest, reading: Reading) -> Quote | None:
    if request.provider_count > 1:
        _assign(request, reading)
    try:
        return request_quote(request, reading)
    except QuoteError as error:
        st.error(ui.text(error.code, **error.params))
        return None


def _assign(request: PortingRequest, reading: Reading) -> None:
    """Let the customer say which current provider holds each number (all the first by default),
    a page of numbers at a time: the numbers on other pages keep the providers chosen for them."""
    count = request.provider_count
    names = [ui.text("quote.provider_name", index=index + 1) for index in range(count)]
    rows = reading.portable_rows
    chosen = {
        row.national or "": min(request.provider_of.get(row.national or "", 0), count - 1) for row in rows
    }
    # Keyed by the page's first row too: an editor's edits are kept by their row on the page,
    # so pages sharing one key would carry one page's edits over to the next.
    shown = page_of(len(rows), key=keys.provider_of(f"{count}_page"))
    listed = rows[shown]
    edited = st.data_editor(
        {
            "number": [row.display for row in listed],
            "provider": [names[chosen[row.national or ""]] for row in listed],
        },
        column_config={
            "number": st.column_config.TextColumn(ui.text("numbers.col_number"), disabled=True),
            "provider": st.column_config.SelectboxColumn(
                ui.text("quote.col_provider"), options=names, required=True
            ),
        },
        hide_index=True,
        width="stretch",
        key=keys.provider_of(count if shown.start == 0 else f"{count}_{shown.start}"),
    )
    for row, provider in zip(listed, edited["provider"], strict=True):
        chosen[row.national or ""] = names.index(provider)
    request.provider_of = chosen


def _breakdown(offer: Quote) -> None:
    """One line per porting request, each with its numbers; then what the price leaves out."""
    if offer.requests:
        _requests_table(offer)
    for request in offer.requests:
        name = ui.text("quote.provider_name", index=request.provider + 1)
        with st.expander(ui.plural("quote.request_numbers", len(request.numbers), provider=name)):
            shown = [row.display for row in request.numbers[:_LISTED]]
            more = len(request.numbers) - len(shown)
            st.write(", ".join(shown) + (" " + ui.plural("quote.and_more", more) if more else ""))
    if offer.not_portable:
        language = ui.request().language
        with st.expander(ui.plural("quote.not_included", len(offer.not_portable))):
            listed = offer.not_portable[page_of(len(offer.not_portable), key="not_included_page")]
            # A table, not markdown: what people typed is shown as text, never interpreted.
            fitted_table(
                {
                    ui.text("numbers.col_number"): [row.display for row in listed],
                    ui.text("numbers.col_note"): [
                        row.reason.text(language) if row.reason else "" for row in listed
                    ],
                }
            )


def _requests_table(offer: Quote) -> None:
    fitted_table(
        {
            ui.text("quote.col_provider"): [
                ui.text("quote.provider_name", index=request.provider + 1) for request in offer.requests
            ],
            ui.text("quote.col_numbers"): [len(request.numbers) for request in offer.requests],
            ui.text("quote.col_subtotal"): [
                _money(request.subtotal_cents, offer) for request in offer.requests
            ],
        }
    )


def _timeline(request: PortingRequest, plan: Timeline) -> None:
    language = request.language
    st.subheader(ui.text("timeline.heading"))
    requested_day_check(request, QUOTE_KEY)
    first, last = plan.confirmation_window
    window = ui.text(
        "timeline.window_range",
        first=format_date(first, language, "short"),
        last=format_date(last, language, "short"),
    )
    ui.metrics(
        [
            (ui.text("timeline.metric_submitted"), _day(plan.start, "medium")),
            (ui.text("timeline.metric_window"), window),
            (ui.text("timeline.metric_porting_day"), _day(plan.porting_day, "medium")),
        ]
    )
    st.caption(
        ui.text(
            "timeline.porting_line",
            day=format_date(plan.porting_day, language),
            business_days=plan.business_days,
        )
    )
    st.vega_lite_chart(timeline_spec(plan, language), width="stretch")
    lost = business_days_lost(plan.start, plan.porting_day)
    if lost:
        st.caption(" · ".join(ui.plural(f"timeline.lost.{group}", count) for group, count in lost))
    if request.invoice_day is not None:
        invoice = invoice_check(request.invoice_day, plan.start)
        day = format_date(invoice.valid_until, language)
        if invoice.ok:
            st.success(ui.text("timeline.invoice_ok", valid_until=day), icon=":material/check_circle:")
        else:
            st.warning(
                ui.text(invoice.reason or "timeline.invoice_too_old", valid_until=day),
                icon=":material/warning:",
            )


def _money(cents: int, offer: Quote) -> str:
    return format_money(cents, offer.currency, ui.request().language)


def _day(day: date, style: str = "long") -> str:
    return format_date(day, ui.request().language, style)
