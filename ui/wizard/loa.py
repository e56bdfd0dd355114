"""The LOA step: what the letter still needs, its download and a preview of its first page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

import ui
from porting.calendar import oslo_today
from porting.company.details import CompanyDetails
from porting.documents.findings import Confirmations
from porting.letter.loa import BOTH, LoaError, build_loa, loa_filename
from porting.wizard import steps
from porting.wizard.porting_day import letter_details
from porting.wizard.state import PortingRequest
from ui.wizard import keys
from ui.wizard.flow import Step, missing

_PREPARED = "loa_prepared"  # the input the person last asked a letter for
_LetterInput = tuple[CompanyDetails, ui.Source, str, date, str, str]


@st.cache_data(max_entries=8, show_spinner=False)
def _letter(
    details: CompanyDetails, source: ui.Source, language: str, today: date, place: str, other_numbers: str
) -> bytes:
    reading = ui.reading_of(source)
    rows = reading.rows if reading is not None else ()
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


def _downloaded(request: PortingRequest) -> None:
    request.loa_downloaded = True


def missing_steps(request: PortingRequest) -> list[Step]:
    """The earlier steps the letter still needs."""
    return missing(request, steps.Step.NUMBERS, steps.Step.COMPANY)


def render_loa(request: PortingRequest) -> None:
    needed = missing_steps(request)
    if needed:
        st.info(ui.text("loa.needs_earlier_steps"), icon="📝")
        for step in needed:
            st.page_link(step.path, label=ui.text(f"loa.go_to.{step.name}"), icon="➡️")
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
    )
    if st.session_state.get(_PREPARED) != wanted:
        st.caption(ui.text("loa.prepare_hint"))
        if not st.button(ui.text("loa.prepare"), key="prepare_loa", icon=":material/edit_document:"):
            return
        st.session_state[_PREPARED] = wanted
    _offer_letter(request, wanted)


def _offer_letter(request: PortingRequest, wanted: _LetterInput) -> None:
    """The letter asked for (made once per input, from the cache after that), its download and preview."""
    try:
        pdf = _letter(*wanted)
    except LoaError as error:
        st.session_state.pop(_PREPARED, None)
        labels = ", ".join(
            ui.text("loa.numbers" if field == "numbers" else f"company.field.{field}")
            for field in error.fields
        )
        st.error(ui.text("loa.cannot_make", fields=labels), icon="⚠️")
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
    st.image(_preview(pdf), caption=ui.text("loa.preview_caption"), width=620)
