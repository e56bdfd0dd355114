"""Two or more current providers: each group of numbers keeps its own account, letter, documents,
pre-flight and stored request, and one provider's request is as it always was."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from samples import BLAABAER
from store_fixtures import Clock

from porting.numbers.intake import Reading, read_numbers
from porting.requests.records import Submitted
from porting.requests.schema import Store
from porting.wizard import steps
from porting.wizard.providers import (
    account_problems,
    base_slot,
    company_complete,
    document_slot,
    group_details,
    group_documents,
    provider_groups,
    required_slots,
)
from porting.wizard.state import PortingRequest, ProviderAccount, from_state, to_state

TODAY = date(2027, 3, 1)
NUMBERS = "21 23 45 67\n22 33 44 55\n23 34 45 56\n41 23 45 67"  # the last is mobile: not ported
TELIA = ProviderAccount("Telia Norge AS", "TN-998877")


def two_providers(**changes: object) -> PortingRequest:
    """Numbers at two providers: 22 33 44 55 is with the second, the others with the company's own."""
    request = PortingRequest(
        numbers_text=NUMBERS, provider_count=2, provider_of={"22334455": 1}, company=replace(BLAABAER)
    )
    request.company = replace(request.company, requested_date=None)
    for name, value in changes.items():
        setattr(request, name, value)
    return request


def reading_of(request: PortingRequest) -> Reading:
    return read_numbers(request.numbers_text)


def test_each_provider_of_the_quote_holds_the_numbers_assigned_to_it() -> None:
    request = two_providers()
    groups = provider_groups(request, reading_of(request))
    assert [group.index for group in groups] == [0, 1]
    assert [row.national for row in groups[0].numbers] == ["21234567", "23344556"]
    assert [row.national for row in groups[1].numbers] == ["22334455"]
    assert groups[0].account == ProviderAccount("Telenor Norge AS", "1234 5678 90")  # the company's


def test_one_provider_is_one_group_of_every_number_with_the_companys_account() -> None:
    request = PortingRequest(numbers_text=NUMBERS, company=BLAABAER, provider_of={"22334455": 1})
    (group,) = provider_groups(request, reading_of(request))
    assert (group.index, len(group.numbers)) == (0, 3)
    assert group_details(request, 0) == BLAABAER


def test_the_first_providers_account_is_the_companys_own_fields() -> None:
    request = two_providers()
    request.set_provider_account(0, TELIA)
    assert (request.company.current_provider, request.company.account_number) == (
        TELIA.name,
        TELIA.account_number,
    )
    request.set_provider_account(1, ProviderAccount("Ice", "5"))
    assert request.provider_account(0) == TELIA
    assert group_details(request, 1).current_provider == "Ice"
    assert group_details(request, 1).company_name == BLAABAER.company_name


def test_the_company_step_is_done_only_when_every_provider_has_a_name_and_an_account() -> None:
    request = two_providers()
    reading = reading_of(request)
    assert not company_complete(request, reading, TODAY)
    assert not steps.done(steps.Step.COMPANY, request, reading=reading, today=TODAY)
    request.set_provider_account(1, ProviderAccount("Telia Norge AS", ""))
    assert set(account_problems(request.company, request.provider_account(1), TODAY)) == {"account_number"}
    assert not steps.done(steps.Step.COMPANY, request, reading=reading, today=TODAY)
    request.set_provider_account(1, TELIA)
    assert steps.done(steps.Step.COMPANY, request, reading=reading, today=TODAY)


def test_an_account_is_checked_as_the_company_step_checks_the_providers_fields() -> None:
    problems = account_problems(BLAABAER, ProviderAccount("Telia\tNorge", " "), TODAY)
    assert problems["current_provider"].code == "company.control_characters"
    assert problems["account_number"].code == "company.required.account_number"


def test_a_draft_keeps_every_providers_account_and_an_old_draft_still_reads() -> None:
    request = two_providers()
    request.set_provider_account(1, TELIA)
    state = json.loads(json.dumps(to_state(request)))
    resumed = from_state(state, "nb")
    assert resumed.provider_account(1) == TELIA
    assert resumed.provider_account(0) == ProviderAccount("Telenor Norge AS", "1234 5678 90")
    del state["providers"]  # written before there were accounts per provider
    assert from_state(state, "en").providers == ()
    assert from_state(state, "en").company.current_provider == "Telenor Norge AS"


