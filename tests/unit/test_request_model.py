"""The stored request's one model: rows the old submit wrote still read and print the same, the
wizard writes exactly what it wrote, and a column the model does not fit is a clear store error."""

from __future__ import annotations

import argparse
import io
import json
import zipfile
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError
from samples import BLAABAER, stored_documents
from sqlalchemy import update
from store_fixtures import NUMBERS, request_content, stored_of, submit_sample

from porting.cli.requests import add_requests_parser, requests_command
from porting.documents.findings import Confirmations
from porting.documents.preflight import preflight
from porting.i18n import LANGUAGES, t
from porting.numbers.intake import read_numbers
from porting.quote.pricing import quote
from porting.quote.report import quote_record
from porting.quote.timeline import timeline
from porting.requests.archive import export_archive
from porting.requests.model import RequestContent, StoredNumber, StoredQuote
from porting.requests.records import to_json
from porting.requests.schema import RequestRow, StoreError, transaction
from porting.requests.store import Store, by_reference

OLD = Path(__file__).parent.parent / "fixtures" / "stored_request_v1"
OLD_COLUMNS: dict[str, str] = json.loads((OLD / "columns.json").read_text(encoding="utf-8"))


def _write_columns(store: Store, reference: str, **columns: str) -> None:
    """Overwrite JSON columns of a stored row, as an older version of the app left them."""
    with transaction(store, write=True) as session:
        session.execute(update(RequestRow).where(RequestRow.reference == reference).values(**columns))


def _old_row(store: Store) -> str:
    """A request row whose JSON columns are those the old submit wrote."""
    submitted = submit_sample(store, documents=stored_documents())
    _write_columns(store, submitted.reference, **OLD_COLUMNS)
    return submitted.reference


def _show_json(store: Store, reference: str) -> str:
    parser = argparse.ArgumentParser(prog="python -m porting")
    add_requests_parser(parser.add_subparsers(dest="command", required=True), "en")
    url = store.engine.url.render_as_string(hide_password=False)
    arguments = parser.parse_args(["requests", "show", "--database", url, reference, "--json"])
    out = io.StringIO()
    requests_command(arguments, "en", out)
    return out.getvalue()


def test_a_row_the_old_submit_wrote_shows_byte_for_byte_as_before(store: Store) -> None:
    reference = _old_row(store)
    assert reference == "NO-2026-000001"
    assert _show_json(store, reference) == (OLD / "show.json").read_text(encoding="utf-8")


def test_a_row_the_old_submit_wrote_archives_the_same_manifest(store: Store) -> None:
    request = by_reference(store, _old_row(store))
    assert request is not None
    with zipfile.ZipFile(io.BytesIO(export_archive(store, request).data)) as archive:
        assert archive.read("manifest.json") == (OLD / "manifest.json").read_bytes()


def test_a_row_the_old_submit_wrote_reads_as_typed_attributes(store: Store) -> None:
    request = by_reference(store, _old_row(store))
    assert request is not None and request.details is not None
    assert (request.details.company_name, request.details.rest) == ("Blåbærsyltetøy Ærlig AS", "kept")
    assert request.details.requested_date == date(2027, 4, 15)
    assert [(n.national, n.type, n.portable) for n in request.numbers][:3] == [
        ("21234567", "geographic", True),
        ("81512345", "special_service", False),
        ("80012345", "toll_free", True),
    ]
    assert request.numbers[-1].e164 is None and request.numbers[-1].type == "invalid"
    assert (str(request.quote.total), request.quote.currency, request.quote.requests) == ("40.00", "EUR", 1)
    assert request.timeline.confirmation_window == (date(2027, 4, 9), date(2027, 4, 13))
    assert [item.status for item in request.preflight] == ["warning", "warning", "warning", "ok", "ok"]


