"""The price of a port, as the guide sets it: EUR 30.00 per request plus EUR 5.00 per number."""

from __future__ import annotations

import io
import json

import pytest

from porting.cli.main import main
from porting.i18n import format_money
from porting.numbers.intake import combine, read_numbers
from porting.quote.pricing import QuoteError, decimal_text, quote


def test_one_provider_pays_one_request_and_each_portable_number() -> None:
    offer = quote(read_numbers("21234567\n80012345\n85012345"))
    assert (len(offer.requests), offer.portable_numbers, offer.total_cents) == (1, 3, 3000 + 3 * 500)


def test_duplicates_are_priced_once() -> None:
    offer = quote(read_numbers("21234567\n+47 21 23 45 67\n0047 21234567"))
    assert offer.portable_numbers == 1
    assert decimal_text(offer.total_cents) == "35.00"


def test_numbers_that_cannot_be_ported_cost_nothing_and_are_listed_apart() -> None:
    offer = quote(read_numbers("21234567\n41234567\n82012345\n999"))
    assert offer.total_cents == 3500
    assert [row.type for row in offer.not_portable] == ["mobile", "premium_rate", "invalid"]
    assert offer.virtual_caller_id == ("41 23 45 67",)


def test_no_portable_numbers_means_no_request_and_nothing_to_pay() -> None:
    offer = quote(read_numbers("41234567"))
    assert offer.requests == () and offer.total_cents == 0


def test_each_current_provider_is_its_own_request() -> None:
    reading = read_numbers("21234567\n21234568\n80012345")
    offer = quote(reading, assignment={"80012345": 1})
    assert [
        (request.provider, len(request.numbers), request.subtotal_cents) for request in offer.requests
    ] == [
        (0, 2, 4000),
        (1, 1, 3500),
    ]
    assert offer.total_cents == 7500


def test_spreading_over_providers_gives_each_request_at_least_one_number() -> None:
    offer = quote(read_numbers("21234500-09"), providers=3)
    assert [len(request.numbers) for request in offer.requests] == [4, 3, 3]
    assert offer.total_cents == 3 * 3000 + 10 * 500


@pytest.mark.parametrize(
    ("providers", "code"), [(0, "quote.providers_too_few"), (3, "quote.providers_too_many")]
)
def test_impossible_provider_counts_are_refused(providers: int, code: str) -> None:
    with pytest.raises(QuoteError) as error:
        quote(read_numbers("21234567\n80012345"), providers=providers)
    assert error.value.code == code


def test_the_quote_lists_the_documents_from_the_rules() -> None:
    keys = [document.key for document in quote(read_numbers("21234567")).documents]
    assert keys == ["loa", "invoice", "registration"]


def test_money_is_shown_for_each_language() -> None:
    assert format_money(3000, "EUR", "en") == "€30.00"
    assert format_money(3000, "EUR", "nb") == "€\u00a030,00"
    assert format_money(123456789, "EUR", "en") == "€1,234,567.89"
    assert decimal_text(5500) == "55.00"


def test_numbers_repeated_across_files_count_once() -> None:
    reading = combine([read_numbers("21234567\n80012345"), read_numbers("80012345\n85012345")])
    assert [row.duplicate_of for row in reading.rows] == [None, None, 2, None]
    assert quote(reading).portable_numbers == 3


def run_quote(argv: list[str], stdin: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["quote", *argv], stdin=io.StringIO(stdin), stdout=out), out.getvalue()


def test_cli_quote_json_has_price_timeline_and_invoice() -> None:
    code, out = run_quote(
        ["--json", "--start", "2027-03-19", "--providers", "2", "--invoice-date", "2027-03-01"],
        "21234567\n80012345\n41234567\n21234567\n",
    )
    record = json.loads(out)
    assert code == 0
    assert record["numbers"] == {"geographic": 1, "toll_free": 1, "mobile": 1, "portable": 2}
    assert {key: record["price"][key] for key in ("currency", "per_request", "per_number", "total")} == {
        "currency": "EUR",
        "per_request": "30.00",
        "per_number": "5.00",
        "total": "70.00",
    }
    assert (record["price"]["requests"], record["price"]["portable_numbers"]) == (2, 2)
    assert record["timeline"]["start"] == "2027-03-19"
    assert record["timeline"]["estimated_porting_day"] == "2027-04-16"
    assert record["timeline"]["confirmation_window"] == ["2027-04-12", "2027-04-14"]
    assert record["timeline"]["business_days"] == 17
    assert {"date": "2027-03-29", "name": "Easter Monday"} in record["timeline"]["holidays"]
    assert record["invoice"] == {"valid_until": "2027-03-31", "ok": True}


def test_cli_quote_without_start_uses_today_in_oslo() -> None:
    from porting.calendar import oslo_today

    _, out = run_quote(["--json"], "21234567\n")
    assert json.loads(out)["timeline"]["start"] == oslo_today().isoformat()


def test_cli_quote_text_in_norwegian() -> None:
    code, out = run_quote(["--start", "2027-05-10", "--lang", "nb"], "21234567\n")
    assert code == 0
    assert "Totalt: €\u00a035,00" in out
    assert "17. mai 2027" in out


@pytest.mark.parametrize("argv", [["--providers", "5"], ["--start", "2027-13-01"], ["--providers", "x"]])
def test_cli_quote_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code, _ = run_quote(argv, "21234567\n")
    except SystemExit as exit_info:
        code = int(exit_info.code or 0)
    assert code == 2
    assert "Usage error" in capsys.readouterr().err
