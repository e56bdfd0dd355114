"""Sample data several test modules share."""

from __future__ import annotations

from datetime import date

from porting.company import CompanyDetails
from porting.documents import UploadedDocument

# A company whose name and town have every Norwegian letter, for round trips through PDFs.
BLAABAER = CompanyDetails(
    org_number="974760673",
    company_name="Blåbærsyltetøy Ærlig AS",
    address="Storgata 12",
    postcode="9008",
    city="Tromsø",
    signatory_name="Kari Østgård",
    signatory_title="Daglig leder",
    email="kari.ostgard@blaabaer.no",
    phone="+47 77 60 12 34",
    current_provider="Telenor Norge AS",
    account_number="1234 5678 90",
    requested_date=date(2027, 4, 15),
)

# What a customer types on the company step after the register filled name and address.
TYPED_BY_HAND = {
    "signatory_name": "Kari Nordmann",
    "signatory_title": "Daglig leder",
    "email": "kari@fjordlinje.no",
    "phone": "+47 22 33 44 55",
    "current_provider": "Telenor Norge AS",
    "account_number": "1234567",
}


def stored_documents(marker: str = "", invoice_name: str = "faktura-2026-11.pdf") -> list[UploadedDocument]:
    """An LOA, an invoice and a firmaattest as the store keeps them; ``marker`` makes each set's
    bytes its own."""
    files = {
        "loa": ("LOA signert.pdf", b"%PDF-1.7\n% Fullmakt signert av Kari Nordmann\n%%EOF\n"),
        "invoice": (invoice_name, b"%PDF-1.4\nFakturadato: 03.11.2026\n" + bytes(range(256))),
        "registration": ("firmaattest.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\xff\x00" * 40),
    }
    documents = []
    for slot, (name, data) in files.items():
        marked = data + marker.encode()
        kind = "pdf" if marked.startswith(b"%PDF") else "png"
        documents.append(UploadedDocument(slot, name, kind, len(marked), 1, marked))
    return documents


# What the served app in the browser tests is configured with (conftest.app_server).
CONSOLE_PASSWORD = "fjord-lighthouse-47"
TEAM_EMAIL = "porting-team@example.no"
MAIL_SENDER = "CloudTalk porting <porting@example.no>"
