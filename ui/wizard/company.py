"""The company step: a look-up in the Brønnøysund register, who may sign (the register's roles), and the
form the LOA is filled from."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

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
from porting.company.register import Lookup, prefill
from porting.company.roles import Role, RolesLookup, holds_signing_role, named, person_named, title
from porting.lookup.brreg import lookup, roles_lookup
from porting.rules import rules
from porting.wizard.providers import (
    ACCOUNT_FIELDS,
    ProviderGroup,
    account_problems,
    group_summary,
    provider_groups,
    several,
)
from porting.wizard.state import PortingRequest, ProviderAccount
from ui.wizard import keys
from ui.wizard.porting_day import COMPANY_KEY, requested_day_check, requested_day_input

# The form's text fields, in groups, each with its widget key in session state.
_COMPANY = ("company_name", "address", "postcode", "city")  # what the register fills in
_GROUPS = (
    ("details.group_company", _COMPANY),
    ("details.group_signatory", ("signatory_name", "signatory_title", "email", "phone")),
    ("details.group_provider", ("current_provider", "account_number")),
)
_TEXT_FIELDS = tuple(field for field in FIELDS if field != "requested_date")  # org_number's above the form
# The choice among the people who may sign: it fills the signatory's fields, which show the request.
SIGNATORY_CHOICE = "signatory_choice"
SOMEONE_ELSE = -1


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
    if found is None or (found.org_number and not found.is_for(typed)):
        return  # nothing asked yet, or the answer was for a number typed before
    language = request.language
    if found.status == "found" and found.entity is not None:
        st.success(found.text(language), icon=":material/check_circle:")
        for warning in found.entity.warnings:
            st.warning(warning.text(language), icon=":material/warning:")
        st.caption(ui.text("registry.attribution"))
    elif found.status != "invalid" and _typed_by_hand(request):
        st.caption(ui.text("registry.typed_by_hand"))  # what the warning asked for is done
    else:
        st.warning(found.text(language), icon=":material/warning:")


def _typed_by_hand(request: PortingRequest) -> bool:
    """Whether the company's name and address are typed, and valid, as the register's warning asks
    when it cannot fill them: read from the widgets, which hold what was typed in this run."""
    kept = request.company
    shown = {field: st.session_state.get(keys.company(field), getattr(kept, field)) for field in _COMPANY}
    typed = replace(kept, **shown)
    problems = {problem.field for problem in validate_company(typed, oslo_today())}
    return all(getattr(typed, field).strip() and field not in problems for field in _COMPANY)


def _look_up(request: PortingRequest) -> None:
    """Runs before the page is drawn again, so the fields can take the register's values."""
    typed = st.session_state.get(keys.company("org_number"), "")
    request.company = replace(request.company, org_number=typed)
    with st.spinner(ui.text("details.looking_up")):
        request.registry = lookup(typed)
        request.signatories = _signatories(request.registry)
    st.session_state.pop(SIGNATORY_CHOICE, None)  # another company's people
    if request.registry.entity is not None:
        request.company = prefill(request.company, request.registry.entity)
        for field in ("org_number", "company_name", "address", "postcode", "city"):
            st.session_state[keys.company(field)] = getattr(request.company, field)


def _signatories(registry: Lookup) -> RolesLookup | None:
    """Who holds a role, asked once the company is found; a register that could not be reached
    cannot tell who may sign either (the pre-flight says so), and no company has no roles."""
    if registry.entity is not None:
        return roles_lookup(registry.entity.org_number)
    if registry.status == "unreachable":
        return RolesLookup("unreachable", org_number=registry.org_number)
    return None


def ask_register(request: PortingRequest) -> None:
    """The register's answers for the organisation number the request holds now, for the
    pre-flight: asked here when the customer never pressed Look up, typed another number since,
    or came back to a draft (which keeps what they typed, not what the register said). Asked once
    per number: an answer that did not come (unreachable) is kept until they press Look up. The
    demo is never asked for: its example company has the answers the demo made up for it."""
    number = request.company.org_number
    if request.demo:  # the example's answers, while its number is the one typed
        if request.registry is not None and not request.registry.is_for(number):
            request.registry = request.signatories = None
        return
    if validate_org_number(number) is not None:
        return
    registry, signatories = request.registry, request.signatories
    if _answered(registry, signatories, number):
        return
    with st.spinner(ui.text("details.looking_up")):
        if registry is None or not registry.is_for(number):
            request.registry = registry = lookup(number)
        request.signatories = _signatories(registry)


