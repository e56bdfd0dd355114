"""Who the customer is and where the numbers are today: the details the LOA carries.

The current provider checks the Letter of Authorization against its own records, so these
fields must match them exactly (the guide: "Information must exactly match the current
provider's records").
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

# The fields in the order forms and files use them; also the keys of the CLI's JSON file.
FIELDS = (
    "org_number",
    "company_name",
    "address",
    "postcode",
    "city",
    "signatory_name",
    "signatory_title",
    "email",
    "phone",
    "current_provider",
    "account_number",
    "requested_date",
)


@dataclass(frozen=True)
class CompanyDetails:
    """The company, its authorized signatory and its account at the current provider."""

    org_number: str = ""  # organisasjonsnummer, as typed; see ``validate_org_number``
    company_name: str = ""  # the legal name, as in the Brønnøysund register
    address: str = ""  # street address (forretningsadresse), lines joined by ", "
    postcode: str = ""
    city: str = ""
    signatory_name: str = ""  # who signs the LOA for the company
    signatory_title: str = ""
    email: str = ""  # contact e-mail
    phone: str = ""  # contact phone
    current_provider: str = ""  # avgivende tilbyder
    account_number: str = ""  # customer or account number at the current provider
    requested_date: date | None = None  # requested porting day, if any

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> CompanyDetails:
        """Details from a mapping such as a JSON object; unknown keys are ignored, text is stripped."""
        known = {field.name for field in fields(cls)}
        cleaned: dict[str, Any] = {}
        for key, value in values.items():
            if key not in known or value is None:
                continue
            if key == "requested_date":
                cleaned[key] = value if isinstance(value, date) else date.fromisoformat(str(value))
            else:
                cleaned[key] = str(value).strip()
        return cls(**cleaned)
