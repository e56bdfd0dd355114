"""The Virtual Caller ID as the customer chose it, in the documents step's reminder and the quote
PDF; the command line's quote, which has no choice, offers it and says so."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from porting.cli.main import main
from porting.documents.preflight import virtual_caller_id_reminder
from porting.i18n import t
from porting.numbers.intake import read_numbers
from porting.quote.pdf import build_quote_pdf
from porting.quote.pricing import quote
from porting.quote.timeline import timeline

NUMBERS = "41 23 45 67\n91 23 45 67\n21 23 45 67"  # two mobile numbers and one to port
TODAY = date(2027, 3, 1)
WANTED_EN = "Virtual Caller ID wanted for"
OFFER_EN = "we can set up a Virtual Caller ID"


def reminder_texts(wanted: frozenset[str], language: str = "en", numbers: str = NUMBERS) -> list[str]:
    return [note.text(language) for note in virtual_caller_id_reminder(read_numbers(numbers), wanted)]


def quote_pdf_text(wanted: frozenset[str], language: str = "en", numbers: str = NUMBERS) -> str:
    offer = quote(read_numbers(numbers))
    return pdf_text(
        build_quote_pdf(offer, timeline(TODAY), language=language, today=TODAY, caller_ids=wanted)
    )


def pdf_text(pdf: bytes) -> str:
    """A PDF's text as a reader sees it: no-break spaces as spaces, lines run together."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.replace("\u00a0", " ").split())


# --- The documents step's reminder -----------------------------------------------------------


def test_the_reminder_says_a_virtual_caller_id_is_wanted_for_the_chosen_numbers() -> None:
    [wanted] = reminder_texts(frozenset({"41234567", "91234567"}))
    assert wanted.startswith(f"{WANTED_EN} 2 mobile numbers: 41 23 45 67, 91 23 45 67.")
    assert "keep their subscriptions" in wanted  # they stay with the current provider all the same
    assert OFFER_EN not in wanted


def test_the_reminder_offers_a_virtual_caller_id_only_for_the_declined_numbers() -> None:
    wanted, declined = reminder_texts(frozenset({"91234567"}))
    assert wanted.startswith(f"{WANTED_EN} 1 mobile number: 91 23 45 67.")
    assert declined.startswith("1 mobile number is not ported: 41 23 45 67.")
    assert OFFER_EN in declined and "91 23 45 67" not in declined


def test_the_reminder_offers_every_mobile_number_when_none_is_chosen() -> None:
    [declined] = reminder_texts(frozenset())
    assert declined.startswith("2 mobile numbers are not ported: 41 23 45 67, 91 23 45 67.")
    assert OFFER_EN in declined


def test_the_reminder_is_said_in_norwegian_too() -> None:
    wanted, declined = reminder_texts(frozenset({"91234567"}), "nb")
    assert wanted.startswith("Virtuell oppringer-ID ønsket for 1 mobilnummer: 91 23 45 67.")
    assert declined.startswith("1 mobilnummer porteres ikke: 41 23 45 67.")


def test_no_mobile_number_no_reminder_whatever_was_chosen() -> None:
    assert reminder_texts(frozenset({"21234567", "41234567"}), numbers="21 23 45 67\n800 12 345") == []


def test_a_chosen_number_no_longer_entered_is_not_reminded_of() -> None:
    [declined] = reminder_texts(frozenset({"99999999"}))
    assert declined.startswith("2 mobile numbers are not ported")


# --- The quote PDF ---------------------------------------------------------------------------


def test_the_quote_pdf_says_a_virtual_caller_id_is_wanted_for_the_chosen_numbers() -> None:
    text = quote_pdf_text(frozenset({"41234567", "91234567"}))
    wanted = t("quote_pdf.not_included.vcid_wanted", "en")
    assert f"41 23 45 67, 91 23 45 67 {t('type.mobile', 'en')} {wanted}" in text
    assert t("reason.not_portable.mobile", "en") not in text


