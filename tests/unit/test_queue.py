"""The team's queue in the database (``porting.requests.queue``): a few hundred requests paged
newest or oldest first, filtered by status, searched by reference, company name (Norwegian
letters folded), organisation number and number in any spacing; the search columns kept current
when numbers move or a request is made anonymous; revisions 0003 and 0008 up and down.

Runs on SQLite always and on PostgreSQL when ``DATABASE_URL`` names one (``store_fixtures``).
"""

from __future__ import annotations

from datetime import date

import pytest
import revisions
import sqlalchemy as sa
from sqlalchemy import inspect
from store_fixtures import DETAILS, NUMBERS, Clock, count_rows, move, stored_of, submit_sample

from porting.requests import migrations
from porting.requests.queue import MAX_PAGE_SIZE, NEWEST, OLDEST, PAGE_SIZE, queue_page
from porting.requests.retention import anonymise
from porting.requests.schema import Store, StoreError, open_store
from porting.requests.search import MAX_SEARCH_CHARACTERS
from porting.requests.store import decide_numbers, list_requests

MANY = 230  # requests: five pages, the last one short


def _number(index: int) -> dict[str, object]:
    national = f"22{index:06d}"
    spaced = f"{national[:2]} {national[2:4]} {national[4:6]} {national[6:]}"
    return NUMBERS[0] | {"input": spaced, "e164": f"+47{national}", "display": spaced}


def _submit_many(store: Store) -> list[str]:
    """``MANY`` requests, each with a company and a number of its own; every fifth under review."""
    references = []
    for index in range(MANY):
        details = DETAILS | {"company_name": f"Firma {index:03d} AS", "org_number": f"9{index:08d}"}
        sent = submit_sample(store, f"tab-{index}", details=details, numbers=[_number(index)], documents=[])
        if index % 5 == 0:
            move(store, sent, "under_review")
        references.append(sent.reference)
    return references


def _pages(store: Store, **filters: object) -> tuple[list[str], set[int]]:
    """Every page of the queue with ``filters``, in order: the references and the totals seen."""
    seen: list[str] = []
    totals: set[int] = set()
    offset = 0
    while True:
        page = queue_page(store, offset=offset, **filters)  # type: ignore[arg-type]
        totals.add(page.total)
        if not page.requests:
            return seen, totals
        assert len(page.requests) <= PAGE_SIZE
        seen += [request.reference for request in page.requests]
        offset += PAGE_SIZE


def _found(store: Store, search: str) -> list[str]:
    return [request.reference for request in queue_page(store, search=search).requests]


def test_pages_hold_every_request_once_newest_or_oldest_first(store: Store) -> None:
    references = _submit_many(store)

    assert _pages(store) == (references[::-1], {MANY})
    assert _pages(store, order=OLDEST) == (references, {MANY})
    reviewed = references[::5]
    assert _pages(store, status="under_review", order=NEWEST) == (reviewed[::-1], {len(reviewed)})
    assert _pages(store, status="received", order=OLDEST)[0] == [r for r in references if r not in reviewed]
    assert _pages(store, status="ported") == ([], {0})
    # A search that matches many is paged and counted too: "Firma 1" is Firma 100 to 199.
    assert _pages(store, search="firma 1", order=OLDEST) == (references[100:200], {100})
    assert _found(store, "Firma 042 AS") == [references[42]]
    assert _found(store, "900000042") == [references[42]]  # the organisation number
    assert _found(store, "22 00 01 7") == references[170:180][::-1]  # a number's first digits
    assert _found(store, references[7]) == [references[7]]


def test_a_search_folds_case_spaces_and_the_norwegian_letters(store: Store) -> None:
    first = submit_sample(store, "tab-1")  # Blåbærsyltetøy Ærlig AS, 974760673, 21 23 45 67
    second = submit_sample(store, "tab-2", details=DETAILS | {"company_name": "Østlandet Rør AS"}, numbers=[])

    for search in ("BLÅBÆRSYLTETØY", "blåbær", "Blaabaer", "blabaersyltetoy", "bLåBæR sYlTeTøY", "ærlig"):
        assert _found(store, search) == [first.reference], search
    for search in ("østlandet", "ØSTLANDET RØR", "Oestlandet", "ostlandet ror", "Østlandet  Rør  AS"):
        assert _found(store, search) == [second.reference], search
    assert _found(store, "as") == [second.reference, first.reference]
    assert _found(store, "Nordlys") == []
    assert _found(store, "ærlig østlandet") == []  # one field at a time: never across two


@pytest.mark.parametrize("word", ["e48f", "Eik", "oe", "aa", "a"])
def test_a_norwegian_letter_spelt_out_before_a_word_that_begins_with_its_spelling_is_found(
    store: Store, word: str
) -> None:
    sent = submit_sample(store, "tab-1", details=DETAILS | {"company_name": f"Kølabrygga Ærø {word} Nå AS"})

    for search in (f"ÆRØ {word} nå", f"AEROE {word.upper()} NAA", f"ærø {word}", f"ro {word}", "Kølabrygga"):
        assert _found(store, search) == [sent.reference], search


