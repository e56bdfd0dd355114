"""The LOA step: what the letter still needs, its download and a preview of its first page."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.company.details import CompanyDetails
from porting.documents.findings import Confirmations
from porting.letter.layout import Passage
from porting.letter.loa import BOTH, LoaError, build_loa, loa_filename, loa_passages
from porting.wizard import steps
from porting.wizard.porting_day import letter_details
from porting.wizard.providers import (
    ProviderGroup,
    group_summary,
    letter_filename,
    provider_groups,
    provider_name,
    several,
)
from porting.wizard.state import PortingRequest
from ui.wizard import keys
from ui.wizard.flow import Step, missing

_PREPARED = "loa_prepared"  # the input the person last asked a letter for
# The letter's details, numbers, language, day, place, the rest of a partial port, and the national
# numbers of its provider when there are several (empty: every number).
_LetterInput = tuple[CompanyDetails, ui.Source, str, date, str, str, tuple[str, ...]]


@st.cache_data(max_entries=8, show_spinner=False)
def _letter(
    details: CompanyDetails,
    source: ui.Source,
    language: str,
    today: date,
    place: str,
    other_numbers: str,
    numbers: tuple[str, ...] = (),
) -> bytes:
    reading = ui.reading_of(source)
    rows = reading.rows if reading is not None else ()
    if numbers:  # one provider's letter: only the numbers it holds
        held = frozenset(numbers)
        rows = [row for row in rows if row.national in held]
    return build_loa(details, rows, language=language, today=today, place=place, other_numbers=other_numbers)


@st.cache_data(max_entries=8, show_spinner=False)
def _preview(pdf: bytes) -> bytes:
    """The first page as a PNG, drawn by PDFium (no system tools needed)."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        document.init_forms()  # draw the prefilled form fields too
        image = document[0].render(scale=1.4, may_draw_forms=True).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def partial_port_questions(current: Confirmations) -> tuple[bool | None, bool | None, str]:
    """Does the account hold other numbers, is its main number ported, what happens to the rest."""
    answers = {key: ui.text(f"uploads.answer_{key}") for key in _ANSWERS}
    ui.keep_widget(keys.PARTIAL_PORT, _answer_key(current.partial_port))
    partial = st.radio(
        ui.text("uploads.partial_question"), options=list(answers), format_func=answers.__getitem__,
        key=keys.PARTIAL_PORT, horizontal=True, index=None,
    )  # fmt: skip
    if partial != "yes":
        return _ANSWERS.get(partial or ""), None, ""
    ui.keep_widget(keys.MAIN_NUMBER, _answer_key(current.main_number_included))
    main = st.radio(
        ui.text("uploads.main_number_question"), options=list(answers), format_func=answers.__getitem__,
        key=keys.MAIN_NUMBER, horizontal=True, index=None,
    )  # fmt: skip
    ui.keep_widget(keys.PARTIAL_REST, current.rest)
    rest = st.text_area(
        ui.text("uploads.rest_label"),
        key=keys.PARTIAL_REST,
        help=ui.text("uploads.rest_help"),
        max_chars=1000,
    )
    return True, _ANSWERS.get(main or ""), rest