def test_the_quote_pdf_offers_a_virtual_caller_id_only_for_the_declined_numbers() -> None:
    text = quote_pdf_text(frozenset({"91234567"}))
    mobile = t("type.mobile", "en")
    assert f"91 23 45 67 {mobile} {t('quote_pdf.not_included.vcid_wanted', 'en')}" in text
    assert f"41 23 45 67 {mobile} {t('reason.not_portable.mobile', 'en')}" in text


def test_the_quote_pdf_offers_every_mobile_number_when_none_is_chosen() -> None:
    text = quote_pdf_text(frozenset())
    offered = t("reason.not_portable.mobile", "en")
    assert f"41 23 45 67, 91 23 45 67 {t('type.mobile', 'en')} {offered}" in text
    assert "wanted" not in text


def test_the_quote_pdf_says_it_in_norwegian_too() -> None:
    text = quote_pdf_text(frozenset({"41234567"}), "nb")
    assert t("quote_pdf.not_included.vcid_wanted", "nb") in text
    assert t("reason.not_portable.mobile", "nb") in text  # 91 23 45 67 is still offered one


def test_a_quote_pdf_without_mobile_numbers_says_nothing_of_a_virtual_caller_id() -> None:
    text = quote_pdf_text(frozenset({"21234567"}), numbers="21 23 45 67")
    assert "Virtual Caller ID" not in text and t("quote_pdf.not_included.heading", "en") not in text


# --- The command line's quote: an offer, and it says so ------------------------------------------


def cli_quote(numbers: str, *argv: str) -> str:
    out = io.StringIO()
    assert main(["quote", "--start", "2027-03-19", *argv], stdin=io.StringIO(numbers), stdout=out) == 0
    return out.getvalue()


def test_the_command_lines_quote_offers_a_virtual_caller_id_and_says_it_knows_no_choice() -> None:
    out = cli_quote(NUMBERS)
    assert "2 mobile numbers cannot be ported to VoIP: 41 23 45 67, 91 23 45 67." in out
    assert t("quote.vcid_cli.offer", "en") in out


def test_the_command_lines_quote_without_mobile_numbers_says_nothing_of_it() -> None:
    out = cli_quote("21 23 45 67", "--lang", "nb")
    assert "oppringer-ID" not in out and t("quote.vcid_cli.offer", "nb") not in out


# --- Where the wizard shows them: the customer's choice reaches both ------------------------------

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def numbers_entered(text: str = NUMBERS) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input(text).run()
    assert not app.exception
    return app


def test_the_documents_step_reminds_of_the_mobile_numbers_as_the_customer_chose() -> None:
    app = numbers_entered()
    app.session_state["porting_request"].virtual_caller_id = frozenset({"91234567"})
    app.switch_page("pages/4_documents.py").run()
    assert not app.exception
    [reminder] = [info.value for info in app.info if "41 23 45 67" in info.value]
    assert reminder.startswith(f"{WANTED_EN} 1 mobile number: 91 23 45 67.")
    assert "1 mobile number is not ported: 41 23 45 67." in reminder


def test_the_quote_pdf_the_numbers_step_offers_follows_the_choice_made_above_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.wizard.quote

    made: list[bytes] = []
    build = ui.wizard.quote.build_quote_pdf

    def recorded(*args: Any, **kwargs: Any) -> bytes:
        made.append(build(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(ui.wizard.quote, "build_quote_pdf", recorded)
    st.cache_data.clear()
    app = numbers_entered()
    next(button for button in app.button if button.label == t("vcid.choice.all")).click().run()
    app.button(key="prepare_quote_pdf").click().run()
    assert not app.exception
    [text] = [pdf_text(pdf) for pdf in made]
    assert t("quote_pdf.not_included.vcid_wanted", "en") in text
    assert t("reason.not_portable.mobile", "en") not in text  # both numbers chosen: none offered