def _wizard_content() -> RequestContent:
    """What the wizard computes for the old row's request (see stored_request_v1/README.md)."""
    reading = read_numbers("21 23 45 67\n815 12 345\n800 12 345\n21 23 45 67\n123\n4444")
    documents = {document.slot: document for document in stored_documents()}
    confirmations = Confirmations(partial_port=True, rest="kept")
    day = date(2026, 11, 24)
    findings = preflight(
        BLAABAER, reading, documents, invoice_day=date(2026, 11, 3), submission_day=day, registry=None,
        confirmations=confirmations,
    )  # fmt: skip
    plan = timeline(day, BLAABAER.requested_date)
    return RequestContent.of(BLAABAER, "kept", reading.unique_rows, quote(reading), plan, findings, "nb")


def test_the_wizard_writes_the_columns_the_old_submit_wrote() -> None:
    columns = _wizard_content().columns()
    expected = json.loads(OLD_COLUMNS["preflight_json"])
    # Since the letter is read as well, the letter that is a scan says so first in "mismatched info".
    letter = t("preflight.mismatched.unreadable.loa", "en")
    expected[1]["finding"] = f"{letter} {expected[1]['finding']}"
    stored = json.loads(columns.pop("preflight_json"))
    # Each reason now keeps the checks that made it, as the wizard showed them; the rest is as before.
    assert [item.pop("rows") for item in stored][2] == [
        {"check": "active", "state": "warning", "finding": stored[2]["finding"]}
    ]
    assert stored == expected
    assert columns == {name: value for name, value in OLD_COLUMNS.items() if name != "preflight_json"}


def test_a_quote_stored_in_the_quote_records_shape_reads_as_the_same_quote(store: Store) -> None:
    reading = read_numbers("21 23 45 67\n815 12 345\n800 12 345\n21 23 45 67\n123\n4444")
    record = quote_record(quote(reading), timeline(date(2026, 11, 24)), None, "nb")  # total under "price"
    submitted = submit_sample(store)
    _write_columns(store, submitted.reference, quote_json=to_json(record))
    assert stored_of(store, submitted).quote == _wizard_content().quote
    assert StoredQuote.model_validate(record) == _wizard_content().quote


def test_a_number_of_a_type_the_rules_do_not_have_cannot_be_built() -> None:
    with pytest.raises(ValidationError, match="'shared_cost' is not a number type of the rules"):
        request_content(numbers=[{**NUMBERS[1], "type": "shared_cost"}])


def test_a_stored_column_the_model_does_not_fit_is_a_store_error_with_a_catalogue_message(
    store: Store,
) -> None:
    submitted = submit_sample(store)
    drifted = [{**number, "type": "shared_cost"} for number in json.loads(OLD_COLUMNS["numbers_json"])]
    _write_columns(store, submitted.reference, numbers_json=json.dumps(drifted))
    with pytest.raises(StoreError) as refused:
        stored_of(store, submitted)
    error = refused.value
    assert error.code == "store.request.invalid"
    params = dict(error.params)
    assert params == {"reference": submitted.reference, "column": "numbers", "fields": params["fields"]}
    assert "type" in params["fields"] and "Blåbær" not in str(error)  # which field, never a value
    for language in LANGUAGES:
        assert submitted.reference in t(error.code, language, **params)


def test_an_unreadable_column_is_named_in_the_reader_s_language() -> None:
    params = {"reference": "NO-2026-000123", "fields": "type"}
    for column in RequestContent.model_fields:
        for language in LANGUAGES:
            shown = t("store.request.invalid", language, column=column, **params)
            assert t(f"store.column.{column}", language) in shown
    norwegian = t("store.request.invalid", "nb", column="numbers", **params)
    assert "numrene" in norwegian and "numbers" not in norwegian


def test_a_decision_is_stored_only_once_there_is_one() -> None:
    number = StoredNumber.model_validate(NUMBERS[0])
    assert "decision" not in number.model_dump(mode="json")
    accepted = number.decided(None).model_dump(mode="json")
    assert accepted == {**NUMBERS[0], "decision": "accepted", "reason": None}
    assert number.decided("inactive_number").decision == "rejected"
    assert asdict(BLAABAER).keys() <= request_content().details.model_dump().keys()