def test_a_draft_whose_first_account_differs_takes_the_companys_fields() -> None:
    state = to_state(two_providers())
    state["providers"] = [
        {"name": "Someone else", "account_number": "0"},
        {"name": "Ice", "account_number": "5"},
    ]
    resumed = from_state(state, "en")
    assert resumed.provider_account(0).name == "Telenor Norge AS"
    assert resumed.provider_account(1).name == "Ice"


def test_a_broken_list_of_accounts_in_a_draft_is_refused_with_a_reason() -> None:
    state = to_state(two_providers())
    state["providers"] = ["Telia"]
    try:
        from_state(state, "en")
    except ValueError as error:
        assert "providers" in str(error)
    else:
        raise AssertionError("a draft with a broken list of accounts was read")


def test_each_provider_has_its_own_letter_and_invoice_slot_and_one_firmaattest() -> None:
    request = two_providers()
    groups = provider_groups(request, reading_of(request))
    assert required_slots(groups) == ("loa", "invoice", "registration", "loa:1", "invoice:1")
    assert (document_slot("loa", 0), document_slot("invoice", 2), document_slot("registration", 2)) == (
        "loa",
        "invoice:2",
        "registration",
    )
    assert base_slot("loa:1") == "loa" and base_slot("registration") == "registration"


def test_a_providers_documents_are_its_own_letter_and_invoice_and_the_shared_firmaattest() -> None:
    from samples import stored_documents

    first = {document.slot: document for document in stored_documents("first")}
    second = {f"{document.slot}:1": replace(document, slot=f"{document.slot}:1")
              for document in stored_documents("second") if document.slot != "registration"}  # fmt: skip
    found = group_documents(first | second, 1)
    assert sorted(found) == ["invoice", "loa", "registration"]
    assert found["loa"].slot == "loa" and found["loa"].data.endswith(b"second")
    assert found["registration"].data.endswith(b"first")
    assert group_documents(first | second, 0)["invoice"].data.endswith(b"first")


def test_the_documents_step_wants_every_providers_letter_and_invoice() -> None:
    from samples import stored_documents

    request = two_providers()
    reading = reading_of(request)
    request.documents = {document.slot: document for document in stored_documents()}
    assert not steps.done(steps.Step.DOCUMENTS, request, reading=reading, today=TODAY)
    for document in stored_documents("second")[:2]:
        request.documents[f"{document.slot}:1"] = replace(document, slot=f"{document.slot}:1")
    assert steps.done(steps.Step.DOCUMENTS, request, reading=reading, today=TODAY)


def test_each_providers_letter_lists_only_its_numbers_and_its_account() -> None:
    import io

    from pypdf import PdfReader

    from porting.letter.loa import build_loa

    request = two_providers()
    request.set_provider_account(1, TELIA)
    for group in provider_groups(request, reading_of(request)):
        pdf = build_loa(group_details(request, group.index), group.numbers, language="en", today=TODAY)
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        shown = {row.display for row in group.numbers}
        assert all(number in text for number in shown)
        others = {"21 23 45 67", "22 33 44 55", "23 34 45 56"} - shown
        assert not any(number in text for number in others)
        assert group.account.account_number in text


def test_each_providers_letter_is_named_for_its_provider() -> None:
    from porting.wizard.providers import letter_filename

    request = two_providers()
    request.set_provider_account(1, TELIA)
    groups = provider_groups(request, reading_of(request))
    names = [letter_filename(request.company, TODAY, group, len(groups)) for group in groups]
    assert names == [
        "LOA-974760673-2027-03-01-1-Telenor-Norge-AS.pdf",
        "LOA-974760673-2027-03-01-2-Telia-Norge-AS.pdf",
    ]
    hostile = replace(groups[1], account=ProviderAccount("../../etc/passwd\x00" + "x" * 500))
    name = letter_filename(request.company, TODAY, hostile, 2)
    assert "/" not in name and len(name) < 100 and name.endswith(".pdf")