def _answered(registry: Lookup | None, signatories: RolesLookup | None, number: str) -> bool:
    """Whether the register has answered for ``number``: who it is, and who holds a role in it
    (asked only of a company it found)."""
    if registry is None or not registry.is_for(number):
        return False
    return registry.entity is None or (signatories is not None and signatories.is_for(number))


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
    groups = provider_groups(request, ui.reading(request))
    if several(groups):  # the account at each provider is asked for with its numbers, below
        problems = {field: problem for field, problem in problems.items() if field not in ACCOUNT_FIELDS}
    for heading, fields in _GROUPS:
        if fields == ACCOUNT_FIELDS and several(groups):
            problems |= _provider_accounts(request, groups, today)
            continue
        st.subheader(ui.text(heading))
        if heading == "details.group_signatory":
            _signatory_choice(request)
        if fields == ACCOUNT_FIELDS:
            provider_choice(keys.company("current_provider"))
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
                if field == "signatory_name":
                    _signatory_warning(request, typed)
    requested_day_input(request, COMPANY_KEY)
    day_refused = not requested_day_check(request, COMPANY_KEY)
    if problems or day_refused:
        st.info(ui.plural("details.still_missing", len(problems) + day_refused), icon=":material/edit_note:")
    else:
        st.success(ui.text("details.complete"), icon=":material/check_circle:")


def _signatory_choice(request: PortingRequest) -> None:
    """The people the register says may sign, as choices that fill the signatory's name and title."""
    found = request.signatories
    if found is None:
        return
    if found.status != "found":
        st.info(ui.text("signatory.lookup_failed"), icon=":material/info:")
        return
    people = found.signatories
    if not people:
        st.warning(ui.text("preflight.signatory.nobody"), icon=":material/warning:")
        return
    language = request.language

    def label(choice: int) -> str:
        if choice == SOMEONE_ELSE:
            return ui.text("signatory.someone_else")
        person = people[choice]  # the register's words: shown as written, never as markdown
        return ui.plain(ui.text("signatory.from_register", name=person.name, title=title(person, language)))

    _follow_the_signatory(request, people)
    st.radio(
        ui.text("signatory.choice"),
        [*range(len(people)), SOMEONE_ELSE],
        index=None,
        key=SIGNATORY_CHOICE,
        format_func=label,
        on_change=_choose_signatory,
        args=(request, people),
        help=ui.text("signatory.choice_help"),
    )


def _follow_the_signatory(request: PortingRequest, people: tuple[Role, ...]) -> None:
    """The choice says who the signatory's fields name: nothing chosen yet (the demo, a draft
    brought back, a name typed before the look-up) takes the person named; a person chosen whose
    name was typed over becomes the person now named, or someone else. "Someone else" stays."""
    name = st.session_state.get(keys.company("signatory_name"), request.company.signatory_name)
    named_now = person_named(name, people)
    chosen = st.session_state.get(SIGNATORY_CHOICE)
    if chosen is None and named_now is not None:
        st.session_state[SIGNATORY_CHOICE] = named_now
    elif chosen is not None and 0 <= chosen < len(people) and chosen != named_now:
        st.session_state[SIGNATORY_CHOICE] = SOMEONE_ELSE if named_now is None else named_now


def _choose_signatory(request: PortingRequest, people: tuple[Role, ...]) -> None:
    """Runs before the page is drawn again, so the signatory's fields can take the chosen person."""
    choice = st.session_state.get(SIGNATORY_CHOICE)
    if choice is None or not 0 <= choice < len(people):  # someone else: typed by the customer
        return
    chosen = people[choice]
    request.company = replace(
        request.company, signatory_name=chosen.name, signatory_title=title(chosen, request.language)
    )
    for field in ("signatory_name", "signatory_title"):
        st.session_state[keys.company(field)] = getattr(request.company, field)


