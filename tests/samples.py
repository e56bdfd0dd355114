"""Sample data several test modules share."""

from __future__ import annotations

from datetime import date

from porting.company import CompanyDetails

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
