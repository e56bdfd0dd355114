"""Saving a draft as the customer goes: documents that did not change are kept as they are stored,
by their SHA-256, so a save writes only what is new."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, select

from porting.requests import drafts
from porting.requests.schema import DraftDocumentRow, Store, transaction

LOA = drafts.DraftDocument("loa", "LOA.pdf", b"%PDF-1.7 signed letter")
INVOICE = drafts.DraftDocument("invoice", "faktura.pdf", b"%PDF-1.7 invoice of March")


def _save(store: Store, token: str | None, *documents: drafts.DraftDocument, text: str = "2123") -> str:
    return drafts.save(store, token=token, language="nb", state={"numbers_text": text}, documents=documents)


def _rows(store: Store) -> dict[str, tuple[int, str]]:
    with transaction(store, write=False) as session:
        rows = session.scalars(select(DraftDocumentRow)).all()
        return {row.slot: (row.id, row.name) for row in rows}


@contextmanager
def _statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements ``store`` runs inside the block."""
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def test_a_document_knows_its_sha256() -> None:
    assert LOA.sha256 == hashlib.sha256(LOA.data).hexdigest()


def test_saving_again_keeps_the_unchanged_documents_without_writing_them(store: Store) -> None:
    token = _save(store, None, LOA, INVOICE)
    before = _rows(store)
    with _statements(store) as seen:
        assert _save(store, token, LOA, INVOICE, text="21 23 45 68") == token
    assert _rows(store) == before  # the same rows: neither deleted nor inserted again
    touched = [statement for statement in seen if "draft_documents" in statement]
    assert touched and all(statement.lstrip().upper().startswith("SELECT") for statement in touched)
    assert not any("draft_documents.data" in statement for statement in touched)  # bytes not read either
    draft = drafts.load(store, token)
    assert draft is not None and draft.state["numbers_text"] == "21 23 45 68"
    assert {document.slot: document.data for document in draft.documents} == {
        "loa": LOA.data,
        "invoice": INVOICE.data,
    }


def test_a_changed_document_is_replaced_and_a_removed_one_deleted(store: Store) -> None:
    token = _save(store, None, LOA, INVOICE)
    before = _rows(store)
    signed_again = drafts.DraftDocument("loa", "LOA.pdf", b"%PDF-1.7 signed again")
    _save(store, token, signed_again)
    after = _rows(store)
    assert set(after) == {"loa"} and after["loa"] != before["loa"]
    draft = drafts.load(store, token)
    assert draft is not None and [document.data for document in draft.documents] == [signed_again.data]


def test_a_renamed_document_is_stored_under_its_new_name(store: Store) -> None:
    token = _save(store, None, INVOICE)
    _save(store, token, drafts.DraftDocument("invoice", "invoice-march.pdf", INVOICE.data))
    draft = drafts.load(store, token)
    assert draft is not None and [document.name for document in draft.documents] == ["invoice-march.pdf"]
