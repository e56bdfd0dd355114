"""The team's queue knows which requests were sent together, one per current provider: the console
shows a request's details from the queue, so its "sent together with" line and buttons need them."""

from __future__ import annotations

from store_fixtures import DETAILS, documents_of, request_content, submit_sample

from porting.requests.records import Submitted
from porting.requests.schema import Store
from porting.requests.store import list_requests, submit_together


def submit_two(store: Store, key: str) -> tuple[Submitted, ...]:
    telia = DETAILS | {"current_provider": "Telia Norge AS", "account_number": "TN-998877"}
    return submit_together(
        store,
        idempotency_key=key,
        language="nb",
        parts=[
            (request_content(details=DETAILS), documents_of("first")),
            (request_content(details=telia), documents_of("second")),
        ],
    )


def test_the_queue_lists_each_request_with_the_references_sent_together_with_it(store: Store) -> None:
    alone = submit_sample(store)
    first, second = submit_two(store, "tab-a")
    third, fourth = submit_two(store, "tab-b")
    siblings = {request.reference: request.siblings for request in list_requests(store)}
    assert siblings == {
        alone.reference: (),
        first.reference: (second.reference,),
        second.reference: (first.reference,),
        third.reference: (fourth.reference,),
        fourth.reference: (third.reference,),
    }


def test_a_filtered_queue_still_names_the_requests_sent_together_outside_the_filter(store: Store) -> None:
    first, second = submit_two(store, "tab-c")
    (found,) = list_requests(store, search=second.reference)
    assert found.siblings == (first.reference,)