def test_a_number_is_found_in_any_spacing_and_the_organisation_number_with_spaces(store: Store) -> None:
    first = submit_sample(store, "tab-1")  # 21 23 45 67 and 815 12 345
    submit_sample(store, "tab-2", details=DETAILS | {"org_number": "987654321"}, numbers=[_number(1)])

    for search in (
        "+47 21 23 45 67", "+4721234567", "0047 21 23 45 67", "21234567", "21-23-45-67", "(21) 23.45",
        "212 34", "4721 23", "815 12", " 81512345 ", "974 760 673", "974760673",
    ):  # fmt: skip
        assert _found(store, search) == [first.reference], search
    assert _found(store, "+47 99") == []  # no such number; the country code alone is not a match
    assert _found(store, "234567") == []  # a number's first digits, not its middle


def test_wildcards_are_searched_for_as_they_are_and_control_characters_not_at_all(store: Store) -> None:
    sent = submit_sample(store, "tab-1")

    assert _found(store, "%") == [] and _found(store, "_") == [] and _found(store, "\\") == []
    assert _found(store, "\x00") == [sent.reference]  # nothing to search for: the whole queue
    assert _found(store, "blå\x00bær\u200b") == [sent.reference]


def test_a_search_too_long_a_page_too_large_or_a_negative_offset_is_refused(store: Store) -> None:
    with pytest.raises(StoreError) as long_search:
        queue_page(store, search="x" * (MAX_SEARCH_CHARACTERS + 1))
    assert long_search.value.code == "store.queue.search_too_long"
    assert queue_page(store, search="x" * MAX_SEARCH_CHARACTERS).total == 0
    for arguments, code in (
        ({"limit": 0}, "store.queue.limit"),
        ({"limit": MAX_PAGE_SIZE + 1}, "store.queue.limit"),
        ({"offset": -1}, "store.queue.offset"),
        ({"order": "sideways"}, "store.queue.order"),
        ({"status": "lost"}, "store.status.unknown"),
    ):
        with pytest.raises(StoreError) as refused:
            queue_page(store, **arguments)  # type: ignore[arg-type]
        assert refused.value.code == code


def test_numbers_moved_to_a_request_of_their_own_are_found_there(store: Store) -> None:
    sent = submit_sample(store)
    kept, moved = decide_numbers(
        store, stored_of(store, sent), {"+4781512345": "inactive_number"}, actor="Kari", split=True
    )

    assert moved is not None
    assert _found(store, "815 12 345") == [moved.reference]
    assert _found(store, "21 23 45 67") == [kept.reference]
    assert _found(store, "blåbær") == [moved.reference, kept.reference]


def test_an_anonymous_request_is_no_longer_found_by_its_name_or_numbers(store: Store, clock: Clock) -> None:
    sent = submit_sample(store)
    move(store, sent, "cancelled")

    assert anonymise(store, retention_days=90, today=date(2027, 6, 1)) == 1
    assert _found(store, "blåbær") == [] and _found(store, "21234567") == []
    assert _found(store, sent.reference) == [sent.reference]
    assert count_rows(store, "request_numbers") == 0


def test_revision_0003_goes_down_and_up_and_fills_in_the_rows_before_it(store_url: str, clock: Clock) -> None:
    store = open_store(store_url, clock=clock)
    first = submit_sample(store, "tab-1")
    east = {"company_name": "Østlandet Rør AS", "org_number": "987654321"}
    second = submit_sample(store, "tab-2", details=DETAILS | east, numbers=[])
    revisions.downgrade(store.engine, "0002")
    tables = inspect(store.engine)
    assert not {"request_numbers", "request_search"} & set(tables.get_table_names())
    store.close()

    store = open_store(store_url, clock=clock)  # brought to head again: 0003 fills the rows in
    try:
        with store.engine.connect() as connection:
            assert migrations.current(connection) == migrations.head()
        assert _found(store, "ØSTLANDET ror") == [second.reference]
        assert _found(store, "+47 21 23 45") == [first.reference]
        assert _found(store, "974 760 673") == [first.reference]
        assert count_rows(store, "request_numbers") == 2  # the first's two numbers; the second has none
        assert count_rows(store, "request_search") == 2
        assert [found.reference for found in list_requests(store)] == [second.reference, first.reference]
    finally:
        store.close()



def test_revision_0008_folds_the_search_text_of_the_rows_before_it_anew(store_url: str, clock: Clock) -> None:
    store = open_store(store_url, clock=clock)
    sent = submit_sample(store, "tab-1", details=DETAILS | {"company_name": "Ærø e48f AS"})
    revisions.downgrade(store.engine, "0007")
    assert _search_text(store) == "aero48fas"  # as 0003 folded it: "ÆROE E48F" was never found
    store.close()

    store = open_store(store_url, clock=clock)  # brought to head again: 0008 folds the rows again
    try:
        assert _search_text(store) == "aeroe48fas"
        assert _found(store, "ÆROE E48F") == [sent.reference]
    finally:
        store.close()


def _search_text(store: Store) -> str:
    """The folded company name of the one request in ``store``'s search table."""
    with store.engine.connect() as connection:
        text = connection.execute(sa.text("SELECT text FROM request_search")).scalar_one()
    return str(text).split("\n")[1]
