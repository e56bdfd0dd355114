"""The company step: a look-up in the Brønnøysund register and the form the LOA is filled from."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.company.details import (
    FIELDS,
    CompanyDetails,
    FieldProblem,
    standard_params,
    validate_company,
    validate_org_number,
)
from porting.company.register import prefill
from porting.lookup.brreg import lookup
from porting.wizard.state import PortingRequest
from ui.wizard import keys
from ui.wizard.porting_day import COMPANY_KEY, requested_day_check, requested_day_input

# The form's text fields, in groups, each with its widget key in session state.
_GROUPS = (
    ("details.group_company", ("company_name", "address", "postcode", "city")),
    ("details.group_signatory", ("signatory_name", "signatory_title", "email", "phone")),
    ("details.group_provider", ("current_provider", "account_number")),
)
_TEXT_FIELDS = tuple(field for field in FIELDS if field != "requested_date")  # org_number's above the form


def registry_lookup(request: PortingRequest) -> None:
    """The organisation number and a button that fills the rest from the register."""
    ui.keep_widget(keys.company("org_number"), request.company.org_number)
    number, button = st.columns([2, 1], vertical_alignment="bottom")
    number.text_input(
        ui.text("company.field.org_number"),
        key=keys.company("org_number"),
        max_chars=20,
        help=_help("org_number"),
    )
    button.button(
        ui.text("details.lookup_button"),
        on_click=_look_up,
        args=(request,),
        icon=":material/search:",
        help=ui.text("details.lookup_help"),
    )
    typed = st.session_state[keys.company("org_number")]
    _show_problem(validate_org_number(typed), bool(typed))
    found = request.registry
    if found is None:
        return
    language = request.language
    if found.status == "found" and found.entity is not None:
        st.success(found.text(language), icon="✅")
        for warning in found.entity.warnings:
            st.warning(warning.text(language), icon="⚠️")
        st.caption(ui.text("registry.attribution"))
    else:
        st.warning(found.text(language), icon="⚠️")


def _look_up(request: PortingRequest) -> None:
    """Runs before the page is drawn again, so the fields can take the register's values."""
    typed = st.session_state.get(keys.company("org_number"), "")
    request.company = replace(request.company, org_number=typed)
    with st.spinner(ui.text("details.looking_up")):
        request.registry = lookup(typed)
    if request.registry.entity is not None:
        request.company = prefill(request.company, request.registry.entity)
        for field in ("org_number", "company_name", "address", "postcode", "city"):
            st.session_state[keys.company(field)] = getattr(request.company, field)


def company_form(request: PortingRequest) -> None:
    """Every field, each with the problem its current value has once the customer typed there."""
    today = oslo_today()
    for field in _TEXT_FIELDS:
        ui.keep_widget(keys.company(field), getattr(request.company, field))
    # The widgets' values are in session state before they are drawn: check what is there now.
    # The requested day is the request's own (requested_porting_day), not the company's.
    request.company = CompanyDetails(
        **{field: st.session_state[keys.company(field)] for field in _TEXT_FIELDS}
    )
    problems = {problem.field: problem for problem in validate_company(request.company, today)}
    for heading, fields in _GROUPS:
        st.subheader(ui.text(heading))
        columns = st.columns(2)
        for index, field in enumerate(fields):
            with columns[index % len(columns)]:
                typed = st.text_input(
                    ui.text(f"company.field.{field}"),
                    key=keys.company(field),
                    help=_help(field),
                    max_chars=200,
                )
                _show_problem(problems.get(field), bool(typed))
    requested_day_input(request, COMPANY_KEY)
    day_refused = not requested_day_check(request, COMPANY_KEY)
    if problems or day_refused:
        st.info(ui.plural("details.still_missing", len(problems) + day_refused), icon="📝")
    else:
        st.success(ui.text("details.complete"), icon="✅")


def _help(field: str) -> str | None:
    key = f"details.help.{field}"
    return ui.text(key, **standard_params(ui.request().language)) if ui.has_text(key) else None


def _show_problem(problem: FieldProblem | None, typed: bool) -> None:
    # An empty field is only missing, not wrong: the summary below says so, not each field.
    if problem is not None and typed:
        st.error(ui.plain(problem.text(ui.request().language)), icon="⚠️")  # it may quote what was typed