def _signatory_warning(request: PortingRequest, typed: str) -> None:
    """A signatory who holds no role that may sign: who may, and the power of attorney instead."""
    found = request.signatories
    if found is None or found.status != "found" or not found.signatories or not typed.strip():
        return
    if not holds_signing_role(typed, found.roles):
        who = named(found.roles, request.language)
        st.warning(
            ui.plain(ui.text("signatory.no_role", name=typed.strip(), signatories=who)),
            icon=":material/warning:",
        )


def _provider_accounts(
    request: PortingRequest, groups: tuple[ProviderGroup, ...], today: date
) -> dict[str, FieldProblem]:
    """The provider's name and account number for each group of numbers, each group named by its
    count and first numbers; the first provider's fields are the company's own. Their problems,
    keyed by provider and field."""
    st.subheader(ui.text("details.group_provider"))
    st.caption(ui.text("journey_providers.company.intro", count=len(groups)))
    found: dict[str, FieldProblem] = {}
    for group in groups:
        widget = {field: _account_key(group.index, field) for field in ACCOUNT_FIELDS}
        kept = (group.account.name, group.account.account_number)  # in ACCOUNT_FIELDS order
        for key, value in zip(widget.values(), kept, strict=True):
            ui.keep_widget(key, value)
        typed = ProviderAccount(*(st.session_state[key] for key in widget.values()))
        request.set_provider_account(group.index, typed)
        problems = account_problems(request.company, typed, today)
        with st.container(border=True):
            st.markdown(f"**{ui.plain(group_summary(group, request.language))}**")
            provider_choice(widget["current_provider"])
            columns = st.columns(2)
            for column, (field, key) in zip(columns, widget.items(), strict=True):
                with column:
                    shown = st.text_input(
                        ui.text(f"company.field.{field}"), key=key, help=_help(field), max_chars=200
                    )
                    _show_problem(problems.get(field), bool(shown))
        found |= {f"{group.index}.{field}": problem for field, problem in problems.items()}
    return found


PROVIDER_OTHER = "\x00other"  # the choice of a provider not in the list: its name is typed below


def provider_choice(field_key: str) -> None:
    """The current providers of ``rules.toml`` to choose from, filling the provider's name field
    (``field_key``), or Other to type it there. The choice shows what the field holds, so the two
    never disagree: a name typed by hand that is in the list is chosen, any other is Other."""
    choice_key = f"{field_key}_choice"
    typed = str(st.session_state.get(field_key, "")).strip()
    known = {name.casefold(): name for name in rules().providers}
    if typed.casefold() in known:
        st.session_state[choice_key] = known[typed.casefold()]
    elif typed or st.session_state.get(choice_key) == PROVIDER_OTHER:
        st.session_state[choice_key] = PROVIDER_OTHER
    else:
        st.session_state[choice_key] = None
    st.selectbox(
        ui.text("details.provider_choice"),
        [*known.values(), PROVIDER_OTHER],
        key=choice_key,
        format_func=lambda name: ui.text("details.provider_other") if name == PROVIDER_OTHER else name,
        placeholder=ui.text("details.provider_placeholder"),
        help=ui.text("details.provider_choice_help"),
        on_change=_choose_provider,
        args=(field_key, choice_key),
    )


def _choose_provider(field_key: str, choice_key: str) -> None:
    """Runs before the page is drawn again: the chosen provider's name goes in its field; Other
    empties the field for the customer to type in."""
    chosen = st.session_state.get(choice_key)
    st.session_state[field_key] = "" if chosen in (None, PROVIDER_OTHER) else chosen


def _account_key(index: int, field: str) -> str:
    """The first provider's fields are the company's widgets, so one provider's journey is as before."""
    return keys.company(field) if index == 0 else keys.provider_account(f"{index}_{field}")


def _help(field: str) -> str | None:
    key = f"details.help.{field}"
    return ui.text(key, **standard_params(ui.request().language)) if ui.has_text(key) else None


def _show_problem(problem: FieldProblem | None, typed: bool) -> None:
    # An empty field is only missing, not wrong: the summary below says so, not each field.
    if problem is not None and typed:
        # It may quote what was typed: shown as plain text.
        st.error(ui.plain(problem.text(ui.request().language)), icon=":material/warning:")