def test_the_preflight_of_a_provider_reads_its_own_invoice_for_its_own_numbers() -> None:
    from porting.documents.reading import UploadedDocument
    from porting.wizard.providers import group_preflight

    request = two_providers()
    request.set_provider_account(1, TELIA)
    invoice = "Faktura Blåbærsyltetøy Ærlig AS 974 760 673 Fakturadato: 20.02.2027 Nummer 22 33 44 55"
    request.keep_document(UploadedDocument("invoice:1", "telia.pdf", "pdf", 10, 1, b"telia", text=invoice))
    first, second = provider_groups(request, reading_of(request))

    def notes(findings: tuple[object, ...], check: str) -> list[str]:
        return [
            note.code
            for finding in findings
            for row in finding.rows  # type: ignore[attr-defined]
            if row.check == check
            for note in row.notes
        ]

    assert notes(group_preflight(request, second, TODAY), "invoice_numbers") == []
    assert notes(group_preflight(request, second, TODAY), "invoice_date") == ["preflight.invoice.ok"]
    assert notes(group_preflight(request, first, TODAY), "invoice_date") == ["preflight.invoice.missing"]
    assert request.invoice_day is None  # the first provider's invoice date stays its own


# --- Submitting one request per provider ---------------------------------------------------------


def submit_two(opened: Store, key: str = "tab-two") -> tuple[Submitted, ...]:
    from store_fixtures import DETAILS, documents_of, request_content

    from porting.requests.store import submit_together

    telia = DETAILS | {"current_provider": "Telia Norge AS", "account_number": "TN-998877"}
    return submit_together(
        opened,
        idempotency_key=key,
        language="nb",
        parts=[
            (request_content(details=DETAILS), documents_of("first")),
            (request_content(details=telia), documents_of("second")),
        ],
    )


def test_submitting_two_providers_stores_two_linked_requests_each_with_its_own_status_link(
    store_url: str, clock: Clock
) -> None:
    from porting.requests.schema import Mailing
    from porting.requests.store import by_reference, by_token, open_store

    opened = open_store(store_url, clock=clock, mailing=Mailing("https://porting.example", "team@example.no"))
    try:
        first, second = submit_two(opened)
        assert first.reference != second.reference and first.token != second.token
        one, two = by_token(opened, first.token), by_token(opened, second.token)
        assert one is not None and two is not None
        assert one.siblings == (second.reference,) and two.siblings == (first.reference,)
        assert two.details is not None and two.details.current_provider == "Telia Norge AS"
        assert {document.slot for document in two.documents} == {"loa", "invoice", "registration"}
        team = by_reference(opened, first.reference)
        assert team is not None and team.siblings == (second.reference,)
        from sqlalchemy import text

        with opened.engine.connect() as connection:
            bodies = (
                connection.execute(text("SELECT body FROM outbox WHERE kind = 'team_new' ORDER BY id"))
                .scalars()
                .all()
            )
        assert len(bodies) == 2
        assert second.reference in bodies[0] and first.reference in bodies[1]
        assert second.token not in bodies[0]  # the team's notice names the reference, never the link
    finally:
        opened.close()


def test_a_double_click_on_two_providers_makes_two_requests_not_four(store: Store) -> None:
    from sqlalchemy import text

    sent = submit_two(store)
    assert submit_two(store) == sent
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM requests")).scalar() == 2


def test_one_provider_is_stored_alone_as_before(store: Store) -> None:
    from store_fixtures import stored_of, submit_sample

    from porting.requests.schema import RequestRow, transaction

    sent = submit_sample(store)
    assert stored_of(store, sent).siblings == ()
    with transaction(store, write=False) as session:
        row = session.get(RequestRow, stored_of(store, sent).id)
        assert row is not None and row.group_id is None and row.idempotency_key == "browser-tab-1"


def test_the_request_groups_revision_upgrades_and_downgrades(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import inspect

    from porting.requests import migrations, schema
    from porting.requests.store import open_store

    url = f"sqlite:///{tmp_path}/groups.db"
    open_store(url).close()
    engine = schema.engine_for(url)
    try:
        settings = migrations.config()
        with schema.migration_lock(engine) as connection:
            settings.attributes[migrations.CONNECTION] = connection
            command.downgrade(settings, migrations.BASELINE)
        with engine.connect() as connection:
            assert "group_id" not in {
                column["name"] for column in inspect(connection).get_columns("requests")
            }
        with schema.migration_lock(engine) as connection:
            settings.attributes[migrations.CONNECTION] = connection
            command.upgrade(settings, "head")
        with engine.connect() as connection:
            columns = {column["name"] for column in inspect(connection).get_columns("requests")}
            indexes = {index["name"] for index in inspect(connection).get_indexes("requests")}
        assert "group_id" in columns and "ix_requests_group_id" in indexes
    finally:
        engine.dispose()