def _answer_key(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


_ANSWERS = {"yes": True, "no": False}


def _downloaded(request: PortingRequest, provider: int = 0) -> None:
    request.loa_downloaded = True
    request.letters_downloaded = request.letters_downloaded | {provider}


def missing_steps(request: PortingRequest) -> list[Step]:
    """The earlier steps the letter still needs."""
    return missing(request, steps.Step.NUMBERS, steps.Step.COMPANY)


def render_loa(request: PortingRequest) -> None:
    needed = missing_steps(request)
    if needed:
        st.info(ui.text("loa.needs_earlier_steps"), icon=":material/edit_note:")
        for step in needed:
            st.page_link(step.path, label=ui.text(f"loa.go_to.{step.name}"), icon=":material/arrow_forward:")
        return
    languages = {
        BOTH: ui.text("loa.language_both"),
        "nb": ui.text("language.name_nb"),
        "en": ui.text("language.name_en"),
    }
    language_column, place_column = st.columns(2)
    ui.keep_widget("loa_language", BOTH)
    language = language_column.radio(
        ui.text("loa.language_label"), options=list(languages), format_func=languages.__getitem__,
        key="loa_language", horizontal=True,
    )  # fmt: skip
    ui.keep_widget(keys.LOA_PLACE, request.company.city.title())
    place = place_column.text_input(ui.text("loa.place_label"), key=keys.LOA_PLACE, max_chars=80)
    partial, main, rest = partial_port_questions(request.confirmations)
    request.confirmations = replace(
        request.confirmations, partial_port=partial, main_number_included=main, rest=rest
    )
    source = ui.source_of(request)
    if source is None:
        return
    today = oslo_today()
    wanted: _LetterInput = (
        letter_details(request, today),  # with the requested porting day, when it can be had
        source,
        language,
        today,
        place.strip(),
        rest if partial else "",
        (),
    )
    groups = provider_groups(request, ui.reading(request))
    letters = [_provider_letter(wanted, group) for group in groups] if several(groups) else []
    prepared = letters or wanted  # one provider's letter is asked for as it always was
    if st.session_state.get(_PREPARED) != prepared:
        st.caption(ui.text("loa.prepare_hint"))
        if not st.button(ui.text("loa.prepare"), key="prepare_loa", icon=":material/edit_document:"):
            return
        st.session_state[_PREPARED] = prepared
    if not several(groups):
        _offer_letter(request, wanted)
        return
    st.info(ui.text("journey_providers.loa.intro", count=len(groups)), icon=":material/draw:")
    for group, letter in zip(groups, letters, strict=True):
        with st.container(border=True):
            st.markdown(f"**{ui.plain(group_summary(group, request.language))}**")
            _offer_letter(request, letter, group=group, groups=len(groups))


def _provider_letter(wanted: _LetterInput, group: ProviderGroup) -> _LetterInput:
    """The letter to one provider: its account, and only the numbers it holds."""
    details = replace(
        wanted[0], current_provider=group.account.name, account_number=group.account.account_number
    )
    numbers = tuple(row.national or "" for row in group.numbers)
    return (details, *wanted[1:6], numbers)


def _offer_letter(
    request: PortingRequest, wanted: _LetterInput, group: ProviderGroup | None = None, groups: int = 1
) -> None:
    """The letter asked for (made once per input, from the cache after that), its download and
    preview; with several providers, ``group``'s letter, its file named for its provider."""
    try:
        pdf = _letter(*wanted)
    except LoaError as error:
        st.session_state.pop(_PREPARED, None)
        labels = ", ".join(
            ui.text("loa.numbers" if field == "numbers" else f"company.field.{field}")
            for field in error.fields
        )
        st.error(ui.text("loa.cannot_make", fields=labels), icon=":material/warning:")
        return
    if group is not None:
        st.download_button(
            ui.text(
                "journey_providers.loa.download", provider=ui.plain(provider_name(group, request.language))
            ),
            data=pdf,
            file_name=letter_filename(wanted[0], wanted[3], group, groups),
            mime="application/pdf",
            icon=":material/download:",
            type="primary",
            on_click=_downloaded,
            args=(request, group.index),
            key=f"download_loa_{group.index}",
        )
        with st.expander(ui.text("loa.preview_caption")):
            st.image(_preview(pdf), width=620, alt=ui.text("loa.preview_alt"))
            _letter_text(wanted)
        return
    st.download_button(
        ui.text("loa.download"),
        data=pdf,
        file_name=loa_filename(request.company, wanted[3]),
        mime="application/pdf",
        icon=":material/download:",
        type="primary",
        on_click=_downloaded,
        args=(request,),
        key="download_loa",
    )
    st.caption(ui.text("loa.sign_hint"))
    st.image(_preview(pdf), caption=ui.text("loa.preview_caption"), width=620, alt=ui.text("loa.preview_alt"))
    _letter_text(wanted)


def _letter_text(wanted: _LetterInput) -> None:
    """What the preview's picture says, as text: the letter's title and authorization, each
    passage marked with its language (a bilingual letter mixes Norwegian and English)."""
    passages = loa_passages(wanted[0], language=wanted[2])
    with st.expander(ui.text("loa.preview_text")):
        st.html("".join(_passage_html(passage) for passage in passages))


def _passage_html(passage: Passage) -> str:
    text = html.escape(passage.text)  # the company's and the providers' names are as typed
    shown = f"<strong>{text}</strong>" if passage.heading else text
    return f'<p lang="{html.escape(passage.language)}">{shown}</p>'
