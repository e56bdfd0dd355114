"""The review before "Send" shows what is being sent: the numbers, the price, the porting days,
each document with its checks and the Virtual Caller ID; and the consent survives a visit to
another page, but not a change to the request."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import document_corpus as corpus
import pytest
from streamlit.testing.v1 import AppTest

from porting.calendar import oslo_today
from porting.documents.findings import Confirmations
from porting.documents.reading import UploadedDocument, check_upload
from porting.i18n import format_date, format_money, t, tn
from porting.quote.timeline import timeline
from porting.rules import rules

APP = str(Path(__file__).resolve().parents[2] / "app.py")
NUMBERS = "21234567\n80012345\n91234567"  # Oslo, toll-free and a mobile number

pytestmark = pytest.mark.usefixtures("own_app_store")


def document(slot: str, data: bytes, name: str) -> UploadedDocument:
    checked = check_upload(slot, name, data)
    assert isinstance(checked, UploadedDocument)
    return checked


def review(documents: dict[str, UploadedDocument] | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=30).run()
    app.text_area[0].input(NUMBERS).run()
    request = app.session_state["porting_request"]
    request.company = corpus.DETAILS
    request.documents = documents if documents is not None else {
        "loa": document("loa", corpus.png_image(), "fullmakt.png"),  # a scan: cannot be checked, only warned
        "invoice": document("invoice", corpus.invoice_pdf(), "faktura.pdf"),
        "registration": document("registration", corpus.firmaattest_pdf(), "firmaattest.pdf"),
    }  # fmt: skip
    request.invoice_day = oslo_today() - timedelta(days=3)
    request.confirmations = Confirmations(
        active=frozenset({"21234567", "80012345"}),
        partial_port=False,
        acknowledged=frozenset(ack.key for ack in rules().acknowledgements),
    )
    app.switch_page("pages/5_submit.py").run()
    assert not app.exception
    return app


def shown(app: AppTest) -> list[str]:
    """The review's lines: each paragraph of each markdown element."""
    return [line for element in app.markdown for line in element.value.split("\n\n")]


def test_the_review_counts_the_numbers_by_type_and_lists_them_all_on_demand() -> None:
    app = review()
    (counts,) = [table for table in app.table if t("numbers.col_type") in table.value.columns]
    assert len(counts.value) == 3 and list(counts.value[t("numbers.col_count")]) == [1, 1, 1]
    label = t("journey_status.review.all_numbers", count="3")
    (expander,) = [found for found in app.expander if found.label == label]
    (listed,) = expander.dataframe
    assert list(listed.value["number"]) == ["21 23 45 67", "800 12 345", "91 23 45 67"]


def test_the_review_shows_the_price_and_the_requested_and_estimated_days() -> None:
    app = review()
    text = shown(app)
    assert t("journey_status.review.requested_none") in text
    plan = timeline(oslo_today())
    assert t("journey_status.review.estimated_day", day=format_date(plan.estimated_porting_day, "en")) in text
    (price,) = [line for line in text if line.startswith("Price")]
    assert (
        tn("journey_status.review.requests", 1) in price and tn("journey_status.review.numbers", 2) in price
    )
    # One request and the two numbers that can be ported: EUR 30.00 plus 2 x EUR 5.00.
    assert f"**{format_money(4000, 'EUR', 'en')}**" in price


def test_a_requested_porting_day_is_shown_as_requested() -> None:
    app = review()
    day = timeline(oslo_today()).estimated_porting_day + timedelta(days=7)
    app.session_state["porting_request"].requested_porting_day = day
    app.run()
    assert t("journey_status.review.requested_day", day=format_date(day, "en")) in shown(app)


def test_each_document_has_one_line_with_its_file_and_whether_its_checks_pass() -> None:
    text = shown(review())
    names = [t(f"uploads.slot.{document.key}") for document in rules().documents]
    lines = [line for line in text if any(name in line for name in names)]
    assert len(lines) == len(rules().documents)
    loa, invoice, registration = lines
    # A scan that cannot be read: warned, not passed.
    assert loa.startswith(":material/warning:") and "fullmakt\\.png" in loa
    passes = t("journey_status.review.document_ok", document=t("uploads.slot.invoice"), name="faktura\\.pdf")
    assert passes in invoice
    assert registration.startswith(":material/check_circle:") and "firmaattest\\.pdf" in registration
    assert invoice.startswith(":material/check_circle:")


def test_a_missing_document_says_so_on_its_line() -> None:
    app = review({"invoice": document("invoice", corpus.invoice_pdf(), "faktura.pdf")})
    missing = t("journey_status.review.document_missing", document=t("uploads.slot.loa"))
    assert f":material/block: {missing}" in shown(app)


def test_a_document_whose_check_fails_names_the_pre_flight_finding() -> None:
    app = review()
    app.session_state["porting_request"].invoice_day = oslo_today() - timedelta(days=90)
    app.run()
    outdated = next(reason for reason in rules().rejection_reasons if reason.key == "outdated_invoice")
    (invoice,) = [line for line in shown(app) if t("uploads.slot.invoice") in line]
    assert invoice == ":material/block: " + t(
        "journey_status.review.document_failing",
        document=t("uploads.slot.invoice"),
        name="faktura\\.pdf",
        status=t("uploads.status.problem"),
        issues=outdated.texts["en"]["issue"],
    )


def test_the_mobile_numbers_offered_the_virtual_caller_id_are_listed() -> None:
    text = shown(review())  # nothing ticked: the customer opts in
    assert tn("journey_status.review.vcid_declined", 1, numbers="91 23 45 67") in text


def test_the_review_shows_the_virtual_caller_id_the_customer_chose() -> None:
    app = review()
    app.session_state["porting_request"].virtual_caller_id = frozenset({"91234567"})
    text = shown(app.run())
    assert tn("journey_status.review.vcid", 1, numbers="91 23 45 67") in text
    declined = tn("journey_status.review.vcid_declined", 1, numbers="").split(":")[0]
    assert not any(line.startswith(declined) for line in text)


def test_the_consent_survives_leaving_the_page() -> None:
    app = review()
    app.checkbox(key="submit_consent").check().run()
    app.switch_page("pages/4_documents.py").run()
    app.switch_page("pages/5_submit.py").run()
    assert app.checkbox(key="submit_consent").value
    send = next(button for button in app.button if button.label == t("submit.button"))
    assert not send.disabled


def test_a_change_after_consent_asks_again() -> None:
    app = review()
    app.checkbox(key="submit_consent").check().run()
    app.switch_page("pages/1_numbers.py").run()
    app.text_area[0].input(NUMBERS + "\n55123456").run()
    app.switch_page("pages/5_submit.py").run()
    assert not app.checkbox(key="submit_consent").value
    assert t("journey_status.review.consent_again") in [info.value for info in app.info]


def test_review_names_the_documents_once_in_their_own_section() -> None:
    app = review()
    everything = [*shown(app), *(caption.value for caption in app.caption)]
    name = t("uploads.slot.invoice")
    assert len([line for line in everything if name in line]) == 1  # not again in the summary
